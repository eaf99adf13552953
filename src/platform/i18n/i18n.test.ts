import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locales, messageKeys, negotiateLocale, parseAcceptLanguage, matchLocale, t } from './index.js';
import { exactLocale, textCatalogue } from './catalogue.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every catalogue has exactly the same keys and placeholders as English', () => {
  const en = new Set(messageKeys('en'));
  assert.ok(en.size > 100, 'the English catalogue is loaded');
  for (const locale of locales) {
    const keys = new Set(messageKeys(locale));
    assert.deepEqual([...en].filter((k) => !keys.has(k)), [], `${locale} is missing keys`);
    assert.deepEqual([...keys].filter((k) => !en.has(k)), [], `${locale} has keys English lacks`);
    for (const key of keys) {
      assert.deepEqual(placeholders(t(locale, key)), placeholders(t('en', key)), `${locale} ${key} placeholders`);
      assert.ok(t(locale, key).trim(), `${locale} ${key} is empty`);
    }
  }
});

test('translations are not English copies', () => {
  // Product names and codes may stay the same; a sentence may not.
  for (const locale of ['zh-CN', 'ko'] as const) {
    const same = messageKeys('en').filter((k) => t('en', k).length > 25 && t(locale, k) === t('en', k));
    assert.deepEqual(same, [], `${locale} left English text untranslated`);
  }
});

test('t fills placeholders, leaves unknown ones and falls back to the key', () => {
  assert.equal(t('en', 'ticket.title', { number: 'LD-100001' }), 'Request LD-100001');
  assert.equal(t('ko', 'ticket.title', { number: 'LD-100001' }), '문의 LD-100001');
  assert.equal(t('zh-CN', 'ticket.title', { number: 'LD-100001' }), '工单 LD-100001');
  assert.equal(t('en', 'form.attachments.tooBig', { size: '20 MB' }), '{name} is larger than 20 MB and will be rejected.');
  assert.equal(t('en', 'no.such.key'), 'no.such.key');
});

test('locale negotiation: ?lang= beats the cookie, which beats Accept-Language', () => {
  assert.equal(negotiateLocale({ query: 'ko', cookie: 'zh-CN', acceptLanguage: 'en' }), 'ko');
  assert.equal(negotiateLocale({ query: 'xx', cookie: 'zh-CN', acceptLanguage: 'ko' }), 'zh-CN');
  assert.equal(negotiateLocale({ cookie: 'bogus', acceptLanguage: 'fr-FR, ko;q=0.8, en;q=0.5' }), 'ko');
  assert.equal(negotiateLocale({ acceptLanguage: 'en;q=0.3, zh-TW;q=0.9' }), 'zh-CN');
  assert.equal(negotiateLocale({ acceptLanguage: 'ja, fr' }), 'en');
  assert.equal(negotiateLocale({}), 'en');
});

test('Accept-Language parsing orders by quality and drops q=0 and *', () => {
  assert.deepEqual(parseAcceptLanguage('ko-KR,ko;q=0.9,en-US;q=0.8,*;q=0.5,zh;q=0'), ['ko-KR', 'ko', 'en-US']);
  assert.deepEqual(parseAcceptLanguage(undefined), []);
  assert.equal(matchLocale('zh-Hans-CN'), 'zh-CN');
  assert.equal(matchLocale('KO'), 'ko');
  assert.equal(matchLocale('en_GB'), 'en');
  assert.equal(matchLocale('de'), null);
});

test('module catalogues: the nearest language for channel notices, exactly one of three for written text', () => {
  const text = textCatalogue({ en: { hi: 'Hello {name} {missing}' }, 'zh-CN': { hi: '你好 {name}' }, ko: { hi: '안녕하세요 {name}' } });
  assert.equal(text('en', 'hi', { name: 'Ana' }), 'Hello Ana {missing}');
  assert.equal(text('zh-TW', 'hi', { name: '李' }), '你好 李');
  assert.equal(text('ko', 'hi', { name: 3 }), '안녕하세요 3');
  assert.deepEqual(['zh-CN', 'ko', 'zh-TW', 'ja', null, undefined].map(exactLocale), ['zh-CN', 'ko', 'en', 'en', 'en', 'en']);
});
