/**
 * Who is making a request. Resolved once per request by `authenticate` and read by
 * policies; handlers never look at cookies or headers themselves.
 */
export const roles = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];

/** What an API token may do; console sessions get every scope their role allows. */
export const scopes = ['tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'helpcenter:read', 'helpcenter:write', 'admin'] as const;
export type Scope = (typeof scopes)[number];

export interface AgentActor {
  kind: 'agent';
  agentId: string;
  role: Role;
  via: 'session' | 'token';
  scopes: ReadonlySet<Scope>;
  sessionId?: string;
  tokenId?: string;
}

/** An exchange user signed in to the customer portal (identified by the exchange). */
export interface CustomerActor {
  kind: 'customer';
  customerId: string;
  verified: boolean;
  sessionId: string;
}

/** Someone holding a signed link to exactly one ticket. */
export interface GuestActor {
  kind: 'guest';
  customerId: string;
  ticketId: string;
}

export type Actor = AgentActor | CustomerActor | GuestActor;

export const roleScopes: Record<Role, readonly Scope[]> = {
  admin: scopes,
  // Supervisors keep the help center current; agents read drafts to answer with them.
  supervisor: ['tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'helpcenter:read', 'helpcenter:write'],
  agent: ['tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'helpcenter:read'],
};

const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };
export const atLeast = (role: Role, minimum: Role): boolean => rank[role] >= rank[minimum];

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}
