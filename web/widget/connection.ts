/**
 * The widget's socket: JSON frames, requests paired with their ack by id, an application ping
 * (browsers cannot send protocol pings) and reconnection with backoff. After every (re)connect
 * `onOpen` runs again, where the widget says hello and resumes its chat.
 */
export type Frame = { type: string; [field: string]: unknown };

export class RequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Waiting {
  resolve(data: Record<string, unknown>): void;
  reject(err: Error): void;
}

export interface ConnectionEvents {
  onOpen(): void | Promise<void>;
  onFrame(frame: Frame): void;
  onStatus(online: boolean): void;
}

const PING_MS = 25_000;

export class ChatConnection {
  private socket: WebSocket | null = null;
  private seq = 0;
  private readonly waiting = new Map<string, Waiting>();
  private attempts = 0;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private ready = false;

  constructor(private readonly url: string, private readonly events: ConnectionEvents) {}

  get connected(): boolean {
    return this.ready;
  }

  connect(): void {
    if (this.socket || this.stopped) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.ready = true;
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.events.onStatus(true);
      void this.events.onOpen();
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => this.dropped();
  }

  private receive(data: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(data) as Frame;
    } catch {
      return;
    }
    const ref = typeof frame.ref === 'string' ? frame.ref : null;
    const waiter = ref ? this.waiting.get(ref) : undefined;
    if (waiter && (frame.type === 'ack' || frame.type === 'error')) {
      this.waiting.delete(ref!);
      if (frame.type === 'ack') waiter.resolve((frame.data as Record<string, unknown>) ?? {});
      else waiter.reject(new RequestError(String(frame.code), String(frame.message)));
      return;
    }
    this.events.onFrame(frame);
  }

  private dropped(): void {
    clearInterval(this.pingTimer);
    this.socket = null;
    this.ready = false;
    for (const w of this.waiting.values()) w.reject(new RequestError('disconnected', 'The connection was lost.'));
    this.waiting.clear();
    this.events.onStatus(false);
    if (this.stopped) return;
    // Exponential backoff with jitter, so a restarted server is not hit by every widget at once.
    const delay = Math.min(30_000, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    setTimeout(() => this.connect(), delay);
  }

  send(frame: Frame): boolean {
    if (!this.socket || !this.ready) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  request(frame: Frame): Promise<Record<string, unknown>> {
    const id = `w${++this.seq}`;
    return new Promise((resolve, reject) => {
      if (!this.send({ ...frame, id })) return reject(new RequestError('disconnected', 'Not connected.'));
      this.waiting.set(id, { resolve, reject });
    });
  }

  close(): void {
    this.stopped = true;
    this.socket?.close();
  }
}
