import type { WebSocket } from 'ws';
import { closeCodes, type OutboundFrame } from './frames.js';
import { TokenBucket } from './rateLimit.js';

export interface ConnectionLimits {
  /** Frames a client may send per second (sustained) and in a burst. */
  framesPerSecond: number;
  frameBurst: number;
  /** Bytes a client may send per second (sustained) and in a burst. */
  bytesPerSecond: number;
  byteBurst: number;
  /** Largest frame handled; bigger ones get `frame_too_large` and are dropped. */
  maxFrameBytes: number;
  /** Bytes queued towards a client before it counts as a slow consumer and is dropped. */
  sendHighWaterMark: number;
  /** Dropped frames in a row (flood) before the connection is closed with 1008. */
  maxConsecutiveDrops: number;
  /** Topics one connection may subscribe to. */
  maxTopics: number;
  /** Requests waiting for their handler on one connection. */
  maxPending: number;
}

export const defaultLimits: ConnectionLimits = {
  framesPerSecond: 20,
  frameBurst: 40,
  bytesPerSecond: 256 * 1024,
  byteBurst: 512 * 1024,
  maxFrameBytes: 64 * 1024,
  sendHighWaterMark: 1024 * 1024,
  maxConsecutiveDrops: 200,
  maxTopics: 200,
  maxPending: 64,
};

let nextId = 0;

/**
 * One client socket and what the gateway knows about it. `principal` is whatever the
 * endpoint's authenticate hook returned; handlers may replace it (e.g. after a hello frame).
 */
export class Connection<P> {
  readonly id = `c${(++nextId).toString(36)}`;
  readonly topics = new Set<string>();
  /** Free space for the endpoint's per-connection state. */
  readonly state = new Map<string, unknown>();
  alive = true;
  consecutiveDrops = 0;
  pending = 0;
  lastRateError = 0;
  private readonly frames: TokenBucket;
  private readonly bytes: TokenBucket;
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    public principal: P,
    readonly limits: ConnectionLimits,
    private readonly onSlowConsumer: (conn: Connection<P>) => void,
  ) {
    this.frames = new TokenBucket(limits.frameBurst, limits.framesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
  }

  /** Counts one inbound frame against both buckets; false when it must be dropped. */
  admit(size: number): boolean {
    return this.frames.take(1) && this.bytes.take(size);
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN && !this.closing;
  }

  send(frame: OutboundFrame): boolean {
    return this.sendRaw(JSON.stringify(frame));
  }

  /**
   * Sends pre-serialised JSON (fan-out serialises once for all receivers). A client whose
   * queue passed the high-water mark is dropped rather than buffered without bound.
   */
  sendRaw(data: string): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount + data.length > this.limits.sendHighWaterMark) {
      this.onSlowConsumer(this);
      this.close(closeCodes.slowConsumer, 'slow consumer');
      return false;
    }
    this.socket.send(data);
    return true;
  }

  error(code: string, message: string, ref?: string, field?: string): void {
    this.send({ type: 'error', code, message, ...(ref ? { ref } : {}), ...(field ? { field } : {}) });
  }

  /** Sends a close frame, then cuts the socket if the peer does not finish the handshake soon. */
  close(code: number, reason: string, graceMs = 1000): void {
    if (this.closing) return;
    this.closing = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
      return;
    }
    setTimeout(() => this.socket.terminate(), graceMs).unref();
  }
}
