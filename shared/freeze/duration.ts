import { localParts, zonedToInstant } from './zone.js';

/**
 * How long a cron window lasts. Weeks and days are calendar days in the window's zone (a day across a
 * DST change is 23 or 25 hours, so `2d` from Friday 17:00 ends Sunday 17:00 local time); hours and
 * minutes are elapsed time (`48h` across the change ends at 16:00 or 18:00). The same rule as
 * iCalendar (RFC 5545) durations and Temporal's ZonedDateTime.
 */
export interface FreezeDuration {
  /** Calendar days (weeks counted as 7). */
  days: number;
  /** Elapsed minutes (hours counted as 60). */
  minutes: number;
  /** As written in the file, spaces removed, e.g. `2d12h`. */
  text: string;
}

/** The longest window: a year and a day (a freeze longer than that is not a window). */
export const MAX_DURATION_DAYS = 366;

const DURATION = /^(?:(\d{1,4})w)?(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m)?$/;

/** `30m`, `12h`, `2d`, `1w`, `2d12h` (units in that order, each at most once); null when not one, zero or too long. */
export function parseDuration(text: string): FreezeDuration | null {
  const compact = text.replace(/\s+/g, '');
  const m = DURATION.exec(compact);
  if (!m || compact === '') return null;
  const [w, d, h, min] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const days = w * 7 + d;
  const minutes = h * 60 + min;
  const total = days * 1440 + minutes;
  if (total <= 0 || total > MAX_DURATION_DAYS * 1440) return null;
  return { days, minutes, text: compact };
}

/** The instant a window that opens at `start` closes (exclusive). */
export function addDuration(start: number, duration: FreezeDuration, timeZone: string): number {
  let end = start;
  if (duration.days > 0) {
    const p = localParts(start, timeZone);
    const ms = start - Math.floor(start / 1000) * 1000;
    end = zonedToInstant({ ...p, day: p.day + duration.days }, timeZone) + ms;
  }
  return end + duration.minutes * 60_000;
}

/** The duration for a sentence: `64 h`, `2 d 12 h`, `30 min`, `1 d 1 h 30 min`. */
export function formatDuration(duration: FreezeDuration): string {
  const parts: string[] = [];
  if (duration.days > 0) parts.push(`${duration.days} d`);
  const h = Math.floor(duration.minutes / 60);
  const m = duration.minutes % 60;
  if (h > 0) parts.push(`${h} h`);
  if (m > 0) parts.push(`${m} min`);
  return parts.join(' ');
}
