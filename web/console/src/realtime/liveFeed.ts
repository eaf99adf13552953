/**
 * The console's live connection: the chat socket (same origin, the session cookie authenticates
 * the upgrade), subscribed to the inbox feed. A dropped socket is retried with backoff; each
 * (re)connection after the first says `resync`, because events sent while offline are lost and
 * the inbox must read the server again.
 */
export type LiveStatus = 'connecting' | 'live' | 'lost';

export interface LiveEvents {
  status(status: LiveStatus): void;
  changed(ticketId: string): void;
  resync(): void;
}

const PATH = '/api/v1/chat/ws';

export class LiveFeed {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private everLive = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private stopped = false;

  constructor(private readonly on: LiveEvents) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
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
      let frame: { type?: string; ref?: string; ticketId?: unknown };
      try {
        frame = JSON.parse(String(ev.data)) as typeof frame;
      } catch {
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
      }
    };
    socket.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.stopped || this.socket !== socket) return;
      this.on.status('lost');
      const delay = Math.min(15_000, 500 * 2 ** this.attempts++);
      this.retryTimer = window.setTimeout(() => this.connect(), delay);
    };
  }
}
