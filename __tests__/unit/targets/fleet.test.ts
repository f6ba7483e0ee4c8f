import { describe, expect, test } from '@jest/globals';
import { FleetTarget, type FleetWave } from '../../../shared/targets/fleet.js';
import { MergedSource } from '../../../shared/signals/merged.js';
import type { Release } from '../../../shared/model/release.js';
import type { Sample, Side } from '../../../shared/model/sample.js';
import type { DeployContext, DeployTarget, PreflightIntent, TargetStatus } from '../../../shared/ports/deploy-target.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import type { Logger } from '../../../shared/util/log.js';

const CTX: DeployContext = { environment: 'production', deploymentId: '7', version: 'v2', previousVersion: 'v1', weight: 0 };
const V1: Release = { version: 'v1' };
const V2: Release = { version: 'v2' };

/** What happened across the fleet, in order: "<member> <call>". */
class Journal {
  lines: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  of(member: string): string[] {
    return this.lines.filter((l) => l.startsWith(`${member} `)).map((l) => l.slice(member.length + 1));
  }
}

/** A host of the fleet: one stable and maybe one canary, each call taking `delayMs` of real time. */
class Member implements DeployTarget {
  stable: Release | null = V1;
  canary: Release | null = null;
  weight = 0;
  /** Calls (prefix) that throw. */
  failOn: string[] = [];
  contexts: DeployContext[] = [];
  counter: SignalSource | null = null;
  constructor(
    readonly name: string,
    private readonly journal: Journal,
    private readonly delayMs = 5
  ) {}
  private async act(call: string, context: DeployContext | undefined, effect: () => void): Promise<void> {
    this.journal.lines.push(`${this.name} ${call}`);
    if (context) this.contexts.push(context);
    this.journal.inFlight++;
    this.journal.maxInFlight = Math.max(this.journal.maxInFlight, this.journal.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.failOn.some((f) => call.startsWith(f))) throw new Error(`${call} failed on ${this.name}`);
      effect();
    } finally {
      this.journal.inFlight--;
    }
  }
  preflight(intent?: PreflightIntent): Promise<void> {
    return this.act(`preflight${intent ? ` ${JSON.stringify(intent)}` : ''}`, undefined, () => {});
  }
  deployCanary(release: Release, context: DeployContext): Promise<void> {
    return this.act(`deploy ${release.version}`, context, () => {
      this.canary = release;
      this.weight = 0;
    });
  }
  setWeight(percent: number, context: DeployContext): Promise<void> {
    return this.act(`weight ${percent}`, context, () => {
      this.weight = percent;
    });
  }
  promote(context: DeployContext): Promise<void> {
    return this.act('promote', context, () => {
      this.stable = this.canary;
      this.canary = null;
      this.weight = 0;
    });
  }
  rollback(to: Release | null, context: DeployContext): Promise<void> {
    return this.act(`rollback ${to?.version ?? 'none'}`, context, () => {
      this.stable = to;
      this.canary = null;
      this.weight = 0;
    });
  }
  status(): Promise<TargetStatus> {
    return Promise.resolve({ stable: this.stable, canary: this.canary, weight: this.canary ? this.weight : 0 });
  }
  requestCounter(): SignalSource | null {
    return this.counter;
  }
}

class RecordingLogger implements Logger {
  infos: string[] = [];
  warnings: string[] = [];
  info(m: string) {
    this.infos.push(m);
  }
  warning(m: string) {
    this.warnings.push(m);
  }
  debug() {}
}

