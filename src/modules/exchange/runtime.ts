import { ConfigError } from '../../config.js';
import type { AppContext } from '../../context.js';
import { hmac } from '../../platform/crypto.js';
import { ExchangeClient } from './client.js';
import { ExchangeSimulator } from './simulator/server.js';
import { databaseState } from './simulator/state.js';

/**
 * This installation's exchange: the configured one (EXCHANGE_URL), or the built-in simulator on a
 * loopback port of its own. A port of its own rather than a prefix on the app: the client then
 * talks real HTTP to it whether or not the app is listening (tests drive the app through
 * `inject()`), through the same timeouts, signatures and retries as against a real exchange,
 * and the simulator never shares the app's authentication, CSRF or error handling.
 */
export interface ExchangeRuntime {
  client: ExchangeClient;
  /** Present when no exchange is configured. */
  simulator: ExchangeSimulator | null;
  keyId: string;
  /** Shared with the exchange: signs our requests and its risk events. */
  secret: string;
}

const runtimes = new WeakMap<AppContext, ExchangeRuntime>();

export function exchangeOf(ctx: AppContext): ExchangeRuntime {
  const runtime = runtimes.get(ctx);
  if (!runtime) throw new Error('The exchange module is not registered.');
  return runtime;
}

export async function startExchange(ctx: AppContext): Promise<ExchangeRuntime> {
  const { EXCHANGE_URL, EXCHANGE_KEY_ID: keyId, EXCHANGE_SECRET, EXCHANGE_TIMEOUT_MS: timeoutMs } = ctx.config;
  let runtime: ExchangeRuntime;
  if (EXCHANGE_URL) {
    if (!EXCHANGE_SECRET) throw new ConfigError(['EXCHANGE_SECRET=(hidden): required when EXCHANGE_URL is set (at least 32 characters shared with the exchange)']);
    runtime = { client: new ExchangeClient({ baseUrl: EXCHANGE_URL, keyId, secret: EXCHANGE_SECRET, timeoutMs, log: ctx.log }), simulator: null, keyId, secret: EXCHANGE_SECRET };
  } else {
    // Derived from the installation's key, so every node of one installation signs alike.
    const secret = EXCHANGE_SECRET ?? hmac(ctx.secret, 'exchange-simulator');
    const simulator = new ExchangeSimulator(
      { [keyId]: secret },
      (sent) => ctx.log.info({ uid: sent.uid, channel: sent.channel, sentTo: sent.sentTo }, `exchange simulator: verification code ${sent.code} sent to ${sent.sentTo}`),
      // Shared by every node: one simulated exchange per installation, not one per process.
      databaseState(ctx.db),
    );
    const url = await simulator.start();
    ctx.log.info({ url }, 'exchange: no EXCHANGE_URL set, using the built-in simulator');
    runtime = { client: new ExchangeClient({ baseUrl: url, keyId, secret, timeoutMs, log: ctx.log }), simulator, keyId, secret };
  }
  runtimes.set(ctx, runtime);
  return runtime;
}
