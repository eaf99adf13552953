import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createCustomer } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { systemOrigin } from '../identity/audit.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import { exchangeOf } from './runtime.js';
import { demoCases } from './simulator/demoAccounts.js';

interface Panel {
  customer: { uid: string | null; verified: boolean; verifiedBy: string | null };
  account: Record<string, unknown> | null;
  masked: string[];
  transactions: { id: string; kind: string; amount: string | null; address: string | null; diagnosis: { code: string; text: string; customerText: string } }[];
  abilities: { view: boolean; verify: boolean; reveal: boolean; freeze: boolean; requestUnfreeze: boolean };
}

describe("exchange side panel: who may see, masking, verification and audited reveals", () => {
  let t: TestApp;
  let agent: { agent: { id: string }; headers: Record<string, string> };
  let other: Record<string, string>;
  let supervisor: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    agent = await agentWithToken(t.ctx, 'agent');
    other = (await agentWithToken(t.ctx, 'agent')).headers;
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
  });
  after(() => t.close());

  /** A ticket from a customer carrying `uid`, assigned to our agent. */
  async function ticketFor(uid: string | null, opts: { verified?: boolean; locale?: string } = {}) {
    const known = uid ? await t.ctx.db.selectFrom('customers').selectAll().where('external_id', '=', uid).executeTakeFirst() : undefined;
    const customer = known ?? (await createCustomer(t.ctx, { externalId: uid, verified: opts.verified ?? false, locale: opts.locale ?? 'en' }));
    const { ticket } = await ticketCreator({
      ctx: t.ctx, actor: { kind: 'customer', customerId: customer.id, verified: customer.verified === 1, sessionId: 'email' }, origin: systemOrigin,
      input: { subject: 'Withdrawal stuck', body: 'My BTC withdrawal has been under review since yesterday.', category: 'platform', channel: 'web', locale: opts.locale ?? 'en' },
    });
    await t.ctx.db.updateTable('tickets').set({ assignee_id: agent.agent.id }).where('id', '=', ticket.id).execute();
    return ticket.id;
  }
  const panel = (id: string, headers: Record<string, string> = agent.headers) => t.http.inject({ method: 'GET', url: `/api/v1/tickets/${id}/exchange`, headers });
  const verification = (id: string, payload: object) => t.http.inject({ method: 'POST', url: `/api/v1/tickets/${id}/exchange/verification`, headers: agent.headers, payload });
  const reveal = (id: string, payload: object) => t.http.inject({ method: 'POST', url: `/api/v1/tickets/${id}/exchange/reveal`, headers: agent.headers, payload });
  const lastCode = () => exchangeOf(t.ctx).simulator!.mailbox.at(-1)!.code;
  const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

  it('shows only the assigned agent (and supervisors) a masked account until the customer is verified', async () => {
    const { uid, id: withdrawalId } = demoCases['withdrawal.risk_review'];
    const ticket = await ticketFor(uid);
    assert.equal((await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket}/exchange` })).statusCode, 401);
    const stranger = await panel(ticket, other);
    assert.equal(stranger.statusCode, 403);
    assert.equal(stranger.json().error.code, 'forbidden');
    assert.equal((await panel(ticket, supervisor)).statusCode, 200);

    const res = await panel(ticket);
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json() as Panel;
    assert.deepEqual(view.customer, { uid, verified: false, verifiedBy: null });
    assert.deepEqual(view.abilities, { view: true, verify: true, reveal: false, freeze: true, requestUnfreeze: false });
    assert.equal(view.account!.status, 'active');
    assert.equal(view.account!.kycLevel, null);
    assert.equal(view.account!.email, null);
    assert.ok(view.masked.includes('amount') && view.masked.includes('email'));
    const held = view.transactions.find((x) => x.id === withdrawalId)!;
    assert.deepEqual([held.amount, held.address, held.diagnosis.code], [null, null, 'risk_review']);
    assert.match(held.diagnosis.text, /on hold for a security review/);
    assert.ok(!res.body.includes('bc1q9h6tq79wh6x5ktr4yf0sl6kqz7qw3h2jj8mfxc') && !res.body.includes('0.85'), 'nothing sensitive in the masked answer');

    const refused = await reveal(ticket, { kind: 'withdrawal', transactionId: withdrawalId, field: 'address', reason: 'Customer asks whether the address is theirs' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'verification_required');
  });

  it('verifies with a code sent to the bound email, then shows the account and reveals one field with an audited reason', async () => {
    const { uid, id: withdrawalId } = demoCases['withdrawal.risk_review'];
    const ticket = await ticketFor(uid, { locale: 'ko' });
    const sent = await verification(ticket, { action: 'send', channel: 'email' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().verification.sentTo, 'ma****af@example.com');
    const code = lastCode();
    const bad = await verification(ticket, { action: 'check', code: wrong(code) });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual([bad.json().error.code, bad.json().error.field], ['verification_failed', 'code']);
    assert.match(bad.json().error.message, /4 tries left/);
    const good = await verification(ticket, { action: 'check', code });
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(good.json().verification.state, 'verified');

    const view = (await panel(ticket)).json() as Panel;
    assert.deepEqual(view.customer, { uid, verified: true, verifiedBy: 'code' });
    assert.deepEqual(view.abilities, { view: true, verify: false, reveal: true, freeze: true, requestUnfreeze: false });
    assert.deepEqual([view.account!.kycLevel, view.account!.twoFactorEnabled, view.account!.riskState], [2, true, 'watch']);
    const held = view.transactions.find((x) => x.id === withdrawalId)!;
    assert.deepEqual([held.amount, held.address], ['0.85', 'bc1q9h…mfxc']);
    assert.match(held.diagnosis.customerText, /보안 심사 중이에요/, "the customer's language, ready to send");

    const noReason = await reveal(ticket, { kind: 'withdrawal', transactionId: withdrawalId, field: 'address', reason: 'why' });
    assert.deepEqual([noReason.statusCode, noReason.json().error.field], [400, 'reason']);
    const shown = await reveal(ticket, { kind: 'withdrawal', transactionId: withdrawalId, field: 'address', reason: 'Customer asks whether the address is their hardware wallet' });
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(shown.json(), { field: 'address', value: 'bc1q9h6tq79wh6x5ktr4yf0sl6kqz7qw3h2jj8mfxc' });
    assert.equal((await reveal(ticket, { kind: 'withdrawal', transactionId: 'WD0000000', field: 'address', reason: 'Checking another withdrawal' })).statusCode, 404);

    const trail = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', ticket).orderBy('id').execute();
    assert.deepEqual(trail.map((r) => r.action), ['exchange.verification_sent', 'exchange.verification_failed', 'exchange.customer_verified', 'exchange.field_revealed']);
    assert.ok(trail.every((r) => r.actor_id === agent.agent.id));
    assert.deepEqual(JSON.parse(trail[3]!.details), { uid, kind: 'withdrawal', transactionId: withdrawalId, field: 'address', reason: 'Customer asks whether the address is their hardware wallet', tokenId: JSON.parse(trail[3]!.details).tokenId });
  });

  it('locks a code after five wrong tries, and needs no code for an identity the exchange signed', async () => {
    const ticket = await ticketFor(demoCases['deposit.confirming'].uid);
    assert.equal((await verification(ticket, { action: 'check', code: '123456' })).statusCode, 409, 'no code sent yet');
    assert.equal((await verification(ticket, { action: 'send', channel: 'phone' })).statusCode, 201);
    const code = lastCode();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await verification(ticket, { action: 'check', code: wrong(code) })).statusCode);
    assert.deepEqual(answers, [422, 422, 422, 422, 429, 429]);
    const locked = await verification(ticket, { action: 'check', code });
    assert.deepEqual([locked.statusCode, locked.json().error.code], [429, 'verification_locked']);
    assert.equal(((await panel(ticket)).json() as Panel).customer.verified, false);
    assert.equal((await verification(ticket, { action: 'send', channel: 'sms' })).json().error.field, 'channel');

    const signedIn = await ticketFor(demoCases['deposit.memo_missing'].uid, { verified: true });
    const view = (await panel(signedIn)).json() as Panel;
    assert.deepEqual([view.customer.verifiedBy, view.account!.email], ['identity', 'ji****im@example.co.kr']);
    assert.equal((await verification(signedIn, { action: 'send', channel: 'email' })).statusCode, 409, 'already proven');

    const noUid = (await panel(await ticketFor(null))).json() as Panel;
    assert.deepEqual([noUid.account, noUid.transactions, noUid.abilities.verify, noUid.abilities.freeze], [null, [], false, false]);
  });
});
