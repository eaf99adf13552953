import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { recordEvent } from '../bus/outbox.js';
import { nowIso } from '../db/ids.js';
import { enqueueJob, retryDelayMs, topicMatches, type JobInfo } from './jobs.js';

/** Jobs of this test only: every test uses its own name, so the apps' runners never mix them up. */
const unique = (what: string) => `test.${what}.${randomUUID().slice(0, 8)}`;

async function jobsNamed(t: TestApp, name: string) {
  return t.ctx.db.selectFrom('jobs').selectAll().where('name', '=', name).execute();
}

/** Time passes for the job: its retry is due now. */
async function makeDue(t: TestApp, name: string) {
  await t.ctx.db.updateTable('jobs').set({ run_at: nowIso() }).where('name', '=', name).where('state', '=', 'pending').execute();
}

describe('durable jobs', () => {
  let t: TestApp;
  let second: TestApp;
  before(async () => {
    t = await createTestApp();
    second = await createTestApp({}, { sameDatabaseAs: t });
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  it('runs a job enqueued in a committed transaction once, and none from a rolled-back one', async () => {
    const name = unique('once');
    const runs: Record<string, unknown>[] = [];
    t.ctx.jobs.define(name, async (payload) => void runs.push(payload));
    await t.ctx.transaction((trx) => enqueueJob(trx, name, { ticket: 'T-1' }));
    await assert.rejects(
      t.ctx.transaction(async (trx) => {
        await enqueueJob(trx, name, { ticket: 'T-2' });
        throw new Error('rolled back');
      }),
    );
    await t.ctx.jobs.drain();
    await t.ctx.jobs.drain();
    assert.deepEqual(runs, [{ ticket: 'T-1' }]);
    const [row] = await jobsNamed(t, name);
    assert.equal(row!.state, 'done');
    assert.equal(row!.attempts, 1);
  });

  it('keeps one job per name and key however often it is enqueued', async () => {
    const name = unique('keyed');
    let runs = 0;
    t.ctx.jobs.define(name, async () => void runs++);
    for (let i = 0; i < 3; i++) await t.ctx.transaction((trx) => enqueueJob(trx, name, { i }, { key: 'ticket-42' }));
    await t.ctx.jobs.drain();
    assert.equal(runs, 1);
    assert.equal((await jobsNamed(t, name)).length, 1);
  });

  it('retries a failing job later with its error recorded, until it succeeds', async () => {
    const name = unique('flaky');
    const attempts: number[] = [];
    t.ctx.jobs.define(name, async (_payload, job: JobInfo) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error(`database unavailable (attempt ${job.attempt})`);
    });
    await t.ctx.transaction((trx) => enqueueJob(trx, name, {}));
    await t.ctx.jobs.drain();
    let [row] = await jobsNamed(t, name);
    assert.equal(row!.state, 'pending');
    assert.match(row!.last_error ?? '', /attempt 1/);
    assert.ok(row!.run_at > nowIso(), 'the retry waits (backoff)');
    await t.ctx.jobs.drain();
    assert.deepEqual(attempts, [1], 'not before it is due');
    for (let i = 0; i < 2; i++) {
      await makeDue(t, name);
      await t.ctx.jobs.drain();
    }
    assert.deepEqual(attempts, [1, 2, 3]);
    [row] = await jobsNamed(t, name);
    assert.equal(row!.state, 'done');
    assert.equal(row!.last_error, null);
  });

  it('stops after its attempts and stays failed, visible with the last error', async () => {
    const name = unique('broken');
    let runs = 0;
    t.ctx.jobs.define(name, async () => {
      runs++;
      throw new Error('exchange API answered 502');
    });
    await t.ctx.transaction((trx) => enqueueJob(trx, name, {}, { maxAttempts: 2 }));
    await t.ctx.jobs.drain();
    await makeDue(t, name);
    await t.ctx.jobs.drain();
    await makeDue(t, name);
    await t.ctx.jobs.drain();
    assert.equal(runs, 2);
    const [row] = await jobsNamed(t, name);
    assert.equal(row!.state, 'failed');
    assert.match(row!.last_error ?? '', /502/);
    assert.ok(row!.finished_at);
  });

  it('waits for a job scheduled for later', async () => {
    const name = unique('timer');
    let runs = 0;
    t.ctx.jobs.define(name, async () => void runs++);
    await t.ctx.transaction((trx) => enqueueJob(trx, name, {}, { runAt: new Date(Date.now() + 3600_000) }));
    await t.ctx.jobs.drain();
    assert.equal(runs, 0);
    await makeDue(t, name);
    await t.ctx.jobs.drain();
    assert.equal(runs, 1);
  });

  it('turns each matching event into one job, handled by one node, even if the event is relayed twice', async () => {
    const topic = unique('topic');
    const name = unique('handler');
    const seen: { node: string; id: string; payload: unknown }[] = [];
    for (const [node, app] of [['first', t], ['second', second]] as const) {
      app.ctx.jobs.onEvent(`${topic.split('.')[0]}.*`, name, async (event) => {
        if (event.topic === topic) seen.push({ node, id: event.id, payload: event.payload });
      });
    }
    await t.ctx.transaction((trx) => recordEvent(trx, topic, { ticketId: 'T-9' }));
    await t.ctx.relay.drain();
    await second.ctx.relay.drain();
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.payload, { ticketId: 'T-9' });
    // At-least-once relaying: the same event published again makes no second job.
    const [job] = await jobsNamed(t, name);
    await t.ctx.jobs.acceptEvents([{ id: job!.key!, topic, payload: { ticketId: 'T-9' }, createdAt: nowIso() }]);
    await t.ctx.jobs.drain();
    assert.equal(seen.length, 1);
  });
});

describe('durable subscriptions with a filter', () => {
  it('makes no job for events the filter turns down', async () => {
    const t = await createTestApp();
    try {
      const topic = unique('note');
      const name = unique('mentions');
      const seen: unknown[] = [];
      t.ctx.jobs.onEvent(topic, name, async (event) => void seen.push(event.payload), { when: (e) => e.payload.visibility === 'internal' });
      await t.ctx.transaction(async (trx) => {
        await recordEvent(trx, topic, { visibility: 'public' });
        await recordEvent(trx, topic, { visibility: 'internal' });
      });
      await t.ctx.relay.drain();
      assert.deepEqual(seen, [{ visibility: 'internal' }]);
      assert.equal((await jobsNamed(t, name)).length, 1);
    } finally {
      await t.close();
    }
  });
});

describe('job rules', () => {
  it('backs off exponentially with jitter, capped at 15 minutes', () => {
    assert.equal(retryDelayMs(1, () => 1), 2_000);
    assert.equal(retryDelayMs(3, () => 1), 8_000);
    assert.equal(retryDelayMs(3, () => 0), 4_000);
    assert.equal(retryDelayMs(30, () => 1), 15 * 60_000);
  });

  it('matches topics like the bus', () => {
    assert.ok(topicMatches('*', 'chat.updated'));
    assert.ok(topicMatches('chat.updated', 'chat.updated'));
    assert.ok(topicMatches('chat.*', 'chat.updated'));
    assert.ok(!topicMatches('chat.*', 'chats.updated'));
    assert.ok(!topicMatches('chat.updated', 'chat.update'));
  });
});
