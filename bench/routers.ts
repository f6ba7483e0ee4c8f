/**
 * Traffic-router benchmark: real nginx and HAProxy on loopback in front of two demo-service
 * processes, the router classes driven in-process as the engine drives them. Measures the time
 * from a failing verdict (router.reset()) to 100 % on stable, the customer requests lost during a
 * weight change and during a rollback under 200 req/s, and the achieved split per requested
 * weight. Writes docs/routers.md. Run with `npm run bench:routers`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DeployContext } from '../shared/ports/deploy-target.js';
import type { TrafficRouter } from '../shared/ports/traffic-router.js';
import { HaproxyRouter } from '../shared/routers/haproxy/index.js';
import { NginxRouter } from '../shared/routers/nginx/index.js';
import type { Logger } from '../shared/util/log.js';
import { HAPROXY_BIN, startHaproxy } from '../__tests__/helpers/haproxy.js';
import { NGINX_BIN, startNginx } from '../__tests__/helpers/nginx.js';
import { freePort, stopProcess } from '../__tests__/helpers/prometheus.js';
import { Rng } from './sim/prng.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE = path.join(REPO, 'examples', 'service', 'server.mjs');
const OUT = path.join(REPO, 'docs', 'routers.md');

const SEED = 20_261_206;
/** Customers' rate during the weight-change and rollback events, over 16 keep-alive connections. */
const RATE = 200;
const CONNECTIONS = 16;
/** Cycles of (0 → w1, w1 → 50, reset): each gives two weight changes and one rollback. */
const CYCLES = 10;
/** Canary share before each rollback: every ~10 ms a canary answer at 200 req/s, so the last one is timed to ~10 ms. */
const BEFORE_ROLLBACK = 50;
/** The first weight of each cycle is drawn (seeded) from these. */
const FIRST_WEIGHTS = [5, 10, 25] as const;
const SPLIT_WEIGHTS = [1, 5, 10, 25, 50, 75, 90] as const;
const SPLIT_REQUESTS = 2000;
/** A request counts towards an event when it was sent from this long before the call … */
const WINDOW_BEFORE_MS = 100;
/** … until this long after the call resolved (then the next event starts after a gap). */
const SETTLE_AFTER_WEIGHT_MS = 1000;
/** The split customers get right after a weight change: requests sent in this long after the call resolved. */
const AFTER_CHANGE_MS = 1000;
const SETTLE_AFTER_RESET_MS = 600;
const GAP_MS = 150;
const CONTROL_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// Cleanup: every process this benchmark starts is registered here and stopped on the way out,
// whether the run ends normally, throws, or is interrupted.

const cleanups: (() => Promise<void>)[] = [];
/** Every process started (the services and each proxy's main process), checked to be gone at the end. */
const started: { what: string; pid: number }[] = [];
let cleaning: Promise<void> | null = null;
function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  })().finally(() => (cleaning = null));
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping every process this benchmark started…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The workload: two demo-service processes on loopback, healthy (FAULT_ERROR_RATE 0), so every
// 5xx a customer gets is the proxy's, not the service's.

