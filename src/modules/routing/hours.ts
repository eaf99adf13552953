/**
 * A team's business hours: weekly opening windows in the team's own time zone. `null` hours
 * mean the team answers 7×24. Pure functions; the caller passes the moment to judge, so tests
 * never depend on the wall clock.
 */
export interface OpeningWindow {
  /** 0 = Sunday … 6 = Saturday, in the team's time zone. */
  day: number;
  /** "HH:MM", inclusive. */
  from: string;
  /** "HH:MM", exclusive; "24:00" = midnight. A window whose `to` is not after `from` runs past midnight into the next day. */
  to: string;
}

export interface BusinessHours {
  timezone: string;
  days: OpeningWindow[];
}

export const HHMM = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, f);
  }
  return f;
}

/** True for IANA zone names this runtime knows (Asia/Shanghai, Asia/Seoul, UTC, …). */
export function isTimeZone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Weekday and minutes since midnight of `at` on the wall clocks of `timezone`. */
export function localTime(at: Date, timezone: string): { day: number; minutes: number } {
  const parts = formatterFor(timezone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: weekdays.indexOf(part('weekday')), minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a team with these hours is open at `at`. */
export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const { day, minutes } = localTime(at, hours.timezone);
  return hours.days.some((w) => {
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    if (from < to) return w.day === day && minutes >= from && minutes < to;
    // Overnight window (e.g. Friday 22:00–06:00): the evening of its day and the morning after.
    return (w.day === day && minutes >= from) || ((w.day + 1) % 7 === day && minutes < to);
  });
}
