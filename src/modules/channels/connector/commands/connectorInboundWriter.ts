import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { outsideFetch } from '../../../../platform/http/outsideFetch.js';
import { acceptAttachment, type AcceptedAttachment, type UploadedFile } from '../../../tickets/attachments.js';
import type { InboundResult } from '../../adapters.js';
import { conversationHandover, conversationWriter, identityCustomer, type ChannelIdentity } from '../../conversations.js';
import { connectorText } from '../locales.js';
import { postCallback } from '../outbound/callback.js';
import type { ConnectorAttachment, ConnectorDelivery } from '../payload.js';
import { connectorById } from '../registry.js';

/** Where the desk writes back to an app user (the `address` of their channel identity). */
export interface ConnectorAddress {
  connectorId: string;
  userId: string;
  displayName: string | null;
}

export const connectorIdentity = (connectorId: string, userId: string): ChannelIdentity => ({ channel: 'connector', externalId: `${connectorId}:${userId}` });

const FETCH_TIMEOUT_MS = 20_000;

/** A file given by URL, fetched (public addresses only unless configured) with the attachment size limit enforced while reading. */
async function download(url: string, limit: number, allowPrivate: boolean): Promise<Buffer> {
  const response = await outsideFetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), allowPrivate }).catch((err: unknown) => {
    throw new AppError('field_invalid', `could not be fetched (${err instanceof Error ? err.message : String(err)})`, 'attachments');
  });
  if (!response.ok) throw new AppError('field_invalid', `could not be fetched (HTTP ${response.status})`, 'attachments');
  const chunks: Buffer[] = [];
  let size = 0;
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) throw new AppError('payload_too_large', `larger than ${limit} bytes`, 'attachments');
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); reader && part && !part.done; part = await reader.read()) {
    size += part.value.length;
    if (size > limit) {
      await reader.cancel();
      throw new AppError('payload_too_large', `larger than ${limit} bytes`, 'attachments');
    }
    chunks.push(Buffer.from(part.value));
  }
  return Buffer.concat(chunks);
}

/** The desk message the user replied to, quoted so agents see what they answer (only a message of their own tickets). */
async function quoted(ctx: AppContext, customerId: string, replyTo: string | undefined): Promise<string> {
  if (!replyTo) return '';
  const row = await ctx.db.selectFrom('messages').innerJoin('tickets', 'tickets.id', 'messages.ticket_id').select('messages.body')
    .where('messages.id', '=', replyTo).where('tickets.customer_id', '=', customerId).where('messages.visibility', '=', 'public').executeTakeFirst();
  if (!row) return '';
  const line = row.body.replace(/\s+/g, ' ').trim();
  return `> ${line.length > 120 ? `${line.slice(0, 119)}…` : line}\n`;
}

/** Reads and checks the user's files; refused ones are named back to them through the bridge, the rest kept. */
async function readFiles(ctx: AppContext, userId: string, list: ConnectorAttachment[], locale: string) {
  const files: UploadedFile[] = [];
  const accepted: AcceptedAttachment[] = [];
  const refused: string[] = [];
  for (const a of list) {
    try {
      const data = a.base64 !== undefined ? Buffer.from(a.base64, 'base64') : await download(a.url!, ctx.config.MAX_ATTACHMENT_BYTES, ctx.config.CONNECTOR_FETCH_PRIVATE_NETWORKS);
      const file = { filename: a.filename, data };
      accepted.push(await acceptAttachment(file, ctx.config));
      files.push(file);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push(connectorText(locale, 'fileRejected', { file: a.filename, reason: err.message }));
    }
  }
  return { files, accepted, notices: refused.map((text) => ({ type: 'notice', userId, text })) };
}

/**
 * The `connector.event` job: one event of a bridge, handled. The user becomes an unverified
 * customer through their channel identity; a message joins their open conversation on this
 * connector or opens one (answered by the same bot, handed over by routing); `handover` asks for
 * a person. Notices (a refused file) go back to the bridge after the message is stored, and a
 * bridge that cannot take them does not hold the message up.
 */
export async function connectorInboundWriter(ctx: AppContext, { connectorId, event }: ConnectorDelivery): Promise<InboundResult> {
  const connector = await connectorById(ctx.db, connectorId);
  if (!connector) return { outcome: 'ignored', ticketId: null, created: false };
  const identity = connectorIdentity(connector.id, event.userId);
  const address: ConnectorAddress = { connectorId: connector.id, userId: event.userId, displayName: event.displayName ?? null };
  const customer = await identityCustomer(ctx, identity, { name: event.displayName ?? `${connector.display_name} ${event.userId}`, languageCode: event.locale ?? null, address }, (stored) => (stored as ConnectorAddress).displayName !== address.displayName);
  if (event.type === 'handover') {
    const ticketId = await conversationHandover(ctx, customer.customerId, 'connector');
    return ticketId ? { outcome: 'stored', ticketId, created: false } : { outcome: 'ignored', ticketId: null, created: false };
  }
  const { files, accepted, notices } = await readFiles(ctx, event.userId, event.attachments ?? [], customer.locale);
  const text = event.text?.trim() ?? '';
  let result: InboundResult = { outcome: 'ignored', ticketId: null, created: false };
  if (text || files.length) {
    const body = (await quoted(ctx, customer.customerId, event.replyTo)) + (text || files.map((f) => f.filename).join(', '));
    result = await conversationWriter(ctx, {
      identity, customer, channel: 'connector', body, clientId: `cx:${connector.id}:${event.eventId}`, userAgent: `${connector.name}:${event.userId}`,
      emptySubject: `(${connector.display_name})`, files, accepted,
    });
  }
  for (const notice of notices) {
    await postCallback(connector, { ...notice, eventId: `notice:${event.eventId}` }).catch((err: unknown) => ctx.log.warn({ err, connector: connector.name }, 'Connector: a notice to the bridge failed'));
  }
  return result;
}
