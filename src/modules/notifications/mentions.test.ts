import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mentionedEmails } from './mentions.js';

describe('mentions', () => {
  it('finds colleagues mentioned by email in notes written in any language', () => {
    assert.deepEqual(mentionedEmails('@li.wei@desk.example 请帮忙查一下这笔 TRC20 充值，@Kim.Minji@desk.example 확인 부탁드려요.'), ['li.wei@desk.example', 'kim.minji@desk.example']);
    assert.deepEqual(mentionedEmails('(@ops@desk.example), @ops@desk.example.'), ['ops@desk.example']);
  });

  it('ignores plain email addresses and lone @ signs', () => {
    assert.deepEqual(mentionedEmails('Customer wrote from trader@example.com; reply @ 10:00, or @ someone'), []);
  });
});
