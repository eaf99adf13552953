import type { AppContext } from '../../../../context.js';
import type { Tx } from '../../../../platform/db/index.js';
import { dialectOf } from '../../../../platform/db/dialect.js';
import { nowIso } from '../../../../platform/db/ids.js';
import { redactSecrets } from '../../../security/secrets/detector.js';
import { acceptAttachment, withStoredAttachments, type AcceptedAttachment, type UploadedFile } from '../../../tickets/attachments.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import { messageWriter } from '../../../tickets/commands/messageSender.js';
import { ticketCreator } from '../../../tickets/commands/ticketCreator.js';
import { addTicketEvent, systemRef, type TicketRow } from '../../../tickets/ticketEvents.js';
import type { InboundOrigin, InboundResult } from '../../adapters.js';
import { inboundColumns, insertEmailRow } from '../emailRows.js';
import type { NormalisedEmail } from '../inbound/normalise.js';
import { linkInlineImages } from '../inbound/sanitize.js';
import { findThread, type Thread } from '../inbound/threading.js';
import { emailText } from '../locales/index.js';
import { parseFrom } from '../settings.js';
import { bounceRecorder } from './bounceRecorder.js';

export const UNVERIFIED_TAG = 'sender-unverified';
/** Tickets opened by email start here; agents re-categorise (the bot's categories need a chat). */
const EMAIL_CATEGORY = 'account';

interface Prepared {
  accepted: AcceptedAttachment[];
  /** Content-ID of each accepted file, by position. */
  cids: (string | null)[];
  skipped: { filename: string; reason: string }[];
}

