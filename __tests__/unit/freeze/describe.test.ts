import { describe, expect, test } from '@jest/globals';
import { activeFreeze, nextFreeze, type ActiveFreeze } from '../../../shared/freeze/active.js';
import { cronPhrase, describeFreeze, describeFreezeMarkdown, describeNextFreeze } from '../../../shared/freeze/describe.js';
import { parseFreezeWindows } from '../../../shared/inputs/freeze-windows.js';
import { type FreezeWindow } from '../../../shared/freeze/windows.js';

const WHERE = 'the config file .github/shipgate.yml';
const windows = (...entries: object[]) => parseFreezeWindows(entries, WHERE);
const weekend = { name: 'weekend', cron: '0 17 * * FRI', duration: '64h', timezone: 'Europe/Berlin', reason: 'No deploys over the weekend' };
const yearEnd = { name: 'year-end', from: '2026-12-20', to: '2027-01-04', reason: 'Year-end change freeze' };

function active(ws: FreezeWindow[], iso: string): ActiveFreeze {
  const a = activeFreeze(ws, new Date(iso));
  if (!a) throw new Error(`no freeze at ${iso}`);
  return a;
}

describe('describeFreeze (log line)', () => {
  test('a cron window: schedule, the current opening in the zone, the reason', () => {
    expect(describeFreeze(active(windows(weekend), '2026-12-12T10:00:00Z'), 'production')).toBe(
      'production is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin): No deploys over the weekend.'
    );
  });

  test('across the DST switch the clock times are local ones', () => {
    expect(describeFreeze(active(windows({ ...weekend, duration: '2d16h' }), '2026-10-25T12:00:00Z'), 'production')).toBe(
      'production is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 2 d 16 h; now from Fri 23 Oct 2026 17:00 to Mon 26 Oct 2026 09:00 Europe/Berlin): No deploys over the weekend.'
    );
  });

  test('a date window of whole days, and one of date-times', () => {
    expect(describeFreeze(active(windows(yearEnd), '2026-12-24T10:00:00Z'), 'production')).toBe(
      'production is frozen by "year-end" (from Sun 20 Dec 2026 to Mon 4 Jan 2027 inclusive, UTC): Year-end change freeze.'
    );
    expect(
      describeFreeze(
        active(windows({ name: 'cutover', from: '2026-07-01T18:00', to: '2026-07-02T06:30', timezone: 'America/New_York' }), '2026-07-02T00:00:00Z'),
        'staging'
      )
    ).toBe('staging is frozen by "cutover" (from Wed 1 Jul 2026 18:00 to Thu 2 Jul 2026 06:30 America/New_York).');
  });

  test('windows without a name or reason, other schedules, a reason that ends its own sentence', () => {
    expect(describeFreeze(active(windows({ cron: '0 22 * * MON-FRI', duration: '10h' }), '2026-12-08T23:00:00Z'), 'production')).toBe(
      'production is frozen (every Monday to Friday 22:00 UTC for 10 h; now from Tue 8 Dec 2026 22:00 to Wed 9 Dec 2026 08:00 UTC).'
    );
    expect(describeFreeze(active(windows({ from: '2026-12-24', to: '2026-12-26', reason: 'Holidays!' }), '2026-12-24T10:00:00Z'), 'production')).toBe(
      'production is frozen (from Thu 24 Dec 2026 to Sat 26 Dec 2026 inclusive, UTC): Holidays!'
    );
    expect(describeFreeze(active(windows({ name: 'q', cron: '*/15 9-17 * * 1-5', duration: '5m', reason: 'Quiet.' }), '2026-12-08T09:16:00Z'), 'p')).toBe(
      'p is frozen by "q" (cron "*/15 9-17 * * 1-5" UTC for 5 min; now from Tue 8 Dec 2026 09:15 to Tue 8 Dec 2026 09:20 UTC): Quiet.'
    );
  });

  test('other covering windows are named', () => {
    expect(describeFreeze(active(windows(weekend, yearEnd, { cron: '@daily', duration: '1d' }), '2026-12-26T10:00:00Z'), 'production')).toBe(
      'production is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 25 Dec 2026 17:00 to Mon 28 Dec 2026 09:00 Europe/Berlin; also frozen by "year-end", @daily for 1d): No deploys over the weekend.'
    );
  });

  test('user text cannot start a workflow command or a second line', () => {
    const [w] = windows({ ...weekend, reason: 'Freeze\n::set-output name=deploy::yes\r\n::error::boom \u0007' });
    const sentence = describeFreeze(active([w], '2026-12-12T10:00:00Z'), 'prod\n::warning::x');
    for (const c of ['\r', '\n', '\u0007']) expect(sentence).not.toContain(c);
    expect(sentence).not.toContain('::');
    // (A carriage return is a control character: replaced, as escapeLogText does everywhere.)
    expect(sentence).toBe(
      'prod ⏎ : :warning: :x is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin): Freeze ⏎ : :set-output name=deploy: :yes\uFFFD ⏎ : :error: :boom \uFFFD.'
    );
    // A window built by hand (not read from a file) with a name and a zone label that would break out.
    const odd: FreezeWindow = { ...w, name: 'a"\n::set-output x::', timezone: 'UTC' };
    const s2 = describeFreeze(active([odd], '2026-12-12T10:00:00Z'), 'production');
    expect(s2).not.toMatch(/\n|::/);
    // Parts that meet cannot form `::` either.
    const colon: FreezeWindow = { ...w, reason: ':x' };
    expect(describeFreeze(active([colon], '2026-12-12T10:00:00Z'), 'production:')).not.toContain('::');
  });

  test('long reasons are clipped', () => {
    const a = active(windows({ ...weekend, reason: 'r'.repeat(300) }), '2026-12-12T10:00:00Z');
    expect(describeFreeze({ ...a, window: { ...a.window, reason: 'r'.repeat(5000) } }, 'production').length).toBeLessThan(500);
  });
});

