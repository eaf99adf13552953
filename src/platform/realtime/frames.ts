/**
 * The gateway's wire vocabulary, shared by every WebSocket endpoint. A frame is one JSON
 * object with a `type`; a request may carry an `id` the reply echoes as `ref`. Codes here are
 * stable: clients switch on them, so a code is never renamed or reused (add a new one).
 */
export interface InboundFrame {
  type: string;
  /** Request id chosen by the client; echoed as `ref` on the ack or error. */
  id?: string;
  [field: string]: unknown;
}

export type OutboundFrame = { type: string; [field: string]: unknown };

/** Errors the gateway itself sends; domain handlers add their own codes (see docs/chat-protocol.md). */
export const gatewayErrorCodes = {
  bad_json: 'The frame is not a JSON object.',
  bad_frame: 'The frame has no string "type" (or an invalid "id").',
  unknown_type: 'No handler for this frame type.',
  frame_too_large: 'The frame is larger than allowed; it was dropped.',
  rate_limited: 'Too many frames or bytes per second; frames are being dropped.',
  busy: 'Too many requests waiting on this connection; wait for replies before sending more.',
  internal: 'Something went wrong on our side; it has been logged.',
} as const;

export type GatewayErrorCode = keyof typeof gatewayErrorCodes;

/** Close codes (RFC 6455 ranges: 1xxx protocol, 4xxx application). */
export const closeCodes = {
  /** Server shutting down; reconnect (to another node) after a short pause. */
  goingAway: 1001,
  /** Sustained flood after rate-limit errors. */
  policyViolation: 1008,
  /** Frame above the hard size cap (sent by ws itself). */
  tooBig: 1009,
  /** The client read too slowly: its send buffer passed the high-water mark. */
  slowConsumer: 4008,
} as const;

export class FrameError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/** Parses one text frame; throws FrameError bad_json / bad_frame. */
export function parseFrame(text: string): InboundFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameError('bad_json', gatewayErrorCodes.bad_json);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FrameError('bad_json', gatewayErrorCodes.bad_json);
  const frame = value as Record<string, unknown>;
  if (typeof frame.type !== 'string' || frame.type.length === 0 || frame.type.length > 64) {
    throw new FrameError('bad_frame', gatewayErrorCodes.bad_frame);
  }
  if (frame.id !== undefined && (typeof frame.id !== 'string' || frame.id.length > 64)) {
    throw new FrameError('bad_frame', gatewayErrorCodes.bad_frame);
  }
  return frame as InboundFrame;
}
