// Issue 9: a probed service that answers 5xx and echoes the credentials it was sent must not put
// them into a sample's detail (which reaches the rollout report and summary).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeTraffic } from '../../shared/signals/probes.js';

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(503).end(`bad token ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}; also ghs_probeT0ken123 and ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('probe details', () => {
  test('each header secret part, and any other secret the probes are told, is redacted from a detail', async () => {
    const p = new ProbeTraffic({
      canaryUrl: `${base}/x?k=pr0be-s3cret`,
      rate: 50,
      timeoutMs: 2000,
      counts: true,
      headers: { authorization: 'Bearer pr0be-s3cret' },
      secrets: ['ghs_probeT0ken123']
    });
    await p.start();
    await new Promise((r) => setTimeout(r, 150));
    await p.stop();
    const samples = await p.read();
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      expect(s.detail).toMatch(/^bad token \*\*\*; also \*\*\* and \/x\?k=\*\*\*$/);
    }
  });
});
