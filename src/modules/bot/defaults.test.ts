import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { projectPath } from '../../platform/paths.js';
import { checkTxHash, findNetwork } from './actions/chains.js';
import { checkTxHashAction } from './actions/registry.js';
import { loadBotDefaults } from './defaults.js';
import { flowDefinitionSchema, type FlowDefinition } from './definitions.js';
import { continueFlow, matchAnswer, startFlow, type FlowEnv } from './flows/engine.js';
import { fill, normaliseAnswer, scriptLocale } from './text.js';

const defaults = loadBotDefaults();
const articleExists = (slug: string) => existsSync(projectPath('src', 'modules', 'helpcenter', 'seed', 'articles', slug));

describe('shipped intents and flows', () => {
  it('every intent speaks zh-CN, en and ko: a title and examples in each', () => {
    for (const intent of defaults.intents) {
      for (const locale of ['zh-CN', 'en', 'ko'] as const) {
        assert.ok(intent.title[locale], `${intent.name}: title.${locale}`);
        assert.ok((intent.examples[locale]?.length ?? 0) >= 3, `${intent.name}: examples.${locale}`);
      }
    }
  });

  it('cover the seeds\' topics: deposits, withdrawals, KYC, security, login, fees, trading, complaints, suggestions, a person', () => {
    const names = new Set(defaults.intents.map((i) => i.name));
    for (const topic of ['deposit_not_credited', 'withdrawal_pending', 'kyc_rejected', 'account_hacked', 'freeze_account', 'login_problem', 'reset_2fa', 'trading_fees', 'liquidation', 'copy_trading', 'official_channels', 'anti_phishing_code', 'maintenance', 'complaint', 'suggestion', 'talk_to_human']) {
      assert.ok(names.has(topic), topic);
    }
  });

  it('every article an intent or flow points to is shipped with the help center', () => {
    for (const intent of defaults.intents) {
      const slug = intent.answer.type === 'article' ? intent.answer.slug : intent.answer.type === 'handover' ? intent.answer.article : undefined;
      if (slug) assert.ok(articleExists(slug), `${intent.name} → ${slug}`);
    }
    for (const flow of defaults.flows) {
      for (const step of Object.values(flow.definition.steps)) {
        if (step.type === 'message') for (const slug of step.articles ?? []) assert.ok(articleExists(slug), `${flow.slug} → ${slug}`);
      }
    }
  });
});

describe('chain.checkTxHash', () => {
  const tron = 'a3f1c9e27b04d8f6e5a2b1c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b';
  it('knows networks by their usual names', () => {
    assert.equal(findNetwork('trc-20')?.id, 'TRC20');
    assert.equal(findNetwork('BSC')?.id, 'BEP20');
    assert.equal(findNetwork('Ethereum')?.id, 'ERC20');
    assert.equal(findNetwork('Fantom'), null);
  });

  it('links the explorer, restores a dropped 0x, spots another chain\'s TxID and memo networks', async () => {
    assert.deepEqual(await checkTxHashAction({ params: { network: 'TRC20', txHash: tron }, fields: {}, locale: 'en', ticketId: 't', customerId: 'c' }), {
      outcome: 'ok',
      fields: { network: 'TRC20', networkName: 'Tron (TRC20)', txHash: tron, explorerUrl: `https://tronscan.org/#/transaction/${tron}`, confirmations: '20' },
    });
    const evm = checkTxHash('ERC20', tron);
    assert.equal(evm.outcome === 'ok' && evm.txHash, `0x${tron}`);
    assert.equal(checkTxHash('TRC20', `0x${tron}`).outcome, 'wrong_network');
    assert.equal(checkTxHash('XRP', tron.toUpperCase()).outcome, 'memo_network');
    assert.equal(checkTxHash('TRC20', 'hello').outcome, 'invalid');
    assert.equal(checkTxHash('KAVA', tron).outcome, 'unknown_network');
  });
});

