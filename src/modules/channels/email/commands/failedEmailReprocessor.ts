import { buffer } from 'node:stream/consumers';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../../identity/actor.js';
import { audit } from '../../../identity/audit.js';
import type { InboundResult } from '../../adapters.js';
import { emailAdapter } from '../adapter.js';
import { UnparsableEmailError } from '../inbound/normalise.js';

/**
 * An admin runs a kept failed message through the email adapter again once the cause is fixed (a
 * database outage, a bug): it joins or opens its ticket like any new mail, and the failed row
 * turns `ignored`, pointing at where it went. Mail that still cannot be read answers 422
 * `email_unreadable` with the reason and stays listed. Audited.
 */
export async function failedEmailReprocessor({ ctx, actor, origin, emailId }: { ctx: AppContext; actor: AgentActor; origin: RequestOrigin; emailId: string }): Promise<InboundResult> {
  const row = await ctx.db.selectFrom('email_messages').select(['id', 'state', 'raw_key', 'source']).where('id', '=', emailId).where('direction', '=', 'inbound').executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such inbound email.');
  if (row.state !== 'failed' || !row.raw_key) throw new AppError('conflict', 'Only failed mail with a kept source can be processed again.', 'id');
  const raw = await buffer(await ctx.storage.get(row.raw_key));
  let result: InboundResult;
  try {
    result = await emailAdapter.accept(ctx, await emailAdapter.normalise(ctx, raw), { source: row.source ?? 'reprocessed' });
  } catch (err) {
    if (err instanceof UnparsableEmailError) throw new AppError('email_unreadable', `Still cannot be read: ${err.message}.`, 'id');
    throw err;
  }
  await ctx.transaction(async (trx) => {
    await trx.updateTable('email_messages').set({ state: 'ignored', ticket_id: result.ticketId, error: `processed again by an admin: ${result.outcome}` }).where('id', '=', row.id).execute();
    await audit(trx, { actor, action: 'email.reprocessed', targetType: 'email', targetId: row.id, origin, details: { outcome: result.outcome, ticketId: result.ticketId } });
  });
  return result;
}
