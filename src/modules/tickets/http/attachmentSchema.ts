import { z } from 'zod';

export const attachmentParams = z.strictObject({
  id: z.string().min(1).max(64).describe('Attachment id'),
});
