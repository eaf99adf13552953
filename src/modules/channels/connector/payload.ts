import { z } from 'zod';

/**
 * What a bridge posts to `POST /api/v1/channels/connectors/:name/messages` (docs/connector.md).
 * Strict: a field we do not know is refused naming it, so a bridge's typo is found on its first
 * request rather than silently dropped.
 */
const attachment = z.strictObject({
  filename: z.string().trim().min(1).max(200).describe('Name shown to agents, e.g. "deposit-receipt.png"'),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('Where LedgerDesk fetches the file (the job fetches it, size-checked)'),
  base64: z.string().max(40_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64').optional().describe('The file itself, base64 (standard alphabet)'),
}).refine((a) => (a.url === undefined) !== (a.base64 === undefined), { message: 'give exactly one of url or base64', path: ['url'] });

export const connectorEvent = z.strictObject({
  eventId: z.string().trim().min(1).max(200).describe('The app\'s id of this event; a redelivery with the same id adds nothing'),
  type: z.enum(['message', 'handover']).default('message').describe('message (text and files) or handover (the user asked for a person)'),
  userId: z.string().trim().min(1).max(200).describe('The user\'s id in the app (LINE userId, KakaoTalk user key, WhatsApp number…)'),
  displayName: z.string().trim().min(1).max(200).optional().describe('The user\'s name in the app'),
  locale: z.string().trim().min(2).max(35).optional().describe('The user\'s language (IETF tag: zh-CN, ko, en…); default en'),
  text: z.string().max(10_000).optional().describe('What the user wrote (plain text)'),
  attachments: z.array(attachment).max(10).optional().describe('Files the user sent, by URL or inline'),
  replyTo: z.string().trim().min(1).max(200).optional().describe('The desk message id (from a callback) the user replied to'),
}).refine((e) => e.type === 'handover' || !!e.text?.trim() || !!e.attachments?.length, { message: 'a message needs text or attachments', path: ['text'] });

export type ConnectorEvent = z.infer<typeof connectorEvent>;
export type ConnectorAttachment = NonNullable<ConnectorEvent['attachments']>[number];

/** What the inbound job carries: the validated event and the connector it came through. */
export const connectorDelivery = z.object({ connectorId: z.string().min(1), event: connectorEvent });
export type ConnectorDelivery = z.infer<typeof connectorDelivery>;

export const connectorParams = z.strictObject({ name: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lower-case letters, digits, - and _').describe('The connector\'s name, e.g. kakaotalk') });
