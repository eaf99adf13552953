import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { screenFields } from '../security/screening.js';

/**
 * The vocabulary of a ticket and the structured fields each category asks for. The portal
 * renders its form from `categoryFields`; the API validates with `parseCategoryFields`, so
 * the form and the server can never disagree about what a deposit ticket needs.
 */
export const categories = [
  'account', 'kyc', 'deposit', 'withdrawal', 'trading', 'platform',
  'security', 'fees', 'promotions', 'complaint', 'suggestion',
] as const;
export type Category = (typeof categories)[number];

export const channels = ['web', 'chat', 'email', 'telegram', 'phone', 'api', 'forum', 'connector'] as const;
export type Channel = (typeof channels)[number];
/** Channels whose tickets are live conversations (a `chats` row: bot first, then routing to a person). */
export const conversationalChannels: ReadonlySet<Channel> = new Set<Channel>(['chat', 'telegram', 'connector']);

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const statuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type Status = (typeof statuses)[number];

export const isCategory = (v: string): v is Category => (categories as readonly string[]).includes(v);

export interface FieldSpec {
  name: string;
  kind: 'text' | 'number' | 'select' | 'datetime';
  required: boolean;
  options?: string[];
  maxLength?: number;
}

const f = (name: string, kind: FieldSpec['kind'], required: boolean, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, kind, required, ...extra });

export const tradingMarkets = ['spot', 'futures', 'margin', 'copy', 'grid'];
export const incidentTypes = ['hacked', 'suspicious_login', 'phishing', 'lost_2fa', 'freeze_request'];
export const documentTypes = ['passport', 'national_id', 'driving_license', 'residence_permit'];

export const categoryFields: Record<Category, FieldSpec[]> = {
  account: [f('uid', 'text', false, { maxLength: 32 })],
  kyc: [
    f('country', 'text', true, { maxLength: 2 }),
    f('documentType', 'select', true, { options: documentTypes }),
    f('uid', 'text', false, { maxLength: 32 }),
  ],
  deposit: [
    f('coin', 'text', true, { maxLength: 12 }),
    f('network', 'text', true, { maxLength: 20 }),
    f('amount', 'number', true, { maxLength: 40 }),
    f('txHash', 'text', true, { maxLength: 100 }),
    f('address', 'text', true, { maxLength: 128 }),
    f('memo', 'text', false, { maxLength: 64 }),
  ],
  withdrawal: [
    f('coin', 'text', true, { maxLength: 12 }),
    f('network', 'text', true, { maxLength: 20 }),
    f('amount', 'number', true, { maxLength: 40 }),
    f('txHash', 'text', false, { maxLength: 100 }),
    f('address', 'text', true, { maxLength: 128 }),
    f('withdrawalId', 'text', false, { maxLength: 64 }),
  ],
  trading: [
    f('market', 'select', true, { options: tradingMarkets }),
    f('symbol', 'text', true, { maxLength: 24 }),
    f('orderId', 'text', false, { maxLength: 64 }),
  ],
  platform: [
    f('device', 'select', false, { options: ['web', 'ios', 'android', 'desktop', 'api'] }),
    f('appVersion', 'text', false, { maxLength: 32 }),
  ],
  security: [
    f('incidentType', 'select', true, { options: incidentTypes }),
    f('lastKnownGoodLogin', 'datetime', false),
  ],
  fees: [
    f('feeType', 'select', true, { options: ['trading', 'withdrawal', 'funding', 'other'] }),
    f('orderId', 'text', false, { maxLength: 64 }),
    f('amount', 'number', false, { maxLength: 40 }),
    f('coin', 'text', false, { maxLength: 12 }),
  ],
  promotions: [
    f('campaign', 'text', true, { maxLength: 120 }),
    f('uid', 'text', false, { maxLength: 32 }),
  ],
  complaint: [f('relatedTicket', 'text', false, { maxLength: 24 })],
  suggestion: [f('area', 'select', false, { options: ['app', 'web', 'api', 'products', 'support'] })],
};

/** Networks whose transaction ids are 0x-prefixed 32-byte hashes. */
const evmNetworks = new Set(['ERC20', 'BEP20', 'BSC', 'ETH', 'ARBITRUM', 'ARB', 'OPTIMISM', 'OP', 'POLYGON', 'MATIC', 'BASE', 'AVAXC', 'LINEA', 'ZKSYNC']);
/** Networks whose transaction ids are 64 bare hex characters. */
const hex64Networks = new Set(['TRC20', 'TRON', 'TRX', 'BTC', 'LTC', 'BCH', 'DOGE']);

const EVM_TX = /^0x[0-9a-fA-F]{64}$/;
const HEX64_TX = /^[0-9a-fA-F]{64}$/;
const BASE58_TX = /^[1-9A-HJ-NP-Za-km-z]{43,88}$/;

