import { expect, test } from '@jest/globals';
import { clipOutput } from '../../../shared/notifiers/check-run.js';

test('clipping keeps GitHub limits and surrogate pairs', () => {
  const clipped = clipOutput('😀'.repeat(40_000));
  expect(clipped.length).toBeLessThanOrEqual(65_535);
  expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(clipped)).toBe(false);
});
