import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { ConfigFileError } from '../../../shared/inputs/input-error.js';
import { FREEZE_JSON_SCHEMA } from '../../../shared/freeze/schema.js';
import { parseFreezeWindows } from '../../../shared/inputs/freeze-windows.js';
import { type CronFreezeWindow, type DateFreezeWindow } from '../../../shared/freeze/windows.js';

const WHERE = 'the config file .github/shipgate.yml';
const AT = `In ${WHERE}, `;

function error(value: unknown): string {
  try {
    parseFreezeWindows(value, WHERE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigFileError);
    const e = err as Error;
    expect(e.name).toBe('ConfigFileError');
    // One sentence, one line.
    expect(e.message).not.toMatch(/[\n\r]/);
    expect(e.message.endsWith('.')).toBe(true);
    return e.message;
  }
  throw new Error(`no error for ${JSON.stringify(value)}`);
}

const weekend = { name: 'weekend', cron: '0 17 * * FRI', duration: '64h', timezone: 'Europe/Berlin', reason: 'No deploys over the weekend' };
const yearEnd = { name: 'year-end', from: '2026-12-20', to: '2027-01-04', reason: 'Year-end change freeze' };

describe('parseFreezeWindows: what it reads', () => {
  test('nothing is no windows', () => {
    expect(parseFreezeWindows(undefined, WHERE)).toEqual([]);
    expect(parseFreezeWindows(null, WHERE)).toEqual([]);
    expect(parseFreezeWindows([], WHERE)).toEqual([]);
  });

  test('a cron window: pattern, duration, zone, reason', () => {
    const [w] = parseFreezeWindows([weekend], WHERE) as CronFreezeWindow[];
    expect(w).toMatchObject({
      kind: 'cron',
      name: 'weekend',
      named: true,
      index: 0,
      cron: '0 17 * * FRI',
      timezone: 'Europe/Berlin',
      reason: 'No deploys over the weekend',
      duration: { days: 0, minutes: 64 * 60, text: '64h' }
    });
  });

  test('a date window: whole days in UTC by default, the to date included', () => {
    const [w] = parseFreezeWindows([yearEnd], WHERE) as DateFreezeWindow[];
    expect(w).toMatchObject({ kind: 'dates', name: 'year-end', timezone: 'UTC', wholeDays: true, fromText: '2026-12-20', toText: '2027-01-04' });
    expect(new Date(w.from).toISOString()).toBe('2026-12-20T00:00:00.000Z');
    expect(new Date(w.to).toISOString()).toBe('2027-01-05T00:00:00.000Z');
  });

  test('dates in a zone, date-times local to it, and date-times with an offset', () => {
    const [days, local, offset, mixed] = parseFreezeWindows(
      [
        { from: '2026-12-20', to: '2027-01-04', timezone: 'Europe/Berlin' },
        { from: '2026-07-01T18:00', to: '2026-07-02 06:30:15', timezone: 'Europe/Berlin' },
        { from: '2026-07-01T18:00Z', to: '2026-07-01T20:00-04:00', timezone: 'Asia/Tokyo' },
        { from: '2026-07-01T18:00', to: '2026-07-01', timezone: 'America/New_York' }
      ],
      WHERE
    ) as DateFreezeWindow[];
    expect(new Date(days.from).toISOString()).toBe('2026-12-19T23:00:00.000Z');
    expect(new Date(days.to).toISOString()).toBe('2027-01-04T23:00:00.000Z');
    expect(new Date(local.from).toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(new Date(local.to).toISOString()).toBe('2026-07-02T04:30:15.000Z');
    expect(local.wholeDays).toBe(false);
    expect(new Date(offset.from).toISOString()).toBe('2026-07-01T18:00:00.000Z');
    expect(new Date(offset.to).toISOString()).toBe('2026-07-02T00:00:00.000Z');
    // A to date is the whole day, even after a from time on that day.
    expect(new Date(mixed.to).toISOString()).toBe('2026-07-02T04:00:00.000Z');
    expect(mixed.wholeDays).toBe(false);
  });

  test('one day: from and to the same date', () => {
    const [w] = parseFreezeWindows([{ from: '2026-12-24', to: '2026-12-24' }], WHERE) as DateFreezeWindow[];
    expect(w.to - w.from).toBe(86_400_000);
  });

  test('derived names, canonical zone spelling, trimmed values, nicknames and durations', () => {
    const ws = parseFreezeWindows(
      [
        { cron: ' 0  17 * * fri ', duration: '2d 16h', timezone: 'europe/berlin' },
        { from: '2026-12-20', to: '2027-01-04', reason: '  Year end  ' },
        { cron: '@weekly', duration: '1w' },
        { cron: '30 2 * * *', duration: '90m' }
      ],
      WHERE
    );
    expect(ws.map((w) => [w.name, w.named, w.timezone])).toEqual([
      ['0 17 * * fri for 2d16h', false, 'Europe/Berlin'],
      ['2026-12-20 to 2027-01-04', false, 'UTC'],
      ['@weekly for 1w', false, 'UTC'],
      ['30 2 * * * for 90m', false, 'UTC']
    ]);
    expect(ws[1].reason).toBe('Year end');
    expect((ws[0] as CronFreezeWindow).duration).toEqual({ days: 2, minutes: 960, text: '2d16h' });
    expect((ws[2] as CronFreezeWindow).duration).toEqual({ days: 7, minutes: 0, text: '1w' });
    expect((ws[3] as CronFreezeWindow).duration).toEqual({ days: 0, minutes: 90, text: '90m' });
  });

  test('windows without names may repeat; only given names must be unique', () => {
    expect(
      parseFreezeWindows(
        [
          { from: '2026-12-20', to: '2026-12-21' },
          { from: '2026-12-20', to: '2026-12-21' }
        ],
        WHERE
      )
    ).toHaveLength(2);
  });
});

describe('parseFreezeWindows: one sentence per mistake, naming the entry, the field, the value and what is allowed', () => {
  test('the list itself and its entries', () => {
    expect(error('weekend')).toBe(`${AT}freeze is "weekend": use a list of windows, each with cron and duration, or from and to.`);
    expect(error({ a: 1 })).toBe(`${AT}freeze is the map "{\\"a\\":1}": use a list of windows, each with cron and duration, or from and to.`);
    expect(error([weekend, 'x'])).toBe(`${AT}freeze[1] is "x": use a map with cron and duration, or from and to (and optionally name, timezone, reason).`);
    expect(error([[1]])).toMatch(/^In the config file \.github\/shipgate\.yml, freeze\[0\] is the list "\[1\]": use a map/);
  });

  test('name', () => {
    expect(error([{ ...weekend, name: 'week end' }])).toBe(
      `${AT}freeze[0] has name "week end": use 1 to 63 letters, digits, dots, hyphens or underscores, starting with a letter or digit.`
    );
    expect(error([{ ...weekend, name: 7 }])).toMatch(/freeze\[0\] has name 7: use 1 to 63/);
    expect(error([weekend, { ...yearEnd, name: 'Weekend' }])).toBe(
      `${AT}freeze[1] has name "Weekend", which freeze[0] has already: give every window its own name.`
    );
  });

  test('unknown keys, and cron mixed with dates', () => {
    expect(error([{ ...weekend, until: 'monday' }])).toBe(
      `${AT}freeze[0] ("weekend") has an unknown key "until": a window has name, cron, duration, timezone, reason, from, to.`
    );
    expect(error([{ ...weekend, from: '2026-12-20' }])).toBe(
      `${AT}freeze[0] ("weekend") has both cron and from: a window is either cron with duration (a repeating window) or from with to (one period), so split it into two windows.`
    );
    expect(error([{ name: 'empty' }])).toMatch(/freeze\[0\] \("empty"\) has no cron or from: give cron and duration/);
  });

  test('cron', () => {
    expect(error([{ name: 'w', duration: '1h' }])).toBe(
      `${AT}freeze[0] ("w") has no cron: a window with a duration needs the cron pattern that opens it, e.g. cron: "0 17 * * FRI".`
    );
    const tail = '; use five fields (minute hour day-of-month month day-of-week), e.g. "0 17 * * FRI".';
    expect(error([{ ...weekend, cron: '0 25 * * *' }])).toBe(`${AT}freeze[0] ("weekend") has cron "0 25 * * *": its hour field "25" is not allowed${tail}`);
    expect(error([{ ...weekend, cron: '0 17 * * FRY' }])).toBe(
      `${AT}freeze[0] ("weekend") has cron "0 17 * * FRY": its day-of-week field "FRY" is not allowed${tail}`
    );
    expect(error([{ ...weekend, cron: '0 17 * *' }])).toBe(`${AT}freeze[0] ("weekend") has cron "0 17 * *": it has 4 fields${tail}`);
    expect(error([{ ...weekend, cron: '0 0 17 * * 5' }])).toMatch(/it has 6 fields;/);
    expect(error([{ ...weekend, cron: '0 0 30 2 *' }])).toMatch(/has cron "0 0 30 2 \*": it never matches \(no such day\);/);
    expect(error([{ ...weekend, cron: '0 ? * * *' }])).toMatch(/a "\?" field would take its value from the current time;/);
    expect(error([{ ...weekend, cron: '@reboot' }])).toMatch(
      /has cron "@reboot": it is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly;/
    );
    expect(error([{ ...weekend, cron: 17 }])).toBe(`${AT}freeze[0] ("weekend") has cron 17: use a cron pattern of five fields in quotes, e.g. "0 17 * * FRI".`);
    expect(error([{ ...weekend, cron: `0 17 * * ${'1,'.repeat(60)}1` }])).toMatch(/: it is longer than 100 characters;/);
  });

  test('duration', () => {
    expect(error([{ name: 'w', cron: '0 17 * * FRI' }])).toBe(
      `${AT}freeze[0] ("w") has no duration: a cron window needs how long it lasts, e.g. duration: 64h.`
    );
    const allowed = 'use a positive duration in weeks, days, hours and minutes, in that order, e.g. 30m, 12h, 2d or 2d12h, of at most 366 days.';
    for (const bad of ['64', '0h', '0d0m', '12h2d', '1.5h', '-1h', '367d', '53w', '8785h', 'forever', ''])
      expect(error([{ ...weekend, duration: bad }])).toBe(`${AT}freeze[0] ("weekend") has duration ${JSON.stringify(bad)}: ${allowed}`);
    expect(error([{ ...weekend, duration: 64 }])).toBe(`${AT}freeze[0] ("weekend") has duration 64: ${allowed}`);
    // The longest allowed.
    expect(parseFreezeWindows([{ ...weekend, duration: '366d' }], WHERE)).toHaveLength(1);
    expect(parseFreezeWindows([{ ...weekend, duration: '52w2d' }], WHERE)).toHaveLength(1);
  });

  test('timezone', () => {
    const allowed = 'use an IANA time zone name, e.g. Europe/Berlin, America/New_York or UTC.';
    for (const bad of ['Mars/Olympus', '+01:00', 'Berlin', '', 'Europe/Berlin/../x'])
      expect(error([{ ...weekend, timezone: bad }])).toBe(`${AT}freeze[0] ("weekend") has timezone ${JSON.stringify(bad)}: ${allowed}`);
    expect(error([{ ...yearEnd, timezone: ['UTC'] }])).toBe(`${AT}freeze[0] ("year-end") has timezone the list "[\\"UTC\\"]": ${allowed}`);
  });

  test('reason', () => {
    expect(error([{ ...weekend, reason: '   ' }])).toBe(`${AT}freeze[0] ("weekend") has reason "   ": use text of 1 to 300 characters.`);
    expect(error([{ ...weekend, reason: 'x'.repeat(301) }])).toMatch(/has reason "x{39}…": use text of 1 to 300 characters\.$/);
    expect(error([{ ...weekend, reason: false }])).toMatch(/has reason false: use text/);
  });

  test('from and to', () => {
    const allowed = "use a date (2026-12-20, the whole day in the window's timezone) or a date-time (2026-12-20T18:00, or with an offset: 2026-12-20T18:00Z).";
    expect(error([{ name: 'y', to: '2027-01-04' }])).toBe(`${AT}freeze[0] ("y") has no from: a window with an end needs its start, e.g. from: 2026-12-20.`);
    expect(error([{ name: 'y', from: '2026-12-20' }])).toBe(
      `${AT}freeze[0] ("y") has no to: a window with a start needs its end, e.g. to: 2027-01-04 (a date is included as a whole day).`
    );
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-12-20T24:00',
      '2026-12-20T10:60',
      '20.12.2026',
      '2026-12-20T10',
      '1969-12-31',
      '2026-12-20T10:00+25:00'
    ])
      expect(error([{ ...yearEnd, from: bad }])).toBe(`${AT}freeze[0] ("year-end") has from ${JSON.stringify(bad)}: ${allowed}`);
    expect(error([{ ...yearEnd, to: 20270104 }])).toBe(`${AT}freeze[0] ("year-end") has to 20270104: ${allowed}`);
    expect(parseFreezeWindows([{ ...yearEnd, from: '2028-02-29', to: '2028-03-01' }], WHERE)).toHaveLength(1);
  });

  test('to before from', () => {
    expect(error([{ ...yearEnd, to: '2026-12-19' }])).toBe(
      `${AT}freeze[0] ("year-end") has to "2026-12-19": it ends before from "2026-12-20"; give an end after the start (a date as to includes that whole day).`
    );
    expect(error([{ name: 'y', from: '2026-12-20T10:00', to: '2026-12-20T10:00' }])).toMatch(
      /has to "2026-12-20T10:00": it ends at or before from "2026-12-20T10:00"; give an end after the start/
    );
    // The same instant written in two zones' terms.
    expect(error([{ name: 'y', from: '2026-12-20T10:00Z', to: '2026-12-20T11:00', timezone: 'Europe/Berlin' }])).toMatch(/it ends at or before from/);
  });

  test('values from the file are quoted short and escaped', () => {
    const message = error([{ ...weekend, timezone: `Europe/Berlin\n::set-output name=x::y${'z'.repeat(100)}` }]);
    expect(message).toContain('has timezone "Europe/Berlin\\n::set-output name=x::y');
    expect(message).toContain('…"');
    expect(message.length).toBeLessThan(220);
    expect(error([{ ...weekend, [`key\u2028`]: 1 }])).toContain('unknown key "key\\u2028"');
  });
});

describe('FREEZE_JSON_SCHEMA', () => {
  const validate = new Ajv({ strict: true, allErrors: true }).compile({ $schema: 'http://json-schema.org/draft-07/schema#', ...FREEZE_JSON_SCHEMA });

  test('is draft-07 without $id and accepts the documented shapes', () => {
    expect(JSON.stringify(FREEZE_JSON_SCHEMA)).not.toContain('$id');
    expect(validate([weekend, yearEnd, { cron: '@daily', duration: '1h' }])).toBe(true);
    expect(validate([])).toBe(true);
  });

  test('refuses unknown keys and wrong types, as the file check does before parsing', () => {
    expect(validate([{ ...weekend, until: 'monday' }])).toBe(false);
    expect(validate([{ ...weekend, duration: 64 }])).toBe(false);
    expect(validate([{ ...weekend, name: 'week end' }])).toBe(false);
    expect(validate({ weekend })).toBe(false);
  });
});
