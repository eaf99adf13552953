import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageAtPrecision, evaluate, percentile } from './metrics.js';

test('accuracy, macro-F1, out-of-scope recall and in-scope accuracy', () => {
  const m = evaluate([
    { gold: 'a', predicted: 'a', confidence: 0.9 },
    { gold: 'a', predicted: 'b', confidence: 0.4 },
    { gold: 'b', predicted: 'b', confidence: 0.8 },
    { gold: 'oos', predicted: 'oos', confidence: 0.2 },
    { gold: 'oos', predicted: 'a', confidence: 0.3 },
  ]);
  assert.equal(m.accuracy, 3 / 5);
  assert.equal(m.outOfScopeRecall, 1 / 2);
  assert.equal(m.inScopeAccuracy, 2 / 3);
  // F1: a = 2·(1/2·1/2)/(1) = 0.5, b = 2·(1/2·1)/(1.5) = 2/3, oos = 2·(1·1/2)/(1.5) = 2/3
  assert.ok(Math.abs(m.macroF1 - (0.5 + 2 / 3 + 2 / 3) / 3) < 1e-12);
  assert.equal(evaluate([{ gold: 'a', predicted: 'a', confidence: 1 }]).outOfScopeRecall, undefined);
});

test('coverage at precision answers the most confident first and stops where precision would drop', () => {
  const judged = [0.99, 0.98, 0.97, 0.96, 0.5, 0.4].map((confidence, i) => ({ gold: 'x', predicted: i === 4 ? 'y' : 'x', confidence }));
  assert.equal(coverageAtPrecision(judged, 0.95), 4 / 6);
  assert.equal(coverageAtPrecision(judged, 0.8), 1);
  assert.equal(coverageAtPrecision([{ gold: 'x', predicted: 'y', confidence: 1 }], 0.95), 0);
});

test('percentiles of sorted samples', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 99), 99);
  assert.equal(percentile([], 99), 0);
});
