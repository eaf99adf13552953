import { z } from 'zod';
import { UUID_PATTERN } from '../../../platform/db/ids.js';
import { categories, channels, priorities, statuses } from '../categories.js';
import { inboxSorts, inboxViews } from '../inbox.js';

/** Request shapes of the console's inbox (/api/v1/inbox). */
export const inboxFilters = {
  status: z.enum([...statuses, 'unsolved', 'any']).default('unsolved').describe('A status, `unsolved` (new, open, pending, on hold; the default) or `any`'),
  priority: z.enum(priorities).optional(),
  category: z.enum(categories).optional(),
  channel: z.enum(channels).optional(),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as zh-CN').optional().describe('Language of the conversation'),
  tag: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Ticket number, customer email, exchange UID, or words from the subject or messages'),
};

export const inboxQuery = z.strictObject({
  view: z.enum(inboxViews).default('all').describe('mine = assigned to me, unassigned, my_teams = any of my teams, all'),
  ...inboxFilters,
  sort: z.enum(inboxSorts).default('waiting').describe('waiting = longest since the last change first; priority = urgent first, then waiting'),
  ids: z
    .string()
    .max(50 * 37)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.string().regex(UUID_PATTERN, 'ticket ids (UUIDs), comma-separated')).max(50))
    .optional()
    .describe('Only these tickets (comma-separated ids, at most 50), if they match: how the console refreshes rows it was told changed'),
  limit: z.coerce.number().int().min(1).max(200).default(100).describe('Page size, 1–200 (default 100)'),
  cursor: z.string().max(300).optional().describe('`nextCursor` from the previous page'),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxViewsQuery = z.strictObject(inboxFilters);
