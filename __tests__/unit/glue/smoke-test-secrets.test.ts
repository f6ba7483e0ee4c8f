// Issue 9: a header value is a secret in every part. A service that answers 401 and echoes the
// token it was sent must not put the token into the summary, the report or the log, and every
// secret part of the value (not only the whole "Bearer …") is masked in the runner's log.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smokeTestAction } from '../../../shared/glue/smoke-test.js';
import { fakeRuntime, removeFakeDirs } from '../../helpers/fake-runtime.js';

const TOKEN = 's3cr3t-XYZ';
const API_KEY = 'k3y-0f-th3-ap1';
let server: http.Server;
let base = '';

beforeAll(async () => {
  // Answers 401 and echoes whatever credentials it got, the way many APIs do.
  server = http.createServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    const token = auth.replace(/^Bearer\s+/i, '');
    const key = String(req.headers['x-api-key'] ?? '');
    res.writeHead(401, { 'content-type': 'text/plain' });
    res.end(`invalid token: ${token}; key ${key} rejected`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  removeFakeDirs();
});

describe('smoke-test glue: header secrets', () => {
  const run = async () => {
    const rt = fakeRuntime({
      inputs: { url: `${base}/api`, headers: `Authorization: Bearer ${TOKEN}\nX-Api-Key: ${API_KEY}`, retries: '1', 'retry-delay': '0' }
    });
    await expect(smokeTestAction(rt)).rejects.toThrow(/^Smoke test failed: 1 of 1 requests/);
    return rt;
  };

  test('each secret part of a header value is masked, not only the whole value', async () => {
    const rt = await run();
    expect(rt.masks).toEqual(expect.arrayContaining([`Bearer ${TOKEN}`, TOKEN, API_KEY]));
    // "Bearer" is a scheme word, not a secret: masking it would blank every log line that says Bearer.
    expect(rt.masks).not.toContain('Bearer');
  });

  test('a response body that echoes a header secret is redacted in the summary, the report and the log', async () => {
    const rt = await run();
    const report = readFileSync(rt.reports[0], 'utf8');
    const everything = [report, ...rt.summaries, ...rt.infos, ...rt.warnings, ...rt.debugs].join('\n');
    expect(everything).toContain('invalid token: ***');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(API_KEY);
  });
});
