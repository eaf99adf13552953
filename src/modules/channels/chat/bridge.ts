import type { AppContext } from '../../../context.js';
import type { DomainEvent } from '../../../platform/bus/bus.js';
import type { Gateway } from '../../../platform/realtime/gateway.js';
import type { CarriedMessage } from '../../tickets/ticketEvents.js';
import { chatTopic, QUEUE_TOPIC } from './handlers.js';
import { fileLinks } from './links.js';
import type { ChatPrincipal } from './principal.js';
import { presentChat, presentMessage } from './presenters.js';
import { loadChat, messageById, type MessageView } from './queries.js';
import { outgoing, pushMessage, type OutgoingMessage } from './stream.js';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The message a `message.created` event carries (tickets' `recordMessageCreated`), if it is this one's. */
function carriedView(payload: Record<string, unknown>, messageId: string, chatId: string): MessageView | null {
  const view = payload.view as CarriedMessage | undefined;
  if (!view || typeof view !== 'object' || !view.message || !Array.isArray(view.attachments)) return null;
  return view.message.id === messageId && view.message.ticket_id === chatId ? view : null;
}

/**
 * Bus → sockets. Every node hears every event and delivers to its own sockets only, so this
 * writes nothing and is safe to run on every node; a repeated event id is skipped per socket
 * (stream.ts). A message comes inside its event and is presented and serialised once per
 * audience; an event without it (an older writer) has it loaded, and messages still go out in
 * the order their events arrived.
 */
export function bridgeBusToSockets(ctx: AppContext, gateway: Gateway<ChatPrincipal>, nodeId: string): () => void {
  const { registry } = gateway;
  const links = fileLinks(ctx);
  let inOrder: Promise<void> = Promise.resolve();
  let loading = 0;

  const deliver = (chatId: string, view: MessageView): void => {
    let forAgents: OutgoingMessage | undefined;
    let forCustomers: OutgoingMessage | undefined;
    for (const conn of registry.listeners(chatTopic(chatId))) {
      if (conn.principal.kind === 'agent') {
        pushMessage(conn, (forAgents ??= outgoing(presentMessage(view, 'agent', links))));
      } else if (view.message.visibility === 'public') {
        // Internal notes never reach a customer's socket, not even as a count.
        pushMessage(conn, (forCustomers ??= outgoing(presentMessage(view, 'customer', links))));
      }
    }
  };

  // Returns at once: the relay must not wait for a read before publishing the next event.
  const onMessage = (event: DomainEvent): void => {
    const chatId = str(event.payload.ticketId);
    const messageId = str(event.payload.messageId);
    if (!chatId || !messageId || !registry.has(chatTopic(chatId))) return;
    const carried = carriedView(event.payload, messageId, chatId);
    if (carried && loading === 0) return deliver(chatId, carried);
    loading++;
    const view = carried ? Promise.resolve(carried) : messageById(ctx.db, messageId);
    inOrder = inOrder
      .then(async () => {
        const loaded = await view;
        if (loaded) deliver(chatId, loaded);
      })
      .catch((err: unknown) => ctx.log.warn({ err, messageId }, 'chat message delivery failed'))
      .finally(() => loading--);
  };

  const onChatUpdated = async (event: DomainEvent): Promise<void> => {
    const chatId = str(event.payload.ticketId);
    if (!chatId) return;
    const p = event.payload;
    const agentId = str(p.agentId);
    const forCustomer = {
      type: 'chat.updated', chatId, state: str(p.state),
      ...(num(p.position) !== undefined ? { position: num(p.position) } : {}),
      ...(num(p.etaSeconds) !== undefined ? { etaSeconds: num(p.etaSeconds) } : {}),
      ...(str(p.ticketNumber) ? { ticketNumber: str(p.ticketNumber) } : {}),
    };
    const topic = chatTopic(chatId);
    if (registry.has(topic)) {
      // Customers see who answers by name, never an agent id.
      const agent = agentId ? await ctx.db.selectFrom('agents').select('name').where('id', '=', agentId).executeTakeFirst() : undefined;
      registry.deliver(topic, { ...forCustomer, ...(agent ? { agentName: agent.name } : {}) }, (c) => c.principal.kind === 'customer');
    }
    const forAgents = { ...forCustomer, teamId: str(p.teamId), agentId };
    registry.deliver(topic, forAgents, (c) => c.principal.kind === 'agent' && !c.topics.has(QUEUE_TOPIC));
    registry.deliver(QUEUE_TOPIC, forAgents);
  };

  const onTicketCreated = async (event: DomainEvent): Promise<void> => {
    if (event.payload.channel !== 'chat' || !registry.has(QUEUE_TOPIC)) return;
    const chat = await loadChat(ctx.db, str(event.payload.ticketId) ?? '');
    if (chat) registry.deliver(QUEUE_TOPIC, { type: 'queue.chat', chat: presentChat(chat, 'agent') });
  };

  const onTyping = (event: DomainEvent): void => {
    const chatId = str(event.payload.ticketId);
    const side = str(event.payload.side);
    if (!chatId || !side) return;
    const origin = str(event.payload.origin);
    // The other side sees it; the typist's own socket does not.
    registry.deliver(chatTopic(chatId), { type: 'typing', chatId, side, typing: event.payload.typing === true },
      (c) => (c.principal.kind === 'agent' ? 'agent' : 'customer') !== side || (c.principal.kind === 'agent' && `${nodeId}/${c.id}` !== origin));
  };

  const onRead = (event: DomainEvent): void => {
    const chatId = str(event.payload.ticketId);
    if (!chatId) return;
    registry.deliver(chatTopic(chatId), { type: 'read', chatId, side: str(event.payload.side), messageId: str(event.payload.messageId) });
  };

  // The supervisor board: an agent's availability changed (their load moves with chat.updated).
  const onPresence = (event: DomainEvent): void => {
    const agentId = str(event.payload.agentId);
    if (!agentId || !registry.has(QUEUE_TOPIC)) return;
    registry.deliver(QUEUE_TOPIC, { type: 'agent.presence', agentId, status: str(event.payload.status), maxChats: num(event.payload.maxChats) ?? null });
  };

  const offs = [
    ctx.bus.subscribe('agent.presence_changed', onPresence),
    ctx.bus.subscribe('message.created', onMessage),
    ctx.bus.subscribe('chat.updated', onChatUpdated),
    ctx.bus.subscribe('ticket.created', onTicketCreated),
    ctx.bus.subscribe('chat.typing', onTyping),
    ctx.bus.subscribe('chat.read', onRead),
  ];
  return () => offs.forEach((off) => off());
}