async function startService(version: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], {
    env: { PATH: process.env.PATH, PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: '0' },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  cleanups.push(() => stopProcess(child, 2000));
  if (child.pid) started.push({ what: `demo service ${version}`, pid: child.pid });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`demo service ${version} exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(500) });
      await res.arrayBuffer();
      if (res.ok) return { port, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`demo service ${version} did not answer on 127.0.0.1:${port} within 10 s: ${stderr}`);
    await sleep(30);
  }
}

// ---------------------------------------------------------------------------------------------
// Customers: the same scheme as __tests__/helpers/load.ts (a fixed rate over keep-alive
// connections, answers tallied by the version in the demo service's body), but every request is
// kept with its send and arrival times, so windows and the last canary answer can be read after.

interface Rec {
  sent: number;
  done: number;
  /** The version named by the body (JSON, or "injected fault in <v>"); undefined for a proxy's own answer. */
  version?: string;
  status?: number;
  /** Transport error code (ECONNRESET, …) when no HTTP answer came. */
  error?: string;
}

const lost = (r: Rec): boolean => r.error !== undefined || (r.status !== undefined && r.status >= 500 && r.version === undefined);
const lostKind = (r: Rec): string => r.error ?? `HTTP ${r.status}`;

function request(url: URL, agent: http.Agent, timeoutMs = 5000): Promise<Rec> {
  const sent = now();
  return new Promise<Rec>((resolve) => {
    let settled = false;
    const finish = (r: Omit<Rec, 'sent' | 'done'>): void => {
      if (settled) return;
      settled = true;
      resolve({ sent, done: now(), ...r });
    };
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let version: string | undefined;
        try {
          version = (JSON.parse(body) as { version?: string }).version;
        } catch {
          version = /injected fault in (\S+)/.exec(body)?.[1];
        }
        finish({ status: res.statusCode ?? 0, version });
      });
      res.on('error', () => finish({ error: 'ERESPONSE' }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => finish({ error: err.code ?? 'ERROR' }));
  });
}

interface OpenLoad {
  records: Rec[];
  stop(): Promise<void>;
}

/** `rate` requests a second, evenly spaced, over `connections` keep-alive connections, until stopped. */
function openLoad(url: string, rate: number, connections: number): OpenLoad {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`load: ${url} is not on 127.0.0.1`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const records: Rec[] = [];
  const inFlight = new Set<Promise<void>>();
  const period = 1000 / rate;
  const t0 = now();
  let due = 0;
  let stopped = false;
  let timer: NodeJS.Timeout;
  const tick = (): void => {
    if (stopped) return;
    while (due * period <= now() - t0) {
      due++;
      const p = request(target, agent).then((r) => {
        records.push(r);
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    timer = setTimeout(tick, Math.max(1, Math.min(20, period)));
  };
  timer = setTimeout(tick, 0);
  return {
    records,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      agent.destroy();
    }
  };
}

/** `n` requests as fast as `connections` keep-alive connections carry them (a fresh pool: no connection from before). */
async function closedLoad(url: string, n: number, connections: number): Promise<{ records: Rec[]; ms: number }> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const records: Rec[] = [];
  let sent = 0;
  const t0 = now();
  const worker = async (): Promise<void> => {
    while (sent < n) {
      sent++;
      records.push(await request(target, agent));
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { records, ms: now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Statistics.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The central 99 % range of Binomial(n, p) in counts: the 0.5 % and 99.5 % quantiles (exact, in log space). */
function binomialRange(n: number, p: number, level = 0.99): [number, number] {
  const logs: number[] = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) logs.push(logs[k] + Math.log((n - k) / (k + 1)) + Math.log(p) - Math.log1p(-p));
  const max = Math.max(...logs);
  const pmf = logs.map((l) => Math.exp(l - max));
  const total = pmf.reduce((a, b) => a + b, 0);
  const tail = (1 - level) / 2;
  let cdf = 0;
  let lo = -1;
  let hi = n;
  for (let k = 0; k <= n; k++) {
    cdf += pmf[k] / total;
    if (lo < 0 && cdf >= tail) lo = k;
    if (cdf >= 1 - tail) {
      hi = k;
      break;
    }
  }
  return [lo, hi];
}

// ---------------------------------------------------------------------------------------------
// One router under test.

interface Event {
  kind: 'weight' | 'rollback';
  from: number;
  to: number;
  /** Call started / resolved (performance.now() ms). */
  t0: number;
  t1: number;
  /** End of the event's window (the next event's window starts after it). */
  end: number;
}

interface Rollback {
  resetMs: number;
  /** Last canary answer's arrival − t0, over every request (a request in flight at t0 may still finish there); ≤ 0: none after t0. */
  lastCanaryMs: number;
  /** Canary answers to requests sent after reset() resolved (should be none). */
  canaryAfterResolved: number;
}

interface SplitRow {
  weight: number;
  answered: number;
  canary: number;
  lost: number;
  ms: number;
}

/** The canary's share among requests sent in the first AFTER_CHANGE_MS after setWeight() resolved. */
interface AfterChange {
  transition: string;
  from: number;
  to: number;
  answers: number;
  canary: number;
  /** Longest run of consecutive canary answers (in send order) in that window. */
  longestCanaryRun: number;
}

interface RouterResult {
  name: string;
  afterChange: AfterChange[];
  rollbacks: Rollback[];
  events: Event[];
  /** Lost and sent per event kind, and a control window with no change. */
  loss: {
    kind: string;
    events: number;
    sent: number;
    lost: number;
    maxPerEvent: number;
    kinds: Record<string, number>;
    medianCallMs: number | null;
    maxCallMs: number | null;
  }[];
  splits: SplitRow[];
  warnings: string[];
  wallMs: number;
}

interface Setup {
  router: TrafficRouter;
  url: string;
  stop(): Promise<void>;
}

const context = (weight: number): DeployContext => ({ environment: 'bench', deploymentId: 'bench', version: 'v2', previousVersion: 'v1', weight });

async function benchRouter(name: 'nginx' | 'haproxy', rng: Rng): Promise<RouterResult> {
  const started = now();
  const warnings: string[] = [];
  const logger: Logger = { info() {}, debug() {}, warning: (m) => warnings.push(m) };
  const stable = await startService('v1');
  const canary = await startService('v2');
  const setup = name === 'nginx' ? await nginxSetup(stable.port, canary.port, logger) : await haproxySetup(stable.port, canary.port, logger);
  cleanups.push(() => setup.stop());
  const { router, url } = setup;
  await router.preflight?.();
  await router.reset(context(0));

  // Customers at 200 req/s for the whole event phase.
  const load = openLoad(url, RATE, CONNECTIONS);
  cleanups.push(() => load.stop());
  await sleep(500);
  const controlStart = now();
  await sleep(CONTROL_MS);
  const controlEnd = now();

  const events: Event[] = [];
  const run = async (kind: Event['kind'], from: number, to: number, call: () => Promise<void>, settleMs: number): Promise<void> => {
    await sleep(GAP_MS + Math.floor(rng.next() * 50));
    const t0 = now();
    await call();
    const t1 = now();
    await sleep(settleMs);
    events.push({ kind, from, to, t0, t1, end: now() });
  };
  for (let c = 0; c < CYCLES; c++) {
    const first = FIRST_WEIGHTS[Math.floor(rng.next() * FIRST_WEIGHTS.length)];
    await run('weight', 0, first, () => router.setWeight(first, context(first)), SETTLE_AFTER_WEIGHT_MS);
    await run('weight', first, BEFORE_ROLLBACK, () => router.setWeight(BEFORE_ROLLBACK, context(BEFORE_ROLLBACK)), SETTLE_AFTER_WEIGHT_MS);
    await run('rollback', BEFORE_ROLLBACK, 0, () => router.reset(context(0)), SETTLE_AFTER_RESET_MS);
  }
  await load.stop();
  const recs = load.records;

  const rollbacks: Rollback[] = [];
  events.forEach((e, i) => {
    if (e.kind !== 'rollback') return;
    // Up to the next change (the next cycle's setWeight brings the canary back), or the end of the load.
    const until = events[i + 1]?.t0 ?? Infinity;
    const canaryAnswers = recs.filter((r) => r.version === 'v2' && r.done <= until);
    const last = Math.max(...canaryAnswers.map((r) => r.done));
    rollbacks.push({
      resetMs: e.t1 - e.t0,
      lastCanaryMs: last - e.t0,
      canaryAfterResolved: canaryAnswers.filter((r) => r.sent > e.t1).length
    });
  });

  const inWindow = (r: Rec, from: number, to: number) => r.sent >= from && r.sent < to;
  const lossOf = (kind: string, windows: [number, number][], calls: number[] | null) => {
    let sent = 0;
    let lostN = 0;
    let maxPerEvent = 0;
    const kinds: Record<string, number> = {};
    for (const [from, to] of windows) {
      const mine = recs.filter((r) => inWindow(r, from, to));
      const l = mine.filter(lost);
      sent += mine.length;
      lostN += l.length;
      maxPerEvent = Math.max(maxPerEvent, l.length);
      for (const r of l) kinds[lostKind(r)] = (kinds[lostKind(r)] ?? 0) + 1;
    }
    return {
      kind,
      events: windows.length,
      sent,
      lost: lostN,
      maxPerEvent,
      kinds,
      medianCallMs: calls ? median(calls) : null,
      maxCallMs: calls ? Math.max(...calls) : null
    };
  };
  const windowsOf = (kind: Event['kind']) => events.filter((e) => e.kind === kind).map((e): [number, number] => [e.t0 - WINDOW_BEFORE_MS, e.end]);
  const callsOf = (kind: Event['kind']) => events.filter((e) => e.kind === kind).map((e) => e.t1 - e.t0);
  const loss = [
    lossOf('weight change', windowsOf('weight'), callsOf('weight')),
    lossOf('rollback (reset)', windowsOf('rollback'), callsOf('rollback')),
    lossOf(`no change (control, ${CONTROL_MS / 1000} s)`, [[controlStart, controlEnd]], null)
  ];

  const afterChange: AfterChange[] = events
    .filter((e) => e.kind === 'weight')
    .map((e) => {
      const mine = recs.filter((r) => r.sent >= e.t1 && r.sent < e.t1 + AFTER_CHANGE_MS && r.version !== undefined).sort((a, b) => a.sent - b.sent);
      let run = 0;
      let longest = 0;
      for (const r of mine) {
        run = r.version === 'v2' ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      return {
        transition: e.from === 0 ? '0 → w' : `w → ${e.to}`,
        from: e.from,
        to: e.to,
        answers: mine.length,
        canary: mine.filter((r) => r.version === 'v2').length,
        longestCanaryRun: longest
      };
    });

  // The split: no other load, a fresh connection pool per weight, 300 ms after the change.
  const splits: SplitRow[] = [];
  for (const w of SPLIT_WEIGHTS) {
    await router.setWeight(w, context(w));
    await sleep(300);
    const { records, ms } = await closedLoad(url, SPLIT_REQUESTS, CONNECTIONS);
    const answered = records.filter((r) => r.version !== undefined);
    splits.push({ weight: w, answered: answered.length, canary: answered.filter((r) => r.version === 'v2').length, lost: records.filter(lost).length, ms });
  }
  await router.reset(context(0));

  await cleanupAll();
  return { name, afterChange, rollbacks, events, loss, splits, warnings, wallMs: now() - started };
}

async function nginxSetup(stablePort: number, canaryPort: number, logger: Logger): Promise<Setup> {
  const stableServer = `127.0.0.1:${stablePort}`;
  const canaryServer = `127.0.0.1:${canaryPort}`;
  const nginx = await startNginx({ stableServer, canaryServer });
  // The master stops its workers before it exits, so the master's pid is the one to check.
  started.push({ what: 'nginx master', pid: Number(readFileSync(path.join(nginx.dir, 'nginx.pid'), 'utf8')) });
  const router = new NginxRouter({
    confPath: nginx.confPath,
    stableServer,
    canaryServer,
    testCommand: nginx.testCommand,
    reloadCommand: nginx.reloadCommand,
    accessLog: nginx.accessLog,
    cwd: nginx.dir,
    env: { PATH: process.env.PATH },
    logger
  });
  return { router, url: nginx.url, stop: () => nginx.stop() };
}

async function haproxySetup(stablePort: number, canaryPort: number, logger: Logger): Promise<Setup> {
  const haproxy = await startHaproxy({ stable: `127.0.0.1:${stablePort}`, canary: `127.0.0.1:${canaryPort}`, stateFile: true });
  started.push({ what: 'haproxy', pid: haproxy.pid() });
  const router = new HaproxyRouter({
    socket: haproxy.socket,
    backend: haproxy.backend,
    stableServer: 'stable',
    canaryServer: 'canary',
    stateFile: haproxy.stateFile,
    logger
  });
  return { router, url: haproxy.url, stop: () => haproxy.stop() };
}

// ---------------------------------------------------------------------------------------------
// Report.

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? '(no answer)';
}

const ms0 = (x: number) => `${Math.round(x)}`;
const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)} %`;
const int = (n: number) => n.toLocaleString('en-US');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function render(results: RouterResult[], machine: Record<string, string>, wallMs: number, leftover: string[]): string {
  const L: string[] = [];
  L.push('# Traffic routers: rollback time, requests lost, split accuracy');
  L.push('');
  L.push('Generated by `npm run bench:routers` (bench/routers.ts); do not edit by hand. Timing numbers change from run to run.');
  L.push('');
  L.push('## What was measured, and how');
  L.push('');
  L.push(
    `- For each router, a real proxy on 127.0.0.1 in front of two demo-service processes (\`examples/service/server.mjs\`: stable \`v1\`, canary \`v2\`, both \`FAULT_ERROR_RATE=0\`, so every 5xx a customer gets comes from the proxy, not the service). The router classes (\`NginxRouter\`, \`HaproxyRouter\`) are driven in-process, as the engine drives them.`
  );
  L.push(
    "- nginx: `__tests__/helpers/nginx.ts` (one worker, `proxy_next_upstream off`, the upstream file included from the main config, JSON access log); every weight change is the router's own `nginx -t` then `nginx -s reload` (its test and reload commands point at that prefix)."
  );
  L.push(
    '- HAProxy: `__tests__/helpers/haproxy.ts` (`balance roundrobin`, `retries 0`, no redispatch, admin stats socket, `server-state-file`); the router uses the runtime API (`set weight`, `get weight`, `set server … state`, `show stat`, `show servers state` into the state file).'
  );
  L.push(
    `- Customers: a load generator in the benchmark, the scheme of \`__tests__/helpers/load.ts\` (${RATE} req/s evenly spaced over ${CONNECTIONS} keep-alive connections, the answering version read from the body), keeping every request's send and arrival time.`
  );
  L.push(
    `- Events, under that load: ${CYCLES} cycles of three changes each — a weight change 0 → w (w drawn from ${FIRST_WEIGHTS.join(', ')} % with seed ${SEED}), a weight change w → ${BEFORE_ROLLBACK} %, and a rollback (\`router.reset()\`) from ${BEFORE_ROLLBACK} % — each after a gap of ${GAP_MS}–${GAP_MS + 49} ms (seeded), so t0 falls at different points of the request schedule.`
  );
  L.push(
    `- **Rollback time**: \`router.reset()\` is called at t0; (a) is when it resolves, (b) is the arrival time of the last answer from the canary (\`v2\`) − t0, over all requests up to the next change (a request already in flight at t0 may still finish on the canary). With ${BEFORE_ROLLBACK} % on the canary at ${RATE} req/s a canary answer arrives about every ${Math.round(1000 / (RATE * (BEFORE_ROLLBACK / 100)))} ms, which bounds the resolution of (b).`
  );
  L.push(
    `- **Requests lost**: a request is lost when it got no HTTP answer (transport error: ECONNRESET, …) or a 5xx whose body names no version (the proxy's own 502/503). A request belongs to an event when it was sent between ${WINDOW_BEFORE_MS} ms before the call and ${SETTLE_AFTER_WEIGHT_MS} ms (weight change) or ${SETTLE_AFTER_RESET_MS} ms (rollback) after the call resolved; windows do not overlap. The control row is a window of ${CONTROL_MS / 1000} s under the same load with no change.`
  );
  L.push(
    `- **Split**: after the event phase, the load is stopped; for each weight the router sets it, 300 ms pass, then ${int(SPLIT_REQUESTS)} requests go as fast as ${CONNECTIONS} fresh keep-alive connections carry them (closed loop). The 99 % range is the central 99 % of Binomial(n, requested share) — where a router choosing the canary at random with exactly the requested probability would land 99 times in 100; both routers here split by (smooth) weighted round robin, which is deterministic.`
  );
  L.push('');
  L.push('Machine and versions (as measured at the start of this run):');
  L.push('');
  for (const [k, v] of Object.entries(machine)) L.push(`- ${k}: ${v}`);
  L.push(`- whole run: ${(wallMs / 1000).toFixed(1)} s`);
  L.push(
    `- processes started: ${started.length} (${[...new Set(started.map((p) => p.what))].join(', ')}); ${leftover.length ? `still running after the cleanup: ${leftover.join(', ')}` : 'none was running after the cleanup'}`
  );
  L.push('');

  L.push('## Failing verdict → 100 % on stable');
  L.push('');
  L.push(
    '| router | rollbacks | (a) reset() resolved, median | (a) max | (b) last canary answer − t0, median | (b) max | canary answers to requests sent after reset() resolved | goal (b) ≤ 1 s |'
  );
  L.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const a = r.rollbacks.map((x) => x.resetMs);
    const b = r.rollbacks.map((x) => Math.max(0, x.lastCanaryMs));
    const after = r.rollbacks.reduce((n, x) => n + x.canaryAfterResolved, 0);
    L.push(
      `| ${r.name} | ${r.rollbacks.length} | ${ms0(median(a))} ms | ${ms0(Math.max(...a))} ms | ${ms0(median(b))} ms | ${ms0(Math.max(...b))} ms | ${after} | ${Math.max(...b) <= 1000 && Math.max(...a) <= 1000 ? 'met in every run' : 'not met'} |`
    );
  }
  L.push('');
  L.push('Per run, (a) / (b) in ms:');
  L.push('');
  for (const r of results) L.push(`- ${r.name}: ${r.rollbacks.map((x) => `${ms0(x.resetMs)} / ${ms0(Math.max(0, x.lastCanaryMs))}`).join(', ')}`);
  L.push('');

  L.push(`## Customer requests lost at ${RATE} req/s`);
  L.push('');
  L.push('| router | event | events | requests sent in the windows | lost | lost in the worst event | how they were lost | router call, median / max |');
  L.push('|---|---|---:|---:|---:|---:|---|---:|');
  for (const r of results) {
    for (const l of r.loss) {
      const kinds = Object.entries(l.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      L.push(
        `| ${r.name} | ${l.kind} | ${l.events} | ${int(l.sent)} | ${int(l.lost)} (${pct(l.sent ? l.lost / l.sent : 0)}) | ${l.maxPerEvent} | ${kinds || '—'} | ${l.medianCallMs === null ? '—' : `${ms0(l.medianCallMs)} / ${ms0(l.maxCallMs ?? 0)} ms`} |`
      );
    }
  }
  L.push('');

  L.push('## Achieved split vs requested weight');
  L.push('');
  L.push('| router | requested | answers | canary answers | achieved | 99 % binomial range at the requested share | within | lost | requests/s |');
  L.push('|---|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const r of results) {
    for (const s of r.splits) {
      const [lo, hi] = binomialRange(s.answered, s.weight / 100);
      const inside = s.canary >= lo && s.canary <= hi;
      L.push(
        `| ${r.name} | ${s.weight} % | ${int(s.answered)} | ${int(s.canary)} | ${pct(s.canary / s.answered)} | ${lo}–${hi} (${pct(lo / s.answered)}–${pct(hi / s.answered)}) | ${inside ? 'yes' : 'no'} | ${s.lost} | ${int(Math.round((s.answered + s.lost) / (s.ms / 1000)))} |`
      );
    }
  }
  L.push('');

  L.push(`## Split in the first ${AFTER_CHANGE_MS / 1000} s after a weight change, at ${RATE} req/s`);
  L.push('');
  L.push(
    `Requests sent in the first ${AFTER_CHANGE_MS} ms after \`setWeight()\` resolved, during the event phase above. "Outside" counts the changes whose canary count lay outside the 99 % binomial range of the new weight for that many answers.`
  );
  L.push('');
  L.push(
    '| router | change | changes | answers per change, median | canary share, median | canary share, max | outside the 99 % range | longest run of consecutive canary answers |'
  );
  L.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const groups = new Map<string, AfterChange[]>();
    for (const a of r.afterChange) groups.set(`${a.from} → ${a.to} %`, [...(groups.get(`${a.from} → ${a.to} %`) ?? []), a]);
    for (const [label, xs] of [...groups].sort((x, y) => x[1][0].from - y[1][0].from || x[1][0].to - y[1][0].to)) {
      const shares = xs.map((a) => (a.answers ? a.canary / a.answers : 0));
      const outside = xs.filter((a) => {
        const [lo, hi] = binomialRange(a.answers, a.to / 100);
        return a.canary < lo || a.canary > hi;
      }).length;
      L.push(
        `| ${r.name} | ${label} | ${xs.length} | ${ms0(median(xs.map((a) => a.answers)))} | ${pct(median(shares), 1)} | ${pct(Math.max(...shares), 1)} | ${outside} | ${Math.max(...xs.map((a) => a.longestCanaryRun))} |`
      );
    }
  }
  L.push('');

  L.push('## Reading');
  L.push('');
  for (const r of results) {
    const a = r.rollbacks.map((x) => x.resetMs);
    const b = r.rollbacks.map((x) => Math.max(0, x.lastCanaryMs));
    const after = r.rollbacks.reduce((n, x) => n + x.canaryAfterResolved, 0);
    const w = r.loss[0];
    const rb = r.loss[1];
    const ctl = r.loss[2];
    const outside = r.splits.filter((s) => {
      const [lo, hi] = binomialRange(s.answered, s.weight / 100);
      return s.canary < lo || s.canary > hi;
    });
    const maxDev = Math.max(...r.splits.map((s) => Math.abs(s.canary / s.answered - s.weight / 100)));
    const parts: string[] = [];
    parts.push(
      `**${r.name}**: over ${r.rollbacks.length} rollbacks from ${BEFORE_ROLLBACK} %, reset() returned after ${ms0(median(a))} ms (median; ${ms0(Math.max(...a))} ms at most) and the last canary answer arrived ${ms0(median(b))} ms after t0 (median; ${ms0(Math.max(...b))} ms at most), so the 1 s goal was ${Math.max(...b) <= 1000 ? 'met in every run' : 'missed'}.`
    );
    parts.push(
      after === 0
        ? 'No request sent after reset() resolved was answered by the canary.'
        : `${after} request(s) sent after reset() resolved were still answered by the canary.`
    );
    parts.push(
      `Customers lost ${w.lost} of ${int(w.sent)} requests around ${w.events} weight changes and ${rb.lost} of ${int(rb.sent)} around ${rb.events} rollbacks (${ctl.lost} of ${int(ctl.sent)} with no change).`
    );
    parts.push(
      outside.length === 0
        ? `Every achieved split lay inside the 99 % binomial range of its requested weight (largest deviation ${(100 * maxDev).toFixed(2)} points).`
        : `The achieved split lay outside the 99 % binomial range at ${outside.map((s) => `${s.weight} %`).join(', ')} (largest deviation ${(100 * maxDev).toFixed(2)} points).`
    );
    const skewed = r.afterChange.filter((a) => {
      const [lo, hi] = binomialRange(a.answers, a.to / 100);
      return a.canary < lo || a.canary > hi;
    });
    parts.push(
      skewed.length === 0
        ? `In the first ${AFTER_CHANGE_MS / 1000} s after each of the ${r.afterChange.length} weight changes the canary's share lay inside the 99 % binomial range of the new weight.`
        : `In the first ${AFTER_CHANGE_MS / 1000} s after ${skewed.length} of the ${r.afterChange.length} weight changes the canary's share lay outside the 99 % binomial range of the new weight (${skewed
            .map((a) => `${a.from} → ${a.to} %: ${a.canary} of ${a.answers}`)
            .join('; ')}; longest run of consecutive canary answers ${Math.max(...skewed.map((a) => a.longestCanaryRun))}).`
    );
    if (r.warnings.length) parts.push(`The router logged ${r.warnings.length} warning(s): ${r.warnings.slice(0, 3).join(' | ')}`);
    L.push(`- ${parts.join(' ')}`);
  }
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = now();
  const machine: Record<string, string> = {
    date: new Date().toISOString().slice(0, 10),
    'CPU cores (`nproc`)': firstLine('nproc', []),
    CPU: os.cpus()[0]?.model ?? 'unknown',
    'load average (1 min) at start': os.loadavg()[0].toFixed(2),
    node: process.version,
    nginx: firstLine(NGINX_BIN, ['-v']),
    haproxy: firstLine(HAPROXY_BIN, ['-v']),
    kernel: `${os.type()} ${os.release()}`,
    command: '`npm run bench:routers` (`node --import tsx bench/routers.ts`)'
  };
  const results: RouterResult[] = [];
  try {
    for (const [i, name] of (['nginx', 'haproxy'] as const).entries()) {
      console.log(`${name}: measuring…`);
      const r = await benchRouter(name, new Rng(SEED + i));
      console.log(`${name}: done in ${(r.wallMs / 1000).toFixed(1)} s`);
      results.push(r);
    }
  } finally {
    await cleanupAll();
  }
  machine['load average (1 min) at the end'] = os.loadavg()[0].toFixed(2);
  const leftover = started.filter((p) => alive(p.pid)).map((p) => `${p.what} (pid ${p.pid})`);
  if (leftover.length) console.error(`Still running after the cleanup: ${leftover.join(', ')}`);
  const text = render(results, machine, now() - t0, leftover);
  writeFileSync(OUT, text);
  console.log(text);
  console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  await cleanupAll();
  process.exit(1);
});
