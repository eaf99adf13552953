import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { loadBotDefaults } from './defaults.js';
import { loadPreviousDefaults, upgradeBotDefaults } from './defaultsUpgrade.js';
import { encodeIntentAnswer } from './definitions.js';

/** An installation seeded by an earlier version, then started with this one. */
describe('bot defaults upgrade: untouched shipped intents and flows follow the product, admins\' edits stay', () => {
  let t: TestApp;
  const defaults = loadBotDefaults();
  const previous = loadPreviousDefaults();
  const current = defaults.intents.find((i) => i.name === 'account_hacked')!;
  const oldAnswer = previous.intents.account_hacked![0]!;
  const oldFlow = previous.flows['account-hacked']![0]!;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const intentAnswer = async () => JSON.parse((await t.ctx.db.selectFrom('bot_intents').select('answer').where('name', '=', 'account_hacked').executeTakeFirstOrThrow()).answer) as Record<string, unknown>;
  const flow = () => t.ctx.db.selectFrom('bot_flows').select(['definition', 'enabled']).where('slug', '=', 'account-hacked').executeTakeFirst();
  const setIntent = (answer: string) => t.ctx.db.updateTable('bot_intents').set({ answer }).where('name', '=', 'account_hacked').execute();
  const setFlow = (definition: unknown) => t.ctx.db.updateTable('bot_flows').set({ definition: JSON.stringify(definition) }).where('slug', '=', 'account-hacked').execute();

  it('an install from before the emergency flow (the old article hand-over, no flow) gets the flow and the new answer; a second start changes nothing', async () => {
    assert.equal((await intentAnswer()).type, 'flow', 'a fresh install has the current defaults');
    await setIntent(encodeIntentAnswer(oldAnswer));
    await t.ctx.db.deleteFrom('bot_flows').where('slug', '=', 'account-hacked').execute();

    assert.deepEqual(await upgradeBotDefaults(t.ctx), { intents: ['account_hacked'], flows: ['account-hacked'] });
    assert.deepEqual(await intentAnswer(), JSON.parse(encodeIntentAnswer(current)));
    const added = await flow();
    assert.deepEqual(JSON.parse(added!.definition), defaults.flows.find((f) => f.slug === 'account-hacked')!.definition);
    assert.equal(added!.enabled, 1);
    assert.deepEqual(await upgradeBotDefaults(t.ctx), { intents: [], flows: [] });
  });

  it('a flow seeded by the previous version (no verification-code step) is upgraded; stored key order does not matter', async () => {
    const reordered = Object.fromEntries(Object.entries(oldFlow).reverse());
    await setFlow(reordered);
    assert.deepEqual(await upgradeBotDefaults(t.ctx), { intents: [], flows: ['account-hacked'] });
    assert.ok('askCode' in (JSON.parse((await flow())!.definition) as { steps: Record<string, unknown> }).steps);
  });

  it('an intent or flow an admin edited is left exactly as the admin left it', async () => {
    const edited = encodeIntentAnswer({ ...oldAnswer, answer: { type: 'handover', urgent: true, article: 'freeze-account' } });
    await setIntent(edited);
    const adminFlow = { ...oldFlow, maxAttempts: 5 };
    await setFlow(adminFlow);
    assert.deepEqual(await upgradeBotDefaults(t.ctx), { intents: [], flows: [] });
    assert.deepEqual(await intentAnswer(), JSON.parse(edited));
    assert.deepEqual(JSON.parse((await flow())!.definition), adminFlow);
  });

  it('an admin who deleted the shipped intent does not get it back', async () => {
    await t.ctx.db.deleteFrom('bot_examples').where('intent_id', 'in', t.ctx.db.selectFrom('bot_intents').select('id').where('name', '=', 'account_hacked')).execute();
    await t.ctx.db.deleteFrom('bot_intents').where('name', '=', 'account_hacked').execute();
    assert.deepEqual(await upgradeBotDefaults(t.ctx), { intents: [], flows: [] });
    assert.equal(await t.ctx.db.selectFrom('bot_intents').select('id').where('name', '=', 'account_hacked').executeTakeFirst(), undefined);
  });
});
