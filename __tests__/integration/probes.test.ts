// Active probes against a real loopback server: rate, classification, timeouts, counts, stop().
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeTraffic } from '../../shared/signals/probes.js';
import type { Sample } from '../../shared/model/sample.js';

interface Hits {
  [path: string]: number;
}

let server: http.Server;
let base: string;
const hits: Hits = {};
const seenHeaders: http.IncomingHttpHeaders[] = [];
let finishedSlow = 0;
let hugeBytes = 0;
let hugeCompleted = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    hits[p] = (hits[p] ?? 0) + 1;
    if (p === '/ok') {
      seenHeaders.push(req.headers);
      res.end('fine');
    } else if (p === '/missing') {
      res.writeHead(404).end('not here');
    } else if (p === '/broken') {
      res.writeHead(503).end(`::error::${'x'.repeat(500)}`);
    } else if (p === '/hang') {
      // Never answers; the probe's timeout must fire. Closed by closeAllConnections in afterAll.
    } else if (p === '/huge-error' || p === '/huge-ok') {
      // 100 MB a response, streamed with backpressure: what was sent is what the client pulled.
      res.writeHead(p === '/huge-error' ? 500 : 200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'e');
      let sent = 0;
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          hugeBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
        hugeCompleted++;
      };
      res.on('close', () => (sent = Infinity));
      pump();
    } else if (p === '/slow') {
      setTimeout(() => {
        finishedSlow++;
        res.end('late');
      }, 300);
    } else {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs probes for `ms`, then stops them and returns what read() gave over the run. */
async function probeFor(p: ProbeTraffic, ms: number): Promise<Sample[]> {
  await p.start({ weight: 10, startedAt: Date.now() });
  const out: Sample[] = [];
  await wait(ms / 2);
  out.push(...(await p.read()));
  await wait(ms / 2);
  await p.stop();
  out.push(...(await p.read()));
  return out;
}

describe('ProbeTraffic', () => {
  test('sends GETs to both urls, counts 4xx as ok and keeps the start of a 5xx body', async () => {
    const p = new ProbeTraffic({ canaryUrl: `${base}/broken`, stableUrl: `${base}/missing`, rate: 20, timeoutMs: 2000, counts: true });
    const before = { broken: hits['/broken'] ?? 0, missing: hits['/missing'] ?? 0 };
    const samples = await probeFor(p, 1000);
    const canary = samples.filter((s) => s.side === 'canary');
    const stable = samples.filter((s) => s.side === 'stable');
    // Loose bounds: 20 req/s for 1 s is about 20 each; a busy machine may fire fewer.
    expect(canary.length).toBeGreaterThanOrEqual(3);
    expect(canary.length).toBeLessThanOrEqual(30);
    expect(stable.length).toBeGreaterThanOrEqual(3);
    expect(canary.length).toBe((hits['/broken'] ?? 0) - before.broken);
    expect(stable.length).toBe((hits['/missing'] ?? 0) - before.missing);
    for (const s of canary) {
      expect(s).toMatchObject({ ok: false, status: 503, source: 'probe' });
      expect(s.detail).toHaveLength(200);
      expect(s.detail?.startsWith('::error::')).toBe(true); // kept raw: escaping is the renderer's job
      expect(s.latencyMs).toBeGreaterThanOrEqual(0);
    }
    for (const s of stable) expect(s).toMatchObject({ ok: true, status: 404 });
    expect(stable.every((s) => s.detail === undefined)).toBe(true);
  });

  test('a timeout and a refused connection are failures with status 0', async () => {
    // A port that was just free: nothing listens there.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const p = new ProbeTraffic({ canaryUrl: `${base}/hang`, stableUrl: `http://127.0.0.1:${deadPort}/`, rate: 5, timeoutMs: 200, counts: true });
    const samples = await probeFor(p, 800);
    const canary = samples.filter((s) => s.side === 'canary');
    const stable = samples.filter((s) => s.side === 'stable');
    expect(canary.length).toBeGreaterThan(0);
    expect(stable.length).toBeGreaterThan(0);
    for (const s of canary) {
      expect(s).toMatchObject({ ok: false, status: 0 });
      expect(s.detail).toBe('no response within 200 ms');
    }
    for (const s of stable) {
      expect(s).toMatchObject({ ok: false, status: 0 });
      expect(s.detail).toMatch(/ECONNREFUSED/);
    }
  });

  test('with counts: false it makes traffic but read() yields nothing; headers are sent', async () => {
    const before = hits['/ok'] ?? 0;
    const p = new ProbeTraffic({ canaryUrl: `${base}/ok`, rate: 20, timeoutMs: 2000, counts: false, headers: { authorization: 'Bearer probe-secret' } });
    const samples = await probeFor(p, 600);
    expect(samples).toEqual([]);
    expect((hits['/ok'] ?? 0) - before).toBeGreaterThan(0);
    expect(seenHeaders.at(-1)?.authorization).toBe('Bearer probe-secret');
    // Nothing is sent after stop().
    const after = hits['/ok'];
    await wait(200);
    expect(hits['/ok']).toBe(after);
  });

  test('stop() waits for the requests in flight and keeps their samples', async () => {
    finishedSlow = 0;
    const p = new ProbeTraffic({ canaryUrl: `${base}/slow`, rate: 10, timeoutMs: 5000, counts: true });
    await p.start({ weight: 10, startedAt: Date.now() });
    await wait(150); // the first probe is on its way, and the server holds it 300 ms
    await p.stop();
    const sent = hits['/slow'];
    expect(sent).toBeGreaterThan(0);
    expect(finishedSlow).toBe(sent);
    const samples = await p.read();
    expect(samples).toHaveLength(sent);
    expect(samples.every((s) => s.ok && s.status === 200)).toBe(true);
  });

  test('caps the requests in flight per url', async () => {
    const before = hits['/hang'] ?? 0;
    const p = new ProbeTraffic({ canaryUrl: `${base}/hang`, rate: 50, timeoutMs: 1500, counts: true, maxInFlight: 3 });
    await p.start({ weight: 10, startedAt: Date.now() });
    await wait(500);
    // 50 req/s for 0.5 s would be ~25 requests; none has returned yet, so only 3 may be out.
    expect((hits['/hang'] ?? 0) - before).toBe(3);
    await p.stop();
  });

  test('rejects a rate that is not positive', () => {
    expect(() => new ProbeTraffic({ canaryUrl: `${base}/ok`, rate: 0, timeoutMs: 100, counts: true })).toThrow(/probe rate/);
  });
});

describe('untrusted bodies', () => {
  test('a 100 MB body is never read whole: the error detail keeps its start, the rest is dropped', async () => {
    hugeBytes = 0;
    hugeCompleted = 0;
    const p = new ProbeTraffic({ canaryUrl: `${base}/huge-error`, stableUrl: `${base}/huge-ok`, rate: 5, timeoutMs: 5000, counts: true });
    const samples = await probeFor(p, 2000);
    const canary = samples.filter((s) => s.side === 'canary');
    expect(canary.length).toBeGreaterThanOrEqual(5);
    expect(canary.every((s) => !s.ok && s.status === 500 && /^e{200}$/.test(s.detail ?? ''))).toBe(true);
    // About 20 responses of 100 MB each were offered (reading them would pull ~2 GB): not one was
    // sent to the end, and what left the server is what loopback socket buffers hold, not 2 GB.
    expect(hugeCompleted).toBe(0);
    expect(hugeBytes).toBeLessThan(300 * 1024 * 1024);
  });
});
