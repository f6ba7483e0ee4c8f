import os from 'node:os';
import type { OwnerState, RunOwner } from '../ports/ledger.js';
import { processAlive } from '../process/alive.js';

/** This process as the owner of a rollout it begins. */
export function currentOwner(env: NodeJS.ProcessEnv, runUrl?: string): RunOwner {
  return {
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID, runAttempt: env.GITHUB_RUN_ATTEMPT || '1' } : {}),
    ...(runUrl ? { runUrl } : {}),
    host: os.hostname(),
    pid: process.pid
  };
}

/** How an owner is named in sentences: its run's URL, else its process. */
export function ownerName(owner: RunOwner | undefined): string {
  if (!owner) return 'a run that recorded no owner';
  if (owner.runUrl) return `run ${owner.runUrl}`;
  if (owner.runId) return `run ${owner.runId}`;
  return `process ${owner.pid} on ${owner.host}`;
}

/** Same machine: the process tells. Another machine: nobody here can tell. */
export function processOwnerState(owner: RunOwner): OwnerState {
  if (owner.host !== os.hostname()) return { state: 'unknown', detail: `it runs on another machine (${owner.host})` };
  if (owner.pid === process.pid) return { state: 'running', detail: 'it is this process' };
  return processAlive(owner.pid)
    ? { state: 'running', detail: `process ${owner.pid} is still running` }
    : { state: 'over', detail: `process ${owner.pid} has ended` };
}

/** Whether `owner` is `me` (same process on the same machine, in the same run). */
export function isOwnedBy(me: RunOwner, owner: RunOwner): boolean {
  return owner.host === me.host && owner.pid === me.pid && (owner.runId ?? '') === (me.runId ?? '');
}
