import { z } from 'zod';
import { UUID_PATTERN } from '../../../platform/db/ids.js';
import { cursorSchema, limitSchema } from '../../../platform/http/pagination.js';
import { categories, channels, priorities, statuses } from '../categories.js';

/** Request shapes of the agent/integration ticket API (/api/v1/tickets). */
export const uuid = z.string().regex(UUID_PATTERN, 'a UUID');
export const subject = z.string().trim().min(1).max(200).describe('One line summary');
export const body = z.string().trim().min(1).max(20_000).describe('Message text (plain text)');
export const fields = z
  .record(z.string(), z.string().max(500))
  .describe('Structured fields of the category (see categoryFields); amounts are decimal strings');
export const locale = z.string().trim().min(2).max(20).describe('Language of the conversation, e.g. zh-CN, en, ko');
const tag = z.string().trim().min(1).max(40);

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().optional().describe('1–255 visible ASCII characters; a retry with the same key replays the first response for 24 h'),
});

export const createTicketBody = z.strictObject({
  subject,
  body,
  category: z.enum(categories),
  fields: fields.optional(),
  priority: z.enum(priorities).optional().describe('Default normal'),
  channel: z.enum(channels).optional().describe('Where the contact came from; default api'),
  locale: locale.optional(),
  customerId: uuid.optional().describe('An existing customer'),
  customer: z
    .strictObject({
      externalId: z.string().trim().min(1).max(64).optional().describe('Exchange UID: creates or updates a verified customer'),
      email: z.email().max(254).optional().describe('Without externalId: an unverified (guest) customer'),
      name: z.string().trim().min(1).max(120).optional(),
    })
    .optional(),
  assigneeId: uuid.optional(),
  teamId: uuid.optional(),
  tags: z.array(tag).max(20).optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBody>;

export const listTicketsQuery = z.strictObject({
  status: z.enum(statuses).optional(),
  priority: z.enum(priorities).optional(),
  category: z.enum(categories).optional(),
  channel: z.enum(channels).optional(),
  assigneeId: uuid.optional(),
  teamId: uuid.optional(),
  tag: tag.optional(),
  customerId: uuid.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const ticketParams = z.strictObject({
  idOrNumber: z.string().min(1).max(64).describe('Ticket id or number (LD-100001)'),
});

export const updateTicketBody = z.strictObject({
  status: z.enum(statuses).optional(),
  priority: z.enum(priorities).optional(),
  category: z.enum(categories).optional(),
  fields: fields.optional(),
  assigneeId: uuid.nullable().optional().describe('null unassigns'),
  teamId: uuid.nullable().optional().describe('null removes the team'),
  tags: z.array(tag).max(20).optional().describe('Replaces every tag'),
  subject: subject.optional(),
  baseUpdatedAt: z.iso.datetime().optional().describe('The ticket\'s `updatedAt` as you last read it: if it changed since, nothing is written and the answer is 409 `conflict`'),
});

export const createMessageBody = z.strictObject({
  body,
  visibility: z.enum(['public', 'internal']).default('public').describe('internal = note for agents only'),
  overrideGuard: z.boolean().optional().describe('Supervisors: send a reply the agent guard held back (422 agent_guard_blocked); audited'),
});

export const listMessagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: cursorSchema,
});

export const mergeBody = z.strictObject({
  intoTicket: z.string().trim().min(1).max(64).describe('Id or number of the ticket that survives'),
});
