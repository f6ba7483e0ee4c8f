import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import type { Side } from '../../model/sample.js';
import { describeExit, type RunningVersion } from './processes.js';
import { PortInUseError } from './protocol.js';

/** One request through the local proxy, as the control API hands it out. */
export interface OutcomeRecord {
  seq: number;
  side: Side;
  version: string;
  /** HTTP status from the version; 0 when none came (the proxy answered 502). */
  status: number;
  latencyMs: number;
  /** Epoch ms when the response finished. */
  at: number;
  via: 'entry' | 'side';
  /** Start of a 5xx body or the proxy error (untrusted text). */
  detail?: string;
}

/** Bounded history of outcomes, read with a cursor (the seq of the last record seen). */
export class OutcomeRing {
  private readonly items: (OutcomeRecord | undefined)[];
  private last = 0;

  constructor(private readonly capacity = 200_000) {
    this.items = new Array<OutcomeRecord | undefined>(capacity);
  }

  get lastSeq(): number {
    return this.last;
  }

  push(record: Omit<OutcomeRecord, 'seq'>): OutcomeRecord {
    const full = { seq: ++this.last, ...record };
    this.items[full.seq % this.capacity] = full;
    return full;
  }

  /** Records with seq > after, oldest first; `more` when the limit cut the answer short. */
  after(after: number, limit = 20_000): { records: OutcomeRecord[]; last: number; more: boolean } {
    const oldest = Math.max(1, this.last - this.capacity + 1);
    // A cursor ahead of the ring comes from an earlier daemon: start over rather than go deaf.
    const cursor = after > this.last ? 0 : Math.floor(after);
    const from = Math.max(oldest, cursor + 1);
    const to = Math.min(this.last, from + limit - 1);
    const records: OutcomeRecord[] = [];
    for (let seq = from; seq <= to; seq++) {
      const r = this.items[seq % this.capacity];
      if (r && r.seq === seq) records.push(r);
    }
    return { records, last: to >= from ? to : Math.max(cursor, 0), more: to < this.last };
  }
}

/**
 * Smooth weighted round-robin (as nginx does it): deterministic, and interleaves instead of
 * bursting, so 10 % means exactly one request in ten, spread out.
 */
export class SmoothWeightedRoundRobin {
  private current: Record<Side, number> = { canary: 0, stable: 0 };
  private weights: Record<Side, number> = { canary: 0, stable: 100 };

  setCanaryWeight(percent: number): void {
    const w = Math.max(0, Math.min(100, percent));
    if (w === this.weights.canary) return;
    this.weights = { canary: w, stable: 100 - w };
    this.current = { canary: 0, stable: 0 };
  }

  pick(): Side {
    const total = this.weights.canary + this.weights.stable;
    this.current.canary += this.weights.canary;
    this.current.stable += this.weights.stable;
    // Ties go to stable: the first request at any weight below 100 is served by stable.
    const side: Side = this.current.canary > this.current.stable ? 'canary' : 'stable';
    this.current[side] -= total;
    return side;
  }
}

/** What the proxy asks the daemon for every request. */
export interface Routing {
  holder(side: Side): RunningVersion | null;
  weight(): number;
}

export interface ProxyPorts {
  entry: number;
  stable: number;
  canary: number;
}

interface RequestContext {
  /** False for /metrics and /healthz: scrapes and health checks are not customer outcomes. */
  counted: boolean;
  side: Side;
  version: string;
  via: 'entry' | 'side';
  started: bigint;
  status?: number;
  detail?: string;
  body?: string;
}

const DETAIL_CHARS = 200;
const UNCOUNTED_PATHS = new Set(['/metrics', '/healthz']);

