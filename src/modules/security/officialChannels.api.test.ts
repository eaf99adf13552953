import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

interface Check {
  verdict: string;
  kind: string | null;
  checked: string;
  match: { value: string; label: string } | null;
  headline: string;
  advice: string;
  locale: string;
}

describe('official channels', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let supervisor: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
  });
  after(() => t.close());

  const add = (payload: object, headers = admin) => t.http.inject({ method: 'POST', url: '/api/v1/official-channels', headers, payload });
  const check = async (value: string, lang = 'en') => {
    const res = await t.http.inject({ method: 'GET', url: `/api/v1/official-channels/check?value=${encodeURIComponent(value)}`, headers: { 'accept-language': lang } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Check;
  };

  it('lets admins keep the registry, normalised and audited', async () => {
    const site = await add({ kind: 'domain', value: 'https://WWW.LedgerX.example/', label: 'Official website' });
    assert.equal(site.statusCode, 201, site.body);
    assert.equal((site.json() as { channel: { value: string } }).channel.value, 'www.ledgerx.example');
    assert.equal((await add({ kind: 'domain', value: 'ledgerx.example', label: 'Official website' })).statusCode, 201);
    assert.equal((await add({ kind: 'telegram', value: '@LedgerX_Official', label: 'Telegram announcements' })).statusCode, 201);
    assert.equal((await add({ kind: 'email', value: '@ledgerx.example', label: 'Support email' })).statusCode, 201);
    assert.equal((await add({ kind: 'phone', value: '+82 1588-1234', label: 'Hotline' })).statusCode, 201);
    const dup = await add({ kind: 'telegram', value: 't.me/ledgerx_official', label: 'Again' });
    assert.equal(dup.statusCode, 409);
    assert.equal((dup.json() as { error: { field: string } }).error.field, 'value');
    const list = (await t.http.inject({ method: 'GET', url: '/api/v1/official-channels' })).json() as { items: { kind: string; value: string }[] };
    assert.deepEqual(list.items.map((i) => `${i.kind}:${i.value}`).sort(), ['domain:ledgerx.example', 'domain:www.ledgerx.example', 'email:@ledgerx.example', 'phone:+8215881234', 'telegram:ledgerx_official']);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'official_channel.%').execute();
    assert.equal(audit.length, 5);
  });

  it('answers anyone "is this really you?" with the verdict and advice in their language', async () => {
    const official = await check('https://ledgerx.example/zh-CN/login');
    assert.equal(official.verdict, 'official');
    assert.match(official.headline, /is official: it is our Official website/);
    const fake = await check('https://ledgerx-support.com/verify', 'zh-CN,zh;q=0.9');
    assert.equal(fake.verdict, 'impersonation');
    assert.equal(fake.locale, 'zh-CN');
    assert.match(fake.headline, /不是我们的渠道，它在仿冒我们的Official website（ledgerx\.example）/);
    assert.match(fake.advice, /请勿在该处登录/);
    const handle = await check('@ledgerx_support_0fficial', 'ko');
    assert.equal(handle.verdict, 'impersonation');
    assert.match(handle.headline, /사칭/);
    assert.equal((await check('+82 1588 1234')).verdict, 'official');
    assert.equal((await check('someone@gmail.com')).verdict, 'unknown');
  });

  it('shows the check on a help-center page that works without JavaScript, text escaped', async () => {
    const page = await t.http.inject({ method: 'GET', url: `/help/en/verify?value=${encodeURIComponent('https://ledgerx-help.com/<script>alert(1)</script>')}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Is this really us\?<\/h1>/);
    assert.match(page.body, /verdict-impersonation/);
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.match(page.body, /<code>@ledgerx_official<\/code> — Telegram announcements/);
    const ko = await t.http.inject({ method: 'GET', url: '/help/ko/verify' });
    assert.match(ko.body, /정말 저희가 맞나요\?/);
  });

  it('rejects bad entries naming the field, and strangers', async () => {
    const cases: [object, string][] = [
      [{ kind: 'domain', value: 'not a domain', label: 'x' }, 'value'],
      [{ kind: 'phone', value: 'call us', label: 'x' }, 'value'],
      [{ kind: 'email', value: 'nobody', label: 'x' }, 'value'],
      [{ kind: 'fax', value: '+1 555 0100', label: 'x' }, 'kind'],
      [{ kind: 'x', value: '@ok_handle', label: '' }, 'label'],
    ];
    for (const [payload, field] of cases) {
      const res = await add(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal((res.json() as { error: { field: string } }).error.field, field, JSON.stringify(payload));
    }
    assert.equal((await add({ kind: 'x', value: '@ledgerx', label: 'X' }, supervisor)).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/official-channels', payload: { kind: 'x', value: '@ledgerx', label: 'X' } })).statusCode, 401);
    const missing = await t.http.inject({ method: 'GET', url: '/api/v1/official-channels/check' });
    assert.equal(missing.statusCode, 400);
  });

  it('removes an entry, audited, after which it is no longer official', async () => {
    const list = (await t.http.inject({ method: 'GET', url: '/api/v1/official-channels' })).json() as { items: { id: string; kind: string }[] };
    const phone = list.items.find((i) => i.kind === 'phone')!;
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/official-channels/${phone.id}`, headers: supervisor })).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/official-channels/${phone.id}`, headers: admin })).statusCode, 204);
    assert.equal((await check('+82 1588 1234')).verdict, 'unknown');
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/official-channels/${phone.id}`, headers: admin })).statusCode, 404);
  });
});
