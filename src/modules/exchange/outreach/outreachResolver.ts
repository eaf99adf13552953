import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { systemOrigin } from '../../identity/audit.js';
import { recordChatUpdated } from '../../routing/queue.js';
import { applyTicketChanges, lockTicket } from '../../routing/ticketRouting.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, systemRef, type TicketRow } from '../../tickets/ticketEvents.js';
import { ExchangeError } from '../client.js';
import type { Account } from '../contract.js';
import { recordFreeze } from '../freeze/accountFreezer.js';
import { escalateToSecurity, internalNote, officialHotline } from '../freeze/securityDesk.js';
import { securityText } from '../locales/index.js';
import { exchangeOf } from '../runtime.js';
import { eventName, readAnswer, whenOf, type RiskEventRow } from './wording.js';

type Outcome = 'confirmed' | 'denied' | 'escalated';
type State = 'waiting' | Outcome;

interface Loaded {
  outreach: { id: string; state: State; ticket_id: string; customer_id: string };
  event: RiskEventRow;
  uid: string | null;
}

async function load(ctx: AppContext, where: { ticketId?: string; outreachId?: string }): Promise<Loaded | null> {
  let q = ctx.db.selectFrom('security_outreach').select(['id', 'state', 'ticket_id', 'customer_id', 'risk_event_id']);
  q = where.outreachId ? q.where('id', '=', where.outreachId) : q.where('ticket_id', '=', where.ticketId!);
  const outreach = await q.executeTakeFirst();
  if (!outreach) return null;
  const event = await ctx.db.selectFrom('exchange_risk_events').selectAll().where('id', '=', outreach.risk_event_id).executeTakeFirstOrThrow();
  const customer = await ctx.db.selectFrom('customers').select('external_id').where('id', '=', outreach.customer_id).executeTakeFirstOrThrow();
  return { outreach, event, uid: customer.external_id };
}

/** Moves the outreach from `from` to `to`; false when someone (another job, a repeat) got there first. */
async function claim(trx: Tx, id: string, from: State, to: Outcome): Promise<boolean> {
  const row = await trx.updateTable('security_outreach').set({ state: to, answered_at: nowIso() }).where('id', '=', id).where('state', '=', from).returning('id').executeTakeFirst();
  return row !== undefined;
}

const say = (trx: Tx, ticket: TicketRow, body: string) => automatedMessageWriter(trx, ticket, 'system', { body, meta: { outreachReply: true } });

/**
 * The customer's answer to "was this you?" (a durable job per customer message on the ticket):
 * "yes" closes the conversation with a note; "no" freezes the account through the exchange, posts
 * the evidence checklist and makes the ticket the security team's urgent case; anything else goes
 * to that team as urgent. After a time-out escalation a plain "no" still freezes the account.
 */
