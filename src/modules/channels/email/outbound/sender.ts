import type { Readable } from 'node:stream';
import type { AppContext } from '../../../../context.js';
import { nowIso } from '../../../../platform/db/ids.js';
import type { JobInfo } from '../../../../platform/jobs/jobs.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, systemRef } from '../../../tickets/ticketEvents.js';
import { emailText } from '../locales/index.js';
import { emailSettings, parseFrom } from '../settings.js';
import { closeMailer, mailerOf } from './mailer.js';
import { baseSubject, renderEmail, type OutboundKind } from './templates.js';
import { chatTranscript } from './transcript.js';

/**
 * The `email.send` job: renders the recorded email in the ticket's language and hands it to
 * SMTP with our Message-ID and the thread headers, DKIM-signed when configured. A failure is
 * written on the row and thrown, so the job runner retries with backoff; the last attempt leaves
 * the row `failed`, visible to agents and admins.
 */
export async function emailSender(ctx: AppContext, emailId: string, job: JobInfo): Promise<void> {
  const row = await ctx.db.selectFrom('email_messages').selectAll().where('id', '=', emailId).executeTakeFirst();
  if (!row || row.direction !== 'outbound' || row.state === 'sent' || row.state === 'bounced') return;
  const mailer = mailerOf(ctx);
  if (!mailer || !ctx.config.EMAIL_FROM) throw new Error('SMTP_URL or EMAIL_FROM is not set');
  try {
    const ticket = await ctx.db
      .selectFrom('tickets')
      .innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['tickets.number', 'customers.name'])
      .where('tickets.id', '=', row.ticket_id!)
      .executeTakeFirstOrThrow();
    const message = row.message_id ? await ctx.db.selectFrom('messages').select(['body']).where('id', '=', row.message_id).executeTakeFirst() : undefined;
    const files = row.message_id
      ? await ctx.db.selectFrom('attachments').select(['storage_key', 'filename', 'content_type']).where('message_id', '=', row.message_id).orderBy('id').execute()
      : [];
    const payload = JSON.parse(row.payload) as { locale?: string; link?: string | null };
    const from = parseFrom(ctx.config.EMAIL_FROM);
    const rendered = renderEmail({
      kind: row.kind as OutboundKind,
      locale: payload.locale ?? 'en',
      brand: from.name || from.address,
      number: ticket.number,
      subject: baseSubject(row.subject ?? '', ctx.config.TICKET_PREFIX),
      customerName: ticket.name,
      body: row.kind === 'transcript' ? await chatTranscript(ctx.db, row.ticket_id!, payload.locale ?? 'en') : (message?.body ?? ''),
      link: payload.link ?? null,
    });
    const recipients = JSON.parse(row.recipients) as { to: string[]; cc?: string[] };
    const references = JSON.parse(row.references) as string[];
    const automatic = row.kind !== 'reply';
    const attachments: { filename: string; content: Readable; contentType: string }[] = [];
    for (const f of files) attachments.push({ filename: f.filename, content: await ctx.storage.get(f.storage_key), contentType: f.content_type });
    const dkim = emailSettings(ctx.config).dkim;
    await mailer.sendMail({
      from: { name: from.name, address: from.address },
      to: recipients.to,
      ...(recipients.cc?.length ? { cc: recipients.cc } : {}),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${row.message_id_header}>`,
      ...(row.in_reply_to ? { inReplyTo: `<${row.in_reply_to}>` } : {}),
      ...(references.length ? { references: references.map((r) => `<${r}>`) } : {}),
      // RFC 3834: what no person wrote says so, and asks other robots not to answer it.
      headers: automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
      attachments,
      ...(dkim ? { dkim } : {}),
    });
    await ctx.transaction(async (trx) => {
      await trx.updateTable('email_messages').set({ state: 'sent', sent_at: nowIso(), attempts: job.attempt, error: null }).where('id', '=', emailId).execute();
      await addTicketEvent(trx, row.ticket_id!, systemRef, 'email_sent', { emailId, kind: row.kind, messageId: row.message_id });
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const last = job.attempt >= job.maxAttempts;
    if (last) {
      // Out of attempts: the row turns failed and the agents see it on the ticket, like a bounce.
      await ctx.transaction(async (trx) => {
        await trx.updateTable('email_messages').set({ attempts: job.attempt, error: reason.slice(0, 1000), state: 'failed' }).where('id', '=', emailId).execute();
        const ticket = await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale']).where('id', '=', row.ticket_id!).executeTakeFirst();
        if (!ticket) return;
        const recipient = (JSON.parse(row.recipients) as { to: string[] }).to.join(', ');
        const body = emailText(ticket.locale, 'deliveryFailedNote', { recipient, attempts: String(job.attempt), error: reason.slice(0, 300) });
        await automatedMessageWriter(trx, ticket, 'system', { body, meta: { emailFailed: emailId }, visibility: 'internal' });
        await addTicketEvent(trx, ticket.id, systemRef, 'email_failed', { emailId, kind: row.kind, messageId: row.message_id, attempts: job.attempt });
      });
    } else {
      await ctx.db.updateTable('email_messages').set({ attempts: job.attempt, error: reason.slice(0, 1000) }).where('id', '=', emailId).execute();
    }
    // A broken pooled connection would fail the next try too.
    closeMailer(ctx);
    throw err;
  }
}
