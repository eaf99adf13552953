import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { ticketBody } from './testKit.js';

describe('ticket numbers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ TICKET_PREFIX: 'EX' });
  });
  after(() => t.close());

  it('starts at 100001 with the configured prefix', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: ticketBody() });
    assert.equal(res.json().number, 'EX-100001');
  });

  it('gives 200 concurrent creates 200 distinct numbers', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: ticketBody({ subject: `Concurrent ${i}` }) })),
    );
    for (const r of results) assert.equal(r.statusCode, 201, r.body);
    const numbers = results.map((r) => r.json().number as string);
    assert.equal(new Set(numbers).size, 200);
    for (const n of numbers) assert.match(n, /^EX-1\d{5}$/);
  });
});
