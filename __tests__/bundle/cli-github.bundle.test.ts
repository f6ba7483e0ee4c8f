// The shipgate CLI from anywhere with `--repo owner/name`: node dist/cli/index.js in a fresh folder
// (no checkout, no config file, no state on this machine), with only GITHUB_TOKEN and the API URLs
// in its environment, against the GitHub API stand-in. Everything it reports comes from the GitHub
// Deployments another run wrote and from the commits in the stand-in's Git model.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO, tempDir } from '../helpers/run-bundle.js';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { sampleReport, seedHistory, standinContext } from '../helpers/github-standin/fixtures.js';
import { createGitHubClient } from '../../shared/github/client.js';
import { GitHubLedger } from '../../shared/ledgers/github.js';
import type { DeploymentRecord, RolloutRecordData } from '../../shared/ports/ledger.js';
import type { DoraReport } from '../../shared/dora/index.js';
import type { EnvironmentStatus } from '../../shared/cli/commands/status.js';
import { silentLogger } from '../../shared/util/log.js';

const CLI = path.join(REPO, 'dist', 'cli', 'index.js');
const ENV = 'production';

let gh: GitHubStandin;
/** c0 (what ran before Shipgate), c1..c3 (v1), c4 (v2), c5 (v3): oldest first. */
let commits: string[];
let v1: DeploymentRecord;
let v2: DeploymentRecord;
let v3: DeploymentRecord;

/**
 * The CLI as a child process. Asynchronous on purpose: the stand-in answers from this process's
 * event loop, which spawnSync would block.
 */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = tempDir('shipgate-cli-gh-home-');
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: tempDir('shipgate-cli-gh-cwd-'),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      GITHUB_TOKEN: gh.token,
      GITHUB_API_URL: gh.url,
      GITHUB_GRAPHQL_URL: gh.graphqlUrl
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Whatever the command, the token is never printed.
      expect(stdout).not.toContain(gh.token);
      expect(stderr).not.toContain(gh.token);
      resolve({ code, stdout, stderr });
    });
  });
}

const rolloutData = (previous: { version: string; commit: string } | null): RolloutRecordData => ({
  plan: { ...sampleReport().plan!, steps: [20, 50, 100] },
  previous,
  owner: { runId: '7001', runUrl: 'https://github.com/acme/shop/actions/runs/7001', host: 'runner-1', pid: 4242 },
  target: 'local'
});

beforeAll(async () => {
  gh = await startGitHubStandin();
  // The repository's history on main: one commit before the first Shipgate rollout, three that v1
  // brought, then one each for v2 and v3.
  commits = seedHistory(gh, [
    { message: 'Initial service', files: { 'server.mjs': 'v0' } },
    { message: 'Add the cart', files: { 'cart.mjs': 'cart' } },
    { message: 'Price rounding', files: { 'cart.mjs': 'cart, rounded' } },
    { message: 'Release v1', files: { 'server.mjs': 'v1' } },
    { message: 'Release v2', files: { 'server.mjs': 'v2' } },
    { message: 'Release v3', files: { 'server.mjs': 'v3' } }
  ]);
  // Written as another run (on GitHub Actions) would have written it, through the real ledger.
  const ctx = standinContext(gh, { sha: '' });
  const ledger = new GitHubLedger({
    client: createGitHubClient(ctx, { logger: silentLogger, throttle: { enabled: false }, retryBaseMs: 10 }),
    ctx,
    logger: silentLogger,
    pollDelayMs: 20
  });
  const rel = (version: string, commit: string) => ({ version, commit, digest: `sha256:${version}` });
  v1 = await ledger.begin({
    environment: ENV,
    release: rel('v1', commits[3]),
    kind: 'rollout',
    description: 'Canary v1',
    rollout: rolloutData({ version: 'v0', commit: commits[0] }),
    progress: { weight: 20, step: 1, steps: 3, paused: false }
  });
  await ledger.record(v1.id, 'success', { description: 'v1 promoted at 100 %.' });
  v2 = await ledger.begin({
    environment: ENV,
    release: rel('v2', commits[4]),
    kind: 'rollout',
    description: 'Canary v2',
    rollout: rolloutData({ version: 'v1', commit: commits[3] }),
    progress: { weight: 20, step: 1, steps: 3, paused: false }
  });
  await ledger.record(v2.id, 'failure', { description: 'v2 rolled back at 20 %: canary error rate 30.0 % vs 0.9 %; traffic is back on v1.' });
  v3 = await ledger.begin({
    environment: ENV,
    release: rel('v3', commits[5]),
    kind: 'rollout',
    description: 'Canary v3',
    rollout: rolloutData({ version: 'v1', commit: commits[3] }),
    progress: { weight: 20, step: 1, steps: 3, paused: false }
  });
  await ledger.record(v3.id, 'in_progress', {
    description: 'Canary v3 paused for a person',
    progress: { weight: 50, step: 2, steps: 3, paused: true }
  });
  gh.assertNoViolations();
}, 60_000);

