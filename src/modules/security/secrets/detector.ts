import { findCredentials } from './credentials.js';
import type { Finding, SecretKind } from './finding.js';
import { findKeys } from './keys.js';
import { findSeedPhrases } from './seedPhrases.js';

export type { Finding, SecretKind } from './finding.js';

/**
 * Every secret in a text, in order, overlaps merged (a seed phrase that also reads as a
 * password keeps the stronger kind: the one found first in `detectors`' order).
 */
export function detectSecrets(text: string): Finding[] {
  if (text.length < 4) return [];
  const all = [...findSeedPhrases(text), ...findKeys(text), ...findCredentials(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const f of all) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) last.end = Math.max(last.end, f.end);
    else merged.push({ ...f });
  }
  return merged;
}

export interface Redaction {
  text: string;
  findings: Finding[];
  kinds: SecretKind[];
}

/** The text with each secret replaced by `[redacted:<kind>]`; the original is never kept. */
export function redactSecrets(text: string): Redaction {
  const findings = detectSecrets(text);
  if (findings.length === 0) return { text, findings, kinds: [] };
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += `${text.slice(at, f.start)}[redacted:${f.kind}]`;
    at = f.end;
  }
  out += text.slice(at);
  return { text: out, findings, kinds: [...new Set(findings.map((f) => f.kind))] };
}