export async function outreachAnswerer(ctx: AppContext, payload: Record<string, unknown>): Promise<void> {
  const loaded = await load(ctx, { ticketId: String(payload.ticketId) });
  if (!loaded || (loaded.outreach.state !== 'waiting' && loaded.outreach.state !== 'escalated')) return;
  const message = await ctx.db.selectFrom('messages').select('body').where('id', '=', String(payload.messageId)).executeTakeFirst();
  if (!message) return;
  const answer = readAnswer(message.body);
  const { outreach, event, uid } = loaded;
  if (outreach.state === 'escalated' && answer !== 'no') return; // A person has it now.

  let account: Account | null = null;
  if (answer === 'no' && uid) {
    try {
      account = await exchangeOf(ctx).client.freeze(uid, `Customer did not recognise the ${event.type} of ${whenOf(event.occurred_at)} (exchange event ${event.event_id})`, `outreach:${outreach.id}`);
    } catch (err) {
      if (!(err instanceof ExchangeError)) throw err;
    }
  }
  const hotline = answer === 'no' && !account ? await officialHotline(ctx.db) : null;

  await ctx.transaction(async (trx) => {
    const to: Outcome = answer === 'yes' ? 'confirmed' : answer === 'no' ? 'denied' : 'escalated';
    if (!(await claim(trx, outreach.id, outreach.state, to))) return;
    const ticket = await lockTicket(trx, outreach.ticket_id);
    const locale = ticket.locale;
    const facts = { event: eventName(locale, event), time: whenOf(event.occurred_at) };
    await addTicketEvent(trx, ticket.id, { type: 'customer', id: outreach.customer_id }, 'outreach_answered', { outreachId: outreach.id, answer: answer ?? 'unclear' });
    if (to === 'confirmed') {
      await say(trx, ticket, securityText(locale, 'confirmedReply'));
      await internalNote(trx, ticket, securityText(locale, 'note.confirmed', facts), { outreach: { id: outreach.id, answer: 'yes' } });
      await closeConversation(trx, ticket);
      return;
    }
    if (to === 'denied') {
      const freezeLine = securityText(locale, account ? 'note.frozen' : 'note.freezeFailed');
      await say(trx, ticket, securityText(locale, 'deniedReply'));
      if (account) {
        await recordFreeze(trx, {
          key: `outreach:${outreach.id}`, ticketId: ticket.id, customerId: outreach.customer_id, uid: uid!, source: 'outreach', agentId: null,
          reason: `Customer did not recognise the ${event.type} (exchange event ${event.event_id})`, by: systemRef, actor: null, origin: systemOrigin,
        }, account);
        await say(trx, ticket, securityText(locale, 'frozen'));
      } else {
        await say(trx, ticket, securityText(locale, 'selfFreezeUnavailable', { hotline: hotline ? securityText(locale, 'hotline', { phone: hotline }) : '' }));
      }
      await say(trx, ticket, securityText(locale, 'checklist'));
      await say(trx, ticket, securityText(locale, 'handedOver'));
      await internalNote(trx, ticket, securityText(locale, 'note.denied', { ...facts, freeze: freezeLine }), { outreach: { id: outreach.id, answer: 'no', frozen: account !== null } });
    } else {
      await say(trx, ticket, securityText(locale, 'unclearReply'));
      await internalNote(trx, ticket, securityText(locale, 'note.unclear', facts), { outreach: { id: outreach.id, answer: 'unclear' } });
    }
    await escalateToSecurity(trx, ticket, systemRef);
  });
}

/** No answer in time: the security team takes it, urgent (a durable job enqueued with runAt). */
export async function outreachTimeout(ctx: AppContext, payload: Record<string, unknown>): Promise<void> {
  const loaded = await load(ctx, { outreachId: String(payload.outreachId) });
  if (!loaded || loaded.outreach.state !== 'waiting') return;
  const { outreach, event } = loaded;
  await ctx.transaction(async (trx) => {
    if (!(await claim(trx, outreach.id, 'waiting', 'escalated'))) return;
    const ticket = await lockTicket(trx, outreach.ticket_id);
    const facts = { event: eventName(ticket.locale, event), time: whenOf(event.occurred_at), minutes: String(ctx.config.OUTREACH_TIMEOUT_MINUTES) };
    await addTicketEvent(trx, ticket.id, systemRef, 'outreach_escalated', { outreachId: outreach.id, why: 'no_answer', minutes: ctx.config.OUTREACH_TIMEOUT_MINUTES });
    await say(trx, ticket, securityText(ticket.locale, 'timeoutReply'));
    await internalNote(trx, ticket, securityText(ticket.locale, 'note.timeout', facts), { outreach: { id: outreach.id, answer: null } });
    await escalateToSecurity(trx, ticket, systemRef);
  });
}

/** "It was me": the conversation ends and the ticket is solved. */
async function closeConversation(trx: Tx, ticket: TicketRow): Promise<void> {
  const now = nowIso();
  await trx.updateTable('chats').set({ state: 'ended', ended_at: now, updated_at: now }).where('ticket_id', '=', ticket.id).execute();
  await recordChatUpdated(trx, { ticketId: ticket.id, state: 'ended', teamId: ticket.team_id, agentId: null, ticketNumber: ticket.number });
  await applyTicketChanges(trx, ticket, { status: 'solved' }, systemRef);
}
