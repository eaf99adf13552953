import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { QueryTerm } from '../search/terms.js';
import type { DialectName } from './dialect.js';

/**
 * Full-text tables hold terms computed in JS (platform/search/terms.ts) in a `terms` column:
 * on SQLite an external-content FTS5 table `<table>_fts` (kept by triggers) indexes them, on
 * PostgreSQL a GIN index over the generated `terms_vector` (the same terms as lexemes); see
 * migration 014. Writers only insert and delete rows.
 */

const quote = (text: string, q: string): string => `${q}${text.replaceAll('\\', '\\\\').replaceAll(q, q + q)}${q}`;

/** `<table>` rows (by alias or name) whose terms include every query term. `terms` must not be empty. */
export function matchesAllTerms(dialect: DialectName, table: string, terms: QueryTerm[], alias = table): RawBuilder<SqlBool> {
  if (dialect === 'sqlite') {
    // FTS5: a quoted string is one term; `*` after it makes it a prefix.
    const match = terms.map((t) => `${quote(t.text, '"')}${t.prefix ? '*' : ''}`).join(' AND ');
    const fts = sql.table(`${table}_fts`);
    return sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select rowid from ${fts} where ${fts} match ${match})`;
  }
  const query = terms.map((t) => `${quote(t.text, "'")}${t.prefix ? ':*' : ''}`).join(' & ');
  return sql<SqlBool>`${sql.ref(`${alias}.terms_vector`)} @@ cast(${query} as tsquery)`;
}

/**
 * The same test as `matchesAllTerms` on one row's stored `terms` (LIKE over the space-separated
 * list; terms hold only letters and digits), for probing a few rows without the index.
 */
export function termsInclude(column: string, terms: QueryTerm[]): RawBuilder<SqlBool> {
  const padded = sql`(' ' || ${sql.ref(column)} || ' ')`;
  return sql.join(terms.map((t) => sql`${padded} like ${`% ${t.text}${t.prefix ? '' : ' '}%`}`), sql` and `) as RawBuilder<SqlBool>;
}
