import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { standinContext } from '../helpers/github-standin/fixtures.js';
import { createGitHubClient } from '../../shared/github/client.js';
import { GitHubLedger } from '../../shared/ledgers/github.js';
import { silentLogger } from '../../shared/util/log.js';
import { doraReport } from '../../shared/dora/index.js';
import type { CommitTimes } from '../../shared/ports/commit-times.js';
import type { StandinDeployment } from '../helpers/github-standin/state.js';

let gh: GitHubStandin;
beforeAll(async () => {
  gh = await startGitHubStandin();
  gh.state.seedCommits(3);
});
afterEach(() => {
  gh.clearFaults();
  gh.assertNoViolations();
});
afterAll(async () => {
  await gh.close();
});

let envSeq = 0;
const ledger = (over: { graphql?: boolean; productionEnvironment?: boolean; transientEnvironment?: boolean } = {}): { l: GitHubLedger; env: string } => {
  const ctx = standinContext(gh);
  const client = createGitHubClient(ctx, { logger: silentLogger, throttle: { enabled: false }, retryBaseMs: 10 });
  return { l: new GitHubLedger({ client, ctx, logger: silentLogger, pollDelayMs: 50, ...over }), env: `env-${++envSeq}` };
};
const rel = (version: string) => ({ version, digest: `sha256:${version}`, commit: gh.state.commits[0].sha });

test('begin creates a deployment as GitHub needs it and marks it in progress', async () => {
  const { l, env } = ledger();
  const rec = await l.begin({
    environment: env,
    release: rel('v1'),
    kind: 'rollout',
    description: 'x'.repeat(300),
    payload: { plan: { steps: [10, 100] } },
    environmentUrl: 'https://shop.example.test'
  });
  const d = gh.state.deployments.find((x) => String(x.id) === rec.id)!;
  const body = gh.log.find((e) => e.route === 'POST /repos/{owner}/{repo}/deployments' && (e.body as { environment: string }).environment === env)!
    .body as Record<string, unknown>;
  expect(body).toMatchObject({ auto_merge: false, required_contexts: [], task: 'deploy:shipgate', environment: env });
  expect((body.description as string).length).toBeLessThanOrEqual(140);
  expect(d.payload).toMatchObject({ version: 'v1', digest: 'sha256:v1', kind: 'rollout', plan: { steps: [10, 100] } });
  expect(d.statuses.map((s) => s.state)).toEqual(['in_progress']);
  expect(d.statuses[0].log_url).toBe('https://github.com/acme/shop/actions/runs/42');
  expect(rec).toMatchObject({ state: 'in_progress', kind: 'rollout', release: { version: 'v1' } });
});

for (const graphql of [true, false]) {
  test(`lastGood and history over ${graphql ? 'GraphQL' : 'REST'}`, async () => {
    const { l, env } = ledger({ graphql });
    const d1 = await l.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
    await l.record(d1.id, 'success', { description: 'v1 promoted' });
    const d2 = await l.begin({ environment: env, release: rel('v2'), kind: 'rollout', description: 'v2' });
    await l.record(d2.id, 'failure', { description: 'v2 rolled back' });
    const before = gh.log.length;
    const good = await l.lastGood(env);
    expect(good).toMatchObject({ id: d1.id, release: { version: 'v1', digest: 'sha256:v1' }, state: 'success' });
    const used = gh.log.slice(before).map((e) => e.route);
    expect(used.includes('POST /graphql')).toBe(graphql);
    const hist = await l.history(env, 5);
    expect(hist.map((h) => [h.id, h.state])).toEqual([
      [d2.id, 'failure'],
      [d1.id, 'success']
    ]);
  });
}

test('an older success made inactive by a newer one is not last good, unless that newer version is excluded', async () => {
  const { l, env } = ledger();
  const d1 = await l.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
  await l.record(d1.id, 'success', { description: 'ok' });
  const d2 = await l.begin({ environment: env, release: rel('v2'), kind: 'rollout', description: 'v2' });
  await l.record(d2.id, 'success', { description: 'ok' });
  expect(gh.state.deployments.find((d) => String(d.id) === d1.id)!.statuses.at(-1)!.state).toBe('inactive');
  expect((await l.lastGood(env))?.id).toBe(d2.id);
  expect((await l.lastGood(env, { excludeVersion: 'v2' }))?.release.version).toBe('v1');
});

test('GraphQL refused (403) falls back to REST', async () => {
  const { l, env } = ledger();
  const d1 = await l.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
  await l.record(d1.id, 'success', { description: 'ok' });
  gh.inject({ kind: 'forbidden', route: 'POST /graphql' });
  expect((await l.lastGood(env))?.id).toBe(d1.id);
});

