import { Cron } from 'croner';

/**
 * Cron patterns through croner (five fields: minute hour day-of-month month day-of-week, names such
 * as FRI and DEC, ranges, lists, steps, `L` and `#`; or @hourly, @daily, @weekly, @monthly, @yearly).
 * croner finds the previous and next run in a time zone field by field, not by stepping, and handles
 * DST as cron daemons do: a job at a fixed time (one minute, one hour) that falls in a DST gap runs
 * at the end of the gap and runs once in a repeated hour; other jobs skip the gap and run in both
 * copies of the repeated hour.
 */
export interface CronSchedule {
  /** The latest opening at or before `instant`, or null (none before year 1). */
  latestAtOrBefore(instant: number): number | null;
  /** The first opening strictly after `instant`, or null. */
  nextAfter(instant: number): number | null;
}

const FIELDS = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** A search start far enough back that a pattern matching at all has matched after it. */
const PROBE_FROM = Date.UTC(2000, 0, 1);

function compile(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { timezone, mode: '5-part' });
}

/**
 * What is wrong with a pattern, as the end of a sentence (`its hour field "25" is not allowed`), or
 * null when it is a pattern that matches at some time.
 */
export function cronProblem(pattern: string): string | null {
  const text = pattern.trim();
  if (text.startsWith('@')) return NICKNAMES.has(text.toLowerCase()) ? null : `it is not one of ${[...NICKNAMES].join(', ')}`;
  // croner reads `?` as "the value at the time the pattern is read": a window would move with the clock.
  if (text.includes('?')) return 'a "?" field would take its value from the current time';
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  try {
    compile(text, 'UTC');
  } catch {
    // Name the field: each one alone in an otherwise match-all pattern.
    for (let i = 0; i < 5; i++) {
      const probe = FIELDS.map((_, j) => (j === i ? fields[i] : '*')).join(' ');
      try {
        compile(probe, 'UTC');
      } catch {
        return `its ${FIELDS[i]} field ${JSON.stringify(fields[i].slice(0, 20))} is not allowed`;
      }
    }
    return 'its fields do not form a pattern';
  }
  if (compile(text, 'UTC').nextRun(new Date(PROBE_FROM)) === null) return 'it never matches (no such day)';
  return null;
}

/** A schedule for a pattern that cronProblem accepted. */
export function cronSchedule(pattern: string, timezone: string): CronSchedule {
  const cron = compile(pattern.trim(), timezone);
  // previousRuns is strictly before its reference: one millisecond later includes an opening at the instant.
  return {
    latestAtOrBefore: (instant) => cron.previousRuns(1, new Date(instant + 1))[0]?.getTime() ?? null,
    nextAfter: (instant) => cron.nextRun(new Date(instant))?.getTime() ?? null
  };
}
