// The local target over real processes: a detached daemon (from source, through tsx), the demo
// service as every version, and several LocalTarget objects standing in for separate action steps.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Release } from '../../shared/model/release.js';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import { LocalOutcomesSource, LocalTarget, stopLocal } from '../../shared/targets/local/index.js';
import type { DaemonInfo } from '../../shared/targets/local/protocol.js';
import { START, pidAlive, readJsonFile, tempStateRoot, versionsAt, waitUntil } from '../helpers/local-service.js';

const tmp = tempStateRoot();
const stateDir = path.join(tmp.dir, 'local', 'test');
const ctx = (version: string): DeployContext => ({ environment: 'test', deploymentId: '1', version, previousVersion: '', weight: 0 });
const v = (version: string, extra: Partial<Release> = {}): Release => ({ version, ...extra });
const newTarget = (extra: Partial<ConstructorParameters<typeof LocalTarget>[0]> = {}) =>
  new LocalTarget({ stateDir, environment: 'test', startCommand: START, workingDirectory: tmp.dir, readyTimeoutMs: 15_000, ...extra });

let target: LocalTarget;
let entry: string;

beforeAll(() => {
  target = newTarget();
});

afterAll(async () => {
  await stopLocal(stateDir);
  tmp.remove();
});

async function urls() {
  const s = await target.status();
  return { entry: s.urls?.entry ?? '', stable: s.urls?.stable ?? '', canary: s.urls?.canary ?? '' };
}

