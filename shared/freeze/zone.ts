/**
 * Wall-clock time in an IANA time zone, through Intl only (no tz database of our own): the fields of
 * an instant in a zone, and the instant of a local date-time (DST gaps and repeated hours resolved as
 * Temporal's `compatible` does: a time in a gap moves forward by the gap, a repeated time is its
 * first occurrence).
 */

/** Local date and time fields; `month` is 1-12, `weekday` 0 (Sunday) to 6. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface LocalParts extends LocalTime {
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;

/** Names of IANA zones as written (Area/Location, UTC, Etc/GMT+1); offsets such as +01:00 are not zones. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]{0,40}(?:\/[A-Za-z0-9_+-]{1,40}){0,2}$/;

/** The zone's canonical spelling (e.g. `europe/berlin` → `Europe/Berlin`), or null when Intl knows no such zone. */
export function canonicalTimeZone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function localParts(instant: number, timeZone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday)
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
export function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a local date-time in a zone. Fields may overflow (day 32 is the next month's first),
 * as Date.UTC allows. A time that does not exist (DST gap) is moved forward by the gap; a time that
 * occurs twice is the first of the two.
 */
export function zonedToInstant(t: LocalTime, timeZone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // At most one transition within a day on either side: the offsets before and after it.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((i) => offsetAt(i, timeZone) === wall - i);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: read the wall time with the offset in force before it, which lands after the gap.
  return wall - before;
}