// Amounts stay decimal strings end to end: a float would turn 0.1 USDT into 0.1000000000000000055.
const DECIMAL = /^(0|[1-9]\d{0,17})(\.\d{1,18})?$/;
const upperToken = (max: number, what: string) =>
  z.string().trim().max(max).regex(new RegExp(`^[A-Z0-9][A-Z0-9_-]{1,${max - 1}}$`), `${what} in capital letters, e.g. USDT`);

/** Per-field validators; anything not listed is free text of its spec's maxLength. */
const validators: Record<string, (spec: FieldSpec) => z.ZodType<string>> = {
  coin: () => upperToken(12, 'A coin symbol'),
  network: () => upperToken(20, 'A network name'),
  amount: () =>
    z.string().trim().regex(DECIMAL, 'A positive decimal amount such as 150.25').refine((v) => /[1-9]/.test(v), 'The amount must be above zero'),
  txHash: () => z.string().trim().refine((v) => EVM_TX.test(v) || HEX64_TX.test(v) || BASE58_TX.test(v), 'Not a transaction hash (0x + 64 hex, 64 hex, or base58)'),
  address: () => z.string().trim().min(10).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'Not a wallet address'),
  country: () => z.string().trim().regex(/^[A-Z]{2}$/, 'A two-letter ISO country code, e.g. KR'),
  symbol: () => z.string().trim().regex(/^[A-Z0-9]{2,12}([/_-]?[A-Z0-9]{2,12})?$/, 'A trading pair such as BTCUSDT'),
  uid: () => z.string().trim().regex(/^[A-Za-z0-9_-]{3,32}$/, 'An exchange UID'),
  relatedTicket: () => z.string().trim().regex(/^[A-Z]{1,6}-\d{1,12}$/, 'A ticket number such as LD-100001'),
};

function buildFieldSchema(spec: FieldSpec): z.ZodType<string> {
  const custom = validators[spec.name];
  if (custom) return custom(spec);
  if (spec.kind === 'select') return z.enum(spec.options as [string, ...string[]]);
  if (spec.kind === 'datetime') return z.iso.datetime({ offset: true });
  return z.string().trim().min(1).max(spec.maxLength ?? 500);
}

// Built once: constructing zod schemas per request was a twentieth of a ticket create's CPU.
const fieldSchemas = new Map<FieldSpec, z.ZodType<string>>(
  Object.values(categoryFields).flatMap((specs) => specs.map((spec) => [spec, buildFieldSchema(spec)] as const)),
);

export type CategoryFields = Record<string, string>;

function checkTxHashForNetwork(value: CategoryFields): AppError | null {
  const { network, txHash } = value;
  if (!network || !txHash) return null;
  if (evmNetworks.has(network) && !EVM_TX.test(txHash)) {
    return new AppError('field_invalid', `A ${network} transaction hash is 0x followed by 64 hex characters.`, 'fields.txHash');
  }
  if (hex64Networks.has(network) && !HEX64_TX.test(txHash)) {
    return new AppError('field_invalid', `A ${network} transaction hash is 64 hex characters without 0x.`, 'fields.txHash');
  }
  return null;
}

/**
 * Validates the structured fields of a category. Empty strings count as "not given" (HTML
 * forms send every input). Throws AppError naming `fields.<name>`.
 */
export function parseCategoryFields(category: Category, raw: unknown): CategoryFields {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('field_invalid', '"fields" must be an object.', 'fields');
  const specs = categoryFields[category];
  // Screened like a message before anything else: a recovery phrase typed into a field is never stored.
  const input = screenFields(raw).fields as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!specs.some((s) => s.name === key)) {
      throw new AppError('field_unknown', `The ${category} category has no field "${key}".`, `fields.${key}`);
    }
  }
  const out: CategoryFields = {};
  for (const spec of specs) {
    const value = input[spec.name];
    if (value === undefined || value === null || value === '') {
      if (spec.required) throw new AppError('field_required', `"fields.${spec.name}" is required for ${category} tickets.`, `fields.${spec.name}`);
      continue;
    }
    if (typeof value !== 'string') throw new AppError('field_invalid', `"fields.${spec.name}" must be a string.`, `fields.${spec.name}`);
    const parsed = fieldSchemas.get(spec)!.safeParse(value);
    if (!parsed.success) {
      throw new AppError('field_invalid', `"fields.${spec.name}": ${parsed.error.issues[0]?.message ?? 'invalid value'}`, `fields.${spec.name}`);
    }
    out[spec.name] = parsed.data;
  }
  const mismatch = checkTxHashForNetwork(out);
  if (mismatch) throw mismatch;
  return out;
}
