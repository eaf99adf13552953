import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { hmac, safeEqual, sha256Hex, verifyToken } from '../../../platform/crypto.js';
import { nowIso } from '../../../platform/db/ids.js';
import { cachedBearer, type ResolvedBearer } from '../tokenCache.js';
import { roleScopes, scopes as allScopes, atLeast, type Actor, type AgentActor, type Role, type Scope } from '../actor.js';

export const SESSION_COOKIE = 'ld_session';
export const GUEST_COOKIE = 'ld_guest';
export const API_TOKEN_PREFIX = 'ldk_';
export const GUEST_TOKEN_PURPOSE = 'guest';

export interface PendingSession {
  sessionId: string;
  agentId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** A console session that passed the password but still owes a second factor. */
    pendingSession: PendingSession | null;
    /** The CSRF token a cookie-authenticated form or fetch must echo. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /**
     * 'handler': the route reads a multipart body itself (its fields are not parsed before
     * the handler runs) and must call `assertCsrf` before any side effect.
     */
    csrf?: 'handler';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_EVERY_MS = 5 * 60_000;

/** Resolves `request.actor` from a bearer token, a console/portal session cookie or a guest link. */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('pendingSession', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization) {
      request.actor = await cachedBearer(ctx, authorization, () => fromBearer(ctx, authorization));
      if (!request.actor) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.');
      return;
    }
    const sessionCookie = request.cookies[SESSION_COOKIE];
    if (sessionCookie) await fromSession(ctx, request, sessionCookie);
    const guestCookie = request.cookies[GUEST_COOKIE];
    if (!request.actor && guestCookie) await fromGuestLink(ctx, request, guestCookie);
  });

  // Runs after body parsing so HTML forms can carry the token as a `_csrf` field.
  app.addHook('preValidation', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config.csrf === 'handler') return;
    const body = request.body as Record<string, unknown> | undefined;
    assertCsrf(request, typeof body?._csrf === 'string' ? body._csrf : undefined);
  });
}

/**
 * 403 csrf_failed unless a cookie-authenticated request echoes its CSRF token, in the
 * X-CSRF-Token header or as the `_csrf` form field. Bearer and anonymous requests carry no
 * ambient credential, so there is nothing to forge.
 */
export function assertCsrf(request: FastifyRequest, formField: unknown): void {
  if (!request.csrfToken) return;
  const sent = request.headers['x-csrf-token'] ?? formField;
  if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) throw new AppError('csrf_failed');
}

async function fromBearer(ctx: AppContext, header: string): Promise<ResolvedBearer> {
  const none = { actor: null, expiresAt: null };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1]!.startsWith(API_TOKEN_PREFIX)) return none;
  const row = await ctx.db
    .selectFrom('api_tokens')
    .innerJoin('agents', 'agents.id', 'api_tokens.agent_id')
    .select(['api_tokens.id', 'api_tokens.scopes', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'agents.id as agentId', 'agents.role', 'agents.disabled'])
    .where('api_tokens.token_hash', '=', sha256Hex(match[1]!))
    .executeTakeFirst();
  const now = nowIso();
  if (!row || row.revoked_at || row.disabled || (row.expires_at && row.expires_at < now)) return none;
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  // A token never grants more than its owner's role currently allows.
  const allowed = new Set(roleScopes[row.role]);
  const granted = (JSON.parse(row.scopes) as Scope[]).filter((s) => allowed.has(s));
  return {
    actor: { kind: 'agent', agentId: row.agentId, role: row.role, via: 'token', scopes: new Set(granted), tokenId: row.id },
    expiresAt: row.expires_at ? Date.parse(row.expires_at) : null,
  };
}

async function fromSession(ctx: AppContext, request: FastifyRequest, cookie: string): Promise<void> {
  const session = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', sha256Hex(cookie)).executeTakeFirst();
  const now = nowIso();
  if (!session || session.expires_at < now) return;
  if (Date.parse(now) - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
  }
  request.csrfToken = session.csrf_token;
  if (session.subject_type === 'customer') {
    const customer = await ctx.db.selectFrom('customers').select(['id', 'verified']).where('id', '=', session.subject_id).executeTakeFirst();
    if (customer) request.actor = { kind: 'customer', customerId: customer.id, verified: customer.verified === 1, sessionId: session.id };
    return;
  }
  const agent = await ctx.db.selectFrom('agents').select(['id', 'role', 'disabled']).where('id', '=', session.subject_id).executeTakeFirst();
  if (!agent || agent.disabled) return;
  if (session.stage === 'pending') {
    request.pendingSession = { sessionId: session.id, agentId: agent.id, csrfToken: session.csrf_token };
    return;
  }
  request.actor = { kind: 'agent', agentId: agent.id, role: agent.role, via: 'session', scopes: new Set(roleScopes[agent.role]), sessionId: session.id };
}

async function fromGuestLink(ctx: AppContext, request: FastifyRequest, token: string): Promise<void> {
  const body = verifyToken(ctx.secret, GUEST_TOKEN_PURPOSE, token);
  if (!body) return;
  const ticket = await ctx.db.selectFrom('tickets').select(['id', 'customer_id']).where('id', '=', body).executeTakeFirst();
  if (!ticket) return;
  request.actor = { kind: 'guest', customerId: ticket.customer_id, ticketId: ticket.id };
  request.csrfToken = guestCsrfToken(ctx.secret, token);
}

export const guestCsrfToken = (secret: Buffer, guestToken: string): string => hmac(secret, `csrf.${guestToken}`);

/** Guard for agent and integration endpoints: 401 without credentials, 403 without the scope or role. */
export function requireAgent(scope: Scope, minimumRole: Role = 'agent') {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const actor = request.actor;
    if (!actor) throw new AppError(request.pendingSession ? 'second_factor_required' : 'unauthenticated');
    if (actor.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents and integrations.');
    if (!actor.scopes.has(scope)) throw new AppError('forbidden', `The token lacks the "${scope}" scope.`);
    if (!atLeast(actor.role, minimumRole)) throw new AppError('forbidden', `This action needs the ${minimumRole} role.`);
  };
}

/** Guard for customer-portal endpoints: a signed-in customer or a guest link holder. */
export async function requireCustomer(request: FastifyRequest): Promise<void> {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated');
  if (actor.kind === 'agent') throw new AppError('forbidden', 'This endpoint is for customers.');
}

export function agentActor(request: FastifyRequest): AgentActor {
  const actor = request.actor;
  if (actor?.kind !== 'agent') throw new AppError('unauthenticated');
  return actor;
}

export const isScope = (s: string): s is Scope => (allScopes as readonly string[]).includes(s);
