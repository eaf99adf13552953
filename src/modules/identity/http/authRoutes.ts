import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { audit, originOf } from '../audit.js';
import { passwordLogin, stageFor } from '../commands/passwordLogin.js';
import { passwordChanger } from '../commands/passwordChanger.js';
import { secondFactorVerifier } from '../commands/secondFactorVerifier.js';
import { clearSessionCookie, sessionRotator, setSessionCookie, type NewSession } from '../commands/sessionCreator.js';
import { recoveryCodesRegenerator, totpDisable, totpEnable, totpSetup } from '../commands/totpEnroller.js';
import { abilitiesOf } from '../policies.js';
import { presentAgent } from '../presenters.js';
import { changePasswordBody, codeBody, disableTotpBody, loginBody } from './authSchema.js';
import { consoleSession, fullConsoleSession } from './sessionGuards.js';

const tags = ['auth'];

/** Console sign-in: password, second factor, enrolment, sign-out, own password. */
export function registerAuthRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const loadAgent = (id: string) => ctx.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  app.post('/api/v1/auth/login', { schema: { tags, summary: 'Sign in with email and password', body: loginBody, security: [] } }, async (request, reply) => {
    const { agent, stage, session } = await passwordLogin(ctx, { ...request.body, origin: originOf(request) });
    setSessionCookie(ctx, reply, session);
    return { stage, csrfToken: session.csrfToken, agent: presentAgent(agent) };
  });

  app.post('/api/v1/auth/login/totp', { schema: { tags, summary: 'Finish sign-in with a TOTP or recovery code', body: codeBody } }, async (request, reply) => {
    const pending = request.pendingSession;
    if (!pending) throw new AppError(request.actor ? 'conflict' : 'unauthenticated', request.actor ? 'This session is already signed in.' : undefined);
    const agent = await loadAgent(pending.agentId);
    if (!agent.totp_enabled) throw new AppError('second_factor_required', 'Enrol two-factor authentication first (POST /api/v1/auth/2fa/setup).');
    const origin = originOf(request);
    const method = await secondFactorVerifier(ctx, { agent, code: request.body.code, allowRecoveryCode: true, origin });
    const session = await ctx.transaction(async (trx) => {
      const rotated = await sessionRotator(ctx, trx, { oldSessionId: pending.sessionId, agentId: agent.id, origin });
      await audit(trx, { actor: { type: 'agent', id: agent.id }, action: 'login.succeeded', targetType: 'agent', targetId: agent.id, origin, details: { stage: 'full', secondFactor: method } });
      return rotated;
    });
    setSessionCookie(ctx, reply, session);
    return { stage: 'full' as const, csrfToken: session.csrfToken, agent: presentAgent(agent) };
  });

  app.post('/api/v1/auth/logout', { schema: { tags, summary: 'Sign out (ends this session)' } }, async (request, reply) => {
    const session = consoleSession(request);
    await ctx.transaction(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', session.sessionId).execute();
      await audit(trx, { actor: { type: 'agent', id: session.agentId }, action: 'logout', targetType: 'agent', targetId: session.agentId, origin: originOf(request) });
    });
    clearSessionCookie(ctx, reply);
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'The signed-in agent, role and abilities' } }, async (request) => {
    const actor = request.actor;
    if (!actor) throw new AppError(request.pendingSession ? 'second_factor_required' : 'unauthenticated');
    if (actor.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents.');
    const agent = await loadAgent(actor.agentId);
    return { agent: presentAgent(agent), role: agent.role, abilities: abilitiesOf(actor), totpEnabled: agent.totp_enabled === 1, csrfToken: request.csrfToken, via: actor.via };
  });

  app.post('/api/v1/auth/2fa/setup', { schema: { tags, summary: 'Start TOTP enrolment: a new secret and otpauth:// URI' } }, async (request) => {
    const session = consoleSession(request);
    const agent = await loadAgent(session.agentId);
    // A pending session may only enrol; one that owes a TOTP code must not replace the secret.
    if (session.pending && stageFor(ctx, agent) !== 'enrolment_required') throw new AppError('second_factor_required');
    return totpSetup(ctx, agent.id);
  });

  app.post('/api/v1/auth/2fa/enable', { schema: { tags, summary: 'Confirm enrolment with a code; returns 10 recovery codes once', body: codeBody } }, async (request, reply) => {
    const session = consoleSession(request);
    const origin = originOf(request);
    const { recoveryCodes, finished } = await totpEnable<NewSession | null>(ctx, {
      agentId: session.agentId,
      code: request.body.code,
      origin,
      // Enrolment completes a pending sign-in: the session is promoted under a new id.
      finish: async (trx) => {
        if (!session.pending) return null;
        const rotated = await sessionRotator(ctx, trx, { oldSessionId: session.sessionId, agentId: session.agentId, origin });
        await audit(trx, { actor: { type: 'agent', id: session.agentId }, action: 'login.succeeded', targetType: 'agent', targetId: session.agentId, origin, details: { stage: 'full', secondFactor: 'enrolment' } });
        return rotated;
      },
    });
    if (finished) setSessionCookie(ctx, reply, finished);
    return { recoveryCodes, stage: 'full' as const, csrfToken: finished?.csrfToken ?? request.csrfToken };
  });

  app.post('/api/v1/auth/2fa/disable', { schema: { tags, summary: 'Turn TOTP off (password and a code required)', body: disableTotpBody } }, async (request, reply) => {
    const actor = fullConsoleSession(request);
    await totpDisable(ctx, { agentId: actor.agentId, ...request.body, origin: originOf(request) });
    return reply.code(204).send();
  });

  app.post('/api/v1/auth/2fa/recovery-codes', { schema: { tags, summary: 'Replace recovery codes (old ones stop working)', body: codeBody } }, async (request) => {
    const actor = fullConsoleSession(request);
    return { recoveryCodes: await recoveryCodesRegenerator(ctx, { agentId: actor.agentId, code: request.body.code, origin: originOf(request) }) };
  });

  app.post('/api/v1/auth/password', { schema: { tags, summary: 'Change your own password (signs out your other sessions)', body: changePasswordBody } }, async (request, reply) => {
    const actor = fullConsoleSession(request);
    await passwordChanger(ctx, { agentId: actor.agentId, sessionId: actor.sessionId, ...request.body, origin: originOf(request) });
    return reply.code(204).send();
  });
}
