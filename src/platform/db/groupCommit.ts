import type { Db, Tx } from './index.js';

type Work<T> = (trx: Tx) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const MAX_UNITS_PER_COMMIT = 64;

/**
 * Group commit for the embedded database. SQLite has one writer, so concurrent transactions
 * already run one after another; what they pay for separately is the commit itself (writing
 * every touched page to the WAL), which was half the database time of a ticket create.
 * Transactions that queue up while a commit is under way are run together in the next
 * database transaction, each inside its own savepoint: a unit that throws is rolled back alone
 * and rejects alone, the others commit together. No unit's promise settles before the commit
 * that holds it, so an acknowledged write is a committed write.
 */
export class GroupCommitter {
  private queue: Unit[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // better-sqlite3 is synchronous, so a transaction never yields to the event loop and
        // requests could never queue behind one. Waiting one turn lets every request whose
        // bytes have already arrived reach this queue and share the commit.
        setImmediate(() => void this.loop());
      }
    });
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_UNITS_PER_COMMIT);
        await this.commitBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async commitBatch(batch: Unit[]): Promise<void> {
    // A lone unit needs no savepoint: run it as a plain transaction.
    if (batch.length === 1) {
      const unit = batch[0]!;
      await this.db.transaction().execute(unit.work).then(unit.resolve, unit.reject);
      return;
    }
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (err) {
      for (const unit of batch) unit.reject(err);
      return;
    }
    const done: Array<{ unit: Unit; value: unknown }> = [];
    try {
      for (const unit of batch) {
        const sp = await trx.savepoint('unit').execute();
        try {
          const value = await unit.work(sp);
          await sp.releaseSavepoint('unit').execute();
          done.push({ unit, value });
        } catch (err) {
          // Undo this unit only; if even that fails the transaction is unusable (below).
          await sp.rollbackToSavepoint('unit').execute();
          await sp.releaseSavepoint('unit').execute();
          unit.reject(err);
        }
      }
      await trx.commit().execute();
    } catch (err) {
      // Nothing in this batch committed. Units that threw already settled with their own
      // error (a second reject is a no-op); every other one fails with this one.
      await trx.rollback().execute().catch(() => {});
      for (const unit of batch) unit.reject(err);
      return;
    }
    for (const { unit, value } of done) unit.resolve(value);
  }
}
