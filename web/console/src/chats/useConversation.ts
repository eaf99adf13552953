import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { useLiveEvents, useLiveSocket } from '../realtime/LiveProvider';
import type { ChatMessage } from '../types';

const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;
const TYPING_SHOWN_MS = 6000;

let counter = 0;
const newClientId = () => `console${Date.now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function merge(prev: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  const byId = new Map(prev.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  // UUIDv7 ids: id order is the chat's commit order.
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * One chat's conversation over the console's socket: `chat.resume` (again after a reconnect,
 * from the last message held, so nothing is lost or doubled), live `message` frames, the
 * customer's typing, and sending — messages with a client id (a resend is idempotent) and the
 * agent's own typing, throttled like the widget's.
 */
export function useConversation(chatId: string | null, onChatUpdated: () => void) {
  const { status, request, notify } = useLiveSocket();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [resumeError, setResumeError] = useState<ApiError | null>(null);
  const lastId = useRef<string | null>(null);
  const typingShown = useRef<number | undefined>(undefined);
  const typingSentAt = useRef(0);
  const typingIdle = useRef<number | undefined>(undefined);

  const add = useCallback((more: ChatMessage[]) => {
    setMessages((prev) => {
      const next = merge(prev, more);
      lastId.current = next[next.length - 1]?.id ?? null;
      return next;
    });
  }, []);

  useEffect(() => {
    if (status !== 'live' || !chatId) return;
    request({ type: 'chat.resume', chatId, ...(lastId.current ? { after: lastId.current } : {}) }).then(
      () => setResumeError(null),
      (err: unknown) => setResumeError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err))),
    );
  }, [status, chatId, request]);

  useEffect(
    () => () => {
      window.clearTimeout(typingShown.current);
      window.clearTimeout(typingIdle.current);
      if (chatId) notify({ type: 'chat.leave', chatId });
    },
    [chatId, notify],
  );

  useLiveEvents({
    changed: () => undefined,
    resync: () => undefined,
    frame: (f) => {
      if (f.chatId !== chatId && (f.message as ChatMessage | undefined)?.chatId !== chatId) return;
      if (f.type === 'message') {
        const m = f.message as ChatMessage;
        add([m]);
        if (m.author.type === 'customer') setCustomerTyping(false);
      } else if (f.type === 'resync') {
        lastId.current = null;
        setMessages([]);
      } else if (f.type === 'typing' && f.side === 'customer') {
        setCustomerTyping(f.typing === true);
        window.clearTimeout(typingShown.current);
        typingShown.current = window.setTimeout(() => setCustomerTyping(false), TYPING_SHOWN_MS);
      } else if (f.type === 'chat.updated') {
        onChatUpdated();
      }
    },
  });

  const stopTyping = useCallback(() => {
    window.clearTimeout(typingIdle.current);
    if (typingSentAt.current && chatId) notify({ type: 'typing', chatId, typing: false });
    typingSentAt.current = 0;
  }, [chatId, notify]);

  /** Call on every keystroke: tells the customer at most every 3 s, and stops after 4 s idle. */
  const typing = useCallback(() => {
    if (!chatId) return;
    const now = Date.now();
    if (now - typingSentAt.current > TYPING_EVERY_MS) {
      typingSentAt.current = now;
      notify({ type: 'typing', chatId, typing: true });
    }
    window.clearTimeout(typingIdle.current);
    typingIdle.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  }, [chatId, notify, stopTyping]);

  const send = useCallback(
    async (body: string, internal: boolean) => {
      if (!chatId) return;
      stopTyping();
      const ack = await request({ type: 'message.send', chatId, clientId: newClientId(), body, ...(internal ? { internal: true } : {}) });
      add([ack.message as ChatMessage]);
    },
    [chatId, request, add, stopTyping],
  );

  return { messages, customerTyping, resumeError, live: status === 'live', send, typing };
}
