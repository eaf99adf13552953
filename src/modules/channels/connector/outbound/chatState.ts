import type { AppContext } from '../../../../context.js';
import type { DomainEvent } from '../../../../platform/bus/bus.js';
import { chatStateWords } from '../../chatStateWords.js';
import type { ConnectorAddress } from '../commands/connectorInboundWriter.js';
import { connectorById } from '../registry.js';
import { CallbackFailed, postCallback } from './callback.js';

/**
 * The `connector.chat_state` job: the conversation's live state (place in the queue, an agent
 * joining, the end) goes to the bridge as a `state` callback with the words to show. A bridge
 * that is down is retried like replies; one that refuses for good is only logged (the next state
 * or reply says more).
 */
export async function announceConnectorChatState(ctx: AppContext, event: DomainEvent): Promise<void> {
  const said = await chatStateWords(ctx.db, event, 'connector');
  if (!said) return;
  const identity = await ctx.db.selectFrom('channel_identities').select('address').where('channel', '=', 'connector').where('customer_id', '=', said.ticket.customer_id).executeTakeFirst();
  const address = identity && (JSON.parse(identity.address) as ConnectorAddress);
  const connector = address && (await connectorById(ctx.db, address.connectorId));
  if (!address || !connector?.enabled) return;
  await postCallback(connector, { type: 'state', eventId: `state:${event.id}`, userId: address.userId, locale: said.ticket.locale, ticket: { id: said.ticket.id }, state: said.state, text: said.text }).catch((err: unknown) => {
    if (err instanceof CallbackFailed && !err.retryable) return ctx.log.warn({ err, connector: connector.name }, 'Connector: the bridge refused a state callback');
    throw err;
  });
}
