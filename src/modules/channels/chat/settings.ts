import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { locales } from '../../../platform/i18n/index.js';
import { identityAlgorithms, type IdentityKey } from '../../identity/widgetIdentity.js';

/** Stored under one `settings` row; the identity key is never sent back in full. */
export const SETTINGS_KEY = 'chat.widget';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb');

export const widgetColours = z.strictObject({
  /** Launcher, header and the customer's bubbles. */
  primary: colour.optional(),
  /** Text on primary-coloured surfaces. */
  onPrimary: colour.optional(),
});

export const greetingSchema = z.partialRecord(z.enum(locales), z.string().trim().max(500));

export const storedSettings = z.object({
  colours: z.object({ primary: colour, onPrimary: colour }),
  greeting: greetingSchema,
  identity: z.object({ algorithm: z.enum(identityAlgorithms), key: z.string() }).nullable(),
});

export type WidgetSettings = z.infer<typeof storedSettings>;

export const defaultSettings: WidgetSettings = {
  colours: { primary: '#1f6feb', onPrimary: '#ffffff' },
  greeting: {},
  identity: null,
};

const CACHE_MS = 5_000;
const cache = new WeakMap<AppContext, { at: number; value: WidgetSettings }>();

export async function readSettings(db: DbOrTx): Promise<WidgetSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return defaultSettings;
  const parsed = storedSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaultSettings;
}

/**
 * Settings of this app, read at most every 5 s per node: a key rotated on one node reaches the
 * others within that bound (the node that saved it sees it at once).
 */
export async function widgetSettings(ctx: AppContext): Promise<WidgetSettings> {
  const hit = cache.get(ctx);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await readSettings(ctx.db);
  cache.set(ctx, { at: Date.now(), value });
  return value;
}

export function forgetSettings(ctx: AppContext): void {
  cache.delete(ctx);
}

export async function writeSettings(db: DbOrTx, value: WidgetSettings): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/** The key tokens are checked with: the admin's, else EXCHANGE_IDENTITY_SECRET (HS256). */
export function identityKeyOf(ctx: AppContext, settings: WidgetSettings): { key: IdentityKey; source: 'settings' | 'environment' } | null {
  if (settings.identity) return { key: settings.identity, source: 'settings' };
  const secret = ctx.config.EXCHANGE_IDENTITY_SECRET;
  return secret ? { key: { algorithm: 'HS256', key: secret }, source: 'environment' } : null;
}