describe('LocalTarget with the demo service', () => {
  test('with no daemon: status() does not start one, stopLocal is a no-op, the outcome source reads nothing', async () => {
    const cli = newTarget({ startCommand: '' });
    expect(await cli.status()).toEqual({ stable: null, canary: null, weight: 0 });
    expect(existsSync(path.join(stateDir, 'daemon.json'))).toBe(false);
    await expect(stopLocal(stateDir)).resolves.toEqual({ daemonPid: null, orphansKilled: [] });
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 0, startedAt: Date.now() });
    expect(await source.read()).toEqual([]);
  });

  test('first release: v1 starts as canary with no stable, the entry still serves it, promote makes it stable', async () => {
    await target.deployCanary(v('v1'), ctx('v1'));
    let s = await target.status();
    expect([s.stable, s.canary?.version, s.weight]).toEqual([null, 'v1', 0]);
    expect(s.urls?.stable).toBeUndefined();
    entry = s.urls!.entry!;
    expect(await versionsAt(entry, 5)).toEqual({ v1: 5 });
    await target.setWeight(100, ctx('v1'));
    await target.promote(ctx('v1'));
    s = await target.status();
    expect([s.stable?.version, s.canary, s.weight]).toEqual(['v1', null, 0]);
    expect(await versionsAt(entry, 10)).toEqual({ v1: 10 });
    const info = readJsonFile<DaemonInfo>(path.join(stateDir, 'daemon.json'));
    expect(info.proxyPort).toBe(Number(new URL(entry).port));
    expect(info.urls).toEqual({
      entry,
      stable: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
      canary: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    });
    expect(info.socket).toBe(info.socketPath);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(info.socket).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(stateDir, 'logs', 'v1.log'), 'utf8')).toContain('demo service v1 listening');
  });

  test('v2 as canary: 0 % keeps the entry on v1; 50 % and 10 % split it exactly; side ports reach each role', async () => {
    await target.deployCanary(v('v2'), ctx('v2'));
    expect(await versionsAt(entry, 6)).toEqual({ v1: 6 });
    await target.setWeight(50, ctx('v2'));
    expect(await versionsAt(entry, 20)).toEqual({ v1: 10, v2: 10 });
    await target.setWeight(10, ctx('v2'));
    expect(await versionsAt(entry, 50)).toEqual({ v1: 45, v2: 5 });
    const u = await urls();
    expect(await versionsAt(u.stable, 4)).toEqual({ v1: 4 });
    expect(await versionsAt(u.canary, 4)).toEqual({ v2: 4 });
    const s = await target.status();
    expect([s.stable?.version, s.canary?.version, s.weight]).toEqual(['v1', 'v2', 10]);
  });

  test('every request through the proxy is recorded on its side, and read() returns only what is new', async () => {
    await target.setWeight(50, ctx('v2'));
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 50, startedAt: Date.now() });
    const u = await urls();
    await versionsAt(u.canary, 4);
    await versionsAt(u.stable, 3);
    await versionsAt(entry, 10);
    const samples = await source.read();
    const bySide = { canary: samples.filter((s) => s.side === 'canary').length, stable: samples.filter((s) => s.side === 'stable').length };
    expect(bySide).toEqual({ canary: 9, stable: 8 });
    expect(samples.every((s) => s.ok && s.status === 200 && s.source === 'local-proxy' && s.latencyMs !== null && s.latencyMs >= 0)).toBe(true);
    expect(await source.read()).toEqual([]);
    await versionsAt(u.canary, 2);
    expect((await source.read()).map((s) => s.side)).toEqual(['canary', 'canary']);
    await source.stop();
  });

  test('/healthz and /metrics through the proxy are served but not recorded, and do not shift the split', async () => {
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 50, startedAt: Date.now() });
    const u = await urls();
    for (const base of [u.canary, u.stable, entry]) {
      expect((await fetch(new URL('/healthz', base))).status).toBe(200);
      const metrics = await fetch(new URL('/metrics', base));
      expect(await metrics.text()).toContain('http_requests_total');
    }
    expect(await source.read()).toEqual([]);
    // 50 %: the entry still alternates exactly, as if the scrapes had not happened.
    expect(await versionsAt(entry, 10)).toEqual({ v1: 5, v2: 5 });
    expect((await source.read()).length).toBe(10);
  });

  test('a second LocalTarget (another action process) finds the running daemon instead of starting one', async () => {
    const before = await target.details();
    const second = newTarget();
    const again = await second.ensureDaemon();
    expect(again.pid).toBe(before!.pid);
    const s = await second.status();
    expect([s.stable?.version, s.canary?.version, s.weight, s.urls?.entry]).toEqual(['v1', 'v2', 50, entry]);
  });

  test('rollback puts all traffic on v1 and stops v2; calling it twice is safe', async () => {
    const canaryPid = (await target.details())!.canary!.pid;
    const second = newTarget();
    await second.rollback(v('v1'), ctx('v2'));
    expect(await versionsAt(entry, 20)).toEqual({ v1: 20 });
    expect(await waitUntil(() => !pidAlive(canaryPid))).toBe(true);
    await second.rollback(v('v1'), ctx('v2'));
    const s = await target.status();
    expect([s.stable?.version, s.canary, s.weight]).toEqual(['v1', null, 0]);
    expect(s.urls?.canary).toBeUndefined();
  });

  test('a canary whose process dies: its side answers 502, the outcome is recorded as an error, promote refuses', async () => {
    await target.deployCanary(v('v3'), ctx('v3'));
    const u = await urls();
    const pid = (await target.details())!.canary!.pid;
    process.kill(-pid, 'SIGKILL');
    expect(await waitUntil(async () => (await target.details())!.canary!.alive === false)).toBe(true);
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 0, startedAt: Date.now() });
    const res = await fetch(u.canary);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('canary v3 is not running');
    const [sample] = await source.read();
    expect(sample).toMatchObject({ side: 'canary', ok: false, status: 0 });
    expect(sample.detail).toMatch(/not running \(it exited on signal SIGKILL\)/);
    await expect(target.promote(ctx('v3'))).rejects.toThrow(/cannot be promoted: it is not running/);
    await target.rollback(v('v1'), ctx('v3'));
    expect(await versionsAt(entry, 5)).toEqual({ v1: 5 });
  });

  test('a start command that never becomes ready fails with a clear sentence and leaves no process', async () => {
    const pidFile = path.join(tmp.dir, 'never-ready.pid');
    const stuck = newTarget({ startCommand: `echo $$ > ${JSON.stringify(pidFile)}; exec sleep 60`, readyTimeoutMs: 1500 });
    await expect(stuck.deployCanary(v('v-stuck'), ctx('v-stuck'))).rejects.toThrow(
      /^The start command of v-stuck did not answer on port \d+ within 1\.5 s; see .*logs\/v-stuck\.log\./
    );
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !pidAlive(pid), 5000)).toBe(true);
    const s = await target.status();
    expect([s.stable?.version, s.canary]).toEqual(['v1', null]);
    expect(await versionsAt(entry, 3)).toEqual({ v1: 3 });
  });

  test('a start command that exits at once says so, with the end of its log', async () => {
    const broken = newTarget({ startCommand: 'echo "cannot open config" >&2; exit 3' });
    await expect(broken.deployCanary(v('v-broken'), ctx('v-broken'))).rejects.toThrow(
      /^Version v-broken exited with code 3 before it became ready\. Last lines of .*v-broken\.log: cannot open config/
    );
  });

  test('a faulty canary (FAULT_ERROR_RATE in its start command): 5xx samples carry the body, stable stays clean', async () => {
    const faulty = newTarget({ startCommand: `FAULT_ERROR_RATE=1 ${START}` });
    await faulty.deployCanary(v('v5'), ctx('v5'));
    await faulty.setWeight(50, ctx('v5'));
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 50, startedAt: Date.now() });
    expect(await versionsAt(entry, 10)).toEqual({ v1: 5, '5xx': 5 });
    const samples = await source.read();
    const canary = samples.filter((s) => s.side === 'canary');
    expect(canary.map((s) => [s.ok, s.status, s.detail])).toEqual(Array(5).fill([false, 500, 'injected fault in v5']));
    expect(samples.filter((s) => s.side === 'stable').map((s) => s.ok)).toEqual(Array(5).fill(true));
    const pid = (await faulty.details())!.canary!.pid;
    await faulty.rollback(v('v1'), ctx('v5'));
    expect(await waitUntil(() => !pidAlive(pid))).toBe(true);
  });

  test('a .tar.gz artifact is unpacked for the service: a faulty build shows its 5xx bodies in the samples', async () => {
    const src = path.join(tmp.dir, 'build-v4');
    mkdirSync(path.join(src, 'out'), { recursive: true });
    writeFileSync(path.join(src, 'out', 'service.json'), JSON.stringify({ errorRate: 1 }));
    const artifact = path.join(tmp.dir, 'v4.tar.gz');
    execFileSync('tar', ['-czf', artifact, '-C', src, 'out']);
    await target.deployCanary(v('v4', { artifact, digest: 'sha256:test4' }), ctx('v4'));
    expect(existsSync(path.join(stateDir, 'releases', 'v4', 'out', 'service.json'))).toBe(true);
    const source = new LocalOutcomesSource({ stateDir });
    await source.start({ weight: 0, startedAt: Date.now() });
    const u = await urls();
    expect(await versionsAt(u.canary, 3)).toEqual({ '5xx': 3 });
    expect(await versionsAt(u.stable, 2)).toEqual({ v1: 2 });
    const samples = await source.read();
    expect(samples.filter((s) => s.side === 'canary').map((s) => [s.ok, s.status, s.detail])).toEqual([
      [false, 500, 'injected fault in v4'],
      [false, 500, 'injected fault in v4'],
      [false, 500, 'injected fault in v4']
    ]);
    expect(samples.filter((s) => s.side === 'stable').every((s) => s.ok)).toBe(true);
    await target.rollback(v('v1'), ctx('v4'));
  });

  test('rollback to an older version the daemon ran before starts it again and stops the rest', async () => {
    await target.deployCanary(v('v2'), ctx('v2'));
    await target.setWeight(100, ctx('v2'));
    await target.promote(ctx('v2'));
    expect(await versionsAt(entry, 5)).toEqual({ v2: 5 });
    const v2Pid = (await target.details())!.stable!.pid;
    // Another step (auto-rollback) that has no start command of its own: the registry has v1's.
    const restorer = newTarget({ startCommand: '' });
    await restorer.rollback(v('v1'), ctx('v1'));
    expect(await versionsAt(entry, 10)).toEqual({ v1: 10 });
    expect(await waitUntil(() => !pidAlive(v2Pid))).toBe(true);
    const s = await restorer.status();
    expect([s.stable?.version, s.canary, s.weight]).toEqual(['v1', null, 0]);
    await restorer.rollback(v('v1'), ctx('v1'));
    await expect(restorer.rollback(v('v-never'), ctx('v1'))).rejects.toThrow(
      /Cannot roll back to v-never: this local target never ran it and no start command was given/
    );
  });

  test('stopLocal stops the daemon and every version; nothing is left', async () => {
    const info = readJsonFile<DaemonInfo>(path.join(stateDir, 'daemon.json'));
    const stablePid = (await target.details())!.stable!.pid;
    expect(pidAlive(info.pid) && pidAlive(stablePid)).toBe(true);
    await stopLocal(stateDir);
    expect(pidAlive(info.pid)).toBe(false);
    expect(pidAlive(stablePid)).toBe(false);
    expect(existsSync(info.socketPath)).toBe(false);
    expect(existsSync(path.join(stateDir, 'daemon.json'))).toBe(false);
    await expect(fetch(entry)).rejects.toThrow();
    expect(await target.status()).toEqual({ stable: null, canary: null, weight: 0 });
    await stopLocal(stateDir);
  });
});
