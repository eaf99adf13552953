import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { audit, systemOrigin } from '../audit.js';
import { generatePassword, hashPassword } from '../passwords.js';
import { claimOnce } from '../../../platform/db/settings.js';

const CLAIM_KEY = 'bootstrap.first_admin';

export type Announce = (text: string) => void;

function frame(email: string, password: string): string {
  const lines = [
    'LedgerDesk first admin account created.',
    '',
    `  Email:    ${email}`,
    `  Password: ${password}`,
    '',
    'This password is shown ONCE and never again. Sign in and change it;',
    'two-factor enrolment is required for admins on first sign-in.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '='.repeat(width);
  return `\n${bar}\n${lines.map((l) => `| ${l.padEnd(width - 4)} |`).join('\n')}\n${bar}\n\n`;
}

/**
 * Creates the first admin once per installation. A settings row is claimed in the same
 * transaction as the insert, so two nodes starting together create exactly one admin and
 * later starts do nothing. A generated password is announced only by the node that created it.
 */
export async function firstAdminCreator(ctx: AppContext, announce: Announce = ctx.announce): Promise<boolean> {
  const done = await ctx.db.selectFrom('settings').select('key').where('key', '=', CLAIM_KEY).executeTakeFirst();
  if (done) return false;
  const email = ctx.config.LEDGERDESK_ADMIN_EMAIL.toLowerCase();
  const configured = ctx.config.LEDGERDESK_ADMIN_PASSWORD;
  const password = configured ?? generatePassword();
  const hash = await hashPassword(password);
  const created = await ctx.transaction(async (trx) => {
    if (!(await claimOnce(trx, CLAIM_KEY))) return false;
    const existing = await trx.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) return false;
    const now = nowIso();
    const id = newId();
    await trx
      .insertInto('agents')
      .values({ id, email, name: 'Administrator', role: 'admin', password_hash: hash, locale: 'en', totp_secret: null, totp_enabled: 0, disabled: 0, created_at: now, updated_at: now })
      .execute();
    await audit(trx, { actor: null, action: 'agent.created', targetType: 'agent', targetId: id, origin: systemOrigin, details: { email, role: 'admin', firstAdmin: true } });
    return true;
  });
  if (!created) return false;
  if (configured) ctx.log.info({ email }, 'first admin created with LEDGERDESK_ADMIN_PASSWORD');
  else announce(frame(email, password));
  return true;
}