test('a read that lags behind our own write is polled until it shows it', async () => {
  for (const graphql of [true, false]) {
    const { l, env } = ledger({ graphql });
    const d1 = await l.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
    gh.inject({ kind: 'lag', reads: 2 });
    await l.record(d1.id, 'success', { description: 'ok' });
    const before = gh.log.length;
    expect((await l.lastGood(env))?.id).toBe(d1.id);
    const reads = gh.log.slice(before).filter((e) => e.route === 'POST /graphql' || e.route === 'GET /repos/{owner}/{repo}/deployments').length;
    expect(reads).toBeGreaterThanOrEqual(2);
  }
});

test('a 409 on deployment creation is explained and not retried', async () => {
  const { l, env } = ledger();
  const before = gh.count('POST /repos/{owner}/{repo}/deployments');
  gh.inject({ kind: 'status', route: 'POST /repos/{owner}/{repo}/deployments', status: 409, times: 5 });
  await expect(l.begin({ environment: env, release: rel('v3'), kind: 'rollout', description: 'v3' })).rejects.toThrow(/409/);
  expect(gh.count('POST /repos/{owner}/{repo}/deployments') - before).toBe(1);
});

test('no deployments: lastGood is null', async () => {
  const { l } = ledger();
  expect(await l.lastGood('never-deployed')).toBeNull();
});

test('production/transient options reach GitHub; the final status carries the run and environment URLs', async () => {
  const { l, env } = ledger({ productionEnvironment: true, transientEnvironment: false });
  const rec = await l.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
  await l.record(rec.id, 'success', {
    description: 'v1 promoted',
    logUrl: 'https://github.com/acme/shop/actions/runs/43',
    environmentUrl: 'https://shop.example.test'
  });
  const d = gh.state.deployments.find((x) => String(x.id) === rec.id)!;
  expect(d).toMatchObject({ production_environment: true, transient_environment: false, sha: gh.state.commits.at(-1)!.sha });
  expect(d.statuses.at(-1)).toMatchObject({
    state: 'success',
    log_url: 'https://github.com/acme/shop/actions/runs/43',
    environment_url: 'https://shop.example.test'
  });
  const { l: other, env: env2 } = ledger();
  const r2 = await other.begin({ environment: env2, release: rel('v1'), kind: 'rollout', description: 'v1' });
  const body = gh.log.find((e) => e.route === 'POST /repos/{owner}/{repo}/deployments' && (e.body as { environment: string }).environment === env2)!
    .body as Record<string, unknown>;
  expect(body).not.toHaveProperty('production_environment');
  expect(r2.state).toBe('in_progress');
});

test("a newer status written by another run wins over this process's own view, without polling", async () => {
  for (const graphql of [true, false]) {
    const { l: mine, env } = ledger({ graphql });
    const d1 = await mine.begin({ environment: env, release: rel('v1'), kind: 'rollout', description: 'v1' });
    await mine.record(d1.id, 'success', { description: 'ok' });
    const other = new GitHubLedger({
      client: createGitHubClient(standinContext(gh), { logger: silentLogger, throttle: { enabled: false } }),
      ctx: standinContext(gh),
      logger: silentLogger,
      graphql
    });
    const d2 = await other.begin({ environment: env, release: rel('v2'), kind: 'rollout', description: 'v2' });
    await other.record(d2.id, 'success', { description: 'ok' });
    const before = gh.log.length;
    const hist = await mine.history(env, 5);
    expect(hist.map((h) => [h.release.version, h.state])).toEqual([
      ['v2', 'success'],
      ['v1', 'inactive']
    ]);
    const reads = gh.log.slice(before).filter((e) => e.route === 'POST /graphql' || e.route === 'GET /repos/{owner}/{repo}/deployments').length;
    expect(reads).toBe(1);
  }
});

