import { describe, expect, it } from '@jest/globals';
import { RecentLatencies } from '../../../shared/judges/latency-sketch.js';
import { quantileSorted } from '../../../shared/util/stats.js';

describe('RecentLatencies', () => {
  it('reads a quantile to within 1 % of the exact one', () => {
    const sketch = new RecentLatencies(5000);
    const values: number[] = [];
    let x = 0.5;
    for (let i = 0; i < 3000; i++) {
      x = (x * 9301 + 49297) % 233280; // a fixed spread of values
      const ms = 5 * Math.exp((x / 233280) * 6);
      values.push(ms);
      sketch.add(ms);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = quantileSorted(values, q) as number;
      const read = sketch.quantile(q) as number;
      expect(read / exact).toBeGreaterThanOrEqual(1);
      expect(read / exact).toBeLessThanOrEqual(1.0101);
    }
  });

  it('has no quantile without values, and puts 0 ms in the first bin', () => {
    const sketch = new RecentLatencies();
    expect(sketch.quantile(0.95)).toBeNull();
    sketch.add(0);
    expect(sketch.quantile(0.95)).toBeCloseTo(0.0101, 6);
    sketch.add(1e12);
    expect(sketch.quantile(1)).toBeGreaterThan(9e6);
  });

  it('follows the most recent values: two generations after a shift, the old ones are gone', () => {
    const sketch = new RecentLatencies(100);
    for (let i = 0; i < 150; i++) sketch.add(10);
    expect(sketch.quantile(0.5)).toBeLessThan(10.2);
    for (let i = 0; i < 200; i++) sketch.add(100);
    expect(sketch.count).toBeLessThanOrEqual(200);
    expect(sketch.quantile(0.01)).toBeGreaterThanOrEqual(100);
  });
});
