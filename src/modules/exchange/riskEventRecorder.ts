import type { AppContext } from '../../context.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import type { RiskEvent } from './contract.js';

export const RISK_EVENT = 'exchange.risk_event';

/**
 * Stores a signed risk event once per exchange event id and records `exchange.risk_event` for the
 * outreach that follows. A replay (same id) finds the row taken and changes nothing.
 */
export async function riskEventRecorder(ctx: AppContext, event: RiskEvent): Promise<{ id: string; duplicate: boolean }> {
  return ctx.transaction(async (trx) => {
    const id = newId();
    const customer = await trx.selectFrom('customers').select('id').where('external_id', '=', event.uid).executeTakeFirst();
    const inserted = await trx
      .insertInto('exchange_risk_events')
      .values({ id, event_id: event.id, type: event.type, uid: event.uid, customer_id: customer?.id ?? null, occurred_at: event.occurredAt, received_at: nowIso(), data: JSON.stringify(event.data) })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('exchange_risk_events').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();
      return { id: existing.id, duplicate: true };
    }
    await recordEvent(trx, RISK_EVENT, { riskEventId: id, eventId: event.id, type: event.type, uid: event.uid, customerId: customer?.id ?? null, occurredAt: event.occurredAt });
    return { id, duplicate: false };
  });
}
