import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { DomainEvent } from '../../../platform/bus/bus.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { RateWindow } from '../../../platform/http/rateWindow.js';
import type { Connection } from '../../../platform/realtime/connection.js';
import type { FrameHandler, Gateway } from '../../../platform/realtime/gateway.js';
import { upsertVerifiedCustomer } from '../../identity/customers.js';
import { verifyWidgetIdentity } from '../../identity/widgetIdentity.js';
import { helpCenterOf } from '../../helpcenter/index.js';
import { presentHit } from '../../helpcenter/presenters.js';
import { chatMessageSender } from './commands/chatMessageSender.js';
import { chatStarter } from './commands/chatStarter.js';
import { chatEnder, handoverRequester, readMarker } from './commands/chatStateChanger.js';
import { chatIdFromToken, chatTokenFor, fileLinks } from './links.js';
import { assertHello, audienceOf, chatFor, type ChatPrincipal, type CustomerSide } from './principal.js';
import { presentChat, presentMessage } from './presenters.js';
import * as frames from './protocol.js';
import { isCursorOf, liveChats, loadChat, messageById, messagesAfter, openChatsOf, type ChatRecord } from './queries.js';
import { widgetSettings, identityKeyOf } from './settings.js';
import { markSeen, whileSending, withReplay } from './stream.js';

type Conn = Connection<ChatPrincipal>;

export const chatTopic = (chatId: string): string => `chat:${chatId}`;
export const QUEUE_TOPIC = 'queue';
/** Ephemeral signals (typing, read receipts) go straight to the bus, not through the outbox. */
export const ephemeral = (topic: string, payload: Record<string, unknown>): DomainEvent => ({ id: newId(), topic, payload, createdAt: nowIso() });

const customerSide = (conn: Conn): CustomerSide => {
  if (conn.principal.kind !== 'customer') throw new AppError('forbidden', 'This frame is for customers.');
  return conn.principal;
};

const ready = (conn: Conn): CustomerSide => {
  const side = customerSide(conn);
  if (!side.helloDone) throw new AppError('unauthenticated', 'Send a hello frame first.');
  return side;
};

const sideOf = (conn: Conn): 'agent' | 'customer' => (conn.principal.kind === 'agent' ? 'agent' : 'customer');

