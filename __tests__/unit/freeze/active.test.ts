import { describe, expect, test } from '@jest/globals';
import { activeFreeze, currentOccurrence, nextFreeze } from '../../../shared/freeze/active.js';
import { parseFreezeWindows } from '../../../shared/inputs/freeze-windows.js';
import { type CronFreezeWindow, type FreezeWindow } from '../../../shared/freeze/windows.js';

const WHERE = 'the config file .github/shipgate.yml';
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const windows = (...entries: object[]) => parseFreezeWindows(entries, WHERE);
const span = (a: { start: Date; end: Date } | null) => a && [a.start.toISOString(), a.end.toISOString()];

const weekend = { name: 'weekend', cron: '0 17 * * FRI', duration: '64h', timezone: 'Europe/Berlin', reason: 'No deploys over the weekend' };
const yearEnd = { name: 'year-end', from: '2026-12-20', to: '2027-01-04', timezone: 'Europe/Berlin', reason: 'Year-end change freeze' };

describe('date windows', () => {
  const ws = windows(yearEnd);

  test('whole days in the zone, the to date included, its end exclusive', () => {
    expect(activeFreeze(ws, at('2026-12-19T22:59:59.999Z'))).toBeNull();
    const opening = activeFreeze(ws, at('2026-12-19T23:00:00.000Z'));
    expect(span(opening)).toEqual(['2026-12-19T23:00:00.000Z', '2027-01-04T23:00:00.000Z']);
    expect(opening).toMatchObject({ reason: 'Year-end change freeze', alsoActive: [] });
    expect(opening?.window.name).toBe('year-end');
    // The last moment of 4 January in Berlin, and the first of the 5th.
    expect(activeFreeze(ws, at('2027-01-04T22:59:59.999Z'))).not.toBeNull();
    expect(activeFreeze(ws, at('2027-01-04T23:00:00.000Z'))).toBeNull();
  });

  test('date-times: from inclusive, to exclusive', () => {
    const dt = windows({ name: 'release-night', from: '2026-07-01T18:00', to: '2026-07-02T06:00', timezone: 'America/New_York' });
    expect(activeFreeze(dt, ms('2026-07-01T21:59:59.999Z'))).toBeNull();
    expect(span(activeFreeze(dt, ms('2026-07-01T22:00:00Z')))).toEqual(['2026-07-01T22:00:00.000Z', '2026-07-02T10:00:00.000Z']);
    expect(activeFreeze(dt, ms('2026-07-02T09:59:59.999Z'))).not.toBeNull();
    expect(activeFreeze(dt, ms('2026-07-02T10:00:00Z'))).toBeNull();
  });

  test('a day that starts in a DST gap (America/Santiago skips 00:00-01:00 on 6 September 2026) starts when the day does', () => {
    const [w] = windows({ from: '2026-09-06', to: '2026-09-06', timezone: 'America/Santiago' });
    const o = currentOccurrence(w, ms('2026-09-06T12:00:00Z'));
    // 01:00 -03 is the first moment of the 6th; the 7th starts at 00:00 -03.
    expect(span(o)).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
  });
});

