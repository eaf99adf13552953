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

/**
 * Form fields (portal form, category fields of any writer): every string value screened like a
 * message, so a recovery phrase typed into "address" or "description" never reaches storage.
 */
export function screenFields(raw: unknown): { fields: unknown; kinds: SecretKind[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { fields: raw, kinds: [] };
  const kinds = new Set<SecretKind>();
  const fields = Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      const screened = redactSecrets(value);
      for (const kind of screened.kinds) kinds.add(kind);
      return [key, screened.text];
    }),
  );
  return { fields, kinds: [...kinds] };
}

/** An attachment's name: the part before the extension is screened (people save phrases as file names). */
export function screenFilename(name: string): { filename: string; kinds: SecretKind[] } {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 && name.length - dot <= 10 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const screened = redactSecrets(stem.replace(/[_+]/g, ' '));
  return screened.kinds.length ? { filename: `${screened.text}${extension}`, kinds: screened.kinds } : { filename: name, kinds: [] };
}

