import { afterAll, describe, expect, test } from '@jest/globals';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommandTarget, type CommandTargetOptions } from '../../../shared/targets/command.js';
import type { DeployContext } from '../../../shared/ports/deploy-target.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import type { TrafficRouter } from '../../../shared/ports/traffic-router.js';
import type { Logger } from '../../../shared/util/log.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** One log file that the commands (through $LOG) and the router both append to, so their order shows. */
function workdir(): { dir: string; log: string; lines: () => string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-cmd-router-'));
  dirs.push(dir);
  const log = path.join(dir, 'calls.log');
  return { dir, log, lines: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warning: (m) => warnings.push(m), debug() {} };
}

/** A router like nginx or HAProxy: it applies weights, reads them back and can be told to fail. */
class FakeRouter implements TrafficRouter {
  weight = 0;
  calls: { call: string; context: DeployContext }[] = [];
  failSetWeight: Error | null = null;
  failReset: Error | null = null;
  readonly counter: SignalSource = { name: 'nginx', seesProbes: false, start: async () => {}, read: () => Promise.resolve([]), stop: async () => {} };
  constructor(
    readonly name: string,
    private readonly log: string,
    private readonly readsBack = true
  ) {}
  async preflight(): Promise<void> {
    await Promise.resolve();
    appendFileSync(this.log, 'router preflight\n');
  }
  async setWeight(percent: number, context: DeployContext): Promise<void> {
    await Promise.resolve();
    appendFileSync(this.log, `router weight ${percent}\n`);
    this.calls.push({ call: `weight ${percent}`, context });
    if (this.failSetWeight) throw this.failSetWeight;
    this.weight = percent;
  }
  async reset(context: DeployContext): Promise<void> {
    await Promise.resolve();
    appendFileSync(this.log, 'router reset\n');
    this.calls.push({ call: 'reset', context });
    if (this.failReset) throw this.failReset;
    this.weight = 0;
  }
  get currentWeight(): (() => Promise<number | null>) | undefined {
    return this.readsBack ? () => Promise.resolve(this.weight) : undefined;
  }
  requestCounter(): SignalSource {
    return this.counter;
  }
}

const COMMANDS = {
  deployCommand: 'echo "deploy-command $SHIPGATE_VERSION at $SHIPGATE_WEIGHT" >> "$LOG"',
  promoteCommand: 'echo "promote-command $SHIPGATE_VERSION at $SHIPGATE_WEIGHT" >> "$LOG"',
  rollbackCommand: 'echo "rollback-command to $SHIPGATE_PREVIOUS_VERSION from $SHIPGATE_VERSION" >> "$LOG"',
  shiftCommand: 'echo "shift-command $SHIPGATE_WEIGHT" >> "$LOG"'
};

function commandTarget(w: ReturnType<typeof workdir>, over: Partial<CommandTargetOptions> = {}) {
  const logger = recordingLogger();
  const target = new CommandTarget({
    ...COMMANDS,
    cwd: w.dir,
    logger,
    statePath: path.join(w.dir, 'state', 'target.json'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG: w.log },
    timeoutMs: 20_000,
    ...over
  });
  return { target, logger };
}

