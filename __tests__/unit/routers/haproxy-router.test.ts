// The HAProxy router against a stand-in runtime API (a real Unix-socket server answering like
// HAProxy 2.6): which commands, in which order, and what a refusal turns into.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeployContext } from '../../../shared/ports/deploy-target.js';
import { canaryShare, HaproxyRouter, planWeightChange, weightsFor, type HaproxyRouterOptions, type Weights } from '../../../shared/routers/haproxy/index.js';
import { HaproxyRuntimeApi } from '../../../shared/routers/haproxy/runtime-api.js';
import { HaproxyStatsSource } from '../../../shared/signals/haproxy-stats.js';
import type { Logger } from '../../../shared/util/log.js';
import { startFakeHaproxy, type FakeHaproxy } from '../../helpers/haproxy.js';

const ctx: DeployContext = { environment: 'prod', deploymentId: '1', version: 'v2', previousVersion: 'v1', weight: 0 };

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warning: (m) => lines.push(`warning ${m}`), debug: (m) => lines.push(`debug ${m}`) };
}

describe('weight maths', () => {
  test('for every p in 0..100 the canary share is exactly p and both weights are legal', () => {
    for (let p = 0; p <= 100; p++) {
      const w = weightsFor(p);
      expect(w.canary * 100).toBe(p * (w.canary + w.stable));
      expect(w.canary + w.stable).toBeGreaterThan(0);
      for (const x of [w.canary, w.stable]) expect(Number.isInteger(x) && x >= 0 && x <= 256).toBe(true);
      expect(canaryShare(w)).toBe(p);
    }
    expect(weightsFor(0)).toEqual({ canary: 0, stable: 100 });
    expect(weightsFor(100)).toEqual({ canary: 100, stable: 0 });
    expect(canaryShare({ canary: 0, stable: 0 })).toBe(0);
    expect(canaryShare({ canary: 1, stable: 2 })).toBe(33);
  });

  /** Applies a plan step by step; returns every state that is live, the final one included. */
  function walk(from: Weights, to: Weights): Weights[] {
    const states: Weights[] = [];
    let w = { ...from };
    for (const set of planWeightChange(from, to)) {
      w = { ...w, [set.side]: set.weight };
      states.push(w);
    }
    return states;
  }

  test('between any two steps no live state has both weights 0, and the share never leaves [old, new]', () => {
    const bad: string[] = [];
    for (let q = 0; q <= 100; q++) {
      for (let p = 0; p <= 100; p++) {
        const from = weightsFor(q);
        const to = weightsFor(p);
        const states = walk(from, to);
        const last = states.length ? states[states.length - 1] : from;
        if (last.canary !== to.canary || last.stable !== to.stable) bad.push(`${q} -> ${p} ends at ${JSON.stringify(last)}`);
        for (const s of states) {
          const share = (s.canary * 100) / (s.canary + s.stable);
          if (s.canary + s.stable === 0) bad.push(`${q} -> ${p} passes through 0/0`);
          else if (share < Math.min(p, q) - 1e-9 || share > Math.max(p, q) + 1e-9) bad.push(`${q} -> ${p} passes through ${share} %`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  test('the order: the canary first (stable-first bursts to the canary on 2.6), except where that would empty the backend or overshoot', () => {
    expect(planWeightChange(weightsFor(50), weightsFor(10)).map((s) => s.side)).toEqual(['canary', 'stable']);
    expect(planWeightChange(weightsFor(10), weightsFor(50)).map((s) => s.side)).toEqual(['canary', 'stable']);
    // 100 -> 0 canary-first would leave 0/0: every request a 503.
    expect(planWeightChange(weightsFor(100), weightsFor(0))).toEqual([
      { side: 'stable', weight: 100 },
      { side: 'canary', weight: 0 }
    ]);
    expect(planWeightChange(weightsFor(0), weightsFor(100))).toEqual([
      { side: 'canary', weight: 100 },
      { side: 'stable', weight: 0 }
    ]);
    // 50 -> 100: canary-first shows 67 % in between, stable-first 100 %.
    expect(planWeightChange(weightsFor(50), weightsFor(100)).map((s) => s.side)).toEqual(['canary', 'stable']);
    expect(planWeightChange(weightsFor(30), weightsFor(30))).toEqual([]);
    expect(planWeightChange({ canary: 0, stable: 90 }, weightsFor(10))).toEqual([{ side: 'canary', weight: 10 }]);
    // From a state nobody normalised (0/0): canary-first would give the canary everything for a moment.
    expect(planWeightChange({ canary: 0, stable: 0 }, weightsFor(10)).map((s) => s.side)).toEqual(['stable', 'canary']);
  });
});

describe('HaproxyRouter against a stand-in socket', () => {
  let fake: FakeHaproxy;
  let dir: string;
  let log: ReturnType<typeof recorder>;
  const make = (extra: Partial<HaproxyRouterOptions> = {}): HaproxyRouter =>
    new HaproxyRouter({ socket: fake.socket, backend: 'app', stableServer: 'stable', canaryServer: 'canary', logger: log, timeoutMs: 1000, ...extra });

  beforeEach(async () => {
    fake = await startFakeHaproxy();
    dir = mkdtempSync(path.join(os.tmpdir(), 'sg-hap-unit-'));
    log = recorder();
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('setWeight raises canary-first, checks each set with get weight, saves the state and logs one line', async () => {
    const stateFile = path.join(dir, 'state');
    await make({ stateFile }).setWeight(10, ctx);
    expect(fake.commands).toEqual([
      'get weight app/canary',
      'get weight app/stable',
      'show stat app 4 -1',
      'set weight app/canary 10',
      'get weight app/canary',
      'set weight app/stable 90',
      'get weight app/stable',
      'show servers state'
    ]);
    expect(readFileSync(stateFile, 'utf8')).toMatch(/^1\n# be_id .*\n3 app 1 stable 127\.0\.0\.1 2 0 90 100\n3 app 2 canary 127\.0\.0\.1 2 0 10 0\n/);
    expect(log.lines).toEqual(['info haproxy: canary 10 % (weights 10/90), checked with get weight']);
    expect(fake.servers.get('canary')?.weight).toBe(10);
    expect(fake.servers.get('stable')?.weight).toBe(90);
  });

  test('setWeight(100) then reset: the canary gets weight 0 after stable is back, then maint; twice is safe', async () => {
    const router = make();
    await router.setWeight(100, ctx);
    expect(await router.currentWeight()).toBe(100);
    fake.commands.length = 0;
    await router.reset(ctx);
    expect(fake.commands).toEqual([
      'get weight app/canary',
      'get weight app/stable',
      'set weight app/stable 100',
      'get weight app/stable',
      'set weight app/canary 0',
      'get weight app/canary',
      'set server app/canary state maint',
      'show stat app 4 -1'
    ]);
    expect(fake.servers.get('canary')?.status).toBe('MAINT');
    fake.commands.length = 0;
    await router.reset({ ...ctx, signal: AbortSignal.abort() });
    expect(fake.commands).toEqual(['get weight app/canary', 'get weight app/stable', 'set server app/canary state maint', 'show stat app 4 -1']);
    expect(await router.currentWeight()).toBe(0);
    expect(log.lines.filter((l) => l.includes('maint'))).toHaveLength(2);
  });

  test('after a reset the canary is brought back with state ready (at weight 0) before it gets weight', async () => {
    const router = make();
    await router.reset(ctx);
    fake.commands.length = 0;
    await router.setWeight(25, ctx);
    expect(fake.commands).toEqual([
      'get weight app/canary',
      'get weight app/stable',
      'show stat app 4 -1',
      'set server app/canary state ready',
      'show stat app 4 -1',
      'set weight app/canary 25',
      'get weight app/canary',
      'set weight app/stable 75',
      'get weight app/stable'
    ]);
    expect(await router.currentWeight()).toBe(25);
  });

  test('a canary left in maint with a weight is set to 0 before it is made ready', async () => {
    fake.servers.get('canary')!.weight = 40;
    fake.servers.get('canary')!.status = 'MAINT';
    await make().setWeight(10, ctx);
    expect(fake.commands.slice(3, 7)).toEqual(['set weight app/canary 0', 'get weight app/canary', 'set server app/canary state ready', 'show stat app 4 -1']);
    expect(fake.servers.get('canary')?.weight).toBe(10);
  });

  test('any text in reply to set weight is a refusal: one sentence naming the server and the socket', async () => {
    fake.override = (c) => (c === 'set weight app/canary 10' ? 'No such server.\n\n' : undefined);
    await expect(make().setWeight(10, ctx)).rejects.toThrow(`HAProxy refused "set weight app/canary 10" on haproxy-socket ${fake.socket}: No such server.`);
    // Nothing after the refusal: stable's weight was not lowered.
    expect(fake.commands).not.toContain('set weight app/stable 90');
    expect(log.lines).toEqual([]);
  });

  test('a refusal after the first set puts the first one back: nothing half-applied is left', async () => {
    const stateFile = path.join(dir, 'state');
    await make({ stateFile }).setWeight(10, ctx);
    const saved = readFileSync(stateFile, 'utf8');
    fake.commands.length = 0;
    fake.override = (c) => (c === 'set weight app/stable 50' ? 'Permission denied.\n\n' : undefined);
    await expect(make({ stateFile }).setWeight(50, ctx)).rejects.toThrow(
      `HAProxy refused "set weight app/stable 50" on haproxy-socket ${fake.socket}: Permission denied.`
    );
    expect(fake.commands.filter((c) => c.startsWith('set '))).toEqual(['set weight app/canary 50', 'set weight app/stable 50', 'set weight app/canary 10']);
    expect([fake.servers.get('canary')?.weight, fake.servers.get('stable')?.weight]).toEqual([10, 90]);
    expect(readFileSync(stateFile, 'utf8')).toBe(saved);
  });

  test('a failure after the canary left maint puts it back in maint', async () => {
    const router = make();
    await router.reset(ctx);
    fake.override = (c) => (c === 'set weight app/stable 90' ? 'No such server.\n\n' : undefined);
    await expect(router.setWeight(10, ctx)).rejects.toThrow('HAProxy refused "set weight app/stable 90"');
    expect(fake.servers.get('canary')?.status).toBe('MAINT');
    expect(await router.currentWeight()).toBe(0);
  });

  test('a canary that leaves maint DOWN (health checks) is warned about, not refused', async () => {
    const router = make();
    await router.reset(ctx);
    fake.override = (c) => {
      if (c.endsWith('state ready')) {
        fake.servers.get('canary')!.status = 'DOWN';
        return '\n';
      }
      return undefined;
    };
    await router.setWeight(10, ctx);
    expect(log.lines).toContain('warning haproxy: canary server app/canary is DOWN after leaving maint: it takes no requests until its health checks pass.');
  });

  test('a set weight HAProxy does not apply is caught by get weight', async () => {
    fake.override = (c) => (c.startsWith('set weight app/canary') ? '\n' : undefined);
    await expect(make().setWeight(10, ctx)).rejects.toThrow(
      `HAProxy kept server app/canary at weight 0 after "set weight app/canary 10" on haproxy-socket ${fake.socket}.`
    );
  });

  test('a get weight that answers nonsense is one sentence', async () => {
    fake.override = (c) => (c === 'get weight app/canary' ? 'Permission denied\n\n' : undefined);
    await expect(make().setWeight(10, ctx)).rejects.toThrow(
      `HAProxy answered "get weight app/canary" on haproxy-socket ${fake.socket} with "Permission denied".`
    );
  });

  test('a ready that does not take the canary out of maint fails before any weight is given', async () => {
    fake.servers.get('canary')!.status = 'MAINT';
    fake.override = (c) => (c.endsWith('state ready') ? '\n' : undefined);
    await expect(make().setWeight(10, ctx)).rejects.toThrow(/kept haproxy-canary-server app\/canary MAINT after "set server \.\.\. state ready"/);
    expect(fake.commands.filter((c) => c.startsWith('set weight'))).toEqual([]);
  });

  test('reset keeps going after a failure (maint still sent) and throws the first error', async () => {
    await make().setWeight(50, ctx);
    fake.commands.length = 0;
    fake.override = (c) => (c === 'set weight app/stable 100' ? 'Permission denied.\n\n' : undefined);
    await expect(make().reset(ctx)).rejects.toThrow('HAProxy refused "set weight app/stable 100"');
    expect(fake.commands).toContain('set server app/canary state maint');
    expect(fake.servers.get('canary')?.status).toBe('MAINT');
  });

  test('reset notices a maint that did not take', async () => {
    fake.override = (c) => (c.endsWith('state maint') ? '\n' : undefined);
    await expect(make().reset(ctx)).rejects.toThrow(/shows haproxy-canary-server app\/canary as no check, not MAINT/);
  });

  test('a cancelled job changes nothing; bad percentages are refused', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(make().setWeight(10, { ...ctx, signal: ac.signal })).rejects.toThrow(
      'HAProxy weights were not changed to canary 10 %: the job was cancelled.'
    );
    for (const bad of [-1, 101, 12.5, NaN])
      await expect(make().setWeight(bad, ctx)).rejects.toThrow(`The canary weight ${bad} is not a whole percentage from 0 to 100.`);
    expect(fake.commands).toEqual([]);
  });

  test('currentWeight: the share of get weight, 0 in maint, 100 with stable out, null when the socket is gone', async () => {
    const router = make();
    fake.servers.get('canary')!.weight = 30;
    fake.servers.get('stable')!.weight = 90;
    expect(await router.currentWeight()).toBe(25);
    fake.servers.get('canary')!.status = 'DRAIN';
    expect(await router.currentWeight()).toBe(0);
    fake.servers.get('canary')!.status = 'no check';
    fake.servers.get('stable')!.status = 'MAINT';
    expect(await router.currentWeight()).toBe(100);
    expect(await make({ socket: path.join(dir, 'missing.sock') }).currentWeight()).toBeNull();
  });

  test('stable out of rotation is warned about, not thrown', async () => {
    fake.servers.get('stable')!.status = 'DOWN';
    await make().setWeight(10, ctx);
    expect(log.lines[0]).toBe('warning haproxy: stable server app/stable is DOWN, so HAProxy sends the canary every request, whatever the weights.');
  });

  test('a state file that cannot be written fails the change with one sentence', async () => {
    const stateFile = path.join(dir, 'missing-dir-as-file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(stateFile, 'x');
    await expect(make({ stateFile: path.join(stateFile, 'state') }).setWeight(10, ctx)).rejects.toThrow(
      new RegExp(`^haproxy-state-file ${stateFile}/state could not be written: `)
    );
  });

  describe('preflight', () => {
    test('passes on a good backend and sends no write', async () => {
      await make({ stateFile: path.join(dir, 'state') }).preflight();
      expect(fake.commands).toEqual(['show cli level', 'show stat app 6 -1']);
    });

    test('names haproxy-socket when nothing answers', async () => {
      const socket = path.join(dir, 'missing.sock');
      await expect(make({ socket }).preflight()).rejects.toThrow(`haproxy-socket ${socket} could not be asked "show cli level": connect ENOENT ${socket}.`);
    });

    test('names haproxy-socket when it is not at level admin', async () => {
      fake.level = 'operator';
      await expect(make().preflight()).rejects.toThrow(
        `haproxy-socket ${fake.socket} is at level operator, but set weight needs "level admin" on its stats socket line.`
      );
    });

    test('names haproxy-backend and lists the backends', async () => {
      await expect(make({ backend: 'web' }).preflight()).rejects.toThrow(
        `haproxy-backend "web" is not a backend of the HAProxy at haproxy-socket ${fake.socket} (its backends: app).`
      );
    });

    test('names the missing server input', async () => {
      await expect(make({ stableServer: 'blue' }).preflight()).rejects.toThrow(
        'haproxy-stable-server "blue" is not a server of haproxy-backend "app" (its servers: stable, canary).'
      );
      await expect(make({ canaryServer: 'green' }).preflight()).rejects.toThrow(
        'haproxy-canary-server "green" is not a server of haproxy-backend "app" (its servers: stable, canary).'
      );
    });

    test('refuses a static algorithm', async () => {
      fake.algo = 'static-rr';
      await expect(make().preflight()).rejects.toThrow('haproxy-backend "app" balances with static-rr, which cannot split traffic by weight at runtime');
    });

    test('names haproxy-state-file when its folder is missing', async () => {
      const stateFile = path.join(dir, 'nope', 'state');
      await expect(make({ stateFile }).preflight()).rejects.toThrow(
        `haproxy-state-file ${stateFile} cannot be written: its folder ${path.join(dir, 'nope')} is missing or not writable.`
      );
    });
  });

  test('names that would change a command are refused when the router is built', () => {
    expect(() => make({ backend: 'app;disable frontend fe' })).toThrow(
      `haproxy-backend "app;disable frontend fe" is not a HAProxy name: use letters, digits, '-', '_', '.' and ':' only.`
    );
    expect(() => make({ canaryServer: 'a b' })).toThrow('haproxy-canary-server "a b" is not a HAProxy name');
    expect(() => make({ canaryServer: 'stable' })).toThrow(
      'haproxy-canary-server "stable" is also haproxy-stable-server: name two different servers of the backend.'
    );
  });

  test('requestCounter is a HAProxy stats source for the same servers', () => {
    const source = make().requestCounter();
    expect(source).toBeInstanceOf(HaproxyStatsSource);
    expect(source.name).toBe('haproxy');
  });
});

describe('HaproxyRuntimeApi', () => {
  let fake: FakeHaproxy;
  beforeEach(async () => {
    fake = await startFakeHaproxy();
  });
  afterEach(async () => {
    await fake.close();
  });

  test('one command per connection, the reply as HAProxy sent it', async () => {
    const api = new HaproxyRuntimeApi(fake.socket, 1000);
    expect(await api.send('get weight app/stable')).toBe('100 (initial 100)\n\n');
    expect(await api.send('set weight app/stable 5')).toBe('\n');
    expect(fake.commands).toEqual(['get weight app/stable', 'set weight app/stable 5']);
  });

  test('a socket that never answers times out with one sentence', async () => {
    fake.hangUp = true;
    const started = Date.now();
    await expect(new HaproxyRuntimeApi(fake.socket, 200).send('show stat')).rejects.toThrow(
      `haproxy-socket ${fake.socket} did not answer "show stat" within 200 ms.`
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a line break in a command is refused before anything is sent', async () => {
    await expect(new HaproxyRuntimeApi(fake.socket).send('show stat\nshutdown frontend fe')).rejects.toThrow('a command is one line');
    expect(fake.commands).toEqual([]);
  });
});
