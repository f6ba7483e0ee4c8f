import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { createGitHubClient, type GitHubClient } from '../../shared/github/client.js';
import { explainGitHubError } from '../../shared/github/errors.js';
import type { Logger } from '../../shared/util/log.js';

let gh: GitHubStandin;
const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug: (m) => lines.push(`debug: ${m}`) };
const client = (extra: Partial<Parameters<typeof createGitHubClient>[1]> = {}): GitHubClient =>
  createGitHubClient({ apiUrl: gh.url, token: gh.token }, { logger, throttle: { enabled: false }, retryBaseMs: 20, ...extra });
const owner = 'acme';
const repo = 'shop';
const create = (c: GitHubClient) => c.rest.repos.createCommitStatus({ owner, repo, sha: 'a'.repeat(40), state: 'success', context: 'ci' });
const ROUTE = 'POST /repos/{owner}/{repo}/statuses/{sha}';

beforeAll(async () => {
  gh = await startGitHubStandin();
});
afterEach(() => {
  gh.clearFaults();
  gh.assertNoViolations();
});
afterAll(async () => {
  await gh.close();
});

test('a burst of 5xx is retried and recovered', async () => {
  const before = gh.count(ROUTE);
  gh.inject({ kind: 'status', route: ROUTE, status: 502, times: 2 });
  const res = await create(client());
  expect(res.status).toBe(201);
  expect(gh.count(ROUTE) - before).toBe(3);
});

test('409 is not retried', async () => {
  const before = gh.count(ROUTE);
  gh.inject({ kind: 'status', route: ROUTE, status: 409, times: 3 });
  await expect(create(client())).rejects.toMatchObject({ status: 409 });
  expect(gh.count(ROUTE) - before).toBe(1);
});

test('a secondary rate limit waits for retry-after and then succeeds', async () => {
  const before = gh.log.length;
  gh.inject({ kind: 'secondary-rate-limit', route: ROUTE, retryAfter: 1 });
  const res = await create(client());
  expect(res.status).toBe(201);
  const mine = gh.log.slice(before).filter((l) => l.route === ROUTE);
  expect(mine.map((l) => l.status)).toEqual([403, 201]);
  // A lower bound only: a busy machine makes it longer, never shorter.
  expect(mine[1].at - mine[0].at).toBeGreaterThanOrEqual(900);
  expect(lines.some((l) => l.includes('rate limit') && l.includes('waiting 1 s'))).toBe(true);
});

test('a primary rate limit (remaining 0) waits until the reset', async () => {
  gh.inject({ kind: 'primary-rate-limit', route: ROUTE, resetInSeconds: 0 });
  const res = await create(client({ maxRateLimitWaitMs: 5000 }));
  expect(res.status).toBe(201);
});

test('no retry count leaks from one request to the next on the same client', async () => {
  const c = client({ retryBaseMs: 200, retries: 3 });
  gh.inject({ kind: 'status', route: ROUTE, status: 500, times: 4 });
  await expect(create(c)).rejects.toMatchObject({ status: 500 });
  const before = gh.log.length;
  gh.inject({ kind: 'status', route: ROUTE, status: 500, times: 1 });
  await create(c);
  const mine = gh.log.slice(before).filter((l) => l.route === ROUTE);
  expect(mine.map((l) => l.status)).toEqual([500, 201]);
  // First retry waits 200 ms × 1²; a leaked count makes it 200 ms × 5² = 5 s (seen before the fix).
  expect(mine[1].at - mine[0].at).toBeLessThan(3000);
});

test('a request slower than the timeout is abandoned and retried', async () => {
  const before = gh.count(ROUTE);
  gh.inject({ kind: 'delay', route: ROUTE, ms: 1500 });
  const res = await create(client({ timeoutMs: 300 }));
  expect(res.status).toBe(201);
  expect(gh.count(ROUTE) - before).toBe(2);
});

