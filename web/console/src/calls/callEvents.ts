import type { MessageKey } from '../i18n';
import type { TimelineEvent } from '../types';
import { talkTime } from './callText';

type Sentence = (e: TimelineEvent) => [MessageKey, Record<string, string>];

const text = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
/** Event data carries instants; the timeline row already shows the agent's local time, so UTC here is unambiguous. */
const utc = (v: unknown): string => `${text(v).slice(0, 16).replace('T', ' ')} UTC`;

function callLogged(e: TimelineEvent): [MessageKey, Record<string, string>] {
  const inbound = e.data.direction === 'inbound';
  const number = text(inbound ? e.data.from : e.data.to);
  if (e.data.state === 'missed') return [inbound ? 'timeline.call_missed' : 'timeline.call_unanswered', { number }];
  const duration = talkTime(typeof e.data.durationSeconds === 'number' ? e.data.durationSeconds : null);
  return [inbound ? 'timeline.call_inbound' : 'timeline.call_outbound', { number, duration }];
}

function callbackOutcome(e: TimelineEvent): [MessageKey, Record<string, string>] {
  const attempts = text(e.data.attempts);
  switch (e.data.outcome) {
    case 'reached':
      return ['timeline.callback_reached', {}];
    case 'no_answer':
      return e.data.state === 'no_answer' ? ['timeline.callback_unreachable', { attempts }] : ['timeline.callback_no_answer', { attempts, due: utc(e.data.dueAt) }];
    case 'wrong_number':
      return ['timeline.callback_wrong_number', {}];
    default:
      return ['timeline.callback_cancelled', {}];
  }
}

/** The phone channel's timeline rows (src/modules/channels/phone) in the agent's words; eventText.ts shows them. */
export const callEvents: Record<string, Sentence> = {
  call_logged: callLogged,
  callback_requested: (e) => ['timeline.callback_requested', { phone: text(e.data.phone), due: utc(e.data.dueAt) }],
  callback_outcome: callbackOutcome,
};
