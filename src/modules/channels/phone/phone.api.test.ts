import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createApiToken, createCustomer } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { PHONE_EVENTS_PATH } from './http/webhookRoutes.js';
import { signatureHeadersFor } from '../../../platform/http/signedRequests.js';

/**
 * The CTI webhook with the test as the telephony system (signed posts, as docs/phone.md
 * describes): signatures, duplicates, events out of order, matching to customers, missed
 * calls leaving callbacks, summaries on tickets, agents' notes.
 */
const SECRET = 'cti-secret-for-tests-0123456789abcdef';
const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
let seq = 0;
const uniqueNumber = () => `+8210${String(Date.now() % 1e6).padStart(6, '0')}${String(++seq).padStart(2, '0')}`;

describe('phone: CTI webhook and calls', () => {
  let t: TestApp;
  let auth: Awaited<ReturnType<typeof agentWithToken>>;
  const post = (event: Record<string, unknown>, headers?: Record<string, string>) => {
    const body = JSON.stringify(event);
    return t.http.inject({ method: 'POST', url: PHONE_EVENTS_PATH, payload: body, headers: { 'content-type': 'application/json', ...(headers ?? signatureHeadersFor(SECRET, [body])) } });
  };
  const deliver = async (event: Record<string, unknown>) => {
    const res = await post(event);
    assert.equal(res.statusCode, 202, res.body);
    for (let i = 0; i < 3; i++) await t.ctx.relay.drain();
  };
  const callOf = (callId: string) => t.ctx.db.selectFrom('calls').selectAll().where('provider_call_id', '=', callId).executeTakeFirst();
  const notesOn = (ticketId: string) => t.ctx.db.selectFrom('messages').select(['body', 'meta', 'visibility', 'author_type']).where('ticket_id', '=', ticketId).where('author_type', '=', 'system').orderBy('id').execute();
  const at = (offsetSeconds: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, offsetSeconds)).toISOString();
  const inbound = (callId: string, from: string, event: string, extra: Record<string, unknown> = {}) =>
    ({ event, callId, direction: 'inbound', from, to: '+8215880000', occurredAt: at(0), ...extra });

  before(async () => {
    t = await createTestApp({ PHONE_WEBHOOK_SECRET: SECRET });
    auth = await agentWithToken(t.ctx);
  });
  after(() => t.close());

  it('answers 401 to a missing, forged or stale signature before writing anything', async () => {
    const event = inbound('forged-1', uniqueNumber(), 'ringing');
    const body = JSON.stringify(event);
    const stale = signatureHeadersFor(SECRET, [body], Date.now() - 10 * 60_000);
    const cases = [{}, signatureHeadersFor('another-secret-that-is-long-enough-000', [body]), stale, { ...signatureHeadersFor(SECRET, [body]), 'x-ld-signature': 'v1=00' }];
    for (const headers of cases) {
      const res = await post(event, headers);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
    // A signature over other bytes than were sent fails too.
    const tampered = await t.http.inject({ method: 'POST', url: PHONE_EVENTS_PATH, payload: body.replace('ringing', 'ended'), headers: { 'content-type': 'application/json', ...signatureHeadersFor(SECRET, [body]) } });
    assert.equal(tampered.statusCode, 401);
    const jobs = await t.ctx.db.selectFrom('jobs').select('id').where('name', '=', 'phone.call_event').execute();
    assert.equal(jobs.length, 0);
    assert.equal(await callOf('forged-1'), undefined);
  });

  it('refuses a signed event with a bad number, naming the field', async () => {
    const res = await post(inbound('bad-number', '010-1234', 'ringing'));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'from');
  });

  it('logs an answered call on a new phone ticket once, however often its events are delivered', async () => {
    const from = uniqueNumber();
    await deliver(inbound('call-a', from, 'ringing'));
    await deliver(inbound('call-a', from, 'answered', { occurredAt: at(5), agentEmail: auth.agent.email }));
    const ended = inbound('call-a', from, 'ended', { occurredAt: at(257), answered: true, durationSeconds: 252, recordingUrl: 'https://pbx.example/recordings/call-a.mp3' });
    await deliver(ended);
    await deliver(ended);
    await deliver(inbound('call-a', from, 'answered', { occurredAt: at(5), agentEmail: auth.agent.email }));

    const call = (await callOf('call-a'))!;
    assert.equal(call.state, 'ended');
    assert.equal(call.duration_seconds, 252);
    assert.equal(call.agent_id, auth.agent.id);
    const ticket = await t.ctx.db.selectFrom('tickets').select(['channel', 'customer_id']).where('id', '=', call.ticket_id!).executeTakeFirstOrThrow();
    assert.equal(ticket.channel, 'phone');
    const customer = await t.ctx.db.selectFrom('customers').select(['phone', 'verified']).where('id', '=', ticket.customer_id).executeTakeFirstOrThrow();
    assert.deepEqual(customer, { phone: from, verified: 0 });
    const notes = await notesOn(call.ticket_id!);
    assert.equal(notes.length, 1, 'one summary for a call delivered twice');
    assert.equal(notes[0]!.visibility, 'internal');
    assert.match(notes[0]!.body, /answered by Test Agent: 4 min 12 s/);
    assert.match(notes[0]!.body, /pbx\.example\/recordings\/call-a\.mp3/);

    const listed = await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${call.ticket_id}/calls`, headers: auth.headers });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json().items.map((c: { durationSeconds: number; recordingUrl: string; agent: { name: string } }) => [c.durationSeconds, c.recordingUrl, c.agent.name]),
      [[252, 'https://pbx.example/recordings/call-a.mp3', 'Test Agent']]);
    const timeline = await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${call.ticket_id}/timeline`, headers: auth.headers });
    const types = timeline.json().items.map((e: { type: string }) => e.type);
    assert.equal(types.filter((x: string) => x === 'call_logged').length, 1);
    assert.ok(types.includes('call_received'));
  });

  it('takes "ended" before "answered": the call stays ended and the late answer fills in time and duration', async () => {
    const from = uniqueNumber();
    await deliver(inbound('call-b', from, 'ended', { occurredAt: at(95), answered: true }));
    let call = (await callOf('call-b'))!;
    assert.equal(call.state, 'ended');
    assert.equal(call.duration_seconds, null);
    await deliver(inbound('call-b', from, 'answered', { occurredAt: at(5), agentEmail: auth.agent.email }));
    call = (await callOf('call-b'))!;
    assert.equal(call.state, 'ended');
    assert.equal(call.answered_at, at(5));
    assert.equal(call.duration_seconds, 90);
    assert.equal(call.agent_id, auth.agent.id);
    await deliver(inbound('call-b', from, 'ringing'));
    assert.equal((await callOf('call-b'))!.state, 'ended', 'a late ringing never reopens a call');
    const callbacks = await t.ctx.db.selectFrom('callback_requests').select('id').where('ticket_id', '=', call.ticket_id!).execute();
    assert.equal(callbacks.length, 0, 'an answered call leaves no callback');
  });

  it("matches a call to the customer with that number and keeps their calls on one open phone ticket", async () => {
    const number = uniqueNumber();
    const known = await createCustomer(t.ctx, { name: 'Kim Minji', locale: 'ko' });
    await t.ctx.db.updateTable('customers').set({ phone: number }).where('id', '=', known.id).execute();
    const spaced = `${number.slice(0, 3)} ${number.slice(3, 5)}-${number.slice(5, 9)}-${number.slice(9)}`;
    await deliver(inbound('call-c1', spaced, 'ringing'));
    await deliver(inbound('call-c2', number, 'ringing'));
    const [first, second] = [(await callOf('call-c1'))!, (await callOf('call-c2'))!];
    assert.equal(first.customer_id, known.id);
    assert.equal(first.from_number, number);
    assert.equal(second.ticket_id, first.ticket_id);
    const ticket = await t.ctx.db.selectFrom('tickets').select(['locale', 'subject']).where('id', '=', first.ticket_id!).executeTakeFirstOrThrow();
    assert.equal(ticket.locale, 'ko');
    assert.match(ticket.subject, /전화/);
  });

  it('turns a missed inbound call into a callback due now, once', async () => {
    const from = uniqueNumber();
    await deliver(inbound('call-d', from, 'ringing'));
    const ended = inbound('call-d', from, 'ended', { occurredAt: at(30), answered: false });
    await deliver(ended);
    await deliver(ended);
    const call = (await callOf('call-d'))!;
    assert.equal(call.state, 'missed');
    const callbacks = await t.ctx.db.selectFrom('callback_requests').selectAll().where('call_id', '=', call.id).execute();
    assert.equal(callbacks.length, 1);
    assert.equal(callbacks[0]!.source, 'missed_call');
    assert.equal(callbacks[0]!.phone, from);
    assert.equal(callbacks[0]!.state, 'pending');
    assert.ok(Date.parse(callbacks[0]!.due_at) <= Date.now());
    assert.match((await notesOn(call.ticket_id!))[0]!.body, /Missed call from/);
  });

  it('keeps agents\' notes on a call screened for secrets, for agents only', async () => {
    const from = uniqueNumber();
    await deliver(inbound('call-e', from, 'ringing'));
    const call = (await callOf('call-e'))!;
    const url = `/api/v1/calls/${call.id}/notes`;
    assert.equal((await t.http.inject({ method: 'PUT', url, payload: { notes: 'x' } })).statusCode, 401);
    const readOnly = await createApiToken(t.ctx, auth.agent.id, ['tickets:read']);
    assert.equal((await t.http.inject({ method: 'PUT', url, headers: readOnly, payload: { notes: 'x' } })).statusCode, 403);
    const res = await t.http.inject({ method: 'PUT', url, headers: auth.headers, payload: { notes: `Customer read out their phrase: ${phrase}. Told them to move funds to a new wallet.` } });
    assert.equal(res.statusCode, 200, res.body);
    assert.doesNotMatch(res.json().notes, /sausage/);
    assert.match(res.json().notes, /\[redacted:/);
    const stored = await callOf('call-e');
    assert.doesNotMatch(stored!.notes!, /sausage/);
    const missing = await t.http.inject({ method: 'PUT', url: '/api/v1/calls/0190a0b0-0000-7000-8000-000000000000/notes', headers: auth.headers, payload: { notes: 'x' } });
    assert.equal(missing.statusCode, 404);
  });
});

