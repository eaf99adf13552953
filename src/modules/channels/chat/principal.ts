import type { Actor, AgentActor } from '../../identity/actor.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { loadChat, type ChatRecord } from './queries.js';
import type { Audience } from './presenters.js';

/** Who is on the other end of a chat socket. */
export type ChatPrincipal = CustomerSide | AgentSide;

export interface AgentSide {
  kind: 'agent';
  actor: AgentActor;
}

/**
 * The widget's user: a verified exchange customer (identity token) or a guest. A guest reaches
 * only the chats it holds a signed chat token for (or started on this socket); a verified
 * customer also reaches every chat of its own customer record. Nothing works before `hello`.
 */
export interface CustomerSide {
  kind: 'customer';
  helloDone: boolean;
  verified: boolean;
  customerId: string | null;
  visitorId: string | null;
  locale: string | null;
  /** Chat (ticket) ids this socket proved it may read. */
  grants: Set<string>;
}

export const newCustomerSide = (): CustomerSide => ({ kind: 'customer', helloDone: false, verified: false, customerId: null, visitorId: null, locale: null, grants: new Set() });

export const audienceOf = (p: ChatPrincipal): Audience => (p.kind === 'agent' ? 'agent' : 'customer');

const noSuchChat = () => new AppError('not_found', 'No such chat.');

/**
 * The chat if this principal may read it; another customer's chat answers exactly like a
 * missing one (not_found), so chat ids cannot be probed.
 */
export async function chatFor(db: DbOrTx, p: ChatPrincipal, chatId: string): Promise<ChatRecord> {
  assertHello(p);
  return checkChatAccess(p, await loadChat(db, chatId));
}

/** Customers send nothing before `hello`. */
export function assertHello(p: ChatPrincipal): void {
  if (p.kind === 'customer' && !p.helloDone) throw new AppError('unauthenticated', 'Send a hello frame first.');
}

/** `chat` if this principal may read it (see chatFor); for callers that loaded it themselves. */
export function checkChatAccess<C extends Pick<ChatRecord, 'ticketId' | 'customerId'>>(p: ChatPrincipal, chat: C | undefined): C {
  if (!chat) throw noSuchChat();
  if (p.kind === 'agent') {
    if (!p.actor.scopes.has('tickets:read')) throw new AppError('forbidden', 'The token lacks the "tickets:read" scope.');
    return chat;
  }
  const own = p.verified && p.customerId === chat.customerId;
  if (!own && !p.grants.has(chat.ticketId)) throw noSuchChat();
  return chat;
}

/** The ticket-module actor this principal writes as on `chat`. */
export function actorFor(p: ChatPrincipal, chat: Pick<ChatRecord, 'ticketId' | 'customerId'>): Actor {
  if (p.kind === 'agent') return p.actor;
  if (p.verified && p.customerId === chat.customerId) return { kind: 'customer', customerId: chat.customerId, verified: true, sessionId: 'chat' };
  return { kind: 'guest', customerId: chat.customerId, ticketId: chat.ticketId };
}
