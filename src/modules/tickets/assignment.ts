import type { DbOrTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';

/** An assignee must be an existing agent who can still sign in. */
export async function checkAssignee(trx: DbOrTx, agentId: string, field = 'assigneeId'): Promise<void> {
  const agent = await trx.selectFrom('agents').select(['id', 'disabled']).where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw new AppError('field_invalid', 'No agent has this id.', field);
  if (agent.disabled) throw new AppError('field_invalid', 'This agent is disabled and cannot take tickets.', field);
}

export async function checkTeam(trx: DbOrTx, teamId: string, field = 'teamId'): Promise<void> {
  const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('field_invalid', 'No team has this id.', field);
}

export const TAG = /^[a-z0-9\u00c0-\uffff][a-z0-9_\-:\u00c0-\uffff]{0,39}$/;

/** Lower-cased, trimmed, unique tags; a bad one is named in the error. */
export function normaliseTags(tags: readonly string[], field = 'tags'): string[] {
  const out = new Set<string>();
  for (const [i, raw] of tags.entries()) {
    const tag = raw.trim().toLowerCase();
    if (!TAG.test(tag)) throw new AppError('field_invalid', `"${raw}" is not a tag: letters, digits, - _ : up to 40 characters.`, `${field}.${i}`);
    out.add(tag);
  }
  if (out.size > 20) throw new AppError('field_invalid', 'At most 20 tags.', field);
  return [...out];
}
