import { z } from 'zod';
import { inboxSorts, inboxViews } from '../inbox.js';
import { inboxFilters } from './inboxSchema.js';

/** What a saved view remembers: the inbox's own view, filters and sort, checked by the same rules. */
export const savedViewDefinition = z.strictObject({
  view: z.enum(inboxViews).default('all'),
  filters: z.strictObject(inboxFilters).default({ status: 'unsolved' }),
  sort: z.enum(inboxSorts).default('waiting'),
});
export type SavedViewDefinition = z.infer<typeof savedViewDefinition>;

const name = z.string().trim().min(1).max(60).describe('Shown in the inbox sidebar, e.g. "Urgent KYC (ko)"');

export const createSavedViewBody = z.strictObject({ name, ...savedViewDefinition.shape });

export const updateSavedViewBody = z.strictObject({
  name: name.optional(),
  view: z.enum(inboxViews).optional(),
  filters: z.strictObject(inboxFilters).optional().describe('Replaces every filter'),
  sort: z.enum(inboxSorts).optional(),
  position: z.number().int().min(0).max(1000).optional().describe('Place in my list (0 = first)'),
});

export const savedViewParams = z.strictObject({ id: z.uuid().describe('Saved view id') });
