import { z } from 'zod';
import { TAG } from '../assignment.js';
import { priorities, statuses } from '../categories.js';

// Checked here, not per ticket: a bad tag would fail every ticket the same way.
const tag = z.string().trim().toLowerCase().regex(TAG, 'letters, digits, - _ : up to 40 characters');

/** One change applied to many tickets, each in its own transaction. */
export const bulkUpdateBody = z.strictObject({
  ticketIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, 'each ticket once')
    .describe('Up to 200 ticket ids'),
  changes: z
    .strictObject({
      status: z.enum(statuses).optional(),
      priority: z.enum(priorities).optional(),
      assigneeId: z.uuid().nullable().optional().describe('null unassigns'),
      teamId: z.uuid().nullable().optional().describe('null removes the team'),
      addTags: z.array(tag).min(1).max(20).optional(),
      removeTags: z.array(tag).min(1).max(20).optional(),
    })
    .refine((c) => Object.keys(c).length > 0, 'name at least one change'),
});
