import { describe, expect, test } from '@jest/globals';
import { addDuration, formatDuration, parseDuration } from '../../../shared/freeze/duration.js';
import { canonicalTimeZone, localParts, offsetAt, zonedToInstant } from '../../../shared/freeze/zone.js';

const iso = (t: number) => new Date(t).toISOString();
const local = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe('time zones', () => {
  test('canonical names; offsets, unknown zones and odd text are not zones', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Etc/GMT+1')).toBe('Etc/GMT+1');
    for (const bad of ['+01:00', 'Mars/Base', '', 'Europe/../Berlin', 'Europe/Berlin\n', 'x'.repeat(200)]) expect(canonicalTimeZone(bad)).toBeNull();
  });

  test('local fields and offsets of an instant', () => {
    expect(localParts(Date.parse('2026-12-11T16:00:00Z'), 'Europe/Berlin')).toEqual({ ...local(2026, 12, 11, 17), weekday: 5 });
    expect(localParts(Date.parse('2026-12-31T23:30:00Z'), 'UTC')).toEqual({ ...local(2026, 12, 31, 23, 30), weekday: 4 });
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-01T00:00:00.999Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  test('a local time to an instant: ordinary, in the DST gap (moved forward), in the repeated hour (the first)', () => {
    expect(iso(zonedToInstant(local(2026, 12, 11, 17), 'Europe/Berlin'))).toBe('2026-12-11T16:00:00.000Z');
    expect(iso(zonedToInstant(local(2026, 7, 1, 17), 'Europe/Berlin'))).toBe('2026-07-01T15:00:00.000Z');
    expect(iso(zonedToInstant(local(2026, 3, 29, 2, 30), 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso(zonedToInstant(local(2026, 10, 25, 2, 30), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(zonedToInstant(local(2026, 12, 32), 'UTC'))).toBe('2027-01-01T00:00:00.000Z');
    expect(iso(zonedToInstant(local(2026, 3, 8, 2, 30), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });
});

describe('durations', () => {
  test('weeks, days, hours, minutes in that order', () => {
    expect(parseDuration('30m')).toEqual({ days: 0, minutes: 30, text: '30m' });
    expect(parseDuration('12h')).toEqual({ days: 0, minutes: 720, text: '12h' });
    expect(parseDuration('2d')).toEqual({ days: 2, minutes: 0, text: '2d' });
    expect(parseDuration('2d12h')).toEqual({ days: 2, minutes: 720, text: '2d12h' });
    expect(parseDuration(' 1w 2d 3h 4m ')).toEqual({ days: 9, minutes: 184, text: '1w2d3h4m' });
    expect(parseDuration('366d')?.days).toBe(366);
    expect(parseDuration('8784h')?.minutes).toBe(8784 * 60);
    for (const bad of ['', '0m', '0d0h', '367d', '8785h', '1h2d', '2.5h', '1s', '1y', '-1h', 'h', '1H', '1 day']) expect(parseDuration(bad)).toBeNull();
  });

  test('as a sentence shows it', () => {
    const f = (s: string) => formatDuration(parseDuration(s)!);
    expect([f('64h'), f('2d12h'), f('30m'), f('90m'), f('1w'), f('1d1h1m')]).toEqual(['64 h', '2 d 12 h', '30 min', '1 h 30 min', '7 d', '1 d 1 h 1 min']);
  });

  test('days are calendar days in the zone, hours are elapsed time', () => {
    const friday = Date.parse('2026-10-23T15:00:00Z'); // 17:00 CEST
    expect(iso(addDuration(friday, parseDuration('2d')!, 'Europe/Berlin'))).toBe('2026-10-25T16:00:00.000Z'); // 17:00 CET
    expect(iso(addDuration(friday, parseDuration('48h')!, 'Europe/Berlin'))).toBe('2026-10-25T15:00:00.000Z'); // 16:00 CET
    expect(iso(addDuration(friday, parseDuration('2d')!, 'UTC'))).toBe('2026-10-25T15:00:00.000Z');
    // Milliseconds are kept.
    expect(iso(addDuration(friday + 250, parseDuration('1d1m')!, 'Europe/Berlin'))).toBe('2026-10-24T15:01:00.250Z');
  });
});