describe('a history longer than one page (250 deployments)', () => {
  const HOUR = 3_600_000;
  // Whole seconds, as GitHub's timestamps: the window's first deployment is exactly 90 days old.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let env: string;
  let seeded: StandinDeployment[];
  /** 250 rollouts 12 h apart, oldest first, ending 12 h ago (written straight into the stand-in: they span 125 days). */
  beforeAll(() => {
    env = `busy-${++envSeq}`;
    seeded = [];
    const sha = gh.state.commits[0].sha;
    for (let i = 0; i < 250; i++) {
      const at = new Date(now.getTime() - (250 - i) * 12 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const done = new Date(Date.parse(at) + 600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      // Every tenth canary rolled back; the newest is live; older promotions were made inactive.
      const state = i % 10 === 3 ? 'failure' : i === 249 ? 'success' : 'inactive';
      const d: StandinDeployment = {
        id: gh.state.id(),
        sha,
        ref: sha,
        task: 'deploy:shipgate',
        payload: { version: `v${i + 1}`, commit: sha, kind: 'rollout' },
        environment: env,
        description: `v${i + 1}`,
        transient_environment: false,
        production_environment: false,
        created_at: at,
        updated_at: done,
        statuses: [
          {
            id: gh.state.id(),
            state,
            description: state,
            environment: env,
            target_url: '',
            log_url: '',
            environment_url: '',
            created_at: done,
            updated_at: done,
            hiddenReads: 0
          }
        ],
        hiddenReads: 0
      };
      gh.state.deployments.push(d);
      seeded.push(d);
    }
  });
  const reads = (from: number, route: string): number => gh.log.slice(from).filter((e) => e.route === route).length;
  const newestFirst = (n: number): string[] =>
    seeded
      .slice(-n)
      .reverse()
      .map((d) => String(d.id));

  test('history(env, 230) returns the 230 newest, newest first, in ⌈230/100⌉ GraphQL requests', async () => {
    const { l } = ledger();
    const before = gh.log.length;
    const hist = await l.history(env, 230);
    expect(hist.map((h) => h.id)).toEqual(newestFirst(230));
    expect(hist[0]).toMatchObject({ release: { version: 'v250' }, state: 'success' });
    expect(hist.at(-1)).toMatchObject({ release: { version: 'v21' } });
    expect(reads(before, 'POST /graphql')).toBe(3);
    expect(gh.log.slice(before).map((e) => (e.body as { variables: { first: number } }).variables.first)).toEqual([100, 100, 30]);
  });

  test('small reads stay one request: history of 30 and 100, view, lastGood; all 250 when more are asked for', async () => {
    const { l } = ledger();
    for (const [n, requests] of [
      [30, 1],
      [100, 1],
      [101, 2],
      [400, 3]
    ] as const) {
      const before = gh.log.length;
      const hist = await l.history(env, n);
      expect(hist.map((h) => h.id)).toEqual(newestFirst(Math.min(n, 250)));
      expect(reads(before, 'POST /graphql')).toBe(requests);
    }
    let before = gh.log.length;
    const view = await l.view(env);
    expect(view.history).toHaveLength(30);
    expect(view.lastGood?.release.version).toBe('v250');
    expect(gh.log.length - before).toBe(1);
    before = gh.log.length;
    expect((await l.lastGood(env))?.release.version).toBe('v250');
    expect(gh.log.length - before).toBe(1);
  });

  test('over REST: pages of 100 (page=2, page=3), one status read per deployment returned', async () => {
    const { l } = ledger({ graphql: false });
    const before = gh.log.length;
    const hist = await l.history(env, 230);
    expect(hist.map((h) => h.id)).toEqual(newestFirst(230));
    // The log keeps paths without queries: 230 distinct newest deployments from 3 lists means page=2 and page=3 were read.
    expect(reads(before, 'GET /repos/{owner}/{repo}/deployments')).toBe(3);
    expect(reads(before, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses')).toBe(230);
    const small = gh.log.length;
    expect((await l.history(env, 30)).map((h) => h.id)).toEqual(newestFirst(30));
    expect(reads(small, 'GET /repos/{owner}/{repo}/deployments')).toBe(1);
  });

  test('dora --since 90d over it counts every deployment of the window', async () => {
    const { l } = ledger();
    const commits: CommitTimes = { where: 'nowhere', range: () => Promise.resolve([]) };
    const before = gh.log.length;
    const report = await doraReport({ ledger: l, commits, environment: env, since: '90d', now });
    const since = now.getTime() - 90 * 24 * HOUR;
    const inWindow = seeded.filter((d) => Date.parse(d.created_at) >= since);
    expect(inWindow).toHaveLength(180);
    expect(report.deployments.map((d) => d.id)).toEqual(inWindow.map((d) => String(d.id)));
    expect(report.window.historyReachesSince).toBe(true);
    expect(report.records.rollouts).toBe(180);
    expect(report.outcomes.rolledBack).toBe(inWindow.filter((d) => d.statuses[0].state === 'failure').length);
    expect(report.deploymentFrequency.deployments).toBe(180 - report.outcomes.rolledBack);
    // loadHistory reads 50, 100, then 200 (two pages), which reaches past the window.
    expect(reads(before, 'POST /graphql')).toBe(4);
  });
});
