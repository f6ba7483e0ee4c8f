const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface IsoWeek {
  /** `2026-W35` */
  label: string;
  /** Monday 00:00 UTC, epoch ms. */
  start: number;
}

/** The ISO 8601 week (weeks start on Monday, week 1 holds the year's first Thursday), in UTC. */
export function isoWeek(atMs: number): IsoWeek {
  const day = Math.floor(atMs / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = day - weekday * DAY;
  const year = new Date(monday + 3 * DAY).getUTCFullYear(); // the Thursday's year
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const n = 1 + Math.round((monday - week1) / WEEK);
  return { label: `${year}-W${String(n).padStart(2, '0')}`, start: monday };
}

/** Every ISO week that overlaps [from, until), oldest first. */
export function weeksBetween(fromMs: number, untilMs: number): IsoWeek[] {
  const out: IsoWeek[] = [];
  for (let start = isoWeek(fromMs).start; start < untilMs; start += WEEK) out.push(isoWeek(start));
  return out;
}
