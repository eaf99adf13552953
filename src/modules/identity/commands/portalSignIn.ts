import { errors as joseErrors, jwtVerify } from 'jose';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { RequestOrigin } from '../actor.js';
import { audit } from '../audit.js';
import { upsertVerifiedCustomer, type CustomerRow } from '../customers.js';
import { sessionCreator, type NewSession } from './sessionCreator.js';

const MAX_AHEAD_SECONDS = 10 * 60;
const CLOCK_SKEW_SECONDS = 30;

export interface ExchangeIdentity {
  externalId: string;
  email: string | null;
  name: string | null;
  locale: string | null;
}

const rejected = () => new AppError('unauthenticated', 'The sign-in link is invalid or has expired. Please open it again from the exchange.');

/**
 * Verifies the exchange's HS256 identity token. Short-lived tokens only (exp at most ten
 * minutes ahead), so a leaked link is useless soon after. Any failure looks the same.
 */
export async function verifyExchangeIdentity(ctx: AppContext, token: string): Promise<ExchangeIdentity> {
  const key = ctx.config.EXCHANGE_IDENTITY_SECRET;
  if (!key) throw rejected();
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(key), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp! > now + MAX_AHEAD_SECONDS + CLOCK_SKEW_SECONDS) throw rejected();
    if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) throw rejected();
    const sub = payload.sub!;
    if (!/^[\w.:-]{1,64}$/.test(sub)) throw rejected();
    const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null);
    const email = str(payload.email, 254);
    return {
      externalId: sub,
      email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
      name: str(payload.name, 120),
      locale: str(payload.locale, 16),
    };
  } catch (err) {
    if (err instanceof AppError || err instanceof joseErrors.JOSEError) throw rejected();
    throw err;
  }
}

/** The exchange vouches for a user: upsert them as a verified customer and open a portal session. */
export async function portalSignIn(
  ctx: AppContext,
  input: { token: string; origin: RequestOrigin },
): Promise<{ customer: CustomerRow; session: NewSession }> {
  const identity = await verifyExchangeIdentity(ctx, input.token);
  return ctx.transaction(async (trx) => {
    const customer = await upsertVerifiedCustomer(trx, identity);
    const session = await sessionCreator(ctx, trx, { subjectType: 'customer', subjectId: customer.id, stage: 'full', origin: input.origin });
    await audit(trx, { actor: { type: 'customer', id: customer.id }, action: 'portal.signed_in', targetType: 'customer', targetId: customer.id, origin: input.origin });
    return { customer, session };
  });
}
