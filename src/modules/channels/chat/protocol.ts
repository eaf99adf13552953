import { z } from 'zod';
import { locales } from '../../../platform/i18n/index.js';
import { categories } from '../../tickets/categories.js';

/**
 * Inbound frames of the chat endpoint, validated at the boundary like an HTTP body
 * (docs/chat-protocol.md is the prose version). `id` is the request id the gateway echoes.
 */
export const MAX_MESSAGE_CHARS = 4000;

const requestId = z.string().max(64).optional();
const chatId = z.uuid({ error: 'a chat id' });
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 letters, digits, _ or -');
const body = z.string().trim().min(1, 'the message is empty').max(MAX_MESSAGE_CHARS, `at most ${MAX_MESSAGE_CHARS} characters`);
const signedToken = z.string().min(10).max(4096);
const frame = <T extends z.ZodRawShape>(type: string, shape: T) => z.strictObject({ type: z.literal(type), id: requestId, ...shape });

export const helloFrame = frame('hello', {
  /** Identity token signed by the exchange (JWT); absent = guest. */
  identity: z.string().max(8192).optional(),
  /** Chat tokens the widget kept from earlier chats (guests resume with these). */
  chatTokens: z.array(signedToken).max(10).optional(),
  /** Random per-browser id the widget keeps, so a resent chat.start is not a second chat. */
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  locale: z.string().max(16).optional(),
});

export const startFrame = frame('chat.start', {
  topic: z.enum(categories),
  locale: z.enum(locales),
  /** Guests only, optional: where we may reply if the chat ends before an answer. */
  email: z.email().max(254).optional(),
  name: z.string().trim().max(120).optional(),
  body,
  clientId,
});

export const resumeFrame = frame('chat.resume', {
  chatId,
  /** Id of the last message the client has; the server replays everything after it. */
  after: z.string().max(64).optional(),
});

export const sendFrame = frame('message.send', {
  chatId,
  clientId,
  body,
  /** Agents only: an internal note the customer never receives. */
  internal: z.boolean().optional(),
});

export const typingFrame = frame('typing', { chatId, typing: z.boolean() });
export const readFrame = frame('read', { chatId, messageId: z.uuid() });
export const handoverFrame = frame('handover', { chatId });
export const endFrame = frame('chat.end', { chatId });
export const leaveFrame = frame('chat.leave', { chatId });
export const queueFrame = frame('queue.watch', {});
export const pingFrame = frame('ping', {});

export const helpSearchFrame = frame('help.search', {
  q: z.string().trim().min(1).max(200),
  locale: z.enum(locales),
});
