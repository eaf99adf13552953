import type { AppContext } from '../../../context.js';
import { randomToken } from '../../../platform/crypto.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { ConnectorsTable } from '../../../platform/db/schema.js';
import { notFound, uniqueOn } from '../../../platform/http/errors.js';
import { audit } from '../../identity/audit.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';

export type ConnectorRow = ConnectorsTable;
type Who = { actor: AgentActor; origin: RequestOrigin };

/** A fresh secret: 256 bits, prefixed so a leaked one is recognisable in logs and scanners. */
const newSecret = (kind: 'in' | 'cb') => `ldc_${kind}_${randomToken(32)}`;

export const connectorByName = (db: DbOrTx, name: string) => db.selectFrom('connectors').selectAll().where('name', '=', name).executeTakeFirst();
export const connectorById = (db: DbOrTx, id: string) => db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
export const listConnectors = (db: DbOrTx) => db.selectFrom('connectors').selectAll().orderBy('name').execute();

/** Registers a bridge; both secrets are generated here and returned once. */
export async function connectorCreator(ctx: AppContext, input: Who & { name: string; displayName: string; callbackUrl: string; enabled: boolean }): Promise<ConnectorRow> {
  return uniqueOn('name', `A connector named ${input.name} exists already.`, () =>
    ctx.transaction(async (trx) => {
      const now = nowIso();
      const row: ConnectorRow = {
        id: newId(), name: input.name, display_name: input.displayName, inbound_secret: newSecret('in'), callback_url: input.callbackUrl,
        callback_secret: newSecret('cb'), enabled: input.enabled ? 1 : 0, created_at: now, updated_at: now,
      };
      await trx.insertInto('connectors').values(row).execute();
      await audit(trx, { actor: input.actor, action: 'connector.created', targetType: 'connector', targetId: row.id, origin: input.origin, details: { name: row.name, callbackUrl: row.callback_url, enabled: input.enabled } });
      return row;
    }),
  );
}

/** Changes the display name, callback URL or whether it is enabled (disabled: posts are refused, replies not sent). */
export async function connectorUpdater(ctx: AppContext, input: Who & { name: string; changes: { displayName?: string | undefined; callbackUrl?: string | undefined; enabled?: boolean | undefined } }): Promise<ConnectorRow> {
  return ctx.transaction(async (trx) => {
    const row = await connectorByName(trx, input.name);
    if (!row) throw notFound(`No connector named ${input.name}.`);
    const { displayName, callbackUrl, enabled } = input.changes;
    const next: ConnectorRow = {
      ...row, display_name: displayName ?? row.display_name, callback_url: callbackUrl ?? row.callback_url,
      enabled: enabled === undefined ? row.enabled : enabled ? 1 : 0, updated_at: nowIso(),
    };
    await trx.updateTable('connectors').set({ display_name: next.display_name, callback_url: next.callback_url, enabled: next.enabled, updated_at: next.updated_at }).where('id', '=', row.id).execute();
    await audit(trx, { actor: input.actor, action: 'connector.updated', targetType: 'connector', targetId: row.id, origin: input.origin, details: { name: row.name, ...input.changes } });
    return next;
  });
}

/** Replaces one secret at once: the old one stops working with this commit (the bridge must switch). */
export async function connectorSecretRotator(ctx: AppContext, input: Who & { name: string; secret: 'inbound' | 'callback' }): Promise<{ row: ConnectorRow; secret: string }> {
  return ctx.transaction(async (trx) => {
    const row = await connectorByName(trx, input.name);
    if (!row) throw notFound(`No connector named ${input.name}.`);
    const secret = newSecret(input.secret === 'inbound' ? 'in' : 'cb');
    const updated_at = nowIso();
    await trx.updateTable('connectors').set(input.secret === 'inbound' ? { inbound_secret: secret, updated_at } : { callback_secret: secret, updated_at }).where('id', '=', row.id).execute();
    await audit(trx, { actor: input.actor, action: 'connector.secret_rotated', targetType: 'connector', targetId: row.id, origin: input.origin, details: { name: row.name, secret: input.secret } });
    return { row: { ...row, ...(input.secret === 'inbound' ? { inbound_secret: secret } : { callback_secret: secret }), updated_at }, secret };
  });
}
