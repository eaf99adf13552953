import { z } from 'zod';
import { presenceStatuses } from '../presence.js';

/** Queue, chat actions and availability (/api/v1/chat-queue, /api/v1/chats, /api/v1/agents/…/availability). */
export const chatParams = z.strictObject({ ticket: z.string().min(1).max(64).describe('Ticket id or number (LD-100001) of the chat') });

export const queueQuery = z.strictObject({
  teamId: z.uuid().optional().describe('Only this team’s queue'),
});

export const transferBody = z.strictObject({
  agentId: z.uuid().optional().describe('Give the chat to this agent (must be online with a free slot)'),
  teamId: z.uuid().optional().describe('Route the chat to this team: assigned, queued or left as a message'),
});
export type TransferBody = z.infer<typeof transferBody>;

export const endBody = z
  .strictObject({ solve: z.boolean().optional().describe('Also mark the ticket solved (default true)') })
  .nullish()
  .describe('Optional; an empty body ends the chat and solves the ticket');

export const agentIdParams = z.strictObject({ id: z.uuid().describe('Agent id') });

export const availabilityBody = z.strictObject({
  status: z.enum(presenceStatuses).describe('online takes chats; away keeps your queues waiting; offline takes none'),
  maxChats: z.number().int().min(1).max(20).optional().describe('Chats at once (1–20); unchanged when omitted (default 3)'),
});
export type AvailabilityBody = z.infer<typeof availabilityBody>;
