import { z } from 'zod';
import { pageQuery } from '../../../../platform/http/pagination.js';

/** Email in and out, newest first: failed inbound mail is what an admin comes here for. */
export const listEmailsQuery = z.strictObject({
  ...pageQuery,
  direction: z.enum(['inbound', 'outbound']).optional().describe('Only mail that came in or went out'),
  state: z
    .enum(['stored', 'ignored', 'failed', 'queued', 'sent', 'bounced'])
    .optional()
    .describe('inbound: stored | ignored (auto-reply, bounce, loop) | failed (could not be read; raw kept); outbound: queued | sent | failed | bounced'),
});

export const emailIdParams = z.strictObject({ id: z.uuid().describe('Email id') });
export const ticketEmailParams = z.strictObject({ id: z.string().min(1).max(64).describe('Ticket id or number') });
