// smoke-test and build run as bundles, the way the runner runs them.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { newJob, runBundle } from '../helpers/run-bundle.js';
import type { ReleaseManifest } from '../../shared/model/release.js';

let server: http.Server;
let base = '';
const seenAuth: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenAuth.push(String(req.headers.authorization ?? ''));
    if (req.url === '/broken') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('::error::injected <script>alert(1)</script> @everyone');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('smoke-test bundle', () => {
  test('passes, writes outputs and a summary table, masks header values', async () => {
    const run = await runBundle('smoke-test', {
      url: `${base}/\n${base}/health`,
      'expect-body': '"ok":true',
      requests: '5',
      headers: 'Authorization: Bearer s3cr3t-value',
      retries: '0'
    });
    expect([run.code, run.error]).toEqual([0, '']);
    expect(run.outputs).toMatchObject({ passed: 'true', failures: '0' });
    expect(run.summary).toContain(`${base}/health`);
    expect(seenAuth.filter((a) => a === 'Bearer s3cr3t-value').length).toBeGreaterThanOrEqual(10);
    expect(run.stdout).toContain('::add-mask::Bearer s3cr3t-value');
    const report = readFileSync(run.outputs.report, 'utf8');
    expect(report + run.summary).not.toContain('s3cr3t');
  });

  test('fails the step with passed=false, and untrusted bodies are escaped', async () => {
    const run = await runBundle('smoke-test', { url: `${base}/broken`, retries: '1', 'retry-delay': '10ms' });
    expect(run.code).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs.failures)).toBe(1);
    expect(run.error).toMatch(/^Smoke test failed: 1 of 1 requests/);
    expect(run.stdout).not.toMatch(/^::error::injected/m);
    expect(run.summary).not.toContain('<script>');
  });
});

describe('build bundle', () => {
  test('builds, packages reproducibly and writes the manifest', async () => {
    // Two builds in one job: the second must package the same bytes.
    const job = newJob();
    const ws = job.workspace;
    mkdirSync(path.join(ws, 'src'));
    writeFileSync(path.join(ws, 'src', 'app.js'), 'console.log(1)\n');
    const inputs = { command: 'mkdir -p out && cp src/app.js out/ && echo "$SHIPGATE_VERSION" > out/VERSION', artifact: 'out/**', version: '1.2.3' };
    const a = await runBundle('build', inputs, { sameJob: job });
    expect([a.code, a.error]).toEqual([0, '']);
    expect(a.outputs.version).toBe('1.2.3');
    expect(a.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Number(a.outputs['duration-ms'])).toBeGreaterThanOrEqual(0);
    const manifest = JSON.parse(readFileSync(a.outputs.manifest, 'utf8')) as ReleaseManifest;
    expect(manifest).toMatchObject({
      version: '1.2.3',
      digest: a.outputs.digest,
      commit: '0123456789abcdef0123456789abcdef01234567',
      files: ['out/VERSION', 'out/app.js']
    });
    expect(manifest.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const b = await runBundle('build', inputs, { sameJob: job });
    expect(b.outputs.digest).toBe(a.outputs.digest);
    expect(a.summary).toContain('1.2.3');
  });

  test('derives the version from the commit and fails with one sentence when the command fails', async () => {
    const job = newJob();
    const ok = await runBundle('build', { command: 'mkdir -p out && echo x > out/x', artifact: 'out' }, { sameJob: job });
    expect(ok.outputs.version).toBe('sha-0123456');
    const bad = await runBundle('build', { command: 'echo "::error::not from us"; exit 3', artifact: 'out' }, { sameJob: job });
    expect(bad.code).toBe(1);
    expect(bad.error).toBe('The build command exited with code 3.');
    expect(bad.stdout).not.toMatch(/^::error::not from us/m);
  });
});
