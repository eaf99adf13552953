import { isUniqueViolation } from '../db/errors.js';

/**
 * The one catalogue of error codes clients can rely on. A code is never renamed or reused;
 * add a new one instead. Every error response has the shape
 * `{ "error": { "code", "message", "field"? } }`.
 */
export const errorCatalogue = {
  body_malformed: { status: 400, message: 'The request body is not valid JSON or form data.' },
  field_invalid: { status: 400, message: 'A field has an invalid value.' },
  field_required: { status: 400, message: 'A required field is missing.' },
  field_unknown: { status: 400, message: 'The request contains a field this endpoint does not accept.' },
  cursor_invalid: { status: 400, message: 'The pagination cursor is not valid.' },
  unauthenticated: { status: 401, message: 'Sign in or provide a valid API token.' },
  csrf_failed: { status: 403, message: 'The CSRF token is missing or wrong; reload the page and try again.' },
  forbidden: { status: 403, message: 'Your role does not allow this action.' },
  second_factor_required: { status: 403, message: 'Two-factor authentication is required for this account.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'Method not allowed.' },
  conflict: { status: 409, message: 'The resource changed or already exists.' },
  transition_not_allowed: { status: 409, message: 'The ticket cannot move to that status from its current status.' },
  ticket_merged: { status: 409, message: 'The ticket was merged into another ticket.' },
  agent_guard_blocked: { status: 422, message: 'This reply asks the customer for something support never asks for.' },
  email_unreadable: { status: 422, message: 'This email still cannot be read (no sender, or not MIME).' },
  payload_too_large: { status: 413, message: 'The request or attachment is larger than allowed.' },
  unsupported_media_type: { status: 415, message: 'This file type or content type is not accepted.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was used with a different request.' },
  idempotency_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still being processed.' },
  verification_required: { status: 403, message: 'The customer has not proven who they are yet; verify them first.' },
  verification_failed: { status: 422, message: 'The verification code is wrong or has expired.' },
  verification_locked: { status: 429, message: 'Too many wrong codes; send the customer a new one.' },
  rate_limited: { status: 429, message: 'Too many attempts; wait and try again.' },
  internal: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  four_eyes_required: { status: 403, message: 'A different supervisor or admin must decide this: not the agent who asked for it or froze the account.' },
  exchange_unavailable: { status: 503, message: 'The exchange cannot be reached or answered something unexpected; try again shortly.' },
  service_unavailable: { status: 503, message: 'The service is temporarily unavailable; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export const notFound = (what = 'Not found.') => new AppError('not_found', what);

/**
 * Runs a write whose only unique index is on `field`: a violation (a concurrent writer, or a
 * value already taken) answers 409 naming that field instead of the generic conflict.
 */
export async function uniqueOn<T>(field: string | undefined, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (field && isUniqueViolation(err)) throw new AppError('conflict', message, field);
    throw err;
  }
}
export const forbidden = (why?: string) => new AppError('forbidden', why);
export const invalidField = (field: string, message: string) => new AppError('field_invalid', message, field);
