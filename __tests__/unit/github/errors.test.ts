import { expect, test } from '@jest/globals';
import { explainGitHubError } from '../../../shared/github/errors.js';

test('explainGitHubError sentences', () => {
  expect(explainGitHubError({ status: 401, message: 'Bad credentials' }, 'create a deployment', 'deployments')).toMatch(/401.*invalid or expired/);
  expect(explainGitHubError({ status: 403, message: 'Resource not accessible by integration' }, 'create a deployment', 'deployments')).toBe(
    'GitHub refused to create a deployment (403): the workflow needs `permissions: deployments: write`.'
  );
  expect(explainGitHubError({ status: 403, message: 'You have exceeded a secondary rate limit' }, 'x', 'checks')).toMatch(/rate limit/);
  expect(explainGitHubError({ status: 502, message: '::error::bad' }, 'x', 'checks')).not.toContain('::error::');
});
