import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCallback, type CallbackValues } from './callback.js';
import { stringsFor } from './locales.js';

/** The widget's own checks of a callback request, before anything is sent (the server repeats them). */
describe('widget: callback request checks', () => {
  const s = stringsFor('en');
  const now = Date.parse('2026-12-02T09:00:00Z');
  // datetime-local values are the visitor's local time; these tests build them from instants.
  const local = (hoursFromNow: number) => {
    const d = new Date(now + hoursFromNow * 3600_000);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  const base: CallbackValues = { phone: '+82 10-1234-5678', topic: 'deposit', from: '', to: '', note: '' };

  it('sends the number in international form, the topic and, when given, the window with its time zone', () => {
    assert.deepEqual(checkCallback(base, s, now), { errors: {}, body: { phone: '+821012345678', topic: 'deposit' } });
    const { body } = checkCallback({ ...base, from: local(2), to: local(3), note: '  USDT deposit missing  ' }, s, now);
    assert.equal(body?.preferredFrom, new Date(now + 2 * 3600_000).toISOString());
    assert.equal(body?.preferredTo, new Date(now + 3 * 3600_000).toISOString());
    assert.ok(body?.timezone);
    assert.equal(body?.note, 'USDT deposit missing');
  });

  it('names the field at fault and sends nothing', () => {
    const cases: [Partial<CallbackValues>, keyof ReturnType<typeof checkCallback>['errors'], string][] = [
      [{ phone: '010-1234-5678' }, 'phone', s.cbErrorPhone],
      [{ phone: '+0 123' }, 'phone', s.cbErrorPhone],
      [{ topic: '' }, 'topic', s.cbErrorTopic],
      [{ from: local(2) }, 'to', s.cbErrorBothEnds],
      [{ to: local(2) }, 'from', s.cbErrorBothEnds],
      [{ from: local(3), to: local(2) }, 'to', s.cbErrorWindow],
      [{ from: local(-3), to: local(-1) }, 'to', s.cbErrorWindow],
      [{ from: local(15 * 24), to: local(15 * 24 + 1) }, 'from', s.cbErrorAhead],
    ];
    for (const [change, field, text] of cases) {
      const out = checkCallback({ ...base, ...change }, s, now);
      assert.equal(out.body, undefined, JSON.stringify(change));
      assert.equal(out.errors[field], text, JSON.stringify(change));
    }
  });
});
