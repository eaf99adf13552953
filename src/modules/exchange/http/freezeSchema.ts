import { z } from 'zod';

const reason = z.string().trim().min(10, 'say why (at least 10 characters)').max(500);

export const freezeBody = z.strictObject({
  reason: reason.describe("Why the account must be frozen; sent to the exchange and kept in the audit log"),
});

export const unfreezeRequestBody = z.strictObject({
  reason: reason.describe('Why it is safe to unfreeze (identity checked how, what was secured); kept in the audit log'),
});

export const unfreezeRequestParams = z.strictObject({ id: z.uuid().describe('Unfreeze request id') });

export const unfreezeListQuery = z.strictObject({
  state: z.enum(['pending', 'approved', 'rejected', 'any']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const approveBody = z.strictObject({ note: z.string().trim().max(500).optional().describe('Optional note kept with the decision') });
export const rejectBody = z.strictObject({ note: z.string().trim().min(5, 'say why it is rejected (at least 5 characters)').max(500) });
