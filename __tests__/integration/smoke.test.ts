import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';
import { parseBodyExpectation } from '../../shared/smoke/body-match.js';
import { runSmokeTest, type SmokeTestOptions } from '../../shared/smoke/smoke-run.js';
import { renderSmokeSummary } from '../../shared/summary/smoke-summary.js';
import { parseStatusRanges } from '../../shared/smoke/status-range.js';
import type { Logger } from '../../shared/util/log.js';

let fx: HttpFixture;
const SECRET = 'Bearer sup3r-s3cret-token';

beforeAll(async () => {
  fx = await startHttpFixture({
    '/ok': { body: '{"status":"healthy"}' },
    '/health': { body: 'all good' },
    '/teapot': { status: 418, body: '::error::<b>boom</b> | @here' },
    '/redirect': { status: 302, headers: { location: '/ok' }, body: '' },
    '/slow': { delayMs: 400, body: 'slow' },
    '/hang': { delayMs: 10_000, body: 'too late' },
    '/flaky': { failFirst: 2, body: 'recovered' },
    '/flaky-long': { failFirst: 100, body: 'never' },
    '/echo': { echoHeaders: true },
    '/echo-fail': { echoHeaders: true, status: 500 },
    '/barrier': { holdUntilInFlight: 4, holdTimeoutMs: 3000, body: 'ok' },
    '/bounded': { delayMs: 50, body: 'ok' },
    '/big': { body: `${'a'.repeat(70 * 1024)}needle` }
  });
});
afterAll(async () => {
  await fx.close();
});

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warning: (m) => lines.push(m), debug: (m) => lines.push(m) };
}
function opts(over: Partial<SmokeTestOptions>): SmokeTestOptions {
  return {
    urls: [`${fx.url}/ok`],
    expectStatus: [{ min: 200, max: 399 }],
    requests: 3,
    concurrency: 2,
    timeoutMs: 2000,
    retries: 0,
    retryDelayMs: 0,
    headers: {},
    logger: logger(),
    ...over
  };
}

describe('parseStatusRanges', () => {
  test('ranges, lists and classes; null when invalid', () => {
    expect(parseStatusRanges('200-399')).toEqual([{ min: 200, max: 399 }]);
    expect(parseStatusRanges('200,204')).toEqual([
      { min: 200, max: 200 },
      { min: 204, max: 204 }
    ]);
    expect(parseStatusRanges(' 2xx, 301 404 ')).toEqual([
      { min: 200, max: 299 },
      { min: 301, max: 301 },
      { min: 404, max: 404 }
    ]);
    for (const bad of ['', ' , ', '99', '600', '399-200', '200-', 'abc', '2000', '6xx', '200;300']) expect(parseStatusRanges(bad)).toBeNull();
    expect(parseStatusRanges('100-599')).toEqual([{ min: 100, max: 599 }]);
  });
  test('body expectations: substring or /regex/', () => {
    expect(parseBodyExpectation('good').test('all good')).toBe(true);
    expect(parseBodyExpectation('/^all\\s+GOOD$/i').test('all good')).toBe(true);
    expect(parseBodyExpectation('/^x$/').test('all good')).toBe(false);
    expect(() => parseBodyExpectation('/(/')).toThrow(/is not a valid RE2 regular expression/);
  });
});

