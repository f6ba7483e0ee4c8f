import { addDuration } from './duration.js';
import type { CronFreezeWindow, FreezeWindow } from './windows.js';

/** One opening of a window: from `start` (inclusive) to `end` (exclusive). */
export interface FreezeOccurrence {
  window: FreezeWindow;
  /** The window's reason, if it has one (the same as window.reason). */
  reason?: string;
  start: Date;
  end: Date;
}

/** The window that freezes deploys now, and any others that also do. */
export interface ActiveFreeze extends FreezeOccurrence {
  /** Other windows covering the same instant, in the order of the list. */
  alsoActive: FreezeOccurrence[];
}

/**
 * How far before the latest opening an earlier one can still end later. With calendar days in a
 * duration, an opening just before a DST change back (fall) can end later than one just after it;
 * no zone has turned its clocks back by more than this.
 */
const FALL_BACK_SPAN_MS = 3 * 3_600_000;
/** At most this many earlier openings are looked at for that (a pattern opening every minute has 180). */
const FALL_BACK_OPENINGS = 200;

/**
 * The freeze at `now`: the first window of the list that covers it (its current opening), with the
 * other covering windows in `alsoActive`; null when deploys may go ahead. A window covers `now` when
 * an opening is at or before it and ends after it: start <= now < end.
 */
export function activeFreeze(windows: readonly FreezeWindow[], now: Date | number): ActiveFreeze | null {
  const t = typeof now === 'number' ? now : now.getTime();
  const covering = windows.map((w) => occurrenceAt(w, t)).filter((o): o is FreezeOccurrence => o !== null);
  if (covering.length === 0) return null;
  const [first, ...others] = covering;
  return { ...first, alsoActive: others };
}

/**
 * The next opening of any window that starts after `now` and no later than `horizonDays` days after
 * it (the earliest; on a tie the first in the list), or null. A window that covers `now` counts only
 * with a later opening.
 */
export function nextFreeze(windows: readonly FreezeWindow[], now: Date | number, horizonDays = 30): FreezeOccurrence | null {
  const t = typeof now === 'number' ? now : now.getTime();
  const limit = t + horizonDays * 86_400_000;
  let best: FreezeOccurrence | null = null;
  for (const w of windows) {
    const start = w.kind === 'dates' ? (w.from > t ? w.from : null) : w.schedule.nextAfter(t);
    if (start === null || start > limit || (best && start >= best.start.getTime())) continue;
    best = occurrence(w, start, w.kind === 'dates' ? w.to : addDuration(start, w.duration, w.timezone));
  }
  return best;
}

/** The opening of a window that covers `t`, or null. */
export function currentOccurrence(w: FreezeWindow, now: Date | number): FreezeOccurrence | null {
  const t = typeof now === 'number' ? now : now.getTime();
  return occurrenceAt(w, t);
}

function occurrenceAt(w: FreezeWindow, t: number): FreezeOccurrence | null {
  if (w.kind === 'dates') return w.from <= t && t < w.to ? occurrence(w, w.from, w.to) : null;
  return currentCronOccurrence(w, t);
}

function currentCronOccurrence(w: CronFreezeWindow, t: number): FreezeOccurrence | null {
  // Openings share one duration, so the latest opening ends last (elapsed time only): it alone decides.
  const latest = w.schedule.latestAtOrBefore(t);
  if (latest === null) return null;
  const end = addDuration(latest, w.duration, w.timezone);
  if (t < end) return occurrence(w, latest, end);
  if (w.duration.days === 0) return null;
  // Calendar days: an opening shortly before the latest may end later (see FALL_BACK_SPAN_MS).
  let start: number | null = latest;
  for (let i = 0; i < FALL_BACK_OPENINGS; i++) {
    start = w.schedule.latestAtOrBefore(start - 1);
    if (start === null || start < latest - FALL_BACK_SPAN_MS) break;
    const e = addDuration(start, w.duration, w.timezone);
    if (t < e) return occurrence(w, start, e);
  }
  return null;
}

function occurrence(window: FreezeWindow, start: number, end: number): FreezeOccurrence {
  return { window, ...(window.reason !== undefined ? { reason: window.reason } : {}), start: new Date(start), end: new Date(end) };
}
