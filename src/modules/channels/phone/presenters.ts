import type { CallbackRow } from './callbackQueue.js';
import type { CallRow } from './callState.js';

export function presentCall(row: CallRow, agentName: string | null) {
  return {
    id: row.id, providerCallId: row.provider_call_id, direction: row.direction, from: row.from_number, to: row.to_number,
    state: row.state, customerId: row.customer_id, ticketId: row.ticket_id,
    agent: row.agent_id ? { id: row.agent_id, name: agentName } : null,
    startedAt: row.started_at, answeredAt: row.answered_at, endedAt: row.ended_at, durationSeconds: row.duration_seconds,
    recordingUrl: row.recording_url, notes: row.notes,
  };
}

export type CallbackListRow = CallbackRow & { ticket_number: string; assignee_name: string | null };

/** A callback as the queue shows it; `overdue` is the server's judgement so every client agrees. */
export function presentCallback(row: CallbackListRow, now = Date.now()) {
  const open = row.state === 'pending' || row.state === 'scheduled';
  return {
    id: row.id, ticket: { id: row.ticket_id, number: row.ticket_number }, customerId: row.customer_id, source: row.source,
    phone: row.phone, name: row.name, topic: row.topic, locale: row.locale,
    window: row.window_start ? { from: row.window_start, to: row.window_end, timezone: row.timezone } : null,
    dueAt: row.due_at, overdue: open && Date.parse(row.due_at) < now, state: row.state, attempts: row.attempts,
    outcome: row.outcome, outcomeNote: row.outcome_note,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
