import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { botOf } from './brain.js';

type Headers = Record<string, string>;

const flow = (steps: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ title: { en: 'Test flow' }, start: 'a', steps, ...extra });
const ask = (next = 'b') => ({ type: 'ask', say: { en: 'Which coin?' }, field: 'coin', next });

describe('bot admin API', () => {
  let t: TestApp;
  let [admin, supervisor, agent]: Headers[] = [];
  before(async () => {
    t = await createTestApp({ SEED_HELP_CENTER: 'true' });
    [admin, supervisor, agent] = await Promise.all((['admin', 'supervisor', 'agent'] as const).map(async (role) => (await agentWithToken(t.ctx, role)).headers));
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Headers = {}, payload?: unknown) =>
    t.http.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  it('needs a signed-in agent; only admins change anything', async () => {
    const anonymous = [['GET', '/api/v1/bot/intents', undefined], ['GET', '/api/v1/bot/flows', undefined], ['POST', '/api/v1/bot/test', { text: 'hi' }], ['POST', '/api/v1/bot/train', {}], ['PATCH', '/api/v1/bot/settings', { enabled: false }]] as const;
    for (const [method, url, body] of anonymous) assert.equal((await call(method, url, {}, body)).statusCode, 401, url);
    const writes = [
      ['POST', '/api/v1/bot/intents', { name: 'x_y', title: { en: 'X' }, answer: { type: 'handover' }, examples: {} }],
      ['PATCH', '/api/v1/bot/intents/greeting', { enabled: false }],
      ['DELETE', '/api/v1/bot/intents/greeting', undefined],
      ['POST', '/api/v1/bot/flows', { slug: 'xx-flow', definition: flow({ a: ask('a') }) }],
      ['PUT', '/api/v1/bot/flows/deposit-not-credited', { enabled: false }],
      ['DELETE', '/api/v1/bot/flows/withdrawal-pending', undefined],
      ['POST', '/api/v1/bot/train', {}],
      ['PATCH', '/api/v1/bot/settings', { enabled: false }],
    ] as const;
    for (const who of [agent, supervisor]) {
      for (const [method, url, body] of writes) {
        const res = await call(method, url, who, body);
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      }
    }
    const listed = await call('GET', '/api/v1/bot/intents?limit=100', agent);
    assert.equal(listed.statusCode, 200);
    const body = listed.json() as { items: { name: string; examples: Record<string, string[]>; title: Record<string, string> }[]; abilities: { edit: boolean } };
    assert.equal(body.abilities.edit, false);
    const deposit = body.items.find((i) => i.name === 'deposit_not_credited')!;
    assert.ok(deposit.examples.en!.length > 0 && deposit.examples['zh-CN']!.length > 0 && deposit.examples.ko!.length > 0);
    assert.deepEqual(Object.keys(deposit.title).sort(), ['en', 'ko', 'zh-CN']);
    assert.equal((await call('GET', '/api/v1/bot/flows/deposit-not-credited', agent)).statusCode, 200);
    assert.equal((await call('GET', '/api/v1/bot/settings', agent)).statusCode, 200);
  });

  it('"try it" shows the prediction and the reply the bot would send, storing nothing', async () => {
    const res = await call('POST', '/api/v1/bot/test', agent, { text: '充值没到账', locale: 'en' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { prediction: { intent: string; ranking: unknown[] }; reply: { messages: { body: string; meta: { handover?: boolean } }[]; flow: { step: string } } };
    assert.equal(body.prediction.intent, 'deposit_not_credited');
    assert.equal(body.prediction.ranking.length, 3);
    assert.deepEqual(body.reply.flow, { slug: 'deposit-not-credited', step: 'coin' });
    assert.match(body.reply.messages[0]!.body, /币种/);
    assert.equal(body.reply.messages.at(-1)!.meta.handover, true);
    assert.equal((await t.ctx.db.selectFrom('messages').select('id').where('author_type', '=', 'bot').execute()).length, 0);
  });

  it('validates intents and names the field', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ name: 'Bad Name', title: { en: 'x' }, answer: { type: 'handover' }, examples: {} }, 400, 'field_invalid', 'name'],
      [{ name: 'no_title', answer: { type: 'handover' }, examples: {} }, 400, 'field_required', 'title'],
      [{ name: 'no_flow', title: { en: 'x' }, answer: { type: 'flow', flow: 'missing-flow' }, examples: {} }, 400, 'field_invalid', 'answer.flow'],
      [{ name: 'no_article', title: { en: 'x' }, answer: { type: 'article', slug: 'no-such-article' }, examples: {} }, 400, 'field_invalid', 'answer.slug'],
      [{ name: 'bad_locale', title: { en: 'x' }, answer: { type: 'handover' }, examples: { xx: ['hi'] } }, 400, 'field_unknown', 'examples.xx'],
      [{ name: 'extra', title: { en: 'x' }, answer: { type: 'handover' }, examples: {}, colour: 'red' }, 400, 'field_unknown', 'colour'],
      [{ name: 'greeting', title: { en: 'x' }, answer: { type: 'handover' }, examples: {} }, 409, 'conflict', 'name'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await call('POST', '/api/v1/bot/intents', admin, payload);
      assert.equal(res.statusCode, status, res.body);
      const error = (res.json() as { error: { code: string; field?: string } }).error;
      assert.equal(error.code, code, res.body);
      assert.equal(error.field, field, res.body);
    }
    assert.equal((await call('PATCH', '/api/v1/bot/intents/nope', admin, { enabled: false })).statusCode, 404);
  });

  it('validates flow definitions with stable field paths', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [flow({ a: ask('nowhere') }), 'definition.steps.a.next'],
      [flow({ a: ask() }, { start: 'zz' }), 'definition.start'],
      [flow({ a: { type: 'ask', say: { en: 'x' }, field: 'coin', pattern: '([', next: 'a' } }), 'definition.steps.a.pattern'],
      [flow({ a: ask(), b: { type: 'handover', fields: { colour: '{coin}' } } }, { category: 'deposit' }), 'definition.steps.b.fields.colour'],
      [flow({ a: ask(), b: { type: 'handover', fields: { coin: '{coin}' } } }), 'definition.steps.b.category'],
      [flow({ a: ask(), b: { type: 'action', action: 'chain.checkTxHash', outcomes: {}, default: 'c' }, c: { type: 'message', say: { en: 'x' }, next: 'b' } }), 'definition.steps.b'],
      [flow({ a: { type: 'wait' } }), 'definition.steps.a.type'],
      [flow({ a: ask() , b: { type: 'action', action: 'NotDotted', default: 'a' } }), 'definition.steps.b.action'],
    ];
    for (const [definition, field] of cases) {
      const res = await call('POST', '/api/v1/bot/flows', admin, { slug: 'bad-flow', definition });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal((res.json() as { error: { field?: string } }).error.field, field, res.body);
    }
    const ok = await call('POST', '/api/v1/bot/flows', admin, { slug: 'coin-check', definition: flow({ a: ask(), b: { type: 'handover', fields: { coin: '{coin}' } } }, { category: 'deposit' }) });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await call('POST', '/api/v1/bot/flows', admin, { slug: 'coin-check', definition: flow({ a: ask('a') }) })).statusCode, 409);
    const disabled = await call('PUT', '/api/v1/bot/flows/coin-check', admin, { enabled: false });
    assert.equal((disabled.json() as { flow: { enabled: boolean } }).flow.enabled, false);
    const inUse = await call('DELETE', '/api/v1/bot/flows/deposit-not-credited', admin);
    assert.equal(inUse.statusCode, 409, inUse.body);
    assert.equal((await call('DELETE', '/api/v1/bot/flows/coin-check', admin)).statusCode, 204);
  });

  it('settings are validated and applied', async () => {
    const bad = await call('PATCH', '/api/v1/bot/settings', admin, { answerThreshold: 2 });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { field: string } }).error.field, 'answerThreshold');
    const ok = await call('PATCH', '/api/v1/bot/settings', admin, { leaveFlowAfter: 3 });
    assert.deepEqual(ok.json(), { enabled: true, answerThreshold: null, suggestThreshold: null, leaveFlowAfter: 3 });
    await call('PATCH', '/api/v1/bot/settings', admin, { leaveFlowAfter: 2 });
  });

  it('retraining learns a new intent; every node loads the new model', async () => {
    const second = await createTestApp({}, { sameDatabaseAs: t });
    try {
      const ask = async () => ((await call('POST', '/api/v1/bot/test', agent, { text: 'when are staking rewards paid', locale: 'en' })).json() as { prediction: { intent: string } }).prediction.intent;
      assert.notEqual(await ask(), 'staking_rewards');
      const created = await call('POST', '/api/v1/bot/intents', admin, {
        name: 'staking_rewards',
        title: { en: 'Staking rewards', 'zh-CN': '质押收益', ko: '스테이킹 보상' },
        category: 'promotions',
        answer: { type: 'text', text: { en: 'Staking rewards are paid daily at 08:00 UTC.' } },
        examples: {
          en: ['when are staking rewards paid', 'staking rewards not paid', 'staking interest payout time', 'how often are staking rewards distributed', 'staking apr payout'],
          'zh-CN': ['质押收益什么时候发', '质押奖励没到账', '质押利息几点发放'],
          ko: ['스테이킹 보상 언제 들어와요', '스테이킹 이자 지급 시간', '스테이킹 보상이 안 들어왔어요'],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const model = (await call('GET', '/api/v1/bot/model', agent)).json() as { current: boolean };
      assert.equal(model.current, false);

      const trained = await call('POST', '/api/v1/bot/train', admin, {});
      assert.equal(trained.statusCode, 200, trained.body);
      const result = trained.json() as { trained: boolean; current: boolean; model: { id: string; examples: number; intents: number; trainMs: number; foldAccuracy: number; answerThreshold: number } };
      assert.equal(result.trained, true);
      assert.equal(result.current, true);
      assert.equal(result.model.intents, 57);
      assert.ok(result.model.examples > 700 && result.model.trainMs > 0 && result.model.foldAccuracy > 0 && result.model.answerThreshold > 0);
      assert.equal(await ask(), 'staking_rewards');
      assert.equal(((await call('POST', '/api/v1/bot/train', admin, {})).json() as { trained: boolean }).trained, false);

      await t.ctx.relay.drain();
      const event = await t.ctx.db.selectFrom('outbox').select(['id', 'payload', 'created_at']).where('topic', '=', 'bot.model_trained').orderBy('id', 'desc').executeTakeFirstOrThrow();
      // Without Redis the nodes share no bus: hand the event to the second node's bus as Redis would.
      await second.ctx.bus.publish([{ id: event.id, topic: 'bot.model_trained', payload: JSON.parse(event.payload) as Record<string, unknown>, createdAt: event.created_at }]);
      assert.equal(botOf(second.ctx).current?.id, result.model.id);
    } finally {
      await second.close();
    }
  });

  it('a stored definition that no longer validates is shown flagged as invalid', async () => {
    const now = nowIso();
    await t.ctx.db.insertInto('bot_flows').values({ id: newId(), slug: 'legacy', definition: JSON.stringify({ steps: 'old' }), enabled: 1, created_at: now, updated_at: now }).execute();
    const res = await call('GET', '/api/v1/bot/flows/legacy', agent);
    assert.equal((res.json() as { flow: { valid: boolean } }).flow.valid, false);
  });
});
