import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { t, type Locale } from '../../../../platform/i18n/index.js';
import type { Actor, RequestOrigin } from '../../../identity/actor.js';
import { screenFields } from '../../../security/screening.js';
import type { Category } from '../../../tickets/categories.js';
import { ticketCreator } from '../../../tickets/commands/ticketCreator.js';
import { actorRef } from '../../../tickets/ticketEvents.js';
import { dueAtFor, queueCallback, type CallbackRow } from '../callbackQueue.js';
import { phoneText } from '../locales/index.js';
import { customerForNumber } from './phoneCustomer.js';

export interface CallbackInput {
  phone: string;
  name?: string | undefined;
  topic: Category;
  /** ISO instants; both or neither. */
  preferredFrom?: string | undefined;
  preferredTo?: string | undefined;
  timezone?: string | undefined;
  note?: string | undefined;
  locale: Locale;
  source: 'form' | 'widget';
}

/** Ticket text shows the window in the customer's own zone, as they chose it. */
function inZone(iso: string, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * A customer asks to be called back (help-center form or widget): a ticket on the phone channel
 * in their language, with their words as its first message, and a request in the callback queue
 * due at the start of their window. Name and note are screened like every customer text, so a
 * recovery phrase typed into the form never reaches storage. A signed-in customer's request is
 * theirs; anyone else's lands on an unverified customer with that number.
 */
export async function callbackRequester(ctx: AppContext, actor: Actor | null, input: CallbackInput, origin: RequestOrigin): Promise<{ callback: CallbackRow; ticketNumber: string }> {
  if (input.preferredFrom && input.preferredTo && Date.parse(input.preferredTo) <= Date.parse(input.preferredFrom)) {
    throw new AppError('field_invalid', 'The window must end after it starts.', 'preferredTo');
  }
  const screened = screenFields({ name: input.name ?? '', note: input.note ?? '' }).fields as { name: string; note: string };
  const timezone = input.timezone ?? 'UTC';
  const window = input.preferredFrom && input.preferredTo
    ? phoneText(input.locale, 'callbackWindow', { from: inZone(input.preferredFrom, timezone, input.locale), to: inZone(input.preferredTo, timezone, input.locale), timezone })
    : '';
  const request = phoneText(input.locale, 'callbackBody', { phone: input.phone, window });
  const customerId = actor?.kind === 'customer' ? actor.customerId
    : (await ctx.transaction((trx) => customerForNumber(trx, input.phone, { trusted: false, name: screened.name, locale: input.locale }))).id;
  let callback: CallbackRow | null = null;
  const { ticket } = await ticketCreator({
    ctx, actor: { kind: 'guest', customerId, ticketId: '' }, origin, fieldsLater: true,
    input: {
      subject: phoneText(input.locale, 'callbackSubject', { topic: t(input.locale, `category.${input.topic}.name`) }),
      // The customer's note is their words: ticketCreator screens it as the first message.
      body: input.note ? `${request}\n\n${input.note}` : request,
      category: input.topic, locale: input.locale, channel: 'phone',
    },
    within: async (trx, created) => {
      callback = await queueCallback(trx, {
        ticket_id: created.ticket.id, customer_id: customerId, call_id: null, source: input.source, phone: input.phone, name: screened.name || null,
        window_start: input.preferredFrom ?? null, window_end: input.preferredTo ?? null, timezone: input.timezone ?? null,
        topic: input.topic, locale: input.locale, due_at: dueAtFor(input.preferredFrom ?? null),
      }, actorRef(actor, customerId));
    },
  });
  return { callback: callback!, ticketNumber: ticket.number };
}
