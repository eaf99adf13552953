import type { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../../context.js';
import type { Module } from '../../module.js';
import { registerChannelAdapter } from '../adapters.js';
import { emailAdapter } from './adapter.js';
import { emailAcknowledger } from './commands/emailAcknowledger.js';
import { failedEmailRecorder } from './commands/failedEmailRecorder.js';
import { outboundEmailComposer, SEND_EMAIL_JOB } from './commands/outboundEmailComposer.js';
import { registerEmailRoutes } from './http/emailRoutes.js';
import { MailboxPoller } from './inbound/imapPoller.js';
import { LISTENER_SOURCE, startSmtpListener } from './inbound/smtpListener.js';
import { closeMailer } from './outbound/mailer.js';
import { emailSender } from './outbound/sender.js';
import { emailSettings } from './settings.js';

export const ACKNOWLEDGE_JOB = 'email.acknowledge';
export const TRANSCRIPT_JOB = 'email.chat_transcript';

/** What runs on this node: one poller per mailbox, the SMTP listener. */
export interface EmailRuntime {
  pollers: MailboxPoller[];
  listener: SMTPServer | null;
}

const runtimes = new WeakMap<AppContext, EmailRuntime>();
/** This app's pollers and listener (tests poll on demand; admins read the status). */
export const emailOf = (ctx: AppContext): EmailRuntime | undefined => runtimes.get(ctx);

/**
 * The email channel (see "Email" in docs/ARCHITECTURE.md): mailboxes polled over IMAP and an SMTP
 * listener in; agents' replies, acknowledgements and guest links out over SMTP by a durable job.
 * Off until EMAIL_FROM is set.
 */
export const emailModule: Module = {
  name: 'email',
  register(app, ctx) {
    const settings = emailSettings(ctx.config);
    const runtime: EmailRuntime = { pollers: [], listener: null };
    runtimes.set(ctx, runtime);
    registerEmailRoutes(app, ctx, {
      mailboxes: () => runtime.pollers.map((p) => p.status),
      listener: () => (runtime.listener && ctx.config.SMTP_LISTEN_PORT ? { host: ctx.config.SMTP_LISTEN_HOST, port: ctx.config.SMTP_LISTEN_PORT } : null),
    });
    ctx.jobs.define(SEND_EMAIL_JOB, (payload, job) => emailSender(ctx, String(payload.emailId), job));
    if (!settings.from) return;
    registerChannelAdapter(ctx, emailAdapter);
    ctx.jobs.onEvent('ticket.created', ACKNOWLEDGE_JOB, (event) => emailAcknowledger(ctx, event.payload), {
      when: (event) => !!ctx.config.SMTP_URL && (event.payload.channel === 'email' || event.payload.channel === 'web'),
    });
    // A chat that ended is mailed to the customer when we have their address (a reply continues the ticket).
    ctx.jobs.onEvent(
      'chat.updated',
      TRANSCRIPT_JOB,
      (event) => ctx.transaction(async (trx) => void (await outboundEmailComposer(trx, { ctx, kind: 'transcript', ticketId: String(event.payload.ticketId), dedupeKey: `transcript:${String(event.payload.ticketId)}` }))),
      { when: (event) => !!ctx.config.SMTP_URL && event.payload.state === 'ended' },
    );
    app.addHook('onClose', async () => {
      await Promise.all(runtime.pollers.map((p) => p.stop()));
      if (runtime.listener) await new Promise<void>((resolve) => runtime.listener!.close(() => resolve()));
      closeMailer(ctx);
    });
  },
  async bootstrap(ctx) {
    const runtime = runtimes.get(ctx);
    const settings = emailSettings(ctx.config);
    if (!runtime || !settings.from) return;
    const receive = (raw: Buffer, source: string, ip?: string) => emailAdapter.receive(ctx, raw, { source, ...(ip ? { ip } : {}) });
    for (const mailbox of settings.mailboxes) {
      const poller = new MailboxPoller(ctx, mailbox, receive, (raw, source, reason, header) => failedEmailRecorder(ctx, raw, { source }, reason, header));
      runtime.pollers.push(poller);
      poller.start();
    }
    if (ctx.config.SMTP_LISTEN_PORT) {
      runtime.listener = await startSmtpListener(ctx, receive, (head, ip) =>
        failedEmailRecorder(ctx, head, { source: LISTENER_SOURCE, ...(ip ? { ip } : {}) }, `larger than EMAIL_MAX_BYTES; refused with 552 (the first ${head.length} bytes kept)`),
      );
      ctx.log.info({ host: ctx.config.SMTP_LISTEN_HOST, port: ctx.config.SMTP_LISTEN_PORT }, 'email: SMTP listener ready');
    }
  },
};
