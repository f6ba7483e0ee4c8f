import { describe, expect, test } from '@jest/globals';
import {
  decodeEvidence,
  EvidenceError,
  EvidenceRecorder,
  MAX_EVIDENCE_SAMPLES,
  normaliseSample,
  normaliseSamples,
  SampleBudget
} from '../../../shared/engine/sample-log.js';
import type { StepEvidence } from '../../../shared/model/report.js';
import type { Sample } from '../../../shared/model/sample.js';

const T0 = 1_700_000_000_000;

/** A sample without the fields the record does not keep (source, detail). */
const kept = (s: Sample): Sample => ({ side: s.side, ok: s.ok, status: s.status, latencyMs: s.latencyMs, at: s.at });

describe('normalising what the judge is fed', () => {
  test('latency to 0.1 ms, finish time to 1 ms; the same object when nothing changes', () => {
    const s: Sample = { side: 'canary', ok: true, status: 200, latencyMs: 12.345678, at: T0 + 10.6, source: 'probe' };
    expect(normaliseSample(s)).toEqual({ ...s, latencyMs: 12.3, at: T0 + 11 });
    const plain: Sample = { side: 'stable', ok: false, status: 502, latencyMs: 7.5, at: T0 };
    expect(normaliseSample(plain)).toBe(plain);
    const once = normaliseSamples([s, plain]);
    expect(normaliseSamples(once)).toEqual(once);
  });
});

describe('recording and reading back', () => {
  test('every kept field reads back exactly as normalised, look by look', () => {
    const looks: Sample[][] = [
      [
        { side: 'canary', ok: true, status: 200, latencyMs: 12.34, at: T0 + 120, source: 'probe' },
        { side: 'stable', ok: true, status: 200, latencyMs: 0.04, at: T0 + 90.4 },
        { side: 'stable', ok: false, status: 0, latencyMs: 30_000, at: T0 + 95, detail: 'timeout' },
        { side: 'canary', ok: false, status: 503, latencyMs: 1.25, at: T0 - 50 }
      ],
      [],
      [
        { side: 'canary', ok: true, status: 204, latencyMs: 999_999.96, at: 3 },
        { side: 'stable', ok: true, status: 200, latencyMs: null, at: T0 + 2000 },
        { side: 'stable', ok: true, status: 200, latencyMs: Number.NaN, at: Number.NaN },
        { side: 'stable', ok: true, status: 200, latencyMs: Number.POSITIVE_INFINITY, at: T0 + 2001 },
        { side: 'canary', ok: true, status: 200, latencyMs: -0.04, at: T0 + 2001 }
      ]
    ];
    const r = new EvidenceRecorder('earlier-steps', T0);
    looks.forEach((l, i) => r.look(1000 * (i + 1), normaliseSamples(l)));
    const e = r.evidence();
    expect(e.baseline).toBe('earlier-steps');
    expect(e.t0).toBe(T0);
    expect(e.sides).toBe('csSCcsssc');
    expect(e.status).toBe('200*2,0,503,204,200*4');
    expect(e.looks).toBe('1000:4,2000:0,3000:5');
    expect(e.routers).toBeUndefined();
    const back = decodeEvidence(JSON.parse(JSON.stringify(e)) as StepEvidence);
    expect(back.map((l) => l.atMs)).toEqual([1000, 2000, 3000]);
    expect(back.map((l) => l.samples)).toEqual(looks.map((l) => normaliseSamples(l).map(kept)));
    expect(back[2].samples[1].latencyMs).toBeNull();
    expect(back[2].samples[2].at).toBeNaN();
    expect(back[2].samples[3].at).toBe(T0 + 2001);
  });

  test("with routers, each look keeps the routers' counts so far", () => {
    const r = new EvidenceRecorder('live', T0, new SampleBudget(), 'nginx and haproxy');
    r.look(1000, [{ side: 'canary', ok: true, status: 200, latencyMs: 1, at: T0 + 1 }], { canary: 1, total: 9 });
    r.look(2000, [], { canary: 1, total: 9 });
    const e = r.evidence();
    expect(e.routers).toBe('nginx and haproxy');
    expect(e.looks).toBe('1000:1:1:9,2000:0:1:9');
    expect(decodeEvidence(e).map((l) => l.share)).toEqual([
      { canary: 1, total: 9 },
      { canary: 1, total: 9 }
    ]);
  });

  test('an empty step', () => {
    const e = new EvidenceRecorder('absolute', T0).evidence();
    expect(e).toEqual({ format: 1, baseline: 'absolute', t0: T0, looks: '', sides: '', latency: '', at: '', status: '' });
    expect(decodeEvidence(e)).toEqual([]);
  });

  test('a damaged record is refused, never read half', () => {
    const r = new EvidenceRecorder('live', T0);
    r.look(1000, [
      { side: 'canary', ok: true, status: 200, latencyMs: 1, at: T0 + 1 },
      { side: 'stable', ok: true, status: 200, latencyMs: 2, at: T0 + 2 }
    ]);
    const e = r.evidence();
    const bad = (over: Partial<StepEvidence>) => () => decodeEvidence({ ...e, ...over });
    expect(bad({ sides: 'cx' })).toThrow(new EvidenceError('its sides column does not read back'));
    expect(bad({ latency: '10' })).toThrow('its latency column does not read back');
    expect(bad({ latency: '10,abc' })).toThrow('its latency column does not read back');
    expect(bad({ at: '1,x' })).toThrow('its finish-time column does not read back');
    expect(bad({ status: '200*3' })).toThrow('its status column does not read back');
    expect(bad({ looks: '1000:1' })).toThrow('its looks column does not read back');
    expect(bad({ looks: '1000:3' })).toThrow('its looks column does not read back');
    expect(bad({ format: 2 as 1 })).toThrow('its format 2 is not one this version reads (1)');
  });
});

