import type { Selectable } from 'kysely';
import type { CannedResponsesTable, MacrosTable } from '../../platform/db/schema.js';
import type { AgentActor } from '../identity/actor.js';
import { savedReplyPolicy } from './policies.js';

/** What canned responses and macros share: whose it is, how often it is used, what the caller may do. */
function ownership(row: { scope: string; uses: number; updated_at: string }, actor: AgentActor) {
  const editable = savedReplyPolicy.edit(actor, row);
  return { personal: row.scope !== 'shared', uses: row.uses, updatedAt: row.updated_at, abilities: { edit: editable, delete: editable } };
}

export function presentCannedResponse(row: Selectable<CannedResponsesTable>, actor: AgentActor) {
  return { id: row.id, shortcode: row.shortcode, title: row.title, bodies: JSON.parse(row.bodies) as Record<string, string>, ...ownership(row, actor) };
}

export function presentMacro(row: Selectable<MacrosTable>, actor: AgentActor) {
  return { id: row.id, name: row.name, actions: JSON.parse(row.actions) as Record<string, unknown>, ...ownership(row, actor) };
}
