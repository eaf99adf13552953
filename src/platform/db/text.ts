import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * `expr` contains `text`, ignoring ASCII case, with `%`, `_` and `\` in the text taken literally.
 * The ESCAPE clause is spelled out because the two databases differ without it: PostgreSQL
 * treats `\` as LIKE's escape by default, SQLite has no escape character at all.
 */
export function containsText(expr: Expression<string | null>, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${expr}) like ${pattern} escape '\\'`;
}
