// Issue 9, as the runner runs it: the smoke-test bundle against a loopback service that answers
// 401 and echoes the token it was sent. The token must be masked on its own (the runner only hides
// what ::add-mask:: names) and must not reach the summary, the report or any log line.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBundle } from '../helpers/run-bundle.js';

const TOKEN = 's3cr3t-XYZ';
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    res.writeHead(401, { 'content-type': 'text/plain' });
    res.end(`invalid token: ${token}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('smoke-test bundle: a header secret echoed by the service', () => {
  test('the token is masked on its own and redacted from the summary, the report and the log', async () => {
    const run = await runBundle(
      'smoke-test',
      { url: `${base}/api`, headers: `Authorization: Bearer ${TOKEN}`, retries: '1', 'retry-delay': '10ms' },
      { env: { RUNNER_DEBUG: '1' }, timeoutMs: 30_000 }
    );
    expect(run.code).toBe(1);
    expect(run.outputs.passed).toBe('false');
    const lines = run.stdout.split('\n');
    const report = readFileSync(run.outputs.report, 'utf8');
    expect(report).toContain('invalid token: ***');
    expect(report).not.toContain(TOKEN);
    expect(run.summary).toContain('invalid token: \\*\\*\\*');
    expect(run.summary).not.toContain(TOKEN);
    expect(lines).toEqual(expect.arrayContaining([`::add-mask::Bearer ${TOKEN}`, `::add-mask::${TOKEN}`]));
    expect(lines).not.toContain('::add-mask::Bearer');
    // Every log line but the mask commands themselves.
    expect(lines.filter((l) => !l.startsWith('::add-mask::') && l.includes(TOKEN))).toEqual([]);
    expect(run.stderr).not.toContain(TOKEN);
  });
});
