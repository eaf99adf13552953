import { callbackView } from './callback.js';
import { ChatConnection, RequestError, type Frame } from './connection.js';
import { clear, h } from './dom.js';
import { fill, pickLocale, stringsFor } from './locales.js';
import { MessageStore, newClientId, type WireMessage } from './store.js';
import { renderMessage, renderPending, statusText, type ChatStatus } from './view.js';

/**
 * LedgerDesk chat widget. One tag adds it to any page:
 *   <script src="https://support.example.com/widget.js" data-locale="ko" data-identity-token="…" defer></script>
 * Everything lives in a shadow root styled by our own stylesheet (no inline script or style,
 * so the host page's CSP needs only our origin in script-src, style-src, img-src and connect-src).
 */
declare const __LD_CSS_FILE__: string;

interface WidgetConfig {
  colours: { primary: string; onPrimary: string };
  greeting: string;
  topics: { value: string; label: string }[];
  /** Security alerts the desk published (fake support accounts, phishing sites), newest first. */
  alerts: { title: string; url: string }[];
}

interface Saved {
  visitorId: string;
  chatId?: string;
  chatToken?: string;
}

const STORAGE_KEY = 'ledgerdesk.chat';
const MAX_FILE_BYTES = 20 * 1024 * 1024;

function load(): Saved {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved?.visitorId) return saved;
  } catch {
    // Storage may be blocked (private mode, sandboxed frame): the widget still works, without resume after reload.
  }
  return { visitorId: newClientId() };
}

function save(saved: Saved): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // See load().
  }
}

