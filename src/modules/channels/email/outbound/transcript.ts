import type { DbOrTx } from '../../../../platform/db/index.js';
import { formatDateTime } from '../../../../platform/i18n/index.js';
import { emailLocale, emailText } from '../locales/index.js';

/**
 * A chat as the customer saw it: every public message in order, "[time] who: words", in the
 * ticket's language (agents by name, the bot and the customer by role). Internal notes never
 * appear.
 */
export async function chatTranscript(db: DbOrTx, ticketId: string, locale: string): Promise<string> {
  const rows = await db
    .selectFrom('messages')
    .leftJoin('agents', (join) => join.onRef('agents.id', '=', 'messages.author_id').on('messages.author_type', '=', 'agent'))
    .select(['messages.author_type', 'messages.body', 'messages.created_at', 'agents.name as agentName'])
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.visibility', '=', 'public')
    .orderBy('messages.id')
    .execute();
  const lang = emailLocale(locale);
  const who = (row: (typeof rows)[number]) => {
    if (row.author_type === 'customer') return emailText(lang, 'transcriptYou');
    if (row.author_type === 'agent') return row.agentName ?? emailText(lang, 'transcriptAgent');
    return emailText(lang, 'transcriptBot');
  };
  return rows.map((row) => `[${formatDateTime(lang, row.created_at)}] ${who(row)}: ${row.body}`).join('\n');
}
