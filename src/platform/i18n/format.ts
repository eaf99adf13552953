import type { Locale } from './messages.js';

/**
 * Dates are rendered on the server in UTC with the zone named, so the text is unambiguous
 * even without JavaScript; the portal's client script rewrites them into the reader's zone.
 */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' }).format(date) + ' UTC';
}

/** "20 MB" style sizes for limits shown to customers. */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
  return `${rounded} ${units[unit]}`;
}
