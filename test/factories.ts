import type { AppContext } from '../src/context.js';
import { newId, nowIso } from '../src/platform/db/ids.js';
import { randomToken, sha256Hex } from '../src/platform/crypto.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { API_TOKEN_PREFIX, SESSION_COOKIE } from '../src/modules/identity/http/authenticate.js';
import { roleScopes, type Role, type Scope } from '../src/modules/identity/actor.js';
import { loadSeedContent } from '../src/modules/helpcenter/seed/seedContent.js';
import { seedHelpCenter } from '../src/modules/helpcenter/seed/seeder.js';

/**
 * Factories insert rows directly so each test builds exactly the world it needs, with
 * unique emails so parallel tests never collide. Login flows themselves are tested
 * through the real endpoints in the identity module.
 */
const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
};

export const TEST_PASSWORD = 'correct horse battery staple';

export async function createAgent(ctx: AppContext, opts: { role?: Role; email?: string; name?: string; password?: string } = {}) {
  const now = nowIso();
  const row = {
    id: newId(),
    email: opts.email ?? `agent-${randomToken(6).toLowerCase()}@example.test`,
    name: opts.name ?? 'Test Agent',
    role: opts.role ?? 'agent',
    password_hash: await cachedHash(opts.password ?? TEST_PASSWORD),
    locale: 'en',
    totp_secret: null,
    totp_enabled: 0 as const,
    disabled: 0 as const,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('agents').values(row).execute();
  return row;
}

/** A bearer header for an API token owned by `agentId`. */
export async function createApiToken(ctx: AppContext, agentId: string, scopes?: Scope[]) {
  const agent = await ctx.db.selectFrom('agents').select('role').where('id', '=', agentId).executeTakeFirstOrThrow();
  const raw = `${API_TOKEN_PREFIX}${randomToken()}`;
  await ctx.db
    .insertInto('api_tokens')
    .values({
      id: newId(),
      name: 'test token',
      prefix: raw.slice(0, 10),
      token_hash: sha256Hex(raw),
      agent_id: agentId,
      scopes: JSON.stringify(scopes ?? roleScopes[agent.role]),
      created_at: nowIso(),
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { authorization: `Bearer ${raw}` };
}

/** An agent with a ready bearer header: the usual start of an API test. */
export async function agentWithToken(ctx: AppContext, role: Role = 'agent') {
  const agent = await createAgent(ctx, { role });
  return { agent, headers: await createApiToken(ctx, agent.id) };
}

/** A full console session (cookie + CSRF header), as if the agent had logged in. */
export async function createSession(ctx: AppContext, subject: { type: 'agent' | 'customer'; id: string }) {
  const cookie = randomToken();
  const csrf = randomToken();
  const now = new Date();
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sha256Hex(cookie),
      subject_type: subject.type,
      subject_id: subject.id,
      csrf_token: csrf,
      stage: 'full',
      ip: '127.0.0.1',
      user_agent: 'test',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3600_000).toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { cookies: { [SESSION_COOKIE]: cookie }, headers: { 'x-csrf-token': csrf } };
}

export async function createCustomer(
  ctx: AppContext,
  opts: { externalId?: string | null; email?: string; verified?: boolean; locale?: string; name?: string } = {},
) {
  const now = nowIso();
  const row = {
    id: newId(),
    external_id: opts.externalId === undefined ? `UID${randomToken(6)}` : opts.externalId,
    email: opts.email ?? `trader-${randomToken(6).toLowerCase()}@example.test`,
    phone: null,
    name: opts.name ?? 'Test Trader',
    locale: opts.locale ?? 'en',
    verified: (opts.verified ?? true) ? (1 as const) : (0 as const),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('customers').values(row).execute();
  return row;
}

/** A help center holding only the named shipped articles (their links to others left out), published. */
export async function seedArticles(ctx: AppContext, slugs: string[]): Promise<void> {
  const seed = loadSeedContent();
  const articles = seed.articles.filter((a) => slugs.includes(a.slug)).map((a) => ({ ...a, related: a.related.filter((r) => slugs.includes(r)) }));
  await seedHelpCenter(ctx, { categories: seed.categories, articles });
}