const ctx = (over: Partial<DeployContext> = {}): DeployContext => ({
  environment: 'production',
  deploymentId: '17',
  version: 'v2',
  previousVersion: 'v1',
  weight: 0,
  ...over
});

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('CommandTarget with a router of its own (nginx, HAProxy)', () => {
  test('weights go to the router, not to a shift-command, and are recorded', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router, shiftCommand: undefined });
    expect(target.router).toBe(router);
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(10, ctx({ weight: 10 }));
    await target.setWeight(50, ctx({ weight: 50 }));
    expect(w.lines()).toEqual(['deploy-command v2 at 0', 'router weight 10', 'router weight 50']);
    expect(router.weight).toBe(50);
    expect(await target.status()).toEqual({ stable: null, canary: { version: 'v2' }, weight: 50 });
  });

  test('a weight the router refused is not recorded', async () => {
    const w = workdir();
    const router = new FakeRouter('haproxy', w.log);
    const { target } = commandTarget(w, { router });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(10, ctx({ weight: 10 }));
    router.failSetWeight = new Error('haproxy refused the weight');
    expect(await rejection(target.setWeight(50, ctx({ weight: 50 })))).toBe('haproxy refused the weight');
    expect((await target.status()).weight).toBe(10);
  });

  test('promote: router to 100 %, then the promote-command, then the router reset', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router });
    await target.rollback({ version: 'v1' }, ctx());
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(50, ctx({ weight: 50 }));
    const before = w.lines().length;
    await target.promote(ctx({ weight: 100, signal: new AbortController().signal }));
    expect(w.lines().slice(before)).toEqual(['router weight 100', 'promote-command v2 at 100', 'router reset']);
    expect(router.weight).toBe(0);
    expect(router.calls.at(-2)?.context.weight).toBe(100);
    expect(router.calls.at(-1)?.context).toMatchObject({ weight: 0, signal: undefined });
    expect(await target.status()).toEqual({ stable: { version: 'v2' }, canary: null, weight: 0 });
  });

  test('promote from 100 % does not move the router again', async () => {
    const w = workdir();
    const router = new FakeRouter('haproxy', w.log);
    const { target } = commandTarget(w, { router });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(100, ctx({ weight: 100 }));
    const before = w.lines().length;
    await target.promote(ctx({ weight: 100 }));
    expect(w.lines().slice(before)).toEqual(['promote-command v2 at 100', 'router reset']);
  });

  test('a router that cannot read its weight back is moved to 100 % before the promotion', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log, false);
    const { target } = commandTarget(w, { router });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(100, ctx({ weight: 100 }));
    const before = w.lines().length;
    await target.promote(ctx({ weight: 100 }));
    expect(w.lines().slice(before)).toEqual(['router weight 100', 'promote-command v2 at 100', 'router reset']);
  });

  test('a promote-command that fails leaves the canary server carrying the traffic and the canary recorded', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router, promoteCommand: 'echo "promote-command" >> "$LOG"; exit 3' });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(50, ctx({ weight: 50 }));
    expect(await rejection(target.promote(ctx({ weight: 100 })))).toBe('The promote-command exited with code 3.');
    expect(w.lines().slice(-2)).toEqual(['router weight 100', 'promote-command']);
    // The stable server may be half redeployed: traffic stays on the canary server until a rollback.
    expect(router.weight).toBe(100);
    expect((await target.status()).canary).toEqual({ version: 'v2' });
  });

  test('promote without a promote-command is refused', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router, promoteCommand: '' });
    await target.deployCanary({ version: 'v2' }, ctx());
    expect(await rejection(target.promote(ctx({ weight: 100 })))).toBe('The promote-command is needed to promote with traffic: nginx.');
    expect((await target.status()).canary).toEqual({ version: 'v2' });
  });

  test('rollback: the router takes the canary out of rotation first, then the rollback-command runs', async () => {
    const w = workdir();
    const router = new FakeRouter('haproxy', w.log);
    const { target } = commandTarget(w, { router });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(50, ctx({ weight: 50 }));
    const before = w.lines().length;
    await target.rollback({ version: 'v1' }, ctx({ signal: AbortSignal.abort() }));
    expect(w.lines().slice(before)).toEqual(['router reset', 'rollback-command to v1 from v2']);
    expect(router.weight).toBe(0);
    // Cancellation is ignored: the router is reset with no signal and weight 0.
    expect(router.calls.at(-1)?.context).toMatchObject({ weight: 0, signal: undefined });
    expect(await target.status()).toEqual({ stable: { version: 'v1' }, canary: null, weight: 0 });
  });

  test('a router that fails during rollback still lets the rollback-command run; its error is then thrown', async () => {
    const w = workdir();
    const router = new FakeRouter('haproxy', w.log);
    const { target, logger } = commandTarget(w, { router });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(50, ctx({ weight: 50 }));
    router.failReset = new Error('the HAProxy runtime API did not answer on /run/haproxy.sock');
    const before = w.lines().length;
    expect(await rejection(target.rollback({ version: 'v1' }, ctx()))).toBe('the HAProxy runtime API did not answer on /run/haproxy.sock');
    expect(w.lines().slice(before)).toEqual(['router reset', 'rollback-command to v1 from v2']);
    expect(logger.warnings).toEqual(['haproxy could not take the canary out of rotation: the HAProxy runtime API did not answer on /run/haproxy.sock']);
    // The router may still send requests to the canary server: the canary is not recorded as gone.
    expect((await target.status()).canary).toEqual({ version: 'v2' });
    // A second rollback (safe to call twice) finishes the job once the router answers.
    router.failReset = null;
    await target.rollback({ version: 'v1' }, ctx());
    expect(router.weight).toBe(0);
    expect(await target.status()).toEqual({ stable: { version: 'v1' }, canary: null, weight: 0 });
  });

  test('a rollback-command that fails is reported after the router was reset', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router, rollbackCommand: 'echo rollback-command >> "$LOG"; exit 4' });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(50, ctx({ weight: 50 }));
    expect(await rejection(target.rollback({ version: 'v1' }, ctx()))).toBe('The rollback-command exited with code 4.');
    expect(w.lines().slice(-2)).toEqual(['router reset', 'rollback-command']);
    expect(router.weight).toBe(0);
  });

  test('when both fail, the rollback-command error is thrown and the router error is logged', async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target, logger } = commandTarget(w, { router, rollbackCommand: 'exit 5' });
    router.failReset = new Error('nginx -t failed');
    expect(await rejection(target.rollback({ version: 'v1' }, ctx()))).toBe('The rollback-command exited with code 5.');
    expect(logger.warnings).toEqual(['nginx could not take the canary out of rotation: nginx -t failed']);
  });

  test("preflight and the request counter are the router's", async () => {
    const w = workdir();
    const router = new FakeRouter('nginx', w.log);
    const { target } = commandTarget(w, { router });
    await target.preflight();
    expect(w.lines()).toEqual(['router preflight']);
    expect(target.requestCounter()).toBe(router.counter);
  });
});

