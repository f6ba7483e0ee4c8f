import type { SignalSource } from '../ports/signal-source.js';
import type { Sample, Side } from '../model/sample.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { checkHaproxyName, HaproxyRuntimeApi } from '../routers/haproxy/runtime-api.js';
import { parseShowStat, pickServer, type ServerStats } from '../routers/haproxy/stat-csv.js';

export interface HaproxyStatsOptions {
  /** The runtime API socket (haproxy-socket). */
  socket: string;
  /** haproxy-backend */
  backend: string;
  /** haproxy-stable-server */
  stableServer: string;
  /** haproxy-canary-server */
  canaryServer: string;
  logger?: Logger;
  /** Per socket command; default 5 s. */
  timeoutMs?: number;
  /** Most synthetic samples one read yields per side; larger increases are thinned proportionally (default 5,000). */
  maxSamplesPerRead?: number;
}

/** One server's cumulative counters at one read, and the HAProxy process that counted them. */
export interface CounterSnapshot {
  /** The process id from `show info`: a new one means a reload, so every counter restarted. */
  pid: string;
  requests: number;
  requestsFromStot: boolean;
  http5xx: number;
  connectionErrors: number;
  responseErrors: number;
}

/** What happened between two reads of one server. */
export interface CounterDelta {
  /** Requests HAProxy sent to the server, whatever came back. */
  requests: number;
  /** Of those, 5xx responses the server sent. */
  http5xx: number;
  /** Of those, connections that failed (`econ`). */
  connectionErrors: number;
  /** Of those, responses that broke off or timed out (`eresp`). */
  responseErrors: number;
  /** Whether the counters restarted (a reload) since the earlier read. */
  restarted: boolean;
}

export function snapshotOf(pid: string, s: ServerStats): CounterSnapshot {
  return {
    pid,
    requests: s.requests,
    requestsFromStot: s.requestsFromStot,
    http5xx: s.http5xx,
    connectionErrors: s.connectionErrors,
    responseErrors: s.responseErrors
  };
}

/**
 * Counter increases between two snapshots. Counters restart from 0 when HAProxy reloads: when the
 * process changed or any counter went down, the increase is the new value. (Checking every counter
 * and the pid, not each counter alone: after a reload one counter can already be past its old
 * value while another is not, and mixing the two would invent or lose errors.)
 *
 * HAProxy 2.6 counts a server's `req_tot` when its response arrives, so a refused connection
 * (`econ`) or a response that broke off (`eresp`) is not in it (measured: 25 refused connections
 * left `req_tot` unchanged and raised `econ` and `stot` by 25): they are added to the requests.
 * `stot` (the fallback when `req_tot` is empty) already counts them.
 */
export function counterDelta(before: CounterSnapshot, now: CounterSnapshot): CounterDelta {
  const restarted =
    before.pid !== now.pid ||
    now.requests < before.requests ||
    now.http5xx < before.http5xx ||
    now.connectionErrors < before.connectionErrors ||
    now.responseErrors < before.responseErrors;
  const d = (k: 'requests' | 'http5xx' | 'connectionErrors' | 'responseErrors'): number => (restarted ? now[k] : now[k] - before[k]);
  const connectionErrors = d('connectionErrors');
  const responseErrors = d('responseErrors');
  const answered = d('requests');
  const requests = now.requestsFromStot ? answered : answered + connectionErrors + responseErrors;
  // A 5xx is one of the answered requests; never more errors than requests.
  const http5xx = Math.min(d('http5xx'), answered);
  const failedTransport = Math.min(connectionErrors + responseErrors, requests - http5xx);
  const conn = Math.min(connectionErrors, failedTransport);
  return { requests, http5xx, connectionErrors: conn, responseErrors: failedTransport - conn, restarted };
}

/** Scales a delta down to at most `cap` requests, keeping each kind's share. */
export function thin(delta: CounterDelta, cap: number): CounterDelta {
  if (delta.requests <= cap) return delta;
  const scale = (n: number): number => Math.round((n * cap) / delta.requests);
  const http5xx = scale(delta.http5xx);
  const connectionErrors = Math.min(scale(delta.connectionErrors), cap - http5xx);
  const responseErrors = Math.min(scale(delta.responseErrors), cap - http5xx - connectionErrors);
  return { requests: cap, http5xx, connectionErrors, responseErrors, restarted: delta.restarted };
}

/**
 * Evidence from HAProxy's per-server counters (`show stat`): each read turns the increase since
 * the previous read into synthetic samples, one per request, so the same judge works on it.
 * 5xx responses, refused connections and broken responses are failures. The samples carry no
 * latency: HAProxy keeps only `ttime`, the average over a server's last 1,024 requests, which is not
 * one request's time (and it follows the load, so comparing it across weights misleads). Latency is
 * judged from sources that time each request (probes, nginx's log, Prometheus).
 */
export class HaproxyStatsSource implements SignalSource {
  readonly name = 'haproxy';
  /** HAProxy counts only the requests that pass through it: requests sent straight to canary-url do not show here. */
  readonly seesProbes = false;
  private readonly api: HaproxyRuntimeApi;
  private readonly last = new Map<Side, CounterSnapshot | null>();
  private readonly sides: { side: Side; server: string }[];
  private warnedUnreachable = false;
  private readonly warnedMissing = new Set<Side>();
  private shuffleState = 0x2545f491;

