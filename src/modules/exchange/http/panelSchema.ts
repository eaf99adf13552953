import { z } from 'zod';
import { verificationChannels } from '../contract.js';
import { revealableFields } from '../panel/presenters.js';

export const ticketParams = z.strictObject({ id: z.string().min(1).max(64).describe('Ticket id or number (LD-100001)') });

export const panelQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Recent deposits and withdrawals of each kind'),
});

export const verificationBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('send'), channel: z.enum(verificationChannels).describe("The exchange sends the code to the customer's bound email or phone") }),
  z.strictObject({ action: z.literal('check'), code: z.string().trim().regex(/^\d{6}$/, 'the six digits the customer received').describe('The code the customer read back') }),
]);

export const revealBody = z.strictObject({
  kind: z.enum(['deposit', 'withdrawal']),
  transactionId: z.string().min(1).max(64).describe("The exchange's deposit or withdrawal id from the panel"),
  field: z.enum(revealableFields),
  reason: z.string().trim().min(10, 'say why you need it (at least 10 characters)').max(500).describe('Why the full value is needed; kept in the audit log'),
});
