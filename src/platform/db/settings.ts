import type { DbOrTx } from './index.js';
import { nowIso } from './ids.js';

/**
 * Claims a `settings` marker inside the caller's transaction: true for the one caller that
 * inserted it, false if it was already there. Two nodes starting together therefore run a
 * once-per-installation step (first admin, shipped defaults, demo content) exactly once.
 */
export async function claimOnce(trx: DbOrTx, key: string): Promise<boolean> {
  const claimed = await trx
    .insertInto('settings')
    .values({ key, value: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}
