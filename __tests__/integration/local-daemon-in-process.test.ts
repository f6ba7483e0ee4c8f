// The local target's daemon started in this process (startDaemon), so its code (state, proxy,
// control server, process handling) runs where coverage sees it; the other local-target tests
// run it detached, as the actions do. LocalTarget and DaemonClient find it by its socket.
// Never call stopLocal() here: it signals the daemon's pid, which is this test's own process.
import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import { DaemonClient } from '../../shared/targets/local/client.js';
import { DaemonAlreadyRunning, recordedEntryPort, startDaemon, type DaemonHandle } from '../../shared/targets/local/daemon.js';
import { LocalOutcomesSource, LocalTarget } from '../../shared/targets/local/index.js';
import { statePaths } from '../../shared/targets/local/paths.js';
import { describeExit, freePort, isOurService, prepareArtifact } from '../../shared/targets/local/processes.js';
import type { DaemonInfo } from '../../shared/targets/local/protocol.js';
import type { Logger } from '../../shared/util/log.js';
import { START, pidAlive, readJsonFile, tempStateRoot, versionsAt, waitUntil } from '../helpers/local-service.js';

const tmp = tempStateRoot('sg-inproc-');
const open: DaemonHandle[] = [];
const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug: () => {} };

let n = 0;
function stateDir(): string {
  return path.join(tmp.dir, `env-${++n}`);
}

async function daemon(dir: string, options: { proxyPort?: number } = {}): Promise<DaemonHandle> {
  const h = await startDaemon({ stateDir: dir, logger, ...options });
  open.push(h);
  return h;
}

const ctx = (version: string): DeployContext => ({ environment: 'inproc', deploymentId: '1', version, previousVersion: '', weight: 0 });
const target = (dir: string, over: Partial<ConstructorParameters<typeof LocalTarget>[0]> = {}) =>
  new LocalTarget({ stateDir: dir, environment: 'inproc', startCommand: START, workingDirectory: tmp.dir, logger, ...over });

/** One GET on 127.0.0.1:port, with the proxy's headers. */
function get(port: number, urlPath = '/'): Promise<{ status: number; body: string; version?: string; side?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            version: res.headers['x-shipgate-version'] as string | undefined,
            side: res.headers['x-shipgate-side'] as string | undefined
          })
        );
      })
      .on('error', reject);
  });
}

afterEach(() => {
  lines.length = 0;
});

afterAll(async () => {
  for (const h of open) await h.close();
  tmp.remove();
});

