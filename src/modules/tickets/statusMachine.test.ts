import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { statuses, type Status } from './categories.js';
import { canTransition, transitions } from './statusMachine.js';
import { createTicket } from './testKit.js';

describe('status machine', () => {
  it('allows only the documented transitions', () => {
    assert.equal(canTransition('new', 'open'), true);
    assert.equal(canTransition('solved', 'open'), true);
    assert.equal(canTransition('open', 'closed'), false, 'close only after solving');
    assert.equal(canTransition('open', 'new'), false);
    for (const to of statuses) assert.equal(canTransition('closed', to), false);
    for (const from of statuses) assert.equal(transitions[from].includes(from), false, `${from} → itself is not a transition`);
  });

  describe('through the API', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp();
    });
    after(() => t.close());

    it('walks new → pending → on_hold → solved → open → solved → closed and keeps the timestamps', async () => {
      const { headers } = await agentWithToken(t.ctx);
      const ticket = await createTicket(t, headers);
      const set = async (status: Status) => {
        const res = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status } });
        assert.equal(res.statusCode, 200, `${status}: ${res.body}`);
        return res.json();
      };
      await set('pending');
      await set('on_hold');
      const solved = await set('solved');
      assert.ok(solved.solvedAt);
      const reopened = await set('open');
      assert.equal(reopened.solvedAt, null);
      await set('solved');
      const closed = await set('closed');
      assert.ok(closed.closedAt);
      assert.deepEqual(closed.abilities.nextStatuses, []);

      const again = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status: 'open' } });
      assert.equal(again.statusCode, 409);
      assert.deepEqual([again.json().error.code, again.json().error.field], ['transition_not_allowed', 'status']);
      const timeline = (await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/timeline`, headers })).json().items;
      assert.equal(timeline.filter((e: { type: string }) => e.type === 'status_changed').length, 6);
    });

    it('refuses open → closed and open → new', async () => {
      const { headers } = await agentWithToken(t.ctx);
      const ticket = await createTicket(t, headers);
      await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status: 'open' } });
      for (const status of ['closed', 'new']) {
        const res = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status } });
        assert.equal(res.statusCode, 409, status);
        assert.equal(res.json().error.code, 'transition_not_allowed');
      }
      const bad = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status: 'done' } });
      assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'status']);
    });
  });
});
