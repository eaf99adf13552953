import type { Module } from '../module.js';
import { channelAdapters } from './adapters.js';

export const DELIVER_REPLY_JOB = 'channels.deliver_reply';

/**
 * The channel adapters' common plumbing: one durable job per agent's public reply picks the
 * sender of the ticket's channel from the registry. Chat replies travel on the socket (their
 * `message.created` carries `chatState`) and cost no job.
 */
export const channelsModule: Module = {
  name: 'channels',
  register(_app, ctx) {
    ctx.jobs.onEvent(
      'message.created',
      DELIVER_REPLY_JOB,
      async (event) => {
        const ticketId = String(event.payload.ticketId);
        const ticket = await ctx.db.selectFrom('tickets').select('channel').where('id', '=', ticketId).executeTakeFirst();
        const adapter = ticket && channelAdapters(ctx).get(ticket.channel);
        if (adapter) await adapter.deliverReply(ctx, { ticketId, messageId: String(event.payload.messageId) });
      },
      {
        when: (event) =>
          event.payload.authorType === 'agent' && event.payload.visibility === 'public' && event.payload.chatState === undefined && channelAdapters(ctx).size > 0,
      },
    );
  },
};
