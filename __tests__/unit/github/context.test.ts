import { expect, test } from '@jest/globals';
import { readGitHubContext } from '../../../shared/github/context.js';

const env = {
  GITHUB_API_URL: 'https://api.github.com/',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '9'
};

test('readGitHubContext: null without token, API URL or repository', () => {
  expect(readGitHubContext(env, '')).toBeNull();
  expect(readGitHubContext({ ...env, GITHUB_API_URL: undefined }, 't')).toBeNull();
  expect(readGitHubContext({ ...env, GITHUB_REPOSITORY: 'nope' }, 't')).toBeNull();
});

test('readGitHubContext: push uses GITHUB_SHA; PR event without a readable event file falls back to it', () => {
  const c = readGitHubContext(env, 't')!;
  expect(c).toMatchObject({
    apiUrl: 'https://api.github.com',
    graphqlUrl: 'https://api.github.com/graphql',
    owner: 'acme',
    repo: 'shop',
    statusSha: 'a'.repeat(40),
    runUrl: 'https://github.com/acme/shop/actions/runs/9'
  });
  expect(readGitHubContext({ ...env, GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: '/nonexistent' }, 't')!.statusSha).toBe('a'.repeat(40));
});
