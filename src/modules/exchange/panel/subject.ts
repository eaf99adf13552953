import type { DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor } from '../../identity/actor.js';
import { loadTicketForActor } from '../../tickets/queries.js';
import { exchangePanelPolicy, type PanelSubject } from './policies.js';

/** A verification code proves the customer for this ticket for a day. */
export const VERIFIED_FOR_MS = 24 * 60 * 60_000;

export interface PanelContext extends PanelSubject {
  ticketId: string;
  customerId: string;
  ticketLocale: string;
  verifiedBy: 'identity' | 'code' | null;
}

/**
 * How the ticket's customer has proven who they are, if at all: an identity the exchange signed,
 * or a code checked on this ticket in the last day. The panel and the emergency freeze ask alike.
 */
export async function proofOf(db: DbOrTx, ticketId: string, signedIdentity: boolean, nowMs = Date.now()): Promise<'identity' | 'code' | null> {
  if (signedIdentity) return 'identity';
  const code = await db
    .selectFrom('exchange_verifications').select('id')
    .where('ticket_id', '=', ticketId).where('state', '=', 'verified').where('verified_at', '>', new Date(nowMs - VERIFIED_FOR_MS).toISOString())
    .executeTakeFirst();
  return code ? 'code' : null;
}

/**
 * The ticket's customer as the panel sees them: their exchange UID and whether they have proven
 * who they are — an identity the exchange signed (widget, portal), or a code checked on this
 * ticket in the last day. 404 for a ticket the agent cannot see; 403 for one not assigned to them.
 */
export async function panelContext(db: DbOrTx, actor: AgentActor, ticketRef: string, nowMs = Date.now()): Promise<PanelContext> {
  const ticket = await loadTicketForActor(db, actor, ticketRef);
  const customer = await db.selectFrom('customers').select(['id', 'external_id', 'verified']).where('id', '=', ticket.customer_id).executeTakeFirstOrThrow();
  const verifiedBy = await proofOf(db, ticket.id, customer.verified === 1, nowMs);
  const ctx: PanelContext = {
    ticketId: ticket.id, customerId: customer.id, ticketLocale: ticket.locale, assigneeId: ticket.assignee_id, uid: customer.external_id, verified: verifiedBy !== null, verifiedBy,
  };
  if (!exchangePanelPolicy.view(actor, ctx)) throw new AppError('forbidden', "Only the agent this ticket is assigned to (or a supervisor) may see the customer's exchange account.");
  return ctx;
}
