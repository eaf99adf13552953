import type { Module } from '../../module.js';
import { registerChannelAdapter } from '../adapters.js';
import { connectorAdapter } from './adapter.js';
import { registerConnectorRoutes } from './http/connectorRoutes.js';
import { CONNECTOR_EVENT_JOB, registerConnectorInbound } from './http/inboundRoutes.js';
import type { ConnectorDelivery } from './payload.js';
import { isAnnouncedChatState } from '../chatStateWords.js';
import { KeyedSerialiser } from '../keyedSerialiser.js';
import { announceConnectorChatState } from './outbound/chatState.js';

/**
 * The generic connector (issue 7, item 6; docs/connector.md): other messaging apps reach the desk
 * through a small bridge that posts signed events and receives signed callbacks. Their users'
 * conversations are like Telegram's — the same bot, routing and console.
 */
export const connectorModule: Module = {
  name: 'connector',
  async register(app, ctx) {
    registerConnectorRoutes(app, ctx);
    await registerConnectorInbound(app, ctx);
    // One user's events are handled in the order they were kept, even when taken in one batch.
    const inOrder = new KeyedSerialiser();
    ctx.jobs.define(CONNECTOR_EVENT_JOB, async (payload) => {
      const delivery = payload as unknown as ConnectorDelivery;
      await inOrder.run(`${delivery.connectorId}:${delivery.event?.userId}`, () => connectorAdapter.receive(ctx, delivery, { source: 'connector' }));
    });
    registerChannelAdapter(ctx, connectorAdapter);
    ctx.jobs.onEvent('chat.updated', 'connector.chat_state', (event) => announceConnectorChatState(ctx, event), { when: isAnnouncedChatState });
  },
};