function start(script: HTMLScriptElement): void {
  const origin = new URL(script.src).origin;
  const locale = pickLocale(script.dataset.locale ?? document.documentElement.lang ?? navigator.language);
  const s = stringsFor(locale);
  const identity = script.dataset.identityToken || undefined;
  const saved = load();
  const store = new MessageStore();
  let config: WidgetConfig | null = null;
  let status: ChatStatus | null = null;
  let agentReadId: string | null = null;
  let lastReadSent: string | null = null;
  let typingSentAt = 0;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let typingShown: ReturnType<typeof setTimeout> | undefined;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const absolute = (url: string) => new URL(url, origin).href;

  // ---- DOM -------------------------------------------------------------------------------
  const host = h('div', { id: 'ledgerdesk-chat' });
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('link', { rel: 'stylesheet', href: `${origin}/widget/${__LD_CSS_FILE__}` }));
  const launcher = h('button', { type: 'button', class: 'ld-launcher', 'aria-label': s.open, 'aria-expanded': 'false', 'aria-controls': 'ld-window' }, h('span', { 'aria-hidden': 'true' }, '💬'));
  const closeButton = h('button', { type: 'button', class: 'ld-close', 'aria-label': s.close }, '×');
  const badge = h('span', { class: 'ld-badge' });
  const connection = h('p', { class: 'ld-connection', role: 'status' });
  const stateLine = h('p', { class: 'ld-state-line', role: 'status' });
  const greeting = h('p', { class: 'ld-greeting' });
  const notices = h('aside', { class: 'ld-notices', 'aria-label': s.noticesTitle, hidden: true });

  const topic = h('select', { id: 'ld-topic', required: true });
  const email = h('input', { id: 'ld-email', type: 'email', autocomplete: 'email' });
  const firstMessage = h('textarea', { id: 'ld-first', required: true, rows: '3', maxlength: '4000' });
  const emailRow = h('div', { class: 'ld-field' }, h('label', { for: 'ld-email' }, s.email), email);
  const callbackEntry = h('button', { type: 'button', class: 'ld-link' }, s.callbackEntry);
  const prechat = h('form', { class: 'ld-prechat' },
    h('div', { class: 'ld-field' }, h('label', { for: 'ld-topic' }, s.topic), topic),
    emailRow,
    h('div', { class: 'ld-field' }, h('label', { for: 'ld-first' }, s.firstMessage), firstMessage),
    h('button', { type: 'submit', class: 'ld-primary' }, s.start),
    callbackEntry,
  );
  // Asking for a phone call replaces the pre-chat form until the visitor goes back to it.
  const callback = callbackView({ s, origin, locale, back: () => showCallback(false) });
  function showCallback(on: boolean): void {
    callback.el.hidden = !on;
    renderState();
    if (on) callback.focus();
    else topic.focus();
  }
  callbackEntry.addEventListener('click', () => {
    callback.reset();
    showCallback(true);
  });

  const searchInput = h('input', { id: 'ld-search', type: 'search', placeholder: s.searchPlaceholder, autocomplete: 'off' });
  const results = h('ul', { class: 'ld-results', 'aria-live': 'polite' });
  const help = h('div', { class: 'ld-help', role: 'search' }, h('label', { for: 'ld-search' }, s.searchHelp), searchInput, results);

  const log = h('ul', { class: 'ld-log', role: 'log', 'aria-live': 'polite', 'aria-label': s.title });
  const typing = h('p', { class: 'ld-typing', 'aria-live': 'polite' });
  const follow = h('p', { class: 'ld-follow' });
  const handoverButton = h('button', { type: 'button', class: 'ld-secondary' }, s.talkToPerson);
  const endButton = h('button', { type: 'button', class: 'ld-secondary' }, s.endChat);
  const newButton = h('button', { type: 'button', class: 'ld-secondary', hidden: true }, s.newChat);
  const composer = h('textarea', { id: 'ld-message', rows: '2', maxlength: '4000', 'aria-label': s.message });
  const file = h('input', { id: 'ld-file', type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf', class: 'ld-file' });
  const compose = h('form', { class: 'ld-compose' },
    composer,
    h('label', { for: 'ld-file', class: 'ld-attach', title: s.attach }, h('span', { class: 'ld-sr' }, s.attach), h('span', { 'aria-hidden': 'true' }, '📎')),
    file,
    h('button', { type: 'submit', class: 'ld-primary' }, s.send),
  );
  const conversation = h('div', { class: 'ld-conversation', hidden: true }, log, typing, follow, h('div', { class: 'ld-actions' }, handoverButton, endButton, newButton), compose);
  const panel = h('section', { id: 'ld-window', class: 'ld-window', role: 'dialog', 'aria-label': s.title, hidden: true },
    h('header', { class: 'ld-header' }, h('h2', {}, s.title), badge, closeButton),
    connection, stateLine, notices, greeting, prechat, callback.el, conversation, help,
  );
  root.append(launcher, panel);
  document.body.append(host);

  // ---- rendering ---------------------------------------------------------------------------
  const actions = {
    choose: (label: string) => sendText(label),
    handover: () => void requestHandover(),
    absolute,
  };

  function renderLog(): void {
    const read = store.lastReadByAgent(agentReadId);
    clear(log);
    for (const m of store.messages) log.append(renderMessage(m, s, actions, m === read));
    for (const p of store.pending.values()) log.append(renderPending(p, s, retry));
    log.scrollTop = log.scrollHeight;
  }

  function renderState(): void {
    const inChat = Boolean(saved.chatId);
    prechat.hidden = inChat || !callback.el.hidden;
    conversation.hidden = !inChat;
    greeting.hidden = inChat;
    // Notices belong before the conversation starts; during it they would push the messages away.
    notices.hidden = inChat || !notices.firstChild;
    stateLine.textContent = status ? statusText(status, s) : '';
    const ended = status?.state === 'ended';
    handoverButton.hidden = status?.state !== 'bot';
    endButton.hidden = ended || !inChat;
    newButton.hidden = !ended;
    compose.hidden = ended;
    clear(follow);
    if (saved.chatToken && status) {
      follow.append(h('a', { href: absolute(`/t/${saved.chatToken}`), target: '_blank', rel: 'noopener noreferrer' }, fill(s.followTicket, { number: status.ticketNumber })));
    }
  }

  function applyConfig(c: WidgetConfig): void {
    config = c;
    host.style.setProperty('--ld-primary', c.colours.primary);
    host.style.setProperty('--ld-on-primary', c.colours.onPrimary);
    greeting.textContent = c.greeting;
    clear(notices);
    const alerts = c.alerts ?? [];
    if (alerts.length) {
      notices.append(h('strong', {}, s.noticesTitle), h('ul', {}, ...alerts.map((a) => h('li', {}, h('a', { href: absolute(a.url), target: '_blank', rel: 'noopener' }, a.title)))));
    }
    renderState();
    clear(topic);
    for (const t of c.topics) topic.append(h('option', { value: t.value }, t.label));
    callback.setTopics(c.topics);
  }

  // ---- socket ------------------------------------------------------------------------------
  const wsUrl = `${origin.replace(/^http/, 'ws')}/api/v1/chat/ws`;
  const conn = new ChatConnection(wsUrl, {
    onOpen: async () => {
      const hello = await conn.request({ type: 'hello', identity, visitorId: saved.visitorId, locale, chatTokens: saved.chatToken ? [saved.chatToken] : [] });
      const verified = hello.identity === 'verified';
      badge.textContent = verified ? s.verified : s.unverified;
      emailRow.hidden = verified;
      const chats = (hello.chats as { chatId: string; chatToken: string; state: string }[]) ?? [];
      if (!saved.chatId && chats[0]) Object.assign(saved, { chatId: chats[0].chatId, chatToken: chats[0].chatToken });
      if (saved.chatId && !chats.some((c) => c.chatId === saved.chatId)) forgetChat();
      if (saved.chatId) await resume();
      save(saved);
      renderState();
    },
    onFrame,
    onStatus: (online) => {
      connection.textContent = online ? '' : s.reconnecting;
    },
  });

  function onFrame(frame: Frame): void {
    switch (frame.type) {
      case 'message': {
        const m = frame.message as WireMessage;
        if (m.chatId === saved.chatId && store.add(m)) {
          renderLog();
          markRead();
        }
        break;
      }
      case 'resync':
        store.clear();
        break;
      case 'chat.updated':
        if (frame.chatId === saved.chatId && status) {
          status = { ...status, state: String(frame.state), position: frame.position as number | undefined, etaSeconds: frame.etaSeconds as number | undefined, agentName: (frame.agentName as string | undefined) ?? status.agentName };
          if (typeof frame.ticketNumber === 'string') status.ticketNumber = frame.ticketNumber;
          renderState();
        }
        break;
      case 'typing':
        if (frame.chatId === saved.chatId && frame.side === 'agent') {
          typing.textContent = frame.typing ? s.typing : '';
          clearTimeout(typingShown);
          typingShown = setTimeout(() => (typing.textContent = ''), 6000);
        }
        break;
      case 'read':
        if (frame.chatId === saved.chatId && frame.side === 'agent') {
          agentReadId = String(frame.messageId);
          renderLog();
        }
        break;
      case 'error':
        if (frame.code === 'identity_invalid' || frame.code === 'identity_expired') connection.textContent = s.identityProblem;
        break;
    }
  }

  function setChat(chat: Record<string, unknown>): void {
    status = { state: String(chat.state), ticketNumber: String(chat.ticketNumber) };
    agentReadId = (chat.agentReadId as string | null) ?? null;
    if (typeof chat.chatToken === 'string') saved.chatToken = chat.chatToken;
    saved.chatId = String(chat.chatId);
    save(saved);
  }

  async function resume(): Promise<void> {
    const ack = await conn.request({ type: 'chat.resume', chatId: saved.chatId, ...(store.lastId ? { after: store.lastId } : {}) });
    setChat(ack.chat as Record<string, unknown>);
    renderLog();
    markRead();
    // Sends that never got their ack go again with the same client id: the server keeps one.
    for (const p of store.pending.values()) if (!p.failed) void deliver(p.clientId, p.body);
  }

  function forgetChat(): void {
    delete saved.chatId;
    delete saved.chatToken;
    status = null;
    store.clear();
    store.pending.clear();
    save(saved);
  }

  // ---- actions -----------------------------------------------------------------------------
  async function deliver(clientId: string, body: string): Promise<void> {
    try {
      const ack = await conn.request({ type: 'message.send', chatId: saved.chatId, clientId, body });
      store.add(ack.message as WireMessage);
    } catch (err) {
      const pending = store.pending.get(clientId);
      // Lost connection: keep it pending, resume() sends it again. Anything else failed for real.
      if (pending && !(err instanceof RequestError && err.code === 'disconnected')) pending.failed = true;
    }
    renderLog();
  }

  function sendText(body: string): void {
    const text = body.trim();
    if (!text || !saved.chatId) return;
    const clientId = newClientId();
    store.pending.set(clientId, { clientId, body: text, failed: false });
    renderLog();
    void deliver(clientId, text);
  }

  function retry(clientId: string): void {
    const p = store.pending.get(clientId);
    if (!p) return;
    p.failed = false;
    renderLog();
    void deliver(clientId, p.body);
  }

  async function requestHandover(): Promise<void> {
    if (!saved.chatId) return;
    await conn.request({ type: 'handover', chatId: saved.chatId }).catch(() => undefined);
    if (status && status.state === 'bot') status = { ...status, state: 'queued' };
    renderState();
  }

  function markRead(): void {
    const last = store.lastFromSupport();
    if (!last || panel.hidden || document.visibilityState === 'hidden' || (lastReadSent && last.id <= lastReadSent)) return;
    lastReadSent = last.id;
    conn.send({ type: 'read', chatId: last.chatId, messageId: last.id });
  }

  prechat.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = firstMessage.value.trim();
    if (!body) return;
    const clientId = newClientId();
    void conn.request({
      type: 'chat.start', topic: topic.value, locale, body, clientId,
      ...(email.value.trim() && !emailRow.hidden ? { email: email.value.trim() } : {}),
    }).then((ack) => {
      setChat(ack.chat as Record<string, unknown>);
      if (ack.message) store.add(ack.message as WireMessage);
      firstMessage.value = '';
      renderState();
      renderLog();
      composer.focus();
    }).catch((err: Error) => {
      connection.textContent = err.message;
    });
  });

  compose.addEventListener('submit', (event) => {
    event.preventDefault();
    sendText(composer.value);
    composer.value = '';
    conn.send({ type: 'typing', chatId: saved.chatId, typing: false });
    typingSentAt = 0;
  });

  composer.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      compose.requestSubmit();
    }
  });

  composer.addEventListener('input', () => {
    if (!saved.chatId) return;
    const now = Date.now();
    if (now - typingSentAt > 3000) {
      typingSentAt = now;
      conn.send({ type: 'typing', chatId: saved.chatId, typing: true });
    }
    clearTimeout(typingIdle);
    typingIdle = setTimeout(() => {
      typingSentAt = 0;
      conn.send({ type: 'typing', chatId: saved.chatId, typing: false });
    }, 4000);
  });

  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen || !saved.chatId || !saved.chatToken) return;
    if (chosen.size > MAX_FILE_BYTES) return void (connection.textContent = s.fileTooLarge);
    const form = new FormData();
    form.append('clientId', newClientId());
    form.append('file', chosen, chosen.name);
    void fetch(`${origin}/api/v1/chat/${saved.chatId}/messages`, { method: 'POST', body: form, credentials: 'omit', headers: { 'x-chat-token': saved.chatToken } })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const { message } = (await res.json()) as { message: WireMessage };
        if (store.add(message)) renderLog();
      })
      .catch(() => (connection.textContent = s.uploadFailed));
  });

  handoverButton.addEventListener('click', () => void requestHandover());
  endButton.addEventListener('click', () => {
    if (saved.chatId) void conn.request({ type: 'chat.end', chatId: saved.chatId }).then(() => {
      if (status) status = { ...status, state: 'ended' };
      renderState();
    }).catch(() => undefined);
  });
  newButton.addEventListener('click', () => {
    forgetChat();
    renderState();
    renderLog();
  });

  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const q = searchInput.value.trim();
      clear(results);
      if (!q) return;
      void conn.request({ type: 'help.search', q, locale }).then((ack) => {
        clear(results);
        const items = (ack.items as { title: string; url: string; summary?: string }[]) ?? [];
        if (items.length === 0) results.append(h('li', {}, s.noResults));
        for (const item of items) results.append(h('li', {}, h('a', { href: absolute(item.url), target: '_blank', rel: 'noopener noreferrer' }, item.title)));
      }).catch(() => undefined);
    }, 300);
  });

  function setOpen(open: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      conn.connect();
      (saved.chatId ? composer : topic).focus();
      markRead();
    } else launcher.focus();
  }
  launcher.addEventListener('click', () => setOpen(panel.hidden));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });
  document.addEventListener('visibilitychange', markRead);

  void fetch(`${origin}/api/v1/chat/widget-config?locale=${encodeURIComponent(locale)}`, { credentials: 'omit' })
    .then((res) => res.json() as Promise<WidgetConfig>)
    .then(applyConfig)
    .catch(() => undefined);
  renderState();
  // A chat in progress resumes at once, so replies that came while the page was away show up.
  if (saved.chatId) conn.connect();
  void config;
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement && !document.getElementById('ledgerdesk-chat')) {
  const script = current;
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script));
}
