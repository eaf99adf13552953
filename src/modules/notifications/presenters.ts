import type { NotificationRow } from './queries.js';

const EXCERPT = 200;

export function presentNotification(row: NotificationRow) {
  const body = row.body?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    id: row.id,
    kind: row.kind,
    ticket: { id: row.ticket_id, number: row.number, subject: row.subject },
    excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
