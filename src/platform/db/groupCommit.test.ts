import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { GroupCommitter } from './groupCommit.js';
import { newId } from './ids.js';

const setting = (key: string) => ({ key, value: 'v' });

describe('group commit', () => {
  let t: TestApp;
  let committer: GroupCommitter;
  before(async () => {
    t = await createTestApp();
    committer = new GroupCommitter(t.ctx.db);
  });
  after(() => t.close());

  const keysLike = async (prefix: string) =>
    (await t.ctx.db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((r) => r.key);

  it('commits concurrent units together and rolls back only the one that failed', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        committer.run(async (trx) => {
          await trx.insertInto('settings').values(setting(`gc1-${String(i).padStart(2, '0')}`)).execute();
          if (i === 7) throw new Error('unit 7 fails');
          return i;
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 19);
    const failed = results[7];
    assert.equal(failed?.status, 'rejected');
    assert.equal((failed as PromiseRejectedResult).reason.message, 'unit 7 fails');
    assert.deepEqual((results[3] as PromiseFulfilledResult<number>).value, 3);
    const keys = await keysLike('gc1-');
    assert.equal(keys.length, 19);
    assert.ok(!keys.includes('gc1-07'));
  });

  it('gives each unit its own isolation from a failing neighbour that violated a constraint', async () => {
    const results = await Promise.allSettled([
      committer.run((trx) => trx.insertInto('settings').values(setting('gc2-a')).execute()),
      committer.run(async (trx) => {
        await trx.insertInto('settings').values(setting('gc2-b')).execute();
        await trx.insertInto('settings').values(setting('gc2-b')).execute(); // duplicate key
      }),
      committer.run((trx) => trx.insertInto('settings').values(setting('gc2-c')).execute()),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(await keysLike('gc2-'), ['gc2-a', 'gc2-c']);
  });

  it('settles no unit as done when the shared commit fails', async () => {
    // A deferred foreign key is only checked by COMMIT, so one dangling reference fails the
    // whole batch after every unit ran (both databases accept this DDL).
    await sql`create table gc_probe (id text primary key, parent text references gc_probe (id) deferrable initially deferred)`.execute(t.ctx.db);
    const results = await Promise.allSettled([
      committer.run((trx) => trx.insertInto('settings').values(setting('gc3-a')).execute()),
      committer.run((trx) => sql`insert into gc_probe (id, parent) values (${newId()}, 'missing')`.execute(trx)),
      committer.run((trx) => trx.insertInto('settings').values(setting('gc3-c')).execute()),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.deepEqual(await keysLike('gc3-'), []);
    // The committer is usable again afterwards.
    await committer.run((trx) => trx.insertInto('settings').values(setting('gc3-d')).execute());
    assert.deepEqual(await keysLike('gc3-'), ['gc3-d']);
  });
});
