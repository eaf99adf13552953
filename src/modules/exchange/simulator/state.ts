import type { DbOrTx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';

/**
 * Where the simulator keeps what changes: account freezes, codes sent and their attempts,
 * idempotency keys. In the installation's database by default (`exchange_simulator_state`), so
 * every node of a scaled-out install (REDIS_URL, one simulator per process) sees the same
 * exchange — a freeze through one node is a freeze on all, a code sent by one is checked by
 * another — as a real exchange behind several app nodes would. In memory for a bare simulator
 * (client tests).
 */
export type StateKind = 'account' | 'challenge' | 'idempotency';

export interface SimulatorState {
  get<T>(kind: StateKind, key: string): Promise<T | undefined>;
  put(kind: StateKind, key: string, value: unknown): Promise<void>;
  delete(kind: StateKind, key: string): Promise<void>;
}

export function memoryState(): SimulatorState {
  const map = new Map<string, string>();
  return {
    get: async <T>(kind: StateKind, key: string) => {
      const raw = map.get(`${kind}:${key}`);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    put: async (kind, key, value) => void map.set(`${kind}:${key}`, JSON.stringify(value)),
    delete: async (kind, key) => void map.delete(`${kind}:${key}`),
  };
}

export function databaseState(db: DbOrTx): SimulatorState {
  return {
    async get<T>(kind: StateKind, key: string) {
      const row = await db.selectFrom('exchange_simulator_state').select('value').where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async put(kind, key, value) {
      const row = { kind, key, value: JSON.stringify(value), updated_at: nowIso() };
      await db.insertInto('exchange_simulator_state').values(row).onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ value: row.value, updated_at: row.updated_at })).execute();
    },
    async delete(kind, key) {
      await db.deleteFrom('exchange_simulator_state').where('kind', '=', kind).where('key', '=', key).execute();
    },
  };
}
