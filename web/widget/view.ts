import { bodyParts, securityAlert } from './alerts.js';
import { h } from './dom.js';
import { fill, type WidgetStrings } from './locales.js';
import type { PendingMessage, WireMessage } from './store.js';

/** Renders one message; bot parts (article card, choices, handover button) come from `meta`. */
export interface MessageActions {
  choose(label: string): void;
  handover(): void;
  absolute(url: string): string;
}

function articleCard(meta: Record<string, unknown>, s: WidgetStrings, actions: MessageActions): HTMLElement | null {
  const a = meta.article as { title?: unknown; summary?: unknown; url?: unknown } | undefined;
  if (!a || typeof a.title !== 'string') return null;
  const url = typeof a.url === 'string' ? actions.absolute(a.url) : null;
  return h('div', { class: 'ld-card' },
    h('strong', {}, a.title),
    typeof a.summary === 'string' ? h('p', {}, a.summary) : null,
    url && /^https?:/.test(url) ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, s.readMore) : null,
  );
}

function choices(meta: Record<string, unknown>, actions: MessageActions): HTMLElement | null {
  const list = Array.isArray(meta.choices) ? (meta.choices as { label?: unknown }[]) : [];
  const labels = list.map((c) => c.label).filter((l): l is string => typeof l === 'string').slice(0, 6);
  if (labels.length === 0) return null;
  const group = h('div', { class: 'ld-choices', role: 'group' });
  for (const label of labels) {
    const button = h('button', { type: 'button', class: 'ld-choice' }, label);
    button.addEventListener('click', () => actions.choose(label));
    group.append(button);
  }
  return group;
}

function attachments(m: WireMessage, actions: MessageActions): HTMLElement | null {
  if (m.attachments.length === 0) return null;
  return h('ul', { class: 'ld-files' }, ...m.attachments.map((a) => {
    const url = actions.absolute(a.url);
    const link = h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, a.filename);
    return h('li', {}, a.contentType.startsWith('image/') ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, h('img', { src: url, alt: a.filename, loading: 'lazy' })) : link);
  }));
}

export function renderMessage(m: WireMessage, s: WidgetStrings, actions: MessageActions, readByAgent: boolean): HTMLElement {
  const mine = m.author.type === 'customer';
  const who = mine ? s.you : m.author.type === 'bot' ? s.bot : m.author.type === 'agent' ? (m.author.name ?? s.agent) : '';
  const meta = m.meta ?? {};
  const handover = meta.handover === true ? h('button', { type: 'button', class: 'ld-handover' }, s.talkToPerson) : null;
  handover?.addEventListener('click', () => actions.handover());
  const alert = m.author.type === 'system' ? securityAlert(meta, s) : null;
  const body = m.body ? h('p', { class: 'ld-body' }, ...bodyParts(m.body, s).map((p) => ('text' in p ? p.text : h('mark', { class: 'ld-removed' }, p.removed)))) : null;
  if (alert) {
    return h('li', { class: 'ld-msg ld-alert', role: 'alert', 'data-id': m.id },
      h('strong', {}, alert.title), h('p', { class: 'ld-kinds' }, `${s.removed} ${alert.kinds.join(', ')}`), body, h('p', { class: 'ld-advice' }, alert.actions));
  }
  return h('li', { class: `ld-msg ld-${m.author.type}`, 'data-id': m.id },
    who ? h('span', { class: 'ld-who' }, who) : null,
    body,
    articleCard(meta, s, actions),
    choices(meta, actions),
    handover,
    attachments(m, actions),
    readByAgent ? h('span', { class: 'ld-read' }, s.read) : null,
  );
}

export function renderPending(p: PendingMessage, s: WidgetStrings, retry: (clientId: string) => void): HTMLElement {
  const li = h('li', { class: 'ld-msg ld-customer ld-pending' }, h('p', { class: 'ld-body' }, p.body), h('span', { class: 'ld-state' }, p.failed ? s.failed : s.sending));
  if (p.failed) li.addEventListener('click', () => retry(p.clientId));
  return li;
}

export interface ChatStatus {
  state: string;
  ticketNumber: string;
  position?: number;
  etaSeconds?: number;
  agentName?: string;
}

/** The line under the header: queue position and wait, who joined, or the 留言 notice. */
export function statusText(st: ChatStatus, s: WidgetStrings): string {
  switch (st.state) {
    case 'queued':
      if (st.position === undefined) return s.waiting;
      return st.etaSeconds !== undefined
        ? fill(s.queuedEta, { position: st.position, minutes: Math.max(1, Math.round(st.etaSeconds / 60)) })
        : fill(s.queued, { position: st.position });
    case 'assigned':
      return st.agentName ? fill(s.assigned, { name: st.agentName }) : s.assignedAnonymous;
    case 'left_message':
      return fill(s.leftMessage, { number: st.ticketNumber });
    case 'ended':
      return s.ended;
    default:
      return '';
  }
}
