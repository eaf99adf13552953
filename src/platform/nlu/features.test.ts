import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FEATURES, extractFeatures, VIEW_CHAR, VIEW_WORD, Vectorizer, type SparseRows } from './features.js';
import { DEFAULT_DENSE, DenseView } from './dense.js';

const features = (text: string, view?: number): Set<number> => {
  const out = new Set<number>();
  extractFeatures(text, DEFAULT_FEATURES, (h, v) => {
    if (view === undefined || v === view) out.add(h);
  });
  return out;
};
const shared = (a: Set<number>, b: Set<number>): number => [...a].filter((h) => b.has(h)).length;

test('every script yields word and character features', () => {
  for (const text of ['充值没到账', '입금이 안 돼요', 'deposit not credited', 'USDT没到账 입금']) {
    assert.ok(features(text, VIEW_WORD).size > 0, `word features for ${text}`);
    assert.ok(features(text, VIEW_CHAR).size > 0, `character features for ${text}`);
  }
});

test('folding: traditional and simplified Chinese, full-width and case give the same features', () => {
  assert.deepEqual(features('充幣沒到帳'), features('充币没到账'));
  assert.deepEqual(features('ＵＳＤＴ Deposit'), features('usdt deposit'));
});

test('related forms share features: Korean particles, English inflection, Han bigrams', () => {
  assert.ok(shared(features('입금이', VIEW_WORD), features('입금을', VIEW_WORD)) > 0, '입금 without its particle');
  assert.ok(shared(features('withdrawals', VIEW_WORD), features('withdrawal', VIEW_WORD)) > 0, 'stemmed plural');
  assert.ok(shared(features('充值到账了吗', VIEW_WORD), features('没有到账', VIEW_WORD)) > 0, 'the bigram 到账');
});

test('vectors are L2-normalised per view and ignore unknown features', () => {
  const v = Vectorizer.fit(['deposit not credited', '提现审核中'], DEFAULT_FEATURES);
  const rows = v.transform(['deposit not credited', 'zzzz qqqq']);
  const first = rows.values.subarray(rows.rowStart[0], rows.rowStart[1]);
  const sumSquares = [...first].reduce((s, x) => s + x * x, 0);
  const expected = DEFAULT_FEATURES.wordWeight ** 2 + DEFAULT_FEATURES.charWeight ** 2;
  assert.ok(Math.abs(sumSquares - expected) < 1e-4, `two normalised, weighted views: ${sumSquares} ≠ ${expected}`);
  assert.equal(rows.rowStart[2], rows.rowStart[1], 'nothing known in gibberish');
});

test('with the dense view, training rows and prediction vectors of a text are the same', () => {
  const texts = ['deposit not credited', 'deposit not pending', '提现审核中', '提现审核还没到', '입금 확인 안 돼요', '입금 확인'];
  const dense = DenseView.fit(texts, [], { ...DEFAULT_DENSE, dimensions: 3 });
  const { vectorizer, rows } = Vectorizer.fitTransform(texts, DEFAULT_FEATURES, dense);
  const again = vectorizer.transform(texts);
  const entries = (r: SparseRows, i: number) =>
    [...r.columns.subarray(r.rowStart[i], r.rowStart[i + 1])].map((c, k) => `${c}:${r.values[(r.rowStart[i] as number) + k]}`).sort();
  for (let i = 0; i < texts.length; i++) {
    assert.deepEqual(entries(again, i), entries(rows, i), texts[i]);
    assert.ok(entries(rows, i).some((e) => Number(e.split(':')[0]) >= vectorizer.hashes.length), `${texts[i]} has dense entries`);
  }
});
