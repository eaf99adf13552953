import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db/index.js';

/** Chats an agent takes at once when they never set a limit (the `agent_presence` default). */
export const DEFAULT_MAX_CHATS = 3;
/** Handling time assumed for a team with too little recent history to measure its own. */
export const FALLBACK_HANDLING_SECONDS = 300;

/**
 * The routing state of one running app. Only the clock lives here: business hours, queue
 * waits and ETAs read it, and tests replace it so that nothing depends on the wall clock.
 */
export interface Routing {
  now(): Date;
}

const running = new WeakMap<AppContext, Routing>();

export function routingOf(ctx: AppContext): Routing {
  let found = running.get(ctx);
  if (!found) {
    found = { now: () => new Date() };
    running.set(ctx, found);
  }
  return found;
}

export interface RoutingSettings {
  /** Where a chat goes when no team speaks its language; null = any team (the oldest first). */
  defaultTeamId: string | null;
}

const SETTINGS_KEY = 'routing.settings';

export async function loadRoutingSettings(db: DbOrTx): Promise<RoutingSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  try {
    const parsed = row ? (JSON.parse(row.value) as Partial<RoutingSettings>) : {};
    return { defaultTeamId: typeof parsed.defaultTeamId === 'string' ? parsed.defaultTeamId : null };
  } catch {
    return { defaultTeamId: null };
  }
}

export async function saveRoutingSettings(db: DbOrTx, settings: RoutingSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db.insertInto('settings').values({ key: SETTINGS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
