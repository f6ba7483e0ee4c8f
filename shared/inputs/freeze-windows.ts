import { ConfigFileError, FILE_QUOTE_MAX, quote } from './input-error.js';
import { cronProblem, cronSchedule } from '../freeze/cron.js';
import { MAX_DURATION_DAYS, parseDuration } from '../freeze/duration.js';
import { canonicalTimeZone, zonedToInstant } from '../freeze/zone.js';
import { FREEZE_NAME, MAX_REASON_LENGTH, type FreezeWindow } from '../freeze/windows.js';

// The config file's `freeze` list read into windows (shared/freeze/ evaluates them); sentences as for
// the rest of the file.
const KEYS = ['name', 'cron', 'duration', 'timezone', 'reason', 'from', 'to'];
/** A date, or a date-time in the window's zone, or a date-time with its own offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;
const DURATION_ALLOWED = `use a positive duration in weeks, days, hours and minutes, in that order, e.g. 30m, 12h, 2d or 2d12h, of at most ${MAX_DURATION_DAYS} days`;
const DATE_ALLOWED = "use a date (2026-12-20, the whole day in the window's timezone) or a date-time (2026-12-20T18:00, or with an offset: 2026-12-20T18:00Z)";

/**
 * The `freeze` list of a config file, checked. `where` names the file for sentences, e.g. "the
 * config file .github/shipgate.yml". Throws an Error with one sentence naming the entry (index and
 * name), the field, its value (quoted short and escaped) and what is allowed: a ConfigFileError,
 * as for the rest of the file.
 */
export function parseFreezeWindows(value: unknown, where: string): FreezeWindow[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new ConfigFileError(`In ${where}, freeze is ${shown(value)}: use a list of windows, each with cron and duration, or from and to.`);
  const windows = value.map((entry, index) => parseEntry(entry, index, where));
  const seen = new Map<string, FreezeWindow>();
  for (const w of windows) {
    const key = w.name.toLowerCase();
    const first = seen.get(key);
    if (first && w.named)
      throw new ConfigFileError(
        `In ${where}, freeze[${w.index}] has name ${quote(w.name, FILE_QUOTE_MAX)}, which freeze[${first.index}] has already: give every window its own name.`
      );
    seen.set(key, w);
  }
  return windows;
}

