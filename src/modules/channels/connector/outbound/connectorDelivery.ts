import type { AppContext } from '../../../../context.js';
import { nowIso } from '../../../../platform/db/ids.js';
import type { JobInfo } from '../../../../platform/jobs/jobs.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, systemRef } from '../../../tickets/ticketEvents.js';
import { fileLinks } from '../../chat/links.js';
import type { ConnectorAddress } from '../commands/connectorInboundWriter.js';
import { connectorText } from '../locales.js';
import { connectorById } from '../registry.js';
import { CallbackFailed, postCallback } from './callback.js';

type Meta = { article?: { url: string; title?: string }; choices?: { label: string }[]; handover?: boolean } | null;

/** The callback body for one desk message (docs/connector.md, "Callbacks"). */
async function callbackBody(ctx: AppContext, messageId: string) {
  const { db } = ctx;
  const row = await db.selectFrom('messages').innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .leftJoin('agents', (j) => j.onRef('agents.id', '=', 'messages.author_id').on('messages.author_type', '=', 'agent'))
    .select(['messages.body', 'messages.meta', 'messages.author_type', 'messages.visibility', 'messages.created_at', 'agents.name as agentName', 'tickets.id as ticketId', 'tickets.number', 'tickets.customer_id as customerId', 'tickets.locale'])
    .where('messages.id', '=', messageId).executeTakeFirst();
  if (!row || row.visibility !== 'public' || row.author_type === 'customer') return null;
  const identity = await db.selectFrom('channel_identities').select('address').where('channel', '=', 'connector').where('customer_id', '=', row.customerId).executeTakeFirst();
  if (!identity) return null;
  const address = JSON.parse(identity.address) as ConnectorAddress;
  const meta = row.meta ? (JSON.parse(row.meta) as Meta) : null;
  const links = fileLinks(ctx);
  const files = await db.selectFrom('attachments').select(['id', 'filename', 'content_type', 'size']).where('message_id', '=', messageId).orderBy('id').execute();
  return {
    row, address,
    payload: {
      type: 'message', eventId: messageId, userId: address.userId, locale: row.locale,
      ticket: { id: row.ticketId, number: row.number },
      message: {
        id: messageId, authorType: row.author_type,
        // Agents sign with their first name, as in the web chat and on Telegram.
        authorName: row.author_type === 'agent' && row.agentName ? row.agentName.split(/\s+/)[0]! : null,
        text: row.body, createdAt: row.created_at,
        choices: (meta?.choices ?? []).map((c) => c.label),
        article: meta?.article ? { url: meta.article.url, title: meta.article.title ?? null } : null,
        handover: meta?.handover === true,
        attachments: files.map((f) => ({ filename: f.filename, contentType: f.content_type, size: f.size, url: new URL(links.attachmentUrl(f.id, 'customer'), ctx.config.PUBLIC_URL).toString() })),
      },
    },
  };
}

/**
 * The connector's sender in the `channels.deliver_reply` job: the message is POSTed to the
 * bridge and its delivery row says how that went. A network error, a timeout, 5xx, 408 or 429
 * throws, so the job retries with backoff; a refusal for good (another 4xx) or the last attempt
 * leaves the delivery `failed`, a `delivery_failed` ticket event and an internal note where the
 * agents work.
 */
export async function deliverConnectorMessage(ctx: AppContext, messageId: string, job: JobInfo): Promise<void> {
  const built = await callbackBody(ctx, messageId);
  if (!built) return;
  const connector = await connectorById(ctx.db, built.address.connectorId);
  if (!connector) return;
  const { row } = built;
  const now = nowIso();
  await ctx.db.insertInto('connector_deliveries').values({ message_id: messageId, connector_id: connector.id, ticket_id: row.ticketId, state: 'pending', attempts: 0, last_error: null, updated_at: now })
    .onConflict((oc) => oc.column('message_id').doNothing()).execute();
  const done = await ctx.db.selectFrom('connector_deliveries').select('state').where('message_id', '=', messageId).executeTakeFirstOrThrow();
  if (done.state !== 'pending') return;
  try {
    if (!connector.enabled) throw new CallbackFailed(`the connector ${connector.name} is disabled`, false);
    await postCallback(connector, built.payload);
    await ctx.db.updateTable('connector_deliveries').set({ state: 'delivered', attempts: job.attempt, last_error: null, updated_at: nowIso() }).where('message_id', '=', messageId).execute();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const retry = err instanceof CallbackFailed ? err.retryable : true;
    if (retry && job.attempt < job.maxAttempts) {
      await ctx.db.updateTable('connector_deliveries').set({ attempts: job.attempt, last_error: reason.slice(0, 1000), updated_at: nowIso() }).where('message_id', '=', messageId).execute();
      throw err;
    }
    await ctx.transaction(async (trx) => {
      await trx.updateTable('connector_deliveries').set({ state: 'failed', attempts: job.attempt, last_error: reason.slice(0, 1000), updated_at: nowIso() }).where('message_id', '=', messageId).execute();
      const ticket = await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale']).where('id', '=', row.ticketId).executeTakeFirstOrThrow();
      await addTicketEvent(trx, ticket.id, systemRef, 'delivery_failed', { channel: 'connector', connector: connector.name, messageId, reason: reason.slice(0, 300) });
      const body = connectorText(ticket.locale, 'deliveryFailedNote', { connector: connector.display_name, url: connector.callback_url, attempts: job.attempt, error: reason.slice(0, 300) });
      await automatedMessageWriter(trx, ticket, 'system', { body, meta: { connectorFailed: messageId }, visibility: 'internal' });
    });
    ctx.log.warn({ messageId, connector: connector.name, reason }, 'Connector: a reply could not be delivered');
  }
}
