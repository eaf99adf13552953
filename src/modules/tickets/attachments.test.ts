import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { EXE_BYTES, HTML_BYTES, PNG_1PX, createTicket, depositFields, multipart, ticketBody } from './testKit.js';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

describe('attachments', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ MAX_ATTACHMENT_BYTES: '4096' });
  });
  after(() => t.close());

  const formFor = (customerId: string, file: { filename: string; data: Buffer; contentType?: string }) =>
    multipart([
      { name: 'subject', value: 'Deposit missing, screenshot attached' },
      { name: 'body', value: 'See the screenshot of my wallet.' },
      { name: 'category', value: 'deposit' },
      { name: 'customerId', value: customerId },
      ...Object.entries(depositFields).map(([k, v]) => ({ name: `fields.${k}`, value: v })),
      { name: 'tags', value: 'screenshot' },
      { name: 'attachments', ...file },
    ]);

  it('accepts a real PNG over multipart and serves it only to those who may read the ticket', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const form = formFor(customer.id, { filename: '../../etc/wallet.png', data: PNG_1PX, contentType: 'text/html' });
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...form.headers }, payload: form.payload });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().tags, ['screenshot']);
    const [message] = (await t.http.inject({ url: `/api/v1/tickets/${res.json().id}/messages`, headers })).json().items;
    const [attachment] = message.attachments;
    assert.equal(attachment.filename, 'wallet.png');
    assert.equal(attachment.contentType, 'image/png', 'from the bytes, not the client');

    const row = await t.ctx.db.selectFrom('attachments').selectAll().where('id', '=', attachment.id).executeTakeFirstOrThrow();
    assert.match(row.storage_key, /^att\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    assert.equal(row.sha256.length, 64);

    const download = await t.http.inject({ url: attachment.url, headers });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.deepEqual(download.rawPayload, PNG_1PX);

    assert.equal((await t.http.inject({ url: attachment.url })).statusCode, 401);
    const owner = await createSession(t.ctx, { type: 'customer', id: customer.id });
    assert.equal((await t.http.inject({ url: attachment.url, cookies: owner.cookies })).statusCode, 200);
    const stranger = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    assert.equal((await t.http.inject({ url: attachment.url, cookies: stranger.cookies })).statusCode, 404);
    const agent = await createAgent(t.ctx);
    const noScope = await createApiToken(t.ctx, agent.id, ['customers:read']);
    assert.equal((await t.http.inject({ url: attachment.url, headers: noScope })).statusCode, 403);
  });

  it('keeps internal-note attachments from the customer', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const ticket = await createTicket(t, headers, { customer: undefined, customerId: customer.id });
    const form = multipart([
      { name: 'body', value: 'Chain explorer screenshot for the wallet team.' },
      { name: 'visibility', value: 'internal' },
      { name: 'attachments', filename: 'explorer.png', data: PNG_1PX },
    ]);
    const note = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: { ...headers, ...form.headers }, payload: form.payload });
    assert.equal(note.statusCode, 201, note.body);
    const url = note.json().attachments[0].url;
    const owner = await createSession(t.ctx, { type: 'customer', id: customer.id });
    assert.equal((await t.http.inject({ url, cookies: owner.cookies })).statusCode, 404);
    assert.equal((await t.http.inject({ url, headers })).statusCode, 200);
  });

  for (const [name, data, filename] of [
    ['an EXE renamed .png', EXE_BYTES, 'invoice.png'],
    ['an HTML page renamed .png', HTML_BYTES, 'proof.png'],
    ['an HTML page named .txt', HTML_BYTES, 'notes.txt'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg'],
  ] as const) {
    it(`refuses ${name} with 415 and stores nothing`, async () => {
      const { headers } = await agentWithToken(t.ctx);
      const customer = await createCustomer(t.ctx);
      const before = filesUnder(join(t.dataDir, 'attachments')).length;
      const form = formFor(customer.id, { filename, data, contentType: 'image/png' });
      const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...form.headers }, payload: form.payload });
      assert.equal(res.statusCode, 415, res.body);
      assert.deepEqual([res.json().error.code, res.json().error.field], ['unsupported_media_type', 'attachments']);
      assert.equal(filesUnder(join(t.dataDir, 'attachments')).length, before);
      const count = await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });
  }

  it('accepts a plain-text log file as text/plain', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const form = formFor(customer.id, { filename: 'api-error.log', data: Buffer.from('2024-05-01 10:00:01 ERROR 429 Too Many Requests /api/v2/spot/order\n') });
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...form.headers }, payload: form.payload });
    assert.equal(res.statusCode, 201, res.body);
  });

  it('refuses an oversized file with 413 and stores nothing', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const before = filesUnder(join(t.dataDir, 'attachments')).length;
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(8192)]);
    const form = formFor(customer.id, { filename: 'big.png', data: big });
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...form.headers }, payload: form.payload });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'payload_too_large');
    assert.equal(filesUnder(join(t.dataDir, 'attachments')).length, before);
  });

  it('names bad multipart fields like JSON ones', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const form = multipart([{ name: 'subject', value: 'x' }, { name: 'body', value: 'y' }, { name: 'category', value: 'nope' }]);
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...form.headers }, payload: form.payload });
    assert.deepEqual([res.statusCode, res.json().error.field], [400, 'category']);
    const proto = multipart([{ name: '__proto__.x', value: '1' }]);
    const bad = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, ...proto.headers }, payload: proto.payload });
    assert.equal(bad.json().error.code, 'field_unknown');
    void ticketBody;
  });
});