function parseEntry(entry: unknown, index: number, where: string): FreezeWindow {
  const at = (name?: string) => `In ${where}, freeze[${index}]${name ? ` (${quote(name, FILE_QUOTE_MAX)})` : ''}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new ConfigFileError(`${at()} is ${shown(entry)}: use a map with cron and duration, or from and to (and optionally name, timezone, reason).`);
  const e = entry as Record<string, unknown>;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(e, k) && e[k] !== undefined && e[k] !== null;

  // The name first, so that every later sentence can name the entry.
  let name: string | undefined;
  if (has('name')) {
    if (typeof e.name !== 'string' || !FREEZE_NAME.test(e.name))
      throw new ConfigFileError(
        `${at()} has name ${shown(e.name)}: use 1 to 63 letters, digits, dots, hyphens or underscores, starting with a letter or digit.`
      );
    name = e.name;
  }
  const fail = (field: string, allowed: string): never => {
    throw new ConfigFileError(`${at(name)} has ${field} ${shown(e[field])}: ${allowed}.`);
  };
  const missing = (field: string, why: string): never => {
    throw new ConfigFileError(`${at(name)} has no ${field}: ${why}.`);
  };

  const unknown = Object.keys(e).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) throw new ConfigFileError(`${at(name)} has an unknown key ${quote(unknown, FILE_QUOTE_MAX)}: a window has ${KEYS.join(', ')}.`);

  let timezone = 'UTC';
  if (has('timezone')) {
    const zone = typeof e.timezone === 'string' ? canonicalTimeZone(e.timezone.trim()) : null;
    if (zone === null) fail('timezone', 'use an IANA time zone name, e.g. Europe/Berlin, America/New_York or UTC');
    else timezone = zone;
  }

  let reason: string | undefined;
  if (has('reason')) {
    const text = typeof e.reason === 'string' ? e.reason.trim() : '';
    if (text === '' || Array.from(text).length > MAX_REASON_LENGTH) fail('reason', `use text of 1 to ${MAX_REASON_LENGTH} characters`);
    reason = text;
  }

  const isCron = has('cron') || has('duration');
  const isDates = has('from') || has('to');
  if (isCron && isDates)
    throw new ConfigFileError(
      `${at(name)} has both ${has('cron') ? 'cron' : 'duration'} and ${has('from') ? 'from' : 'to'}: a window is either cron with duration (a repeating window) or from with to (one period), so split it into two windows.`
    );
  if (!isCron && !isDates)
    missing('cron or from', 'give cron and duration (e.g. cron: "0 17 * * FRI", duration: 64h) or from and to (e.g. from: 2026-12-20, to: 2027-01-04)');

  const base = { named: name !== undefined, index, timezone, ...(reason !== undefined ? { reason } : {}) };
  if (isCron) {
    if (!has('cron')) missing('cron', 'a window with a duration needs the cron pattern that opens it, e.g. cron: "0 17 * * FRI"');
    if (!has('duration')) missing('duration', 'a cron window needs how long it lasts, e.g. duration: 64h');
    if (typeof e.cron !== 'string') return fail('cron', 'use a cron pattern of five fields in quotes, e.g. "0 17 * * FRI"');
    const cron = e.cron.trim().replace(/\s+/g, ' ');
    const problem = cron.length > 100 ? 'it is longer than 100 characters' : cronProblem(cron);
    if (problem) fail('cron', `${problem}; use five fields (minute hour day-of-month month day-of-week), e.g. "0 17 * * FRI"`);
    const duration = typeof e.duration === 'string' ? parseDuration(e.duration) : null;
    if (!duration) return fail('duration', DURATION_ALLOWED);
    return { ...base, kind: 'cron', name: name ?? `${cron} for ${duration.text}`, cron, duration, schedule: cronSchedule(cron, timezone) };
  }

  if (!has('from')) missing('from', 'a window with an end needs its start, e.g. from: 2026-12-20');
  if (!has('to')) missing('to', 'a window with a start needs its end, e.g. to: 2027-01-04 (a date is included as a whole day)');
  const from = typeof e.from === 'string' ? parseDateTime(e.from.trim(), timezone, 'start') : null;
  if (!from) return fail('from', DATE_ALLOWED);
  const to = typeof e.to === 'string' ? parseDateTime(e.to.trim(), timezone, 'end') : null;
  if (!to) return fail('to', DATE_ALLOWED);
  if (to.instant <= from.instant)
    fail(
      'to',
      `it ends ${to.date ? 'before' : 'at or before'} from ${quote(from.text, FILE_QUOTE_MAX)}; give an end after the start (a date as to includes that whole day)`
    );
  return {
    ...base,
    kind: 'dates',
    name: name ?? `${from.text} to ${to.text}`,
    from: from.instant,
    to: to.instant,
    fromText: from.text,
    toText: to.text,
    wholeDays: from.date && to.date
  };
}

/**
 * A date or date-time as an instant: a date is the start of that day in the zone (`start`) or the
 * start of the next day (`end`: the whole day is included); a date-time without offset is local to
 * the zone; one with `Z` or `±hh:mm` is that instant. Null when not a real date or time.
 */
function parseDateTime(text: string, timezone: string, side: 'start' | 'end'): { instant: number; date: boolean; text: string } | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const [hour, minute, second] = [m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x)));
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = m[4] === undefined;
  if (date) return { instant: zonedToInstant({ year, month, day: side === 'end' ? day + 1 : day, hour: 0, minute: 0, second: 0 }, timezone), date, text };
  const offset = m[7];
  if (offset === undefined) return { instant: zonedToInstant({ year, month, day, hour, minute, second }, timezone), date, text };
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (offset === 'Z') return { instant: wall, date, text };
  const [oh, om] = offset.slice(1).split(':').map(Number);
  if (oh > 23 || om > 59) return null;
  return { instant: wall - (offset[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000, date, text };
}

/** A value from the file as a sentence quotes it: strings quoted short and escaped, other values as JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string') return quote(value, FILE_QUOTE_MAX);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let json: string;
  try {
    json = JSON.stringify(value) ?? typeof value;
  } catch {
    json = typeof value;
  }
  return Array.isArray(value) || (typeof value === 'object' && value !== null)
    ? `the ${Array.isArray(value) ? 'list' : 'map'} ${quote(json, FILE_QUOTE_MAX)}`
    : quote(json, FILE_QUOTE_MAX);
}
