import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';

describe('jobs API', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let supervisor: Record<string, string>;
  const name = `test.mailer.${randomUUID().slice(0, 8)}`;
  let failNext = true;

  before(async () => {
    t = await createTestApp();
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    t.ctx.jobs.define(name, async () => {
      if (failNext) throw new Error('SMTP 421 mail.example.com: try again later');
    });
    await t.ctx.transaction((trx) => enqueueJob(trx, name, { to: 'trader@example.com' }, { maxAttempts: 1 }));
    await t.ctx.jobs.drain();
  });
  after(() => t.close());

  const failedJob = async () => {
    const res = await t.http.inject({ method: 'GET', url: `/api/v1/jobs?state=failed&name=${name}`, headers: admin });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: string; state: string; lastError: string; attempts: number }[] }).items;
  };

  it('lists the job that failed for good, with its error and without its payload', async () => {
    const [job] = await failedJob();
    assert.equal(job!.state, 'failed');
    assert.equal(job!.attempts, 1);
    assert.match(job!.lastError, /SMTP 421/);
    assert.ok(!('payload' in job!));
  });

  it('retries it after the cause is fixed, audited', async () => {
    const [job] = await failedJob();
    failNext = false;
    const res = await t.http.inject({ method: 'POST', url: `/api/v1/jobs/${job!.id}/retry`, headers: admin });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { job: { state: string } }).job.state, 'pending');
    await t.ctx.jobs.drain();
    const row = await t.ctx.db.selectFrom('jobs').select(['state', 'attempts']).where('id', '=', job!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'done', attempts: 1 });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', job!.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['job.retried']);
  });

  it('refuses to retry a job that has not failed, and one that does not exist', async () => {
    const done = await t.ctx.db.selectFrom('jobs').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    const conflict = await t.http.inject({ method: 'POST', url: `/api/v1/jobs/${done.id}/retry`, headers: admin });
    assert.equal(conflict.statusCode, 409);
    assert.equal((conflict.json() as { error: { code: string } }).error.code, 'conflict');
    const missing = await t.http.inject({ method: 'POST', url: `/api/v1/jobs/${randomUUID()}/retry`, headers: admin });
    assert.equal(missing.statusCode, 404);
    const bogus = await t.http.inject({ method: 'POST', url: '/api/v1/jobs/not-an-id/retry', headers: admin });
    assert.equal(bogus.statusCode, 400);
  });

  it('is for admins only', async () => {
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/jobs' })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/jobs', headers: supervisor })).statusCode, 403);
    const bad = await t.http.inject({ method: 'GET', url: '/api/v1/jobs?state=exploded', headers: admin });
    assert.equal(bad.statusCode, 400);
  });
});
