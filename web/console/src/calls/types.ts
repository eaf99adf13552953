/** The phone module's API shapes as the console reads them (src/modules/channels/phone/presenters.ts). */
export const callbackStates = ['open', 'pending', 'scheduled', 'done', 'no_answer', 'cancelled'] as const;
export type CallbackStateFilter = (typeof callbackStates)[number];
export const callbackOutcomes = ['reached', 'no_answer', 'wrong_number', 'cancelled'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

export interface Callback {
  id: string;
  ticket: { id: string; number: string };
  source: string;
  phone: string;
  name: string | null;
  topic: string;
  locale: string;
  window: { from: string; to: string | null; timezone: string | null } | null;
  dueAt: string;
  overdue: boolean;
  state: Exclude<CallbackStateFilter, 'open'>;
  attempts: number;
  outcome: CallbackOutcome | null;
  outcomeNote: string | null;
  assignee: { id: string; name: string | null } | null;
}

export interface CallbackQueue {
  items: Callback[];
  abilities: { recordOutcome: boolean };
}

export interface Call {
  id: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  state: string;
  agent: { id: string; name: string | null } | null;
  startedAt: string;
  durationSeconds: number | null;
  recordingUrl: string | null;
  notes: string | null;
}

export const isOpen = (c: Callback): boolean => c.state === 'pending' || c.state === 'scheduled';
