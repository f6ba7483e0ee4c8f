import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';

let gh: GitHubStandin;
const ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
const getRun = async (id: number): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}/actions/runs/${id}`, {
    headers: { authorization: `token ${gh.token}`, accept: 'application/vnd.github+json' }
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  gh = await startGitHubStandin();
});
afterAll(async () => {
  await gh.close();
});

test('GET a workflow run: completed, in progress, unknown', async () => {
  gh.state.setRun(42, 'completed', 'failure');
  gh.state.setRun(43, 'in_progress');

  const done = await getRun(42);
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({
    id: 42,
    run_attempt: 1,
    status: 'completed',
    conclusion: 'failure',
    html_url: `https://github.com/${gh.owner}/${gh.repo}/actions/runs/42`
  });
  expect(typeof done.body.created_at).toBe('string');
  expect(typeof done.body.updated_at).toBe('string');
  expect(typeof done.body.name).toBe('string');
  expect(done.body.head_sha).toMatch(/^[0-9a-f]{40}$/);

  const running = await getRun(43);
  expect(running.status).toBe(200);
  expect(running.body).toMatchObject({ id: 43, status: 'in_progress', conclusion: null });

  const unknown = await getRun(99);
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });

  gh.inject({ kind: 'status', route: ROUTE, status: 502 });
  expect((await getRun(42)).status).toBe(502);
  expect(gh.count(ROUTE)).toBe(4);
  expect(gh.violations()).toEqual([]);
});
