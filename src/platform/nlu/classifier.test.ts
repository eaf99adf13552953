import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { IntentClassifier, pseudoLabel } from './classifier.js';
import { parseIntentCsv } from './csv.js';
import { deserializeModel, ModelFormatError, serializeModel } from './serialize.js';
import { OUT_OF_SCOPE } from './types.js';

const fixture = (name: string) => parseIntentCsv(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const train = fixture('intents-train.csv');
const test_ = fixture('intents-test.csv');
const inScope = test_.filter((e) => e.intent !== OUT_OF_SCOPE);
const model = IntentClassifier.train(train, { seed: 3 });

test('a multilingual intent set is learned: unseen zh, en and ko paraphrases are recognised', () => {
  const wrong = inScope.filter((e) => model.predict(e.text).intent !== e.intent).map((e) => e.text);
  assert.deepEqual(wrong, []);
  assert.equal(model.predict('充幣沒到帳').intent, 'deposit_not_credited', 'traditional characters');
});

test('a prediction has a confidence and a ranking of the three best intents', () => {
  const p = model.predict('my withdrawal is pending for a day');
  assert.equal(p.intent, 'withdrawal_pending');
  assert.equal(p.ranking.length, 3);
  assert.equal(p.ranking[0]?.intent, p.intent);
  assert.equal(p.ranking[0]?.confidence, p.confidence);
  assert.ok(p.ranking[0]!.confidence >= p.ranking[1]!.confidence && p.ranking[1]!.confidence >= p.ranking[2]!.confidence);
  assert.equal(new Set(p.ranking.map((r) => r.intent)).size, 3);
  assert.ok(p.confidence > 0 && p.confidence <= 1);
});

test('gibberish and empty input get low confidence and are out of scope', () => {
  for (const text of ['qzxv plmk wrtt', '', '🙂🙂🙂', 'ㅋㅋㅋ ㅎㅎ']) {
    const p = model.predict(text);
    assert.ok(p.outOfScope, `${JSON.stringify(text)} is out of scope (confidence ${p.confidence})`);
    assert.ok(p.confidence < model.predict('充值没到账').confidence);
  }
  assert.equal(model.predict('充值没到账').outOfScope, false);
});

test('very long input and characters that expand under NFKC are handled', () => {
  for (const text of ['㍿'.repeat(3000), 'deposit not credited '.repeat(500), '充值没到账'.repeat(1000)]) {
    const p = model.predict(text);
    assert.ok(Number.isFinite(p.confidence) && p.confidence > 0, `finite confidence for ${text.slice(0, 10)}…`);
  }
  assert.equal(model.predict('充值没到账'.repeat(1000)).intent, 'deposit_not_credited');
});

test('an "oos" label in training is predicted as out of scope', () => {
  const withOos = [
    ...train,
    ...['what is the weather tomorrow', 'tell me a joke', 'who won the football game', '今天天气怎么样', '讲个笑话', '오늘 날씨 어때요'].map((text) => ({ text, intent: OUT_OF_SCOPE })),
  ];
  const m = IntentClassifier.train(withOos, { seed: 3 });
  const p = m.predict('will it rain tomorrow, what is the weather');
  assert.ok(p.outOfScope);
  assert.equal(m.predict('충전 말고 입금이 안 돼요').outOfScope, false);
});

test('the same seed gives the same model; serialising and loading gives identical predictions', () => {
  const again = IntentClassifier.train(train, { seed: 3 });
  assert.deepEqual(serializeModel(again), serializeModel(model));
  const json = JSON.stringify(serializeModel(model));
  const loaded = deserializeModel(json);
  for (const e of [...test_, { text: 'qzxv', intent: '' }]) assert.deepEqual(loaded.predict(e.text), model.predict(e.text));
  assert.deepEqual(deserializeModel(JSON.parse(json)).predict('提现'), model.predict('提现'));
});

test('loading refuses other formats and versions', () => {
  const json = serializeModel(model);
  assert.throws(() => deserializeModel('{'), ModelFormatError);
  assert.throws(() => deserializeModel({ ...json, version: 99 }), /unsupported model version 99/);
  assert.throws(() => deserializeModel({ ...json, format: 'other' }), ModelFormatError);
  const broken = { ...json, members: json.members.map((m) => ({ ...m, bias: '' })) };
  assert.throws(() => deserializeModel(broken), /array sizes/);
});

test('training needs two intents', () => {
  assert.throws(() => IntentClassifier.train([{ text: 'a', intent: 'x' }]), /two intents/);
});

test('pseudoLabel keeps, per intent, the texts the model is surest of', () => {
  const texts = inScope.map((e) => e.text);
  const picked = pseudoLabel(model, texts, 1);
  assert.ok(picked.length > 0 && picked.length <= model.intents.length);
  assert.equal(new Set(picked.map((p) => p.label)).size, picked.length, 'one per intent');
  for (const p of picked) assert.equal(model.intents[p.label], model.predict(p.text).intent);
});

test('unlabelled text teaches words no example used (dense view and self-training); the model still round-trips', () => {
  const examples = [
    ...['my deposit is missing', 'deposit not arrived', 'where is my deposit', 'deposit still pending'].map((text) => ({ text, intent: 'deposit' })),
    ...['my withdrawal is missing', 'withdrawal not arrived', 'where is my withdrawal', 'withdrawal still pending'].map((text) => ({ text, intent: 'withdrawal' })),
  ];
  // "topup" and "cashout" only ever occur in unlabelled text, next to the words they mean.
  const unlabeled = ['deposit topup missing', 'my topup deposit', 'topup deposit pending', 'withdrawal cashout missing', 'my cashout withdrawal', 'cashout withdrawal pending'];
  const plain = IntentClassifier.train(examples, { seed: 1 });
  const taught = IntentClassifier.train(examples, { seed: 1, unlabeled });
  assert.equal(taught.predict('topup').intent, 'deposit');
  assert.equal(taught.predict('cashout').intent, 'withdrawal');
  assert.ok(plain.predict('topup').outOfScope && plain.predict('cashout').outOfScope, 'unknown words without the unlabelled text');
  const loaded = deserializeModel(JSON.stringify(serializeModel(taught)));
  for (const text of ['topup', 'cashout', 'deposit pending', '充值']) assert.deepEqual(loaded.predict(text), taught.predict(text));
});
