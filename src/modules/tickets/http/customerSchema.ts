import { z } from 'zod';
import { cursorSchema, limitSchema } from '../../../platform/http/pagination.js';
import { categories } from '../categories.js';
import { body, fields, locale, subject } from './ticketSchema.js';

/** Request shapes of the customer API (/api/v1/me/tickets). */
export const customerCreateBody = z.strictObject({
  subject,
  body,
  category: z.enum(categories),
  fields: fields.optional(),
  locale: locale.optional(),
  customer: z
    .strictObject({
      email: z.email().max(254).describe('Required without a signed-in account: where we send the link to follow the ticket'),
      name: z.string().trim().min(1).max(120).optional(),
    })
    .optional(),
});
export type CustomerCreateBody = z.infer<typeof customerCreateBody>;

export const customerListQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

export const customerTicketParams = z.strictObject({
  number: z.string().min(1).max(24).describe('Ticket number, e.g. LD-100001'),
});

export const customerMessageBody = z.strictObject({ body });

export const customerMessagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: cursorSchema,
});
