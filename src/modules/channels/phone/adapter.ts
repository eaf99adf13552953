import type { ChannelAdapter } from '../adapters.js';
import { callRecorder } from './commands/callRecorder.js';
import { callEvent, type CallEvent } from './payload.js';

/**
 * The phone channel: call events in from the telephony system. Nothing goes out through it —
 * agents speak to the customer on the call itself, so `delivers` is empty and the registry's
 * delivery job never picks this adapter for a reply.
 */
export const phoneAdapter: ChannelAdapter<CallEvent, CallEvent> = {
  channel: 'phone',
  delivers: [],
  payload: callEvent,
  // Numbers are already E.164 and times checked by the payload schema.
  normalise: async (_ctx, event) => event,
  accept: (ctx, event) => callRecorder(ctx, event),
  async receive(ctx, payload, origin) {
    return this.accept(ctx, await this.normalise(ctx, this.payload.parse(payload)), origin);
  },
  deliverReply: async () => {
    throw new Error('phone tickets have no written replies to deliver');
  },
};