/** The chat handlers of one app. `nodeId` tells this process's ephemeral events from others'. */
export function chatHandlers(ctx: AppContext, gateway: () => Gateway<ChatPrincipal>, nodeId: string): Record<string, FrameHandler<ChatPrincipal>> {
  const links = fileLinks(ctx);
  const startsPerIp = new RateWindow(30, 3600_000);
  const origin = (conn: Conn) => ({ ip: (conn.state.get('ip') as string | undefined) ?? null, userAgent: (conn.state.get('userAgent') as string | undefined) ?? null });

  const describe = (conn: Conn, chat: ChatRecord) => ({
    ...presentChat(chat, audienceOf(conn.principal)),
    ...(conn.principal.kind === 'customer' ? { chatToken: chatTokenFor(ctx, chat.ticketId) } : {}),
  });

  const subscribe = (conn: Conn, topic: string) => {
    if (!gateway().registry.add(conn, topic)) throw new AppError('rate_limited', 'This connection follows too many chats.');
  };

  return {
    async hello(conn, raw) {
      if (conn.principal.kind === 'agent') return { identity: 'agent', agentId: conn.principal.actor.agentId };
      const f = frames.helloFrame.parse(raw);
      const side = customerSide(conn);
      if (side.helloDone) throw new AppError('conflict', 'hello was already sent on this connection.');
      side.visitorId = f.visitorId ?? null;
      side.locale = f.locale ?? null;
      if (f.identity) {
        const key = identityKeyOf(ctx, await widgetSettings(ctx));
        const check = await verifyWidgetIdentity(f.identity, key?.key ?? null);
        if (check.ok) {
          const { identity } = check;
          const customer = await ctx.transaction((trx) => upsertVerifiedCustomer(trx, { ...identity, locale: identity.locale ?? f.locale ?? null }));
          side.verified = true;
          side.customerId = customer.id;
        } else {
          // No ref: the hello itself succeeds, as a guest.
          conn.error(check.reason === 'expired' ? 'identity_expired' : 'identity_invalid',
            check.reason === 'expired' ? 'The identity token has expired; continuing as a guest.' : 'The identity token could not be verified; continuing as a guest.');
        }
      }
      const chats = new Map<string, ChatRecord>();
      for (const token of f.chatTokens ?? []) {
        const chatId = chatIdFromToken(ctx, token);
        const chat = chatId ? await loadChat(ctx.db, chatId) : undefined;
        if (!chat) continue;
        side.grants.add(chat.ticketId);
        side.customerId ??= chat.customerId;
        chats.set(chat.ticketId, chat);
      }
      if (side.verified && side.customerId) for (const chat of await openChatsOf(ctx.db, side.customerId)) chats.set(chat.ticketId, chat);
      side.helloDone = true;
      return { identity: side.verified ? 'verified' : 'guest', chats: [...chats.values()].map((c) => describe(conn, c)) };
    },

    async 'chat.start'(conn, raw) {
      const side = ready(conn);
      const f = frames.startFrame.parse(raw);
      const ip = origin(conn).ip ?? 'unknown';
      if (!startsPerIp.allow(ip)) throw new AppError('rate_limited', 'Too many chats started from this address; try again later.');
      const { chatId } = await chatStarter({ ctx, side, origin: origin(conn), input: { ...f, email: side.verified ? undefined : f.email } });
      const chat = (await loadChat(ctx.db, chatId))!;
      side.grants.add(chatId);
      side.customerId ??= chat.customerId;
      subscribe(conn, chatTopic(chatId));
      const [first] = await messagesAfter(ctx.db, chatId, null, { internal: false, limit: 1 });
      if (first) markSeen(conn, first.message.id);
      return { chat: describe(conn, chat), message: first ? presentMessage(first, 'customer', links) : null };
    },

    async 'chat.resume'(conn, raw) {
      const f = frames.resumeFrame.parse(raw);
      const chat = await chatFor(ctx.db, conn.principal, f.chatId);
      const audience = audienceOf(conn.principal);
      const internal = audience === 'agent';
      subscribe(conn, chatTopic(chat.ticketId));
      const valid = f.after ? await isCursorOf(ctx.db, chat.ticketId, f.after, internal) : false;
      // A cursor we do not know (another chat's id, garbage, a purged message) means the
      // client's copy cannot be trusted: send everything and tell it to rebuild.
      if (f.after && !valid) conn.send({ type: 'resync', chatId: chat.ticketId });
      const replayed = await withReplay(conn, chat.ticketId, async () => {
        const views = await messagesAfter(ctx.db, chat.ticketId, valid ? f.after! : null, { internal });
        for (const view of views) {
          const message = presentMessage(view, audience, links);
          if (markSeen(conn, message.id)) conn.send({ type: 'message', message });
        }
        return views.length;
      });
      const fresh = (await loadChat(ctx.db, chat.ticketId)) ?? chat;
      return { chat: describe(conn, fresh), replayed, resync: Boolean(f.after) && !valid };
    },

    async 'message.send'(conn, raw) {
      const f = frames.sendFrame.parse(raw);
      assertHello(conn.principal);
      const audience = audienceOf(conn.principal);
      // Access is checked on the chat as the send's transaction reads it (one read per message).
      const sent = await whileSending(conn, f.chatId, f.clientId, async () => {
        const result = await chatMessageSender({ ctx, principal: conn.principal, chatId: f.chatId, clientId: f.clientId, body: f.body, internal: f.internal, origin: origin(conn) });
        markSeen(conn, result.messageId);
        return result;
      });
      const view = sent.view ?? (await messageById(ctx.db, sent.messageId))!;
      return { message: presentMessage(view, audience, links), duplicate: sent.duplicate };
    },

    async typing(conn, raw) {
      const f = frames.typingFrame.parse(raw);
      const chat = await chatFor(ctx.db, conn.principal, f.chatId);
      await ctx.bus.publish([ephemeral('chat.typing', { ticketId: chat.ticketId, side: sideOf(conn), typing: f.typing, origin: `${nodeId}/${conn.id}` })]);
      // Acked only when asked (an id): once this node's subscribers (Telegram's "typing…") have run.
      return f.id ? { typing: f.typing } : undefined;
    },

    async read(conn, raw) {
      const f = frames.readFrame.parse(raw);
      const chat = await chatFor(ctx.db, conn.principal, f.chatId);
      const moved = await readMarker({ ctx, chat, side: sideOf(conn), messageId: f.messageId });
      if (moved) await ctx.bus.publish([ephemeral('chat.read', { ticketId: chat.ticketId, side: sideOf(conn), messageId: f.messageId })]);
      return f.id ? { moved } : undefined;
    },

    async handover(conn, raw) {
      ready(conn);
      const f = frames.handoverFrame.parse(raw);
      const chat = await chatFor(ctx.db, conn.principal, f.chatId);
      const { requested } = await handoverRequester({ ctx, chat });
      return { requested, state: chat.state };
    },

    async 'chat.end'(conn, raw) {
      const f = frames.endFrame.parse(raw);
      const chat = await chatFor(ctx.db, conn.principal, f.chatId);
      return chatEnder({ ctx, chat });
    },

    'chat.leave'(conn, raw) {
      const f = frames.leaveFrame.parse(raw);
      gateway().registry.remove(conn, chatTopic(f.chatId));
      return {};
    },

    async 'queue.watch'(conn, raw) {
      frames.queueFrame.parse(raw);
      if (conn.principal.kind !== 'agent') throw new AppError('forbidden', 'The queue is for agents.');
      if (!conn.principal.actor.scopes.has('tickets:read')) throw new AppError('forbidden', 'The token lacks the "tickets:read" scope.');
      subscribe(conn, QUEUE_TOPIC);
      return { chats: (await liveChats(ctx.db)).map((c) => presentChat(c, 'agent')) };
    },

    'help.search'(_conn, raw) {
      const f = frames.helpSearchFrame.parse(raw);
      return { items: helpCenterOf(ctx).kb.search(f.q, { locale: f.locale, limit: 5 }).map(presentHit) };
    },

    ping(conn, raw) {
      const f = frames.pingFrame.parse(raw);
      conn.send({ type: 'pong', ...(f.id ? { ref: f.id } : {}) });
    },
  };
}

export const newNodeId = (): string => randomBytes(6).toString('hex');
