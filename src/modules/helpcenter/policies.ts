import { atLeast, type AgentActor } from '../identity/actor.js';

/**
 * Who may do what in the help center, returned with editor responses so the console shows
 * exactly the buttons the server will accept.
 */
export function helpCenterAbilities(actor: AgentActor) {
  const write = actor.scopes.has('helpcenter:write');
  return {
    readDrafts: actor.scopes.has('helpcenter:read'),
    editArticles: write,
    publishArticles: write && atLeast(actor.role, 'supervisor'),
    manageSynonyms: write && actor.role === 'admin',
    readContentGaps: actor.scopes.has('helpcenter:read') && atLeast(actor.role, 'supervisor'),
  };
}
export type HelpCenterAbilities = ReturnType<typeof helpCenterAbilities>;
