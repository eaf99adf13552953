import type { DomainEvent } from '../../platform/bus/bus.js';
import type { Module } from '../module.js';
import type { Channel } from '../tickets/categories.js';
import { channelAdapters } from './adapters.js';

export const DELIVER_REPLY_JOB = 'channels.deliver_reply';

/**
 * The channel adapters' common plumbing: one durable job per public message the ticket's channel
 * must carry (see `delivers`) picks the sender from the registry by the channel `message.created`
 * names. The web chat has no adapter here — its messages travel on the socket and cost no job.
 */
export const channelsModule: Module = {
  name: 'channels',
  register(_app, ctx) {
    const adapterFor = (event: DomainEvent) => channelAdapters(ctx).get(event.payload.ticketChannel as Channel);
    ctx.jobs.onEvent(
      'message.created',
      DELIVER_REPLY_JOB,
      async (event, job) => {
        await adapterFor(event)?.deliverReply(ctx, { ticketId: String(event.payload.ticketId), messageId: String(event.payload.messageId) }, job);
      },
      {
        when: (event) => event.payload.visibility === 'public' && !!adapterFor(event)?.delivers.includes(event.payload.authorType as 'agent'),
      },
    );
  },
};
