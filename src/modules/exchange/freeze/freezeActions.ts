import type { AppContext } from '../../../context.js';
import type { ActionInput, ActionResult, BotAction } from '../../bot/index.js';
import { systemOrigin } from '../../identity/audit.js';
import { ExchangeError } from '../client.js';
import { securityText } from '../locales/index.js';
import { proofOf } from '../panel/subject.js';
import { exchangeOf } from '../runtime.js';
import { accountFreezer } from './accountFreezer.js';
import { officialHotline } from './securityDesk.js';

/**
 * The emergency freeze as bot flow actions (flow `account-hacked`):
 *
 * - `exchange.freezeCheck`: may this conversation freeze the account? Outcomes `verified` (an
 *   identity the exchange signed, or a code checked on this ticket), `already_frozen`,
 *   `needs_code` (a UID but no proof yet: the flow sends a code first), `unverified` (no UID:
 *   nobody freezes an account on a stranger's word) and `unavailable`.
 *   Sets `checklist` (the evidence the security team needs) and `selfFreeze` (how to freeze it in
 *   the app or by the official hotline), both in the customer's language.
 * - `exchange.freezeAccount`: after the customer confirmed — freezes through the exchange, records
 *   it on the ticket and in the audit log. Outcomes `frozen`, `unverified`, `unavailable`; sets
 *   `freezeText`.
 */
async function subjectOf(ctx: AppContext, { customerId, ticketId }: ActionInput) {
  const customer = await ctx.db.selectFrom('customers').select(['id', 'external_id', 'verified']).where('id', '=', customerId).executeTakeFirst();
  if (!customer?.external_id) return null;
  const proof = await proofOf(ctx.db, ticketId, customer.verified === 1);
  return { uid: customer.external_id, customerId: customer.id, proven: proof !== null };
}

async function guidance(ctx: AppContext, locale: string, why: 'selfFreezeUnverified' | 'selfFreezeUnavailable') {
  const phone = await officialHotline(ctx.db);
  return {
    checklist: securityText(locale, 'checklist'),
    selfFreeze: securityText(locale, why, { hotline: phone ? securityText(locale, 'hotline', { phone }) : '' }),
  };
}

export function freezeActions(ctx: AppContext): Record<string, BotAction> {
  const freezeCheck: BotAction = async (input): Promise<ActionResult> => {
    const subject = await subjectOf(ctx, input);
    if (!subject) return { outcome: 'unverified', fields: await guidance(ctx, input.locale, 'selfFreezeUnverified') };
    // A UID but no proof yet: the bot's own code step (codeActions.ts) can prove it.
    if (!subject.proven) return { outcome: 'needs_code', fields: await guidance(ctx, input.locale, 'selfFreezeUnverified') };
    try {
      const account = await exchangeOf(ctx).client.account(subject.uid);
      if (!account) return { outcome: 'unverified', fields: await guidance(ctx, input.locale, 'selfFreezeUnverified') };
      return { outcome: account.status === 'frozen' ? 'already_frozen' : 'verified', fields: await guidance(ctx, input.locale, 'selfFreezeUnavailable') };
    } catch (err) {
      if (err instanceof ExchangeError) return { outcome: 'unavailable', fields: await guidance(ctx, input.locale, 'selfFreezeUnavailable') };
      throw err;
    }
  };

  const freezeAccount: BotAction = async (input): Promise<ActionResult> => {
    const subject = await subjectOf(ctx, input);
    if (!subject?.proven) return { outcome: 'unverified' };
    try {
      await accountFreezer(ctx, {
        // One freeze per conversation: a re-planned bot reply repeats the same request, harmlessly.
        key: `bot:${input.ticketId}`, ticketId: input.ticketId, customerId: subject.customerId, uid: subject.uid, source: 'customer', agentId: null,
        reason: 'Emergency freeze requested by the customer in a support conversation (account reported compromised)',
        by: { type: 'customer', id: subject.customerId }, actor: { type: 'customer', id: subject.customerId }, origin: systemOrigin,
      });
    } catch (err) {
      if (err instanceof ExchangeError) return { outcome: 'unavailable' };
      throw err;
    }
    return { outcome: 'frozen', fields: { freezeText: securityText(input.locale, 'frozen') } };
  };

  return { 'exchange.freezeCheck': freezeCheck, 'exchange.freezeAccount': freezeAccount };
}
