import { z } from 'zod';
import { normalisePhone, PHONE_PATTERN } from '../../identity/customers.js';

/** A number as telephony systems send it (`+82 10-1234-5678`, `+821012345678`), kept in E.164. */
export const e164 = z
  .string()
  .max(32)
  .transform(normalisePhone)
  .pipe(z.string().regex(PHONE_PATTERN, 'an international number like +821012345678'));

export const callEventTypes = ['ringing', 'answered', 'ended'] as const;
export type CallEventType = (typeof callEventTypes)[number];

/**
 * One call event from the telephony system (docs/phone.md). Every event repeats the call's
 * numbers, so whichever arrives first can open the call; `ended` says whether anyone picked up
 * (`answered`), because its "answered" event may still be on its way.
 */
export const callEvent = z.strictObject({
  event: z.enum(callEventTypes).describe('ringing, answered or ended'),
  callId: z.string().trim().min(1).max(128).describe("The telephony system's id of the call, the same in every event of it"),
  direction: z.enum(['inbound', 'outbound']).describe('inbound = the customer called us'),
  from: e164.describe('Calling number, E.164'),
  to: e164.describe('Called number, E.164'),
  occurredAt: z.iso.datetime({ offset: true }).describe('When it happened, ISO 8601'),
  agentEmail: z.email().max(254).optional().describe("The answering agent's sign-in email (answered, ended)"),
  answered: z.boolean().optional().describe('ended: whether the call was picked up; false = a missed call'),
  durationSeconds: z.number().int().min(0).max(86_400).optional().describe('ended: talk time in seconds'),
  recordingUrl: z.url({ protocol: /^https$/ }).max(2048).optional().describe('ended: https link to the recording in the telephony system'),
});
export type CallEvent = z.infer<typeof callEvent>;

/** The customer's number: the caller of an inbound call, the called party of an outbound one. */
export const customerNumberOf = (e: Pick<CallEvent, 'direction' | 'from' | 'to'>): string => (e.direction === 'inbound' ? e.from : e.to);