describe('CommandTarget without a router: the shift-command', () => {
  test('weights run the shift-command; promote and rollback run only their commands', async () => {
    const w = workdir();
    const { target } = commandTarget(w);
    expect(target.router.name).toBe('command');
    expect(target.requestCounter()).toBeNull();
    await target.preflight();
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(10, ctx({ weight: 10 }));
    await target.setWeight(100, ctx({ weight: 100 }));
    await target.promote(ctx({ weight: 100 }));
    expect(w.lines()).toEqual(['deploy-command v2 at 0', 'shift-command 10', 'shift-command 100', 'promote-command v2 at 100']);
    expect(await target.status()).toEqual({ stable: { version: 'v2' }, canary: null, weight: 0 });
    await target.deployCanary({ version: 'v3' }, ctx({ version: 'v3', previousVersion: 'v2' }));
    await target.setWeight(50, ctx({ version: 'v3', weight: 50 }));
    const before = w.lines().length;
    await target.rollback({ version: 'v2' }, ctx({ version: 'v3', previousVersion: 'v2' }));
    expect(w.lines().slice(before)).toEqual(['rollback-command to v2 from v3']);
  });

  test('without a shift-command the weight is only recorded', async () => {
    const w = workdir();
    const { target } = commandTarget(w, { shiftCommand: '' });
    await target.deployCanary({ version: 'v2' }, ctx());
    await target.setWeight(30, ctx({ weight: 30 }));
    expect(w.lines()).toEqual(['deploy-command v2 at 0']);
    expect((await target.status()).weight).toBe(30);
  });

  test('a failing shift-command is the error of the weight change, named with its weight', async () => {
    const w = workdir();
    const { target } = commandTarget(w, { shiftCommand: 'exit 2' });
    await target.deployCanary({ version: 'v2' }, ctx());
    expect(await rejection(target.setWeight(10, ctx({ weight: 10 })))).toBe('The shift-command exited with code 2 at weight 10 %.');
    expect((await target.status()).weight).toBe(0);
  });
});
