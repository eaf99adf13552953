import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

const QUIET_MS = 250;
const STEP_MS = 25;
// net.Server's close only stops listening; http.Server's would also drop idle connections.
const stopListening = NetServer.prototype.close as (this: NetServer) => NetServer;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches the raw HTTP server so shutdown can tell when traffic has stopped. Attached to the
 * raw server: hooks cannot be added to a Fastify instance that is already ready.
 */
export class TrafficMonitor {
  private inFlight = 0;
  private lastConnectionAt = 0;

  constructor(private readonly server: Server) {
    server.on('connection', () => (this.lastConnectionAt = Date.now()));
    server.on('request', (_req, res: ServerResponse) => {
      this.inFlight += 1;
      res.once('close', () => (this.inFlight -= 1));
    });
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /**
   * The listening half of a graceful stop, run after readiness already answers 503:
   * 1. keep accepting until no new connection has arrived for a moment. Connections the kernel
   *    has already completed sit in the accept queue; closing the socket then would reset them,
   *    although their clients have sent their requests. The pause also lets a load balancer
   *    see /readyz fail and stop sending.
   * 2. stop listening, then let every request already received finish.
   * Each phase is bounded by `limitMs` so a steady stream cannot hold the process open.
   */
  async drain(limitMs: number): Promise<void> {
    await this.until(() => Date.now() - this.lastConnectionAt >= QUIET_MS, limitMs);
    stopListening.call(this.server);
    let quietSince = Date.now();
    await this.until(() => {
      if (this.inFlight > 0) quietSince = Date.now();
      return Date.now() - quietSince >= QUIET_MS;
    }, limitMs);
  }

  private async until(done: () => boolean, limitMs: number): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!done() && Date.now() < deadline) await sleep(STEP_MS);
  }
}