describe('a rollout through the in-process daemon', () => {
  test('first release, canary split, side ports, counted outcomes, promote and rollbacks', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const info = readJsonFile<DaemonInfo>(path.join(dir, 'daemon.json'));
    expect(info).toMatchObject({ pid: process.pid, socket: h.socketPath, proxyPort: h.ports.entry, ports: h.ports });
    expect(await recordedEntryPort(statePaths(dir))).toBe(h.ports.entry);

    const t = target(dir);
    // The socket answers, so the target uses this daemon rather than starting one.
    expect((await t.ensureDaemon()).pid).toBe(process.pid);
    expect(await get(h.ports.entry)).toMatchObject({ status: 503, body: 'No version is running.\n' });

    // First release: no stable yet, so the entry sends everything to the canary.
    await t.deployCanary({ version: 'v1' }, ctx('v1'));
    expect(await get(h.ports.entry)).toMatchObject({ status: 200, version: 'v1', side: 'canary' });
    expect(await get(h.ports.stable)).toMatchObject({ status: 503, body: 'No version holds the stable role.\n' });
    await t.promote(ctx('v1'));
    expect(await t.status()).toMatchObject({ stable: { version: 'v1' }, canary: null, weight: 0 });
    // Promoting again with no canary but a stable version is a no-op.
    await t.promote(ctx('v1'));

    await t.deployCanary({ version: 'v2' }, ctx('v2'));
    expect(lines.some((l) => /v2 runs as canary at 0 % beside stable v1/.test(l))).toBe(true);
    const counter = t.requestCounter();
    expect(counter).toBeInstanceOf(LocalOutcomesSource);
    await counter!.start({ weight: 50, startedAt: Date.now() });
    await t.setWeight(50, ctx('v2'));
    expect(await versionsAt(`http://127.0.0.1:${h.ports.entry}/`, 10)).toEqual({ v1: 5, v2: 5 });
    expect(await get(h.ports.canary)).toMatchObject({ status: 200, version: 'v2', side: 'canary' });
    expect(await get(h.ports.stable)).toMatchObject({ status: 200, version: 'v1', side: 'stable' });
    // Health checks and scrapes are not customer outcomes and do not move the split.
    expect((await get(h.ports.entry, '/healthz')).status).toBe(200);
    const samples = await counter!.read();
    expect(samples.filter((s) => s.side === 'canary')).toHaveLength(6);
    expect(samples.filter((s) => s.side === 'stable')).toHaveLength(6);
    expect(samples.every((s) => s.ok && s.status === 200 && s.source === 'local-proxy')).toBe(true);
    expect(t.requestCounter({ canaryUrl: 'http://127.0.0.1:1/' })).toBeNull();

    // Rolling back to the stable version retires the canary.
    await t.rollback({ version: 'v1' }, ctx('v2'));
    expect(await t.status()).toMatchObject({ stable: { version: 'v1' }, canary: null, weight: 0 });

    // Rolling back to the canary's version makes the canary stable.
    await t.deployCanary({ version: 'v3' }, ctx('v3'));
    await t.rollback({ version: 'v3' }, ctx('v3'));
    expect(await t.status()).toMatchObject({ stable: { version: 'v3' }, canary: null });

    // A version that ran before but holds no role is started again from the registry.
    await t.rollback({ version: 'v1' }, ctx('v3'));
    const d = (await t.details())!;
    expect(d.stable).toMatchObject({ release: { version: 'v1' }, alive: true });
    expect(d.known).toEqual(expect.arrayContaining(['v1', 'v2', 'v3']));
    expect(await versionsAt(`http://127.0.0.1:${h.ports.entry}/`, 3)).toEqual({ v1: 3 });

    // Rollback to nothing (no previous version) only drops the canary.
    await t.deployCanary({ version: 'v4' }, ctx('v4'));
    await t.rollback(null, ctx('v4'));
    expect(await t.status()).toMatchObject({ stable: { version: 'v1' }, canary: null });

    const versions = readJsonFile<{ versions: { release: { version: string } }[] }>(path.join(dir, 'versions.json')).versions.map((v) => v.release.version);
    expect(versions).toEqual(expect.arrayContaining(['v1', 'v2', 'v3', 'v4']));
    expect(readJsonFile<{ stable: { version: string } }>(path.join(dir, 'roles.json')).stable.version).toBe('v1');

    await h.close();
    await h.closed;
    expect(pidAlive(d.stable!.pid)).toBe(false);
    expect(existsSync(path.join(dir, 'daemon.json'))).toBe(false);
    expect(existsSync(h.socketPath)).toBe(false);
    // The entry port is kept for the next daemon of this state dir.
    expect(await recordedEntryPort(statePaths(dir))).toBe(h.ports.entry);
  });

  test('a second daemon for the same state dir is refused', async () => {
    const dir = stateDir();
    await daemon(dir);
    await expect(startDaemon({ stateDir: dir, logger })).rejects.toBeInstanceOf(DaemonAlreadyRunning);
  });

  test('a shutdown request stops the daemon and its versions', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const t = target(dir);
    await t.deployCanary({ version: 'v1' }, ctx('v1'));
    const pid = (await t.details())!.canary!.pid;
    expect(await new DaemonClient(dir).shutdown()).toEqual({ stopping: true });
    await h.closed;
    expect(pidAlive(pid)).toBe(false);
    expect(await t.details()).toBeNull();
    expect(await t.status()).toEqual({ stable: null, canary: null, weight: 0 });
  });
});

describe('the control API refuses bad requests with one sentence', () => {
  test('weights, promotes, deploys and rollbacks that cannot be done', async () => {
    const dir = stateDir();
    await daemon(dir);
    const client = new DaemonClient(dir);
    await expect(client.setWeight(10)).rejects.toThrow('There is no canary to shift traffic to: deploy one first.');
    await expect(client.promote()).rejects.toThrow('There is no canary to promote: deploy one first.');
    await expect(client.request('POST', '/deploy', { release: {} })).rejects.toThrow('A deploy needs a release with a version.');
    await expect(client.rollback({ release: { version: 'v9' }, environment: 'inproc', readyTimeoutMs: 1000 })).rejects.toThrow(
      'Cannot roll back to v9: this local target never ran it and no start command was given.'
    );
    await expect(client.request('GET', '/nope')).rejects.toThrow('Unknown control request GET /nope.');
    await target(dir).deployCanary({ version: 'v1' }, ctx('v1'));
    await expect(client.setWeight(150)).rejects.toThrow('The weight must be a number from 0 to 100, not 150.');
    expect((await client.samples(0, 5)).records).toEqual([]);
  });

  test('a body that is not JSON, or too large, is refused', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const raw = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ socketPath: h.socketPath, method: 'POST', path: '/weight', headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: 0, body: '' }) : reject(err)));
        req.end(body);
      });
    expect(await raw('{not json')).toEqual({ status: 400, body: JSON.stringify({ error: 'Control request is not JSON.' }) });
    const big = await raw(JSON.stringify({ percent: 1, pad: 'x'.repeat(1_100_000) }));
    // The daemon answers 413 and drops the connection; either is a refusal.
    expect([0, 413]).toContain(big.status);
    expect((await new DaemonClient(dir).status()).pid).toBe(process.pid);
  });
});

