import { describe, expect, it } from '@jest/globals';
import { normalCdf } from '../../../../bench/sim/traffic.js';

describe('benchmark traffic model', () => {
  it('normalCdf matches the standard normal at known quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 5);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 5);
  });
});
