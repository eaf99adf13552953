import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AgentActor, RequestOrigin } from '../identity/actor.js';
import { messageWriter } from '../tickets/commands/messageSender.js';
import { ticketChangesWriter, type TicketChanges } from '../tickets/commands/ticketUpdater.js';
import { loadTicketForActor } from '../tickets/queries.js';
import type { TicketRow } from '../tickets/ticketEvents.js';
import { templateValuesFor } from './cannedRenderer.js';
import { loadCannedResponse } from './cannedResponses.js';
import type { MacroActions } from './http/macroSchema.js';
import { loadMacro } from './macros.js';
import { pickLocale, renderTemplate } from './templates.js';

export interface AppliedMacro {
  ticket: TicketRow;
  messageId: string | null;
  /** Placeholders in the reply that had no value (sent as empty). */
  missing: string[];
}

/**
 * One click: the macro's reply (rendered for this ticket in its language) and its field changes,
 * in one transaction — all of it happens or none. The text is rendered before the transaction
 * opens, from data that does not change with it (names, number).
 */
export async function macroApplier(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; macroId: string; ticket: string; baseUpdatedAt?: string }): Promise<AppliedMacro> {
  const { actor, origin } = input;
  const macro = await loadMacro(ctx.db, actor, input.macroId);
  const actions = JSON.parse(macro.actions) as MacroActions;
  const reply = actions.reply ? await renderReply(ctx, actor, actions.reply, input.ticket) : null;
  const changes = changesOf(actions, actor);

  const result = await ctx.transaction(async (trx) => {
    let ticket = await loadTicketForActor(trx, actor, input.ticket, { forUpdate: true });
    // Checked before anything is written: the reply would otherwise move updated_at itself.
    if (input.baseUpdatedAt !== undefined) await ticketChangesWriter(trx, { actor, ticket, changes: { baseUpdatedAt: input.baseUpdatedAt }, origin });
    let messageId: string | null = null;
    if (reply) {
      const sent = await messageWriter(trx, { actor, ticket, input: { body: reply.text, visibility: reply.visibility }, stored: [], origin });
      messageId = sent.message.id;
      ticket = await loadTicketForActor(trx, actor, ticket.id);
    }
    if (Object.keys(changes).length) ticket = await ticketChangesWriter(trx, { actor, ticket, changes, origin });
    await trx.updateTable('macros').set({ uses: sql<number>`uses + 1` }).where('id', '=', macro.id).execute();
    return { ticket, messageId };
  });
  return { ...result, missing: reply?.missing ?? [] };
}

async function renderReply(ctx: AppContext, actor: AgentActor, reply: NonNullable<MacroActions['reply']>, ticket: string) {
  const { values, ticketLocale } = await templateValuesFor(ctx, actor, ticket);
  const bodies = reply.cannedResponseId
    ? (JSON.parse((await loadCannedResponse(ctx.db, actor, reply.cannedResponseId)).bodies) as Partial<Record<Locale, string>>)
    : (reply.bodies as Partial<Record<Locale, string>>);
  const rendered = renderTemplate(pickLocale(bodies, ticketLocale).text, values);
  return { ...rendered, visibility: reply.visibility };
}

function changesOf(actions: MacroActions, actor: AgentActor): TicketChanges {
  const { assignee } = actions;
  return {
    ...(actions.status ? { status: actions.status } : {}),
    ...(actions.priority ? { priority: actions.priority } : {}),
    ...(assignee ? { assigneeId: assignee === 'me' ? actor.agentId : assignee === 'nobody' ? null : assignee } : {}),
    ...(actions.teamId !== undefined ? { teamId: actions.teamId } : {}),
    ...(actions.addTags ? { addTags: actions.addTags } : {}),
    ...(actions.removeTags ? { removeTags: actions.removeTags } : {}),
  };
}