  constructor(private readonly options: HaproxyStatsOptions) {
    checkHaproxyName('haproxy-backend', options.backend);
    checkHaproxyName('haproxy-stable-server', options.stableServer);
    checkHaproxyName('haproxy-canary-server', options.canaryServer);
    this.api = new HaproxyRuntimeApi(options.socket, options.timeoutMs ?? 5000);
    this.sides = [
      { side: 'canary', server: options.canaryServer },
      { side: 'stable', server: options.stableServer }
    ];
  }

  /** At 100 % HAProxy sends stable nothing, at 0 % the canary nothing: only the other side has evidence. */
  covers(weight: number): readonly Side[] {
    if (weight >= 100) return ['canary'];
    if (weight <= 0) return ['stable'];
    return ['canary', 'stable'];
  }

  async start(_step?: { weight: number; startedAt: number }): Promise<void> {
    const snaps = await this.snapshots();
    for (const { side } of this.sides) this.last.set(side, snaps?.get(side) ?? null);
  }

  async read(): Promise<Sample[]> {
    const snaps = await this.snapshots();
    // HAProxy away for a moment is "no data", not a verdict; the next read counts from the last baseline.
    if (!snaps) return [];
    const out: Sample[] = [];
    const at = Date.now();
    for (const { side } of this.sides) {
      const now = snaps.get(side);
      if (!now) continue;
      const before = this.last.get(side) ?? null;
      this.last.set(side, now);
      // No baseline yet (unreachable at start, or the server appeared later): this read is the baseline.
      if (!before) continue;
      const delta = counterDelta(before, now);
      if (delta.restarted) this.options.logger?.debug(`haproxy: counters of ${escapeLogText(this.serverOf(side))} restarted (a reload); counting from 0`);
      out.push(...this.synthesise(side, thin(delta, this.options.maxSamplesPerRead ?? 5000), at));
    }
    return out;
  }

  async stop(): Promise<void> {
    // Nothing is held open between reads.
  }

  private serverOf(side: Side): string {
    return side === 'canary' ? this.options.canaryServer : this.options.stableServer;
  }

  private synthesise(side: Side, delta: CounterDelta, at: number): Sample[] {
    const n = delta.requests;
    if (n <= 0) return [];
    // No per-request latency (see the class comment).
    const latencyMs = null;
    const samples: Sample[] = [];
    const kinds: { count: number; status: number; detail: string }[] = [
      { count: delta.http5xx, status: 500, detail: 'HTTP 5xx via haproxy' },
      { count: delta.connectionErrors, status: 0, detail: 'connection to the server failed via haproxy (econ)' },
      { count: delta.responseErrors, status: 0, detail: 'the server response broke off or timed out via haproxy (eresp)' }
    ];
    for (const k of kinds) {
      for (let i = 0; i < k.count; i++) samples.push({ side, ok: false, status: k.status, latencyMs, at, source: 'haproxy', detail: k.detail });
    }
    while (samples.length < n) samples.push({ side, ok: true, status: 200, latencyMs, at, source: 'haproxy' });
    // The judge pairs canary and stable samples in order: clustered errors would pair badly.
    this.shuffle(samples);
    return samples;
  }

  private shuffle<T>(xs: T[]): void {
    for (let i = xs.length - 1; i > 0; i--) {
      this.shuffleState = (Math.imul(this.shuffleState, 1664525) + 1013904223) >>> 0;
      const j = this.shuffleState % (i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
  }

  /** Both servers' counters now, or null when the socket did not answer. */
  private async snapshots(): Promise<Map<Side, CounterSnapshot> | null> {
    let pid: string;
    let text: string;
    try {
      pid = /^Pid:\s*(\S+)/m.exec(await this.api.send('show info'))?.[1] ?? '';
      // Type 4 = servers only: a small reply even when the configuration has many proxies.
      text = await this.api.send(`show stat ${this.options.backend} 4 -1`);
    } catch (err) {
      this.unreachable(err);
      return null;
    }
    let rows;
    try {
      rows = parseShowStat(text);
    } catch (err) {
      // "No such proxy." and friends: the backend is gone (or misnamed); that is no data too.
      this.unreachable(err);
      return null;
    }
    const out = new Map<Side, CounterSnapshot>();
    for (const { side, server } of this.sides) {
      const stats = pickServer(rows, this.options.backend, server);
      if (stats) out.set(side, snapshotOf(pid, stats));
      else if (!this.warnedMissing.has(side)) {
        this.warnedMissing.add(side);
        this.options.logger?.warning(
          `haproxy: server ${escapeLogText(server)} is not in backend ${escapeLogText(this.options.backend)}'s show stat: no ${side} evidence from HAProxy.`
        );
      }
    }
    return out;
  }

  private unreachable(err: unknown): void {
    const msg = err instanceof Error ? err.message : String(err);
    if (!this.warnedUnreachable) this.options.logger?.warning(`HAProxy stats read failed (no data this look): ${escapeLogText(msg)}`);
    else this.options.logger?.debug(`HAProxy stats read failed: ${escapeLogText(msg)}`);
    this.warnedUnreachable = true;
  }
}
