import type { Translate } from '../i18n';
import type { Call, Callback } from './types';

/** Times as the agent reads them: short date and time in the interface language. */
export const shortTime = (locale: string, iso: string): string => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

/** Talk time as m:ss (calls are minutes long, rarely hours). */
export function talkTime(seconds: number | null): string {
  if (seconds === null) return '—';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The customer's number on a call: the caller when they called, the callee when we did. */
export const customerNumber = (call: Call): string => (call.direction === 'inbound' ? call.from : call.to);

/** The window the customer chose, in their own time zone when they gave one (it is how they will remember it). */
export function windowText(locale: string, t: Translate, c: Callback): string {
  if (!c.window) return t('callbacks.asap');
  const zone = c.window.timezone ?? undefined;
  const fmt = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) });
  return t('callbacks.windowRange', { from: fmt(c.window.from), to: c.window.to ? fmt(c.window.to) : '—', zone: zone ?? 'UTC' });
}

/** A link we may show: only web addresses the telephony system gave (never javascript: or data:). */
export const safeRecordingUrl = (url: string | null): string | null => (url && /^https:\/\//i.test(url) ? url : null);
