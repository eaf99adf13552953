import type { Selectable } from 'kysely';
import type { AgentsTable, ApiTokensTable, AuditLogTable } from '../../platform/db/schema.js';
import type { CustomerRow } from './customers.js';

/** Pure shapes sent to clients. Hashes and secrets (password_hash, totp_secret, token_hash) never leave. */
export type AgentRow = Selectable<AgentsTable>;

export function presentAgent(row: AgentRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    totpEnabled: row.totp_enabled === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentApiToken(row: Selectable<ApiTokensTable>) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    agentId: row.agent_id,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function presentCustomer(row: CustomerRow) {
  return {
    id: row.id,
    externalId: row.external_id,
    email: row.email,
    phone: row.phone,
    name: row.name,
    locale: row.locale,
    verified: row.verified === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentAuditEntry(row: Selectable<AuditLogTable>) {
  return {
    id: row.id,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

