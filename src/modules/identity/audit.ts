import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import type { Actor, RequestOrigin } from './actor.js';

/** Who did it: a resolved request actor, a bare `{type,id}` (e.g. a login attempt), or nobody (system). */
export type AuditActor = Actor | { type: string; id: string | null } | null;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  targetType?: string;
  targetId?: string;
  origin: RequestOrigin;
  details?: Record<string, unknown>;
}

function actorColumns(actor: AuditActor): { actor_type: string; actor_id: string | null } {
  if (!actor) return { actor_type: 'system', actor_id: null };
  if ('type' in actor) return { actor_type: actor.type, actor_id: actor.id };
  switch (actor.kind) {
    case 'agent':
      return { actor_type: actor.via === 'token' ? 'api_token' : 'agent', actor_id: actor.agentId };
    case 'customer':
      return { actor_type: 'customer', actor_id: actor.customerId };
    case 'guest':
      return { actor_type: 'guest', actor_id: actor.customerId };
  }
}

/**
 * Writes one audit row. Pass the caller's transaction so the row commits (or rolls back)
 * with the change it describes; failed logins pass `ctx.db` because there is nothing to roll back.
 */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const details: Record<string, unknown> = { ...entry.details };
  // Record which token acted, so a leaked token's trail can be followed.
  if (entry.actor && 'kind' in entry.actor && entry.actor.kind === 'agent' && entry.actor.tokenId) details.tokenId = entry.actor.tokenId;
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      ...actorColumns(entry.actor),
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.origin.ip,
      user_agent: entry.origin.userAgent?.slice(0, 512) ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}

/** Where a request came from (honours X-Forwarded-For only when TRUST_PROXY is on, via Fastify). */
export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** For actions with no HTTP request behind them (first start, CLI). */
export const systemOrigin: RequestOrigin = { ip: null, userAgent: 'ledgerdesk' };
