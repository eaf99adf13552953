import { t, type Locale } from '../../platform/i18n/index.js';
import type { Transaction, TransactionKind } from './contract.js';
import { networkCatalogue, networkName } from './networks.js';

/**
 * Why a deposit or withdrawal is where it is, from what the exchange reports about it — a pure
 * function, so the bot, the agent's side panel and the tests explain a transaction the same way.
 */
export const diagnosisCodes = [
  'credited', 'completed', 'confirming', 'processing', 'wrong_network', 'memo_missing', 'below_minimum',
  'risk_review', 'travel_rule', 'kyc_required', 'failed', 'not_found',
] as const;
export type DiagnosisCode = (typeof diagnosisCodes)[number];

export interface Diagnosis {
  code: DiagnosisCode;
  kind: TransactionKind;
  /** Nothing the customer can do alone: a person has to act (recover, review, look it up). */
  needsPerson: boolean;
  vars: { coin?: string; network?: string; amount?: string; confirmations?: number; required?: number; minutes?: number; minimum?: string; memo?: 'tag' | 'memo'; expectedNetwork?: string; requiredKyc?: number; currentKyc?: number; reason?: string };
  /**
   * For support staff only (the agent's side panel), never in `explain()`: telling a customer
   * which risk rule caught them teaches a fraudster how to get around it.
   */
  staff: StaffDetails;
}

export interface StaffDetails {
  reasonCodes: string[];
  riskRuleId: string | null;
  riskNote: string | null;
}

/** Reason codes of the exchange's risk and compliance screening: worded to customers as "no further reason". */
const INTERNAL_REASON = /^(RISK|AML|SANCTION|FRAUD)_/;

const selfServe = new Set<DiagnosisCode>(['credited', 'completed', 'confirming', 'processing', 'travel_rule', 'kyc_required']);

const noStaffDetails: StaffDetails = { reasonCodes: [], riskRuleId: null, riskNote: null };

function make(code: DiagnosisCode, kind: TransactionKind, vars: Diagnosis['vars'] = {}): Diagnosis {
  return { code, kind, needsPerson: !selfServe.has(code), vars, staff: noStaffDetails };
}

/** Minutes until the remaining confirmations at the network's usual pace; undefined when we don't know its pace. */
export function minutesToGo(network: string, confirmations: number, required: number): number | undefined {
  const info = networkCatalogue[network];
  if (!info) return undefined;
  return Math.max(1, Math.ceil((Math.max(0, required - confirmations) * info.blockSeconds) / 60));
}

/**
 * The diagnosis of `tx` (null: the exchange has no such transaction for this customer).
 * `kycLevel` is the account's current level, for a withdrawal waiting for verification.
 */
export function diagnose(kind: TransactionKind, tx: Transaction | null, account: { kycLevel: number } | null = null): Diagnosis {
  if (!tx) return make('not_found', kind);
  return { ...diagnoseFound(tx, account), staff: { reasonCodes: [...tx.reasonCodes], riskRuleId: tx.riskRuleId ?? null, riskNote: tx.riskNote ?? null } };
}

function diagnoseFound(tx: Transaction, account: { kycLevel: number } | null): Diagnosis {
  const reasons = new Set(tx.reasonCodes);
  const base = { coin: tx.coin, network: tx.network, amount: tx.amount };
  const confirming = (): Diagnosis => {
    const minutes = minutesToGo(tx.network, tx.confirmations, tx.requiredConfirmations);
    return make('confirming', tx.kind, { ...base, confirmations: tx.confirmations, required: tx.requiredConfirmations, ...(minutes ? { minutes } : {}) });
  };
  const failed = () => make('failed', tx.kind, { ...base, reason: tx.reasonCodes[0] ?? 'UNSPECIFIED' });
  if (tx.kind === 'deposit') {
    if (tx.status === 'credited') return make('credited', 'deposit', base);
    if (reasons.has('WRONG_NETWORK')) return make('wrong_network', 'deposit', { ...base, ...(tx.expectedNetwork ? { expectedNetwork: tx.expectedNetwork } : {}) });
    if (reasons.has('MEMO_MISSING') || reasons.has('MEMO_INVALID')) return make('memo_missing', 'deposit', { ...base, memo: networkCatalogue[tx.network]?.memo ?? 'memo' });
    if (reasons.has('BELOW_MINIMUM')) return make('below_minimum', 'deposit', { ...base, ...(tx.minimumAmount ? { minimum: tx.minimumAmount } : {}) });
    if (tx.status === 'rejected') return failed();
    if (tx.riskHold || tx.status === 'on_hold' || reasons.has('RISK_REVIEW')) return make('risk_review', 'deposit', base);
    if (tx.status === 'confirming') return confirming();
    return failed();
  }
  if (tx.status === 'completed') return make('completed', 'withdrawal', base);
  if (tx.status === 'failed' || tx.status === 'rejected' || tx.status === 'cancelled') return failed();
  if (reasons.has('KYC_REQUIRED')) {
    return make('kyc_required', 'withdrawal', { ...base, ...(tx.requiredKycLevel !== null ? { requiredKyc: tx.requiredKycLevel } : {}), ...(account ? { currentKyc: account.kycLevel } : {}) });
  }
  if (reasons.has('TRAVEL_RULE')) return make('travel_rule', 'withdrawal', base);
  if (tx.riskHold || reasons.has('RISK_REVIEW')) return make('risk_review', 'withdrawal', base);
  if (tx.status === 'broadcast') return confirming();
  return make('processing', 'withdrawal', base);
}

const camel = (code: string) => code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The explanation a customer reads, in their language (zh-CN, en or ko). */
export function explain(d: Diagnosis, locale: Locale): string {
  const v = d.vars;
  let key = `exchange.diagnosis.${d.kind}.${camel(d.code)}`;
  if (d.code === 'confirming' && v.minutes === undefined) key += 'NoEta';
  if (d.code === 'kyc_required' && (v.requiredKyc === undefined || v.currentKyc === undefined)) key += 'NoLevel';
  if (d.code === 'below_minimum' && v.minimum === undefined) key += 'NoMinimum';
  const reasonKey = `exchange.reason.${v.reason && !INTERNAL_REASON.test(v.reason) ? v.reason : 'UNSPECIFIED'}`;
  const reason = t(locale, reasonKey);
  return t(locale, key, {
    coin: v.coin ?? '',
    network: v.network ? networkName(v.network) : '',
    amount: v.amount ?? '',
    confirmations: v.confirmations ?? 0,
    required: v.required ?? 0,
    minutes: v.minutes ?? 0,
    minimum: v.minimum ?? '',
    memoName: t(locale, `exchange.memoName.${v.memo ?? 'memo'}`),
    expectedNetwork: v.expectedNetwork ? networkName(v.expectedNetwork) : t(locale, 'exchange.otherNetwork'),
    requiredKyc: v.requiredKyc ?? 0,
    currentKyc: v.currentKyc ?? 0,
    reason: reason === reasonKey ? t(locale, 'exchange.reason.UNSPECIFIED') : reason,
  });
}
