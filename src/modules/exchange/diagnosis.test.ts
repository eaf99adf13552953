import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locales, type Locale } from '../../platform/i18n/index.js';
import type { Deposit, Withdrawal } from './contract.js';
import { diagnose, explain, type DiagnosisCode } from './diagnosis.js';

const at = '2025-03-01T08:00:00.000Z';
const deposit = (over: Partial<Deposit>): Deposit => ({
  kind: 'deposit', id: 'DP1', coin: 'USDT', network: 'TRC20', amount: '250', address: 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T', memo: null,
  txHash: 'a'.repeat(64), confirmations: 20, requiredConfirmations: 20, riskHold: false, reasonCodes: [], createdAt: at, updatedAt: at,
  status: 'credited', minimumAmount: '1', expectedNetwork: null, ...over,
});
const withdrawal = (over: Partial<Withdrawal>): Withdrawal => ({
  kind: 'withdrawal', id: 'WD1', coin: 'BTC', network: 'BTC', amount: '0.85', address: 'bc1q9h6tq79wh6x5ktr4yf0sl6kqz7qw3h2jj8mfxc', memo: null,
  txHash: null, confirmations: 0, requiredConfirmations: 2, riskHold: false, reasonCodes: [], createdAt: at, updatedAt: at,
  status: 'completed', fee: '0.0002', requiredKycLevel: null, ...over,
});

