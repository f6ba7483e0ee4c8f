const DAY_MS = 86_400_000;

/** Bad `--since` / `since` values: one sentence naming the value and what is allowed. */
export class SinceError extends Error {
  constructor(value: string, why = '') {
    super(
      `"since" is ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}${why}: use a number of days or weeks before now (90d, 12w) or a date in the past (2026-09-01, or 2026-09-01T12:00:00Z).`
    );
    this.name = 'SinceError';
  }
}

/**
 * The start of the reporting window: `90d` and `12w` count back from `now`; a date
 * (`2026-09-01`) is midnight UTC, a timestamp needs its offset (`Z`, `+02:00`) so that a report
 * does not depend on the runner's time zone.
 */
export function parseSince(text: string, now: Date): Date {
  const value = text.trim();
  const span = /^(\d{1,5})\s*(d|w)$/i.exec(value);
  if (span) {
    const n = Number(span[1]);
    if (n === 0) throw new SinceError(text, ' (an empty window)');
    return new Date(now.getTime() - n * (span[2].toLowerCase() === 'w' ? 7 : 1) * DAY_MS);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!date) throw new SinceError(text);
  const [, y, m, d] = date;
  // Date.parse rolls 2026-02-30 over into March; a date that does not exist is a typo.
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) {
    throw new SinceError(text, ' (no such date)');
  }
  const at = date[4] ? new Date(value) : day;
  if (Number.isNaN(at.getTime())) throw new SinceError(text, ' (no such time)');
  if (at.getTime() >= now.getTime()) throw new SinceError(text, ' (not in the past)');
  return at;
}
