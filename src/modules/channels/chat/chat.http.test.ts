import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { agentWithToken, seedArticles } from '../../../../test/factories.js';
import { multipart, PNG_1X1 } from '../../portal/portalTesting.js';
import { clientId, customer, startChat } from './chatTesting.js';

describe('chat HTTP: settings, uploads, widget and demo page', () => {
  let app: TestApp;
  let baseUrl: string;

  before(async () => {
    app = await createTestApp();
    baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
  });

  it('widget settings: 401 without credentials, 403 for an agent, admins read and write; the key is never returned', async () => {
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/chat/settings' })).statusCode, 401);
    const agent = await agentWithToken(app.ctx, 'supervisor');
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/chat/settings', headers: agent.headers })).statusCode, 403);
    assert.equal((await app.http.inject({ method: 'PUT', url: '/api/v1/chat/settings', headers: agent.headers, payload: { colours: { primary: '#000000' } } })).statusCode, 403);

    const { headers } = await agentWithToken(app.ctx, 'admin');
    const secret = 'a-brand-new-hs256-secret-of-the-exchange-0001';
    const put = await app.http.inject({
      method: 'PUT', url: '/api/v1/chat/settings', headers,
      payload: { colours: { primary: '#0ecb81' }, greeting: { ko: '안녕하세요!' }, identity: { algorithm: 'HS256', key: secret } },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.doesNotMatch(put.body, new RegExp(secret));
    const got = (await app.http.inject({ method: 'GET', url: '/api/v1/chat/settings', headers })).json() as { colours: { primary: string }; identity: { algorithm: string; source: string } };
    assert.equal(got.colours.primary, '#0ecb81');
    assert.deepEqual({ algorithm: got.identity.algorithm, source: got.identity.source }, { algorithm: 'HS256', source: 'settings' });

    const short = await app.http.inject({ method: 'PUT', url: '/api/v1/chat/settings', headers, payload: { identity: { algorithm: 'HS256', key: 'short' } } });
    assert.equal(short.statusCode, 400);
    assert.equal((short.json() as { error: { field: string } }).error.field, 'identity.key');
    const notPem = await app.http.inject({ method: 'PUT', url: '/api/v1/chat/settings', headers, payload: { identity: { algorithm: 'ES256', key: 'not a key' } } });
    assert.equal(notPem.statusCode, 400);

    const config = (await app.http.inject({ method: 'GET', url: '/api/v1/chat/widget-config?locale=ko' })).json() as { greeting: string; topics: { value: string }[]; alerts: unknown[] };
    assert.equal(config.greeting, '안녕하세요!');
    assert.equal(config.topics.length, 11);
    assert.deepEqual(config.alerts, []);
  });

  it('the widget carries the security alerts published in the help center, in the visitor\'s language', async () => {
    await seedArticles(app.ctx, ['security-alert-telegram-impersonation', 'api-key-create-permissions']);
    const alertsFor = async (locale: string) => ((await app.http.inject({ method: 'GET', url: `/api/v1/chat/widget-config?locale=${locale}` })).json() as { alerts: { title: string; url: string }[] }).alerts;
    const ko = await alertsFor('ko');
    assert.deepEqual(ko.map((a) => a.url), ['/help/ko/articles/security-alert-telegram-impersonation'], 'ordinary articles are not alerts');
    assert.match(ko[0]!.title, /사칭/);
    assert.match((await alertsFor('zh-CN'))[0]!.title, /冒充/);
  });

  it('an ES256 public key verifies tokens signed with the exchange\'s private key', async () => {
    const { headers } = await agentWithToken(app.ctx, 'admin');
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const res = await app.http.inject({
      method: 'PUT', url: '/api/v1/chat/settings', headers,
      payload: { identity: { algorithm: 'ES256', key: publicKey.export({ type: 'spki', format: 'pem' }).toString() } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const token = await new SignJWT({ name: 'Lee' }).setProtectedHeader({ alg: 'ES256' }).setSubject('UID-ES256').setExpirationTime('5m').sign(privateKey);
    const { client, hello } = await customer(baseUrl, { identity: token });
    assert.equal(hello.identity, 'verified');
    client.close();
    await app.http.inject({ method: 'PUT', url: '/api/v1/chat/settings', headers, payload: { identity: null } });
  });

  it('uploads an image into a chat with the chat token; the customer socket receives it with a signed file link', async () => {
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client);
    const listener = await customer(baseUrl, { chatTokens: [chat.chatToken] });
    await listener.client.request({ type: 'chat.resume', chatId: chat.chatId });
    const form = await multipart({ clientId: clientId() }, [{ field: 'file', filename: 'receipt.png', type: 'image/png', data: PNG_1X1 }]);
    const url = `/api/v1/chat/${chat.chatId}/messages`;
    assert.equal((await app.http.inject({ method: 'POST', url, ...form })).statusCode, 400);
    assert.equal((await app.http.inject({ method: 'POST', url, payload: form.payload, headers: { ...form.headers, 'x-chat-token': 'guest.nope.1.x' } })).statusCode, 401);
    const res = await app.http.inject({ method: 'POST', url, payload: form.payload, headers: { ...form.headers, 'x-chat-token': chat.chatToken } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const live = await listener.client.next('message', (f) => (f.message as { attachments: unknown[] }).attachments.length === 1);
    const file = (live.message as { attachments: { url: string; contentType: string }[] }).attachments[0]!;
    assert.equal(file.contentType, 'image/png');
    const download = await app.http.inject({ method: 'GET', url: file.url });
    assert.equal(download.statusCode, 200, download.body);
    assert.deepEqual(download.rawPayload, PNG_1X1);
    assert.equal((await app.http.inject({ method: 'GET', url: file.url.slice(0, -3) + 'xyz' })).statusCode, 404);

    const html = await multipart({ clientId: clientId() }, [{ field: 'file', filename: 'x.html', type: 'text/html', data: Buffer.from('<script>alert(1)</script>') }]);
    const refused = await app.http.inject({ method: 'POST', url, payload: html.payload, headers: { ...html.headers, 'x-chat-token': chat.chatToken } });
    assert.equal(refused.statusCode, 415);
    const preflight = await app.http.inject({ method: 'OPTIONS', url });
    assert.equal(preflight.statusCode, 204);
    client.close();
    listener.client.close();
  });

  it('serves /widget.js (≤ 60 KB gzip) with an ETag, its hashed stylesheet, and the demo page under a strict CSP', async () => {
    const js = await app.http.inject({ method: 'GET', url: '/widget.js' });
    assert.equal(js.statusCode, 200);
    const gzipped = gzipSync(js.rawPayload).length;
    assert.ok(gzipped <= 60 * 1024, `widget.js is ${gzipped} bytes gzipped`);
    assert.match(String(js.headers['cache-control']), /max-age=300/);
    const again = await app.http.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': String(js.headers.etag) } });
    assert.equal(again.statusCode, 304);
    const cssFile = /widget\.[0-9a-f]{12}\.css/.exec(js.body)?.[0];
    assert.ok(cssFile);
    const css = await app.http.inject({ method: 'GET', url: `/widget/${cssFile}` });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['cache-control']), /immutable/);

    const demo = await app.http.inject({ method: 'GET', url: '/chat-demo?lang=zh-CN' });
    assert.equal(demo.statusCode, 200);
    const csp = String(demo.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal((demo.body.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(demo.body, /<style|style=/);
    assert.match(demo.body, /<script src="\/widget.js" data-locale="zh-CN"/);
  });
});
