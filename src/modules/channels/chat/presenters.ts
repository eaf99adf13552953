import { firstName } from '../../tickets/presenters.js';
import type { ChatRecord, MessageView } from './queries.js';

/** Who reads a frame: customers never see internal notes, agents' ids or other customers' data. */
export type Audience = 'customer' | 'agent';

export interface FileLinks {
  /** URL a reader of this audience downloads an attachment from. */
  attachmentUrl(attachmentId: string, audience: Audience): string;
}

function parseMeta(meta: string | null): Record<string, unknown> | null {
  if (!meta) return null;
  try {
    const value: unknown = JSON.parse(meta);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** One message as a `message` frame's payload. Bodies are plain text: clients render them as text. */
export function presentMessage(view: MessageView, audience: Audience, links: FileLinks) {
  const m = view.message;
  return {
    id: m.id,
    chatId: m.ticket_id,
    clientId: m.client_id,
    author: {
      type: m.author_type,
      // Customers see an agent's first name only, as on the portal.
      name: audience === 'agent' ? view.authorName : m.author_type === 'agent' ? firstName(view.authorName) : null,
      ...(audience === 'agent' ? { id: m.author_id } : {}),
    },
    body: m.body,
    meta: parseMeta(m.meta),
    ...(audience === 'agent' ? { internal: m.visibility === 'internal' } : {}),
    attachments: view.attachments.map((a) => ({
      id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, url: links.attachmentUrl(a.id, audience),
    })),
    createdAt: m.created_at,
  };
}

export type PresentedMessage = ReturnType<typeof presentMessage>;

export function presentChat(chat: ChatRecord, audience: Audience) {
  return {
    chatId: chat.ticketId,
    ticketNumber: chat.number,
    state: chat.state,
    topic: chat.topic,
    locale: chat.locale,
    customerReadId: chat.customerReadId,
    agentReadId: chat.agentReadId,
    createdAt: chat.createdAt,
    ...(audience === 'agent' ? { customerId: chat.customerId, teamId: chat.teamId, assigneeId: chat.assigneeId } : {}),
  };
}
