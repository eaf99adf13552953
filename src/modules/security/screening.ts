import { AppError } from '../../platform/http/errors.js';
import { atLeast, type Actor } from '../identity/actor.js';
import { checkAgentMessage } from './guard/agentGuard.js';
import { redactSecrets, type SecretKind } from './secrets/detector.js';

export const SECRET_REDACTED = 'security.secret_redacted';

export interface Screened {
  /** The text to store: secrets replaced by `[redacted:<kind>]`. */
  body: string;
  redacted: SecretKind[];
  /** A supervisor sent a reply the agent guard would have held back. */
  guardOverridden: boolean;
}

/**
 * Every message passes here before it is stored, whoever wrote it and on whatever channel:
 * secrets are redacted (a customer's seed phrase must not reach the database, the search index,
 * the logs, webhooks or the bot), and an agent's public reply that asks for what support never
 * asks for is held back unless a supervisor overrides it.
 */
export function screenMessage(actor: Actor, input: { body: string; visibility: 'public' | 'internal'; overrideGuard?: boolean | undefined }): Screened {
  const { text, kinds } = redactSecrets(input.body);
  let guardOverridden = false;
  if (actor.kind === 'agent' && input.visibility === 'public') {
    const verdict = checkAgentMessage(input.body);
    if (!verdict.allowed) {
      if (!input.overrideGuard) {
        throw new AppError(
          'agent_guard_blocked',
          `Support never asks customers for this (${verdict.reasons.join(', ')}): "${verdict.sentences[0]}". Rephrase it; a supervisor can send it anyway with overrideGuard.`,
          'body',
        );
      }
      if (!atLeast(actor.role, 'supervisor')) throw new AppError('forbidden', 'Only a supervisor can override the agent guard.', 'overrideGuard');
      guardOverridden = true;
    }
  }
  return { body: text, redacted: kinds, guardOverridden };
}
