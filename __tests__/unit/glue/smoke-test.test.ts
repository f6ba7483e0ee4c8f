// smokeTestAction through a fake Runtime: a loopback service, and the GitHub stand-in for the
// commit status it publishes when status-context is set.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smokeTestAction } from '../../../shared/glue/smoke-test.js';
import { startGitHubStandin, type GitHubStandin } from '../../helpers/github-standin/index.js';
import { fakeRuntime, removeFakeDirs, type InputMap } from '../../helpers/fake-runtime.js';

let server: http.Server;
let base = '';
let gh: GitHubStandin;
const STATUSES = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const SHA = 'd'.repeat(40);

beforeAll(async () => {
  // /ok answers 200 JSON; /broken answers 503.
  server = http.createServer((req, res) => {
    if (req.url === '/broken') res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gh = await startGitHubStandin();
});
afterEach(() => {
  gh.clearFaults();
  gh.assertNoViolations();
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await gh.close();
  removeFakeDirs();
});

const onGitHub = (inputs: InputMap) =>
  fakeRuntime({
    inputs: { 'github-token': gh.token, ...inputs },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push', GITHUB_RUN_ID: '7' }
  });

/** The commit statuses posted since `from` in the stand-in's log: [state, description]. */
const statusesSince = (from: number) =>
  gh.log
    .slice(from)
    .filter((l) => l.route === STATUSES)
    .map((l) => {
      const b = l.body as { state: string; description: string; context: string; target_url?: string };
      return [b.context, b.state, b.description, b.target_url];
    });

describe('smokeTestAction', () => {
  test('passing URLs: outputs, a report file and a summary; no GitHub needed', async () => {
    const rt = fakeRuntime({ inputs: { url: `${base}/ok\n${base}/ok?second`, requests: 2 } });
    await smokeTestAction(rt);
    expect(rt.outputs).toEqual({ passed: 'true', failures: '0', report: expect.stringMatching(/smoke-production-\d+\.json$/) });
    expect(JSON.parse(readFileSync(rt.outputs.report, 'utf8'))).toMatchObject({ passed: true, failures: 0 });
    expect(rt.summaries).toHaveLength(1);
    expect(rt.warnings).toEqual([]);
  });

  test('a failing URL fails the step with one sentence after writing the report', async () => {
    const rt = fakeRuntime({ inputs: { url: `${base}/broken`, retries: 0, environment: 'staging' } });
    await expect(smokeTestAction(rt)).rejects.toThrow('Smoke test failed: 1 of 1 requests did not meet expectations (see the summary).');
    expect(rt.outputs).toMatchObject({ passed: 'false', failures: '1', report: expect.stringMatching(/smoke-staging-\d+\.json$/) });
    expect(rt.summaries).toHaveLength(1);
  });

  test('status-context: pending, then success on the commit, linking the run', async () => {
    const from = gh.log.length;
    const rt = onGitHub({ url: `${base}/ok`, 'status-context': 'smoke/prod' });
    await smokeTestAction(rt);
    expect(statusesSince(from)).toEqual([
      ['smoke/prod', 'pending', 'Smoke testing 1 URL(s)', 'https://github.com/acme/shop/actions/runs/7'],
      ['smoke/prod', 'success', 'All 1 requests passed', 'https://github.com/acme/shop/actions/runs/7']
    ]);
    expect(gh.log.slice(from).every((l) => l.path.endsWith(SHA) || l.route !== STATUSES)).toBe(true);
    expect(rt.masks).toContain(gh.token);
  });

  test('status-context: failure on the commit when the smoke test fails', async () => {
    const from = gh.log.length;
    const rt = onGitHub({ url: `${base}/broken`, retries: 0, 'status-context': 'smoke/prod' });
    await expect(smokeTestAction(rt)).rejects.toThrow(/^Smoke test failed/);
    expect(statusesSince(from).map(([, state, description]) => [state, description])).toEqual([
      ['pending', 'Smoke testing 1 URL(s)'],
      ['failure', '1 of 1 requests failed']
    ]);
  });

  test('a commit status GitHub refuses is a warning, not a failed smoke test', async () => {
    gh.inject({ kind: 'forbidden', route: STATUSES, times: 2 });
    const rt = onGitHub({ url: `${base}/ok`, 'status-context': 'smoke/prod' });
    await smokeTestAction(rt);
    expect(rt.outputs.passed).toBe('true');
    expect(rt.warnings).toEqual([
      'Could not publish the commit status smoke/prod: GitHub refused to set the commit status smoke/prod (403): the workflow needs `permissions: statuses: write`.',
      'Could not publish the commit status smoke/prod: GitHub refused to set the commit status smoke/prod (403): the workflow needs `permissions: statuses: write`.'
    ]);
  });

  test('status-context without a GitHub API: a warning, and the smoke test still runs', async () => {
    const rt = fakeRuntime({ inputs: { url: `${base}/ok`, 'status-context': 'smoke/prod' } });
    await smokeTestAction(rt);
    expect(rt.outputs.passed).toBe('true');
    expect(rt.warnings).toEqual([
      'status-context is set but no GitHub API is available (github-token, GITHUB_API_URL, GITHUB_REPOSITORY): no commit status is published.'
    ]);
  });

  test('header values are masked before anything runs', async () => {
    const rt = fakeRuntime({ inputs: { url: `${base}/ok`, headers: 'X-Token: abc123' } });
    await smokeTestAction(rt);
    expect(rt.masks).toContain('abc123');
  });
});
