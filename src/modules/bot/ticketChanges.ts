import type { Tx } from '../../platform/db/index.js';
import { nowIso } from '../../platform/db/ids.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { AppError } from '../../platform/http/errors.js';
import { categoryFields, parseCategoryFields, type Category, type Priority } from '../tickets/categories.js';
import { addTicketEvent, type ActorRef, type TicketRow } from '../tickets/ticketEvents.js';

/** The bot acts as the desk itself on the timeline (it has no agent id). */
export const botRef: ActorRef = { type: 'system', id: null };

export interface BotTicketChanges {
  priority?: Priority;
  category?: Category;
  /** What the customer told a flow; validated as the ticket's structured fields. */
  fields?: Record<string, string>;
}

/**
 * The structured fields for a category from what a flow collected. Complete fields go through
 * the tickets module's `parseCategoryFields` (normalised exactly like a form or API write). A
 * flow the customer left early has only some of them: those are kept when each fits its field's
 * spec, because a chat ticket's fields are filled later anyway (ticketCreator `fieldsLater`).
 */
export function fieldsFor(category: Category, collected: Record<string, string>): Record<string, string> {
  const specs = categoryFields[category];
  const known = Object.fromEntries(Object.entries(collected).filter(([name, v]) => v && specs.some((s) => s.name === name)));
  const partial = () =>
    Object.fromEntries(
      Object.entries(known).filter(([name, value]) => {
        const spec = specs.find((s) => s.name === name)!;
        return value.length <= (spec.maxLength ?? 500) && (!spec.options || spec.options.includes(value));
      }),
    );
  for (let round = 0; round <= specs.length; round++) {
    try {
      return parseCategoryFields(category, known);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const name = err.field?.replace(/^fields\./, '') ?? '';
      if (err.code === 'field_required' || !(name in known)) return partial();
      // A value that does not validate is left for the agent to ask about.
      delete known[name];
    }
  }
  return partial();
}

/**
 * Raises priority, sets the category and fields the way an agent's edit is recorded: one
 * timeline row per changed attribute and one `ticket.updated` event listing them. Fields that
 * do not validate are left out rather than failing the bot's reply.
 */
export async function applyBotTicketChanges(trx: Tx, ticket: TicketRow, changes: BotTicketChanges): Promise<void> {
  const set: Partial<TicketRow> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  if (changes.priority && changes.priority !== ticket.priority) {
    set.priority = changes.priority;
    diff.priority = { from: ticket.priority, to: changes.priority };
  }
  const category = changes.category ?? (ticket.category as Category);
  if (changes.category && changes.category !== ticket.category) {
    set.category = changes.category;
    diff.category = { from: ticket.category, to: changes.category };
  }
  if (changes.fields) {
    const fields = fieldsFor(category, changes.fields);
    // A changed category starts from its own fields; otherwise what the flow learnt is added.
    const before = JSON.parse(ticket.fields) as Record<string, string>;
    const merged = set.category ? fields : { ...before, ...fields };
    if (JSON.stringify(merged) !== ticket.fields) {
      set.fields = JSON.stringify(merged);
      diff.fields = { from: before, to: merged };
    }
  }
  if (Object.keys(diff).length === 0) return;
  await trx.updateTable('tickets').set({ ...set, updated_at: nowIso() }).where('id', '=', ticket.id).execute();
  for (const [name, change] of Object.entries(diff)) await addTicketEvent(trx, ticket.id, botRef, `${name}_changed`, { ...change, by: 'bot' });
  await recordEvent(trx, 'ticket.updated', { ticketId: ticket.id, number: ticket.number, customerId: ticket.customer_id, changes: diff });
}
