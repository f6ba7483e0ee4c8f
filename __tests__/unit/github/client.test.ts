import { expect, test } from '@jest/globals';
import { rateLimitWaitMs } from '../../../shared/github/client.js';

test('rateLimitWaitMs: retry-after, secondary fallback 60 s, primary reset', () => {
  expect(rateLimitWaitMs({ status: 403, message: 'secondary rate limit', response: { headers: { 'retry-after': '3' } } })).toBe(3000);
  expect(rateLimitWaitMs({ status: 403, message: 'You have exceeded a secondary rate limit' })).toBe(60_000);
  expect(
    rateLimitWaitMs(
      { status: 403, message: 'API rate limit exceeded', response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '110' } } },
      100_000
    )
  ).toBe(11_000);
});
