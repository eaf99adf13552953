import { WebSocket, type ClientOptions } from 'ws';

export type Frame = { type: string; [field: string]: unknown };

/**
 * A WebSocket client for tests: records every frame, waits for the next one of a type, and
 * pairs requests with their ack or error by id. Waits are bounded by the test runner's own
 * timeout, never by a clock in the assertion.
 */
export class FrameClient {
  readonly received: Frame[] = [];
  readonly closed: Promise<number>;
  private readonly taken = new Set<Frame>();
  private waiters: (() => void)[] = [];
  private seq = 0;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on('close', (code) => {
      resolve(code);
      this.wake();
    }));
    socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as Frame);
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(url: string, options: ClientOptions = {}): Promise<FrameClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      const client = new FrameClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  send(frame: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string): void {
    this.socket.send(data);
  }

  /** The next frame of `type` (matching `where`) not returned before. */
  async next(type: string, where: (f: Frame) => boolean = () => true): Promise<Frame> {
    for (;;) {
      const found = this.received.find((f) => !this.taken.has(f) && f.type === type && where(f));
      if (found) {
        this.taken.add(found);
        return found;
      }
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for "${type}"`);
      await this.changed();
    }
  }

  /** Sends a request with a fresh id; resolves with its ack, rejects with its error frame. */
  async request(frame: Record<string, unknown>): Promise<Frame & { data: Record<string, unknown> }> {
    const id = `r${++this.seq}`;
    this.send({ ...frame, id });
    for (;;) {
      const found = this.received.find((f) => (f.type === 'ack' || f.type === 'error') && f.ref === id);
      if (found) {
        this.taken.add(found);
        if (found.type === 'error') throw Object.assign(new Error(String(found.message)), found);
        return found as Frame & { data: Record<string, unknown> };
      }
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for the reply to ${frame.type}`);
      await this.changed();
    }
  }

  /** Frames of `type` received so far. */
  all(type: string): Frame[] {
    return this.received.filter((f) => f.type === type);
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    this.socket.close();
  }
}
