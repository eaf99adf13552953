import type { AgentActor } from '../../identity/actor.js';

/**
 * What an agent may do with the callback queue. The queue's routes and the console's navigation
 * both read it, so the Callbacks screen shows exactly when its requests would be accepted.
 */
export const callbackAbilities = (actor: AgentActor) => ({
  readQueue: actor.scopes.has('tickets:read'),
  recordOutcome: actor.scopes.has('tickets:write'),
});
