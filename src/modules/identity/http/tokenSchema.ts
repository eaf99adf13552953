import { z } from 'zod';
import { scopes } from '../actor.js';
import { pageQuery } from '../../../platform/http/pagination.js';

/** API tokens for integrations. */
export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "exchange backend"'),
  scopes: z.array(z.enum(scopes)).min(1).max(scopes.length).describe('Subset of the scopes your role has'),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Lifetime in days; omitted = until revoked'),
});
export type CreateTokenBody = z.infer<typeof createTokenBody>;

export const tokenIdParams = z.strictObject({ id: z.uuid().describe('Token id') });
export const listTokensQuery = z.strictObject({ ...pageQuery });
