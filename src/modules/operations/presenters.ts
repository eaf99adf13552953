import type { Selectable } from 'kysely';
import type { JobsTable } from '../../platform/db/schema.js';

/** A job as admins see it. The payload stays out: it may carry customers' data. */
export function presentJob(row: Selectable<JobsTable>) {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    running: row.state === 'pending' && row.claimed_until !== null && row.claimed_until > new Date().toISOString(),
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