describe('versions that fail', () => {
  test('a start command that exits before it is ready fails the deploy with its log tail', async () => {
    const dir = stateDir();
    await daemon(dir);
    const t = target(dir, { startCommand: 'echo "cannot bind"; exit 3' });
    await expect(t.deployCanary({ version: 'bad' }, ctx('bad'))).rejects.toThrow(
      /^Version bad exited with code 3 before it became ready\. Last lines of .*bad\.log: cannot bind$/
    );
    expect((await t.details())!.canary).toBeNull();
  });

  test('a service that never listens fails after the ready timeout', async () => {
    const dir = stateDir();
    await daemon(dir);
    const t = target(dir, { startCommand: 'sleep 30', readyTimeoutMs: 700 });
    await expect(t.deployCanary({ version: 'mute' }, ctx('mute'))).rejects.toThrow(/did not answer on port \d+ within 0\.7 s/);
  });

  test('an empty start command is refused before anything starts', async () => {
    const dir = stateDir();
    await daemon(dir);
    await expect(target(dir, { startCommand: '  ' }).deployCanary({ version: 'none' }, ctx('none'))).rejects.toThrow(/^No start command for none/);
  });

  test('a canary that dies is answered 502, counted as a failure, and cannot be promoted', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const t = target(dir);
    await t.deployCanary({ version: 'v1' }, ctx('v1'));
    await t.promote(ctx('v1'));
    await t.deployCanary({ version: 'v2' }, ctx('v2'));
    const counter = new LocalOutcomesSource({ stateDir: dir, expectDaemon: true });
    await counter.start();
    const pid = (await t.details())!.canary!.pid;
    process.kill(-pid, 'SIGKILL');
    expect(await waitUntil(async () => (await t.details())!.canary!.alive === false)).toBe(true);
    expect(lines.some((l) => /warning: canary v2 \(pid \d+\) exited on signal SIGKILL; its traffic now gets 502\./.test(l))).toBe(true);
    const res = await get(h.ports.canary);
    expect(res).toMatchObject({ status: 502, version: 'v2', side: 'canary' });
    expect(res.body).toBe('canary v2 is not running (it exited on signal SIGKILL)\n');
    const [sample] = await counter.read();
    expect(sample).toMatchObject({ side: 'canary', ok: false, status: 0, detail: 'canary v2 is not running (it exited on signal SIGKILL)' });
    await expect(t.promote(ctx('v2'))).rejects.toThrow('The canary v2 cannot be promoted: it is not running (it exited on signal SIGKILL).');
    // A new canary replaces the dead one.
    await t.deployCanary({ version: 'v3' }, ctx('v3'));
    expect(await t.status()).toMatchObject({ stable: { version: 'v1' }, canary: { version: 'v3' } });
  });

  test('a 5xx answer is recorded with the start of its body', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const t = target(dir, { startCommand: `FAULT_ERROR_RATE=1 ${START}` });
    await t.deployCanary({ version: 'v5' }, ctx('v5'));
    const counter = new LocalOutcomesSource({ client: t.client });
    await counter.start();
    expect((await get(h.ports.canary, '/x')).status).toBe(500);
    expect(await counter.read()).toEqual([expect.objectContaining({ side: 'canary', ok: false, status: 500, detail: 'injected fault in v5' })]);
  });
});

