import { AppError } from '../../platform/http/errors.js';
import type { Status } from './categories.js';

/**
 * The one place that says which status may follow which. pending = waiting on the customer,
 * on_hold = waiting on an internal team; solved can be reopened, closed is final.
 */
export const transitions: Record<Status, readonly Status[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export const canTransition = (from: Status, to: Status): boolean => transitions[from].includes(to);

export function assertTransition(from: Status, to: Status): void {
  if (!canTransition(from, to)) {
    throw new AppError('transition_not_allowed', `A ${from} ticket cannot become ${to}.`, 'status');
  }
}

/** The timestamp columns that go with entering `to`: reopening clears solved_at. */
export function statusTimestamps(to: Status, now: string): { solved_at?: string | null; closed_at?: string | null } {
  if (to === 'solved') return { solved_at: now };
  if (to === 'closed') return { closed_at: now };
  if (to === 'open' || to === 'pending' || to === 'on_hold') return { solved_at: null };
  return {};
}

/** What a customer reply does to the status: a reply to pending or solved reopens the ticket. */
export function statusAfterCustomerReply(current: Status): Status {
  if (current === 'closed') {
    throw new AppError('transition_not_allowed', 'This ticket is closed; please open a new ticket.', 'status');
  }
  return current === 'pending' || current === 'solved' ? 'open' : current;
}

/** An agent's first public reply takes a new ticket into work. */
export const statusAfterAgentReply = (current: Status): Status => (current === 'new' ? 'open' : current);
