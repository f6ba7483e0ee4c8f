import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { CommandTarget, shipgateVariables, type CommandTargetOptions } from '../../shared/targets/command.js';
import { childEnv } from '../../shared/process/env.js';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import type { Logger } from '../../shared/util/log.js';

const dirs: string[] = [];
const pidsToReap: number[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-cmd-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const pid of pidsToReap) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warning: (m) => lines.push(m), debug: (m) => lines.push(`debug: ${m}`) };
}
function target(dir: string, over: Partial<CommandTargetOptions> = {}): CommandTarget {
  return new CommandTarget({
    deployCommand: 'echo deploy >> log',
    rollbackCommand: 'echo rollback >> log',
    cwd: dir,
    logger: logger(),
    statePath: path.join(dir, 'state', 'target.json'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    ...over
  });
}
const ctx = (over: Partial<DeployContext> = {}): DeployContext => ({
  environment: 'production',
  deploymentId: '17',
  version: '2.0.0',
  previousVersion: '1.0.0',
  weight: 0,
  ...over
});
const dumpEnv = 'env | grep ^SHIPGATE_ | sort > "env-$SHIPGATE_WEIGHT.txt"';
/** A zombie (exited, not yet reaped by PID 1) is not alive. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return !existsSync('/proc/self');
    } catch {
      return false;
    }
  }
}

describe('CommandTarget', () => {
  test('every command gets the values through SHIPGATE_* variables', async () => {
    const d = tmp();
    const t = target(d, { deployCommand: dumpEnv, shiftCommand: dumpEnv, promoteCommand: 'env | grep ^SHIPGATE_ | sort > env-promote.txt' });
    await t.deployCanary({ version: '2.0.0', artifact: '/tmp/a.tar.gz', digest: 'sha256:abc' }, ctx());
    expect(readFileSync(path.join(d, 'env-0.txt'), 'utf8')).toBe(
      [
        'SHIPGATE_ARTIFACT=/tmp/a.tar.gz',
        'SHIPGATE_DEPLOYMENT_ID=17',
        'SHIPGATE_DIGEST=sha256:abc',
        'SHIPGATE_ENVIRONMENT=production',
        'SHIPGATE_PREVIOUS_VERSION=1.0.0',
        'SHIPGATE_VERSION=2.0.0',
        'SHIPGATE_WEIGHT=0',
        ''
      ].join('\n')
    );
    await t.setWeight(50, ctx({ weight: 50 }));
    expect(readFileSync(path.join(d, 'env-50.txt'), 'utf8')).toContain('SHIPGATE_WEIGHT=50\n');
    await t.promote(ctx({ weight: 100 }));
    expect(readFileSync(path.join(d, 'env-promote.txt'), 'utf8')).toContain('SHIPGATE_WEIGHT=100\n');
    expect(await t.status()).toEqual({ stable: { version: '2.0.0', artifact: '/tmp/a.tar.gz', digest: 'sha256:abc' }, canary: null, weight: 0 });
  });

  test('the parent environment reaches commands, minus action inputs and runner credentials', () => {
    const base = { PATH: '/bin', HOME: '/h', GITHUB_SHA: 'abc', 'INPUT_GITHUB-TOKEN': 'ghs_x', ACTIONS_RUNTIME_TOKEN: 't', SHIPGATE_VERSION: 'stale' };
    const env = childEnv(base, { kind: 'step', extra: shipgateVariables(ctx({ version: '3' })) });
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/h', GITHUB_SHA: 'abc', SHIPGATE_VERSION: '3', SHIPGATE_ARTIFACT: '' });
    expect(env['INPUT_GITHUB-TOKEN']).toBeUndefined();
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
  });

  test('a malicious version string is data, never code', async () => {
    const d = tmp();
    const evil = '$(touch pwned)`touch pwned2`;touch pwned3';
    const t = target(d, { deployCommand: 'printf %s "$SHIPGATE_VERSION" > seen; echo $SHIPGATE_VERSION' });
    await t.deployCanary({ version: evil }, ctx({ version: evil, previousVersion: '$(touch pwned4)' }));
    expect(readFileSync(path.join(d, 'seen'), 'utf8')).toBe(evil);
    for (const f of ['pwned', 'pwned2', 'pwned3', 'pwned4']) expect(existsSync(path.join(d, f))).toBe(false);
  });

  test('a non-zero exit is one sentence naming the input (and the weight), output not quoted', async () => {
    const d = tmp();
    const log = logger();
    const t = target(d, { shiftCommand: 'echo "::error::from the command"; exit 3', deployCommand: 'exit 4', logger: log });
    await expect(t.setWeight(50, ctx({ weight: 50 }))).rejects.toThrow(/^The shift-command exited with code 3 at weight 50 %\.$/);
    await expect(t.deployCanary({ version: '2' }, ctx())).rejects.toThrow(/^The deploy-command exited with code 4\.$/);
    expect(log.lines).toContain('[shift-command] : :error: :from the command');
    expect(log.lines.some((l) => l.startsWith('::'))).toBe(false);
    // A failed deploy is still remembered, so that it gets rolled back.
    expect((await t.status()).canary).toEqual({ version: '2' });
  });

  test('without a shift-command the weight is only recorded', async () => {
    const d = tmp();
    const log = logger();
    const t = target(d, { logger: log });
    await t.deployCanary({ version: '2' }, ctx());
    await t.setWeight(10, ctx({ weight: 10 }));
    expect(await t.status()).toMatchObject({ canary: { version: '2' }, weight: 10 });
    expect(log.lines).toContain('debug: No shift-command is set: the canary weight 10 % is only recorded.');
  });

  test('a timeout stops the whole process group', async () => {
    const d = tmp();
    const t = target(d, {
      deployCommand: 'sleep 1000 & echo $! >> pids; sleep 1000 & echo $! >> pids; (sleep 1000; true) & echo $! >> pids; wait',
      timeoutMs: 500,
      killGraceMs: 500
    });
    await expect(t.deployCanary({ version: '2' }, ctx())).rejects.toThrow('The deploy-command did not finish within 500 ms and was stopped.');
    const pids = readFileSync(path.join(d, 'pids'), 'utf8').trim().split('\n').map(Number);
    pidsToReap.push(...pids);
    expect(pids).toHaveLength(3);
    // SIGKILL follows SIGTERM after the grace period; give the kernel a moment to reap.
    for (let i = 0; i < 40 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    expect(pids.filter(alive)).toEqual([]);
  });

  test('a child that ignores SIGTERM is killed after the grace period', async () => {
    const d = tmp();
    const t = target(d, { deployCommand: 'bash -c \'trap "" TERM; echo $$ > pid; while true; do sleep 0.1; done\' & wait', timeoutMs: 400, killGraceMs: 300 });
    await expect(t.deployCanary({ version: '2' }, ctx())).rejects.toThrow(/did not finish within 400 ms/);
    const pid = Number(readFileSync(path.join(d, 'pid'), 'utf8'));
    pidsToReap.push(pid);
    for (let i = 0; i < 60 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });

  test('cancellation stops deploy/shift/promote, but rollback still runs', async () => {
    const d = tmp();
    const t = target(d, {
      deployCommand: 'echo deploy >> log; sleep 30',
      rollbackCommand: 'echo "rollback to $SHIPGATE_PREVIOUS_VERSION from $SHIPGATE_VERSION" >> log',
      killGraceMs: 200
    });
    const ac = new AbortController();
    const deploying = t.deployCanary({ version: '2.0.0' }, ctx({ signal: ac.signal }));
    setTimeout(() => ac.abort(), 300);
    await expect(deploying).rejects.toThrow('The deploy-command was cancelled.');
    await expect(t.setWeight(50, ctx({ weight: 50, signal: ac.signal }))).resolves.toBeUndefined(); // no shift-command: nothing to run
    const withShift = target(d, { shiftCommand: 'echo shift >> log' });
    await expect(withShift.setWeight(50, ctx({ weight: 50, signal: ac.signal }))).rejects.toThrow(
      'The shift-command was not run at weight 50 %: the job was cancelled.'
    );
    await t.rollback({ version: '1.0.0' }, ctx({ signal: ac.signal }));
    expect(readFileSync(path.join(d, 'log'), 'utf8')).toBe('deploy\nrollback to 1.0.0 from 2.0.0\n');
    expect(await t.status()).toEqual({ stable: { version: '1.0.0' }, canary: null, weight: 0 });
  });

  test('state persists across instances (and processes: it is a file)', async () => {
    const d = tmp();
    const a = target(d, { shiftCommand: 'true' });
    await a.rollback({ version: '1.0.0' }, ctx());
    await a.deployCanary({ version: '2.0.0', digest: 'sha256:x' }, ctx());
    await a.setWeight(50, ctx({ weight: 50 }));
    const b = target(d);
    expect(await b.status()).toEqual({ stable: { version: '1.0.0' }, canary: { version: '2.0.0', digest: 'sha256:x' }, weight: 50 });
    await b.promote(ctx({ weight: 100 }));
    expect(await target(d).status()).toEqual({ stable: { version: '2.0.0', digest: 'sha256:x' }, canary: null, weight: 0 });
  });

  test('a corrupt state file is one sentence naming it', async () => {
    const d = tmp();
    const t = target(d);
    const file = path.join(d, 'state', 'target.json');
    await t.status();
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }).then(() => fs.writeFile(file, '{oops')));
    await expect(t.status()).rejects.toThrow(`The command target's state file ${file} is not valid JSON: fix or delete it.`);
  });

  test('state written by another process is what status() reports', async () => {
    const d = tmp();
    const moduleUrl = new URL('../../shared/targets/command.ts', import.meta.url).href;
    const script = `
      const { CommandTarget } = await import(${JSON.stringify(moduleUrl)});
      const t = new CommandTarget({ deployCommand: 'true', rollbackCommand: 'true', logger: { info() {}, warning() {}, debug() {} }, statePath: process.env.STATE, timeoutMs: 10000 });
      await t.rollback({ version: '1.0.0' }, { environment: 'p', deploymentId: '1', version: '2.0.0', previousVersion: '1.0.0', weight: 0 });
      await t.deployCanary({ version: '2.0.0' }, { environment: 'p', deploymentId: '1', version: '2.0.0', previousVersion: '1.0.0', weight: 0 });
      await t.setWeight(25, { environment: 'p', deploymentId: '1', version: '2.0.0', previousVersion: '1.0.0', weight: 25 });
    `;
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: path.dirname(fileURLToPath(import.meta.url)),
        env: { PATH: process.env.PATH, STATE: path.join(d, 'state', 'target.json') },
        stdio: ['ignore', 'inherit', 'inherit']
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c ?? -1));
    });
    expect(code).toBe(0);
    expect(await target(d).status()).toEqual({ stable: { version: '1.0.0' }, canary: { version: '2.0.0' }, weight: 25 });
  });

  test('rollback to nothing leaves no stable and no canary', async () => {
    const d = tmp();
    const t = target(d);
    await t.rollback({ version: '1.0.0' }, ctx());
    await t.deployCanary({ version: '2.0.0' }, ctx());
    await t.rollback(null, ctx({ previousVersion: '' }));
    expect(await t.status()).toEqual({ stable: null, canary: null, weight: 0 });
  });

  test('a timeout is named as the user wrote it', async () => {
    const d = tmp();
    const t = target(d, { deployCommand: 'sleep 30', timeoutMs: 1000, killGraceMs: 200 });
    await expect(t.deployCanary({ version: '2' }, ctx())).rejects.toThrow('The deploy-command did not finish within 1s and was stopped.');
  });
});
