import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { quantileSorted } from '../util/stats.js';
import { sleep } from '../util/sleep.js';
import { BODY_READ_CAP, readCapped } from '../util/http-body.js';
import { headerSecrets, redactor } from '../inputs/secrets.js';
import { parseBodyExpectation, type BodyExpectation } from './body-match.js';
import { formatStatusRanges, statusAllowed, type StatusRange } from './status-range.js';

export interface SmokeTestOptions {
  urls: string[];
  expectStatus: StatusRange[];
  /** Substring, or `/regex/flags` (see body-match.ts). */
  expectBody?: string;
  /** A request slower than this (headers and the capped body read) fails. */
  maxLatencyMs?: number;
  /** Requests per URL. */
  requests: number;
  /** In-flight requests across all URLs. */
  concurrency: number;
  /** Per attempt, covering the response headers and the body read. */
  timeoutMs: number;
  /** Extra attempts per request after a connection error, a timeout, or an unexpected status, body or latency. */
  retries: number;
  retryDelayMs: number;
  /** Sent with every request; values never appear in logs or results. */
  headers: Record<string, string>;
  logger: Logger;
  /** Stops the run early (remaining requests are not sent and count as failed). */
  signal?: AbortSignal;
  /** Bytes of a body read for matching (default 64 KiB). */
  maxBodyBytes?: number;
}

export interface SmokeFailure {
  /** HTTP status; 0 when no response arrived. */
  status: number;
  reason: string;
  /** Start of the response body, escaped for logs (untrusted text; header values and each secret part of them redacted). */
  bodyStart: string;
}

export interface SmokeUrlResult {
  url: string;
  requests: number;
  passed: number;
  failed: number;
  /** Attempts made, retries included. */
  attempts: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Final outcome of each request: status code, or `error` / `timeout`. */
  statuses: Record<string, number>;
  firstFailure?: SmokeFailure;
}

export interface SmokeTestResult {
  passed: boolean;
  /** Requests that failed after their retries. */
  failures: number;
  results: SmokeUrlResult[];
  durationMs: number;
}

const DEFAULT_MAX_BODY = BODY_READ_CAP;
const BODY_START_CHARS = 200;

/** What one URL's requests add up to while the run goes on. */
interface UrlTally {
  latencies: number[];
  passed: number;
  failed: number;
  attempts: number;
  statuses: Record<string, number>;
  firstFailure?: SmokeFailure;
}

interface Attempt {
  ok: boolean;
  /** A retry may help (everything but a cancellation). */
  retryable: boolean;
  status: number;
  statusKey: string;
  latencyMs: number;
  reason: string;
  body: string;
}

