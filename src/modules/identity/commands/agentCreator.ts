import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Actor, RequestOrigin, Role } from '../actor.js';
import { audit } from '../audit.js';
import { normaliseEmail } from '../customers.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { AgentRow } from '../presenters.js';

/** An admin adds a console user. Without a password one is generated and returned once. */
export async function agentCreator(
  ctx: AppContext,
  input: { actor: Actor; origin: RequestOrigin; email: string; name: string; role: Role; password?: string | undefined; locale?: string | undefined },
): Promise<{ agent: AgentRow; generatedPassword: string | null }> {
  const email = normaliseEmail(input.email);
  const generatedPassword = input.password ? null : generatePassword();
  const hash = await hashPassword(input.password ?? generatedPassword!);
  return ctx.transaction(async (trx) => {
    const taken = await trx.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new AppError('conflict', 'An agent with this email already exists.', 'email');
    const now = nowIso();
    const agent: AgentRow = {
      id: newId(),
      email,
      name: input.name,
      role: input.role,
      password_hash: hash,
      locale: input.locale ?? 'en',
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('agents').values(agent).execute();
    await audit(trx, { actor: input.actor, action: 'agent.created', targetType: 'agent', targetId: agent.id, origin: input.origin, details: { email, role: input.role } });
    return { agent, generatedPassword };
  });
}
