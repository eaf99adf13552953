import { z } from 'zod';

export const uploadParams = z.object({ chatId: z.uuid().describe('The chat (its ticket id)') });

/** Multipart text fields beside the file(s). */
export const uploadFields = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).describe('Chosen by the widget: a resend is no duplicate'),
  body: z.string().trim().max(4000).optional().describe('Optional caption'),
});

export const uploadHeaders = z.object({
  'x-chat-token': z.string().min(10).max(4096).describe('The chat token from chat.start / hello'),
});

export const fileParams = z.object({ id: z.uuid().describe('Attachment id') });
export const fileQuery = z.object({ sig: z.string().min(10).max(512).describe('Signature from the message frame\'s link') });
