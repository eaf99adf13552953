import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { RequestOrigin } from '../../identity/actor.js';
import { audit, type AuditActor } from '../../identity/audit.js';
import type { VerificationChannel } from '../contract.js';
import { exchangeOf } from '../runtime.js';

/** Our own bound on guesses, whatever the exchange allows: five, then a new code must be sent. */
export const MAX_ATTEMPTS = 5;

/**
 * A verification code for one ticket's customer, whoever asks for it — the agent in the side
 * panel or the bot in the chat: the exchange sends it to the email or phone *bound* to the
 * account (never to an address typed in the conversation, which is exactly what an impersonator
 * would supply); each check is counted and audited, the fifth wrong one locks it, and a right one
 * verifies the customer for this ticket (panel/subject.ts `proofOf`).
 */
interface Who {
  actor: AuditActor;
  origin: RequestOrigin;
}

export async function sendCode(ctx: AppContext, input: Who & { ticketId: string; customerId: string; uid: string; channel: VerificationChannel; sentBy: string | null }) {
  const id = newId();
  const challenge = await exchangeOf(ctx).client.sendVerificationCode(input.uid, input.channel, id);
  const row = {
    id, ticket_id: input.ticketId, customer_id: input.customerId, uid: input.uid, channel: input.channel, challenge_id: challenge.challengeId,
    state: 'pending' as const, attempts: 0, sent_by: input.sentBy, created_at: nowIso(), expires_at: challenge.expiresAt, verified_at: null,
  };
  await ctx.transaction(async (trx) => {
    await trx.insertInto('exchange_verifications').values(row).execute();
    await audit(trx, { actor: input.actor, action: 'exchange.verification_sent', targetType: 'ticket', targetId: input.ticketId, origin: input.origin, details: { uid: input.uid, channel: input.channel, sentTo: challenge.sentTo } });
  });
  return { id, channel: input.channel, sentTo: challenge.sentTo, state: row.state, expiresAt: row.expires_at };
}

export type CodeCheck =
  | { outcome: 'no_code' | 'locked' | 'expired' }
  | { outcome: 'verified' | 'wrong'; id: string; channel: VerificationChannel; attemptsLeft: number };

/** Checks `code` against the ticket's latest code. The code itself is never logged nor audited. */
export async function checkCode(ctx: AppContext, input: Who & { ticketId: string; code: string }): Promise<CodeCheck> {
  const pending = await ctx.db.selectFrom('exchange_verifications').selectAll().where('ticket_id', '=', input.ticketId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  if (!pending || pending.state === 'verified') return { outcome: 'no_code' };
  if (pending.state === 'locked' || pending.attempts >= MAX_ATTEMPTS) return { outcome: 'locked' };
  if (pending.expires_at < nowIso()) return { outcome: 'expired' };
  const check = await exchangeOf(ctx).client.checkVerificationCode(pending.uid, pending.challenge_id, input.code);
  const attempts = pending.attempts + 1;
  const state = check.result === 'valid' ? 'verified' : check.result === 'locked' || attempts >= MAX_ATTEMPTS ? 'locked' : 'pending';
  await ctx.transaction(async (trx) => {
    await trx.updateTable('exchange_verifications').set({ attempts, state, verified_at: state === 'verified' ? nowIso() : null }).where('id', '=', pending.id).execute();
    await audit(trx, {
      actor: input.actor, action: state === 'verified' ? 'exchange.customer_verified' : 'exchange.verification_failed', targetType: 'ticket', targetId: input.ticketId, origin: input.origin,
      details: { uid: pending.uid, channel: pending.channel, attempts, result: check.result },
    });
  });
  if (state === 'locked') return { outcome: 'locked' };
  if (check.result === 'expired') return { outcome: 'expired' };
  return { outcome: state === 'verified' ? 'verified' : 'wrong', id: pending.id, channel: pending.channel, attemptsLeft: MAX_ATTEMPTS - attempts };
}