describe('flow engine', () => {
  const flow: FlowDefinition = flowDefinitionSchema.parse({
    title: { en: 'Test' },
    category: 'deposit',
    start: 'coin',
    maxAttempts: 2,
    steps: {
      coin: { type: 'ask', say: { en: 'Coin?', ko: '코인?' }, choices: [{ value: 'USDT' }, { value: 'BTC', label: { en: 'Bitcoin', ko: '비트코인' } }], pattern: '^[A-Z]{2,6}$', transform: ['compact', 'upper'], field: 'coin', next: 'check' },
      check: { type: 'action', action: 'test.echo', input: { coin: '{coin}' }, outcomes: { ok: 'done' }, default: 'handover' },
      done: { type: 'message', say: { en: 'Got {coin} ({echo|none}).' } },
      handover: { type: 'handover', fields: { coin: '{coin}' } },
    },
  });
  const env = (outcome = 'ok'): FlowEnv => ({ locale: 'en', runAction: async (_name, params) => ({ outcome, fields: { echo: params.coin ?? '' } }) });

  it('asks, takes a label in any locale or free text, calls the action and branches on its outcome', async () => {
    const first = await startFlow('t', flow, env());
    assert.deepEqual(first.messages, [{ body: 'Coin?', choices: [{ label: 'USDT', value: 'USDT' }, { label: 'Bitcoin', value: 'BTC' }] }]);
    const byLabel = await continueFlow(flow, first.run!, '비트코인', env());
    assert.deepEqual(byLabel?.messages, [{ body: 'Got BTC (BTC).' }]);
    assert.deepEqual(byLabel?.end, { kind: 'done' });
    const free = await continueFlow(flow, first.run!, ' eth ', env('unknown'));
    assert.deepEqual(free?.end, { kind: 'handover', why: 'step', category: 'deposit', fields: { coin: 'ETH' }, urgent: false });
  });

  it('asks again after an answer that does not fit, and gives up after maxAttempts', async () => {
    const first = await startFlow('t', flow, env());
    const again = await continueFlow(flow, first.run!, '12345678', env());
    assert.equal(again?.invalid, true);
    assert.match(again!.messages[0]!.body, /doesn't look right[\s\S]*Coin\?/);
    const stuck = await continueFlow(flow, again!.run!, '???', env());
    assert.deepEqual(stuck?.end, { kind: 'handover', why: 'stuck', category: 'deposit', fields: {}, urgent: false });
  });

  it('an action that fails hands over with what was collected', async () => {
    const first = await startFlow('t', flow, env());
    const failed = await continueFlow(flow, first.run!, 'USDT', { locale: 'en', runAction: async () => ({ failed: true, reason: 'unknown_action' }) });
    assert.deepEqual(failed?.end, { kind: 'handover', why: 'action_failed', category: 'deposit', fields: { coin: 'USDT' }, urgent: false });
  });

  it('matches choices by number and normalised label', () => {
    const step = flow.steps.coin!;
    assert.ok(step.type === 'ask');
    assert.deepEqual(matchAnswer(step, '2', 'en'), { value: 'BTC' });
    assert.deepEqual(matchAnswer(step, ' bitcoin! ', 'en'), { value: 'BTC' });
  });
});

describe('text helpers', () => {
  it('normalise, detect the script, fill templates', () => {
    assert.equal(normaliseAnswer('  Yes, thanks! 👍 '), 'yes thanks');
    assert.equal(normaliseAnswer('ＵＳＤＴ'), 'usdt');
    assert.equal(scriptLocale('입금이 안 돼요'), 'ko');
    assert.equal(scriptLocale('USDT充值没到账'), 'zh-CN');
    assert.equal(scriptLocale('入金が反映されない'), null);
    assert.equal(scriptLocale('0xabc'), null);
    assert.equal(fill('{a} and {b|fallback} and {c}', { a: '1' }), '1 and fallback and ');
  });
});

describe('secret ask steps', () => {
  const base = {
    title: { en: 'Code' }, start: 'ask',
    steps: {
      ask: { type: 'ask', say: { en: 'The code?' }, secret: true, field: 'code', pattern: '^\\d{6}$', transform: ['digits'], next: 'check' },
      check: { type: 'action', action: 'exchange.checkVerificationCode', input: { code: '{code}' }, outcomes: { wrong: 'ask' }, default: 'done' },
      done: { type: 'message', say: { en: 'Thanks.' } },
    },
  };

  it('need a field to pass the code on and a pattern to check its shape', () => {
    assert.ok(flowDefinitionSchema.safeParse(base).success);
    const loose = flowDefinitionSchema.safeParse({ ...base, steps: { ...base.steps, ask: { ...base.steps.ask, pattern: undefined } } });
    assert.ok(!loose.success);
    assert.deepEqual(loose.error.issues.map((i) => i.path.join('.')), ['steps.ask.secret']);
  });

  it('pass the answer to the steps of that turn only: the flow keeps no trace of it', async () => {
    const flow = flowDefinitionSchema.parse(base);
    const seen: string[] = [];
    const env: FlowEnv = { locale: 'en', runAction: async (_name, params) => (seen.push(params.code ?? ''), { outcome: 'wrong' }) };
    const started = await startFlow('code', flow, env);
    assert.equal(started.run?.secret, true);
    const turn = await continueFlow(flow, started.run!, 'it is 123 456', env);
    assert.deepEqual(seen, ['123456']);
    assert.equal(turn?.run?.step, 'ask');
    assert.deepEqual(turn?.run?.fields, {});
    assert.ok(!JSON.stringify(turn).includes('123456'));
  });
});
