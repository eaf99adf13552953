import { z } from 'zod';

/**
 * What the exchange's adapter API answers (docs/exchange-adapter.openapi.yaml), checked on
 * arrival: an adapter that answers something else is treated as unavailable, never believed.
 */
const iso = z.iso.datetime({ offset: true });
const amount = z.string().regex(/^\d{1,30}(\.\d{1,18})?$/, 'a decimal amount as a string');
const reasonCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,47}$/, 'an UPPER_SNAKE reason code');
const uid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const accountStatuses = ['active', 'frozen', 'restricted'] as const;
export const riskStates = ['normal', 'watch', 'high'] as const;

export const accountSchema = z.object({
  uid,
  status: z.enum(accountStatuses),
  kycLevel: z.number().int().min(0).max(3),
  twoFactorEnabled: z.boolean(),
  registeredAt: iso,
  /** Masked by the exchange (li****88@example.com); the full address never leaves it. */
  email: z.string().max(254).nullable(),
  phone: z.string().max(32).nullable(),
  riskState: z.enum(riskStates),
  frozenReason: z.string().max(500).nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const depositStatuses = ['confirming', 'credited', 'on_hold', 'uncredited', 'rejected'] as const;
export const withdrawalStatuses = ['pending_review', 'processing', 'broadcast', 'completed', 'failed', 'rejected', 'cancelled'] as const;

const transactionBase = {
  id: z.string().min(1).max(64),
  coin: z.string().regex(/^[A-Z0-9]{2,12}$/),
  network: z.string().regex(/^[A-Z0-9_-]{2,20}$/),
  amount,
  address: z.string().min(1).max(128),
  memo: z.string().max(128).nullable(),
  txHash: z.string().min(1).max(128).nullable(),
  confirmations: z.number().int().min(0),
  requiredConfirmations: z.number().int().min(0),
  riskHold: z.boolean(),
  reasonCodes: z.array(reasonCode).max(10),
  /** Staff only — the exchange's risk rule and note behind a hold or rejection; never shown to the customer. */
  riskRuleId: z.string().max(64).nullable().optional(),
  riskNote: z.string().max(500).nullable().optional(),
  createdAt: iso,
  updatedAt: iso,
};

export const depositSchema = z.object({
  kind: z.literal('deposit'),
  ...transactionBase,
  status: z.enum(depositStatuses),
  /** The exchange's minimum for this coin and network when the deposit arrived. */
  minimumAmount: amount.nullable(),
  /** With WRONG_NETWORK: the network the deposit address belongs to. */
  expectedNetwork: z.string().max(20).nullable(),
});

export const withdrawalSchema = z.object({
  kind: z.literal('withdrawal'),
  ...transactionBase,
  status: z.enum(withdrawalStatuses),
  fee: amount.nullable(),
  /** With KYC_REQUIRED: the level this withdrawal needs. */
  requiredKycLevel: z.number().int().min(0).max(3).nullable(),
});

export const transactionSchema = z.discriminatedUnion('kind', [depositSchema, withdrawalSchema]);
export type Deposit = z.infer<typeof depositSchema>;
export type Withdrawal = z.infer<typeof withdrawalSchema>;
export type Transaction = z.infer<typeof transactionSchema>;
export type TransactionKind = Transaction['kind'];

export const depositListSchema = z.object({ items: z.array(depositSchema).max(100) });
export const withdrawalListSchema = z.object({ items: z.array(withdrawalSchema).max(100) });

export const verificationChannels = ['email', 'phone'] as const;
export type VerificationChannel = (typeof verificationChannels)[number];

export const challengeSchema = z.object({
  challengeId: z.string().min(8).max(64),
  channel: z.enum(verificationChannels),
  /** Where the code went, masked as the customer will recognise it. */
  sentTo: z.string().max(254),
  expiresAt: iso,
});
export type Challenge = z.infer<typeof challengeSchema>;

export const codeCheckSchema = z.object({
  result: z.enum(['valid', 'invalid', 'expired', 'locked']),
  attemptsLeft: z.number().int().min(0),
});
export type CodeCheck = z.infer<typeof codeCheckSchema>;

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

/** Signed events the exchange pushes to LedgerDesk (POST /api/v1/exchange/risk-events). */
export const riskEventTypes = ['login.new_device', 'withdrawal.large', 'api_key.created', 'password.changed'] as const;
export type RiskEventType = (typeof riskEventTypes)[number];

const place = { ip: z.union([z.ipv4(), z.ipv6()]), country: z.string().regex(/^[A-Z]{2}$/).optional(), city: z.string().max(80).optional() };
const eventBase = { id: z.string().min(8).max(64), uid, occurredAt: iso };

export const riskEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...eventBase, type: z.literal('login.new_device'), data: z.strictObject({ ...place, device: z.string().min(1).max(120) }) }),
  z.strictObject({
    ...eventBase,
    type: z.literal('withdrawal.large'),
    data: z.strictObject({ withdrawalId: z.string().min(1).max(64), coin: transactionBase.coin, network: transactionBase.network, amount, address: transactionBase.address, usdValue: amount.optional() }),
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('api_key.created'),
    data: z.strictObject({ ...place, label: z.string().max(80), permissions: z.array(z.enum(['read', 'trade', 'withdraw'])).min(1), ipWhitelist: z.boolean() }),
  }),
  z.strictObject({ ...eventBase, type: z.literal('password.changed'), data: z.strictObject({ ...place, via: z.enum(['settings', 'reset_link']) }) }),
]);
export type RiskEvent = z.infer<typeof riskEventSchema>;
