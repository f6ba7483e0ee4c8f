// The stand-in's own contract check (not Shipgate's behaviour): requests that GitHub's OpenAPI
// description does not allow are answered as GitHub would and recorded as violations.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';

let gh: GitHubStandin;
const call = async (method: string, path: string, body?: string): Promise<number> => {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: `token ${gh.token}`,
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body
  });
  await res.arrayBuffer();
  return res.status;
};

beforeAll(async () => {
  gh = await startGitHubStandin();
});
afterAll(async () => {
  await gh.close();
});

test('an unknown endpoint is answered 404 and recorded as a violation', async () => {
  expect(await call('GET', `/repos/${gh.owner}/${gh.repo}/no-such-thing`)).toBe(404);
  expect(gh.violations()).toEqual([
    { method: 'GET', path: `/repos/${gh.owner}/${gh.repo}/no-such-thing`, problems: ['no such operation in the OpenAPI description'] }
  ]);
  expect(() => gh.assertNoViolations()).toThrow(/no-such-thing: no such operation/);
  gh.clearViolations();
  expect(() => gh.assertNoViolations()).not.toThrow();
});

test('a body that is not JSON is answered 400 and recorded', async () => {
  expect(await call('POST', `/repos/${gh.owner}/${gh.repo}/statuses/${'a'.repeat(40)}`, '{not json')).toBe(400);
  expect(gh.violations().map((v) => v.problems)).toEqual([['body is not JSON']]);
  gh.clearViolations();
});

test('a valid request is no violation', async () => {
  expect(await call('POST', `/repos/${gh.owner}/${gh.repo}/statuses/${'a'.repeat(40)}`, JSON.stringify({ state: 'success', context: 'ci' }))).toBe(201);
  expect(gh.violations()).toEqual([]);
});
