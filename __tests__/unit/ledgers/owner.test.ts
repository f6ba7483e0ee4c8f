import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { currentOwner, isOwnedBy, ownerName, processOwnerState } from '../../../shared/ledgers/owner.js';

describe('run owners', () => {
  test('this process, with its run when the runner names one', () => {
    expect(currentOwner({})).toEqual({ host: os.hostname(), pid: process.pid });
    expect(currentOwner({ GITHUB_RUN_ID: '42' }, 'https://github.com/a/b/actions/runs/42')).toEqual({
      runId: '42',
      runAttempt: '1',
      runUrl: 'https://github.com/a/b/actions/runs/42',
      host: os.hostname(),
      pid: process.pid
    });
    expect(currentOwner({ GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3' }).runAttempt).toBe('3');
  });

  test('named by run URL, else run id, else process and host', () => {
    expect(ownerName(undefined)).toBe('a run that recorded no owner');
    expect(ownerName({ runUrl: 'https://x/runs/1', runId: '1', host: 'h', pid: 2 })).toBe('run https://x/runs/1');
    expect(ownerName({ runId: '1', host: 'h', pid: 2 })).toBe('run 1');
    expect(ownerName({ host: 'h', pid: 2 })).toBe('process 2 on h');
  });

  test('on this machine the process tells whether its run is over; elsewhere nobody here can tell', () => {
    const host = os.hostname();
    expect(processOwnerState({ host, pid: process.pid })).toEqual({ state: 'running', detail: 'it is this process' });
    expect(processOwnerState({ host, pid: process.ppid })).toEqual({ state: 'running', detail: `process ${process.ppid} is still running` });
    // A child that has exited and been reaped: its pid is free.
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    expect(processOwnerState({ host, pid: Number(gone) })).toEqual({ state: 'over', detail: `process ${gone} has ended` });
    expect(processOwnerState({ host: `${host}-elsewhere`, pid: process.pid })).toEqual({
      state: 'unknown',
      detail: `it runs on another machine (${host}-elsewhere)`
    });
  });

  test('ownership needs the same host, process and run', () => {
    const me = { host: 'h', pid: 1, runId: '9' };
    expect(isOwnedBy(me, { host: 'h', pid: 1, runId: '9', runUrl: 'u' })).toBe(true);
    expect(isOwnedBy(me, { host: 'h', pid: 1, runId: '8' })).toBe(false);
    expect(isOwnedBy(me, { host: 'g', pid: 1, runId: '9' })).toBe(false);
    expect(isOwnedBy(me, { host: 'h', pid: 2, runId: '9' })).toBe(false);
    expect(isOwnedBy({ host: 'h', pid: 1 }, { host: 'h', pid: 1 })).toBe(true);
  });
});
