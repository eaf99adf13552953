import type { Selectable } from 'kysely';
import type { CannedResponsesTable, MacrosTable } from '../../platform/db/schema.js';
import type { AgentActor } from '../identity/actor.js';
import { savedReplyPolicy } from './policies.js';

export function presentCannedResponse(row: Selectable<CannedResponsesTable>, actor: AgentActor) {
  const editable = savedReplyPolicy.edit(actor, row);
  return {
    id: row.id,
    shortcode: row.shortcode,
    title: row.title,
    bodies: JSON.parse(row.bodies) as Record<string, string>,
    personal: row.scope !== 'shared',
    uses: row.uses,
    updatedAt: row.updated_at,
    abilities: { edit: editable, delete: editable },
  };
}

export function presentMacro(row: Selectable<MacrosTable>, actor: AgentActor) {
  const editable = savedReplyPolicy.edit(actor, row);
  return {
    id: row.id,
    name: row.name,
    actions: JSON.parse(row.actions) as Record<string, unknown>,
    personal: row.scope !== 'shared',
    uses: row.uses,
    updatedAt: row.updated_at,
    abilities: { edit: editable, delete: editable },
  };
}
