import { createHash } from 'node:crypto';
import type { Account, Deposit, Withdrawal } from '../contract.js';
import { depositMinimums, networkCatalogue } from '../networks.js';

/**
 * The simulated exchange's users: the demo customers' UIDs (tickets/demo/content.ts) with
 * deposits and withdrawals that cover every diagnosis. Everything is derived from the UID and the
 * record id, so every node and every test run sees the same hashes; times are relative to the
 * simulator's start so the records always look recent.
 */
export interface DemoAccount {
  account: Account;
  deposits: Deposit[];
  withdrawals: Withdrawal[];
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Buffer): string {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)]! + out;
    n /= 58n;
  }
  return out;
}

/** A transaction hash in the shape of the network's own (0x… on EVM chains, base58 on Solana). */
function txHashFor(network: string, seed: string): string {
  if (network === 'SOL') return base58(createHash('sha512').update(seed).digest());
  const hex = createHash('sha256').update(seed).digest('hex');
  return network === 'ERC20' || network === 'BEP20' ? `0x${hex}` : hex;
}

type DepositSpec = Pick<Deposit, 'id' | 'coin' | 'network' | 'amount' | 'address' | 'status'> & Partial<Deposit> & { minutesAgo: number };
type WithdrawalSpec = Pick<Withdrawal, 'id' | 'coin' | 'network' | 'amount' | 'address' | 'status'> & Partial<Withdrawal> & { minutesAgo: number };

