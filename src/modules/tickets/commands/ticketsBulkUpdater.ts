import type { AppContext } from '../../../context.js';
import { AppError, type ErrorBody } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { ticketUpdater, type TicketChanges } from './ticketUpdater.js';

export type BulkResult = { id: string; ok: true; number: string } | ({ id: string; ok: false } & ErrorBody);

/**
 * Applies one change to each ticket in turn, each in its own transaction with every rule of a
 * single edit: a ticket that cannot take it (closed, merged, a status it cannot reach) is
 * reported with its error and the others still change. Only expected refusals are reported;
 * anything else (the database gone) stops the run and fails the request.
 */
export async function ticketsBulkUpdater(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; ticketIds: string[]; changes: TicketChanges }): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of input.ticketIds) {
    try {
      const ticket = await ticketUpdater({ ctx, actor: input.actor, ticketId: id, changes: input.changes, origin: input.origin });
      results.push({ id, ok: true, number: ticket.number });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ id, ok: false, ...err.toBody() });
    }
  }
  return results;
}
