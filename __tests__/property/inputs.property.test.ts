// Properties of input parsing (issue 9), over every action and every input the catalogue gives it:
// whatever string a workflow passes, reading the inputs the way the glue does (workflow values, the
// config file, the catalogue's defaults, paths checked against the workspace) either yields a value
// or throws one sentence: an InputError on one line ending in '.', with no stack trace, no
// "undefined", no workflow command at a line start, never a secret input's value, in ≤ 50 ms.
// And the escaping logger never lets a line start with '::', whatever the message.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACTION_NAMES, inputsOf, secretInputs, type ActionName } from '../../shared/inputs/catalogue.js';
import { loadInputs } from '../../shared/inputs/load.js';
import { mapSource } from '../../shared/inputs/source.js';
import { escapingLogger } from '../../shared/util/log.js';
import { tempDir } from '../helpers/run-bundle.js';
import { PARSERS, SAMPLE_DIR, samplesFor } from './samples.js';

/** Cases per action: one input varied at a time, then several at once (≥ 1,000 per action in all). */
const ONE_AT_A_TIME_RUNS = 1000;
const COMBINATION_RUNS = 300;
const CASE_BUDGET_MS = 50;

const SECRETS = new Set(secretInputs());
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\u0085]/;

let workspace = '';
beforeAll(async () => {
  workspace = tempDir('shipgate-property-');
  mkdirSync(path.join(workspace, SAMPLE_DIR));
  // Config files a generated `config` value may name: a valid one, and one the schema refuses.
  writeFileSync(path.join(workspace, 'shipgate.yml'), 'steps: [20, 100]\nprobe-rate: 5\nenvironments:\n  staging:\n    judge: thresholds\n');
  writeFileSync(path.join(workspace, 'bad.yml'), `hunter2-private-content-of-the-file-that-goes-on: 1\n`);
  // Warm up the lazy imports (yaml, ajv) so that the first case is not charged for them.
  await loadInputs(mapSource({ config: 'shipgate.yml' }), workspace);
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Strings a workflow might pass, from plain mistakes to hostile text. */
const INTERESTING = [
  '',
  ' ',
  '0',
  '-0',
  '+0',
  '+1',
  '-1',
  '1e3',
  '0x10',
  '.5',
  '1.',
  '007',
  'NaN',
  'Infinity',
  'undefined',
  'null',
  'true',
  'yes',
  '[object Object]',
  '10,50,100',
  '10,50,pause,100',
  'pause',
  '100%',
  '20%',
  '0.5',
  '30s',
  '1h',
  '5d',
  '200-399',
  '7xx',
  '2xx',
  '::error::x',
  'a\n::warning::y',
  '\r\n::set-output name=x::y',
  ' ::stop-commands::tok',
  '\u2028::error::z',
  '%0A::error::q',
  'http://127.0.0.1:9/',
  'https://example.test/a?b=c',
  'http://admin:hunter2pw@127.0.0.1:9/',
  'http://admin:hunter2pw@',
  'admin:hunter2pw@127.0.0.1',
  'ftp://x/',
  'http://',
  '.',
  '..',
  '../..',
  '/',
  '/etc/passwd',
  '../../../outside/private.yml',
  'shipgate.yml',
  'bad.yml',
  SAMPLE_DIR,
  'no/such/dir',
  '\u0000',
  'a\u0000b',
  'é',
  'Ā',
  'ключ',
  '😀',
  '\uD800',
  'Authorization: Bearer s3cr3t-XYZ',
  'X-Token: Tökén-Ā',
  'Authorization Bearer sekret',
  'X-A: 1\nbroken line',
  '$(touch pwned)',
  '`id`',
  '{{version}}',
  'sum(x{v="{{version}}"})',
  '/(unclosed/',
  '/(a+)+$/',
  '@octocat',
  'not a handle!',
  'local',
  'command',
  'kubernetes',
  'deploy',
  'promote',
  'abort'
];

const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...INTERESTING), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()).map(String), weight: 1 },
  { arbitrary: fc.array(fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 12 })), { maxLength: 4 }).map((a) => a.join('\n')), weight: 2 },
  { arbitrary: fc.array(fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 8 })), { maxLength: 4 }).map((a) => a.join(',')), weight: 1 }
);

type Outcome = { ok: true } | { ok: false; err: unknown };

async function parseAs(action: ActionName, values: Record<string, string>): Promise<Outcome> {
  try {
    const { inputs } = await loadInputs(mapSource(values), workspace);
    PARSERS[action](inputs);
    return { ok: true };
  } catch (err) {
    return { ok: false, err };
  }
}

/** Parses, and holds the case to the time budget (a slow case is run again once, so a GC pause is not a failure). */
async function timed(action: ActionName, values: Record<string, string>): Promise<Outcome> {
  let t0 = performance.now();
  let outcome = await parseAs(action, values);
  if (performance.now() - t0 > CASE_BUDGET_MS) {
    t0 = performance.now();
    outcome = await parseAs(action, values);
    expect([values, Math.round(performance.now() - t0) <= CASE_BUDGET_MS]).toEqual([values, true]);
  }
  return outcome;
}

