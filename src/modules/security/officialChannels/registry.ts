import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { invalidField, notFound, uniqueOn } from '../../../platform/http/errors.js';
import { audit } from '../../identity/audit.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { classify, normaliseChannel, type ChannelKind, type OfficialChannel } from './channelCheck.js';

export const listOfficialChannels = (db: DbOrTx) => db.selectFrom('official_channels').selectAll().orderBy('kind').orderBy('value').execute();

export async function officialRegistry(db: DbOrTx): Promise<OfficialChannel[]> {
  return (await listOfficialChannels(db)).map((r) => ({ kind: r.kind, value: r.value, label: r.label }));
}

/** What an admin typed, checked to be that kind of thing before it can vouch for anything. */
function normalisedEntry(kind: ChannelKind, raw: string): string {
  const v = raw.trim();
  if (kind === 'email' && /^@[^\s@]+\.[^\s@]+$/.test(v)) return v.toLowerCase();
  const value = normaliseChannel(kind, v);
  const seen = classify(kind === 'email' || kind === 'phone' || kind === 'domain' ? v : `@${value}`);
  if (!seen.some((c) => c.kind === kind && c.value === value)) {
    const expected = { domain: 'a host name such as example.com', email: 'an address, or @domain for every address there', telegram: 'a handle such as @ExchangeOfficial', x: 'a handle such as @Exchange', phone: 'a number with country code, e.g. +82 2 1234 5678' }[kind];
    throw invalidField('value', `Not a valid ${kind} entry: expected ${expected}.`);
  }
  return value;
}

export async function officialChannelAdder(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; kind: ChannelKind; value: string; label: string }) {
  const value = normalisedEntry(input.kind, input.value);
  return uniqueOn('value', `${value} is already in the registry.`, () =>
    ctx.transaction(async (trx) => {
      const row = { id: newId(), kind: input.kind, value, label: input.label, created_by: input.actor.agentId, created_at: nowIso() };
      await trx.insertInto('official_channels').values(row).execute();
      await audit(trx, { actor: input.actor, action: 'official_channel.added', targetType: 'official_channel', targetId: row.id, origin: input.origin, details: { kind: row.kind, value } });
      return row;
    }),
  );
}

export async function officialChannelRemover(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; id: string }): Promise<void> {
  await ctx.transaction(async (trx) => {
    const row = await trx.selectFrom('official_channels').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row) throw notFound('No such official channel.');
    await trx.deleteFrom('official_channels').where('id', '=', row.id).execute();
    await audit(trx, { actor: input.actor, action: 'official_channel.removed', targetType: 'official_channel', targetId: row.id, origin: input.origin, details: { kind: row.kind, value: row.value } });
  });
}
