// Every action invocation as its own workflow run on a fresh GitHub-hosted runner: its own
// workspace, RUNNER_TEMP, machine (state folder) and run id. Only two things carry over, as on
// GitHub: the deployment history (the GitHub API stand-in) and the user's infrastructure, which
// the command target drives through the user's commands (here: files in an "infra" folder that
// two loopback services read).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runBundle, nextRunId, tempDir, type BundleOptions } from '../helpers/run-bundle.js';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import type { RolloutReport } from '../../shared/model/report.js';

let gh: GitHubStandin;
const infra = tempDir('shipgate-infra-');
const servers: http.Server[] = [];
let canaryUrl = '';
let stableUrl = '';

/** The "canary" slot serves errors when the version deployed there is called *-faulty. */
function role(which: 'canary' | 'stable'): http.Server {
  return http.createServer((_req, res) => {
    const file = path.join(infra, which);
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'legacy';
    const faulty = version.endsWith('-faulty') && Math.random() < 0.5;
    res.writeHead(faulty ? 500 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ version, ok: !faulty }));
  });
}

async function listen(s: http.Server): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}

// The user's commands: they record every value they were given, so tests can check that a later
// run hands the same SHIPGATE_* values to them as the run that started the rollout.
const logLine =
  'echo "$0|$SHIPGATE_ENVIRONMENT|$SHIPGATE_VERSION|$SHIPGATE_PREVIOUS_VERSION|$SHIPGATE_WEIGHT|$SHIPGATE_DEPLOYMENT_ID|$SHIPGATE_DIGEST" >> "$INFRA/commands.log"';
const commands = {
  target: 'command',
  'deploy-command': `bash -c '${logLine.replace(/'/g, `'\\''`)}' deploy; echo "$SHIPGATE_VERSION" > "$INFRA/canary"`,
  'shift-command': `bash -c '${logLine.replace(/'/g, `'\\''`)}' shift; echo "$SHIPGATE_WEIGHT" > "$INFRA/weight"`,
  'promote-command': `bash -c '${logLine.replace(/'/g, `'\\''`)}' promote; mv "$INFRA/canary" "$INFRA/stable"; echo 100 > "$INFRA/weight"`,
  'rollback-command': `bash -c '${logLine.replace(/'/g, `'\\''`)}' rollback; rm -f "$INFRA/canary"; echo 0 > "$INFRA/weight"`
};

function deployInputs(version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    environment: 'production',
    'github-token': gh.token,
    ...commands,
    version,
    'canary-url': canaryUrl,
    'stable-url': stableUrl,
    steps: '20,100',
    'step-duration': '20s',
    'probe-rate': '100',
    'error-tolerance': '0.05',
    // Both loopback services answer in about a millisecond: an absolute bound lets latency pass in
    // ~130 pairs instead of the ~800 a relative comparison of two equal sub-millisecond tails needs.
    'max-latency': '2000',
    'min-samples': '50',
    ...extra
  };
}

/** A fresh runner: nothing shared with any other call but the stand-in and the infra folder. */
function fresh(extra: Partial<BundleOptions> = {}): BundleOptions {
  return {
    env: {
      GITHUB_API_URL: gh.url,
      GITHUB_GRAPHQL_URL: gh.graphqlUrl,
      GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
      RUNNER_ENVIRONMENT: 'github-hosted',
      INFRA: infra
    },
    timeoutMs: 120_000,
    ...extra
  };
}

function commandLog(): string[][] {
  const file = path.join(infra, 'commands.log');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('|'))
    : [];
}

const deploymentsOf = (version: string) => gh.state.deployments.filter((d) => (d.payload as { version?: string }).version === version);
const lastState = (version: string) => deploymentsOf(version).at(-1)?.statuses.at(-1)?.state;
const infraFile = (name: string) => (existsSync(path.join(infra, name)) ? readFileSync(path.join(infra, name), 'utf8').trim() : '');

beforeAll(async () => {
  gh = await startGitHubStandin();
  canaryUrl = await listen(role('canary'));
  stableUrl = await listen(role('stable'));
  mkdirSync(infra, { recursive: true });
  appendFileSync(path.join(infra, 'commands.log'), '');
});

