// A bounded load generator for router tests and benchmarks: customers' requests at a fixed rate
// through a proxy on loopback, tallied by the version that answered (the demo service's JSON body).
import http from 'node:http';

export interface LoadTally {
  /** Requests sent. */
  sent: number;
  /** Answers per version ("5xx" for a server error whose body names no version). */
  byVersion: Record<string, number>;
  /** HTTP status ≥ 500 per version ("?" when the body named none). */
  errorsByVersion: Record<string, number>;
  /** Requests that got no HTTP answer (ECONNRESET, refused, timeout), by error code. */
  transport: Record<string, number>;
  /** Epoch ms of every transport error (to line them up with reloads). */
  transportAt: number[];
}

export interface LoadOptions {
  /** e.g. http://127.0.0.1:PORT/ — must be a loopback address. */
  url: string;
  /** Requests per second, spread evenly. */
  rate: number;
  /** Keep-alive connections (default 16). */
  connections?: number;
  timeoutMs?: number;
}

export interface RunningLoad {
  /** Stops sending, waits for in-flight requests, returns the tally. */
  stop(): Promise<LoadTally>;
  /** The tally so far (a copy). */
  snapshot(): LoadTally;
  /** Zeroes the tally (e.g. at a step boundary) and returns what it held. */
  reset(): LoadTally;
}

function empty(): LoadTally {
  return { sent: 0, byVersion: {}, errorsByVersion: {}, transport: {}, transportAt: [] };
}

function copy(t: LoadTally): LoadTally {
  return {
    sent: t.sent,
    byVersion: { ...t.byVersion },
    errorsByVersion: { ...t.errorsByVersion },
    transport: { ...t.transport },
    transportAt: [...t.transportAt]
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function startLoad(options: LoadOptions): RunningLoad {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname) && !target.hostname.startsWith('127.')) throw new Error(`load generator: ${options.url} is not a loopback address`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 16 });
  const timeoutMs = options.timeoutMs ?? 5000;
  let tally = empty();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const periodMs = 1000 / options.rate;
  const t0 = Date.now();
  let due = 0;

  const one = (): Promise<void> =>
    new Promise<void>((resolve) => {
      tally.sent++;
      const req = http.get(target, { agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let version: string | undefined;
          try {
            version = (JSON.parse(body) as { version?: string }).version;
          } catch {
            const m = /injected fault in (\S+)/.exec(body);
            version = m?.[1];
          }
          const status = res.statusCode ?? 0;
          const key = version ?? (status >= 500 ? '5xx' : `status-${status}`);
          tally.byVersion[key] = (tally.byVersion[key] ?? 0) + 1;
          if (status >= 500) tally.errorsByVersion[version ?? '?'] = (tally.errorsByVersion[version ?? '?'] ?? 0) + 1;
          resolve();
        });
        res.on('error', () => fail('ERESPONSE'));
      });
      const fail = (code: string): void => {
        tally.transport[code] = (tally.transport[code] ?? 0) + 1;
        tally.transportAt.push(Date.now());
        resolve();
      };
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'ERROR'));
    });

  const tick = (): void => {
    if (stopped) return;
    const elapsed = Date.now() - t0;
    while (due * periodMs <= elapsed) {
      due++;
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    timer = setTimeout(tick, Math.max(1, Math.min(20, periodMs)));
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      agent.destroy();
      return copy(tally);
    },
    snapshot: () => copy(tally),
    reset() {
      const t = tally;
      tally = empty();
      return t;
    }
  };
}

/** Share of answers from `version` among all answers (transport errors excluded). */
export function shareOf(t: LoadTally, version: string): number {
  const answered = Object.values(t.byVersion).reduce((a, b) => a + b, 0);
  return answered ? (t.byVersion[version] ?? 0) / answered : 0;
}

/**
 * Whether `observed` of `n` is within z standard deviations of the binomial mean at share p
 * (plus one request, for routers that split deterministically).
 */
export function withinBinomial(observed: number, n: number, p: number, z = 4.5): boolean {
  const sd = Math.sqrt(n * p * (1 - p));
  return Math.abs(observed - n * p) <= z * sd + 1;
}
