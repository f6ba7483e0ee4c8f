import { describe, expect, test } from '@jest/globals';
import { describeProgress, parseProgress } from '../../../shared/ledgers/progress.js';
import { clip140 } from '../../../shared/ledgers/github.js';
import type { RolloutProgress } from '../../../shared/ports/ledger.js';

describe('rollout progress of a fleet in a status description', () => {
  test('the wave in progress and the count of waves go between the step and the text', () => {
    const p: RolloutProgress = { weight: 50, step: 2, steps: 3, paused: false, wave: 2, waves: 3 };
    const text = describeProgress(p, 'Canary v2 at 50 %');
    expect(text).toBe('50 % · step 2/3 · wave 2/3 — Canary v2 at 50 %');
    expect(parseProgress(text)).toStrictEqual(p);
  });

  test.each<RolloutProgress>([
    { weight: 0, step: 0, steps: 3, paused: false, wave: 1, waves: 1 },
    { weight: 10, step: 1, steps: 3, paused: false, wave: 1, waves: 2 },
    { weight: 100, step: 3, steps: 3, paused: false, wave: 1, waves: 2 },
    { weight: 100, step: 12, steps: 12, paused: true, wave: 120, waves: 999 },
    { weight: 5, step: 1, steps: 4, paused: true, wave: 3, waves: 4 }
  ])('round-trips %j', (p) => {
    expect(parseProgress(describeProgress(p, 'x'))).toStrictEqual(p);
  });

  test('paused and a wave together', () => {
    const text = describeProgress({ weight: 50, step: 2, steps: 3, paused: true, wave: 1, waves: 2 }, 'waiting');
    expect(text).toBe('50 % · step 2/3 · wave 1/2 · paused — waiting');
    expect(parseProgress(text)).toStrictEqual({ weight: 50, step: 2, steps: 3, paused: true, wave: 1, waves: 2 });
  });

  test('a single target has no wave, in the text or read back', () => {
    const p: RolloutProgress = { weight: 50, step: 2, steps: 3, paused: false };
    const text = describeProgress(p, 'Canary v2 at 50 %');
    expect(text).toBe('50 % · step 2/3 — Canary v2 at 50 %');
    const back = parseProgress(text);
    expect(back).toStrictEqual(p);
    expect(back && 'wave' in back).toBe(false);
    expect(back && 'waves' in back).toBe(false);
  });

  test('descriptions written before waves existed still parse', () => {
    expect(parseProgress('10 % · step 1/3 — Canary v2 at 10 %')).toStrictEqual({ weight: 10, step: 1, steps: 3, paused: false });
    expect(parseProgress('50 % · step 2/3 · paused — the plan pauses before 100 %')).toStrictEqual({ weight: 50, step: 2, steps: 3, paused: true });
    expect(parseProgress('0 % · step 0/2 — Canary v2 (steps 50, 100 %)')).toStrictEqual({ weight: 0, step: 0, steps: 2, paused: false });
  });

  test('the text after the dash is never read as progress', () => {
    const text = describeProgress({ weight: 10, step: 1, steps: 3, paused: false }, 'Wave b · wave 9/9 · paused — x');
    expect(parseProgress(text)).toStrictEqual({ weight: 10, step: 1, steps: 3, paused: false });
  });

  test.each([
    '50 % · step 2/3 · wave 2 — x',
    '50 % · step 2/3 · wave /3 — x',
    '50 % · step 2/3 · wave 1000/1000 — x',
    '50 % · step 2/3 · paused · wave 1/2 — x',
    '50 % · step 2/3 ·wave 1/2 — x',
    '50 % · step 2/3 · wave 1/2— x',
    'Wave a promoted to v2; next: b'
  ])('malformed %j has no progress', (d) => {
    expect(parseProgress(d)).toBeUndefined();
  });

  test('a long description clipped to 140 characters keeps the progress readable', () => {
    const wave = `w${'x'.repeat(62)}`;
    const next = `n${'y'.repeat(62)}`;
    const p: RolloutProgress = { weight: 100, step: 3, steps: 3, paused: false, wave: 1, waves: 2 };
    const clipped = clip140(describeProgress(p, `Wave ${wave} promoted to v2.0.0-rc.1+build.77; next: ${next}`));
    expect(clipped.length).toBeLessThanOrEqual(140);
    expect(parseProgress(clipped)).toStrictEqual(p);
  });
});
