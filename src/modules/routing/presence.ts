import type { DbOrTx, Tx } from '../../platform/db/index.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { nowIso } from '../../platform/db/ids.js';
import type { AgentPresenceTable } from '../../platform/db/schema.js';
import { DEFAULT_MAX_CHATS } from './routingState.js';

export type PresenceStatus = AgentPresenceTable['status'];
export const presenceStatuses = ['online', 'away', 'offline'] as const satisfies readonly PresenceStatus[];

export interface Presence {
  agentId: string;
  status: PresenceStatus;
  maxChats: number;
  updatedAt: string | null;
}

const offline = (agentId: string): Presence => ({ agentId, status: 'offline', maxChats: DEFAULT_MAX_CHATS, updatedAt: null });

/** An agent's availability; no row means offline with the default limit. */
export async function presenceOf(db: DbOrTx, agentId: string): Promise<Presence> {
  const row = await db.selectFrom('agent_presence').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
  return row ? { agentId, status: row.status, maxChats: row.max_chats, updatedAt: row.updated_at } : offline(agentId);
}

/**
 * How many chats each agent is answering now (chats in state `assigned` whose ticket is theirs).
 * This count, not a stored counter, is the load: nothing can drift out of step with the chats.
 */
export async function activeChatCounts(db: DbOrTx, agentIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(agentIds.map((id) => [id, 0]));
  if (agentIds.length === 0) return out;
  const rows = await db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .select(['tickets.assignee_id as agentId', (eb) => eb.fn.countAll().as('n')])
    .where('chats.state', '=', 'assigned')
    .where('tickets.assignee_id', 'in', [...agentIds])
    .groupBy('tickets.assignee_id')
    .execute();
  for (const r of rows) if (r.agentId) out.set(r.agentId, Number(r.n));
  return out;
}

export interface MemberAvailability {
  teamId: string;
  agentId: string;
  status: PresenceStatus;
  maxChats: number;
}

/** Members of these teams who are online or away (enabled agents only). */
export async function presentMembers(db: DbOrTx, teamIds: readonly string[]): Promise<MemberAvailability[]> {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_members')
    .innerJoin('agent_presence', 'agent_presence.agent_id', 'team_members.agent_id')
    .innerJoin('agents', 'agents.id', 'team_members.agent_id')
    .select(['team_members.team_id as teamId', 'team_members.agent_id as agentId', 'agent_presence.status as status', 'agent_presence.max_chats as maxChats'])
    .where('team_members.team_id', 'in', [...teamIds])
    .where('agent_presence.status', 'in', ['online', 'away'])
    .where('agents.disabled', '=', 0)
    .orderBy('team_members.agent_id')
    .execute();
}

/**
 * Locks these agents' presence rows (PostgreSQL) and returns them fresh. Always in agent-id
 * order, so two transactions locking overlapping sets cannot deadlock; whoever waits re-reads
 * the loads after the other committed and cannot push an agent past max_chats. SQLite has a
 * single writer, so the plain read is already serialised.
 */
export async function lockPresences(trx: Tx, agentIds: readonly string[]): Promise<Presence[]> {
  if (agentIds.length === 0) return [];
  let q = trx.selectFrom('agent_presence').selectAll().where('agent_id', 'in', [...agentIds]).orderBy('agent_id');
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  const rows = await q.execute();
  return rows.map((r) => ({ agentId: r.agent_id, status: r.status, maxChats: r.max_chats, updatedAt: r.updated_at }));
}

/** Like lockPresences for one agent, creating the (offline) row first so there is something to lock. */
export async function lockPresence(trx: Tx, agentId: string): Promise<Presence> {
  await trx
    .insertInto('agent_presence')
    .values({ agent_id: agentId, status: 'offline', max_chats: DEFAULT_MAX_CHATS, updated_at: nowIso() })
    .onConflict((oc) => oc.column('agent_id').doNothing())
    .execute();
  const [row] = await lockPresences(trx, [agentId]);
  return row ?? offline(agentId);
}

/**
 * The least-loaded online member of a team with a free slot, locked for the caller's
 * transaction; ties go to the agent who has waited longest since their last assignment.
 */
export async function pickAgent(trx: Tx, teamId: string, exclude: string | null = null): Promise<string | null> {
  const online = (await presentMembers(trx, [teamId])).filter((m) => m.status === 'online' && m.agentId !== exclude);
  const locked = (await lockPresences(trx, online.map((m) => m.agentId))).filter((p) => p.status === 'online');
  const loads = await activeChatCounts(trx, locked.map((p) => p.agentId));
  const lastAssigned = await lastAssignedAt(trx, locked.map((p) => p.agentId));
  const free = locked
    .map((p) => ({ agentId: p.agentId, load: loads.get(p.agentId) ?? 0, max: p.maxChats, last: lastAssigned.get(p.agentId) ?? '' }))
    .filter((c) => c.load < c.max)
    .sort((a, b) => a.load - b.load || (a.last < b.last ? -1 : a.last > b.last ? 1 : 0) || (a.agentId < b.agentId ? -1 : 1));
  return free[0]?.agentId ?? null;
}

async function lastAssignedAt(db: DbOrTx, agentIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (agentIds.length === 0) return out;
  const rows = await db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .select(['tickets.assignee_id as agentId', (eb) => eb.fn.max('chats.assigned_at').as('last')])
    .where('tickets.assignee_id', 'in', agentIds)
    .where('chats.assigned_at', 'is not', null)
    .groupBy('tickets.assignee_id')
    .execute();
  for (const r of rows) if (r.agentId && r.last) out.set(r.agentId, r.last);
  return out;
}
