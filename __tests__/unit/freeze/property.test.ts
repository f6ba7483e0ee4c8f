// activeFreeze against an oracle that knows nothing of croner: step back minute by minute from now
// and ask whether the wall clock in the zone matches the pattern's fields. A window covers now
// exactly when some opening o has o <= now < o + duration. In Europe/Berlin the patterns are
// interval ones (the hour field is not a single value): they skip the hour that DST skips and open
// in both copies of the repeated hour, which is what minute stepping over real instants does too.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { activeFreeze, nextFreeze } from '../../../shared/freeze/active.js';
import { parseFreezeWindows } from '../../../shared/inputs/freeze-windows.js';
import { localParts } from '../../../shared/freeze/zone.js';

interface Pattern {
  minutes: number[];
  /** null: every hour. */
  hours: number[] | null;
  /** null: every day of the week. */
  weekdays: number[] | null;
}

const render = (p: Pattern) => `${p.minutes.join(',')} ${p.hours?.join(',') ?? '*'} * * ${p.weekdays?.join(',') ?? '*'}`;

function matches(p: Pattern, instant: number, zone: string): boolean {
  const l = localParts(instant, zone);
  return p.minutes.includes(l.minute) && (p.hours === null || p.hours.includes(l.hour)) && (p.weekdays === null || p.weekdays.includes(l.weekday));
}

const uniqueInts = (min: number, max: number, minLength: number, maxLength: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { minLength, maxLength }).map((xs) => [...xs].sort((a, b) => a - b));

const pattern = (zone: string): fc.Arbitrary<Pattern> =>
  fc.record({
    minutes: uniqueInts(0, 59, 1, 4),
    // In Berlin at least two hours (or every hour): a single hour is a fixed-time job, which DST moves.
    hours: fc.option(uniqueInts(0, 23, zone === 'UTC' ? 1 : 2, 6), { nil: null, freq: 3 }),
    weekdays: fc.option(uniqueInts(0, 6, 1, 3), { nil: null, freq: 2 })
  });

const MINUTE = 60_000;
/** Whole minutes across both 2026 Berlin DST switches, and at random in the year. */
const instants = fc.oneof(
  fc.integer({ min: Date.parse('2026-03-28T20:00:00Z'), max: Date.parse('2026-03-29T06:00:00Z') }),
  fc.integer({ min: Date.parse('2026-10-24T20:00:00Z'), max: Date.parse('2026-10-25T06:00:00Z') }),
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
);
/** Now: sometimes exactly on a minute (an opening instant or an end instant), sometimes within one. */
const nows = fc.tuple(instants, fc.boolean()).map(([t, exact]) => (exact ? Math.floor(t / MINUTE) * MINUTE : t));

describe('activeFreeze agrees with minute stepping', () => {
  test.each(['UTC', 'Europe/Berlin'])('%s: frozen exactly when an opening o has o <= now < o + duration', (zone) => {
    fc.assert(
      fc.property(pattern(zone), fc.integer({ min: 1, max: 180 }), nows, (p, minutes, now) => {
        const [w] = parseFreezeWindows([{ name: 'p', cron: render(p), duration: `${minutes}m`, timezone: zone }], 'the property');
        // The latest opening o with o <= now and now < o + duration, by stepping back a minute at a time.
        let expected: number | null = null;
        for (let o = Math.floor(now / MINUTE) * MINUTE; o > now - minutes * MINUTE; o -= MINUTE) {
          if (matches(p, o, zone)) {
            expected = o;
            break;
          }
        }
        const got = activeFreeze([w], new Date(now));
        expect(got?.start.getTime() ?? null).toBe(expected);
        if (got) expect(got.end.getTime()).toBe(got.start.getTime() + minutes * MINUTE);
      }),
      { numRuns: 400 }
    );
  });

  test.each(['UTC', 'Europe/Berlin'])('%s: nextFreeze is the first matching minute after now', (zone) => {
    fc.assert(
      fc.property(pattern(zone), nows, (p, now) => {
        const [w] = parseFreezeWindows([{ name: 'p', cron: render(p), duration: '1h', timezone: zone }], 'the property');
        let expected: number | null = null;
        for (let o = Math.floor(now / MINUTE) * MINUTE + MINUTE; o <= now + 8 * 86_400_000; o += MINUTE) {
          if (matches(p, o, zone)) {
            expected = o;
            break;
          }
        }
        expect(nextFreeze([w], now, 8)?.start.getTime() ?? null).toBe(expected);
      }),
      { numRuns: 100 }
    );
  });
});
