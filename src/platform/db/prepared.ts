import type { Compilable, CompiledQuery, Insertable } from 'kysely';
import { dialectOf, type DialectName } from './dialect.js';
import type { DbOrTx } from './index.js';
import type { DB } from './schema.js';

/** Marks where an argument goes while the query is compiled once; never reaches the database. */
const SENTINEL = '\u0000ldk-arg:';

interface Shape {
  compiled: CompiledQuery;
  /** For each SQL parameter: the argument's name, or `null` when the builder fixed the value. */
  slots: (string | null)[];
}

export interface PreparedQuery<A, O> {
  execute(db: DbOrTx, args: A): Promise<O[]>;
  executeTakeFirst(db: DbOrTx, args: A): Promise<O | undefined>;
}

/**
 * A query Kysely builds and compiles once per database kind rather than on every call: the hot
 * path of a chat message runs a handful of statements whose building cost more than SQLite
 * spent running them. `build` receives stand-ins for the arguments and must use each only as a
 * value (`where('id', '=', a.id)`, `values({ id: a.id })`), never branch on it or pass a list;
 * each call then binds the real values to the same SQL.
 */
export function prepared<A extends Record<string, unknown>, O>(build: (db: DbOrTx, args: A) => Compilable<O>): PreparedQuery<A, O> {
  const shapes = new Map<DialectName, Shape>();
  const stand = new Proxy({} as A, { get: (_target, key) => `${SENTINEL}${String(key)}` });

  const shapeFor = (db: DbOrTx): Shape => {
    const dialect = dialectOf(db);
    let shape = shapes.get(dialect);
    if (!shape) {
      const compiled = build(db, stand).compile();
      const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? p.slice(SENTINEL.length) : null));
      shapes.set(dialect, (shape = { compiled, slots }));
    }
    return shape;
  };

  const execute = async (db: DbOrTx, args: A): Promise<O[]> => {
    const { compiled, slots } = shapeFor(db);
    const parameters = slots.map((slot, i) => (slot === null ? compiled.parameters[i] : args[slot]));
    const result = await db.executeQuery<O>({ ...compiled, parameters } as CompiledQuery<O>);
    return result.rows;
  };

  return {
    execute,
    executeTakeFirst: async (db, args) => (await execute(db, args))[0],
  };
}

/** `insert into table (columns…) values (…)` of one row, compiled once (see `prepared`). */
export function preparedInsert<T extends keyof DB & string>(table: T, columns: readonly (keyof Insertable<DB[T]> & string)[]): { execute(db: DbOrTx, row: Insertable<DB[T]>): Promise<void> } {
  const query = prepared<Record<string, unknown>, never>((db, a) =>
    db.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, a[c]])) as Insertable<DB[T]>),
  );
  return {
    execute: async (db, row) => {
      await query.execute(db, row as Record<string, unknown>);
    },
  };
}
