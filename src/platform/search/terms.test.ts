import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentTerms, queryTerms } from './terms.js';

const terms = (text: string) => documentTerms(text).split(' ');
const query = (q: string) => queryTerms(q).map((t) => `${t.text}${t.prefix ? '*' : ''}`);

test('Han text is indexed as bigrams plus the run’s last character, so every character starts a term', () => {
  assert.deepEqual(terms('充值未到账'), ['充值', '值未', '未到', '到账', '账']);
  assert.deepEqual(query('币'), ['币*'], 'one character: a prefix of the bigram it starts, or the last character');
  assert.deepEqual(query('未到账'), ['未到', '到账'], 'longer words: all of their bigrams');
  assert.deepEqual(query('提幣'), ['提币'], 'traditional characters fold to simplified');
});

test('Korean words are indexed with and without their particle, and by syllable bigrams', () => {
  assert.deepEqual(terms('비밀번호를 잊었어요'), ['비밀번호를', '비밀번호', '비밀', '밀번', '번호', '호를', '잊었어요', '잊었어', '잊었', '었어', '어요']);
  assert.deepEqual(query('출금이'), ['출금*'], 'the particle goes; a two-syllable stem is a prefix');
  assert.deepEqual(query('비밀번호가'), ['비밀', '밀번', '번호'], 'a longer stem: its bigrams, whatever particle the text used');
  assert.deepEqual(query('안'), [], 'function words are not searched');
});

test('Latin words are stemmed and searched as prefixes; hashes and UIDs stay whole; punctuation never reaches a term', () => {
  assert.deepEqual(terms('Deposits credited? TxID 0xAbC123, mail ALICE@Example.com'), ['deposit', 'credit', 'txid', '0xabc123', 'mail', 'alic', 'exampl', 'com']);
  assert.deepEqual(query('withdr'), ['withdr*']);
  assert.deepEqual(query('the x'), ['x'], 'stop words dropped, a lone letter is exact');
  assert.deepEqual(query(`%_'"\\ --`), [], 'nothing searchable');
  const hash = `0x${'ab'.repeat(32)}`;
  assert.ok(terms(hash).includes(hash), 'a whole 66-character hash is one term');
});
