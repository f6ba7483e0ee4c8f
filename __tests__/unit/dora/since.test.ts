import { describe, expect, test } from '@jest/globals';
import { parseSince, SinceError } from '../../../shared/dora/since.js';
import { isoWeek, weeksBetween } from '../../../shared/dora/weeks.js';
import { failureRateBand, frequencyBand, leadTimeBand, restoreBand } from '../../../shared/dora/bands.js';

const NOW = new Date('2026-09-01T12:00:00Z');

describe('parseSince', () => {
  test.each([
    ['90d', '2026-06-03T12:00:00.000Z'],
    ['12w', '2026-06-09T12:00:00.000Z'],
    [' 1D ', '2026-08-31T12:00:00.000Z'],
    ['2026-06-01', '2026-06-01T00:00:00.000Z'],
    ['2026-06-01T08:30:00Z', '2026-06-01T08:30:00.000Z'],
    ['2026-06-01T08:30+02:00', '2026-06-01T06:30:00.000Z']
  ])('%s', (text, iso) => {
    expect(parseSince(text, NOW).toISOString()).toBe(iso);
  });

  test.each([
    ['90', ''],
    ['3 months', ''],
    ['0d', ' (an empty window)'],
    ['2026-02-30', ' (no such date)'],
    ['2026-06-01T25:00Z', ' (no such time)'],
    ['2026-06-01T08:00', ''], // no offset: the runner's time zone would decide
    ['2026-09-02', ' (not in the past)'],
    ['', '']
  ])('rejects %j with one sentence naming it', (text, why) => {
    const err = (() => {
      try {
        parseSince(text, NOW);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SinceError);
    expect(err?.message).toBe(
      `"since" is ${JSON.stringify(text)}${why}: use a number of days or weeks before now (90d, 12w) or a date in the past (2026-09-01, or 2026-09-01T12:00:00Z).`
    );
  });

  test('a long value is clipped in the sentence', () => {
    expect(() => parseSince('x'.repeat(200), NOW)).toThrow(/"x{60}…"/);
  });
});

describe('ISO weeks and levels', () => {
  test('weeks start on Monday; week 1 holds the first Thursday', () => {
    expect(isoWeek(Date.parse('2026-01-01T12:00:00Z')).label).toBe('2026-W01'); // a Thursday
    expect(isoWeek(Date.parse('2025-12-29T00:00:00Z')).label).toBe('2026-W01'); // its Monday
    expect(isoWeek(Date.parse('2027-01-01T00:00:00Z')).label).toBe('2026-W53'); // a Friday
    expect(isoWeek(Date.parse('2026-08-30T23:59:59Z'))).toEqual({ label: '2026-W35', start: Date.parse('2026-08-24T00:00:00Z') });
    expect(weeksBetween(Date.parse('2026-08-26T00:00:00Z'), Date.parse('2026-09-07T00:00:00Z')).map((w) => w.label)).toEqual(['2026-W35', '2026-W36']);
  });

  test('levels read the 2023 clusters as upper bounds', () => {
    const H = 3_600_000;
    expect([1, 1 / 7, 1 / 30, 1 / 31].map(frequencyBand)).toEqual(['elite', 'high', 'medium', 'low']);
    expect([23 * H, 24 * H, 7 * 24 * H, 30 * 24 * H].map(leadTimeBand)).toEqual(['elite', 'high', 'medium', 'low']);
    expect([0.05, 0.1, 0.15, 0.151].map(failureRateBand)).toEqual(['elite', 'high', 'medium', 'low']);
    expect([59 * 60_000, H, 24 * H, 7 * 24 * H].map(restoreBand)).toEqual(['elite', 'high', 'medium', 'low']);
  });
});