test('a wrong token is explained as invalid, without the token', async () => {
  const bad = createGitHubClient({ apiUrl: gh.url, token: 'ghs_wrong_secret' }, { logger, throttle: { enabled: false } });
  const err = await create(bad).catch((e: unknown) => e);
  const sentence = explainGitHubError(err, 'set a commit status', 'statuses');
  expect(sentence).toMatch(/401.*invalid or expired/);
  expect(sentence).not.toContain('ghs_wrong_secret');
});

test('403 "Resource not accessible by integration" names the permission', async () => {
  gh.inject({ kind: 'forbidden', route: ROUTE });
  const err = await create(client()).catch((e: unknown) => e);
  expect(explainGitHubError(err, 'set the commit status ci', 'statuses')).toBe(
    'GitHub refused to set the commit status ci (403): the workflow needs `permissions: statuses: write`.'
  );
});

test('404 says not found or not visible, naming the scope', async () => {
  const err = await client()
    .rest.repos.getDeployment({ owner, repo, deployment_id: 999999 })
    .catch((e: unknown) => e);
  expect(explainGitHubError(err, 'read deployment 999999', 'deployments')).toMatch(/404.*not found.*token cannot see it.*deployments: write/);
});

test('5xx after retries says GitHub is unavailable', async () => {
  gh.inject({ kind: 'status', route: ROUTE, status: 503, times: 10 });
  const err = await create(client({ retries: 1 })).catch((e: unknown) => e);
  expect(explainGitHubError(err, 'set a commit status', 'statuses')).toMatch(/^GitHub is unavailable/);
});

test('a 404 is answered at once, never retried', async () => {
  const DEPLOYMENT = 'GET /repos/{owner}/{repo}/deployments/{deployment_id}';
  const before = gh.count(DEPLOYMENT);
  await expect(client({ retries: 3 }).rest.repos.getDeployment({ owner, repo, deployment_id: 424242 })).rejects.toMatchObject({ status: 404 });
  expect(gh.count(DEPLOYMENT) - before).toBe(1);
});

test('a rate limit that asks for longer than maxRateLimitWaitMs fails at once instead of waiting', async () => {
  const before = gh.count(ROUTE);
  gh.inject({ kind: 'secondary-rate-limit', route: ROUTE, retryAfter: 120 });
  const started = Date.now();
  const err = await create(client({ maxRateLimitWaitMs: 1000 })).catch((e: unknown) => e);
  expect(err).toMatchObject({ status: 403 });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(gh.count(ROUTE) - before).toBe(1);
  expect(explainGitHubError(err, 'set a commit status', 'statuses')).toMatch(
    /^GitHub refused to set a commit status \(403\): the API rate limit was exceeded and did not clear in time/
  );
});

test('rate-limit retries stop after rateLimitRetries', async () => {
  const before = gh.count(ROUTE);
  const warned = lines.length;
  gh.inject({ kind: 'secondary-rate-limit', route: ROUTE, retryAfter: 0, times: 10 });
  await expect(create(client({ rateLimitRetries: 2 }))).rejects.toMatchObject({ status: 403 });
  expect(gh.count(ROUTE) - before).toBe(3);
  expect(lines.slice(warned).filter((l) => /^warning: GitHub rate limit on POST .*statuses.*: waiting 0 s before retrying\.$/.test(l))).toHaveLength(2);
});

test('429 is a rate limit: not retried by the retry plugin, waited for by the client', async () => {
  const before = gh.count(ROUTE);
  // Without retry-after the wait is 60 s; a 1 s cap makes the client give up after the first answer.
  gh.inject({ kind: 'status', route: ROUTE, status: 429, message: 'Too many requests', times: 5 });
  await expect(create(client({ maxRateLimitWaitMs: 1000, retries: 3 }))).rejects.toMatchObject({ status: 429 });
  expect(gh.count(ROUTE) - before).toBe(1);
});