describe('the budget of a report', () => {
  test('a look that does not fit is not recorded, and neither is anything after it, in any step', () => {
    const budget = new SampleBudget(5);
    const sample: Sample = { side: 'canary', ok: true, status: 200, latencyMs: 1, at: T0 };
    const first = new EvidenceRecorder('live', T0, budget);
    first.look(1000, [sample, sample, sample]);
    first.look(2000, [sample, sample, sample]);
    first.look(3000, [sample]);
    const second = new EvidenceRecorder('live', T0, budget);
    second.look(1000, []);
    second.look(2000, [sample]);
    expect(first.evidence()).toMatchObject({ looks: '1000:3', sides: 'ccc', truncated: true });
    expect(second.evidence()).toMatchObject({ looks: '1000:0', sides: '', truncated: true });
    expect(budget.left).toBe(0);
    expect(MAX_EVIDENCE_SAMPLES).toBe(200_000);
  });

  test('50,000 samples of real-looking traffic take less than 10 bytes each in the JSON report', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const r = new EvidenceRecorder('live', T0);
    let now = T0;
    const perLook = 100;
    for (let look = 0; look < 50_000 / perLook; look++) {
      const samples: Sample[] = [];
      for (let i = 0; i < perLook; i++) {
        const ok = rand() > 0.01;
        // Latencies from 2 ms to a long tail of seconds, with performance.now()'s decimals.
        const latencyMs = 2 + 40 * -Math.log(1 - rand()) + (rand() < 0.01 ? 2000 * rand() : 0);
        samples.push({ side: rand() < 0.5 ? 'canary' : 'stable', ok, status: ok ? 200 : 502, latencyMs, at: now + 1000 * rand() });
      }
      now += 1000;
      r.look((look + 1) * 1000, normaliseSamples(samples));
    }
    const json = JSON.stringify({ evidence: r.evidence() }, null, 2);
    expect(decodeEvidence(r.evidence()).reduce((n, l) => n + l.samples.length, 0)).toBe(50_000);
    expect(json.length / 50_000).toBeLessThan(10);
  });
});