afterAll(async () => {
  await gh?.close();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

describe('separate runs on fresh GitHub-hosted runners (command target, GitHub ledger)', () => {
  test('v1 is promoted; the file-ledger warning is not given because the GitHub ledger is used', async () => {
    const run = await runBundle('canary-deploy', deployInputs('v1'), fresh());
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs.result).toBe('promoted');
    expect(run.stdout).not.toMatch(/file ledger/);
    expect(infraFile('stable')).toBe('v1');
    // Every weight change is a deployment status naming the weight.
    const statuses = deploymentsOf('v1')[0].statuses.map((s) => s.description ?? '');
    expect(statuses.filter((d) => /^20 % · step 1\/2/.test(d))).toHaveLength(1);
    expect(statuses.filter((d) => /^100 % · step 2\/2/.test(d))).toHaveLength(1);
    expect(lastState('v1')).toBe('success');
  });

  test('a faulty v2 in the next run is compared with v1 from the ledger and rolled back', async () => {
    const run = await runBundle('canary-deploy', deployInputs('v2-faulty'), fresh());
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'previous-version': 'v1' });
    expect(run.error).toMatch(/^Rolled back at 20 %/);
    expect(run.stdout).not.toMatch(/first release/i);
    const rollback = commandLog()
      .filter((l) => l[0] === 'rollback')
      .at(-1);
    expect(rollback?.slice(2, 4)).toEqual(['v2-faulty', 'v1']);
    expect(lastState('v2-faulty')).toBe('failure');
    expect(infraFile('stable')).toBe('v1');
    expect(infraFile('canary')).toBe('');
  });

  test('adoption: an environment with an empty ledger and a stable-url is compared with what runs there', async () => {
    const run = await runBundle('canary-deploy', deployInputs('a1-faulty', { environment: 'adopted' }), fresh());
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'previous-version': '' });
    expect(run.error).toMatch(/^Rolled back at 20 %/);
    expect(run.summary).not.toMatch(/First release/);
  });

  test('a pause step ends run 1 paused (exit 0, status pending); run 2 promotes it with the same values', async () => {
    const sha = gh.state.seedCommits(1, 'v3 work').at(-1) as string;
    const first = await runBundle('canary-deploy', deployInputs('v3', { steps: '20,pause,100' }), fresh({ env: { ...fresh().env, GITHUB_SHA: sha } }));
    expect([first.code, first.error]).toEqual([0, '']);
    expect(first.outputs).toMatchObject({ result: 'paused', weight: '20', 'previous-version': 'v1' });
    expect(first.summary).toMatch(/Waiting for a person/);
    const gate = () => gh.state.commitStatuses.filter((s) => s.context === 'shipgate/production' && s.sha === sha).map((s) => s.state);
    expect(gate().at(-1)).toBe('pending');
    expect(lastState('v3')).toBe('in_progress');
    const deployed = commandLog()
      .filter((l) => l[0] === 'deploy' && l[2] === 'v3')
      .at(-1) as string[];

    // Hours later, from a workflow_dispatch on another runner: only the action and the commands.
    const second = await runBundle('canary-deploy', { environment: 'production', 'github-token': gh.token, action: 'promote', ...commands }, fresh());
    expect([second.code, second.error]).toEqual([0, '']);
    expect(second.outputs).toMatchObject({ result: 'promoted', weight: '100', 'deployment-id': first.outputs['deployment-id'] });
    const promoted = commandLog()
      .filter((l) => l[0] === 'promote' && l[2] === 'v3')
      .at(-1) as string[];
    // Same environment, version, previous version, deployment id and digest as the run that started it.
    expect([promoted[1], promoted[2], promoted[3], promoted[5], promoted[6]]).toEqual([deployed[1], deployed[2], 'v1', deployed[5], deployed[6]]);
    expect(lastState('v3')).toBe('success');
    expect(infraFile('stable')).toBe('v3');
    // The merge gate is resolved on the commit the rollout started from, not the dispatch's.
    expect(gate().at(-1)).toBe('success');
  });

  test('a paused canary is aborted by a later run: rollback gets the canary and the stable version', async () => {
    const first = await runBundle('canary-deploy', deployInputs('v4', { steps: '20,pause,100' }), fresh());
    expect(first.outputs.result).toBe('paused');
    // A deploy while it waits for a person is refused before anything is started.
    const blocked = await runBundle('canary-deploy', deployInputs('v4b'), fresh());
    expect(blocked.code).toBe(1);
    expect(blocked.error).toMatch(/A canary of v4 is paused in production at 20 %.*action: promote \| abort/);
    expect(deploymentsOf('v4b')).toHaveLength(0);
    const abort = await runBundle('canary-deploy', { environment: 'production', 'github-token': gh.token, action: 'abort', ...commands }, fresh());
    // The abort did what the release manager asked: the step succeeds, the outcome says rolled back.
    expect([abort.code, abort.error]).toEqual([0, '']);
    expect(abort.outputs).toMatchObject({ result: 'rolled-back', 'previous-version': 'v3' });
    const rollback = commandLog()
      .filter((l) => l[0] === 'rollback')
      .at(-1) as string[];
    expect(rollback.slice(2, 4)).toEqual(['v4', 'v3']);
    expect(lastState('v4')).toBe('failure');
    expect(infraFile('canary')).toBe('');
  });

  test('a run killed outright (no post step) leaves an orphan that the next run retires before promoting v6', async () => {
    const runId = nextRunId();
    gh.state.setRun(Number(runId), 'in_progress');
    const killed = await runBundle(
      'canary-deploy',
      deployInputs('v5', { 'step-duration': '60s', 'min-samples': '100000' }),
      fresh({ runId, signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } })
    );
    expect(killed.code).toBeNull();
    expect(lastState('v5')).toBe('in_progress');
    expect(infraFile('canary')).toBe('v5');
    gh.state.setRun(Number(runId), 'completed', 'cancelled');

    const next = await runBundle('canary-deploy', deployInputs('v6'), fresh());
    expect([next.code, next.error]).toEqual([0, '']);
    expect(next.outputs).toMatchObject({ result: 'promoted', 'previous-version': 'v3' });
    expect(lastState('v5')).toBe('error');
    expect(deploymentsOf('v5')[0].statuses.at(-1)?.description).toMatch(/Orphaned at 20 %/);
    expect(next.summary).toMatch(/Settled first/);
    const report = JSON.parse(readFileSync(next.outputs.report, 'utf8')) as RolloutReport;
    expect(report.settled).toEqual([
      expect.stringMatching(
        /^Retired deployment \d+ \(v5 at 20 %\) left by run https:\/\/github\.com\/acme\/shop\/actions\/runs\/\d+ \(run \d+ has completed \(cancelled\)\): traffic is back on v3\.$/
      )
    ]);
    const retire = commandLog()
      .filter((l) => l[0] === 'rollback' && l[2] === 'v5')
      .at(-1) as string[];
    expect(retire[3]).toBe('v3');
    expect(infraFile('stable')).toBe('v6');
  });

  test('two runs at once: the second waits for the first, then refuses at lock-timeout naming its run', async () => {
    const runA = nextRunId();
    gh.state.setRun(Number(runA), 'in_progress');
    const a = runBundle(
      'canary-deploy',
      deployInputs('v7', { 'step-duration': '8s', 'min-samples': '100000', 'on-inconclusive': 'promote' }),
      fresh({ runId: runA })
    );
    // B starts once A has begun its rollout.
    for (let i = 0; i < 200 && deploymentsOf('v7').length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const b = await runBundle('canary-deploy', deployInputs('v8', { 'lock-timeout': '3s' }), fresh());
    if (b.code !== 1) console.log('B STDOUT', b.stdout);
    expect(b.code).toBe(1);
    expect(b.error).toMatch(new RegExp(`^Run https://github.com/acme/shop/actions/runs/${runA} is rolling out v7 in production .*lock-timeout \\(3\\.0 s\\)`));
    expect(b.stdout).toMatch(/Waiting for run https:\/\/github.com\/acme\/shop\/actions\/runs\/\d+, which is rolling out v7/);
    const done = await a;
    gh.state.setRun(Number(runA), 'completed', 'success');
    expect([done.code, done.outputs.result]).toEqual([0, 'promoted']);
    expect(infraFile('stable')).toBe('v7');
    // B deployed nothing: no command ran for v8, and its refusal (if it got that far) says so.
    expect(commandLog().some((l) => l[2] === 'v8')).toBe(false);
    for (const d of deploymentsOf('v8')) expect(d.statuses.at(-1)?.state).toBe('error');
  });

  test('auto-rollback on a fresh runner restores the last good version from the GitHub ledger with only a rollback command', async () => {
    const run = await runBundle(
      'auto-rollback',
      {
        environment: 'production',
        'github-token': gh.token,
        target: 'command',
        'rollback-command': commands['rollback-command'] + '; echo "$SHIPGATE_PREVIOUS_VERSION" > "$INFRA/stable"',
        reason: 'smoke test failed after the rollout'
      },
      fresh()
    );
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs['rolled-back-to']).toBe('v6');
    expect(lastState('v7')).toBe('failure');
    expect(infraFile('stable')).toBe('v6');
  });

  test('every request matched the published API description', () => {
    expect(gh.violations()).toEqual([]);
  });
});
