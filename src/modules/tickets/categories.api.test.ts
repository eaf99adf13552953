import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createCustomer, createSession } from '../../../test/factories.js';

describe('GET /api/v1/categories', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('answers 401 without credentials and 403 to a customer', async () => {
    const anon = await t.http.inject({ url: '/api/v1/categories' });
    assert.deepEqual([anon.statusCode, anon.json().error.code], [401, 'unauthenticated']);
    const customer = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    const res = await t.http.inject({ url: '/api/v1/categories', cookies: customer.cookies });
    assert.deepEqual([res.statusCode, res.json().error.code], [403, 'forbidden']);
  });

  it('lists every category with its fields labelled in the asked language', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({ url: '/api/v1/categories?locale=zh-CN', headers });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { value: string; label: string; fields: { name: string; label: string; required: boolean; options?: { value: string; label: string }[] }[] }[];
    assert.equal(items.length, 11);
    const deposit = items.find((c) => c.value === 'deposit')!;
    assert.deepEqual(deposit.fields.map((f) => f.name), ['coin', 'network', 'amount', 'txHash', 'address', 'memo']);
    assert.equal(deposit.fields.find((f) => f.name === 'memo')!.required, false);
    assert.match(deposit.label, /[\u4e00-\u9fff]/);
    const kyc = items.find((c) => c.value === 'kyc')!;
    const documentType = kyc.fields.find((f) => f.name === 'documentType')!;
    assert.deepEqual(documentType.options!.map((o) => o.value), ['passport', 'national_id', 'driving_license', 'residence_permit']);
    assert.match(documentType.options![0]!.label, /护照/);
  });

  it('refuses an unknown language, naming the field', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({ url: '/api/v1/categories?locale=fr', headers });
    assert.deepEqual([res.statusCode, res.json().error.code, res.json().error.field], [400, 'field_invalid', 'query.locale']);
  });
});
