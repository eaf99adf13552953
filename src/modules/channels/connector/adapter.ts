import type { ChannelAdapter } from '../adapters.js';
import { connectorInboundWriter } from './commands/connectorInboundWriter.js';
import { deliverConnectorMessage } from './outbound/connectorDelivery.js';
import { connectorDelivery, type ConnectorDelivery } from './payload.js';

/**
 * The generic connector: one adapter for every bridged app (KakaoTalk, LINE, WhatsApp, X…), the
 * app told apart by the connector row. The route already checked signature and shape, so the
 * job's payload is the validated event; normalising reads it again (a job kept by an older
 * version is checked, not trusted).
 */
export const connectorAdapter: ChannelAdapter<ConnectorDelivery, ConnectorDelivery> = {
  channel: 'connector',
  delivers: ['agent', 'bot', 'system'],
  payload: connectorDelivery,
  normalise: async (_ctx, delivery) => connectorDelivery.parse(delivery),
  accept: (ctx, delivery) => connectorInboundWriter(ctx, delivery),
  async receive(ctx, payload, origin) {
    return this.accept(ctx, await this.normalise(ctx, payload), origin);
  },
  deliverReply: (ctx, reply, job) => deliverConnectorMessage(ctx, reply.messageId, job),
};