/** A fleet of waves given as [name, maxParallel, members…]. */
function fleet(spec: [string, number, string[]][], delayMs = 5) {
  const journal = new Journal();
  const members = new Map<string, Member>();
  const logger = new RecordingLogger();
  const waves: FleetWave[] = spec.map(([name, maxParallel, names]) => ({
    name,
    maxParallel,
    members: names.map((n) => {
      const m = new Member(n, journal, delayMs);
      members.set(n, m);
      return { name: n, target: m };
    })
  }));
  return { target: new FleetTarget(waves, logger), journal, members, logger, m: (n: string) => members.get(n) as Member };
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

const THREE = (): [string, number, string[]][] => [
  ['canary', 1, ['eu-1']],
  ['early', 2, ['us-1', 'us-2']],
  ['rest', 3, ['ap-1', 'ap-2', 'ap-3']]
];

describe('FleetTarget', () => {
  test('needs at least one wave, each with a member', () => {
    expect(() => new FleetTarget([], new RecordingLogger())).toThrow('A fleet needs at least one wave, each with a target.');
    expect(() => new FleetTarget([{ name: 'a', maxParallel: 1, members: [] }], new RecordingLogger())).toThrow(/at least one wave, each with a target/);
  });

  test('is its own fleet control and lists its waves', () => {
    const { target } = fleet(THREE());
    expect(target.fleet).toBe(target);
    expect(target.name).toBe('fleet');
    expect(target.waves).toEqual([
      { name: 'canary', targets: ['eu-1'] },
      { name: 'early', targets: ['us-1', 'us-2'] },
      { name: 'rest', targets: ['ap-1', 'ap-2', 'ap-3'] }
    ]);
    expect(target.lastRolledBack()).toEqual([]);
  });

  test('begin refuses a wave that does not exist', () => {
    const { target } = fleet(THREE());
    expect(() => target.begin(3)).toThrow('There is no wave 4 in this fleet.');
    expect(() => target.begin(-1)).toThrow('There is no wave 0 in this fleet.');
  });

  test('deploy, weights and promote act on the current wave only', async () => {
    const { target, journal, m } = fleet(THREE());
    target.begin(1);
    await target.deployCanary(V2, CTX);
    await target.setWeight(50, { ...CTX, weight: 50 });
    await target.promote({ ...CTX, weight: 100 });
    expect(journal.of('eu-1')).toEqual([]);
    expect(journal.of('ap-1')).toEqual([]);
    expect(journal.of('us-1')).toEqual(['deploy v2', 'weight 50', 'promote']);
    expect(journal.of('us-2')).toEqual(['deploy v2', 'weight 50', 'promote']);
    expect(m('us-1').stable).toEqual(V2);
    expect(m('eu-1').stable).toEqual(V1);
  });

  test('a deploy before any wave began starts the first wave', async () => {
    const { target, journal } = fleet(THREE());
    await target.deployCanary(V2, CTX);
    expect(journal.lines).toEqual(['eu-1 deploy v2']);
  });

  test('preflight checks every member of every wave', async () => {
    const { target, journal } = fleet(THREE());
    await target.preflight();
    expect(journal.lines.sort()).toEqual(['ap-1', 'ap-2', 'ap-3', 'eu-1', 'us-1', 'us-2'].map((n) => `${n} preflight`));
  });

  test.each([
    [1, 6],
    [2, 6],
    [3, 6],
    [6, 6],
    [64, 6]
  ])('max-parallel %i changes at most that many of %i members at a time, and all of them', async (maxParallel, n) => {
    const names = Array.from({ length: n }, (_, i) => `h${i + 1}`);
    const { target, journal } = fleet([['all', maxParallel, names]], 10);
    await target.deployCanary(V2, CTX);
    expect(journal.maxInFlight).toBe(Math.min(maxParallel, n));
    expect(journal.lines.sort()).toEqual(names.map((h) => `${h} deploy v2`).sort());
    journal.maxInFlight = 0;
    await target.rollback(V1, CTX);
    expect(journal.maxInFlight).toBe(Math.min(maxParallel, n));
  });

  test('a member that fails stops the wave from starting more members and is named', async () => {
    const { target, journal, m } = fleet([['all', 1, ['h1', 'h2', 'h3']]]);
    m('h2').failOn = ['promote'];
    const message = await rejection(target.promote(CTX));
    expect(message).toBe('Wave all could not promote target h2: promote failed on h2');
    expect(journal.of('h3')).toEqual([]);
  });

  test('every member that failed at the same time is named', async () => {
    const { target, m } = fleet([['all', 3, ['h1', 'h2', 'h3']]]);
    m('h1').failOn = ['weight'];
    m('h3').failOn = ['weight'];
    const message = await rejection(target.setWeight(10, { ...CTX, weight: 10 }));
    expect(message).toBe('Wave all could not move to 10 % targets h1: weight 10 failed on h1; h3: weight 10 failed on h3');
    expect(m('h2').weight).toBe(10);
  });

  test('a rollback restores the current wave, then the promoted waves newest first', async () => {
    const { target, journal, m, logger } = fleet(THREE());
    for (const w of [0, 1]) {
      target.begin(w);
      await target.deployCanary(V2, CTX);
      await target.promote(CTX);
    }
    target.begin(2);
    await target.deployCanary(V2, CTX);
    journal.lines = [];
    await target.rollback(V1, { ...CTX, signal: AbortSignal.abort() });
    const order = journal.lines.map((l) => l.split(' ')[0]);
    // Wave by wave: all of rest, then all of early, then canary.
    expect(order.slice(0, 3).sort()).toEqual(['ap-1', 'ap-2', 'ap-3']);
    expect(order.slice(3, 5).sort()).toEqual(['us-1', 'us-2']);
    expect(order.slice(5)).toEqual(['eu-1']);
    expect(journal.lines.every((l) => l.endsWith('rollback v1'))).toBe(true);
    expect(target.lastRolledBack()).toEqual(['rest', 'early', 'canary']);
    for (const n of ['eu-1', 'us-1', 'us-2', 'ap-1', 'ap-2', 'ap-3']) {
      expect(m(n).stable).toEqual(V1);
      expect(m(n).canary).toBeNull();
      // A rollback ignores cancellation.
      expect(m(n).contexts.at(-1)?.signal).toBeUndefined();
    }
    expect(logger.infos).toEqual([
      'Wave rest: traffic is back on v1 on ap-1, ap-2, ap-3.',
      'Wave early: traffic is back on v1 on us-1, us-2.',
      'Wave canary: traffic is back on v1 on eu-1.'
    ]);
  });

  test('waves not begun by this run are left alone', async () => {
    const { target, journal } = fleet(THREE());
    target.begin(0);
    await target.deployCanary(V2, CTX);
    await target.promote(CTX);
    target.begin(1);
    await target.deployCanary(V2, CTX);
    journal.lines = [];
    await target.rollback(V1, CTX);
    expect(journal.lines.map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['us-1', 'us-2', 'eu-1']));
    expect(journal.of('ap-1')).toEqual([]);
    expect(journal.lines.at(-1)).toBe('eu-1 rollback v1');
    expect(target.lastRolledBack()).toEqual(['early', 'canary']);
  });

  test('a rollback of the first wave touches only it', async () => {
    const { target, journal } = fleet(THREE());
    target.begin(0);
    await target.deployCanary(V2, CTX);
    journal.lines = [];
    await target.rollback(V1, CTX);
    expect(journal.lines).toEqual(['eu-1 rollback v1']);
    expect(target.lastRolledBack()).toEqual(['canary']);
  });

  test('a wave promoted and then failing is restored once, first', async () => {
    const { target, journal } = fleet(THREE());
    target.begin(0);
    await target.promote(CTX);
    target.begin(1);
    await target.promote(CTX);
    journal.lines = [];
    await target.rollback(V1, CTX);
    expect(target.lastRolledBack()).toEqual(['early', 'canary']);
    expect(journal.lines.filter((l) => l.startsWith('us-1'))).toHaveLength(1);
  });

  test('from a fresh instance (no wave begun) every wave is restored, newest first', async () => {
    const { target, journal } = fleet(THREE());
    await target.rollback(V1, CTX);
    const order = journal.lines.map((l) => l.split(' ')[0]);
    expect(order.slice(0, 3).sort()).toEqual(['ap-1', 'ap-2', 'ap-3']);
    expect(order.slice(3, 5).sort()).toEqual(['us-1', 'us-2']);
    expect(order.slice(5)).toEqual(['eu-1']);
    expect(target.lastRolledBack()).toEqual(['rest', 'early', 'canary']);
  });

  test('a rollback keeps going when members fail, and names every member that failed', async () => {
    const { target, journal, m } = fleet([
      ['canary', 1, ['eu-1']],
      ['rest', 1, ['us-1', 'us-2', 'us-3']]
    ]);
    m('us-1').failOn = ['rollback'];
    m('eu-1').failOn = ['rollback'];
    const message = await rejection(target.rollback(V1, CTX));
    // Even with max-parallel 1, the members after a failed one are restored.
    expect(journal.of('us-2')).toEqual(['rollback v1']);
    expect(journal.of('us-3')).toEqual(['rollback v1']);
    expect(m('us-3').stable).toEqual(V1);
    expect(message).toBe(
      'Wave rest could not restore target us-1: rollback v1 failed on us-1; Wave canary could not restore target eu-1: rollback v1 failed on eu-1'
    );
    // Only the waves fully restored count as rolled back.
    expect(target.lastRolledBack()).toEqual([]);
  });

  test('a wave restored after another failed is still reported as rolled back', async () => {
    const { target, m } = fleet(THREE());
    m('ap-2').failOn = ['rollback'];
    const message = await rejection(target.rollback(null, CTX));
    expect(message).toBe('Wave rest could not restore target ap-2: rollback none failed on ap-2');
    expect(target.lastRolledBack()).toEqual(['early', 'canary']);
    expect(m('eu-1').stable).toBeNull();
  });

  test('lastRolledBack is the last rollback only', async () => {
    const { target } = fleet(THREE());
    await target.rollback(V1, CTX);
    target.begin(0);
    await target.deployCanary(V2, CTX);
    await target.rollback(V1, CTX);
    expect(target.lastRolledBack()).toEqual(['canary']);
  });

  test("status is the current wave's: stable as the members agree, a canary when any runs one, the highest weight", async () => {
    const { target, m } = fleet(THREE());
    expect(await target.status()).toEqual({ stable: V1, canary: null, weight: 0 });
    target.begin(1);
    m('us-2').canary = V2;
    m('us-2').weight = 30;
    m('eu-1').canary = { version: 'other' };
    expect(await target.status()).toEqual({ stable: V1, canary: V2, weight: 30 });
  });

  test("the request counter merges the current wave members' counters", async () => {
    const { target, m } = fleet(THREE());
    target.begin(1);
    expect(target.requestCounter({})).toBeNull();
    const sample = (side: Side, source: string): Sample => ({ side, ok: true, status: 200, latencyMs: 1, at: 0, source });
    const counter = (name: string, samples: Sample[], seesProbes?: boolean, covers?: Side[]): SignalSource => ({
      name,
      ...(seesProbes === undefined ? {} : { seesProbes }),
      ...(covers ? { covers: () => covers } : {}),
      start: async () => {},
      read: () => Promise.resolve(samples.splice(0)),
      stop: async () => {}
    });
    m('us-1').counter = counter('haproxy', [sample('canary', 'haproxy')], false, ['canary']);
    m('us-2').counter = counter('haproxy', [sample('stable', 'haproxy'), sample('canary', 'haproxy')], false, ['canary']);
    m('eu-1').counter = counter('nginx', [sample('stable', 'nginx')]);
    const merged = target.requestCounter({});
    expect(merged).toBeInstanceOf(MergedSource);
    expect(merged?.name).toBe('haproxy');
    expect(merged?.seesProbes).toBe(false);
    expect(merged?.covers?.(100)).toEqual(['canary']);
    await merged?.start({ weight: 10, startedAt: 0 });
    expect((await merged?.read())?.map((s) => s.side).sort()).toEqual(['canary', 'canary', 'stable']);
    expect(await merged?.read()).toEqual([]);
  });
});

