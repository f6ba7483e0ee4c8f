import { describe, expect, it } from '@jest/globals';
import { defaultOf } from '../../../../shared/inputs/catalogue.js';
import { caseSeed, cases, POLICY, runCase, STEP_S } from '../../../../bench/sim/cases.js';

describe('judge benchmark cases', () => {
  it('judge with the catalogue’s defaults', () => {
    expect(POLICY.judge).toBe(defaultOf('judge'));
    expect(POLICY.alpha).toBe(Number(defaultOf('alpha')));
    expect(POLICY.beta).toBe(Number(defaultOf('beta')));
    expect(POLICY.errorTolerance).toBe(Number(defaultOf('error-tolerance')));
    expect(`${POLICY.latencyTolerance * 100}%`).toBe(defaultOf('latency-tolerance'));
    expect(POLICY.minSamples).toBe(Number(defaultOf('min-samples')));
    expect(POLICY.onInconclusive).toBe(defaultOf('on-inconclusive'));
    expect(`${STEP_S}s`).toBe(defaultOf('step-duration'));
  });

  it('has unique ids, healthy and faulty cases, and the issue’s traffic (k = 9 and k = 1)', () => {
    const all = cases();
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const steps = all.flatMap((c) => (c.kind === 'step' ? [c] : []));
    expect(steps.some((c) => c.weight === 10 && c.healthy && c.traffic.incident)).toBe(true);
    expect(steps.some((c) => c.weight === 50 && !c.healthy)).toBe(true);
    expect(steps.some((c) => c.everySample)).toBe(true);
    expect(steps.filter((c) => c.sprt).every((c) => c.sprt && c.sprt.p1 > c.sprt.p0)).toBe(true);
    expect(cases(0.1).every((c) => c.runs >= 10)).toBe(true);
  });

  it('repeats a run exactly from its case and run number', () => {
    const e20 = cases().find((c) => c.id === 'e20-10');
    if (!e20) throw new Error('missing case');
    const a = runCase(e20, 3);
    expect(runCase(e20, 3)).toEqual(a);
    expect(a[0][0]).toBe('fail'); // 10 % → 20 % is caught
    expect(caseSeed('a')).not.toBe(caseSeed('b'));
  });
});
