import { expect, test } from '@jest/globals';
import { readGitHubContext } from '../../shared/github/context.js';
import { rateLimitWaitMs } from '../../shared/github/client.js';
import { explainGitHubError } from '../../shared/github/errors.js';
import { pickLastGood, clip140 } from '../../shared/ledgers/github.js';
import { clipOutput } from '../../shared/notifiers/check-run.js';
import { commitStatusStateFor } from '../../shared/notifiers/commit-status.js';
import type { DeploymentRecord } from '../../shared/ports/ledger.js';

const env = { GITHUB_API_URL: 'https://api.github.com/', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40), GITHUB_EVENT_NAME: 'push', GITHUB_RUN_ID: '9' };

test('readGitHubContext: null without token, API URL or repository', () => {
  expect(readGitHubContext(env, '')).toBeNull();
  expect(readGitHubContext({ ...env, GITHUB_API_URL: undefined }, 't')).toBeNull();
  expect(readGitHubContext({ ...env, GITHUB_REPOSITORY: 'nope' }, 't')).toBeNull();
});

test('readGitHubContext: push uses GITHUB_SHA; PR event without a readable event file falls back to it', () => {
  const c = readGitHubContext(env, 't')!;
  expect(c).toMatchObject({ apiUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql', owner: 'acme', repo: 'shop', statusSha: 'a'.repeat(40), runUrl: 'https://github.com/acme/shop/actions/runs/9' });
  expect(readGitHubContext({ ...env, GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: '/nonexistent' }, 't')!.statusSha).toBe('a'.repeat(40));
});

test('rateLimitWaitMs: retry-after, secondary fallback 60 s, primary reset', () => {
  expect(rateLimitWaitMs({ status: 403, message: 'secondary rate limit', response: { headers: { 'retry-after': '3' } } })).toBe(3000);
  expect(rateLimitWaitMs({ status: 403, message: 'You have exceeded a secondary rate limit' })).toBe(60_000);
  expect(rateLimitWaitMs({ status: 403, message: 'API rate limit exceeded', response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '110' } } }, 100_000)).toBe(11_000);
});

test('explainGitHubError sentences', () => {
  expect(explainGitHubError({ status: 401, message: 'Bad credentials' }, 'create a deployment', 'deployments')).toMatch(/401.*invalid or expired/);
  expect(explainGitHubError({ status: 403, message: 'Resource not accessible by integration' }, 'create a deployment', 'deployments')).toBe('GitHub refused to create a deployment (403): the workflow needs `permissions: deployments: write`.');
  expect(explainGitHubError({ status: 403, message: 'You have exceeded a secondary rate limit' }, 'x', 'checks')).toMatch(/rate limit/);
  expect(explainGitHubError({ status: 502, message: '::error::bad' }, 'x', 'checks')).not.toContain('::error::');
});

const rec = (id: string, version: string, state: DeploymentRecord['state']): DeploymentRecord => ({ id, environment: 'p', release: { version }, state, kind: 'rollout', createdAt: id, updatedAt: id });

test('pickLastGood', () => {
  expect(pickLastGood([rec('3', 'v3', 'failure'), rec('2', 'v2', 'success'), rec('1', 'v1', 'inactive')])?.id).toBe('2');
  expect(pickLastGood([rec('3', 'v3', 'failure'), rec('2', 'v2', 'success'), rec('1', 'v1', 'inactive')], 'v2')?.id).toBe('1');
  expect(pickLastGood([rec('2', 'v2', 'in_progress'), rec('1', 'v1', 'inactive')])).toBeNull();
});

test('clipping keeps GitHub limits and surrogate pairs', () => {
  expect(clip140('é'.repeat(200))).toHaveLength(140);
  const clipped = clipOutput('😀'.repeat(40_000));
  expect(clipped.length).toBeLessThanOrEqual(65_535);
  expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(clipped)).toBe(false);
});

test('commit status state per result', () => {
  expect(['promoted', 'rolled-back', 'failed', 'paused'].map((r) => commitStatusStateFor(r as never))).toEqual(['success', 'failure', 'error', 'pending']);
});
