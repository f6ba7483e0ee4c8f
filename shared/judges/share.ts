import { count } from './format.js';

/**
 * How unlikely a shortfall must be before it fails the step: the Chernoff bound on the binomial
 * lower tail must fall below this. With looks every second for an hour that is still far below α
 * for a router that does send the canary its share.
 */
const SHORTFALL_BOUND = 1e-6;

/** Kullback–Leibler divergence of Bernoulli(q) from Bernoulli(p). */
function kl(q: number, p: number): number {
  const term = (a: number, b: number) => (a === 0 ? 0 : a * Math.log(a / b));
  return term(q, p) + term(1 - q, 1 - p);
}

/**
 * Checks that a router which sees real traffic sends the canary its share: `canary` of `total`
 * router-counted requests at a step of `weight` %. A canary that gets far fewer than its share
 * (e.g. a `down` server, a health check that failed, a misconfigured upstream) is not being
 * judged on customers at all, so that is itself a failure. Returns the sentence, or null.
 *
 * The test is one-sided and gross on purpose: fewer than half the expected requests AND a
 * Chernoff bound exp(−n·KL(c/n ‖ p)) on P(X ≤ c) below SHORTFALL_BOUND.
 */
export function shareShortfall(canary: number, total: number, weight: number, router: string): string | null {
  if (weight <= 0 || weight >= 100 || total <= 0) return null;
  const p = weight / 100;
  const expected = total * p;
  if (canary >= expected / 2) return null;
  const bound = Math.exp(-total * kl(canary / total, p));
  if (bound >= SHORTFALL_BOUND) return null;
  return `the canary got ${count(canary)} of ${count(total)} requests through ${router} at ${weight} % (about ${count(Math.round(expected))} expected): the router is not sending it its share`;
}
