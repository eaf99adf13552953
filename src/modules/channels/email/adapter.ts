import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { ChannelAdapter } from '../adapters.js';
import { failedEmailRecorder } from './commands/failedEmailRecorder.js';
import { inboundEmailWriter } from './commands/inboundEmailWriter.js';
import { outboundEmailComposer } from './commands/outboundEmailComposer.js';
import { normaliseEmail, UnparsableEmailError, type NormalisedEmail } from './inbound/normalise.js';
import { emailSettings } from './settings.js';

/** The email channel: a MIME source in (IMAP poller, SMTP listener), SMTP out. */
export const emailAdapter: ChannelAdapter<Buffer, NormalisedEmail> = {
  channel: 'email',
  delivers: ['agent'],
  payload: z.instanceof(Buffer).refine((b) => b.length > 0, 'an empty message'),
  normalise: (ctx, raw) => normaliseEmail(raw, emailSettings(ctx.config), ctx.secret, ctx.config.EMAIL_AUTHSERV_ID),
  accept: (ctx, email, origin) => inboundEmailWriter(ctx, email, origin),
  async receive(ctx, raw, origin) {
    if (raw.length > ctx.config.EMAIL_MAX_BYTES) return failedEmailRecorder(ctx, raw, origin, `larger than EMAIL_MAX_BYTES (${raw.length} > ${ctx.config.EMAIL_MAX_BYTES} bytes)`);
    let email: NormalisedEmail;
    try {
      email = await this.normalise(ctx, this.payload.parse(raw));
    } catch (err) {
      if (err instanceof UnparsableEmailError || err instanceof z.ZodError) return failedEmailRecorder(ctx, raw, origin, err.message);
      throw err;
    }
    return this.accept(ctx, email, origin);
  },
  async deliverReply(ctx: AppContext, reply) {
    await ctx.transaction((trx) => outboundEmailComposer(trx, { ctx, kind: 'reply', ticketId: reply.ticketId, messageId: reply.messageId, dedupeKey: `reply:${reply.messageId}` }));
  },
};
