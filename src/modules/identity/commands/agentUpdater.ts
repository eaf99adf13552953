import { sql } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { Actor, RequestOrigin, Role } from '../actor.js';
import { audit } from '../audit.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { CREDENTIALS_CHANGED, credentialsChanged } from '../tokenCache.js';
import type { AgentRow } from '../presenters.js';
import { endAgentSessions } from './sessionCreator.js';
import { clearTotp } from './totpEnroller.js';

export interface AgentChanges {
  name?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  locale?: string | undefined;
}

/**
 * Reads the agent for update. On PostgreSQL the active admins are locked too, so two admins
 * demoting each other at once cannot leave the installation with none.
 */
async function lockAgent(ctx: AppContext, trx: Tx, agentId: string): Promise<AgentRow> {
  if (ctx.database.dialect === 'postgres') {
    await sql`select id from agents where role = 'admin' and disabled = 0 for update`.execute(trx);
  }
  const agent = await trx.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound('No such agent.');
  return agent;
}

async function ensureAnotherAdmin(trx: Tx, agentId: string): Promise<void> {
  const other = await trx.selectFrom('agents').select('id').where('role', '=', 'admin').where('disabled', '=', 0).where('id', '!=', agentId).limit(1).executeTakeFirst();
  if (!other) throw new AppError('conflict', 'This is the last active admin; make another admin first.');
}

/** Revokes everything an agent could act with: effective on their very next request. */
async function cutAccess(trx: Tx, agentId: string): Promise<void> {
  await endAgentSessions(trx, agentId);
  await trx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('agent_id', '=', agentId).where('revoked_at', 'is', null).execute();
}

export async function agentUpdater(
  ctx: AppContext,
  input: { actor: Actor; origin: RequestOrigin; agentId: string; changes: AgentChanges },
): Promise<AgentRow> {
  const updated = await ctx.transaction(async (trx) => {
    const agent = await lockAgent(ctx, trx, input.agentId);
    const { changes } = input;
    const losesAdmin = agent.role === 'admin' && !agent.disabled && ((changes.role && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin) await ensureAnotherAdmin(trx, agent.id);
    const next: Partial<AgentRow> = { updated_at: nowIso() };
    if (changes.name !== undefined) next.name = changes.name;
    if (changes.role !== undefined) next.role = changes.role;
    if (changes.locale !== undefined) next.locale = changes.locale;
    if (changes.disabled !== undefined) next.disabled = changes.disabled ? 1 : 0;
    await trx.updateTable('agents').set(next).where('id', '=', agent.id).execute();
    if (changes.disabled === true && !agent.disabled) await cutAccess(trx, agent.id);
    // A changed role changes what existing sessions may do: make them sign in again.
    else if (changes.role && changes.role !== agent.role) await endAgentSessions(trx, agent.id);
    // Tokens never grant more than the role: cached token grants must be dropped everywhere.
    if (changes.disabled !== undefined || changes.role !== undefined) await recordEvent(trx, CREDENTIALS_CHANGED, { agentId: agent.id });
    await audit(trx, { actor: input.actor, action: 'agent.updated', targetType: 'agent', targetId: agent.id, origin: input.origin, details: { ...changes } });
    return { ...agent, ...next };
  });
  credentialsChanged(ctx);
  return updated;
}

/** An admin clears a locked-out agent's 2FA; they must sign in again (and re-enrol if their role requires it). */
export async function twoFactorResetter(ctx: AppContext, input: { actor: Actor; origin: RequestOrigin; agentId: string }): Promise<AgentRow> {
  return ctx.transaction(async (trx) => {
    const agent = await trx.selectFrom('agents').selectAll().where('id', '=', input.agentId).executeTakeFirst();
    if (!agent) throw notFound('No such agent.');
    await clearTotp(trx, agent.id);
    await endAgentSessions(trx, agent.id);
    await audit(trx, { actor: input.actor, action: '2fa.disabled', targetType: 'agent', targetId: agent.id, origin: input.origin, details: { reset: true } });
    return { ...agent, totp_enabled: 0, totp_secret: null, totp_last_step: null };
  });
}
