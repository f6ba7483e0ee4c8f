// A real Prometheus server on loopback for integration tests: scrapes the given targets every second.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN || '/usr/bin/prometheus';

export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** A free loopback port: bind port 0, read it, release it (never 8080, which the OS does not hand out for 0 anyway). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 8080) return port;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves once it has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

async function get(url: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

export async function startPrometheus(targets: string[], opts: { readyTimeoutMs?: number } = {}): Promise<RunningPrometheus> {
  try {
    accessSync(PROMETHEUS_BIN, constants.X_OK);
  } catch {
    // Throw, never skip: a missing binary must turn the integration test red.
    throw new Error(`prometheus is not installed at ${PROMETHEUS_BIN}: apt-get install prometheus (.ci/run does this)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-prom-'));
  const config = path.join(dir, 'prometheus.yml');
  // JSON is YAML: no quoting questions for the target list.
  writeFileSync(
    config,
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' },
      scrape_configs: [{ job_name: 'shipgate-test', static_configs: [{ targets }] }]
    })
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const close = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  const fail = async (why: string): Promise<never> => {
    await close();
    throw new Error(`Prometheus did not start: ${why}. stderr: ${stderr.slice(-1500)}`);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // Ready first, then every target scraped at least once with up == 1.
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return fail(`exited with ${child.exitCode ?? child.signalCode}`);
    const err = await Promise.race([spawnError, sleep(0).then(() => null)]);
    if (err) return fail(err.message);
    const res = await get(`${url}/-/ready`);
    if (res?.status === 200) break;
    if (Date.now() > deadline) return fail('/-/ready never answered 200');
    await sleep(100);
  }
  let lastUp = '';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return fail(`exited with ${child.exitCode ?? child.signalCode}`);
    const res = await get(`${url}/api/v1/query?query=up`);
    if (res?.status === 200) {
      lastUp = res.text;
      const body = JSON.parse(res.text) as { data?: { result?: { metric: Record<string, string>; value: [number, string] }[] } };
      const up = new Map((body.data?.result ?? []).map((r) => [r.metric.instance, r.value[1]]));
      if (targets.every((t) => up.get(t) === '1')) break;
    }
    if (Date.now() > deadline) return fail(`not every target is up: ${lastUp.slice(0, 500)}`);
    await sleep(250);
  }
  return { url, close };
}
