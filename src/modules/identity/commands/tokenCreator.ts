import type { AppContext } from '../../../context.js';
import { randomToken, sha256Hex } from '../../../platform/crypto.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { AgentActor, RequestOrigin, Scope } from '../actor.js';
import { audit } from '../audit.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { CREDENTIALS_CHANGED, credentialsChanged } from '../tokenCache.js';
import { API_TOKEN_PREFIX } from '../http/authenticate.js';
import { authorizeTokenCreation } from '../policies.js';

/**
 * Mints an API token for the signed-in agent. The raw value (`ldk_` + 43 base64url chars) is
 * returned once; only its SHA-256 is stored, with a short prefix to recognise it in lists.
 */
export async function tokenCreator(
  ctx: AppContext,
  input: { actor: AgentActor; origin: RequestOrigin; name: string; scopes: Scope[]; expiresInDays?: number | undefined },
) {
  const scopes = [...new Set(input.scopes)];
  authorizeTokenCreation(input.actor, scopes);
  const raw = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const now = new Date();
  const row = {
    id: newId(),
    name: input.name,
    prefix: raw.slice(0, 10),
    token_hash: sha256Hex(raw),
    agent_id: input.actor.agentId,
    scopes: JSON.stringify(scopes),
    created_at: now.toISOString(),
    expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.transaction(async (trx) => {
    await trx.insertInto('api_tokens').values(row).execute();
    await audit(trx, { actor: input.actor, action: 'token.created', targetType: 'api_token', targetId: row.id, origin: input.origin, details: { name: row.name, scopes } });
  });
  return { raw, row };
}

/** Revocation is checked on every request, so it bites on the token's next use. */
export async function tokenRevoker(ctx: AppContext, input: { actor: AgentActor; origin: RequestOrigin; tokenId: string }) {
  const revoked = await ctx.transaction(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: nowIso() })
      .where('id', '=', input.tokenId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row) {
      await audit(trx, { actor: input.actor, action: 'token.revoked', targetType: 'api_token', targetId: row.id, origin: input.origin, details: { name: row.name } });
      await recordEvent(trx, CREDENTIALS_CHANGED, { tokenId: row.id });
    }
    return row;
  });
  credentialsChanged(ctx);
  return revoked;
}