describe('a restarted daemon', () => {
  test('starts again what held a role, on the entry port it had, and names what it cannot restore', async () => {
    const dir = stateDir();
    const first = await daemon(dir);
    const t = target(dir);
    await t.deployCanary({ version: 'v1' }, ctx('v1'));
    await t.promote(ctx('v1'));
    await t.deployCanary({ version: 'v2' }, ctx('v2'));
    await t.setWeight(25, ctx('v2'));
    await first.close();
    // A crash leaves roles.json as it was (a clean stop clears it): write what a crash leaves.
    const paths = statePaths(dir);
    writeFileSync(
      paths.roles,
      JSON.stringify({ stable: { version: 'v1', pid: 999999, port: 1 }, canary: { version: 'v2', pid: 999998, port: 2 }, weight: 25 })
    );

    const second = await daemon(dir);
    expect(second.ports.entry).toBe(first.ports.entry);
    const s = (await t.details())!;
    expect(s).toMatchObject({ stable: { release: { version: 'v1' }, alive: true }, canary: { release: { version: 'v2' }, alive: true }, weight: 25 });
    expect(lines).toEqual(expect.arrayContaining(['restored stable v1 after a restart', 'restored canary v2 after a restart', 'restored canary v2 at 25 %']));
    await second.close();

    writeFileSync(paths.roles, JSON.stringify({ stable: { version: 'gone', pid: 999999, port: 1 }, canary: null, weight: 0 }));
    const third = await daemon(dir);
    expect(lines).toContain('warning: cannot restore stable gone: it is not in the registry');
    expect((await t.details())!.stable).toBeNull();
    await third.close();
  });

  test('a taken entry port is given up for a free one, with a warning', async () => {
    const dir = stateDir();
    const first = await daemon(dir);
    const port = first.ports.entry;
    await first.close();
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const second = await daemon(dir);
      expect(second.ports.entry).not.toBe(port);
      expect(lines).toContain(
        `warning: the entry port ${port} this state dir used before is taken by another process: the proxy listens on ${second.ports.entry} instead`
      );
      await second.close();
      // proxy-port given and taken: the daemon does not start, and leaves no lock behind.
      await expect(startDaemon({ stateDir: dir, logger, proxyPort: port })).rejects.toThrow(`proxy-port ${port} is already in use on 127.0.0.1`);
      expect(existsSync(statePaths(dir).lock)).toBe(false);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});

describe('artifacts and processes', () => {
  test('a .tar.gz artifact is unpacked once per digest and its folder handed to the service', async () => {
    const dir = stateDir();
    const paths = statePaths(dir);
    const src = path.join(tmp.dir, 'art-src');
    mkdirSync(path.join(src, 'out'), { recursive: true });
    writeFileSync(path.join(src, 'out', 'service.json'), '{"errorRate":0}');
    const archive = path.join(tmp.dir, 'v1.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', src, 'out']);
    const release = { version: 'v1', artifact: archive, digest: 'sha256:aa' };

    const unpacked = await prepareArtifact(release, paths);
    expect(unpacked).toBe(path.join(paths.releases, 'v1'));
    expect(readFileSync(path.join(unpacked!, 'out', 'service.json'), 'utf8')).toBe('{"errorRate":0}');
    // Same digest: reused as it is (a marker file survives).
    writeFileSync(path.join(unpacked!, 'marker'), '');
    expect(await prepareArtifact(release, paths, 'sha256:aa')).toBe(unpacked);
    expect(existsSync(path.join(unpacked!, 'marker'))).toBe(true);
    // Another digest: unpacked afresh.
    expect(await prepareArtifact({ ...release, digest: 'sha256:bb' }, paths, 'sha256:aa')).toBe(unpacked);
    expect(existsSync(path.join(unpacked!, 'marker'))).toBe(false);
    // The archive gone (its job's RUNNER_TEMP removed): the unpacked copy is the target's own.
    rmSync(archive);
    expect(await prepareArtifact(release, paths)).toBe(unpacked);
    await expect(prepareArtifact({ version: 'v2', artifact: path.join(tmp.dir, 'v2.tar.gz') }, paths)).rejects.toThrow(
      /^The artifact of v2 does not exist: .*v2\.tar\.gz/
    );

    // A folder is used as it is; a plain file gives its folder; none gives none.
    expect(await prepareArtifact({ version: 'd', artifact: src }, paths)).toBe(src);
    expect(await prepareArtifact({ version: 'f', artifact: path.join(src, 'out', 'service.json') }, paths)).toBe(path.join(src, 'out'));
    expect(await prepareArtifact({ version: 'n' }, paths)).toBeUndefined();
    // An archive that is not one fails with tar's words.
    const broken = path.join(tmp.dir, 'broken.tgz');
    writeFileSync(broken, 'not gzip');
    await expect(prepareArtifact({ version: 'b', artifact: broken }, paths)).rejects.toThrow(/^Could not unpack the artifact of b/);
  });

  test('the service gets its artifact folder, version and port in its environment', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const art = path.join(tmp.dir, 'art-env');
    mkdirSync(art, { recursive: true });
    writeFileSync(path.join(art, 'service.json'), '{"errorRate":1}');
    const t = target(dir);
    await t.deployCanary({ version: 'vart', artifact: art }, ctx('vart'));
    // service.json in the artifact folder makes every answer a 500: the service read it.
    expect((await get(h.ports.canary, '/')).status).toBe(500);
    const pid = (await t.details())!.canary!.pid;
    expect(isOurService(pid, 'vart')).toBe(true);
    expect(isOurService(pid, 'other')).toBe(false);
  });

  test('small helpers', async () => {
    expect(describeExit(null)).toBe('for an unknown reason');
    expect(describeExit({ code: 2, signal: null })).toBe('with code 2');
    expect(describeExit({ code: null, signal: 'SIGTERM' })).toBe('on signal SIGTERM');
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(8080);
    // /proc cannot tell about a pid that does not exist: the guard does not block.
    expect(isOurService(2 ** 22 + 1, 'v')).toBe(true);
  });
});

