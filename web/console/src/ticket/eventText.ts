import type { MessageKey, Translate } from '../i18n';
import { callEvents } from '../calls/callEvents';
import type { TimelineEvent } from '../types';

type Label = (prefix: 'status' | 'priority' | 'category', value: string) => string;
type Describe = (e: TimelineEvent, v: Record<string, string>) => [MessageKey, Record<string, string>] | MessageKey;

const str = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/**
 * Which timeline events the workspace shows, and in which words. Replies, notes and the ticket's
 * creation are shown as messages already; anything not listed here stays out of the way. The
 * security events (freeze, four-eyes unfreeze, outreach, redaction, guard, email delivery, an
 * unverified sender) are the ones an agent must never miss, so each has its own sentence.
 */
const described: Record<string, Describe> = {
  ...callEvents,
  assignee_changed: () => 'timeline.assignee_changed',
  team_changed: () => 'timeline.team_changed',
  tags_changed: (e) => ['timeline.tags_changed', { tags: Array.isArray(e.data.to) ? e.data.to.map((x) => `#${String(x)}`).join(' ') || '—' : '—' }],
  fields_changed: () => 'timeline.fields_changed',
  subject_changed: () => 'timeline.subject_changed',
  merged_into: (e) => ['timeline.merged_into', { number: str(e.data.intoNumber) }],
  merged_from: (e) => ['timeline.merged_from', { number: str(e.data.fromNumber) }],
  chat_handover: () => 'timeline.chat_handover',
  chat_transferred: () => 'timeline.chat_transferred',
  chat_ended: () => 'timeline.chat_ended',
  account_frozen: (e) => [e.data.source === 'agent' ? 'timeline.account_frozen' : 'timeline.account_frozen_self', { uid: str(e.data.uid), reason: str(e.data.reason) }],
  unfreeze_requested: (e) => ['timeline.unfreeze_requested', { uid: str(e.data.uid), reason: str(e.data.reason) }],
  unfreeze_approved: () => 'timeline.unfreeze_approved',
  unfreeze_rejected: (e) => ['timeline.unfreeze_rejected', { note: str(e.data.note) }],
  outreach_sent: (e, v) => ['timeline.outreach_sent', { risk: v.risk! }],
  outreach_answered: (e) => (e.data.answer === 'yes' ? 'timeline.outreach_yes' : e.data.answer === 'no' ? 'timeline.outreach_no' : 'timeline.outreach_unclear'),
  outreach_escalated: (e) => ['timeline.outreach_escalated', { minutes: str(e.data.minutes) }],
  secret_redacted: (e, v) => ['timeline.secret_redacted', { kinds: v.kinds! }],
  agent_guard_blocked: () => 'timeline.agent_guard_blocked',
  agent_guard_overridden: () => 'timeline.agent_guard_overridden',
  email_sent: () => 'timeline.email_sent',
  email_failed: (e) => ['timeline.email_failed', { attempts: str(e.data.attempts) }],
  delivery_failed: (e) => ['timeline.delivery_failed', { reason: str(e.data.reason) }],
  sender_unverified: (e) => ['timeline.sender_unverified', { address: str(e.data.address), numbers: Array.isArray(e.data.referred) ? e.data.referred.join(', ') : '—' }],
};

const changedValues = { status_changed: 'status', priority_changed: 'priority', category_changed: 'category' } as const;
/** Events an agent should notice at a glance (styled as alerts). */
export const securityEvents = new Set(['account_frozen', 'unfreeze_requested', 'unfreeze_approved', 'unfreeze_rejected', 'outreach_sent', 'outreach_answered', 'outreach_escalated', 'secret_redacted', 'agent_guard_blocked', 'agent_guard_overridden', 'email_failed', 'delivery_failed', 'sender_unverified']);

/** The event as a sentence in the agent's language, or null when the timeline does not show it. */
export function eventText(e: TimelineEvent, t: Translate, label: Label): string | null {
  // A value from the server (a secret kind, a risk type) in words, or as sent when unknown.
  const translated = (key: string) => (t(key as MessageKey) === key ? null : t(key as MessageKey));
  const actor = e.actor.name ?? (e.actor.type === 'customer' ? t('ticket.author.customer') : t('ticket.author.system'));
  const prefix = changedValues[e.type as keyof typeof changedValues];
  if (prefix) return t(`timeline.${e.type}` as MessageKey, { actor, from: label(prefix, str(e.data.from)), to: label(prefix, str(e.data.to)) });
  const describe = described[e.type];
  if (!describe) return null;
  const kinds = Array.isArray(e.data.kinds) ? e.data.kinds.map((k) => translated(`secret.${String(k)}`) ?? String(k)).join(', ') : '—';
  const risk = translated(`risk.${str(e.data.type)}`) ?? str(e.data.type);
  const out = describe(e, { kinds, risk });
  const [key, vars] = typeof out === 'string' ? [out, {}] : out;
  return t(key, { actor, ...vars });
}
