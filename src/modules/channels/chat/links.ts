import type { AppContext } from '../../../context.js';
import { signToken, verifyToken } from '../../../platform/crypto.js';
import { GUEST_TOKEN_PURPOSE } from '../../identity/http/authenticate.js';
import { guestTokenFor } from '../../tickets/guestLinks.js';
import type { Audience, FileLinks } from './presenters.js';

const FILE_PURPOSE = 'chat-file';
const FILE_LINK_TTL_S = 3600;

/**
 * The chat token is the guest link's token (same purpose and signature as `/t/<token>`): the
 * widget resumes the chat with it, uploads with it and links to the ticket page with it.
 */
export const chatTokenFor = (ctx: AppContext, chatId: string): string => guestTokenFor(ctx, chatId);
export const chatIdFromToken = (ctx: AppContext, token: string): string | null => verifyToken(ctx.secret, GUEST_TOKEN_PURPOSE, token);

/** Customers fetch files through short-lived signed URLs (the widget has no cookie on our origin). */
export function fileLinks(ctx: AppContext): FileLinks {
  return {
    attachmentUrl: (id: string, audience: Audience) =>
      audience === 'agent' ? `/api/v1/attachments/${id}` : `/api/v1/chat/files/${id}?sig=${signToken(ctx.secret, FILE_PURPOSE, id, FILE_LINK_TTL_S)}`,
  };
}

export const attachmentIdFromFileToken = (ctx: AppContext, token: string): string | null => verifyToken(ctx.secret, FILE_PURPOSE, token);