describe('preflight', () => {
  test('a proxy-port another process holds fails before a daemon starts; a running daemon is not asked again', async () => {
    const dir = stateDir();
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(target(dir, { proxyPort: port }).preflight()).rejects.toThrow(`proxy-port ${port} is already in use on 127.0.0.1`);
      expect(existsSync(path.join(dir, 'daemon.json'))).toBe(false);
      await daemon(dir);
      await expect(target(dir, { proxyPort: port }).preflight()).resolves.toBeUndefined();
      // The daemon runs on another port: the wanted one applies at its next start.
      await target(dir, { proxyPort: port }).ensureDaemon();
      expect(lines.some((l) => l.startsWith('warning: Local target: the proxy already runs on port'))).toBe(true);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  test('a version to restore must be running, known with its files, or startable from an artifact here', async () => {
    const dir = stateDir();
    await daemon(dir);
    const art = path.join(tmp.dir, `art-pre-${n}`);
    mkdirSync(art, { recursive: true });
    const t = target(dir);
    await t.deployCanary({ version: 'v1', artifact: art }, ctx('v1'));
    await t.promote(ctx('v1'));
    await t.deployCanary({ version: 'v2' }, ctx('v2'));
    await t.rollback({ version: 'v1' }, ctx('v2'));

    // Running as stable, or known to the registry: fine.
    await expect(t.preflight({ restore: { version: 'v1' } })).resolves.toBeUndefined();
    await expect(t.preflight({ restore: { version: 'v2' } })).resolves.toBeUndefined();
    await expect(t.preflight({})).resolves.toBeUndefined();
    // Never ran, nothing to start.
    await expect(t.preflight({ restore: { version: 'v9' } })).rejects.toThrow(
      /never ran v9 on this machine \(it has run v1, v2\) and no artifact of it is known/
    );
    await expect(t.preflight({ restore: { version: 'v9', artifact: path.join(tmp.dir, 'nowhere.tgz') } })).rejects.toThrow(
      /its artifact .*nowhere\.tgz is not on this machine/
    );
    // Never ran, but its artifact is here: startable with a start command only.
    await expect(t.preflight({ restore: { version: 'v9', artifact: art } })).resolves.toBeUndefined();
    await expect(target(dir, { startCommand: '' }).preflight({ restore: { version: 'v9', artifact: art } })).rejects.toThrow(
      /no start-command was given to start its artifact/
    );
    // Known, but not running and its files are gone.
    await t.deployCanary({ version: 'v3' }, ctx('v3'));
    await t.promote(ctx('v3'));
    rmSync(art, { recursive: true });
    await expect(t.preflight({ restore: { version: 'v1' } })).rejects.toThrow(
      /ran it on this machine, but its artifact .* is gone and no unpacked copy of it is left/
    );
  });

  test('rollback to nothing with no daemon running does nothing', async () => {
    const dir = stateDir();
    await target(dir).rollback(null, ctx('v1'));
    expect(existsSync(path.join(dir, 'daemon.json'))).toBe(false);
  });
});

describe('the outcome counter', () => {
  test('without a daemon: an error when one is expected, else no samples', async () => {
    const dir = stateDir();
    await expect(new LocalOutcomesSource({ stateDir: dir, expectDaemon: true }).start()).rejects.toThrow(/daemon for .* is not running/);
    const quiet = new LocalOutcomesSource(dir);
    await quiet.start();
    expect(await quiet.read()).toEqual([]);
    await quiet.stop();
    expect(() => new LocalOutcomesSource({})).toThrow('LocalOutcomesSource needs the local target state dir or a client.');
  });

  test('a daemon that stops during the step fails the next read with one sentence', async () => {
    const dir = stateDir();
    const h = await daemon(dir);
    const counter = new LocalOutcomesSource({ stateDir: dir, expectDaemon: true });
    await counter.start();
    await h.close();
    await expect(counter.read()).rejects.toThrow(/^The local target's daemon \(pid \d+\) stopped during the step: /);
  });
});
