import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { systemRef } from '../../tickets/ticketEvents.js';
import { fillSlots, routingTransaction } from '../chatMoves.js';
import type { BusinessHours } from '../hours.js';
import { routingOf } from '../routingState.js';
import { membersOf, parseTeam, type Team } from '../teams.js';

export interface TeamInput {
  name?: string;
  languages?: string[];
  categories?: string[];
  hours?: BusinessHours | null;
  /** The full member list (agent ids); replaces the current one. */
  members?: string[];
}

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  origin: RequestOrigin;
  input: TeamInput;
}

const unique = (list: readonly string[]) => [...new Set(list)];

async function checkMembers(trx: Tx, members: readonly string[]): Promise<void> {
  if (members.length === 0) return;
  const found = await trx.selectFrom('agents').select(['id', 'disabled']).where('id', 'in', [...members]).execute();
  for (const [i, id] of members.entries()) {
    const agent = found.find((a) => a.id === id);
    if (!agent) throw new AppError('field_invalid', 'No agent has this id.', `members.${i}`);
    if (agent.disabled) throw new AppError('field_invalid', 'This agent is disabled.', `members.${i}`);
  }
}

/** Replaces the member list; agents who just joined may take the team's waiting chats at once. */
async function setMembers(trx: Tx, teamId: string, members: readonly string[], now: Date): Promise<string[]> {
  const before = (await membersOf(trx, [teamId])).get(teamId) ?? [];
  const added = members.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !members.includes(id));
  if (removed.length) await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('agent_id', 'in', removed).execute();
  if (added.length) await trx.insertInto('team_members').values(added.map((agent_id) => ({ team_id: teamId, agent_id }))).execute();
  for (const agentId of added) await fillSlots({ trx, now, by: systemRef }, agentId);
  return before;
}

function columns(input: TeamInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.languages !== undefined ? { languages: JSON.stringify(unique(input.languages)) } : {}),
    ...(input.categories !== undefined ? { categories: JSON.stringify(unique(input.categories)) } : {}),
    ...(input.hours !== undefined ? { hours: input.hours ? JSON.stringify(input.hours) : null } : {}),
  };
}

/** Creates a team with its skills and members (supervisors). A taken name is 409. */
export async function teamCreator({ ctx, actor, origin, input }: Args & { input: TeamInput & { name: string } }): Promise<Team> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const members = unique(input.members ?? []);
    await checkMembers(trx, members);
    const row = { id: newId(), languages: '[]', categories: '[]', hours: null, created_at: nowIso(), ...columns(input), name: input.name };
    await trx.insertInto('teams').values(row).execute();
    await setMembers(trx, row.id, members, now);
    await audit(trx, { actor, action: 'team.created', targetType: 'team', targetId: row.id, origin, details: { ...input, members } });
    return parseTeam(row);
  });
}

/** Changes a team's name, skills, hours or members; every change is audited with its old value. */
export async function teamUpdater({ ctx, actor, origin, input, teamId }: Args & { teamId: string }): Promise<Team> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
    if (!before) throw new AppError('not_found', 'No such team.');
    const set = columns(input);
    const row = Object.keys(set).length ? await trx.updateTable('teams').set(set).where('id', '=', teamId).returningAll().executeTakeFirstOrThrow() : before;
    const details: Record<string, unknown> = { changes: input, before: parseTeam(before) };
    if (input.members) {
      const members = unique(input.members);
      await checkMembers(trx, members);
      details.membersBefore = await setMembers(trx, teamId, members, now);
    }
    await audit(trx, { actor, action: 'team.updated', targetType: 'team', targetId: teamId, origin, details });
    return parseTeam(row);
  });
}