const iso = (now: number, minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

function deposit(uid: string, now: number, { minutesAgo, ...s }: DepositSpec): Deposit {
  const required = networkCatalogue[s.network]?.confirmations ?? 1;
  return {
    kind: 'deposit', memo: null, txHash: txHashFor(s.network, `${uid}:${s.id}`), confirmations: required, requiredConfirmations: required, riskHold: false,
    reasonCodes: [], createdAt: iso(now, minutesAgo), updatedAt: iso(now, Math.max(0, minutesAgo - 2)),
    minimumAmount: depositMinimums[s.coin]?.[s.network] ?? null, expectedNetwork: null, ...s,
  };
}

function withdrawal(uid: string, now: number, { minutesAgo, ...s }: WithdrawalSpec): Withdrawal {
  const required = networkCatalogue[s.network]?.confirmations ?? 1;
  const sent = s.status === 'broadcast' || s.status === 'completed';
  return {
    kind: 'withdrawal', memo: null, txHash: sent ? txHashFor(s.network, `${uid}:${s.id}`) : null, confirmations: s.status === 'completed' ? required : 0,
    requiredConfirmations: required, riskHold: false, reasonCodes: [], createdAt: iso(now, minutesAgo), updatedAt: iso(now, Math.max(0, minutesAgo - 3)),
    fee: null, requiredKycLevel: null, ...s,
  };
}

const account = (a: Omit<Account, 'frozenReason' | 'status' | 'riskState'> & Partial<Account>): Account => ({ status: 'active', riskState: 'normal', frozenReason: null, ...a });

/** Which demo record shows which case (tests and docs/exchange-adapter.md refer to these). */
export const demoCases = {
  'deposit.credited': { uid: '58213907', id: 'DP58213907002' },
  'deposit.wrong_network': { uid: '58213907', id: 'DP58213907001' },
  'deposit.memo_missing': { uid: '64780251', id: 'DP64780251001' },
  'deposit.memo_invalid': { uid: '58213907', id: 'DP58213907003' },
  'deposit.confirming': { uid: '60177342', id: 'DP60177342001' },
  'deposit.below_minimum': { uid: '60177342', id: 'DP60177342002' },
  'deposit.risk_review': { uid: '73651209', id: 'DP73651209002' },
  'withdrawal.risk_review': { uid: '71420586', id: 'WD240611083145127' },
  'withdrawal.confirming': { uid: '71420586', id: 'WD71420586002' },
  'withdrawal.kyc_required': { uid: '60177342', id: 'WD60177342001' },
  'withdrawal.travel_rule': { uid: '70012964', id: 'WD240611020917733' },
  'withdrawal.failed': { uid: '73651209', id: 'WD73651209001' },
  'withdrawal.processing': { uid: '73651209', id: 'WD73651209002' },
  'withdrawal.completed': { uid: '58213907', id: 'WD58213907001' },
  'withdrawal.rejected_frozen': { uid: '69033418', id: 'WD69033418001' },
} as const;
export type DemoCase = keyof typeof demoCases;

export function demoAccounts(now: number): Map<string, DemoAccount> {
  const all: DemoAccount[] = [];
  const add = (a: Account, deposits: DepositSpec[], withdrawals: WithdrawalSpec[]) =>
    all.push({ account: a, deposits: deposits.map((d) => deposit(a.uid, now, d)), withdrawals: withdrawals.map((w) => withdrawal(a.uid, now, w)) });

  add(account({ uid: '58213907', kycLevel: 2, twoFactorEnabled: true, registeredAt: '2021-03-14T09:22:41Z', email: 'li****88@example.com', phone: '+86 138****5521' }), [
    // The demo ticket LD-…: USDT sent on BEP20 to the account's ERC20 address.
    { id: 'DP58213907001', coin: 'USDT', network: 'BEP20', amount: '3500', address: '0x6dec85f5b9774787a16e46ec8d82fc062cb762b5', status: 'uncredited', reasonCodes: ['WRONG_NETWORK'], expectedNetwork: 'ERC20',
      txHash: '0x4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903', minutesAgo: 30 * 60 },
    { id: 'DP58213907002', coin: 'USDT', network: 'TRC20', amount: '1200', address: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE', status: 'credited', minutesAgo: 3 * 24 * 60 },
    { id: 'DP58213907003', coin: 'EOS', network: 'EOS', amount: '85', address: 'ledgerxdepo1', memo: '40211', status: 'uncredited', reasonCodes: ['MEMO_INVALID'], minutesAgo: 6 * 60 },
  ], [
    { id: 'WD58213907001', coin: 'USDT', network: 'TRC20', amount: '500', fee: '1', address: 'TYASr5UV6HEcXatwdFQfmLVUqQQQMUxHLS', status: 'completed', minutesAgo: 5 * 24 * 60 },
  ]);
  add(account({ uid: '60177342', kycLevel: 1, twoFactorEnabled: false, registeredAt: '2023-08-02T13:05:10Z', email: 'zh*******de@example.com', phone: '+86 139****0386' }), [
    { id: 'DP60177342001', coin: 'ETH', network: 'ERC20', amount: '1.25', address: '0x2f6a7c1d93b54e0e8f3a9d8c7b6e5f4a3b2c1d0e', status: 'confirming', confirmations: 5, minutesAgo: 2 },
    { id: 'DP60177342002', coin: 'USDT', network: 'TRC20', amount: '0.5', address: 'TJ7hHqVwYkP2ZsDqW3nS9b1cF8mR4uX6eA', status: 'uncredited', reasonCodes: ['BELOW_MINIMUM'], minutesAgo: 90 },
  ], [
    { id: 'WD60177342001', coin: 'USDT', network: 'TRC20', amount: '3000', fee: '1', address: 'TPyjyZfsYaXStgz2NmAraF1uZcMtkgNan5', status: 'pending_review', reasonCodes: ['KYC_REQUIRED'], requiredKycLevel: 2, minutesAgo: 45 },
  ]);
  add(account({ uid: '71420586', kycLevel: 2, twoFactorEnabled: true, registeredAt: '2020-11-27T18:40:03Z', email: 'ma****af@example.com', phone: '+44 77****2190', riskState: 'watch' }), [
    { id: 'DP71420586001', coin: 'BTC', network: 'BTC', amount: '0.12', address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', status: 'credited', minutesAgo: 8 * 24 * 60 },
    { id: 'DP71420586002', coin: 'SOL', network: 'SOL', amount: '25', address: '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV', status: 'credited', minutesAgo: 2 * 24 * 60 },
  ], [
    { id: 'WD240611083145127', coin: 'BTC', network: 'BTC', amount: '0.85', fee: '0.0002', address: 'bc1q9h6tq79wh6x5ktr4yf0sl6kqz7qw3h2jj8mfxc', status: 'pending_review', riskHold: true, reasonCodes: ['RISK_REVIEW'],
      riskRuleId: 'WD-NEWADDR-24H', riskNote: 'First withdrawal to this address within 24 h of a password change; amount above 80% of balance.', minutesAgo: 20 * 60 },
    { id: 'WD71420586002', coin: 'ETH', network: 'ERC20', amount: '0.4', fee: '0.0012', address: '0x8ba1f109551bd432803012645ac136ddd64dba72', status: 'broadcast', confirmations: 3, minutesAgo: 4 },
  ]);
  add(account({ uid: '69033418', kycLevel: 2, twoFactorEnabled: false, registeredAt: '2022-05-09T07:13:55Z', email: 'sa****st@example.com', phone: '+46 70****4471', status: 'frozen', riskState: 'high',
    frozenReason: 'Password changed and API key created from an unrecognised device; frozen at the customer\'s request.' }), [
    { id: 'DP69033418001', coin: 'USDT', network: 'ERC20', amount: '6000', address: '0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c', status: 'credited', minutesAgo: 12 * 24 * 60 },
  ], [
    { id: 'WD69033418001', coin: 'USDT', network: 'TRC20', amount: '4800', fee: '1', address: 'TWd4WrZ9wn84f5x1hZhL4DHvk738ns5jwb', status: 'rejected', reasonCodes: ['ACCOUNT_FROZEN'], minutesAgo: 70 },
  ]);
  add(account({ uid: '73651209', kycLevel: 3, twoFactorEnabled: true, registeredAt: '2019-02-18T10:01:37Z', email: 'to****ev@example.com', phone: '+49 151****8823' }), [
    { id: 'DP73651209001', coin: 'SOL', network: 'SOL', amount: '40', address: 'HN7cABqLq46Es1jh92dQQisAq662SmxELLLsHHe4YWrH', status: 'credited', minutesAgo: 26 * 60 },
    { id: 'DP73651209002', coin: 'USDT', network: 'ERC20', amount: '48000', address: '0x1f9840a85d5af5bf1d1762f925bdaddc4201f984', status: 'on_hold', riskHold: true, reasonCodes: ['RISK_REVIEW'],
      riskRuleId: 'AML-SRC-07', riskNote: 'Source address 2 hops from a mixer cluster (screening score 71); source-of-funds check pending.', minutesAgo: 3 * 60 },
  ], [
    { id: 'WD73651209001', coin: 'USDT', network: 'ERC20', amount: '1000', fee: '4.5', address: '0xdac17f958d2ee523a2206206994597c13d831ec7', status: 'failed', reasonCodes: ['CONTRACT_REJECTED'], minutesAgo: 10 * 60 },
    { id: 'WD73651209002', coin: 'SOL', network: 'SOL', amount: '12', fee: '0.008', address: '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM', status: 'processing', minutesAgo: 6 },
  ]);
  add(account({ uid: '64780251', kycLevel: 2, twoFactorEnabled: true, registeredAt: '2022-10-01T02:30:00Z', email: 'ji****im@example.co.kr', phone: '+82 10-****-7741' }), [
    { id: 'DP64780251001', coin: 'XRP', network: 'XRP', amount: '1500', address: 'rDsbeomae4FXwgQTJp9Rs64Qg9vDiTCdBv', status: 'uncredited', reasonCodes: ['MEMO_MISSING'], minutesAgo: 4 * 60 },
    { id: 'DP64780251002', coin: 'USDT', network: 'BEP20', amount: '800', address: '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc', status: 'confirming', confirmations: 6, minutesAgo: 1 },
  ], [
    { id: 'WD64780251001', coin: 'TON', network: 'TON', amount: '50', fee: '0.05', address: 'EQD2NmD_lH5f5u1Kj3KfGyTvhZSX0Eg6qp2a5IQUKXxOG21n', memo: '88213', status: 'completed', minutesAgo: 9 * 24 * 60 },
  ]);
  add(account({ uid: '70012964', kycLevel: 2, twoFactorEnabled: true, registeredAt: '2021-12-24T15:45:12Z', email: 'se****ee@example.co.kr', phone: '+82 10-****-2964' }), [
    { id: 'DP70012964001', coin: 'XRP', network: 'XRP', amount: '4300', address: 'rDsbeomae4FXwgQTJp9Rs64Qg9vDiTCdBv', memo: '70012964', status: 'credited', minutesAgo: 4 * 24 * 60 },
  ], [
    { id: 'WD240611020917733', coin: 'XRP', network: 'XRP', amount: '4200', fee: '0.25', address: 'rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh', memo: '104729', status: 'pending_review', reasonCodes: ['TRAVEL_RULE'], minutesAgo: 14 * 60 },
  ]);
  return new Map(all.map((a) => [a.account.uid, a]));
}
