import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { startCallbackRecorder, type CallbackRecorder } from '../../../../test/loopback/connectorCallbacks.js';
import { agentOn, createTeam } from '../../routing/testKit.js';
import { DELIVER_REPLY_JOB } from '../index.js';
import { signatureHeadersFor, signatureOf } from '../../../platform/http/signedRequests.js';

/**
 * The generic connector against a loopback bridge endpoint: admins register it, the bridge posts
 * signed events shaped like fixtures/events.json, the bot and agents answer through signed
 * callbacks; forged, stale and malformed posts, duplicates, a bridge that is down or refuses.
 */
type FixtureName = 'depositKo' | 'withdrawalKo' | 'handoverKo' | 'seedPhraseEn' | 'screenshotEn';
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/events.json', import.meta.url), 'utf8')) as Record<FixtureName, Record<string, unknown>>;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('generic connector', () => {
  let t: TestApp;
  let bridge: CallbackRecorder;
  let admin: Record<string, string>;
  let inboundSecret: string;
  const path = '/api/v1/channels/connectors/kakaotalk/messages';
  const post = (event: unknown, opts: { secret?: string; headers?: Record<string, string>; name?: string } = {}) => {
    const body = JSON.stringify(event);
    return t.http.inject({
      method: 'POST', url: opts.name ? path.replace('kakaotalk', opts.name) : path, payload: body,
      headers: { 'content-type': 'application/json', ...(opts.headers ?? signatureHeadersFor(opts.secret ?? inboundSecret, [body])) },
    });
  };
  const drain = async () => {
    for (let i = 0; i < 4; i++) await t.ctx.relay.drain();
  };
  const deliver = async (event: Record<string, unknown>) => {
    const res = await post(event);
    assert.equal(res.statusCode, 202, res.body);
    await drain();
  };
  const count = async (table: 'jobs' | 'customers' | 'messages' | 'channel_identities') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const conversationOf = async (userId: string) =>
    t.ctx.db.selectFrom('channel_identities').innerJoin('tickets', 'tickets.customer_id', 'channel_identities.customer_id').innerJoin('chats', 'chats.ticket_id', 'tickets.id')
      .select(['tickets.id', 'tickets.channel', 'tickets.locale', 'tickets.customer_id as customerId', 'chats.state'])
      .where('channel_identities.channel', '=', 'connector').where('channel_identities.external_id', 'like', `%:${userId}`).orderBy('tickets.id', 'desc').executeTakeFirst();
  const messagesOf = (ticketId: string) => t.ctx.db.selectFrom('messages').select(['id', 'author_type', 'body', 'visibility', 'channel']).where('ticket_id', '=', ticketId).orderBy('id').execute();
  const callbacksTo = (userId: string) => bridge.received.filter((c) => c.body.userId === userId);
  const userOf = (name: FixtureName) => String(fixtures[name].userId);

  before(async () => {
    bridge = await startCallbackRecorder();
    t = await createTestApp({ SEED_HELP_CENTER: 'true' });
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
  });
  after(async () => {
    await t.close();
    await bridge.stop();
  });

  it('admins register a connector (secrets shown once, audited); agents and strangers cannot; bad fields are named', async () => {
    const body = { name: 'kakaotalk', displayName: 'KakaoTalk', callbackUrl: bridge.url };
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/connectors', payload: body })).statusCode, 401);
    const agent = (await agentWithToken(t.ctx, 'agent')).headers;
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/connectors', headers: agent, payload: body })).statusCode, 403);
    for (const [payload, field] of [[{ ...body, name: 'Kakao Talk' }, 'name'], [{ ...body, callbackUrl: 'ftp://bridge.example/cb' }, 'callbackUrl'], [{ ...body, secret: 'mine' }, 'secret']] as const) {
      const bad = await t.http.inject({ method: 'POST', url: '/api/v1/connectors', headers: admin, payload });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.field, field);
    }
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/connectors', headers: admin, payload: body });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json() as { connector: { name: string; inboundPath: string }; inboundSecret: string; callbackSecret: string };
    assert.equal(created.connector.inboundPath, path);
    assert.match(created.inboundSecret, /^ldc_in_/);
    inboundSecret = created.inboundSecret;
    bridge.secret = created.callbackSecret;
    const again = await t.http.inject({ method: 'POST', url: '/api/v1/connectors', headers: admin, payload: body });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.field, 'name');
    const list = await t.http.inject({ method: 'GET', url: '/api/v1/connectors', headers: admin });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((c: { name: string }) => c.name), ['kakaotalk']);
    assert.ok(!list.body.includes(inboundSecret) && !list.body.includes(bridge.secret), 'secrets are never listed');
    const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'connector').execute();
    assert.deepEqual(audited.map((a) => a.action), ['connector.created']);
  });

  it('a forged, stale, unsigned or unknown-connector post is refused 401 before anything is written', async () => {
    const before = await Promise.all([count('jobs'), count('customers'), count('messages')]);
    const body = JSON.stringify(fixtures.depositKo);
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, string>[] = [
      {},
      signatureHeadersFor('ldc_in_not-the-secret', [body]),
      { 'x-ld-timestamp': String(now - 600), 'x-ld-signature': signatureOf(inboundSecret, String(now - 600), [body]) },
      { 'x-ld-timestamp': String(now), 'x-ld-signature': signatureOf(inboundSecret, String(now), [`${body} `]) },
    ];
    for (const headers of cases) {
      const res = await post(fixtures.depositKo, { headers });
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
    assert.equal((await post(fixtures.depositKo, { name: 'whatsapp' })).statusCode, 401);
    await drain();
    assert.deepEqual(await Promise.all([count('jobs'), count('customers'), count('messages')]), before);
  });

  it('a payload error names the field, and nothing is kept', async () => {
    const jobs = await count('jobs');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...fixtures.depositKo, userId: undefined }, 'userId'],
      [{ ...fixtures.depositKo, text: undefined }, 'text'],
      [{ ...fixtures.depositKo, mood: 'angry' }, 'mood'],
      [{ ...fixtures.depositKo, attachments: [{ filename: 'a.png', url: 'https://cdn.example/a.png', base64: PNG }] }, 'attachments.0.url'],
      [{ ...fixtures.depositKo, attachments: [{ filename: 'a.png', base64: 'not base64!' }] }, 'attachments.0.base64'],
    ];
    for (const [event, field] of cases) {
      const res = await post(event);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field, res.body);
    }
    const malformed = await t.http.inject({ method: 'POST', url: path, payload: '{"eventId":', headers: { 'content-type': 'application/json', ...signatureHeadersFor(inboundSecret, ['{"eventId":']) } });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'body_malformed');
    assert.equal(await count('jobs'), jobs);
  });

  it('a message opens a conversation the bot answers through a signed callback; a redelivery adds nothing', async () => {
    const user = userOf('depositKo');
    await deliver(fixtures.depositKo);
    await deliver(fixtures.depositKo);
    const chat = await conversationOf(user);
    assert.ok(chat);
    assert.equal(chat.channel, 'connector');
    assert.equal(chat.locale, 'ko');
    const customer = await t.ctx.db.selectFrom('customers').selectAll().where('id', '=', chat.customerId).executeTakeFirstOrThrow();
    assert.equal(customer.name, '김민준');
    assert.equal(customer.verified, 0, 'an app account proves nothing about an exchange account');
    const said = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer');
    assert.deepEqual(said.map((m) => [m.body, m.channel]), [['입금했는데 잔액에 반영이 안 됐어요', 'connector']]);
    const answers = callbacksTo(user);
    assert.ok(answers.length >= 1, JSON.stringify(bridge.received));
    assert.ok(answers.every((c) => c.signatureValid), 'every callback is signed with the callback secret');
    const answer = answers.at(-1)!.body as { type: string; ticket: { id: string }; message: { authorType: string; text: string; choices: string[]; handover: boolean } };
    assert.equal(answer.type, 'message');
    assert.equal(answer.ticket.id, chat.id);
    assert.equal(answer.message.authorType, 'bot');
    assert.ok(answer.message.text.length > 0);
    const deliveries = await t.ctx.db.selectFrom('connector_deliveries').select(['state', 'attempts']).where('ticket_id', '=', chat.id).execute();
    assert.ok(deliveries.length >= 1 && deliveries.every((d) => d.state === 'delivered' && d.attempts === 1), JSON.stringify(deliveries));
  });

  it('a seed phrase is redacted before storage and the user is warned through the bridge; an inline screenshot is kept', async () => {
    await deliver(fixtures.seedPhraseEn);
    const chat = (await conversationOf(userOf('seedPhraseEn')))!;
    const stored = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer');
    assert.match(stored[0]!.body, /^my wallet words are \[redacted:seed_phrase\]/);
    assert.ok(!stored[0]!.body.includes('sausage'));
    assert.ok(!JSON.stringify(bridge.received).includes('sausage'));
    assert.ok(callbacksTo(userOf('seedPhraseEn')).some((c) => JSON.stringify(c.body).includes('recovery (seed) phrase')));

    await deliver({ ...fixtures.screenshotEn, attachments: [{ filename: 'deposit.png', base64: PNG }, { filename: 'wallet.exe', base64: Buffer.from('MZ not a picture').toString('base64') }] });
    const last = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer').at(-1)!;
    assert.equal(last.body, 'here is the screenshot');
    const files = await t.ctx.db.selectFrom('attachments').select(['filename', 'content_type']).where('message_id', '=', last.id).execute();
    assert.deepEqual(files, [{ filename: 'deposit.png', content_type: 'image/png' }]);
    assert.ok(callbacksTo(userOf('screenshotEn')).some((c) => c.body.type === 'notice' && String(c.body.text).includes('wallet.exe')));

    // A link into the desk's own network (here the bridge's loopback server) is never fetched: server-side request forgery.
    const before = bridge.received.length;
    await deliver({ ...fixtures.screenshotEn, eventId: 'kakao-evt-ssrf-1', text: 'second screenshot', attachments: [{ filename: 'inside.png', url: bridge.url }] });
    const linked = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer').at(-1)!;
    assert.equal(linked.body, 'second screenshot');
    assert.equal((await t.ctx.db.selectFrom('attachments').select('id').where('message_id', '=', linked.id).execute()).length, 0);
    assert.ok(bridge.received.slice(before).some((c) => c.body.type === 'notice' && /inside\.png.*not a public address/.test(String(c.body.text))), JSON.stringify(bridge.received.slice(before).map((c) => c.body)));
  });

  it('"handover" brings an online agent; their reply reaches the bridge signed with their first name', async () => {
    const team = await createTeam(t, admin, { languages: ['ko'] });
    const agent = await agentOn(t, [team], { maxChats: 3 });
    const name = (await t.ctx.db.selectFrom('agents').select('name').where('id', '=', agent.id).executeTakeFirstOrThrow()).name;
    await deliver(fixtures.withdrawalKo);
    await deliver(fixtures.handoverKo);
    const chat = (await conversationOf(userOf('handoverKo')))!;
    assert.equal(chat.state, 'assigned');
    const joined = callbacksTo(userOf('handoverKo')).find((c) => c.body.type === 'state' && c.body.state === 'assigned');
    assert.equal(joined?.body.text, `고객지원팀 ${name.split(/\s+/)[0]} 상담원이 대화에 참여했습니다.`, JSON.stringify(callbacksTo(userOf('handoverKo')).map((c) => c.body)));
    assert.ok(joined.signatureValid);
    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers: agent.headers, payload: { body: '출금 건의 TxID를 알려주시면 확인해 드리겠습니다.' } });
    assert.equal(reply.statusCode, 201, reply.body);
    const note = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers: agent.headers, payload: { body: 'internal: check the hot wallet queue', visibility: 'internal' } });
    assert.equal(note.statusCode, 201);
    await drain();
    const last = callbacksTo(userOf('handoverKo')).at(-1)!;
    assert.ok(last.signatureValid);
    const message = (last.body as { message: { authorType: string; authorName: string; text: string } }).message;
    assert.deepEqual([message.authorType, message.authorName, message.text], ['agent', name.split(/\s+/)[0], '출금 건의 TxID를 알려주시면 확인해 드리겠습니다.']);
    assert.ok(!JSON.stringify(bridge.received).includes('hot wallet'), 'internal notes never leave the desk');
  });

  it('a bridge that is down is retried with backoff, then the reply is marked failed with a note for agents; a 4xx is not retried', async () => {
    const chat = (await conversationOf(userOf('handoverKo')))!;
    const { headers } = await agentWithToken(t.ctx, 'supervisor');
    await bridge.stop();
    const res = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers, payload: { body: '처리가 완료되었습니다.' } });
    assert.equal(res.statusCode, 201, res.body);
    const messageId = (res.json() as { id: string }).id;
    assert.ok(messageId);
    await drain();
    const job = () => t.ctx.db.selectFrom('jobs').selectAll().where('name', '=', DELIVER_REPLY_JOB).where('payload', 'like', `%${messageId}%`).executeTakeFirstOrThrow();
    const delivery = () => t.ctx.db.selectFrom('connector_deliveries').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
    assert.equal((await job()).state, 'pending');
    assert.ok(new Date((await job()).run_at).getTime() > Date.now(), 'the next try waits (backoff)');
    assert.equal((await delivery()).state, 'pending');
    assert.match((await delivery()).last_error!, /not reachable/);
    // Spend the remaining attempts without waiting for the backoff.
    for (let i = 0; i < 12 && (await job()).state === 'pending'; i++) {
      await t.ctx.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('id', '=', (await job()).id).execute();
      await drain();
    }
    // The job ends; the failure lives on the delivery, the ticket's events and a note for agents.
    assert.equal((await job()).state, 'done');
    assert.equal((await delivery()).state, 'failed');
    assert.equal((await delivery()).attempts, (await job()).max_attempts);
    const notes = (await messagesOf(chat.id)).filter((m) => m.author_type === 'system' && m.visibility === 'internal');
    assert.match(notes.at(-1)!.body, /KakaoTalk/);
    assert.match(notes.at(-1)!.body, /브리지/);

    await bridge.restart();
    bridge.answerWith = 400;
    const refused = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers, payload: { body: '추가 문의가 있으시면 말씀해 주세요.' } });
    await drain();
    const refusedId = (refused.json() as { id: string }).id;
    const row = await t.ctx.db.selectFrom('connector_deliveries').selectAll().where('message_id', '=', refusedId).executeTakeFirstOrThrow();
    assert.deepEqual([row.state, row.attempts], ['failed', 1]);
    assert.match(row.last_error!, /400/);
    const events = await t.ctx.db.selectFrom('ticket_events').select('data').where('ticket_id', '=', chat.id).where('type', '=', 'delivery_failed').execute();
    assert.equal(events.length, 2);
    bridge.answerWith = null;
    const failed = await t.http.inject({ method: 'GET', url: '/api/v1/connectors/kakaotalk/deliveries?state=failed', headers: admin });
    assert.equal(failed.statusCode, 200, failed.body);
    assert.deepEqual(failed.json().items.map((d: { messageId: string; state: string }) => [d.messageId, d.state]), [[refusedId, 'failed'], [messageId, 'failed']]);
    const wrong = await t.http.inject({ method: 'GET', url: '/api/v1/connectors/kakaotalk/deliveries?state=lost', headers: admin });
    assert.equal(wrong.json().error.field, 'query.state');

  });

  it('a rotated secret replaces the old one at once; a disabled connector is refused', async () => {
    const rotated = await t.http.inject({ method: 'POST', url: '/api/v1/connectors/kakaotalk/rotate-secret', headers: admin, payload: { secret: 'inbound' } });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const fresh = (rotated.json() as { secret: string }).secret;
    const event = { ...fixtures.withdrawalKo, eventId: 'kakao-evt-rotated-1' };
    assert.equal((await post(event)).statusCode, 401);
    assert.equal((await post(event, { secret: fresh })).statusCode, 202);
    inboundSecret = fresh;
    const disabled = await t.http.inject({ method: 'PATCH', url: '/api/v1/connectors/kakaotalk', headers: admin, payload: { enabled: false } });
    assert.equal(disabled.statusCode, 200);
    assert.equal(disabled.json().connector.enabled, false);
    const refused = await post({ ...event, eventId: 'kakao-evt-disabled-1' });
    assert.equal(refused.statusCode, 403);
    const missing = await t.http.inject({ method: 'PATCH', url: '/api/v1/connectors/line', headers: admin, payload: { enabled: false } });
    assert.equal(missing.statusCode, 404);
    const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'connector').orderBy('at').execute();
    assert.deepEqual(audited.map((a) => a.action), ['connector.created', 'connector.secret_rotated', 'connector.updated']);
  });
});
