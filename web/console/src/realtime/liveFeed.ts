import { ApiError } from '../api';

/**
 * The console's live connection: the chat socket (same origin, the session cookie authenticates
 * the upgrade), subscribed to the inbox feed. A dropped socket is retried with backoff; each
 * (re)connection after the first says `resync`, because events sent while offline are lost and
 * the inbox must read the server again. Screens also send their own requests on it (chat
 * screens: `queue.watch`, `chat.resume`, `message.send`, `typing`) and hear every other frame.
 */
export type LiveStatus = 'connecting' | 'live' | 'lost';
export type Frame = Record<string, unknown> & { type: string };

export interface LiveEvents {
  status(status: LiveStatus): void;
  changed(ticketId: string): void;
  resync(): void;
  frame(frame: Frame): void;
}

const PATH = '/api/v1/chat/ws';

export class LiveFeed {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private everLive = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private stopped = false;
  private seq = 0;
  private readonly pending = new Map<string, { resolve(data: Record<string, unknown>): void; reject(err: ApiError): void }>();

  constructor(private readonly on: LiveEvents) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends a request frame once the socket is live; resolves with its ack's data, rejects with its error. */
  request(frame: Frame): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new ApiError(0, 'network', 'Not connected.'));
    const id = `r${++this.seq}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** A frame that needs no answer (typing); dropped while disconnected. */
  notify(frame: Frame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private failPending(): void {
    for (const p of this.pending.values()) p.reject(new ApiError(0, 'network', 'The connection was lost.'));
    this.pending.clear();
  }

  stop(): void {
    this.stopped = true;
    this.failPending();
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${PATH}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    if (!this.everLive) this.on.status('connecting');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'inbox.watch', id: 'watch' }));
    socket.onmessage = (ev) => {
      let frame: { type?: string; ref?: string; ticketId?: unknown; data?: unknown; code?: string; message?: string; field?: string };
      try {
        frame = JSON.parse(String(ev.data)) as typeof frame;
      } catch {
        return;
      }
      const waiting = typeof frame.ref === 'string' ? this.pending.get(frame.ref) : undefined;
      if (waiting && (frame.type === 'ack' || frame.type === 'error')) {
        this.pending.delete(frame.ref!);
        if (frame.type === 'ack') waiting.resolve((frame.data ?? {}) as Record<string, unknown>);
        else waiting.reject(new ApiError(0, frame.code ?? 'internal', frame.message ?? '', frame.field));
        return;
      }
      if (frame.type === 'ack' && frame.ref === 'watch') {
        const wasLost = this.attempts > 0 || this.everLive;
        this.attempts = 0;
        this.on.status('live');
        if (wasLost) this.on.resync();
        this.everLive = true;
        // Browsers cannot answer protocol pings themselves late in a background tab; a frame keeps NATs open.
        window.clearInterval(this.pingTimer);
        this.pingTimer = window.setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), 25_000);
      } else if (frame.type === 'inbox.changed' && typeof frame.ticketId === 'string') {
        this.on.changed(frame.ticketId);
      } else if (typeof frame.type === 'string' && frame.type !== 'pong') {
        this.on.frame(frame as Frame);
      }
    };
    socket.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.socket === socket) this.failPending();
      if (this.stopped || this.socket !== socket) return;
      this.on.status('lost');
      const delay = Math.min(15_000, 500 * 2 ** this.attempts++);
      this.retryTimer = window.setTimeout(() => this.connect(), delay);
    };
  }
}
