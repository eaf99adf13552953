import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { RequestOrigin } from '../../identity/actor.js';
import { audit, type AuditActor } from '../../identity/audit.js';
import { addTicketEvent, type ActorRef } from '../../tickets/ticketEvents.js';
import type { Account } from '../contract.js';
import { exchangeOf } from '../runtime.js';

export type FreezeSource = 'customer' | 'agent' | 'outreach';

export interface FreezeRecord {
  /** Idempotency key: the exchange answers a repeat with the first result, and we record it once. */
  key: string;
  ticketId: string;
  customerId: string;
  uid: string;
  source: FreezeSource;
  agentId: string | null;
  reason: string;
  by: ActorRef;
  actor: AuditActor;
  origin: RequestOrigin;
}

/**
 * Records a freeze the exchange has made: the `account_freezes` row (once per key), the ticket's
 * `account_frozen` timeline row and the audit entry. False when this key was recorded before.
 */
export async function recordFreeze(trx: Tx, f: FreezeRecord, account: Account): Promise<boolean> {
  const inserted = await trx
    .insertInto('account_freezes')
    .values({ id: newId(), key: f.key, ticket_id: f.ticketId, customer_id: f.customerId, uid: f.uid, source: f.source, agent_id: f.agentId, reason: f.reason, created_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await addTicketEvent(trx, f.ticketId, f.by, 'account_frozen', { uid: f.uid, source: f.source, reason: f.reason, status: account.status });
  await audit(trx, { actor: f.actor, action: 'exchange.account_frozen', targetType: 'ticket', targetId: f.ticketId, origin: f.origin, details: { uid: f.uid, source: f.source, reason: f.reason } });
  return true;
}

/**
 * Freezes the account at the exchange (throws `ExchangeError` → 503 when it cannot), then records
 * it. The exchange call comes first and outside the transaction: a freeze must never wait on, or
 * be rolled back by, our database; its idempotency key makes a retry harmless.
 */
export async function accountFreezer(ctx: AppContext, f: FreezeRecord): Promise<{ account: Account; recorded: boolean }> {
  const account = await exchangeOf(ctx).client.freeze(f.uid, f.reason, f.key);
  const recorded = await ctx.transaction((trx) => recordFreeze(trx, f, account));
  return { account, recorded };
}