/** Keeps what the attachment rules accept (type sniffed, size, count) and lists the rest for agents. */
async function prepareAttachments(ctx: AppContext, email: NormalisedEmail): Promise<Prepared> {
  const out: Prepared = { accepted: [], cids: [], skipped: [] };
  for (const file of email.attachments) {
    if (out.accepted.length >= ctx.config.MAX_ATTACHMENTS_PER_MESSAGE) {
      out.skipped.push({ filename: file.filename, reason: 'too many attachments' });
      continue;
    }
    try {
      out.accepted.push(await acceptAttachment({ filename: file.filename, data: file.data }, ctx.config));
      out.cids.push(file.cid);
    } catch (err) {
      out.skipped.push({ filename: file.filename, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** Full text and HTML as stored: secrets redacted; HTML dropped when anything was (a secret can hide across tags). */
function screenedContent(email: NormalisedEmail) {
  const full = redactSecrets(email.text);
  const subject = redactSecrets(email.subject);
  const display = redactSecrets(email.displayText);
  const redacted = full.kinds.length + subject.kinds.length + display.kinds.length > 0;
  return { fullText: full.text, html: redacted ? null : email.html };
}

async function writeInboundRow(trx: Tx, ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin, ticketId: string, messageId: string, thread: Thread, skipped: Prepared['skipped'], cids: Prepared['cids']) {
  const content = screenedContent(email);
  // Only inline images need the stored attachments' ids (their order is the order they were given in).
  const files = cids.some(Boolean) && content.html ? await trx.selectFrom('attachments').select('id').where('message_id', '=', messageId).orderBy('id').execute() : [];
  const urlFor = (cid: string) => {
    const at = cids.indexOf(cid);
    return at >= 0 && files[at] ? `/api/v1/attachments/${files[at].id}` : undefined;
  };
  const id = await insertEmailRow(trx, {
    ...inboundColumns(email, origin.source),
    kind: 'customer',
    state: 'stored',
    ticket_id: ticketId,
    message_id: messageId,
    full_text: content.fullText,
    html: content.html === null ? null : linkInlineImages(content.html, urlFor),
    sender_check: thread.check,
    payload: JSON.stringify({ skippedAttachments: skipped, referred: thread.referred, followUpOf: thread.followUpOf }),
  });
  // A concurrent delivery of the same message won the race: roll this one back whole.
  if (!id) throw new DuplicateEmail();
}

class DuplicateEmail extends Error {}

/** The customer's own CCs may write to their ticket; a copied participant cannot add more. */
async function addCopiedParticipants(trx: Tx, ctx: AppContext, ticketId: string, email: NormalisedEmail) {
  const ours = ctx.config.EMAIL_FROM ? parseFrom(ctx.config.EMAIL_FROM).address : null;
  const addresses = [...new Set(email.cc)].filter((a) => a !== ours && a !== email.from.address).slice(0, 20);
  if (addresses.length === 0) return;
  const now = nowIso();
  await trx
    .insertInto('email_participants')
    .values(addresses.map((address) => ({ ticket_id: ticketId, address, role: 'cc' as const, created_at: now })))
    .onConflict((oc) => oc.columns(['ticket_id', 'address']).doNothing())
    .execute();
}

async function joinTicket(ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin, thread: Thread & { ticket: TicketRow }, prepared: Prepared): Promise<InboundResult> {
  const ticket = thread.ticket;
  const result = await withStoredAttachments(ctx, prepared.accepted, (stored) =>
    ctx.transaction(async (trx) => {
      // Lock the ticket row first so a concurrent merge or status change cannot slip in.
      let query = trx.selectFrom('tickets').selectAll().where('id', '=', ticket.id);
      if (dialectOf(trx) === 'postgres') query = query.forUpdate();
      const current = (await query.executeTakeFirst()) ?? ticket;
      const actor = { kind: 'guest' as const, customerId: current.customer_id, ticketId: current.id };
      const sent = await messageWriter(trx, { actor, ticket: current, input: { body: email.displayText || email.subject }, stored, origin: { ip: origin.ip ?? null, userAgent: null }, channel: 'email' });
      await writeInboundRow(trx, ctx, email, origin, current.id, sent.message.id, thread, prepared.skipped, prepared.cids);
      if (thread.role === 'customer') await addCopiedParticipants(trx, ctx, current.id, email);
      return sent;
    }),
  );
  return { outcome: 'stored', ticketId: result.ticket.id, created: false };
}

async function openTicket(ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin, thread: Thread, prepared: Prepared): Promise<InboundResult> {
  const files: UploadedFile[] = prepared.accepted.map((a) => ({ filename: a.filename, data: a.data }));
  const created = await ticketCreator({
    ctx,
    actor: null,
    input: {
      subject: (email.subject || email.displayText.split('\n')[0] || '(no subject)').slice(0, 200),
      body: email.displayText || email.subject || '(empty message)',
      category: EMAIL_CATEGORY,
      channel: 'email',
      ...(email.locale ? { locale: email.locale } : {}),
      customer: { email: email.from.address, ...(email.from.name ? { name: email.from.name } : {}) },
    },
    files,
    fieldsLater: true,
    origin: { ip: origin.ip ?? null, userAgent: null },
    within: async (trx, { ticket, message }) => {
      await writeInboundRow(trx, ctx, email, origin, ticket.id, message.id, thread, prepared.skipped, prepared.cids);
      await addCopiedParticipants(trx, ctx, ticket.id, email);
      if (thread.check === 'not_participant' || thread.check === 'unauthenticated') {
        await trx.insertInto('ticket_tags').values({ ticket_id: ticket.id, tag: UNVERIFIED_TAG }).execute();
        const why = emailText(ticket.locale, thread.check === 'unauthenticated' ? 'whyUnauthenticated' : 'whyNotParticipant');
        const body = emailText(ticket.locale, 'unverifiedNote', { numbers: thread.referred.join(', '), address: email.from.address, why });
        await automatedMessageWriter(trx, ticket, 'system', { body, meta: { emailSenderUnverified: thread.referred }, visibility: 'internal' });
        await addTicketEvent(trx, ticket.id, systemRef, 'sender_unverified', { address: email.from.address, referred: thread.referred, why: thread.check });
      } else if (thread.followUpOf) {
        await automatedMessageWriter(trx, ticket, 'system', { body: emailText(ticket.locale, 'followUpNote', { number: thread.followUpOf }), meta: { followUpOf: thread.followUpOf }, visibility: 'internal' });
      }
    },
  });
  return { outcome: 'stored', ticketId: created.ticket.id, created: true };
}

/** Auto-replies on a thread become an internal note (no status change, no answer); elsewhere they are set aside. */
async function autoReplyRecorder(ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin, thread: Thread): Promise<InboundResult> {
  return ctx.transaction(async (trx) => {
    const ticket = thread.ticket;
    const id = await insertEmailRow(trx, { ...inboundColumns(email, origin.source), kind: email.kind, state: ticket ? 'stored' : 'ignored', ticket_id: ticket?.id ?? null, error: email.reason, full_text: redactSecrets(email.text).text });
    if (!id) return { outcome: 'duplicate' as const, ticketId: ticket?.id ?? null, created: false };
    if (ticket) {
      const body = emailText(ticket.locale, 'autoReplyNote', { address: email.from.address, reason: email.reason ?? '', body: redactSecrets(email.displayText).text.slice(0, 2000) });
      await automatedMessageWriter(trx, ticket, 'system', { body, meta: { emailAutoReply: email.reason }, visibility: 'internal' });
    }
    return { outcome: ticket ? ('stored' as const) : ('ignored' as const), ticketId: ticket?.id ?? null, created: false };
  });
}

/**
 * Stores one parsed inbound email: a repeat adds nothing; a loop is set aside; a bounce marks our
 * message bounced; an auto-reply becomes a note; a customer's message joins its ticket when its
 * sender may write there, else opens a new one (marked unverified when it claimed another ticket).
 */
export async function inboundEmailWriter(ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin): Promise<InboundResult> {
  const seen = await ctx.db.selectFrom('email_messages').select('ticket_id').where('dedupe_key', '=', email.dedupeKey).executeTakeFirst();
  if (seen) return { outcome: 'duplicate', ticketId: seen.ticket_id, created: false };
  try {
    if (email.kind === 'loop') {
      const id = await insertEmailRow(ctx.db, { ...inboundColumns(email, origin.source), kind: 'loop', state: 'ignored', error: email.reason });
      return { outcome: id ? 'ignored' : 'duplicate', ticketId: null, created: false };
    }
    if (email.kind === 'bounce') return await bounceRecorder(ctx, email, origin);
    const thread = await findThread(ctx.db, email, ctx.config.TICKET_PREFIX);
    if (email.kind === 'auto_reply') return await autoReplyRecorder(ctx, email, origin, thread);
    const prepared = await prepareAttachments(ctx, email);
    if (thread.ticket) return await joinTicket(ctx, email, origin, { ...thread, ticket: thread.ticket }, prepared);
    return await openTicket(ctx, email, origin, thread, prepared);
  } catch (err) {
    if (err instanceof DuplicateEmail) return { outcome: 'duplicate', ticketId: null, created: false };
    throw err;
  }
}
