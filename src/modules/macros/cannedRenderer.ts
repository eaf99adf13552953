import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { matchLocale, type Locale } from '../../platform/i18n/index.js';
import type { AgentActor } from '../identity/actor.js';
import { loadTicketForActor } from '../tickets/queries.js';
import { loadCannedResponse } from './cannedResponses.js';
import { pickLocale, renderTemplate, type Rendered, type TemplateValues } from './templates.js';

/** What the placeholders mean for one ticket and the agent answering it. */
export async function templateValuesFor(ctx: AppContext, actor: AgentActor, ticketIdOrNumber: string): Promise<{ values: TemplateValues; ticketLocale: Locale }> {
  const ticket = await loadTicketForActor(ctx.db, actor, ticketIdOrNumber);
  const [customer, agent] = await Promise.all([
    ctx.db.selectFrom('customers').select(['name', 'email', 'external_id']).where('id', '=', ticket.customer_id).executeTakeFirst(),
    ctx.db.selectFrom('agents').select('name').where('id', '=', actor.agentId).executeTakeFirst(),
  ]);
  return {
    ticketLocale: matchLocale(ticket.locale) ?? 'en',
    values: {
      'customer.name': customer?.name ?? null,
      'customer.email': customer?.email ?? null,
      'customer.uid': customer?.external_id ?? null,
      'ticket.number': ticket.number,
      'ticket.subject': ticket.subject,
      'agent.name': agent?.name ?? null,
    },
  };
}

/**
 * A canned response filled in for one ticket, in the ticket's language unless asked otherwise.
 * Counts as a use: the most used replies come first in the picker.
 */
export async function cannedResponseRenderer(
  ctx: AppContext,
  actor: AgentActor,
  input: { id: string; ticket: string; locale?: Locale },
): Promise<Rendered & { locale: Locale }> {
  const response = await loadCannedResponse(ctx.db, actor, input.id);
  const { values, ticketLocale } = await templateValuesFor(ctx, actor, input.ticket);
  const chosen = pickLocale(JSON.parse(response.bodies) as Partial<Record<Locale, string>>, input.locale ?? ticketLocale);
  await ctx.db.updateTable('canned_responses').set({ uses: sql<number>`uses + 1` }).where('id', '=', response.id).execute();
  return { locale: chosen.locale, ...renderTemplate(chosen.text, values) };
}
