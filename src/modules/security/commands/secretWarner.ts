import type { AppContext } from '../../../context.js';
import { matchLocale, t, type Locale } from '../../../platform/i18n/index.js';
import { notificationWriter } from '../../notifications/commands/notificationWriter.js';
import { loadTeams } from '../../routing/teams.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { secretKinds, type SecretKind } from '../secrets/finding.js';

export const EXPOSED_TAG = 'secret-exposed';

/** The customer's warning, in their language: what was removed and what to do about each. */
export function secretWarningText(locale: Locale, kinds: readonly SecretKind[]): string {
  const items = kinds.map((k) => t(locale, `security.redacted.${k}`));
  return `${t(locale, 'security.redacted.intro', { kinds: items.join(locale === 'en' ? '; ' : '；') })}\n${t(locale, 'security.redacted.closing')}`;
}

/**
 * After a customer's message had a secret redacted (see screening.ts): tell them plainly why and
 * what to do, tag the ticket, and notify the security team — agents of every team that handles
 * the `security` category. Runs as a durable job per message; a second run changes nothing.
 */
export async function secretWarner(ctx: AppContext, payload: Record<string, unknown>): Promise<void> {
  const ticketId = String(payload.ticketId);
  const messageId = String(payload.messageId);
  const kinds = (Array.isArray(payload.kinds) ? payload.kinds : []).filter((k): k is SecretKind => (secretKinds as readonly string[]).includes(String(k)));
  if (kinds.length === 0) return;
  await ctx.transaction(async (trx) => {
    const ticket = await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale']).where('id', '=', ticketId).executeTakeFirst();
    if (!ticket) return;
    // A job may run twice (at-least-once): the warning names the message it is about.
    const warned = await trx
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .where('author_type', '=', 'system')
      .where('meta', 'like', `%"about":"${messageId}"%`)
      .executeTakeFirst();
    if (warned) return;
    await automatedMessageWriter(trx, ticket, 'system', { body: secretWarningText(matchLocale(ticket.locale) ?? 'en', kinds), meta: { secretWarning: kinds, about: messageId } });
    await trx.insertInto('ticket_tags').values({ ticket_id: ticket.id, tag: EXPOSED_TAG }).onConflict((oc) => oc.columns(['ticket_id', 'tag']).doNothing()).execute();
    const securityTeams = (await loadTeams(trx)).filter((team) => team.categories.includes('security')).map((team) => team.id);
    const members = securityTeams.length
      ? await trx.selectFrom('team_members').innerJoin('agents', 'agents.id', 'team_members.agent_id').select('agents.id').distinct().where('team_members.team_id', 'in', securityTeams).where('agents.disabled', '=', 0).execute()
      : [];
    for (const member of members) await notificationWriter(trx, { agentId: member.id, kind: 'secret_exposed', ticketId: ticket.id, messageId, actorId: null });
  });
}
