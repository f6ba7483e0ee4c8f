import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { standinContext } from '../helpers/github-standin/fixtures.js';
import { createGitHubClient } from '../../shared/github/client.js';
import { GitHubLedger } from '../../shared/ledgers/github.js';
import { silentLogger } from '../../shared/util/log.js';

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