/** Probes every URL `requests` times, `concurrency` at a time, and says which expectations failed. */
export async function runSmokeTest(options: SmokeTestOptions): Promise<SmokeTestResult> {
  const started = Date.now();
  validate(options);
  const body = options.expectBody ? parseBodyExpectation(options.expectBody) : undefined;
  const targets = options.urls.map(splitUserinfo);
  // Every header value and every secret part of it (the token after Bearer, ...), and URL credentials.
  const mask = redactor([...headerSecrets(options.headers), ...targets.flatMap((t) => t.secrets)]);
  const per = options.urls.map((): UrlTally => ({ latencies: [], passed: 0, failed: 0, attempts: 0, statuses: {} }));

  // Interleave URLs so that one slow URL does not hold the others back.
  const jobs: number[] = [];
  for (let n = 0; n < options.requests; n++) for (let u = 0; u < options.urls.length; u++) jobs.push(u);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const u = jobs[next++];
      const final = await requestWithRetries(targets[u], options, body, mask, () => per[u].attempts++);
      const acc = per[u];
      acc.latencies.push(final.latencyMs);
      acc.statuses[final.statusKey] = (acc.statuses[final.statusKey] ?? 0) + 1;
      if (final.ok) {
        acc.passed++;
      } else {
        acc.failed++;
        if (!acc.firstFailure) {
          acc.firstFailure = { status: final.status, reason: mask(final.reason), bodyStart: escapeLogText(mask(final.body), BODY_START_CHARS) };
          options.logger.warning(`Smoke test: ${escapeLogText(targets[u].display)} failed: ${escapeLogText(mask(final.reason))}.`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, worker));

  const results: SmokeUrlResult[] = targets.map(({ display: url }, i) => {
    const acc = per[i];
    const sorted = [...acc.latencies].sort((a, b) => a - b);
    const r: SmokeUrlResult = {
      url,
      requests: acc.latencies.length,
      passed: acc.passed,
      failed: acc.failed,
      attempts: acc.attempts,
      p50Ms: quantileSorted(sorted, 0.5) ?? 0,
      p95Ms: quantileSorted(sorted, 0.95) ?? 0,
      maxMs: sorted.at(-1) ?? 0,
      statuses: acc.statuses
    };
    if (acc.firstFailure) r.firstFailure = acc.firstFailure;
    options.logger.info(`Smoke test: ${escapeLogText(url)}: ${r.passed}/${r.requests} passed, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms.`);
    return r;
  });
  const failures = results.reduce((n, r) => n + r.failed, 0);
  return { passed: failures === 0, failures, results, durationMs: Date.now() - started };
}

function validate(o: SmokeTestOptions): void {
  if (o.urls.length === 0) throw new Error('The smoke test needs at least one URL.');
  for (const u of o.urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new Error(`The smoke-test URL ${JSON.stringify(escapeLogText(u, 200))} is not a valid URL.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`The smoke-test URL ${JSON.stringify(escapeLogText(u, 200))} must use http or https.`);
  }
  if (o.expectStatus.length === 0) throw new Error('The smoke test needs at least one expected status range.');
  const positive = (name: string, v: number, min: number) => {
    if (!Number.isFinite(v) || v < min) throw new Error(`The smoke-test option ${name} must be a number of at least ${min} (got ${v}).`);
  };
  positive('requests', o.requests, 1);
  positive('concurrency', o.concurrency, 1);
  positive('timeoutMs', o.timeoutMs, 1);
  positive('retries', o.retries, 0);
  positive('retryDelayMs', o.retryDelayMs, 0);
}

interface Target {
  /** What is fetched: the URL without userinfo. */
  fetchUrl: string;
  /** What logs, results and the summary show: the same, never credentials. */
  display: string;
  headers: Record<string, string>;
  secrets: string[];
}

/**
 * fetch refuses URLs with credentials, and they must not reach a report: `user:pass@` becomes a
 * Basic Authorization header (unless one is given) and is stripped from the URL.
 */
function splitUserinfo(raw: string): Target {
  const url = new URL(raw);
  if (!url.username && !url.password) return { fetchUrl: raw, display: raw, headers: {}, secrets: [] };
  const encoded = [url.username, url.password];
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const basic = Buffer.from(`${user}:${pass}`).toString('base64');
  return {
    fetchUrl: url.toString(),
    display: url.toString(),
    headers: { authorization: `Basic ${basic}` },
    // Short fragments would mask ordinary text; a user name of 1-2 characters is not a secret.
    secrets: [user, pass, basic, ...encoded].filter((v) => v.length >= 3)
  };
}

async function requestWithRetries(
  target: Target,
  o: SmokeTestOptions,
  body: BodyExpectation | undefined,
  mask: (s: string) => string,
  counted: () => void
): Promise<Attempt> {
  let last: Attempt | undefined;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (o.signal?.aborted) break;
    if (attempt > 0 && o.retryDelayMs > 0) await sleep(o.retryDelayMs, o.signal);
    if (o.signal?.aborted) break;
    counted();
    last = await attemptOnce(target, o, body, mask);
    if (last.ok || !last.retryable) return last;
    if (attempt < o.retries)
      o.logger.debug(`Smoke test: ${escapeLogText(target.display)} attempt ${attempt + 1} failed (${escapeLogText(mask(last.reason))}); retrying.`);
  }
  return last ?? { ok: false, retryable: false, status: 0, statusKey: 'cancelled', latencyMs: 0, reason: 'the smoke test was cancelled', body: '' };
}

async function attemptOnce(target: Target, o: SmokeTestOptions, body: BodyExpectation | undefined, mask: (s: string) => string): Promise<Attempt> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), o.timeoutMs);
  const onOuterAbort = () => ac.abort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    let res: Response;
    let text: string;
    try {
      // manual: a 3xx is what the service answered, and expect-status decides whether it is fine.
      res = await fetch(target.fetchUrl, { headers: withDefaults(target.headers, o.headers), redirect: 'manual', signal: ac.signal });
      text = await readCapped(res, o.maxBodyBytes ?? DEFAULT_MAX_BODY);
    } catch (err) {
      const latencyMs = elapsed();
      if (ac.signal.aborted && !o.signal?.aborted) {
        return { ok: false, retryable: true, status: 0, statusKey: 'timeout', latencyMs, reason: `no complete response within ${o.timeoutMs} ms`, body: '' };
      }
      return {
        ok: false,
        retryable: !o.signal?.aborted,
        status: 0,
        statusKey: 'error',
        latencyMs,
        reason: `connection failed: ${mask(describeError(err))}`,
        body: ''
      };
    }
    const latencyMs = elapsed();
    const status = res.status;
    const base = { status, statusKey: String(status), latencyMs, body: text };
    if (!statusAllowed(status, o.expectStatus)) {
      return { ...base, ok: false, retryable: true, reason: `status ${status}, expected ${formatStatusRanges(o.expectStatus)}` };
    }
    if (body && !body.test(text)) {
      return { ...base, ok: false, retryable: true, reason: `the body did not ${body.describe.replace(/^to /, '')}` };
    }
    if (o.maxLatencyMs !== undefined && latencyMs > o.maxLatencyMs) {
      return { ...base, ok: false, retryable: true, reason: `took ${latencyMs} ms, more than max-latency ${o.maxLatencyMs} ms` };
    }
    return { ...base, ok: true, retryable: false, reason: '' };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Given headers win over the ones derived from the URL, whatever their case. */
function withDefaults(derived: Record<string, string>, given: Record<string, string>): Record<string, string> {
  const givenNames = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(derived)) if (!givenNames.has(k)) out[k] = v;
  return { ...out, ...given };
}

function describeError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : String(e?.message ?? err);
}
