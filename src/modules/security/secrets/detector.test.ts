import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { projectPath } from '../../../platform/paths.js';
import { detectSecrets, redactSecrets } from './detector.js';
import { secretSamples, secretSpan } from './samples.js';

const english12 = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

/** Ordinary things users send support all day, which must come through untouched. */
const ordinary = [
  'My USDT deposit over TRC20 has not arrived, txid 3f1c9e27b04d8f6e5a2b1c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7',
  '提币一直在审核中，交易哈希 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060，地址 0x32Be343B94f860124dC4fEe278FDCBD38C102D88',
  '입금 주소 TQ7xV3n6kqgZr1bX9uN2aYkTc8Lm4RdPeW 로 500 USDT 보냈는데 안 들어왔어요. 주문번호 20261201-883712',
  'I forgot my password and the reset email never arrives',
  'My password is incorrect according to the app, can you reset it?',
  '验证码收不到，手机号 138****5521，已经等了十分钟',
  'Google Authenticator 换手机了，怎么重新绑定？',
  '인증번호가 오지 않아요. 비밀번호를 바꾸고 싶어요',
  'xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmz is my watch-only key',
  'Order 100482913 was cancelled at 14:05, code 404 on the page',
  '从别的交易所提过来没收到',
  'API key permissions: read-only or trading? How do I create one?',
];

describe('secret detection', () => {
  it('finds at least 99% of real-format secrets in zh, en and ko messages', () => {
    const samples = secretSamples(150, 42);
    const missed = samples.filter((s) => {
      const span = secretSpan(s);
      return !detectSecrets(s.message).some((f) => f.start <= span.start && f.end >= span.end);
    });
    assert.ok(missed.length / samples.length <= 0.01, `missed ${missed.length} of ${samples.length}: ${missed.slice(0, 3).map((m) => m.message).join(' | ')}`);
  });

  it('leaves ordinary support messages alone: transaction hashes, addresses, order numbers, public keys', () => {
    for (const text of ordinary) assert.deepEqual(detectSecrets(text), [], text);
  });

  it('flags none of the shipped bot intents’ example messages (zh-CN, en, ko)', () => {
    const intents = parseYaml(readFileSync(projectPath('src', 'modules', 'bot', 'defaults', 'intents.yaml'), 'utf8')) as { examples: Record<string, string[]> }[];
    const texts = intents.flatMap((i) => Object.values(i.examples).flat());
    assert.ok(texts.length > 500);
    assert.deepEqual(texts.filter((t) => detectSecrets(t).length > 0), []);
  });

  it('redacts a seed phrase even with a broken checksum, and says what it was', () => {
    assert.ok(!redactSecrets(english12.replace('accident', 'about')).text.includes('abandon'));
    const { text, kinds } = redactSecrets(`Please help, my words are: ${english12}. Thanks`);
    assert.equal(text, 'Please help, my words are: [redacted:seed_phrase]. Thanks');
    assert.deepEqual(kinds, ['seed_phrase']);
  });

  it('tells a private key from a transaction hash by the words before it', () => {
    const hex = 'e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262';
    assert.deepEqual(redactSecrets(`my private key is ${hex}`).kinds, ['private_key']);
    assert.deepEqual(redactSecrets(`私钥：${hex}`).kinds, ['private_key']);
    assert.deepEqual(redactSecrets(`tx hash ${hex}`).kinds, []);
    assert.deepEqual(redactSecrets(hex).kinds, [], 'a bare one is a transaction hash');
  });

  it('keeps the text around several secrets intact', () => {
    const { text } = redactSecrets('password: Tr0ub4dor&3 and the SMS code is 482913, thanks');
    assert.equal(text, 'password: [redacted:password] and the SMS code is [redacted:one_time_code], thanks');
  });

  it('reads no one-time code inside a hex run: "…302fac1063d4…" in a transaction hash is not "2FA 1063"', () => {
    const hash = '3dd7fcbc5b904ca23ce4b8bc098f08609cea302fac1063d4cf44db54af540a0c';
    assert.deepEqual(detectSecrets(hash), []);
    assert.deepEqual(detectSecrets(`txid ${hash} on ERC20`), []);
    assert.deepEqual(detectSecrets('my 2fa code 1063 stopped working').map((f) => f.kind), ['one_time_code']);
    assert.deepEqual(detectSecrets('OTP:482913').map((f) => f.kind), ['one_time_code']);
  });
});
