// A loopback HTTP server with configurable routes, for integration tests (no interception libraries).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRoute {
  /** Default 200. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer `failStatus` (default 503) to the first N requests, then normally. */
  failFirst?: number;
  failStatus?: number;
  /** Answer with the request headers as JSON. */
  echoHeaders?: boolean;
  /**
   * Hold each request until this many are in flight at once (or `holdTimeoutMs` passes), then
   * release them all: proves concurrency without timing assertions.
   */
  holdUntilInFlight?: number;
  holdTimeoutMs?: number;
}

export interface RouteStats {
  hits: number;
  inFlight: number;
  maxInFlight: number;
  headers: http.IncomingHttpHeaders[];
}

export interface HttpFixture {
  /** `http://127.0.0.1:<port>` */
  url: string;
  stats(path: string): RouteStats;
  /** Changes or adds a route while running. */
  route(path: string, route: FixtureRoute): void;
  close(): Promise<void>;
}

export async function startHttpFixture(routes: Record<string, FixtureRoute>): Promise<HttpFixture> {
  const table = new Map(Object.entries(routes));
  const stats = new Map<string, RouteStats>();
  const timers = new Set<NodeJS.Timeout>();
  const held = new Map<string, (() => void)[]>();
  const statsFor = (p: string) => {
    let s = stats.get(p);
    if (!s) stats.set(p, (s = { hits: 0, inFlight: 0, maxInFlight: 0, headers: [] }));
    return s;
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    const route = table.get(p);
    const s = statsFor(p);
    s.hits++;
    s.inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
    s.headers.push(req.headers);
    const hit = s.hits;
    let finished = false;
    const done = () => {
      if (!finished) {
        finished = true;
        s.inFlight--;
      }
    };
    res.on('close', done);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
      return;
    }
    const answer = () => {
      if (res.destroyed) return;
      if (route.failFirst !== undefined && hit <= route.failFirst) {
        res.writeHead(route.failStatus ?? 503, { 'content-type': 'text/plain' }).end(`failing (${hit} of ${route.failFirst})`);
        return;
      }
      const body = route.echoHeaders ? JSON.stringify(req.headers) : (route.body ?? 'ok');
      res.writeHead(route.status ?? 200, { 'content-type': route.echoHeaders ? 'application/json' : 'text/plain', ...route.headers }).end(body);
    };
    const afterDelay = () => (route.delayMs ? later(route.delayMs, answer) : answer());
    if (route.holdUntilInFlight) {
      const waiting = held.get(p) ?? [];
      held.set(p, waiting);
      waiting.push(afterDelay);
      if (s.inFlight >= route.holdUntilInFlight) {
        for (const w of waiting.splice(0)) w();
      } else {
        later(route.holdTimeoutMs ?? 5000, () => {
          const i = waiting.indexOf(afterDelay);
          if (i >= 0) {
            waiting.splice(i, 1);
            afterDelay();
          }
        });
      }
      return;
    }
    afterDelay();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: (p) => statsFor(p),
    route: (p, r) => {
      table.set(p, r);
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
