import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { AppContext } from '../../../../context.js';
import type { InboundResult } from '../../adapters.js';

export const LISTENER_SOURCE = 'smtp-listener';

type Receive = (raw: Buffer, source: string, ip: string | undefined) => Promise<InboundResult>;

/** SMTP reply with a code: 4xx tells the forwarding server to keep the message and try later. */
const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The built-in SMTP listener for mail forwarded to support (a mail server's alias or transport
 * pointing here). It accepts a message only once it is stored: anything that fails on our side
 * answers 451, so the sending server keeps the message and retries. Oversized mail is refused with
 * 552 (the sender is told) and listed for admins. Binds to SMTP_LISTEN_HOST — keep it private.
 */
export function startSmtpListener(ctx: AppContext, receive: Receive, recordTooLarge: (raw: Buffer, ip: string | undefined) => Promise<unknown>): Promise<SMTPServer> {
  const max = ctx.config.EMAIL_MAX_BYTES;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // No SIZE limit announced: a sender's MTA would refuse before we saw who sent what. We keep
    // the head of an oversized message, list it for admins, then answer 552.
    logger: false,
    banner: 'LedgerDesk support mail listener',
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit keep only the head: enough for admins to see who sent what.
        if (length < max) chunks.push(chunk);
        length += chunk.length;
      });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const ip = session.remoteAddress;
        if (length > max) {
          void recordTooLarge(raw.subarray(0, 256 * 1024), ip).finally(() => callback(smtpError(552, `Message exceeds the ${max}-byte limit`)));
          return;
        }
        receive(raw, LISTENER_SOURCE, ip).then(
          (result) => callback(null, `Accepted (${result.outcome})`),
          (err: unknown) => {
            ctx.log.warn({ err }, 'email: SMTP listener could not store a message; the sender will retry');
            callback(smtpError(451, 'Temporary failure storing the message; try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => ctx.log.warn({ err }, 'email: SMTP listener error'));
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(ctx.config.SMTP_LISTEN_PORT, ctx.config.SMTP_LISTEN_HOST, () => {
      server.server.off('error', reject);
      resolve(server);
    });
  });
}
