import type { AppContext } from '../../context.js';
import type { ActionInput, ActionResult, BotAction } from '../bot/index.js';
import { systemOrigin } from '../identity/audit.js';
import { ExchangeError } from './client.js';
import { securityText } from './locales/index.js';
import { checkCode, sendCode } from './panel/codeChallenge.js';
import { proofOf } from './panel/subject.js';
import { exchangeOf } from './runtime.js';

/**
 * The bot's own verification step, for a customer the exchange has not vouched for in this
 * conversation (no signed widget identity) before it freezes or reveals anything:
 *
 * - `exchange.sendVerificationCode`: the exchange sends a code to the email (else the phone)
 *   bound to the account — never to an address typed in the chat. Outcomes `sent` (sets
 *   `codePrompt`, the request in the customer's language naming the masked address),
 *   `verified` (already proven on this ticket), `no_account`, `unavailable`.
 * - `exchange.checkVerificationCode` {code}: counted and audited like the agent's check (five
 *   wrong → locked). Outcomes `verified`, `wrong` (sets `codePrompt` with the tries left),
 *   `locked`, `expired`, `no_code`, `unavailable`; sets `codeFailed` for the last ones.
 *
 * The flow asks for the code with a `secret: true` step: the chat stores the answer sealed and
 * redacted, and the engine forgets it after this check (see "Bot" in docs/ARCHITECTURE.md).
 */
async function customerOf(ctx: AppContext, customerId: string) {
  return ctx.db.selectFrom('customers').select(['id', 'external_id', 'verified']).where('id', '=', customerId).executeTakeFirst();
}

const asCustomer = (customerId: string) => ({ actor: { type: 'customer', id: customerId }, origin: systemOrigin });

export function codeActions(ctx: AppContext): Record<string, BotAction> {
  const send: BotAction = async ({ customerId, ticketId, locale }: ActionInput): Promise<ActionResult> => {
    const customer = await customerOf(ctx, customerId);
    if (!customer?.external_id) return { outcome: 'no_account' };
    if (await proofOf(ctx.db, ticketId, customer.verified === 1)) return { outcome: 'verified' };
    try {
      const account = await exchangeOf(ctx).client.account(customer.external_id);
      const channel = account?.email ? 'email' : account?.phone ? 'phone' : null;
      if (!account || !channel) return { outcome: 'no_account' };
      const sent = await sendCode(ctx, { ticketId, customerId, uid: customer.external_id, channel, sentBy: null, ...asCustomer(customerId) });
      const codePrompt = securityText(locale, 'codeSent', { channel: securityText(locale, `codeChannel.${channel}`), sentTo: sent.sentTo });
      return { outcome: 'sent', fields: { codePrompt } };
    } catch (err) {
      if (err instanceof ExchangeError) return { outcome: 'unavailable' };
      throw err;
    }
  };

  const check: BotAction = async ({ params, customerId, ticketId, locale }: ActionInput): Promise<ActionResult> => {
    const code = params.code ?? '';
    if (!/^\d{6}$/.test(code)) return { outcome: 'wrong', fields: { codePrompt: securityText(locale, 'codeWrong', { attemptsLeft: '?' }) } };
    try {
      const result = await checkCode(ctx, { ticketId, code, ...asCustomer(customerId) });
      if (result.outcome === 'verified') return { outcome: 'verified' };
      if (result.outcome === 'wrong') return { outcome: 'wrong', fields: { codePrompt: securityText(locale, 'codeWrong', { attemptsLeft: String(result.attemptsLeft) }) } };
      return { outcome: result.outcome, fields: { codeFailed: securityText(locale, 'codeFailed') } };
    } catch (err) {
      if (err instanceof ExchangeError) return { outcome: 'unavailable' };
      throw err;
    }
  };

  return { 'exchange.sendVerificationCode': send, 'exchange.checkVerificationCode': check };
}
