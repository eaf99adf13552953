import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor } from '../actor.js';

export interface ConsoleSession {
  agentId: string;
  sessionId: string;
  /** Password accepted, second factor (or enrolment) still owed. */
  pending: boolean;
}

/** A console session at either stage; bearer tokens have no session to act on. */
export function consoleSession(request: FastifyRequest): ConsoleSession {
  const actor = request.actor;
  if (actor?.kind === 'agent' && actor.via === 'session' && actor.sessionId) return { agentId: actor.agentId, sessionId: actor.sessionId, pending: false };
  if (request.pendingSession) return { agentId: request.pendingSession.agentId, sessionId: request.pendingSession.sessionId, pending: true };
  if (actor?.kind === 'agent') throw new AppError('forbidden', 'This action needs a console session, not an API token.');
  if (actor) throw new AppError('forbidden', 'This endpoint is for agents.');
  throw new AppError('unauthenticated');
}

/** A fully signed-in console session (second factor done). */
export function fullConsoleSession(request: FastifyRequest): AgentActor & { sessionId: string } {
  const session = consoleSession(request);
  if (session.pending) throw new AppError('second_factor_required');
  const actor = request.actor as AgentActor;
  return { ...actor, sessionId: session.sessionId };
}

/** Any signed-in agent or integration, whatever its scopes. */
export function anyAgent(request: FastifyRequest): AgentActor {
  const actor = request.actor;
  if (!actor) throw new AppError(request.pendingSession ? 'second_factor_required' : 'unauthenticated');
  if (actor.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents and integrations.');
  return actor;
}
