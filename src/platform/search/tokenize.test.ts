import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from './normalize.js';
import { koreanStem, stem, tokenize } from './tokenize.js';
import { boundedDistance } from './fuzzy.js';

const terms = (text: string): string[] => tokenize(text).filter((t) => !t.stop).map((t) => t.term);

test('Chinese is indexed as overlapping bigrams, so 充值 and 到账 stay whole', () => {
  assert.deepEqual(terms('充值未到账'), ['充值', '值未', '未到', '到账']);
  assert.deepEqual(terms('币'), ['币'], 'a single character stays a token');
});

test('Korean words yield the word, the word without its particle, and bigrams', () => {
  const t = terms('입금이 안 돼요');
  assert.ok(t.includes('입금이'));
  assert.ok(t.includes('입금'), 'the particle 이 is stripped');
  assert.ok(!t.includes('안'), '안 is a function word');
  assert.equal(koreanStem('출금을'), '출금');
  assert.equal(koreanStem('주소'), '');
});

test('mixed scripts split at script boundaries', () => {
  assert.deepEqual(terms('USDT没到账'), ['usdt', '没到', '到账']);
  assert.deepEqual(terms('TRC20 입금'), ['trc20', '입금']);
  assert.deepEqual(terms('ERC-20地址'), ['erc', '20', '地址']);
});

test('English words are lightly stemmed and function words dropped', () => {
  assert.deepEqual(terms('How do I withdraw my deposits?'), ['withdraw', 'deposit']);
  assert.equal(stem('withdrawals'), 'withdrawal');
  assert.equal(stem('arrived'), stem('arrive'));
  assert.equal(stem('trading'), stem('trade'));
  assert.equal(stem('addresses'), 'address');
  assert.equal(stem('fees'), 'fee');
});

test('tokens keep offsets into the original text', () => {
  const [first, second] = tokenize('ＵＳＤＴ 充值');
  assert.deepEqual([first?.term, first?.start, first?.end], ['usdt', 0, 4]);
  assert.deepEqual([second?.term, second?.start, second?.end], ['充值', 5, 7]);
});

test('normalization folds width, case, accents and traditional characters', () => {
  assert.equal(normalize('ＵＳＤＴ'), 'usdt');
  assert.equal(normalize('幣'), '币');
  assert.equal(normalize('充幣未到帳'), '充币未到账');
  assert.equal(normalize('  Café   Ｄｅｐｏｓｉｔ '), 'cafe deposit');
  assert.equal(normalize('입금'), '입금', 'Hangul is not decomposed into jamo');
  assert.deepEqual(terms('錢包地址'), ['钱包', '包地', '地址']);
});

test('bounded edit distance counts transpositions and stops early', () => {
  assert.equal(boundedDistance('withdrawl', 'withdrawal', 2), 1);
  assert.equal(boundedDistance('authentificator', 'authenticator', 2), 2);
  assert.equal(boundedDistance('wihtdraw', 'withdraw', 2), 1);
  assert.equal(boundedDistance('deposit', 'liquidation', 2), 3);
});
