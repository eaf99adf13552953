import type { AppContext } from '../../../../context.js';
import { nowIso } from '../../../../platform/db/ids.js';
import { notFound } from '../../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../../identity/actor.js';
import { audit } from '../../../identity/audit.js';
import { redactSecrets } from '../../../security/secrets/detector.js';
import { actorRef, addTicketEvent } from '../../../tickets/ticketEvents.js';
import type { CallRow } from '../callState.js';

/**
 * An agent's notes on a call (what was said, what was promised), screened like any text: a
 * customer reading out their recovery phrase must not end up stored in the notes. Replaces the
 * previous notes; the timeline keeps who wrote them when.
 */
export async function callNotesWriter(ctx: AppContext, actor: AgentActor, callId: string, notes: string, origin: RequestOrigin): Promise<CallRow> {
  const screened = redactSecrets(notes);
  return ctx.transaction(async (trx) => {
    const call = await trx.updateTable('calls').set({ notes: screened.text, updated_at: nowIso() }).where('id', '=', callId).returningAll().executeTakeFirst();
    if (!call) throw notFound('No call has this id.');
    if (call.ticket_id) await addTicketEvent(trx, call.ticket_id, actorRef(actor), 'call_notes', { callId, redacted: screened.kinds });
    await audit(trx, { actor, action: 'call.notes', targetType: 'call', targetId: callId, origin, details: { redacted: screened.kinds } });
    return call;
  });
}
