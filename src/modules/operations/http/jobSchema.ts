import { z } from 'zod';
import { pageQuery } from '../../../platform/http/pagination.js';

/** Background jobs, newest first: what failed for good is what an admin comes here for. */
export const listJobsQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(['pending', 'done', 'failed']).optional().describe('Only jobs in this state (failed: out of attempts)'),
  name: z.string().trim().min(1).max(100).optional().describe('Only jobs of this kind, e.g. routing.route_handover'),
});

export const jobIdParams = z.strictObject({ id: z.uuid().describe('Job id') });