describe('MergedSource', () => {
  const source = (over: Partial<SignalSource>): SignalSource => ({
    name: 'x',
    start: async () => {},
    read: () => Promise.resolve([]),
    stop: async () => {},
    ...over
  });

  test('needs a source', () => {
    expect(() => new MergedSource([])).toThrow('MergedSource needs at least one source.');
  });

  test('sees probes only when every source does (absent counts as yes)', () => {
    expect(new MergedSource([source({}), source({ seesProbes: true })]).seesProbes).toBe(true);
    expect(new MergedSource([source({}), source({ seesProbes: false })]).seesProbes).toBe(false);
  });

  test('covers the union of its sources (absent: both sides)', () => {
    expect(new MergedSource([source({ covers: () => ['canary'] }), source({ covers: () => [] })]).covers(100)).toEqual(['canary']);
    expect([...new MergedSource([source({ covers: () => ['canary'] }), source({})]).covers(100)].sort()).toEqual(['canary', 'stable']);
  });

  test('stop stops every source even when one fails', async () => {
    const stopped: string[] = [];
    const merged = new MergedSource([
      source({ stop: () => Promise.reject(new Error('gone')) }),
      source({
        stop: () => {
          stopped.push('b');
          return Promise.resolve();
        }
      })
    ]);
    await expect(merged.stop()).resolves.toBeUndefined();
    expect(stopped).toEqual(['b']);
  });
});
