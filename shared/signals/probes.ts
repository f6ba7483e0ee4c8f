import type { TrafficGenerator } from '../ports/signal-source.js';
import type { Sample, Side } from '../model/sample.js';
import type { Logger } from '../util/log.js';
import { discardBody, readCapped } from '../util/http-body.js';
import { escapeLogText } from '../util/escape.js';
import { headerSecrets, redactor } from '../inputs/secrets.js';

export interface ProbeOptions {
  canaryUrl?: string;
  stableUrl?: string;
  /** Requests per second sent to EACH url. */
  rate: number;
  timeoutMs: number;
  /** Sent with every probe; values are secrets and never logged. */
  headers?: Record<string, string>;
  /** Other secrets a probed service might echo (a token, a webhook URL): redacted from details like header secrets. */
  secrets?: readonly string[];
  /** When false the probes only make traffic; another source (Prometheus, the local proxy) counts it. */
  counts: boolean;
  logger?: Logger;
  /** In-flight requests allowed per url; by default enough for `rate` at the timeout, at most 64. */
  maxInFlight?: number;
}

/** A failing response's body is untrusted and only a hint: keep its start. */
const DETAIL_CHARS = 200;
/** Bytes read of an error body for its detail (UTF-8: enough for DETAIL_CHARS characters). */
const DETAIL_BYTES = 4 * DETAIL_CHARS;
/** stop() waits this long past the timeout for in-flight probes, then lets them go. */
const STOP_GRACE_MS = 1000;

interface Lane {
  side: Side;
  url: string;
  inFlight: number;
  timer: NodeJS.Timeout | null;
  skipped: number;
}

/**
 * Active probes: GET requests at a steady rate to the canary and the stable URL. A probe is ok
 * when a response with status < 500 arrives in time; connection errors and timeouts are failures.
 */
export class ProbeTraffic implements TrafficGenerator {
  readonly name = 'probes';
  readonly counts: boolean;
  private readonly lanes: Lane[] = [];
  private readonly pending = new Set<Promise<void>>();
  private samples: Sample[] = [];
  private running = false;
  private readonly intervalMs: number;
  private readonly cap: number;
  /** A probed service may echo the credentials it was sent: details never carry a header secret. */
  private readonly redact: (text: string) => string;

  /** Probes reach each version at its own URL whatever the weight; they report only when they count. */
  covers(): readonly Side[] {
    if (!this.counts) return [];
    return [...(this.options.canaryUrl ? (['canary'] as const) : []), ...(this.options.stableUrl ? (['stable'] as const) : [])];
  }

  constructor(private readonly options: ProbeOptions) {
    if (!(options.rate > 0) || !Number.isFinite(options.rate))
      throw new Error(`probe rate must be a positive number of requests per second, got ${options.rate}`);
    this.counts = options.counts;
    this.redact = redactor([...headerSecrets(options.headers ?? {}), ...(options.secrets ?? [])]);
    this.intervalMs = 1000 / options.rate;
    this.cap = options.maxInFlight ?? Math.min(64, Math.max(2, Math.ceil((options.rate * options.timeoutMs) / 1000)));
    if (options.canaryUrl) this.lanes.push({ side: 'canary', url: options.canaryUrl, inFlight: 0, timer: null, skipped: 0 });
    if (options.stableUrl) this.lanes.push({ side: 'stable', url: options.stableUrl, inFlight: 0, timer: null, skipped: 0 });
  }

  start(_step?: { weight: number; startedAt: number }): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    const t0 = performance.now();
    // Lanes are offset by a fraction of the interval so canary and stable probes interleave.
    this.lanes.forEach((lane, i) => this.schedule(lane, t0 + (i * this.intervalMs) / this.lanes.length, 0));
    return Promise.resolve();
  }

  read(): Promise<Sample[]> {
    const out = this.samples;
    this.samples = [];
    return Promise.resolve(this.counts ? out : []);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const lane of this.lanes) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
      if (lane.skipped > 0)
        this.options.logger?.warning(
          `Probes to the ${lane.side} skipped ${lane.skipped} requests: ${this.cap} were already in flight (the service answers slower than the probe rate).`
        );
      lane.skipped = 0;
    }
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.timeoutMs + STOP_GRACE_MS);
    });
    await Promise.race([Promise.allSettled([...this.pending]), bound]);
    clearTimeout(timer);
  }

  /** Fires probe k at t0 + k·interval; scheduling against the start keeps the rate from drifting. */
  private schedule(lane: Lane, t0: number, k: number): void {
    if (!this.running) return;
    const delay = Math.max(0, t0 + k * this.intervalMs - performance.now());
    lane.timer = setTimeout(() => {
      if (!this.running) return;
      // After a stall (a blocked event loop), skip the missed slots instead of bursting.
      const due = Math.max(k + 1, Math.floor((performance.now() - t0) / this.intervalMs) + 1);
      this.fire(lane);
      this.schedule(lane, t0, due);
    }, delay);
  }

  private fire(lane: Lane): void {
    if (lane.inFlight >= this.cap) {
      lane.skipped++;
      return;
    }
    lane.inFlight++;
    const p = this.probe(lane).finally(() => {
      lane.inFlight--;
      this.pending.delete(p);
    });
    this.pending.add(p);
  }

  private async probe(lane: Lane): Promise<void> {
    const started = performance.now();
    let sample: Sample;
    try {
      const res = await fetch(lane.url, { headers: this.options.headers, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
      const ok = res.status < 500;
      let detail: string | undefined;
      // Only the start of an error body is kept: a probed service may answer with any size.
      if (ok) await discardBody(res);
      else detail = this.redact(await readCapped(res, DETAIL_BYTES)).slice(0, DETAIL_CHARS);
      sample = {
        side: lane.side,
        ok,
        status: res.status,
        latencyMs: performance.now() - started,
        at: Date.now(),
        source: 'probe',
        ...(detail !== undefined ? { detail } : {})
      };
    } catch (err) {
      const detail = this.redact(describe(err, this.options.timeoutMs)).slice(0, DETAIL_CHARS);
      this.options.logger?.debug(`probe to the ${lane.side} failed: ${escapeLogText(detail)}`);
      sample = { side: lane.side, ok: false, status: 0, latencyMs: performance.now() - started, at: Date.now(), source: 'probe', detail };
    }
    // Probes that end during stop() still count (stop() waits for them); without `counts` nothing
    // is kept, so an unread buffer cannot grow.
    if (this.counts) this.samples.push(sample);
  }
}

/** Why a probe got no response. Duck-typed: fetch's DOMException is not an Error in every realm (jest's VM). */
function describe(err: unknown, timeoutMs: number): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const e = err as { name?: unknown; message?: unknown; cause?: unknown };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no response within ${timeoutMs} ms`;
  const message = typeof e.message === 'string' ? e.message : Object.prototype.toString.call(err);
  if (typeof e.cause === 'object' && e.cause !== null) {
    const cause = e.cause as { code?: unknown; message?: unknown };
    const why = typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : '';
    if (why) return `${message}: ${why}`;
  }
  return message;
}
