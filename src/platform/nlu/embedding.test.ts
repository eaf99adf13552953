import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_EMBEDDING, learnWordVectors, symmetricEigen } from './embedding.js';
import { hashTerms } from './features.js';
import { DenseView, DEFAULT_DENSE } from './dense.js';

test('symmetricEigen: A·v = λ·v for every pair', () => {
  const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
  const { values, vectors } = symmetricEigen(a.slice(), 3);
  for (let e = 0; e < 3; e++) {
    for (let i = 0; i < 3; i++) {
      let av = 0;
      for (let k = 0; k < 3; k++) av += (a[i * 3 + k] as number) * (vectors[k * 3 + e] as number);
      assert.ok(Math.abs(av - (values[e] as number) * (vectors[i * 3 + e] as number)) < 1e-9, `pair ${e}, row ${i}`);
    }
  }
});

const cosine = (wv: ReturnType<typeof learnWordVectors>, a: string, b: string): number => {
  const row = (w: string) => [...wv.hashes].indexOf(hashTerms(w)[0] as number);
  const [i, j] = [row(a), row(b)];
  assert.ok(i >= 0 && j >= 0, `${a} and ${b} have vectors`);
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let k = 0; k < wv.dimensions; k++) {
    const x = wv.vectors[i * wv.dimensions + k] as number;
    const y = wv.vectors[j * wv.dimensions + k] as number;
    dot += x * y;
    ni += x * x;
    nj += y * y;
  }
  return dot / Math.sqrt(ni * nj);
};

// Words used in the same company (deposit/topup, weather/rain) in zh, en and ko.
const texts = [
  ...['my deposit is missing', 'deposit not arrived yet', 'where is my deposit money', 'deposit still pending'],
  ...['my topup is missing', 'topup not arrived yet', 'where is my topup money', 'topup still pending'],
  ...['the weather is sunny today', 'will the weather be cold', 'rain is sunny today', 'will rain be cold'],
  ...['充值没到账', '充值还没到', '入金没到账', '入金还没到'],
  ...['입금이 안 돼요 계좌', '입금 확인 계좌', '충전이 안 돼요 계좌', '충전 확인 계좌'],
];

test('words used alike get similar vectors, words used differently do not', () => {
  const wv = learnWordVectors(texts, { ...DEFAULT_EMBEDDING, dimensions: 8 });
  assert.ok(cosine(wv, 'deposit', 'topup') > 0.8, 'deposit ~ topup');
  assert.ok(cosine(wv, 'weather', 'rain') > 0.8, 'weather ~ rain');
  assert.ok(cosine(wv, 'deposit', 'weather') < cosine(wv, 'deposit', 'topup') - 0.3, 'deposit ≁ weather');
  assert.deepEqual(learnWordVectors(texts, { ...DEFAULT_EMBEDDING, dimensions: 8 }), wv, 'deterministic for a seed');
});

test('the dense view: normalised, weighted, empty for unknown words; unlabelled text adds vocabulary', () => {
  const view = DenseView.fit(texts.slice(0, 8), [], { ...DEFAULT_DENSE, dimensions: 4, weight: 0.5 });
  const columns = new Int32Array(8);
  const values = new Float32Array(8);
  assert.equal(view.embed(hashTerms('my deposit is late'), 10, columns, values, 2), 4);
  assert.deepEqual([...columns.subarray(2, 6)], [10, 11, 12, 13]);
  const norm = Math.sqrt([...values.subarray(2, 6)].reduce((s, v) => s + v * v, 0));
  assert.ok(Math.abs(norm - 0.5) < 1e-5, `norm ${norm}`);
  assert.equal(view.embed(hashTerms('qzxv plmk'), 0, columns, values, 0), 0);
  assert.equal(view.embed(hashTerms('weather sunny'), 0, columns, values, 0), 0, 'not in the examples');
  const wider = DenseView.fit(texts.slice(0, 8), texts.slice(8), { ...DEFAULT_DENSE, dimensions: 4 });
  assert.equal(wider.embed(hashTerms('weather sunny'), 0, columns, values, 0), 4, 'learned from the unlabelled text');
});
