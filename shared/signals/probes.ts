import type { Sample, Side } from '../model/sample.js';
import type { TrafficGenerator } from '../ports/signal-source.js';
import type { Logger } from '../util/log.js';
import { silentLogger } from '../util/log.js';

export interface ProbeOptions {
  canaryUrl?: string;
  stableUrl?: string;
  /** Requests per second to EACH url. */
  rate: number;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** When false the probes only make traffic; another source (local proxy, Prometheus) counts it. */
  counts: boolean;
  logger?: Logger;
  /** At most this many requests in flight per url; more are skipped (and the skip is counted). */
  maxInFlight?: number;
}

/** Active probes: evenly spaced GETs to the canary and the stable URL while a step runs. */
export class ProbeTraffic implements TrafficGenerator {
  readonly name = 'probes';
  readonly counts: boolean;
  private buffer: Sample[] = [];
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Map<Side, number>();
  private pending = new Set<Promise<void>>();
  private running = false;
  skipped = 0;
  sent = 0;

  constructor(private readonly options: ProbeOptions) {
    this.counts = options.counts;
  }

  async start(): Promise<void> {
    if (this.running || this.options.rate <= 0) return;
    this.running = true;
    const interval = 1000 / this.options.rate;
    const targets: [Side, string | undefined][] = [['canary', this.options.canaryUrl], ['stable', this.options.stableUrl]];
    for (const [side, url] of targets) {
      if (!url) continue;
      this.inFlight.set(side, 0);
      // Both sides tick on the same schedule so their samples cover the same period.
      const timer = setInterval(() => this.fire(side, url), interval);
      this.timers.push(timer);
      this.fire(side, url);
    }
  }

  private fire(side: Side, url: string): void {
    if (!this.running) return;
    const n = this.inFlight.get(side) ?? 0;
    if (n >= (this.options.maxInFlight ?? 64)) {
      this.skipped++;
      return;
    }
    this.inFlight.set(side, n + 1);
    this.sent++;
    const p = this.probe(side, url).finally(() => {
      this.inFlight.set(side, (this.inFlight.get(side) ?? 1) - 1);
      this.pending.delete(p);
    });
    this.pending.add(p);
  }

  private async probe(side: Side, url: string): Promise<void> {
    const t0 = performance.now();
    let status = 0;
    let detail: string | undefined;
    try {
      const res = await fetch(url, { headers: this.options.headers, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
      status = res.status;
      if (status >= 500) detail = (await res.text()).slice(0, 200);
      else await res.body?.cancel();
    } catch (err) {
      const e = err as Error;
      detail = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : `connection failed: ${(e.cause as Error)?.message ?? e.message}`;
    }
    if (!this.counts) return;
    this.buffer.push({ side, ok: status > 0 && status < 500, status, latencyMs: performance.now() - t0, at: Date.now(), source: 'probe', detail });
  }

  async read(): Promise<Sample[]> {
    const out = this.buffer;
    this.buffer = [];
    return out;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    // Bounded: a hung request cannot hold the step beyond its own timeout.
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, this.options.timeoutMs + 100).unref())]);
    if (this.skipped) (this.options.logger ?? silentLogger).debug(`probes skipped ${this.skipped} ticks because ${this.options.maxInFlight ?? 64} requests were already in flight`);
  }
}
