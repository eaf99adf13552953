import { z } from 'zod';
import { locales } from '../../../../platform/i18n/index.js';
import { categories } from '../../../tickets/categories.js';
import { callbackOutcomes } from '../commands/callbackOutcomeRecorder.js';
import { e164 } from '../payload.js';

const MAX_WINDOW_AHEAD_MS = 14 * 24 * 3600_000;
const isZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

/** A callback request from the help-center form or the widget (public, rate-limited). */
export const callbackBody = z.strictObject({
  phone: e164.describe('Number to call, international form (+ country code)'),
  name: z.string().trim().max(120).optional().describe('How to address the customer'),
  topic: z.enum(categories).describe('Ticket category the call is about'),
  preferredFrom: instant.optional().describe('Start of the window the customer can take a call (ISO 8601 with offset)'),
  preferredTo: instant.optional().describe('End of that window; must be in the future and within 14 days'),
  timezone: z.string().max(64).refine(isZone, 'an IANA time zone such as Asia/Seoul').optional().describe("The customer's time zone, to show the window as they chose it"),
  note: z.string().trim().max(2000).optional().describe('What it is about, in their words'),
  locale: z.enum(locales).default('en').describe('Language of the call and the ticket'),
  source: z.enum(['form', 'widget']).default('widget').describe('Where the request was made'),
}).superRefine((v, issue) => {
  if (!!v.preferredFrom !== !!v.preferredTo) issue.addIssue({ code: 'custom', path: [v.preferredFrom ? 'preferredTo' : 'preferredFrom'], message: 'give both ends of the window, or neither' });
  if (v.preferredTo && Date.parse(v.preferredTo) <= Date.now()) issue.addIssue({ code: 'custom', path: ['preferredTo'], message: 'the window has already ended' });
  if (v.preferredFrom && Date.parse(v.preferredFrom) > Date.now() + MAX_WINDOW_AHEAD_MS) issue.addIssue({ code: 'custom', path: ['preferredFrom'], message: 'at most 14 days ahead' });
});

export const callbackStates = ['pending', 'scheduled', 'done', 'no_answer', 'cancelled', 'open'] as const;

export const callbackQueueQuery = z.strictObject({
  state: z.enum(callbackStates).default('open').describe('open = pending and scheduled (the queue); or one state'),
  due_before: instant.optional().describe('Only requests due before this time (e.g. now: the overdue ones)'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const callbackParams = z.strictObject({ id: z.uuid().describe('Callback request id') });
export const outcomeBody = z.strictObject({
  outcome: z.enum(callbackOutcomes).describe('reached, no_answer (retried with backoff), wrong_number or cancelled'),
  note: z.string().trim().max(2000).optional().describe('What happened, for the ticket'),
});
export const assignBody = z.strictObject({ to: z.enum(['me', 'nobody']).describe('Take the callback, or give it back to the queue') });

export const callParams = z.strictObject({ id: z.uuid().describe('Call id') });
export const callNotesBody = z.strictObject({ notes: z.string().trim().min(1).max(5000).describe("The agent's notes on the call (replace earlier notes)") });
