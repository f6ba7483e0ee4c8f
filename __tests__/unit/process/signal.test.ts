// Stopping process groups, with real children.
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { groupAlive, processAlive } from '../../../shared/process/alive.js';
import { signalGroup, signalProcess, stopGroup, waitGone } from '../../../shared/process/signal.js';

/** A detached bash leading its own group, with a child of its own; resolves once it runs. */
async function group(script: string): Promise<number> {
  const child = spawn('bash', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  child.unref();
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  return child.pid!;
}

/**
 * Processes of the group that still run (zombies excluded: an orphan waits for PID 1 to reap it,
 * which on some machines takes a second, and a zombie runs nothing).
 */
function runningInGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing parenthesis.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') out.push(Number(name));
  }
  return out;
}

describe('signals', () => {
  test('stopGroup stops the whole group with SIGTERM', async () => {
    const pgid = await group('sleep 30 & echo up; wait');
    expect(groupAlive(pgid)).toBe(true);
    expect(runningInGroup(pgid)).toHaveLength(2);
    const started = Date.now();
    await stopGroup(pgid);
    expect(runningInGroup(pgid)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  test('a group that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const pgid = await group("trap '' TERM; sleep 30 & echo up; while true; do sleep 0.05; done");
    const started = Date.now();
    expect(runningInGroup(pgid).length).toBeGreaterThanOrEqual(2);
    await stopGroup(pgid, 300);
    expect(runningInGroup(pgid)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  test('gone processes and groups are no error; nonsense pids are ignored', async () => {
    await stopGroup(2 ** 22 + 3);
    signalGroup(2 ** 22 + 3, 'SIGTERM');
    signalProcess(2 ** 22 + 3, 'SIGTERM');
    signalGroup(0, 'SIGTERM');
    signalProcess(-1, 'SIGTERM');
    expect(processAlive(0)).toBe(false);
    expect(groupAlive(0)).toBe(false);
  });

  test('waitGone: true once the process exits, false while it lives', async () => {
    const pid = await group('echo up; sleep 0.3');
    expect(await waitGone(pid, 100)).toBe(false);
    expect(await waitGone(pid, 5000)).toBe(true);
    const stubborn = await group('echo up; sleep 30');
    signalProcess(stubborn, 'SIGKILL');
    expect(await waitGone(stubborn, 5000)).toBe(true);
  });
});
