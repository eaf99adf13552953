import { z } from 'zod';

/** Customer-portal sign-in with an identity token minted by the exchange's backend. */
export const portalSessionBody = z.strictObject({
  token: z.string().min(16).max(4096).describe('HS256 JWT signed with EXCHANGE_IDENTITY_SECRET: sub (exchange UID), exp (≤ 10 min ahead), email?, name?, locale?'),
});
export type PortalSessionBody = z.infer<typeof portalSessionBody>;

export const portalSignInQuery = z.strictObject({
  token: z.string().min(16).max(4096).describe('Same token as POST /api/v1/portal/session'),
});
