import { z } from 'zod';
import { pageQuery } from '../../../platform/http/pagination.js';

export const listNotificationsQuery = z.strictObject({
  ...pageQuery,
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Only unread ones'),
});

export const markReadBody = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(200).optional().describe('These notifications'),
    all: z.literal(true).optional().describe('Every notification of mine'),
  })
  .refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, { message: 'give either ids or all: true', path: ['ids'] });
