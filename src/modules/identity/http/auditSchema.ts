import { z } from 'zod';
import { pageQuery } from '../../../platform/http/pagination.js';

/** Audit log reads: newest first. */
export const listAuditQuery = z.strictObject({
  ...pageQuery,
  action: z.string().trim().min(1).max(64).optional().describe('Only this action, e.g. login.failed'),
  actorId: z.string().trim().min(1).max(64).optional().describe('Only entries by this agent or customer id'),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
