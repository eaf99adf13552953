import type { Locale } from '../../../platform/i18n/index.js';
import type { Account, Transaction } from '../contract.js';
import { diagnose, explain } from '../diagnosis.js';
import type { AccountActionAbilities, PanelAbilities } from './policies.js';

/**
 * The side panel as the agent may see it (pure). Until the customer has proven who they are,
 * only the account's status and each transaction's coin, network, state and diagnosis show;
 * afterwards everything the exchange sent, with addresses, hashes and memos shortened — the full
 * value is one audited reveal away.
 */
export const maskedAccountFields = ['kycLevel', 'twoFactorEnabled', 'registeredAt', 'riskState', 'email', 'phone'] as const;
export const revealableFields = ['address', 'txHash', 'memo'] as const;
export type RevealableField = (typeof revealableFields)[number];

export const shorten = (value: string | null): string | null => (value === null ? null : value.length <= 12 ? `${value.slice(0, 2)}…` : `${value.slice(0, 6)}…${value.slice(-4)}`);

export interface PanelInput {
  uid: string | null;
  verified: boolean;
  verifiedBy: 'identity' | 'code' | null;
  account: Account | null;
  transactions: Transaction[];
  abilities: PanelAbilities & AccountActionAbilities;
  agentLocale: Locale;
  customerLocale: Locale;
}

function presentAccount(a: Account, verified: boolean) {
  const always = { uid: a.uid, status: a.status, frozenReason: a.frozenReason };
  if (!verified) return { ...always, ...Object.fromEntries(maskedAccountFields.map((f) => [f, null])) };
  return { ...always, kycLevel: a.kycLevel, twoFactorEnabled: a.twoFactorEnabled, registeredAt: a.registeredAt, riskState: a.riskState, email: a.email, phone: a.phone };
}

function presentTransaction(tx: Transaction, input: PanelInput) {
  const shown = input.verified;
  // The explanation names the amount: hidden like the amount itself until the customer is verified.
  const d = diagnose(tx.kind, shown ? tx : { ...tx, amount: '•••' }, shown ? input.account : null);
  return {
    id: tx.id, kind: tx.kind, coin: tx.coin, network: tx.network, status: tx.status, createdAt: tx.createdAt,
    confirmations: tx.confirmations, requiredConfirmations: tx.requiredConfirmations, riskHold: tx.riskHold, reasonCodes: tx.reasonCodes,
    amount: shown ? tx.amount : null,
    address: shown ? shorten(tx.address) : null,
    txHash: shown ? shorten(tx.txHash) : null,
    memo: shown ? shorten(tx.memo) : null,
    // `staff`: the risk rule and note behind a hold — for the agent, never for the customer's text.
    diagnosis: { code: d.code, needsPerson: d.needsPerson, text: explain(d, input.agentLocale), customerText: explain(d, input.customerLocale), staff: d.staff },
  };
}

export function presentPanel(input: PanelInput) {
  return {
    customer: { uid: input.uid, verified: input.verified, verifiedBy: input.verifiedBy },
    account: input.account ? presentAccount(input.account, input.verified) : null,
    masked: input.verified ? [...revealableFields] : [...maskedAccountFields, 'amount', ...revealableFields],
    transactions: input.transactions.map((tx) => presentTransaction(tx, input)),
    abilities: input.abilities,
  };
}
