import { atLeast, roleScopes, type AgentActor, type Scope } from './actor.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Who may do what in identity. Returned with the data (`abilities`) so the console never
 * re-implements these rules.
 */
export function abilitiesOf(actor: AgentActor) {
  return {
    manageAgents: actor.role === 'admin' && actor.scopes.has('admin'),
    listAgents: canListAgents(actor),
    manageTeams: atLeast(actor.role, 'supervisor'),
    readAuditLog: canReadAuditLog(actor),
    createApiTokens: actor.via === 'session',
    readCustomers: actor.scopes.has('customers:read'),
    writeCustomers: actor.scopes.has('customers:write'),
    /** Change tickets (the console's bulk actions; each ticket is still checked on its own). */
    updateTickets: actor.scopes.has('tickets:write'),
  };
}
export type Abilities = ReturnType<typeof abilitiesOf>;

/**
 * The agent list is read-only for supervisors: the supervisor board and reassigning need to
 * name every agent, while creating, changing and 2FA resets stay with admins.
 */
export function canListAgents(actor: AgentActor): boolean {
  return actor.scopes.has('admin') || (atLeast(actor.role, 'supervisor') && actor.scopes.has('tickets:read'));
}

/** Supervisors read it in the console; integrations only with a token carrying `admin`. */
export function canReadAuditLog(actor: AgentActor): boolean {
  return actor.via === 'session' ? atLeast(actor.role, 'supervisor') : actor.scopes.has('admin');
}

export function authorizeAuditLog(actor: AgentActor): void {
  if (!canReadAuditLog(actor)) throw new AppError('forbidden', 'Reading the audit log needs a supervisor session or an admin-scoped token.');
}

/** Tokens are minted only by a person at the console, never by another token. */
export function authorizeTokenCreation(actor: AgentActor, requested: readonly Scope[]): void {
  if (actor.via !== 'session') throw new AppError('forbidden', 'API tokens can only be created from a console session.');
  const allowed = new Set<Scope>(roleScopes[actor.role]);
  const extra = requested.filter((s) => !allowed.has(s));
  if (extra.length) throw new AppError('field_invalid', `Your role cannot grant: ${extra.join(', ')}.`, 'scopes');
}

/** Owners see and revoke their own tokens; admins see and revoke every token. */
export const canSeeAllTokens = (actor: AgentActor): boolean => actor.role === 'admin';