describe('describeFreezeMarkdown (summary)', () => {
  test('the same sentence with the environment and the name in bold', () => {
    expect(describeFreezeMarkdown(active(windows(weekend), '2026-12-12T10:00:00Z'), 'production')).toBe(
      '**production** is frozen by **weekend** (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin): No deploys over the weekend.'
    );
    expect(describeFreezeMarkdown(active(windows({ ...yearEnd, timezone: 'America/Los_Angeles' }), '2026-12-24T10:00:00Z'), 'prod_eu')).toBe(
      '**prod\\_eu** is frozen by **year-end** (from Sun 20 Dec 2026 to Mon 4 Jan 2027 inclusive, America/Los\\_Angeles): Year-end change freeze.'
    );
  });

  test('Markdown, HTML, mentions and workflow commands in user text are inert', () => {
    const [w] = windows({ ...weekend, reason: '**Big** [launch](https://evil.example) <img src=x> @org/team `code`\n::set-output name=a::b | # x' });
    const md = describeFreezeMarkdown(active([w], '2026-12-12T10:00:00Z'), 'prod*uction');
    expect(md).toContain('**prod\\*uction**');
    expect(md).toContain(
      ': \\*\\*Big\\*\\* \\[launch\\]\\(https://evil.example\\) \\<img src=x\\> @\u200borg/team \\`code\\` ⏎ : :set-output name=a: :b \\| \\# x.'
    );
    expect(md).not.toMatch(/\n|::/);
  });
});

describe('describeNextFreeze (plan)', () => {
  test('the next opening, with the schedule and the reason', () => {
    const ws = windows(weekend, yearEnd);
    const n = nextFreeze(ws, new Date('2026-12-09T12:00:00Z'));
    expect(n && describeNextFreeze(n, 'production')).toBe(
      'The next freeze of production is "weekend" from Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin (every Friday 17:00 Europe/Berlin for 64 h): No deploys over the weekend.'
    );
    const y = nextFreeze(windows({ from: '2026-12-20', to: '2027-01-04' }), new Date('2026-12-09T12:00:00Z'));
    expect(y && describeNextFreeze(y, 'prod_eu', true)).toBe('The next freeze of **prod\\_eu** is from Sun 20 Dec 2026 00:00 to Tue 5 Jan 2027 00:00 UTC.');
  });
});

describe('cronPhrase', () => {
  test.each([
    ['0 17 * * FRI', 'every Friday 17:00'],
    ['0 17 * * 5', 'every Friday 17:00'],
    ['5 8 * * *', 'every day 08:05'],
    ['0 18 * * SAT,0', 'every Saturday and Sunday 18:00'],
    ['0 18 * * 1,3,fri', 'every Monday, Wednesday and Friday 18:00'],
    ['0 22 * * MON-FRI', 'every Monday to Friday 22:00'],
    ['0 22 * * 7', 'every Sunday 22:00'],
    ['0 6 1 * *', 'on day 1 of every month 06:00'],
    ['0 0 24 12 *', 'every 24 December 00:00'],
    ['0 0 24 dec *', 'every 24 December 00:00'],
    ['@weekly', 'every Sunday 00:00'],
    ['@yearly', 'every 1 January 00:00'],
    ['@hourly', 'every hour on the hour'],
    ['15 * * * *', 'every hour at minute 15']
  ])('%s: %s', (pattern, phrase) => expect(cronPhrase(pattern)).toBe(phrase));

  test.each([
    '*/15 9-17 * * 1-5',
    '0 17 * * FRI#2',
    '0 17 L * *',
    '0 17 1 * MON',
    '0 17 * 6 *',
    '0 17 1 1-6 *',
    '0 9 * * 8',
    '0 9 * * 1-2-3',
    '0 9 1 13 *',
    '0 9 *'
  ])('%s has no phrase', (pattern) => expect(cronPhrase(pattern)).toBeNull());
});
