// `dora: true` on the root action, run as its bundle: two releases as separate runs on one
// self-hosted machine (the local target and the file ledger outlive jobs), each job a fresh clone of
// the user's repository with its whole history (fetch-depth: 0), so lead times come from git log.
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, newJob, runBundle, tempDir } from '../helpers/run-bundle.js';

const machine = tempDir('shipgate-dora-machine-');
const stateDir = path.join(machine, 'shipgate');
const origin = tempDir('shipgate-dora-origin-');
const service = path.join(REPO, 'examples', 'service', 'server.mjs');
const HOUR = 3600_000;

function git(cwd: string, args: string[], date?: Date): string {
  const when = date ? { GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() } : {};
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: machine,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.test',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.test',
      ...when
    }
  }).trim();
}

/** A commit on the origin `hoursAgo` hours ago; returns its sha. */
function commit(message: string, hoursAgo: number): string {
  writeFileSync(path.join(origin, 'CHANGES'), `${message}\n`, { flag: 'a' });
  git(origin, ['add', 'CHANGES']);
  git(origin, ['commit', '-q', '-m', message], new Date(Date.now() - hoursAgo * HOUR));
  return git(origin, ['rev-parse', 'HEAD']);
}

/** A job's checkout: a fresh full clone of the origin. */
function checkout(): ReturnType<typeof newJob> {
  const job = newJob('shipgate-dora-job-');
  git(job.workspace, ['clone', '-q', origin, '.']);
  return job;
}

const inputs = {
  environment: 'production',
  'start-command': `node ${service}`,
  'state-dir': stateDir,
  steps: '100',
  'step-duration': '10s',
  'probe-rate': '100',
  'min-samples': '50',
  // The metrics are the subject here, not the judge: a healthy step that ends undecided promotes.
  'on-inconclusive': 'promote',
  dora: 'true'
};

afterAll(() => {
  spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli', 'index.js'), 'local', 'stop', '--state-dir', stateDir]);
});

describe('dora: true on the root action (bundle)', () => {
  git(origin, ['init', '-q', '-b', 'main']);

  test('two releases in separate runs: the second run reports both deployments and the lead time of its commits', async () => {
    const first = commit('first feature', 30);
    const run1 = await runBundle(
      'rollout',
      { ...inputs, version: 'v1' },
      { sameJob: checkout(), stateHome: machine, env: { GITHUB_SHA: first }, timeoutMs: 90_000 }
    );
    expect([run1.code, run1.error, run1.outputs.result]).toEqual([0, '', 'promoted']);
    expect(JSON.parse(run1.outputs.dora)).toMatchObject({ schema: 'shipgate/dora@1', deploymentFrequency: { deployments: 1 } });

    commit('second feature', 5);
    const second = commit('third feature', 2);
    const run2 = await runBundle(
      'rollout',
      { ...inputs, version: 'v2' },
      { sameJob: checkout(), stateHome: machine, env: { GITHUB_SHA: second }, timeoutMs: 90_000 }
    );
    expect([run2.code, run2.error, run2.outputs.result]).toEqual([0, '', 'promoted']);
    const dora = JSON.parse(run2.outputs.dora) as {
      deploymentFrequency: { deployments: number };
      leadTime: { commits: number; medianMs: number | null };
      changeFailureRate: { rate: number | null };
    };
    expect(dora.deploymentFrequency.deployments).toBe(2);
    // v2 brought two commits, 5 h and 2 h before its rollout; v1 (the first deployment) its own commit, 30 h before.
    expect(dora.leadTime.commits).toBe(3);
    expect(dora.leadTime.medianMs).toBeGreaterThan(4.9 * HOUR);
    expect(dora.leadTime.medianMs).toBeLessThan(5.2 * HOUR);
    expect(dora.changeFailureRate.rate).toBe(0);
    expect(run2.summary).toContain('xychart-beta');
    expect(run2.summary).toMatch(/Deployment frequency/);
  });
});