afterAll(async () => {
  await gh?.close();
});

describe('shipgate --repo against the GitHub API stand-in (bundle)', () => {
  test('status --json: v1 is live, v3 is paused at its weight', async () => {
    const r = await cli(['status', '--repo', 'acme/shop', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ledger: string; environments: EnvironmentStatus[] };
    expect(out.ledger).toBe('GitHub Deployments of acme/shop');
    expect(out.environments).toHaveLength(1);
    const [prod] = out.environments;
    expect(prod.environment).toBe(ENV);
    expect(prod.live).toMatchObject({ version: 'v1', deploymentId: v1.id, commit: commits[3] });
    expect(prod.unfinished).toEqual([
      expect.objectContaining({ version: 'v3', deploymentId: v3.id, weight: 50, step: '2/3', paused: true, state: 'in_progress' })
    ]);
    expect(prod.last).toMatchObject({ version: 'v3', deploymentId: v3.id, state: 'in_progress' });
  });

  test('history --json: the three rollouts, newest first, with their states', async () => {
    const r = await cli(['history', '--repo', 'acme/shop', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as DeploymentRecord[];
    expect(list.map((d) => [d.id, d.release.version, d.state, d.kind])).toEqual([
      [v3.id, 'v3', 'in_progress', 'rollout'],
      [v2.id, 'v2', 'failure', 'rollout'],
      [v1.id, 'v1', 'success', 'rollout']
    ]);
    expect(list[0].progress).toEqual({ weight: 50, step: 2, steps: 3, paused: true });
    expect(list[2].release).toMatchObject({ commit: commits[3], digest: 'sha256:v1' });
  });

  test("dora --since 30d --json: lead time from the stand-in's commits through the compare API", async () => {
    const compares = gh.count('GET /repos/{owner}/{repo}/compare/{basehead}');
    const r = await cli(['dora', '--repo', 'acme/shop', '--since', '30d', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DoraReport;
    expect(report.environment).toBe(ENV);
    expect(report.outcomes).toMatchObject({ promoted: 1, rolledBack: 1, unfinished: 1, paused: 1 });
    expect(report.deployments.map((d) => [d.version, d.outcome, d.commits])).toEqual([
      ['v1', 'promoted', 3],
      ['v2', 'rolled-back', null],
      ['v3', 'unfinished', null]
    ]);
    // v1 brought c1..c3 (its previous release ran c0): GitHub's compare c0...c3.
    expect(gh.count('GET /repos/{owner}/{repo}/compare/{basehead}') - compares).toBe(1);
    const compare = gh.log.filter((e) => e.route === 'GET /repos/{owner}/{repo}/compare/{basehead}').at(-1)!;
    expect(compare.path).toBe(`/repos/acme/shop/compare/${commits[0]}...${commits[3]}`);
    // Each commit was made before v1's rollout began (the stand-in's clock runs forward).
    const begun = Date.parse(v1.createdAt);
    const times = commits.slice(1, 4).map((sha) => begun - Date.parse(gh.state.git.commit(sha)!.committer.date));
    expect(times.every((t) => t > 0)).toBe(true);
    const sorted = [...times].sort((a, b) => a - b);
    expect(report.leadTime).toMatchObject({ deployments: 1, commits: 3, medianMs: sorted[1], p90Ms: sorted[2], rangesUnread: 0 });
    expect(report.changeFailureRate).toMatchObject({ failures: 1, changes: 2, rolledBackByAnalysis: 1, rate: 0.5 });
    // The ledger holds fewer deployments than were asked for: that is all of them.
    expect(report.window.historyReachesSince).toBe(true);
    expect(report.notes.join('\n')).not.toMatch(/not counted: /);
  });

  test('plan: the GitHub ledger, live v1, the unfinished v3 and the permissions it needs', async () => {
    const r = await cli(['plan', '--repo', 'acme/shop', '--version', 'v4', '--target', 'local', '--start-command', 'node x.js']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GitHub Deployments of acme/shop');
    expect(r.stdout).toContain(`v1 (deployment ${v1.id})`);
    expect(r.stdout).toContain(`v3 (deployment ${v3.id}, 50 %, paused)`);
    expect(r.stdout).toMatch(/permissions:[\s\S]*deployments: write/);
    const json = await cli(['plan', '--repo', 'acme/shop', '--version', 'v4', '--target', 'local', '--start-command', 'node x.js', '--json']);
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as { ledger: { where: string; live: string; unfinished: string[] }; permissions: { scope: string; level: string }[] };
    expect(view.ledger).toEqual({
      where: 'GitHub Deployments of acme/shop',
      live: `v1 (deployment ${v1.id})`,
      unfinished: [`v3 (deployment ${v3.id}, 50 %, paused)`]
    });
    expect(view.permissions).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'deployments', level: 'write' })]));
    // A plan records nothing.
    expect(gh.state.deployments).toHaveLength(3);
  });

  test("every request matched GitHub's published API description", () => {
    expect(gh.violations()).toEqual([]);
  });
});
