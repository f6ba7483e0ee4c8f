// The rollout story across separate processes, as a workflow runs it: every step is
// `node dist/<name>/index.js` with the runner's environment, sharing RUNNER_TEMP and the workspace.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO, runBundle, tempDir } from '../helpers/run-bundle.js';
import { spawnSync } from 'node:child_process';

const workspace = tempDir('shipgate-story-');
const runnerTemp = path.join(workspace, '.runner-temp');
const stateRoot = path.join(runnerTemp, 'shipgate');
const service = path.join(REPO, 'examples', 'service', 'server.mjs');
const buildDemo = path.join(REPO, 'examples', 'build-demo.mjs');
const opts = { workspace, runnerTemp, timeoutMs: 120_000 };
const rollout = {
  environment: 'story',
  'start-command': `node ${service}`,
  steps: '20,100',
  'step-duration': '15s',
  'probe-rate': '50',
  'error-tolerance': '0.05',
  'min-samples': '50'
};

async function build(version: string, errorRate: number) {
  const run = await runBundle('build', { command: `node ${buildDemo} out`, artifact: 'out/**', version }, { ...opts, env: { DEMO_ERROR_RATE: String(errorRate) } });
  expect([run.code, run.error]).toEqual([0, '']);
  return run.outputs.manifest;
}

async function entryVersions(n: number): Promise<Record<string, number>> {
  const info = JSON.parse(readFileSync(path.join(stateRoot, 'local', 'story', 'daemon.json'), 'utf8'));
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${info.proxyPort}/`);
    const body = await res.text();
    const v = res.status >= 500 ? 'error' : (JSON.parse(body) as { version: string }).version;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

afterAll(() => {
  spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli', 'index.js'), 'local', 'stop', '-e', 'story', '--state-root', stateRoot]);
});

describe('a rollout across separate action processes (local target, file ledger)', () => {
  test('v1 first release is promoted', async () => {
    const manifest = await build('v1', 0);
    const run = await runBundle('canary-deploy', { ...rollout, manifest }, opts);
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100', 'previous-version': '' });
    expect(await entryVersions(10)).toEqual({ v1: 10 });
  });

  test('faulty v2 is detected and rolled back automatically; the step fails after writing its outputs', async () => {
    const manifest = await build('v2', 0.4);
    const run = await runBundle('canary-deploy', { ...rollout, manifest }, opts);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', weight: '0', 'previous-version': 'v1' });
    expect(run.error).toMatch(/^Rolled back at 20 %/);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.steps[0].verdict.decision).toBe('fail');
    expect(report.steps[0].canary.errorRate).toBeGreaterThan(0.2);
    expect(report.rollbackMs).toBeGreaterThanOrEqual(0);
    expect(run.summary).toContain('| Step | Weight |');
    expect(run.summary).toContain('xychart-beta');
    expect(await entryVersions(20)).toEqual({ v1: 20 });
    const ledger = JSON.parse(readFileSync(path.join(workspace, '.shipgate', 'ledger.json'), 'utf8'));
    expect(ledger.environments.story.map((r: { release: { version: string }; state: string }) => [r.release.version, r.state])).toEqual(
      expect.arrayContaining([['v1', 'success'], ['v2', 'failure']])
    );
  });

  test('healthy v3 passes every step and is promoted', async () => {
    const manifest = await build('v3', 0);
    const run = await runBundle('canary-deploy', { ...rollout, manifest }, opts);
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100', 'previous-version': 'v1' });
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.steps.map((s: { weight: number; verdict: { decision: string } }) => [s.weight, s.verdict.decision])).toEqual([[20, 'pass'], [100, 'pass']]);
    expect(await entryVersions(10)).toEqual({ v3: 10 });
  });

  test('auto-rollback after a failed post-release check restores the last known good version, never the failing one', async () => {
    const run = await runBundle('auto-rollback', { environment: 'story', 'start-command': `node ${service}`, reason: 'smoke test failed after the rollout' }, opts);
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs['rolled-back-to']).toBe('v1');
    expect(run.summary).toContain('smoke test failed after the rollout');
    expect(await entryVersions(10)).toEqual({ v1: 10 });
  });

  test('cancellation (SIGTERM) mid-step puts traffic back on stable and the record says so', async () => {
    const manifest = await build('v4', 0);
    const run = await runBundle('canary-deploy', { ...rollout, manifest, 'step-duration': '60s', 'min-samples': '100000' }, { ...opts, signalAfter: { signal: 'SIGTERM', whenStdout: /Step 1\/2/ } });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.error).toMatch(/Cancelled at 20 %: the job was cancelled; traffic is back on v1/);
    expect(await entryVersions(10)).toEqual({ v1: 10 });
  });

  test('the post step restores stable after the main step was killed outright', async () => {
    const manifest = await build('v5', 0);
    const main = await runBundle('canary-deploy', { ...rollout, manifest, 'step-duration': '60s', 'min-samples': '100000' }, { ...opts, signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } });
    expect(main.code).toBeNull();
    expect((await entryVersions(50)).v5).toBeGreaterThan(0);
    const post = await runBundle('canary-deploy', { ...rollout, manifest }, { ...opts, state: { ...main.state } });
    expect([post.code, post.error]).toEqual([0, '']);
    expect(post.stdout).toMatch(/did not finish: restoring v1/);
    expect(await entryVersions(10)).toEqual({ v1: 10 });
    const ledger = JSON.parse(readFileSync(path.join(workspace, '.shipgate', 'ledger.json'), 'utf8'));
    const v5 = ledger.environments.story.find((r: { release: { version: string } }) => r.release.version === 'v5');
    expect(v5.state).toBe('failure');
  });

  test('the CLI stops the local target and leaves no process behind', async () => {
    const info = JSON.parse(readFileSync(path.join(stateRoot, 'local', 'story', 'daemon.json'), 'utf8'));
    const stop = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli', 'index.js'), 'local', 'stop', '-e', 'story', '--state-root', stateRoot], { encoding: 'utf8' });
    expect(stop.status).toBe(0);
    let alive = true;
    for (let i = 0; i < 50 && alive; i++) {
      try {
        process.kill(info.pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
    await expect(fetch(`http://127.0.0.1:${info.proxyPort}/`)).rejects.toThrow();
    expect(existsSync(path.join(stateRoot, 'local', 'story', 'control.sock'))).toBe(false);
  });
});