function isCounted(url: string | undefined): boolean {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  const pathname = q === -1 ? raw : raw.slice(0, q);
  return !UNCOUNTED_PATHS.has(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
}

/**
 * The entry port splits traffic by the canary weight; the two side ports always reach whoever
 * holds that role (probes target them). Every answered request is recorded in the ring.
 */
export class TrafficProxy {
  private readonly wrr = new SmoothWeightedRoundRobin();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000 });
  private readonly proxy = createProxyServer({ agent: this.agent, proxyTimeout: 30_000, xfwd: true });
  private readonly contexts = new WeakMap<http.IncomingMessage, RequestContext>();
  private servers: http.Server[] = [];
  ports: ProxyPorts = { entry: 0, stable: 0, canary: 0 };

  constructor(
    private readonly routing: Routing,
    readonly ring: OutcomeRing
  ) {
    this.proxy.on('proxyRes', (proxyRes, req) => {
      const ctx = this.contexts.get(req);
      if (!ctx) return;
      ctx.status = proxyRes.statusCode ?? 0;
      proxyRes.headers['x-shipgate-version'] = ctx.version;
      proxyRes.headers['x-shipgate-side'] = ctx.side;
      if (ctx.status >= 500) {
        ctx.body = '';
        proxyRes.on('data', (chunk: Buffer) => {
          if (ctx.body !== undefined && ctx.body.length < DETAIL_CHARS) ctx.body += chunk.toString('utf8');
        });
      }
    });
    // The callback form of web() handles errors; this keeps a stray one from crashing the daemon.
    this.proxy.on('error', () => {});
  }

  /** Listens on the entry port and two free side ports; on failure nothing is left listening. */
  async listen(entryPort = 0): Promise<ProxyPorts> {
    try {
      const entry = await this.serve(entryPort, (req, res) => this.handle(req, res, null));
      const stable = await this.serve(0, (req, res) => this.handle(req, res, 'stable'));
      const canary = await this.serve(0, (req, res) => this.handle(req, res, 'canary'));
      this.ports = { entry, stable, canary };
      return this.ports;
    } catch (err) {
      await this.closeServers();
      throw err;
    }
  }

  private serve(port: number, handler: http.RequestListener): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = http.createServer(handler);
      server.keepAliveTimeout = 5000;
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
      });
      server.listen(port, '127.0.0.1', () => {
        this.servers.push(server);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  private choose(fixed: Side | null, counted: boolean): { side: Side; holder: RunningVersion | null } {
    if (fixed) return { side: fixed, holder: this.routing.holder(fixed) };
    this.wrr.setCanaryWeight(this.routing.holder('canary') ? this.routing.weight() : 0);
    // Health checks and scrapes through the entry must not shift the customer split.
    const side = counted ? this.wrr.pick() : 'stable';
    const holder = this.routing.holder(side);
    if (holder) return { side, holder };
    // A role nobody holds (first release: no stable yet) must not black-hole customer traffic.
    const other: Side = side === 'canary' ? 'stable' : 'canary';
    return { side: other, holder: this.routing.holder(other) };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, fixed: Side | null): void {
    const started = process.hrtime.bigint();
    const counted = isCounted(req.url);
    const { side, holder } = this.choose(fixed, counted);
    if (!holder) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(fixed ? `No version holds the ${fixed} role.\n` : 'No version is running.\n');
      return;
    }
    const ctx: RequestContext = { counted, side, version: holder.spec.release.version, via: fixed ? 'side' : 'entry', started };
    res.once('close', () => this.record(ctx));
    if (!holder.alive) {
      ctx.status = 0;
      ctx.detail = `${side} ${ctx.version} is not running (it exited ${describeExit(holder.exit)})`;
      res.writeHead(502, { 'content-type': 'text/plain', 'x-shipgate-version': ctx.version, 'x-shipgate-side': side });
      res.end(`${ctx.detail}\n`);
      return;
    }
    this.contexts.set(req, ctx);
    this.proxy.web(req, res, { target: holder.url }, (err: Error) => {
      ctx.status = 0;
      ctx.detail = `proxy error: ${err.message}`;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain', 'x-shipgate-version': ctx.version, 'x-shipgate-side': side });
        res.end(`Bad gateway: ${ctx.version} did not answer.\n`);
      } else {
        res.destroy();
      }
    });
  }

  private record(ctx: RequestContext): void {
    // A client that hung up before any answer tells nothing about the version.
    if (ctx.status === undefined || !ctx.counted) return;
    const latencyMs = Math.round(Number(process.hrtime.bigint() - ctx.started) / 1e4) / 100;
    const detail = ctx.detail ?? (ctx.body !== undefined ? ctx.body.slice(0, DETAIL_CHARS) : undefined);
    this.ring.push({
      side: ctx.side,
      version: ctx.version,
      status: ctx.status,
      latencyMs,
      at: Date.now(),
      via: ctx.via,
      ...(detail !== undefined ? { detail } : {})
    });
  }

  async close(): Promise<void> {
    await this.closeServers();
    this.agent.destroy();
    this.proxy.close?.();
  }

  private async closeServers(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          })
      )
    );
    this.servers = [];
  }
}