/** Each case: the transaction, the diagnosis, whether a person must act, and a phrase per language. */
const cases: [string, ReturnType<typeof diagnose>, DiagnosisCode, boolean, Record<Locale, RegExp>][] = [
  ['credited deposit', diagnose('deposit', deposit({})), 'credited', false, { en: /250 USDT on Tron \(TRC20\) has been credited/, 'zh-CN': /Tron \(TRC20\) 上充值的 250 USDT 已入账/, ko: /250 USDT이\(가\) 계정에 반영되었어요/ }],
  ['confirming, 5 of 12 on ERC20 = 7 × 12 s → 2 min', diagnose('deposit', deposit({ coin: 'ETH', network: 'ERC20', amount: '1.25', status: 'confirming', confirmations: 5, requiredConfirmations: 12 })), 'confirming', false,
    { en: /5 of 12 so far[\s\S]*about 2 min/, 'zh-CN': /目前 5\/12[\s\S]*约需 2 分钟/, ko: /12회 중 5회[\s\S]*약 2분/ }],
  ['confirming on a network of unknown pace', diagnose('deposit', deposit({ network: 'KAVA', status: 'confirming', confirmations: 1, requiredConfirmations: 6 })), 'confirming', false,
    { en: /1 of 6 so far\. It is credited automatically/, 'zh-CN': /目前 1\/6。达到 6 个确认后/, ko: /6회 중 1회 완료되었고/ }],
  ['wrong network', diagnose('deposit', deposit({ network: 'BEP20', status: 'uncredited', reasonCodes: ['WRONG_NETWORK'], expectedNetwork: 'ERC20' })), 'wrong_network', true,
    { en: /sent on BNB Smart Chain \(BEP20\), but the deposit address you used is for Ethereum \(ERC20\)/, 'zh-CN': /通过 BNB Smart Chain \(BEP20\) 转入的，但您使用的充值地址属于 Ethereum \(ERC20\)/, ko: /Ethereum \(ERC20\)용이라 자동으로 반영되지 않았어요/ }],
  ['missing tag on XRP', diagnose('deposit', deposit({ coin: 'XRP', network: 'XRP', status: 'uncredited', reasonCodes: ['MEMO_MISSING'] })), 'memo_missing', true,
    { en: /without the correct destination tag/, 'zh-CN': /缺少正确的标签（Tag）/, ko: /올바른 데스티네이션 태그가 없어/ }],
  ['wrong memo on EOS', diagnose('deposit', deposit({ coin: 'EOS', network: 'EOS', status: 'uncredited', reasonCodes: ['MEMO_INVALID'] })), 'memo_missing', true,
    { en: /without the correct memo/, 'zh-CN': /缺少正确的Memo（备注）/, ko: /올바른 메모가 없어/ }],
  ['below minimum', diagnose('deposit', deposit({ amount: '0.5', status: 'uncredited', reasonCodes: ['BELOW_MINIMUM'] })), 'below_minimum', true,
    { en: /0\.5 USDT on Tron \(TRC20\) is below the minimum deposit of 1 USDT/, 'zh-CN': /低于该网络的最小充值金额 1 USDT/, ko: /최소 입금 수량 1 USDT보다 적어/ }],
  ['deposit held for risk review', diagnose('deposit', deposit({ status: 'on_hold', riskHold: true, reasonCodes: ['RISK_REVIEW'] })), 'risk_review', true,
    { en: /on hold for a routine security review/, 'zh-CN': /例行安全审核被暂缓入账/, ko: /정기 보안 심사로 반영이 보류/ }],
  ['withdrawal held for risk review', diagnose('withdrawal', withdrawal({ status: 'pending_review', riskHold: true, reasonCodes: ['RISK_REVIEW'] })), 'risk_review', true,
    { en: /0\.85 BTC on Bitcoin is on hold for a security review/, 'zh-CN': /提现正在进行安全审核/, ko: /출금은 보안 심사 중이에요/ }],
  ['withdrawal waiting for KYC', diagnose('withdrawal', withdrawal({ coin: 'USDT', network: 'TRC20', amount: '3000', status: 'pending_review', reasonCodes: ['KYC_REQUIRED'], requiredKycLevel: 2 }), { kycLevel: 1 }), 'kyc_required', false,
    { en: /need KYC level 2, and your account is at level 1/, 'zh-CN': /需要 KYC 2 级，您的账户目前为 1 级/, ko: /KYC 2단계가 필요하지만 현재 계정은 1단계/ }],
  ['travel rule', diagnose('withdrawal', withdrawal({ coin: 'XRP', network: 'XRP', status: 'pending_review', reasonCodes: ['TRAVEL_RULE'] })), 'travel_rule', false,
    { en: /recipient details the Travel Rule requires/, 'zh-CN': /旅行规则/, ko: /트래블룰/ }],
  ['withdrawal broadcast, 1 of 2 on Bitcoin = 10 min', diagnose('withdrawal', withdrawal({ status: 'broadcast', txHash: 'b'.repeat(64), confirmations: 1 })), 'confirming', false,
    { en: /1 of 2 confirmations so far, about 10 min/, 'zh-CN': /目前 1\/2，按网络正常速度约还需 10 分钟/, ko: /2회 중 1회 완료되었고, 평소 속도라면 약 10분/ }],
  ['withdrawal queued', diagnose('withdrawal', withdrawal({ status: 'processing' })), 'processing', false, { en: /queued to be sent/, 'zh-CN': /正在排队发出/, ko: /전송 대기 중/ }],
  ['withdrawal completed', diagnose('withdrawal', withdrawal({ status: 'completed', txHash: 'c'.repeat(64), confirmations: 2 })), 'completed', false,
    { en: /has been sent and is complete/, 'zh-CN': /已发出，链上已完成/, ko: /블록체인에서 완료되었어요/ }],
  ['withdrawal failed, reason explained', diagnose('withdrawal', withdrawal({ status: 'failed', reasonCodes: ['CONTRACT_REJECTED'] })), 'failed', true,
    { en: /not completed: the receiving address is a smart contract that refused the transfer\. The amount and the fee are returned/, 'zh-CN': /未能完成：接收地址是智能合约，拒绝了这笔转账/, ko: /완료되지 못했어요: 받는 주소가 전송을 거부한 스마트 컨트랙트예요/ }],
  ['deposit rejected for a reason we have no words for', diagnose('deposit', deposit({ status: 'rejected', reasonCodes: ['SOMETHING_NEW'] })), 'failed', true,
    { en: /could not be credited: the exchange gave no further reason/, 'zh-CN': /未能入账：交易所未提供具体原因/, ko: /반영되지 못했어요: 거래소에서 구체적인 사유를/ }],
  ['deposit not found', diagnose('deposit', null), 'not_found', true, { en: /can't find a deposit with this TxID/, 'zh-CN': /未找到与该 TxID 对应的充值/, ko: /입금을 고객님 계정에서 찾을 수 없어요/ }],
  ['withdrawal not found', diagnose('withdrawal', null), 'not_found', true, { en: /can't find a withdrawal/, 'zh-CN': /未找到与该 TxID 或提现单号对应的提现/, ko: /출금을 고객님 계정에서 찾을 수 없어요/ }],
];

describe('transaction diagnosis', () => {
  for (const [name, d, code, needsPerson, phrases] of cases) {
    it(`${name} → ${code}, explained in zh-CN, en and ko`, () => {
      assert.equal(d.code, code);
      assert.equal(d.needsPerson, needsPerson);
      for (const locale of locales) {
        const text = explain(d, locale);
        assert.match(text, phrases[locale], `${locale}: ${text}`);
        assert.doesNotMatch(text, /\{\w+\}|exchange\./, `${locale}: unfilled placeholder or raw key in ${text}`);
      }
    });
  }

  it('a credited deposit stays credited whatever else the record carries; a hold outranks confirmations', () => {
    assert.equal(diagnose('deposit', deposit({ status: 'credited', reasonCodes: ['RISK_REVIEW'] })).code, 'credited');
    assert.equal(diagnose('deposit', deposit({ status: 'confirming', riskHold: true, confirmations: 3 })).code, 'risk_review');
    assert.equal(diagnose('withdrawal', withdrawal({ status: 'pending_review', riskHold: true, reasonCodes: ['KYC_REQUIRED'], requiredKycLevel: 2 })).code, 'kyc_required');
  });
});

describe('staff-only diagnosis details', () => {
  const held = withdrawal({
    status: 'pending_review', riskHold: true, reasonCodes: ['RISK_REVIEW'], riskRuleId: 'WD-NEWADDR-24H',
    riskNote: 'First withdrawal to this address within 24 h of a password change',
  });

  it('carries the risk rule and note for staff and never words them for the customer', () => {
    const d = diagnose('withdrawal', held);
    assert.deepEqual(d.staff, { reasonCodes: ['RISK_REVIEW'], riskRuleId: 'WD-NEWADDR-24H', riskNote: 'First withdrawal to this address within 24 h of a password change' });
    for (const locale of locales) {
      const text = explain(d, locale);
      assert.ok(!/WD-NEWADDR|password change|RISK_REVIEW/.test(text), `${locale}: ${text}`);
    }
  });

  it('a rejection for an internal risk or AML reason is worded as "no further reason"; a customer-facing reason still is explained', () => {
    const aml = diagnose('withdrawal', withdrawal({ status: 'rejected', reasonCodes: ['AML_SCREENING_HIT'], riskRuleId: 'AML-DST-03' }));
    assert.equal(aml.code, 'failed');
    assert.match(explain(aml, 'en'), /the exchange gave no further reason/);
    assert.ok(!explain(aml, 'en').includes('AML'));
    assert.deepEqual(aml.staff.reasonCodes, ['AML_SCREENING_HIT']);
    const contract = diagnose('withdrawal', withdrawal({ status: 'failed', reasonCodes: ['CONTRACT_REJECTED'] }));
    assert.match(explain(contract, 'en'), /smart contract that refused the transfer/);
  });

  it('an exchange that sends no risk details (the fields are optional) gives nulls, not a guess', () => {
    assert.deepEqual(diagnose('deposit', deposit({ status: 'on_hold', riskHold: true, reasonCodes: ['RISK_REVIEW'] })).staff, { reasonCodes: ['RISK_REVIEW'], riskRuleId: null, riskNote: null });
    assert.deepEqual(diagnose('deposit', null).staff, { reasonCodes: [], riskRuleId: null, riskNote: null });
  });
});
