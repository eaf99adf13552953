import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { ticketText, type TicketTextKey } from '../locales/index.js';
import { ticketPolicy } from '../policies.js';
import { loadTicketForActor } from '../queries.js';
import { actorRef, addTicketEvent, type TicketRow } from '../ticketEvents.js';
import { mergedError, storeMessage } from './messageSender.js';

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  ticketId: string;
  /** Id or number of the ticket that survives. */
  intoTicket: string;
  origin: RequestOrigin;
}

export interface MergeResult {
  source: TicketRow;
  target: TicketRow;
}

/** Locks both rows in id order, so two opposite merges running at once cannot deadlock. */
async function lockBoth(trx: Tx, a: string, b: string): Promise<Map<string, TicketRow>> {
  let query = trx.selectFrom('tickets').selectAll().where('id', 'in', [a, b]).orderBy('id');
  if (dialectOf(trx) === 'postgres') query = query.forUpdate();
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function systemMessage(trx: Tx, ticket: TicketRow, key: TicketTextKey, number: string, now: string): Promise<string> {
  const id = newId();
  await storeMessage(trx, {
    id, ticket_id: ticket.id, author_type: 'system', author_id: null, visibility: 'public', body: ticketText(ticket.locale, key, { number }),
    channel: ticket.channel, client_id: null, meta: null, created_at: now,
  });
  return id;
}

/**
 * Merges `ticketId` into `intoTicket`: the source is closed and points at the survivor, its
 * messages stay where they are, and both customers' threads say what happened.
 */
export async function ticketMerger({ ctx, actor, ticketId, intoTicket, origin }: Args): Promise<MergeResult> {
  return ctx.transaction(async (trx) => {
    const sourceRef = await loadTicketForActor(trx, actor, ticketId);
    const targetRef = await loadTicketForActor(trx, actor, intoTicket).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'not_found' ? new AppError('field_invalid', 'No ticket has this id or number.', 'intoTicket') : err;
    });
    if (sourceRef.id === targetRef.id) throw new AppError('field_invalid', 'A ticket cannot be merged into itself.', 'intoTicket');

    const locked = await lockBoth(trx, sourceRef.id, targetRef.id);
    const source = locked.get(sourceRef.id)!;
    const target = locked.get(targetRef.id)!;
    if (source.merged_into_id) throw await mergedError(trx, source);
    if (source.status === 'closed') throw new AppError('conflict', `Ticket ${source.number} is closed and cannot be merged.`);
    if (target.merged_into_id || target.status === 'closed') {
      throw new AppError('conflict', `Ticket ${target.number} is ${target.merged_into_id ? 'merged' : 'closed'}; choose an open ticket.`, 'intoTicket');
    }
    const sameCustomer = source.customer_id === target.customer_id;
    const allowed = sameCustomer ? ticketPolicy.merge(actor, source) : ticketPolicy.mergeAcrossCustomers(actor, source);
    if (!allowed) throw new AppError('forbidden', 'Merging tickets of different customers needs the supervisor role.');

    const now = nowIso();
    await trx
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: now, merged_into_id: target.id, updated_at: now })
      .where('id', '=', source.id)
      .execute();
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', target.id).execute();
    await systemMessage(trx, source, 'mergedInto', target.number, now);
    await systemMessage(trx, target, 'mergedFrom', source.number, now);

    const by = actorRef(actor);
    const ip = origin.ip ? { ip: origin.ip } : {};
    await addTicketEvent(trx, source.id, by, 'merged_into', { intoId: target.id, intoNumber: target.number, fromStatus: source.status, ...ip });
    await addTicketEvent(trx, target.id, by, 'merged_from', { fromId: source.id, fromNumber: source.number, ...ip });
    await recordEvent(trx, 'ticket.merged', {
      ticketId: source.id, number: source.number, intoId: target.id, intoNumber: target.number,
      customerIds: sameCustomer ? [source.customer_id] : [source.customer_id, target.customer_id],
    });
    return {
      source: { ...source, status: 'closed', closed_at: now, merged_into_id: target.id, updated_at: now },
      target: { ...target, updated_at: now },
    };
  });
}
