import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DomainEvent } from '../../../platform/bus/bus.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FrameHandler, Gateway } from '../../../platform/realtime/gateway.js';
import type { ChatPrincipal } from './principal.js';
import { NOTIFICATION_CREATED } from '../../notifications/commands/notificationWriter.js';

/**
 * The console's live inbox over the chat socket. An agent sends `inbox.watch`; from then on
 * every ticket created or changed, and every message added, arrives as
 * `{ type: 'inbox.changed', ticketId, number?, reason }`. The frame says only *which* ticket
 * moved: the console asks the inbox API for it again under its own filters, so what an agent
 * sees is always what the API (and its permissions) would answer. A reconnecting console does
 * the same for its whole list, so an event missed while offline costs nothing. The watching agent
 * also receives their own notifications as `{ type: 'notification', id, kind, ticketId }`
 * (the list itself is GET /api/v1/notifications).
 */
export const INBOX_TOPIC = 'inbox';
const agentTopic = (agentId: string) => `agent:${agentId}`;

const inboxWatchFrame = z.strictObject({ type: z.literal('inbox.watch'), id: z.string().max(64).optional() });
const inboxLeaveFrame = z.strictObject({ type: z.literal('inbox.leave'), id: z.string().max(64).optional() });

export function inboxHandlers(gateway: () => Gateway<ChatPrincipal>): Record<string, FrameHandler<ChatPrincipal>> {
  return {
    'inbox.watch'(conn, raw) {
      inboxWatchFrame.parse(raw);
      if (conn.principal.kind !== 'agent') throw new AppError('forbidden', 'The inbox is for agents.');
      if (!conn.principal.actor.scopes.has('tickets:read')) throw new AppError('forbidden', 'The token lacks the "tickets:read" scope.');
      if (!gateway().registry.add(conn, INBOX_TOPIC)) throw new AppError('rate_limited', 'This connection follows too many topics.');
      // The agent's own notifications (@mentions, exposed secrets) come on the same watch.
      gateway().registry.add(conn, agentTopic(conn.principal.actor.agentId));
      return { watching: true };
    },
    'inbox.leave'(conn, raw) {
      inboxLeaveFrame.parse(raw);
      gateway().registry.remove(conn, INBOX_TOPIC);
      if (conn.principal.kind === 'agent') gateway().registry.remove(conn, agentTopic(conn.principal.actor.agentId));
      return { watching: false };
    },
  };
}

const reasons: Record<string, string> = { 'ticket.created': 'created', 'ticket.updated': 'updated', 'message.created': 'message', 'ticket.merged': 'merged' };

/** Bus → watching sockets of this node. Writes nothing, so every node runs it for its own sockets. */
export function bridgeInboxFeed(ctx: AppContext, gateway: Gateway<ChatPrincipal>): () => void {
  const deliver = (event: DomainEvent): void => {
    const ticketId = event.payload.ticketId;
    if (typeof ticketId !== 'string' || !gateway.registry.has(INBOX_TOPIC)) return;
    const number = typeof event.payload.number === 'string' ? event.payload.number : undefined;
    gateway.registry.deliver(INBOX_TOPIC, { type: 'inbox.changed', ticketId, ...(number ? { number } : {}), reason: reasons[event.topic] ?? 'updated' });
  };
  const offs = Object.keys(reasons).map((topic) => ctx.bus.subscribe(topic, deliver));
  offs.push(
    ctx.bus.subscribe(NOTIFICATION_CREATED, (event) => {
      const { agentId, notificationId, ticketId, kind } = event.payload;
      if (typeof agentId !== 'string') return;
      gateway.registry.deliver(agentTopic(agentId), { type: 'notification', id: String(notificationId), kind: String(kind), ticketId: String(ticketId) });
    }),
  );
  return () => offs.forEach((off) => off());
}
