import { z } from 'zod';

/**
 * Query strings and path parameters of the portal pages. Unknown query parameters are
 * ignored rather than refused (z.object, not strictObject): these are pages people reach from
 * emails and bookmarks, which pick up tracking parameters we do not control. Multipart form
 * bodies are read in the handlers (see ../form.ts) because they carry files.
 */
export const pageQuery = z.object({
  lang: z.string().max(20).optional().describe('Page language: zh-CN, en or ko (remembered in the ld_lang cookie)'),
});

export const newTicketQuery = pageQuery.extend({
  category: z.string().max(40).optional().describe('Category whose fields the form shows (no-JavaScript category switch)'),
});
export type NewTicketQuery = z.infer<typeof newTicketQuery>;

export const ticketListQuery = pageQuery.extend({
  cursor: z.string().max(200).optional().describe('Older page: `nextCursor` of the previous page'),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const ticketPageQuery = pageQuery.extend({
  sent: z.string().max(4).optional().describe('Show the "reply sent" confirmation'),
});

export const ticketParams = z.object({
  number: z.string().min(1).max(40).describe('Ticket number, e.g. LD-100123'),
});
export type TicketParams = z.infer<typeof ticketParams>;

export const guestLinkParams = z.object({
  token: z.string().min(1).max(512).describe('Signed guest token from the emailed link'),
});

export const assetParams = z.object({
  file: z.string().max(80).describe('Hashed asset name, e.g. portal.3f2a9c1b4d5e.css'),
});
