import type { Connection } from '../../../platform/realtime/connection.js';
import type { ChatPrincipal } from './principal.js';
import type { PresentedMessage } from './presenters.js';

/**
 * What one socket has been sent, so every message reaches it exactly once: live events that
 * arrive while a resume is replaying wait in a buffer and follow the replay; ids already sent
 * (by the replay, or in the ack of this socket's own send) are skipped.
 */
type Conn = Connection<ChatPrincipal>;

const SEEN_LIMIT = 2000;

/** A live message and its `message` frame, serialised once for every socket of one audience. */
export interface OutgoingMessage {
  message: PresentedMessage;
  frame: string;
}

export const outgoing = (message: PresentedMessage): OutgoingMessage => ({ message, frame: JSON.stringify({ type: 'message', message }) });

interface StreamState {
  seen: Set<string>;
  replaying: Map<string, OutgoingMessage[]>;
  /** Client ids this socket is sending right now: their message comes back in the ack. */
  sending: Set<string>;
}

function stateOf(conn: Conn): StreamState {
  let state = conn.state.get('chat.stream') as StreamState | undefined;
  if (!state) conn.state.set('chat.stream', (state = { seen: new Set(), replaying: new Map(), sending: new Set() }));
  return state;
}

/** Records `id` as sent; false when it already was. */
export function markSeen(conn: Conn, id: string): boolean {
  const { seen } = stateOf(conn);
  if (seen.has(id)) return false;
  seen.add(id);
  // Sets iterate in insertion order: drop the oldest ids (far behind any live cursor).
  if (seen.size > SEEN_LIMIT) for (const old of seen) {
    seen.delete(old);
    if (seen.size <= SEEN_LIMIT / 2) break;
  }
  return true;
}

export function pushMessage(conn: Conn, out: OutgoingMessage): void {
  const { message } = out;
  const state = stateOf(conn);
  const buffer = state.replaying.get(message.chatId);
  if (buffer) {
    buffer.push(out);
    return;
  }
  if (message.clientId && state.sending.has(`${message.chatId}:${message.clientId}`)) {
    markSeen(conn, message.id);
    return;
  }
  if (markSeen(conn, message.id)) conn.sendRaw(out.frame);
}

/** Runs `replay` with live messages of `chatId` held back, then sends what was held back. */
export async function withReplay<T>(conn: Conn, chatId: string, replay: () => Promise<T>): Promise<T> {
  const state = stateOf(conn);
  state.replaying.set(chatId, []);
  try {
    return await replay();
  } finally {
    const held = state.replaying.get(chatId) ?? [];
    state.replaying.delete(chatId);
    for (const message of held) pushMessage(conn, message);
  }
}

/** Marks a send in flight, so the live event of that message is not echoed to this socket. */
export async function whileSending<T>(conn: Conn, chatId: string, clientId: string, send: () => Promise<T>): Promise<T> {
  const key = `${chatId}:${clientId}`;
  const { sending } = stateOf(conn);
  sending.add(key);
  try {
    return await send();
  } finally {
    sending.delete(key);
  }
}
