import { describe, expect, test } from '@jest/globals';
import { Inputs } from '../../../shared/inputs/parse.js';
import { mapSource } from '../../../shared/inputs/source.js';
import { parseCanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';

const base = { version: 'v2', 'start-command': 'node server.js' };
const parse = (over: Record<string, string>) => parseCanaryDeployInputs(new Inputs(mapSource({ ...base, ...over })));

describe('canary-deploy inputs', () => {
  test('defaults', () => {
    const i = parse({});
    expect(i.plan.steps).toEqual([10, 50, 100]);
    expect(i.plan.stepDurationMs).toBe(60_000);
    expect(i.plan.probeRate).toBe(50);
    expect(i.plan.analysis).toMatchObject({ judge: 'sequential', errorTolerance: 0.01, latencyTolerance: 0.2, alpha: 0.01, onInconclusive: 'rollback' });
    expect(i.environment).toBe('production');
    expect(i.target).toBe('local');
    expect(i.plan.autoRollback).toBe(true);
  });

  test('units: percentages, fractions, durations', () => {
    const i = parse({ 'error-tolerance': '2%', 'latency-tolerance': '0.5', 'step-duration': '2m', steps: '5, 25 ,100' });
    expect(i.plan.analysis.errorTolerance).toBeCloseTo(0.02);
    expect(i.plan.analysis.latencyTolerance).toBe(0.5);
    expect(i.plan.stepDurationMs).toBe(120_000);
    expect(i.plan.steps).toEqual([5, 25, 100]);
  });

  test.each([
    [{ steps: '50,50,100' }, /steps/],
    [{ steps: '0,100' }, /steps/],
    [{ 'step-duration': '5' + 'd' }, /step-duration/],
    [{ 'error-tolerance': '0.9' }, /error-tolerance/],
    [{ 'min-samples': '1.5' }, /min-samples/]
  ])('refuses %j', (over, re) => {
    expect(() => parse(over)).toThrow(re);
  });
});
