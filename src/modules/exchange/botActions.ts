import type { AppContext } from '../../context.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { ActionInput, ActionResult, BotAction } from '../bot/index.js';
import { ExchangeError } from './client.js';
import type { Transaction, TransactionKind } from './contract.js';
import { diagnose, explain } from './diagnosis.js';
import { proofOf } from './panel/subject.js';
import { exchangeOf } from './runtime.js';

/**
 * `exchange.depositByTxHash` and `exchange.withdrawalByTxHash` {txHash}: the exchange's record of
 * the customer's transaction, diagnosed. Outcomes: a diagnosis code (`credited`, `confirming`,
 * `wrong_network`, `memo_missing`, `below_minimum`, `risk_review`, `travel_rule`, `kyc_required`,
 * `processing`, `completed`, `failed`, `not_found`); `no_account` when the chat's customer is not
 * one the exchange vouched for (no UID, or neither a signed identity nor a code checked here),
 * and `unavailable` when the exchange cannot answer — never a guess. Sets `diagnosis` (the code), `diagnosisText` (in the customer's language) and, from the
 * exchange's record, `coin`, `network`, `amount`, `address`, `memo`, `txHash`.
 */
function lookup(ctx: AppContext, kind: TransactionKind): BotAction {
  return async ({ params, customerId, ticketId, locale }: ActionInput): Promise<ActionResult> => {
    const customer = await ctx.db.selectFrom('customers').select(['external_id', 'verified']).where('id', '=', customerId).executeTakeFirst();
    // A signed identity, or a code checked in this conversation (codeActions.ts), like the freeze.
    if (!customer?.external_id || !(await proofOf(ctx.db, ticketId, customer.verified === 1))) return { outcome: 'no_account' };
    const ref = (params.txHash ?? params.withdrawalId ?? '').trim();
    if (!ref) return { outcome: 'not_found' };
    const { client } = exchangeOf(ctx);
    let tx: Transaction | null;
    let kycLevel: number | null = null;
    try {
      tx = kind === 'deposit' ? await client.deposit(customer.external_id, ref) : await client.withdrawal(customer.external_id, ref);
      // No record: is it the transaction or the customer the exchange does not know?
      if (!tx && !(await client.account(customer.external_id))) return { outcome: 'no_account' };
      if (tx?.kind === 'withdrawal' && tx.reasonCodes.includes('KYC_REQUIRED')) kycLevel = (await client.account(customer.external_id))?.kycLevel ?? null;
    } catch (err) {
      if (err instanceof ExchangeError) return { outcome: 'unavailable' };
      throw err;
    }
    const diagnosis = diagnose(kind, tx, kycLevel === null ? null : { kycLevel });
    const record = tx
      ? { coin: tx.coin, network: tx.network, amount: tx.amount, address: tx.address, ...(tx.memo ? { memo: tx.memo } : {}), ...(tx.txHash ? { txHash: tx.txHash } : {}) }
      : {};
    return { outcome: diagnosis.code, fields: { ...record, diagnosis: diagnosis.code, diagnosisText: explain(diagnosis, isLocale(locale) ? locale : 'en') } };
  };
}

export function exchangeBotActions(ctx: AppContext): Record<string, BotAction> {
  return { 'exchange.depositByTxHash': lookup(ctx, 'deposit'), 'exchange.withdrawalByTxHash': lookup(ctx, 'withdrawal') };
}
