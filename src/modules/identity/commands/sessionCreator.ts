import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { randomToken, sha256Hex } from '../../../platform/crypto.js';
import type { RequestOrigin } from '../actor.js';
import { SESSION_COOKIE } from '../http/authenticate.js';

export interface NewSession {
  /** Raw cookie value: only its SHA-256 is stored. */
  cookie: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

/** Opens a console (agent) or portal (customer) session; the caller sets the cookie. */
export async function sessionCreator(
  ctx: AppContext,
  trx: DbOrTx,
  input: { subjectType: 'agent' | 'customer'; subjectId: string; stage: 'pending' | 'full'; origin: RequestOrigin },
): Promise<NewSession> {
  const cookie = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3600_000).toISOString();
  const sessionId = sha256Hex(cookie);
  await trx
    .insertInto('sessions')
    .values({
      id: sessionId,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      csrf_token: csrfToken,
      stage: input.stage,
      ip: input.origin.ip,
      user_agent: input.origin.userAgent?.slice(0, 512) ?? null,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { cookie, sessionId, csrfToken, expiresAt };
}

/**
 * Replaces a session with a fresh id and CSRF token at a new privilege level, so a cookie
 * planted or observed before the second factor is worthless afterwards.
 */
export async function sessionRotator(
  ctx: AppContext,
  trx: DbOrTx,
  input: { oldSessionId: string; agentId: string; origin: RequestOrigin },
): Promise<NewSession> {
  await trx.deleteFrom('sessions').where('id', '=', input.oldSessionId).execute();
  return sessionCreator(ctx, trx, { subjectType: 'agent', subjectId: input.agentId, stage: 'full', origin: input.origin });
}

/** Ends every session of an agent (optionally but one): password change, disable, 2FA reset. */
export async function endAgentSessions(trx: DbOrTx, agentId: string, keepSessionId?: string): Promise<void> {
  let q = trx.deleteFrom('sessions').where('subject_type', '=', 'agent').where('subject_id', '=', agentId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, session: NewSession): void {
  void reply.setCookie(SESSION_COOKIE, session.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.PUBLIC_URL.startsWith('https:'),
    path: '/',
    maxAge: ctx.config.SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: ctx.config.PUBLIC_URL.startsWith('https:'), path: '/' });
}
