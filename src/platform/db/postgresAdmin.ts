import pg from 'pg';

/** A one-off connection for administrative statements (schemas for tests and benchmarks). */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a schema name: ${schema}`);
  await withPgClient(url, (c) => c.query(`drop schema if exists ${schema} cascade`));
}
