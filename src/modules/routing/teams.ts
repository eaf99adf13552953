import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { TeamsTable } from '../../platform/db/schema.js';
import { HHMM, isTimeZone, type BusinessHours } from './hours.js';

export type TeamRow = Selectable<TeamsTable>;

/** A team with its skills parsed: languages and categories it answers (empty = any), and its hours. */
export interface Team {
  id: string;
  name: string;
  languages: string[];
  categories: string[];
  hours: BusinessHours | null;
  createdAt: string;
}

function stringArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Hours as stored; anything unreadable counts as 7×24 rather than silently closing a team. */
function parseHours(json: string | null): BusinessHours | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<BusinessHours>;
    if (typeof value.timezone !== 'string' || !isTimeZone(value.timezone) || !Array.isArray(value.days)) return null;
    const days = value.days.filter((d) => Number.isInteger(d?.day) && HHMM.test(String(d?.from)) && HHMM.test(String(d?.to)));
    return { timezone: value.timezone, days };
  } catch {
    return null;
  }
}

export function parseTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    languages: stringArray(row.languages),
    categories: stringArray(row.categories),
    hours: parseHours(row.hours ?? null),
    createdAt: row.created_at,
  };
}

export async function loadTeams(db: DbOrTx): Promise<Team[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(parseTeam);
}

export async function loadTeam(db: DbOrTx, teamId: string): Promise<Team | undefined> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
  return row ? parseTeam(row) : undefined;
}

/** Member agent ids per team, for the given teams. */
export async function membersOf(db: DbOrTx, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await db.selectFrom('team_members').select(['team_id', 'agent_id']).where('team_id', 'in', teamIds).orderBy('agent_id').execute();
  for (const r of rows) out.get(r.team_id)?.push(r.agent_id);
  return out;
}

/** The teams an agent belongs to. */
export async function teamIdsOf(db: DbOrTx, agentId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('agent_id', '=', agentId).execute();
  return rows.map((r) => r.team_id);
}
