import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createCustomer } from '../../../test/factories.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { nowIso } from '../../platform/db/ids.js';
import type { Role } from '../identity/actor.js';
import { systemOrigin } from '../identity/audit.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import type { Category } from '../tickets/categories.js';
import { routingOf } from './routingState.js';

/** Ticket categories without required structured fields, so a chat ticket needs none. */
type FieldFreeCategory = 'account' | 'platform' | 'complaint' | 'suggestion';

/**
 * Helpers for the routing tests: chats are made with the real ticket command (channel `chat`)
 * plus their `chats` row in state `bot`, and handovers travel the real event path (outbox →
 * relay → bus → our subscriber).
 */
export async function createChat(t: TestApp, opts: { locale?: string; topic?: Category; category?: FieldFreeCategory } = {}) {
  const customer = await createCustomer(t.ctx, { locale: opts.locale ?? 'en' });
  const created = await ticketCreator({
    ctx: t.ctx,
    actor: { kind: 'customer', customerId: customer.id, verified: true, sessionId: 'test' },
    input: { subject: 'Live chat', body: '我的USDT充值还没到账', category: opts.category ?? 'platform', channel: 'chat', locale: opts.locale ?? 'en' },
    origin: systemOrigin,
  });
  const now = nowIso();
  await t.ctx.db
    .insertInto('chats')
    .values({
      ticket_id: created.ticket.id, visitor_id: null, state: 'bot', topic: opts.topic ?? null, team_id: null, queued_at: null, assigned_at: null,
      ended_at: null, bot_state: '{}', customer_read_id: null, agent_read_id: null, created_at: now, updated_at: now,
    })
    .execute();
  return { ticketId: created.ticket.id, number: created.ticket.number };
}

/** A fresh app (its own database) and a supervisor's API headers. */
export async function appWithSupervisor(): Promise<{ t: TestApp; sup: Record<string, string> }> {
  const t = await createTestApp();
  return { t, sup: (await agentWithToken(t.ctx, 'supervisor')).headers };
}

/** Records `chat.handover_requested` the way the bot does and waits until it has been handled. */
export async function requestHandover(t: TestApp, ticketId: string, extra: { locale?: string; category?: string; reason?: string } = {}) {
  await t.ctx.transaction((trx) => recordEvent(trx, 'chat.handover_requested', { ticketId, reason: extra.reason ?? 'customer', ...extra }));
  await t.ctx.relay.drain();
}

export async function createTeam(t: TestApp, headers: Record<string, string>, body: Record<string, unknown>): Promise<string> {
  const res = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers, payload: { name: `Team ${Math.random().toString(36).slice(2, 10)}`, ...body } });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { team: { id: string } }).team.id;
}

/** An agent with an API token, member of `teams`, with availability set through the API. */
export async function agentOn(t: TestApp, teams: string[], opts: { status?: 'online' | 'away' | 'offline'; maxChats?: number; role?: Role } = {}) {
  const { agent, headers } = await agentWithToken(t.ctx, opts.role ?? 'agent');
  if (teams.length) await t.ctx.db.insertInto('team_members').values(teams.map((team_id) => ({ team_id, agent_id: agent.id }))).execute();
  const res = await setAvailability(t, headers, { status: opts.status ?? 'online', ...(opts.maxChats ? { maxChats: opts.maxChats } : {}) });
  assert.equal(res.statusCode, 200, res.body);
  return { id: agent.id, headers };
}

export function setAvailability(t: TestApp, headers: Record<string, string>, payload: Record<string, unknown>) {
  return t.http.inject({ method: 'PUT', url: '/api/v1/agents/me/availability', headers, payload });
}

/** The chat's routing state and its ticket's assignee and team. */
export async function chatOf(t: TestApp, ticketId: string) {
  return t.ctx.db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .select(['chats.state', 'chats.team_id as teamId', 'tickets.assignee_id as agentId', 'tickets.team_id as ticketTeamId', 'tickets.status'])
    .where('chats.ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
}

/** `chat.updated` payloads recorded for one chat, oldest first. */
export async function chatUpdates(t: TestApp, ticketId: string) {
  const rows = await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'chat.updated').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>).filter((p) => p.ticketId === ticketId);
}

/** Fixes the routing clock of this app (business hours, waits, ETAs). */
export function setClock(t: TestApp, iso: string): void {
  routingOf(t.ctx).now = () => new Date(iso);
}
