import type { Selectable } from 'kysely';
import type { CallsTable } from '../../../platform/db/schema.js';
import type { CallEvent } from './payload.js';

export type CallRow = Selectable<CallsTable>;
type CallChanges = Pick<CallRow, 'state' | 'started_at' | 'answered_at' | 'ended_at' | 'duration_seconds' | 'recording_url' | 'agent_id'>;

const seconds = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
const earlier = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * A call after one more event, whatever order the events arrive in: a call only moves forward
 * (ringing → answered → ended | missed), a late "answered" fills in the answer time and agent of
 * a call already ended without reopening it, and a repeated event changes nothing. Pure.
 */
export function applyCallEvent(call: CallChanges | null, event: CallEvent, agentId: string | null): CallChanges {
  const at = new Date(event.occurredAt).toISOString();
  const base: CallChanges = call ?? { state: 'ringing', started_at: at, answered_at: null, ended_at: null, duration_seconds: null, recording_url: null, agent_id: null };
  const next: CallChanges = { ...base, started_at: earlier(base.started_at, at), agent_id: base.agent_id ?? agentId };
  const over = base.state === 'ended' || base.state === 'missed';
  switch (event.event) {
    case 'ringing':
      return next;
    case 'answered':
      next.answered_at = base.answered_at ?? at;
      if (!over) next.state = 'answered';
      // The end came first without a talk time: now it can be worked out.
      if (over && next.duration_seconds === null && next.ended_at && base.state === 'ended') next.duration_seconds = seconds(next.answered_at, next.ended_at);
      return next;
    case 'ended': {
      if (over) return next;
      const answered = event.answered ?? base.answered_at !== null;
      next.state = answered ? 'ended' : 'missed';
      next.ended_at = at;
      next.recording_url = event.recordingUrl ?? base.recording_url;
      next.duration_seconds = answered ? (event.durationSeconds ?? (base.answered_at ? seconds(base.answered_at, at) : null)) : 0;
      return next;
    }
  }
}
