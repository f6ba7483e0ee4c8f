import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NginxAccessLogSource, addressesOf, normalise, type NginxAccessLogOptions } from '../../../shared/signals/nginx-access-log.js';
import type { Logger } from '../../../shared/util/log.js';

const STABLE = '127.0.0.1:5001';
const CANARY = '127.0.0.1:5002';
const T0 = 1_760_000_000_000;

let dir: string;
let log: string;
let messages: { level: string; text: string }[];
const logger: Logger = {
  info: (text) => messages.push({ level: 'info', text }),
  warning: (text) => messages.push({ level: 'warning', text }),
  debug: (text) => messages.push({ level: 'debug', text })
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-nginx-log-'));
  log = path.join(dir, 'access.log');
  messages = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A line as nginx's shipgate_json format writes it (every value a string). */
function line(fields: { at?: number } & Record<string, string | number | undefined>): string {
  const { at = T0, ...rest } = fields;
  return (
    JSON.stringify({
      time_iso8601: new Date(at).toISOString(),
      msec: (at / 1000).toFixed(3),
      status: '200',
      upstream_addr: CANARY,
      upstream_status: '200',
      request_time: '0.012',
      upstream_response_time: '0.011',
      ...rest
    }) + '\n'
  );
}

async function started(options: Partial<NginxAccessLogOptions> = {}): Promise<NginxAccessLogSource> {
  const source = new NginxAccessLogSource({ path: log, stableServer: STABLE, canaryServer: CANARY, logger, ...options });
  await source.start({ weight: 10, startedAt: T0 });
  return source;
}

test('covers one side at the ends, both between; probes are not seen', () => {
  const source = new NginxAccessLogSource({ path: log, stableServer: STABLE, canaryServer: CANARY });
  expect(source.covers(0)).toEqual(['stable']);
  expect(source.covers(10)).toEqual(['canary', 'stable']);
  expect(source.covers(100)).toEqual(['canary']);
  expect(source.seesProbes).toBe(false);
});

test('attributes lines by upstream_addr and reads status, latency and time', async () => {
  writeFileSync(log, line({ upstream_addr: STABLE }) + line({ upstream_addr: CANARY }));
  const source = await started();
  // Written before start: not this step's.
  appendFileSync(
    log,
    line({ upstream_addr: STABLE, at: T0 + 1 }) +
      line({ upstream_addr: CANARY, status: '500', upstream_status: '500', request_time: '0.250', at: T0 + 2 }) +
      line({ upstream_addr: CANARY, at: T0 + 3, extra_field: 'kept', request_id: 'abc' })
  );
  const samples = await source.read();
  expect(samples).toEqual([
    { side: 'stable', ok: true, status: 200, latencyMs: 12, at: T0 + 1, source: 'nginx' },
    { side: 'canary', ok: false, status: 500, latencyMs: 250, at: T0 + 2, source: 'nginx', detail: 'HTTP 500 via nginx' },
    { side: 'canary', ok: true, status: 200, latencyMs: 12, at: T0 + 3, source: 'nginx' }
  ]);
  expect(await source.read()).toEqual([]);
});

test('ignores lines of other servers and lines that reached no server', async () => {
  const source = await started();
  appendFileSync(
    log,
    line({ upstream_addr: '127.0.0.1:9999' }) + line({ upstream_addr: '-', upstream_status: '-', status: '404' }) + line({ upstream_addr: 'shipgate' })
  );
  expect(await source.read()).toEqual([]);
  expect(source.unparsableLines()).toBe(0);
});

test('after retries the last server answered: the sample is its own, with its status', async () => {
  const source = await started();
  appendFileSync(
    log,
    line({ upstream_addr: `${STABLE}, ${CANARY}`, upstream_status: '502, 200', upstream_response_time: '0.001, 0.020' }) +
      line({ upstream_addr: `${CANARY}, ${STABLE}`, upstream_status: '200, 503', status: '503' }) +
      line({ upstream_addr: `${STABLE} : ${CANARY}`, upstream_status: '200 : 500', status: '500' })
  );
  const samples = await source.read();
  expect(samples.map((s) => [s.side, s.ok, s.status])).toEqual([
    ['canary', true, 200],
    ['stable', false, 503],
    ['canary', false, 500]
  ]);
});

test('the upstream status decides when nginx answered otherwise; latency falls back to upstream_response_time', async () => {
  const source = await started();
  const noRequestTime = line({ upstream_status: '200', status: '200' }).replace('"request_time":"0.012",', '');
  appendFileSync(log, line({ upstream_status: '504', status: '504' }) + noRequestTime);
  const samples = await source.read();
  expect(samples.map((s) => [s.ok, s.status, s.latencyMs])).toEqual([
    [false, 504, 12],
    [true, 200, 11]
  ]);
});

test('skips and counts unparsable lines, and warns once', async () => {
  const source = await started();
  appendFileSync(log, '127.0.0.1 - - [x] "GET / HTTP/1.1" 200\n' + '[1,2]\n' + '{"status":"abc"}\n' + line({}));
  expect(await source.read()).toHaveLength(1);
  appendFileSync(log, 'not json either\n' + line({}));
  expect(await source.read()).toHaveLength(1);
  expect(source.unparsableLines()).toBe(4);
  const warnings = messages.filter((m) => m.level === 'warning');
  expect(warnings).toHaveLength(1);
  expect(warnings[0].text).toMatch(/3 line\(s\) are not JSON objects with a status/);
});

test('an unfinished last line waits for the next read', async () => {
  const source = await started();
  const whole = line({ at: T0 + 5 });
  appendFileSync(log, line({ at: T0 + 4 }) + whole.slice(0, 30));
  expect((await source.read()).map((s) => s.at)).toEqual([T0 + 4]);
  expect(await source.read()).toEqual([]);
  appendFileSync(log, whole.slice(30));
  expect((await source.read()).map((s) => s.at)).toEqual([T0 + 5]);
  expect(source.unparsableLines()).toBe(0);
});

test('a truncated log is read again from its start', async () => {
  writeFileSync(log, line({}).repeat(5));
  const source = await started();
  appendFileSync(log, line({ at: T0 + 1 }));
  expect(await source.read()).toHaveLength(1);
  truncateSync(log, 0);
  appendFileSync(log, line({ at: T0 + 2 }));
  expect((await source.read()).map((s) => s.at)).toEqual([T0 + 2]);
});

test('a rotated log (a new file under the name) is read from its start', async () => {
  writeFileSync(log, line({}).repeat(3));
  const source = await started();
  renameSync(log, `${log}.1`);
  // Longer than the old offset: only the inode tells it is another file.
  writeFileSync(log, line({ at: T0 + 7 }).repeat(4));
  expect((await source.read()).map((s) => s.at)).toEqual([T0 + 7, T0 + 7, T0 + 7, T0 + 7]);
});

test('a missing log gives no samples, warns once, and is read once it appears', async () => {
  const source = await started();
  expect(await source.read()).toEqual([]);
  expect(await source.read()).toEqual([]);
  expect(messages.filter((m) => m.level === 'warning')).toHaveLength(1);
  writeFileSync(log, line({}));
  expect(await source.read()).toHaveLength(1);
});

describe('transport errors at a reload instant', () => {
  const reloads = [T0 + 1000];
  test('an upstream-less 502/504/499 within 1 s after a reload is not a sample, and is counted', async () => {
    const source = await started({ reloads: () => reloads });
    appendFileSync(
      log,
      line({ status: '502', upstream_status: '-', at: T0 + 1100 }) +
        line({ status: '499', upstream_status: '', at: T0 + 1500 }) +
        line({ status: '504', upstream_status: '-', upstream_addr: '-', at: T0 + 1900 })
    );
    expect(await source.read()).toEqual([]);
    expect(source.reloadErrors()).toBe(3);
    expect(messages.some((m) => m.level === 'debug' && /3 request\(s\) failed at a reload instant/.test(m.text))).toBe(true);
  });

  test('the same error outside the window, or with an upstream status, is the canary’s', async () => {
    const source = await started({ reloads: () => reloads });
    appendFileSync(
      log,
      line({ status: '502', upstream_status: '-', at: T0 + 2500 }) +
        line({ status: '502', upstream_status: '-', at: T0 + 900 }) +
        line({ status: '502', upstream_status: '502', at: T0 + 1100 })
    );
    const samples = await source.read();
    expect(samples.map((s) => [s.side, s.ok, s.status])).toEqual([
      ['canary', false, 502],
      ['canary', false, 502],
      ['canary', false, 502]
    ]);
    expect(source.reloadErrors()).toBe(0);
  });
});

describe('addresses', () => {
  test('localhost matches 127.0.0.1 and [::1]', async () => {
    const source = new NginxAccessLogSource({ path: log, stableServer: 'localhost:5001', canaryServer: 'LOCALHOST:5002', logger });
    await source.start({ weight: 50, startedAt: T0 });
    appendFileSync(
      log,
      line({ upstream_addr: '127.0.0.1:5001' }) +
        line({ upstream_addr: '[::1]:5001' }) +
        line({ upstream_addr: '127.0.0.1:5002' }) +
        line({ upstream_addr: '[::1]:5002' })
    );
    expect((await source.read()).map((s) => s.side)).toEqual(['stable', 'stable', 'canary', 'canary']);
  });

  test('IPv6 forms compare canonically', async () => {
    expect(normalise('[0:0:0:0:0:0:0:1]:80')).toBe('[::1]:80');
    expect(await addressesOf('[::1]:80')).toEqual(['[::1]:80']);
    expect(await addressesOf('localhost:80')).toEqual(expect.arrayContaining(['localhost:80', '127.0.0.1:80', '[::1]:80']));
  });

  test('two servers on one address cannot be told apart: warned, skipped', async () => {
    const source = new NginxAccessLogSource({ path: log, stableServer: 'localhost:5001', canaryServer: '127.0.0.1:5001', logger });
    await source.start({ weight: 50, startedAt: T0 });
    appendFileSync(log, line({ upstream_addr: '127.0.0.1:5001' }));
    expect(await source.read()).toEqual([]);
    expect(messages.some((m) => m.level === 'warning' && /both resolve to 127\.0\.0\.1:5001/.test(m.text))).toBe(true);
  });
});

test('reads at most maxBytesPerRead a call and goes on next time', async () => {
  const source = await started({ maxBytesPerRead: 1000 });
  const one = line({});
  appendFileSync(log, one.repeat(30));
  let total = 0;
  let calls = 0;
  for (;;) {
    const got = (await source.read()).length;
    calls++;
    total += got;
    if (total === 30 || calls > 100) break;
  }
  expect(total).toBe(30);
  expect(calls).toBeGreaterThanOrEqual(Math.ceil((one.length * 30) / 1000));
  expect(source.unparsableLines()).toBe(0);
});

test('thins a side past maxSamplesPerRead at random, keeping its error rate', async () => {
  const source = await started({ maxSamplesPerRead: 100 });
  let text = '';
  for (let i = 0; i < 1000; i++) text += line({ status: i % 10 === 0 ? '500' : '200', upstream_status: i % 10 === 0 ? '500' : '200', at: T0 + i });
  text += line({ upstream_addr: STABLE });
  appendFileSync(log, text);
  const samples = await source.read();
  const canary = samples.filter((s) => s.side === 'canary');
  expect(canary).toHaveLength(100);
  // 10 % of 1,000 were errors; a draw of 100 keeps about 10 (hypergeometric sd ≈ 2.8).
  const errors = canary.filter((s) => !s.ok).length;
  expect(errors).toBeGreaterThanOrEqual(2);
  expect(errors).toBeLessThanOrEqual(22);
  expect(canary.map((s) => s.at)).toEqual([...canary.map((s) => s.at)].sort((a, b) => a - b));
  expect(samples.filter((s) => s.side === 'stable')).toHaveLength(1);
});
