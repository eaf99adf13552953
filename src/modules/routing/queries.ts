import type { DbOrTx } from '../../platform/db/index.js';
import { activeChatCounts } from './presence.js';
import { etaBasis, etaSeconds, queuePosition, type ChatRow } from './queue.js';

/** Everything the chat presenter needs: the chat, its ticket, team, agent and (queued) place. */
export interface ChatView {
  chat: ChatRow;
  ticket: { id: string; number: string; subject: string; locale: string; category: string; assigneeId: string | null };
  customer: { id: string; name: string | null; verified: boolean };
  team: { id: string; name: string } | null;
  agent: { id: string; name: string } | null;
  position: number | null;
  etaSeconds: number | null;
}

function chatRows(db: DbOrTx) {
  return db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .innerJoin('customers', 'customers.id', 'tickets.customer_id')
    .leftJoin('teams', 'teams.id', 'chats.team_id')
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .selectAll('chats')
    .select([
      'tickets.number', 'tickets.subject', 'tickets.locale', 'tickets.category', 'tickets.assignee_id', 'tickets.customer_id',
      'customers.name as customer_name', 'customers.email as customer_email', 'customers.verified as customer_verified',
      'teams.name as team_name', 'agents.name as agent_name',
    ]);
}

type Joined = Awaited<ReturnType<ReturnType<typeof chatRows>['execute']>>[number];

function toView(r: Joined, position: number | null, eta: number | null): ChatView {
  const { number, subject, locale, category, assignee_id, customer_id, customer_name, customer_email, customer_verified, team_name, agent_name, ...chat } = r;
  return {
    chat,
    ticket: { id: chat.ticket_id, number, subject, locale, category, assigneeId: assignee_id },
    customer: { id: customer_id, name: customer_name ?? customer_email, verified: customer_verified === 1 },
    team: chat.team_id && team_name ? { id: chat.team_id, name: team_name } : null,
    // Only a chat someone is answering has an agent; a left message keeps no assignee anyway.
    agent: chat.state === 'assigned' && assignee_id && agent_name ? { id: assignee_id, name: agent_name } : null,
    position,
    etaSeconds: eta,
  };
}

export async function loadChatView(db: DbOrTx, ticketId: string, now: Date): Promise<ChatView | undefined> {
  const row = await chatRows(db).where('chats.ticket_id', '=', ticketId).executeTakeFirst();
  if (!row) return undefined;
  if (row.state !== 'queued' || !row.team_id) return toView(row, null, null);
  const position = await queuePosition(db, row);
  return toView(row, position, etaSeconds(position, await etaBasis(db, row.team_id, now)));
}

/** Waiting chats of these teams (null = every team), in queue order per team, with positions and ETAs. */
export async function listQueued(db: DbOrTx, teamIds: readonly string[] | null, now: Date): Promise<ChatView[]> {
  if (teamIds && teamIds.length === 0) return [];
  let q = chatRows(db).where('chats.state', '=', 'queued').orderBy('chats.queued_at').orderBy('chats.ticket_id');
  if (teamIds) q = q.where('chats.team_id', 'in', [...teamIds]);
  const rows = await q.execute();
  const seen = new Map<string, number>();
  const bases = new Map<string, Awaited<ReturnType<typeof etaBasis>>>();
  const out: ChatView[] = [];
  for (const r of rows) {
    const teamId = r.team_id ?? '';
    const position = (seen.get(teamId) ?? 0) + 1;
    seen.set(teamId, position);
    let basis = bases.get(teamId);
    if (!basis) bases.set(teamId, (basis = await etaBasis(db, teamId, now)));
    out.push(toView(r, position, etaSeconds(position, basis)));
  }
  return out;
}

/** The chats an agent is answering now (null: every agent's, for the supervisor board). */
export async function listAssignedTo(db: DbOrTx, agentId: string | null): Promise<ChatView[]> {
  let q = chatRows(db).where('chats.state', '=', 'assigned').orderBy('chats.assigned_at').orderBy('chats.ticket_id');
  if (agentId) q = q.where('tickets.assignee_id', '=', agentId);
  return (await q.execute()).map((r) => toView(r, null, null));
}

export interface AgentLoad {
  id: string;
  name: string;
  status: 'online' | 'away' | 'offline';
  maxChats: number;
  activeChats: number;
  teamIds: string[];
}

/** Agents who are online or away, or still answering chats, with their load (the supervisor board). */
export async function agentLoads(db: DbOrTx): Promise<AgentLoad[]> {
  const present = await db
    .selectFrom('agent_presence')
    .innerJoin('agents', 'agents.id', 'agent_presence.agent_id')
    .select(['agents.id', 'agents.name', 'agent_presence.status', 'agent_presence.max_chats'])
    .where('agents.disabled', '=', 0)
    .execute();
  const loads = await activeChatCounts(db, present.map((p) => p.id));
  const busy = present.filter((p) => p.status !== 'offline' || (loads.get(p.id) ?? 0) > 0);
  const memberships = busy.length
    ? await db.selectFrom('team_members').select(['agent_id', 'team_id']).where('agent_id', 'in', busy.map((p) => p.id)).execute()
    : [];
  return busy
    .map((p) => ({
      id: p.id, name: p.name, status: p.status, maxChats: p.max_chats, activeChats: loads.get(p.id) ?? 0,
      teamIds: memberships.filter((m) => m.agent_id === p.id).map((m) => m.team_id).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