/** The parts of a secret value that must never be shown: the value, and each token after a header's name. */
function secretParts(name: string, value: string): string[] {
  const whole = value.trim();
  const parts = whole.length >= 6 ? [whole] : [];
  if (name === 'headers') {
    for (const line of value.split(/\r?\n/)) {
      const rest = line.includes(':') ? line.slice(line.indexOf(':') + 1) : line.trim().split(/\s+/).slice(1).join(' ');
      parts.push(...rest.split(/\s+/).filter((t) => t.length >= 6 && /[A-Za-z0-9]/.test(t)));
    }
  }
  return parts;
}

/** The property every outcome must have. */
async function expectSentence(action: ActionName, outcome: Outcome, values: Record<string, string>): Promise<void> {
  if (outcome.ok) return;
  const err = outcome.err;
  expect(err).toBeInstanceOf(Error);
  const { name, message } = err as Error;
  const shown = JSON.stringify({ values, message });
  // InputError for an input; ConfigFileError for a config file that cannot be used as a whole.
  expect([shown, name]).toEqual([shown, expect.stringMatching(/^(InputError|ConfigFileError)$/)]);
  expect([shown, LINE_BREAK.test(message)]).toEqual([shown, false]);
  expect([shown, message.endsWith('.')]).toEqual([shown, true]);
  expect([shown, /\bat .*\(.*:\d+:\d+\)/.test(message)]).toEqual([shown, false]);
  expect([shown, message.trimStart().startsWith('::')]).toEqual([shown, false]);
  expect([shown, message.length <= 600]).toEqual([shown, true]);
  const given = Object.values(values).join('\n');
  for (const word of ['undefined', 'NaN', '[object Object]']) {
    if (!given.includes(word)) expect([shown, message.includes(word)]).toEqual([shown, false]);
  }
  // A secret input's value (and each secret part of a header) is never shown. Text that is in the
  // sentence anyway when the secret is left out (the sentence's own words, another input's value)
  // is no leak.
  for (const [n, v] of Object.entries(values)) {
    if (!SECRETS.has(n)) continue;
    for (const part of secretParts(n, v)) {
      if (!message.includes(part)) continue;
      const without = await parseAs(action, { ...values, [n]: '' });
      const control = without.ok ? '' : (without.err as Error).message;
      expect([shown, part, control.includes(part)]).toEqual([shown, part, true]);
    }
  }
}

describe.each(ACTION_NAMES.map((a) => [a]))('%s inputs', (action) => {
  const names = inputsOf(action).map((i) => i.name);

  test(`any string for any one input: a value or one sentence (${ONE_AT_A_TIME_RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), text, async (name, value) => {
        const values = samplesFor(action, { [name]: value });
        await expectSentence(action, await timed(action, values), values);
      }),
      { numRuns: ONE_AT_A_TIME_RUNS }
    );
  });

  test(`any strings for several inputs at once: a value or one sentence (${COMBINATION_RUNS} cases)`, async () => {
    const over = fc.dictionary(fc.constantFrom(...names), text, { minKeys: 2, maxKeys: 8 });
    await fc.assert(
      fc.asyncProperty(over, fc.boolean(), async (changes, fromSamples) => {
        // Over the valid samples, or over nothing (defaults and missing inputs).
        const values = fromSamples ? samplesFor(action, changes) : { ...changes };
        await expectSentence(action, await timed(action, values), values);
      }),
      { numRuns: COMBINATION_RUNS }
    );
  });

  test('every secret input of the action is hidden in a refusal, however it is malformed', async () => {
    const secrets = names.filter((n) => SECRETS.has(n));
    if (secrets.length === 0) return;
    // A distinctive token inside arbitrary text, so a leak is a leak and never a coincidence.
    const token = fc.stringMatching(/^[A-Za-z0-9]{12}$/).map((t) => `Zq${t}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secrets), text, token, text, async (name, before, secret, after) => {
        const values = samplesFor(action, { [name]: `${before}${secret}${after}` });
        const outcome = await timed(action, values);
        await expectSentence(action, outcome, values);
        if (!outcome.ok) expect([values, (outcome.err as Error).message.includes(secret)]).toEqual([values, false]);
      }),
      { numRuns: 200 }
    );
  });
});

describe('the escaping logger', () => {
  const piece = fc.constantFrom(
    '::',
    ':',
    '\n',
    '\r',
    '\r\n',
    ' ',
    '\t',
    '\u2028',
    '\u2029',
    '\u0085',
    '\uFEFF',
    '\u00a0',
    'error',
    'set-output name=x',
    'x',
    '%0A',
    '%0D',
    '⏎'
  );
  const message = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(piece, { maxLength: 30 }).map((a) => a.join(''))
  );

  test('no line of what it writes starts a workflow command, whatever the message (3,000 cases)', () => {
    fc.assert(
      fc.property(message, (m) => {
        const written: string[] = [];
        const logger = escapingLogger({ info: (l) => written.push(l), warning: (l) => written.push(l), debug: (l) => written.push(l) });
        logger.info(m);
        logger.warning(m);
        logger.debug(m);
        expect(written).toHaveLength(3);
        for (const w of written) {
          // The runner trims a line before it looks for '::' (and splits lines at \n and \r).
          for (const line of w.split(LINE_BREAK))
            expect([
              m,
              line
                .trim()
                .replace(/^[\u0085\uFEFF]+/, '')
                .startsWith('::')
            ]).toEqual([m, false]);
          expect([m, /[\r\n]/.test(w)]).toEqual([m, false]);
        }
      }),
      { numRuns: 3000 }
    );
  });
});
