import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickLocale, renderTemplate, unknownVariables } from './templates.js';

describe('canned-response templates', () => {
  it('fills in variables, with fallbacks for unknown values, and reports what is missing', () => {
    const text = '{{customer.name | 您好}}，您的工单 {{ticket.number}} 已收到。UID: {{customer.uid}}';
    assert.deepEqual(renderTemplate(text, { 'customer.name': '王先生', 'ticket.number': 'LD-100042', 'customer.uid': '88001234' }), {
      text: '王先生，您的工单 LD-100042 已收到。UID: 88001234',
      missing: [],
    });
    assert.deepEqual(renderTemplate(text, { 'ticket.number': 'LD-100042', 'customer.name': '  ' }), {
      text: '您好，您的工单 LD-100042 已收到。UID: ',
      missing: ['customer.uid'],
    });
  });

  it('leaves text that only looks like a placeholder alone, and names unknown variables', () => {
    const text = 'Use {{ticket.number}} and {{ticket.secret}}; JSON like {"a":{"b":1}} stays.';
    assert.deepEqual(unknownVariables(text), ['ticket.secret']);
    assert.equal(renderTemplate(text, { 'ticket.number': 'LD-1' }).text, 'Use LD-1 and {{ticket.secret}}; JSON like {"a":{"b":1}} stays.');
  });

  it("picks the ticket's language, then English, then any", () => {
    assert.deepEqual(pickLocale({ en: 'Hi', ko: '안녕하세요' }, 'ko'), { locale: 'ko', text: '안녕하세요' });
    assert.deepEqual(pickLocale({ en: 'Hi', ko: '안녕하세요' }, 'zh-CN'), { locale: 'en', text: 'Hi' });
    assert.deepEqual(pickLocale({ ko: '안녕하세요' }, 'zh-CN'), { locale: 'ko', text: '안녕하세요' });
  });
});
