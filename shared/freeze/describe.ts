import { escapeLogText, escapeMarkdown } from '../util/escape.js';
import type { ActiveFreeze, FreezeOccurrence } from './active.js';
import { formatDuration } from './duration.js';
import type { CronFreezeWindow, FreezeWindow } from './windows.js';
import { localParts } from './zone.js';

/** How user text (names, reasons, the environment) is made inert: for a log line or for Markdown. */
interface Style {
  text(s: string, max: number): string;
  strong(s: string): string;
  name(w: FreezeWindow): string;
  finish(sentence: string): string;
}

const LOG: Style = {
  text: (s, max) => escapeLogText(s, max),
  strong: (s) => s,
  name: (w) => (w.named ? `"${escapeLogText(w.name, 80)}"` : escapeLogText(w.name, 160)),
  // Escaped part by part; once more as a whole, so that no two parts can meet as `::`.
  finish: (s) => escapeLogText(s, 4000)
};

const MARKDOWN: Style = {
  text: (s, max) => escapeMarkdown(s, max),
  strong: (s) => `**${s}**`,
  name: (w) => (w.named ? `**${escapeMarkdown(w.name, 80)}**` : escapeMarkdown(w.name, 160)),
  finish: (s) => s
};

/**
 * The sentence that fails a rollout inside a freeze, for a log line (user text escaped, one line):
 * `production is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 11 Dec
 * 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin): No deploys over the weekend.`
 */
export function describeFreeze(active: ActiveFreeze, environment: string): string {
  return sentence(active, environment, LOG);
}

/** The same sentence for a Markdown summary (user text escaped for Markdown, environment and name in bold). */
export function describeFreezeMarkdown(active: ActiveFreeze, environment: string): string {
  return sentence(active, environment, MARKDOWN);
}

/**
 * The next window for a plan, for a log line: `The next freeze of production is "weekend" from Fri
 * 18 Dec 2026 17:00 to Mon 21 Dec 2026 09:00 Europe/Berlin (every Friday 17:00 Europe/Berlin for 64 h):
 * No deploys over the weekend.`
 */
export function describeNextFreeze(next: FreezeOccurrence, environment: string, markdown = false): string {
  const s = markdown ? MARKDOWN : LOG;
  const w = next.window;
  const when = `from ${span(next, true, s)}`;
  const what = w.kind === 'cron' ? ` (${schedule(w, s)})` : '';
  const name = w.named ? `${s.name(w)} ` : '';
  return s.finish(`The next freeze of ${s.strong(s.text(environment, 100))} is ${name}${when}${what}${reasonTail(w, s)}`);
}

function sentence(active: ActiveFreeze, environment: string, s: Style): string {
  const w = active.window;
  const by = w.named ? ` by ${s.name(w)}` : '';
  const inner = w.kind === 'cron' ? `${schedule(w, s)}; now from ${span(active, true, s)}` : `from ${span(active, false, s)}`;
  const also = active.alsoActive.length > 0 ? `; also frozen by ${active.alsoActive.map((o) => s.name(o.window)).join(', ')}` : '';
  return s.finish(`${s.strong(s.text(environment, 100))} is frozen${by} (${inner}${also})${reasonTail(w, s)}`);
}

function reasonTail(w: FreezeWindow, s: Style): string {
  if (w.reason === undefined) return '.';
  const reason = s.text(w.reason, 300);
  return `: ${reason}${/[.!?…]$/.test(reason) ? '' : '.'}`;
}

/** `every Friday 17:00 Europe/Berlin for 64 h`, or `cron "…" Europe/Berlin for 64 h` when it reads as no simple phrase. */
function schedule(w: CronFreezeWindow, s: Style): string {
  const phrase = cronPhrase(w.cron) ?? `cron "${s.text(w.cron, 100)}"`;
  return `${phrase} ${s.text(w.timezone, 64)} for ${formatDuration(w.duration)}`;
}

/**
 * Start and end of an opening in the window's zone: `Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00
 * Europe/Berlin`; whole days of a date window as `Sun 20 Dec 2026 to Mon 4 Jan 2027 inclusive, UTC`.
 */
function span(o: FreezeOccurrence, times: boolean, s: Style): string {
  const w = o.window;
  const zone = w.timezone;
  const label = s.text(zone, 64);
  if (!times && w.kind === 'dates' && w.wholeDays) return `${day(o.start.getTime(), zone)} to ${day(o.end.getTime() - 1, zone)} inclusive, ${label}`;
  return `${day(o.start.getTime(), zone)} ${clock(o.start.getTime(), zone)} to ${day(o.end.getTime(), zone)} ${clock(o.end.getTime(), zone)} ${label}`;
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function day(instant: number, zone: string): string {
  const p = localParts(instant, zone);
  return `${WEEKDAY_SHORT[p.weekday]} ${p.day} ${MONTH_SHORT[p.month - 1]} ${p.year}`;
}

function clock(instant: number, zone: string): string {
  const p = localParts(instant, zone);
  return `${hhmm(p.hour, p.minute)}`;
}

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const NICKNAME_PATTERNS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *'
};

const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A pattern in words when it is one of the common shapes (a time of day on every day, on days of the
 * week, on a day of the month, or on a date each year), else null.
 */
export function cronPhrase(pattern: string): string | null {
  const fields = (NICKNAME_PATTERNS[pattern.toLowerCase()] ?? pattern).split(' ');
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields;
  if (!/^\d{1,2}$/.test(minute)) return null;
  if (hour === '*' && dom === '*' && month === '*' && dow === '*')
    return Number(minute) === 0 ? 'every hour on the hour' : `every hour at minute ${Number(minute)}`;
  if (!/^\d{1,2}$/.test(hour)) return null;
  const at = hhmm(Number(hour), Number(minute));
  if (dom === '*' && month === '*') {
    const days = weekdays(dow);
    return days === null ? null : `every ${days} ${at}`;
  }
  if (dow !== '*' || !/^\d{1,2}$/.test(dom)) return null;
  if (month === '*') return `on day ${Number(dom)} of every month ${at}`;
  const m = /^\d{1,2}$/.test(month) ? Number(month) - 1 : MONTH_NAMES.indexOf(month.toUpperCase());
  return m >= 0 && m < 12 ? `every ${Number(dom)} ${MONTH_LONG[m]} ${at}` : null;
}

/** `day`, `Friday`, `Saturday and Sunday`, `Monday to Friday`, `Monday, Wednesday and Friday`, or null. */
function weekdays(field: string): string | null {
  if (field === '*') return 'day';
  const one = (t: string): number | null => {
    const n = /^\d$/.test(t) ? Number(t) : DAY_NAMES[t.toUpperCase()];
    return n === undefined || n > 7 ? null : n % 7;
  };
  const parts: string[] = [];
  for (const token of field.split(',')) {
    const range = token.split('-');
    const ends = range.map(one);
    if (ends.some((n) => n === null) || ends.length > 2) return null;
    parts.push(ends.length === 2 ? `${WEEKDAY_LONG[ends[0]!]} to ${WEEKDAY_LONG[ends[1]!]}` : WEEKDAY_LONG[ends[0]!]);
  }
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
