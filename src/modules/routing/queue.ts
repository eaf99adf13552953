import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import type { ChatsTable } from '../../platform/db/schema.js';
import { presentMembers } from './presence.js';
import { FALLBACK_HANDLING_SECONDS } from './routingState.js';

export type ChatRow = Selectable<ChatsTable>;
export type ChatState = ChatRow['state'];

/** Recent ended chats a team's handling time is averaged over, and how many it needs. */
const HANDLING_SAMPLE = 20;
const HANDLING_MIN_SAMPLES = 3;
const HANDLING_WINDOW_MS = 7 * 24 * 3600_000;
const ETA_STEP_SECONDS = 30;

/** What an ETA is computed from: how long the team's chats take, and how many chats it answers at once. */
export interface EtaBasis {
  handlingSeconds: number;
  slots: number;
}

/**
 * The team's average handling time (assignment → end) over its last 20 chats ended in the past
 * week, or 5 minutes when it has fewer than 3; and the sum of max_chats of its online members.
 */
export async function etaBasis(db: DbOrTx, teamId: string, now: Date): Promise<EtaBasis> {
  const since = new Date(now.getTime() - HANDLING_WINDOW_MS).toISOString();
  const recent = await db
    .selectFrom('chats')
    .select(['assigned_at', 'ended_at'])
    .where('team_id', '=', teamId)
    .where('state', '=', 'ended')
    .where('assigned_at', 'is not', null)
    .where('ended_at', '>=', since)
    .orderBy('ended_at', 'desc')
    .limit(HANDLING_SAMPLE)
    .execute();
  const durations = recent.map((r) => (Date.parse(r.ended_at!) - Date.parse(r.assigned_at!)) / 1000).filter((s) => s > 0);
  const handlingSeconds = durations.length >= HANDLING_MIN_SAMPLES ? durations.reduce((a, b) => a + b, 0) / durations.length : FALLBACK_HANDLING_SECONDS;
  const online = (await presentMembers(db, [teamId])).filter((m) => m.status === 'online');
  return { handlingSeconds, slots: Math.max(1, online.reduce((sum, m) => sum + m.maxChats, 0)) };
}

/**
 * With `slots` chats answered at once and each taking `handlingSeconds`, a slot frees about
 * every handlingSeconds / slots; the chat at `position` waits for that many. Rounded up to 30 s.
 */
export function etaSeconds(position: number, basis: EtaBasis): number {
  const raw = (position * basis.handlingSeconds) / basis.slots;
  return Math.max(ETA_STEP_SECONDS, Math.ceil(raw / ETA_STEP_SECONDS) * ETA_STEP_SECONDS);
}

/** A team's waiting chats, oldest first (queue order). */
export function queuedChats(db: DbOrTx, teamIds: readonly string[]) {
  return db
    .selectFrom('chats')
    .selectAll('chats')
    .where('chats.state', '=', 'queued')
    .where('chats.team_id', 'in', [...teamIds])
    .orderBy('chats.queued_at')
    .orderBy('chats.ticket_id');
}

/** 1-based place of a queued chat in its team's queue. */
export async function queuePosition(db: DbOrTx, chat: Pick<ChatRow, 'ticket_id' | 'team_id' | 'queued_at'>): Promise<number> {
  if (!chat.team_id || !chat.queued_at) return 1;
  const queuedAt = chat.queued_at;
  const ahead = await db
    .selectFrom('chats')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', '=', 'queued')
    .where('team_id', '=', chat.team_id)
    .where((eb) => eb.or([eb('queued_at', '<', queuedAt), eb.and([eb('queued_at', '=', queuedAt), eb('ticket_id', '<', chat.ticket_id)])]))
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

export interface ChatUpdate {
  ticketId: string;
  state: ChatState;
  teamId: string | null;
  agentId: string | null;
  ticketNumber: string;
  position?: number;
  etaSeconds?: number;
  /** A chat already waiting moved up (channels that cannot show a live position skip these). */
  movedUp?: true;
}

/** The `chat.updated` event the gateway pushes to the customer and the agents. */
export const recordChatUpdated = (trx: DbOrTx, update: ChatUpdate): Promise<void> => recordEvent(trx, 'chat.updated', { ...update });

/**
 * Tells every chat still waiting in these teams' queues its new position and ETA (after one
 * left the queue, everyone behind it moved up).
 */
export async function announceQueues(trx: DbOrTx, teamIds: Iterable<string>, now: Date): Promise<void> {
  for (const teamId of new Set(teamIds)) {
    const waiting = await queuedChats(trx, [teamId])
      .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
      .select('tickets.number')
      .execute();
    if (waiting.length === 0) continue;
    const basis = await etaBasis(trx, teamId, now);
    for (const [i, chat] of waiting.entries()) {
      await recordChatUpdated(trx, {
        ticketId: chat.ticket_id, state: 'queued', teamId, agentId: null, ticketNumber: chat.number,
        position: i + 1, etaSeconds: etaSeconds(i + 1, basis), movedUp: true,
      });
    }
  }
}