describe('runSmokeTest over a loopback server', () => {
  test('a passing run over two URLs', async () => {
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/ok`, `${fx.url}/health`], requests: 4, expectBody: '/healthy|good/' }));
    expect(r.passed).toBe(true);
    expect(r.failures).toBe(0);
    expect(r.results.map((x) => [x.url, x.requests, x.passed, x.failed, x.statuses])).toEqual([
      [`${fx.url}/ok`, 4, 4, 0, { '200': 4 }],
      [`${fx.url}/health`, 4, 4, 0, { '200': 4 }]
    ]);
    for (const x of r.results) {
      expect(x.p50Ms).toBeLessThanOrEqual(x.p95Ms);
      expect(x.p95Ms).toBeLessThanOrEqual(x.maxMs);
      expect(x.firstFailure).toBeUndefined();
    }
    expect(renderSmokeSummary(r)).toMatch(/Smoke test passed: 8 of 8 requests/);
  });

  test('a wrong status fails; redirects are not followed; the summary escapes the body', async () => {
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/teapot`, `${fx.url}/redirect`], requests: 2 }));
    expect(r.passed).toBe(false);
    expect(r.failures).toBe(2);
    const [teapot, redirect] = r.results;
    expect(teapot.statuses).toEqual({ '418': 2 });
    expect(teapot.firstFailure).toMatchObject({ status: 418, reason: 'status 418, expected 200-399' });
    expect(teapot.firstFailure!.bodyStart.startsWith('::')).toBe(false);
    expect(redirect).toMatchObject({ passed: 2, statuses: { '302': 2 } });
    const md = renderSmokeSummary(r);
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('::error');
    expect(md).not.toMatch(/@here/);
    const row = md.split('\n').find((l) => l.includes('teapot'))!;
    // The body's pipe must not add a column.
    expect(row.split(/(?<!\\)\|/).length).toBe(11);
    const strict = await runSmokeTest(opts({ urls: [`${fx.url}/redirect`], requests: 1, expectStatus: parseStatusRanges('200')! }));
    expect(strict.results[0].firstFailure?.reason).toBe('status 302, expected 200');
  });

  test('a body mismatch fails after its retries (a deploy may still be settling)', async () => {
    const before = fx.stats('/health').hits;
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/health`], requests: 2, retries: 3, expectBody: 'healthy' }));
    expect(r.failures).toBe(2);
    expect(r.results[0].firstFailure).toMatchObject({ status: 200, reason: 'the body did not contain "healthy"', bodyStart: 'all good' });
    expect(r.results[0].attempts).toBe(8);
    expect(fx.stats('/health').hits - before).toBe(8);
  });

  test('credentials in a URL are sent as Basic auth and stripped from results, summary and logs', async () => {
    const log = logger();
    const raw = fx.url.replace('http://', 'http://deployer:pa55w0rd-xyz@');
    const r = await runSmokeTest(opts({ urls: [`${raw}/echo`, `${raw}/echo-fail`], requests: 1, logger: log }));
    const seen = fx.stats('/echo').headers.at(-1)!;
    expect(seen.authorization).toBe(`Basic ${Buffer.from('deployer:pa55w0rd-xyz').toString('base64')}`);
    expect(r.results.map((x) => x.url)).toEqual([`${fx.url}/echo`, `${fx.url}/echo-fail`]);
    const everything = JSON.stringify(r) + renderSmokeSummary(r) + log.lines.join('\n');
    expect(everything).not.toContain('pa55w0rd-xyz');
    expect(everything).not.toContain(Buffer.from('deployer:pa55w0rd-xyz').toString('base64'));
  });

  test('only the first 64 KiB of a body are read for matching', async () => {
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/big`], requests: 1, expectBody: 'needle' }));
    expect(r.results[0].firstFailure?.reason).toBe('the body did not contain "needle"');
    const wider = await runSmokeTest(opts({ urls: [`${fx.url}/big`], requests: 1, expectBody: 'needle', maxBodyBytes: 128 * 1024 }));
    expect(wider.passed).toBe(true);
  });

  test('a latency bound that is exceeded fails', async () => {
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/slow`], requests: 1, maxLatencyMs: 100 }));
    expect(r.passed).toBe(false);
    expect(r.results[0].maxMs).toBeGreaterThanOrEqual(400);
    expect(r.results[0].firstFailure?.reason).toMatch(/^took \d+ ms, more than max-latency 100 ms$/);
    const ok = await runSmokeTest(opts({ urls: [`${fx.url}/slow`], requests: 1, maxLatencyMs: 5000 }));
    expect(ok.passed).toBe(true);
  });

  test('retries turn a flaky endpoint green; without them it fails', async () => {
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/flaky`], requests: 1, concurrency: 1, retries: 2, retryDelayMs: 10 }));
    expect(r.passed).toBe(true);
    expect(r.results[0]).toMatchObject({ requests: 1, passed: 1, attempts: 3, statuses: { '200': 1 } });
    expect(fx.stats('/flaky').hits).toBe(3);
    const spent = await runSmokeTest(opts({ urls: [`${fx.url}/flaky-long`], requests: 1, retries: 2, retryDelayMs: 10 }));
    expect(spent.results[0]).toMatchObject({ failed: 1, attempts: 3, statuses: { '503': 1 } });
  });

  test('a request that outlives its timeout fails as a timeout (and is retried)', async () => {
    const before = fx.stats('/hang').hits;
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/hang`], requests: 1, timeoutMs: 200, retries: 1 }));
    expect(r.passed).toBe(false);
    expect(r.results[0].statuses).toEqual({ timeout: 1 });
    expect(r.results[0].firstFailure).toMatchObject({ status: 0, reason: 'no complete response within 200 ms' });
    expect(fx.stats('/hang').hits - before).toBe(2);
  });

  test('connection errors fail with a reason', async () => {
    const closed = await startHttpFixture({});
    const url = `${closed.url}/gone`;
    await closed.close();
    const r = await runSmokeTest(opts({ urls: [url], requests: 1 }));
    expect(r.results[0].statuses).toEqual({ error: 1 });
    expect(r.results[0].firstFailure?.reason).toMatch(/^connection failed: /);
  });

  test('requests really run concurrently, and never more than asked', async () => {
    // The server holds requests until 4 are in flight: a serial client would stall for 3 s per request and fail on timeout.
    const r = await runSmokeTest(opts({ urls: [`${fx.url}/barrier`], requests: 8, concurrency: 4, timeoutMs: 2500 }));
    expect(r.passed).toBe(true);
    expect(fx.stats('/barrier').maxInFlight).toBe(4);
    const b = await runSmokeTest(opts({ urls: [`${fx.url}/bounded`], requests: 12, concurrency: 3 }));
    expect(b.passed).toBe(true);
    expect(fx.stats('/bounded').maxInFlight).toBeLessThanOrEqual(3);
    expect(fx.stats('/bounded').hits).toBe(12);
  });

  test('headers are sent but never appear in results, summaries or logs', async () => {
    const log = logger();
    const r = await runSmokeTest(
      opts({
        urls: [`${fx.url}/echo`, `${fx.url}/echo-fail`],
        requests: 2,
        retries: 1,
        headers: { authorization: SECRET, 'x-api-key': 'k3y-v4lue' },
        logger: log
      })
    );
    const seen = fx.stats('/echo').headers.at(-1)!;
    expect(seen.authorization).toBe(SECRET);
    expect(seen['x-api-key']).toBe('k3y-v4lue');
    expect(r.results[1].firstFailure?.bodyStart).toContain('***');
    const everything = JSON.stringify(r) + renderSmokeSummary(r) + log.lines.join('\n');
    expect(everything).not.toContain('sup3r-s3cret-token');
    expect(everything).not.toContain('k3y-v4lue');
  });

  test('bad options fail with one sentence', async () => {
    await expect(runSmokeTest(opts({ urls: ['ftp://127.0.0.1/x'] }))).rejects.toThrow('must use http or https');
    await expect(runSmokeTest(opts({ urls: [] }))).rejects.toThrow('at least one URL');
    await expect(runSmokeTest(opts({ concurrency: 0 }))).rejects.toThrow(/concurrency must be a number of at least 1/);
  });
});
