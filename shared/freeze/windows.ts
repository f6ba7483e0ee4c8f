import type { CronSchedule } from './cron.js';
import type { FreezeDuration } from './duration.js';

export type { FreezeDuration } from './duration.js';

interface FreezeWindowBase {
  /** The name given in the file, or one derived from the window (`0 17 * * FRI for 64h`, `2026-12-20 to 2027-01-04`). */
  name: string;
  /** Whether the file named the window (a derived name is not quoted as a name in sentences). */
  named: boolean;
  /** Position in the list it was read from (0-based, as `freeze[0]`). */
  index: number;
  /** IANA zone the window is read in (canonical spelling); `UTC` by default. */
  timezone: string;
  /** Why deploys stop, as written (trimmed); absent when the file gives none. */
  reason?: string;
}

/** A window that opens on a cron schedule and lasts a fixed duration each time. */
export interface CronFreezeWindow extends FreezeWindowBase {
  kind: 'cron';
  /** The pattern, as written (trimmed). */
  cron: string;
  duration: FreezeDuration;
  /** Openings of the window in its zone. */
  schedule: CronSchedule;
}

/** A window between two points in time. */
export interface DateFreezeWindow extends FreezeWindowBase {
  kind: 'dates';
  /** Opening instant (inclusive), epoch milliseconds. */
  from: number;
  /** Closing instant (exclusive), epoch milliseconds: a `to` date is the end of that whole day. */
  to: number;
  /** As written in the file. */
  fromText: string;
  toText: string;
  /** Whether `from` and `to` are both dates (whole days) rather than date-times. */
  wholeDays: boolean;
}

export type FreezeWindow = CronFreezeWindow | DateFreezeWindow;

/** A window's name as the file may give it (the same rule as wave names). */
export const FREEZE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const MAX_REASON_LENGTH = 300;