describe('cron windows', () => {
  const ws = windows(weekend);

  test('closed just before the opening, open at the opening instant, closed at the end instant', () => {
    expect(activeFreeze(ws, at('2026-12-11T15:59:59.999Z'))).toBeNull();
    const a = activeFreeze(ws, at('2026-12-11T16:00:00.000Z'));
    expect(span(a)).toEqual(['2026-12-11T16:00:00.000Z', '2026-12-14T08:00:00.000Z']);
    expect(a?.reason).toBe('No deploys over the weekend');
    expect(span(activeFreeze(ws, at('2026-12-14T07:59:59.999Z')))).toEqual(['2026-12-11T16:00:00.000Z', '2026-12-14T08:00:00.000Z']);
    expect(activeFreeze(ws, at('2026-12-14T08:00:00.000Z'))).toBeNull();
    expect(activeFreeze(ws, at('2026-12-16T12:00:00.000Z'))).toBeNull();
  });

  test('across the week boundary (Sunday to Monday) and the year boundary', () => {
    expect(span(activeFreeze(ws, at('2026-12-13T23:30:00Z')))).toEqual(['2026-12-11T16:00:00.000Z', '2026-12-14T08:00:00.000Z']);
    // Friday 1 January 2027: the window of the new year, open into Monday the 4th.
    expect(span(activeFreeze(ws, at('2027-01-03T12:00:00Z')))).toEqual(['2027-01-01T16:00:00.000Z', '2027-01-04T08:00:00.000Z']);
    const nye = windows({ name: 'nye', cron: '0 22 31 12 *', duration: '4h' });
    expect(activeFreeze(nye, at('2026-12-31T21:59:00Z'))).toBeNull();
    expect(span(activeFreeze(nye, at('2027-01-01T01:59:59Z')))).toEqual(['2026-12-31T22:00:00.000Z', '2027-01-01T02:00:00.000Z']);
    expect(activeFreeze(nye, at('2027-01-01T02:00:00Z'))).toBeNull();
  });

  test('across midnight, every day', () => {
    const nightly = windows({ name: 'nightly', cron: '30 22 * * *', duration: '3h', timezone: 'Asia/Tokyo' });
    // 22:30 to 01:30 in Tokyo (UTC+9): 13:30 to 16:30 UTC.
    expect(activeFreeze(nightly, at('2026-05-05T13:29:59Z'))).toBeNull();
    expect(span(activeFreeze(nightly, at('2026-05-05T15:00:00Z')))).toEqual(['2026-05-05T13:30:00.000Z', '2026-05-05T16:30:00.000Z']);
    expect(activeFreeze(nightly, at('2026-05-05T16:30:00Z'))).toBeNull();
  });

  test('openings that overlap (every hour for two hours) keep it frozen, reporting the latest opening', () => {
    const always = windows({ name: 'always', cron: '0 * * * *', duration: '2h' });
    for (const t of ['2026-05-05T10:00:00Z', '2026-05-05T10:59:59Z', '2026-05-05T23:30:00Z'])
      expect(activeFreeze(always, at(t))?.start.toISOString()).toBe(`${t.slice(0, 13)}:00:00.000Z`);
  });

  test('a window longer than the time between openings, with calendar days (every Monday for 1w6d)', () => {
    const w = windows({ name: 'long', cron: '0 9 * * MON', duration: '1w6d', timezone: 'Europe/Berlin' });
    expect(span(activeFreeze(w, at('2026-06-03T12:00:00Z')))).toEqual(['2026-06-01T07:00:00.000Z', '2026-06-14T07:00:00.000Z']);
  });

  test('a rare opening (29 February) is found years back, quickly', () => {
    const leap = windows({ name: 'leap', cron: '0 0 29 2 *', duration: '366d' });
    const t0 = performance.now();
    expect(span(activeFreeze(leap, at('2025-02-28T23:59:59Z')))).toEqual(['2024-02-29T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    expect(activeFreeze(leap, at('2025-03-01T00:00:00Z'))).toBeNull();
    expect(activeFreeze(leap, at('2028-02-28T23:59:59Z'))).toBeNull();
    expect(nextFreeze(leap, at('2025-03-01T00:00:00Z'), 3 * 366)?.start.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('DST in Europe/Berlin', () => {
  test('a weekend window across the switch back (25 October 2026): hours are elapsed time, days are calendar days', () => {
    const [hours, days] = windows(weekend, { ...weekend, name: 'weekend-days', duration: '2d16h' });
    // Opens Friday 17:00 CEST (15:00 UTC). 64 h later is Monday 08:00 CET; 2 days 16 h is Monday 09:00 CET.
    expect(span(currentOccurrence(hours, ms('2026-10-24T12:00:00Z')))).toEqual(['2026-10-23T15:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect(span(currentOccurrence(days, ms('2026-10-24T12:00:00Z')))).toEqual(['2026-10-23T15:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    expect(currentOccurrence(hours, ms('2026-10-26T07:30:00Z'))).toBeNull();
    expect(currentOccurrence(days, ms('2026-10-26T07:30:00Z'))).not.toBeNull();
    // The next Friday opens at 17:00 CET (16:00 UTC).
    expect(currentOccurrence(hours, ms('2026-10-30T15:59:59Z'))).toBeNull();
    expect(currentOccurrence(hours, ms('2026-10-30T16:00:00Z'))?.start.toISOString()).toBe('2026-10-30T16:00:00.000Z');
  });

  test('a weekend window across the switch forward (29 March 2026)', () => {
    const [hours, days] = windows(weekend, { ...weekend, name: 'weekend-days', duration: '2d16h' });
    // Opens Friday 17:00 CET (16:00 UTC). 64 h later is Monday 10:00 CEST; 2 days 16 h is Monday 09:00 CEST.
    expect(span(currentOccurrence(hours, ms('2026-03-29T12:00:00Z')))).toEqual(['2026-03-27T16:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    expect(span(currentOccurrence(days, ms('2026-03-29T12:00:00Z')))).toEqual(['2026-03-27T16:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    // The next Friday opens at 17:00 CEST (15:00 UTC).
    expect(currentOccurrence(hours, ms('2026-04-03T15:00:00Z'))?.start.toISOString()).toBe('2026-04-03T15:00:00.000Z');
  });

  test('an opening inside the skipped hour opens when the hour ends; one in the repeated hour opens once', () => {
    const [w] = windows({ name: 'maintenance', cron: '30 2 * * *', duration: '1h', timezone: 'Europe/Berlin' });
    // 29 March: 02:30 does not exist; the window opens at 03:00 CEST (01:00 UTC).
    expect(currentOccurrence(w, ms('2026-03-29T00:59:59Z'))).toBeNull();
    expect(span(currentOccurrence(w, ms('2026-03-29T01:00:00Z')))).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']);
    // 25 October: 02:30 CEST (00:30 UTC), not again at 02:30 CET; one hour of elapsed time.
    expect(span(currentOccurrence(w, ms('2026-10-25T01:15:00Z')))).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    expect(currentOccurrence(w, ms('2026-10-25T01:30:00Z'))).toBeNull();
    expect(currentOccurrence(w, ms('2026-10-25T01:45:00Z'))).toBeNull();
  });

  test('a window of whole days that opens on the repeated hour ends at the same wall time', () => {
    const [w] = windows({ name: 'daily', cron: '*/30 2 * * *', duration: '1d', timezone: 'Europe/Berlin' });
    // 02:30 CET on 25 October (01:30 UTC) + 1 day = 02:30 CET on the 26th (01:30 UTC).
    expect(span(currentOccurrence(w, ms('2026-10-25T01:45:00Z')))).toEqual(['2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  test('with calendar days, an earlier opening that ends later than the latest one still covers now', () => {
    const [real] = windows({ name: 'odd', cron: '0 0 * * *', duration: '1d', timezone: 'Europe/Berlin' });
    // A schedule whose latest opening (02:10 CET) is earlier on the clock than the one before (02:30 CEST).
    const openings = [ms('2026-10-25T00:30:00Z'), ms('2026-10-25T01:10:00Z')];
    const w: CronFreezeWindow = {
      ...(real as CronFreezeWindow),
      schedule: {
        latestAtOrBefore: (t) => [...openings].reverse().find((o) => o <= t) ?? null,
        nextAfter: (t) => openings.find((o) => o > t) ?? null
      }
    };
    // 02:20 CET on the 26th: the 02:10 window has closed, the 02:30 one has not.
    expect(span(currentOccurrence(w, ms('2026-10-26T01:20:00Z')))).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(currentOccurrence(w, ms('2026-10-26T01:30:00Z'))).toBeNull();
  });
});

describe('overlapping windows', () => {
  const ws = windows(weekend, yearEnd);

  test('the first window of the list that covers now is the freeze; the others are listed in alsoActive', () => {
    const a = activeFreeze(ws, at('2026-12-26T12:00:00Z'));
    expect(a?.window.name).toBe('weekend');
    expect(a?.alsoActive.map((o) => o.window.name)).toEqual(['year-end']);
    expect(span(a?.alsoActive[0] ?? null)).toEqual(['2026-12-19T23:00:00.000Z', '2027-01-04T23:00:00.000Z']);
    const reversed = activeFreeze([...ws].reverse(), at('2026-12-26T12:00:00Z'));
    expect(reversed?.window.name).toBe('year-end');
    expect(reversed?.alsoActive.map((o) => o.window.name)).toEqual(['weekend']);
  });

  test('only one covering: alsoActive is empty', () => {
    expect(activeFreeze(ws, at('2026-12-22T12:00:00Z'))).toMatchObject({ alsoActive: [] });
    expect(activeFreeze([], at('2026-12-22T12:00:00Z'))).toBeNull();
  });
});

describe('nextFreeze', () => {
  const ws = windows(weekend, yearEnd);

  test('the earliest opening after now within the horizon', () => {
    const n = nextFreeze(ws, at('2026-12-09T12:00:00Z'));
    expect(n?.window.name).toBe('weekend');
    expect(span(n)).toEqual(['2026-12-11T16:00:00.000Z', '2026-12-14T08:00:00.000Z']);
    expect(n?.reason).toBe('No deploys over the weekend');
    // Inside the weekend: the year-end window opens before the next Friday.
    expect(nextFreeze(ws, at('2026-12-19T12:00:00Z'))?.window.name).toBe('year-end');
    // At an opening instant, that opening is not "next".
    expect(nextFreeze(ws, at('2026-12-11T16:00:00Z'))?.start.toISOString()).toBe('2026-12-18T16:00:00.000Z');
  });

  test('none within the horizon, none left, and ties go to the first of the list', () => {
    expect(nextFreeze(ws, at('2026-12-09T12:00:00Z'), 1)).toBeNull();
    expect(nextFreeze(windows(yearEnd), at('2027-01-10T00:00:00Z'))).toBeNull();
    expect(nextFreeze(windows(yearEnd), at('2026-10-01T00:00:00Z'))).toBeNull();
    expect(nextFreeze(windows(yearEnd), at('2026-10-01T00:00:00Z'), 90)?.window.name).toBe('year-end');
    const twins: FreezeWindow[] = windows({ ...weekend, name: 'a' }, { ...weekend, name: 'b', duration: '1h' });
    expect(nextFreeze(twins, ms('2026-12-09T12:00:00Z'))?.window.name).toBe('a');
    expect(nextFreeze([...twins].reverse(), ms('2026-12-09T12:00:00Z'))?.window.name).toBe('b');
  });
});
