import type { AppContext } from '../../context.js';
import type { AgentActor } from './actor.js';

/**
 * Resolved API tokens, kept for a few seconds. Hashing the token and joining it to its agent
 * on every call was a tenth of an integration's request cost. Whatever changes credentials
 * (revoking a token, disabling an agent, changing a role) calls `credentialsChanged`: this node
 * forgets at once, and the `identity.credentials_changed` event makes every other node forget
 * too. The short lifetime bounds what a lost event could cost.
 */
export const CREDENTIALS_CHANGED = 'identity.credentials_changed';
const LIFETIME_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: AgentActor | null;
  until: number;
}

const caches = new WeakMap<AppContext, Map<string, Entry>>();

function cacheOf(ctx: AppContext): Map<string, Entry> {
  let cache = caches.get(ctx);
  if (!cache) {
    const created = new Map<string, Entry>();
    ctx.bus.subscribe(CREDENTIALS_CHANGED, () => created.clear());
    caches.set(ctx, (cache = created));
  }
  return cache;
}

export interface ResolvedBearer {
  actor: AgentActor | null;
  /** The token's own expiry (ms since epoch): a cached grant never outlives it. */
  expiresAt: number | null;
}

export async function cachedBearer(ctx: AppContext, token: string, resolve: () => Promise<ResolvedBearer>): Promise<AgentActor | null> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && hit.until > now) return hit.actor;
  const { actor, expiresAt } = await resolve();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, { actor, until: Math.min(now + LIFETIME_MS, expiresAt ?? Infinity) });
  return actor;
}

/** Call after the transaction that changed tokens or agents has committed. */
export function credentialsChanged(ctx: AppContext): void {
  caches.get(ctx)?.clear();
}
