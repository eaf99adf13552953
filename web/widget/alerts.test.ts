import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyParts, securityAlert } from './alerts.js';
import { stringsFor } from './locales.js';

/** The widget's side of the secret screening: what the customer reads after a redaction. */
describe('widget: security alert after a redaction', () => {
  it('names what was removed from the customer\'s own message, in the widget\'s language', () => {
    assert.deepEqual(bodyParts('my phrase is [redacted:seed_phrase] please check', stringsFor('en')), [
      { text: 'my phrase is ' }, { removed: 'removed: recovery phrase' }, { text: ' please check' },
    ]);
    assert.deepEqual(bodyParts('私钥 [redacted:private_key]，密码[redacted:password]', stringsFor('zh-CN')), [
      { text: '私钥 ' }, { removed: '已删除： 私钥' }, { text: '，密码' }, { removed: '已删除： 密码' },
    ]);
    assert.deepEqual(bodyParts('[redacted:api_secret]', stringsFor('ko')), [{ removed: '삭제됨: API 시크릿' }]);
    assert.deepEqual(bodyParts('nothing secret here [redacted]', stringsFor('en')), [{ text: 'nothing secret here [redacted]' }]);
  });

  it('turns the server\'s warning (meta.secretWarning) into an alert saying what to do; other messages are not alerts', () => {
    const en = securityAlert({ secretWarning: ['seed_phrase', 'private_key', 'extended_private_key'], about: 'm1' }, stringsFor('en'));
    assert.deepEqual(en?.kinds, ['recovery phrase', 'private key']);
    assert.match(en!.title, /Security warning/);
    assert.match(en!.actions, /move your funds to a new wallet, delete that API key, change your password/);
    assert.match(securityAlert({ secretWarning: ['api_secret'] }, stringsFor('ko'))!.actions, /새 지갑으로 옮기고, 해당 API 키를 삭제하고/);
    assert.match(securityAlert({ secretWarning: ['password'] }, stringsFor('zh-CN'))!.title, /安全提醒/);
    assert.equal(securityAlert({ choices: [] }, stringsFor('en')), null);
    assert.equal(securityAlert({ secretWarning: [] }, stringsFor('en')), null);
  });
});
