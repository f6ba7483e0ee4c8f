// The daemon's life: signals, crashes, long state paths, racing starters, and the proxy's pieces.
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import { DaemonClient } from '../../shared/targets/local/client.js';
import { DaemonAlreadyRunning, startDaemon } from '../../shared/targets/local/daemon.js';
import { LocalTarget, stopLocal } from '../../shared/targets/local/index.js';
import { socketPathFor } from '../../shared/targets/local/paths.js';
import type { DaemonInfo } from '../../shared/targets/local/protocol.js';
import { OutcomeRing, SmoothWeightedRoundRobin } from '../../shared/targets/local/proxy.js';
import { START, pidAlive, readJsonFile, tempStateRoot, versionsAt, waitUntil } from '../helpers/local-service.js';

const tmp = tempStateRoot('sg-life-');
const used: string[] = [];
const ctx: DeployContext = { environment: 'life', deploymentId: '1', version: 'v1', previousVersion: '', weight: 0 };

function stateDir(name: string): string {
  const dir = path.join(tmp.dir, name);
  used.push(dir);
  return dir;
}

const target = (dir: string) => new LocalTarget({ stateDir: dir, environment: 'life', startCommand: START, workingDirectory: tmp.dir });

async function firstRelease(t: LocalTarget) {
  await t.deployCanary({ version: 'v1' }, ctx);
  await t.promote(ctx);
  return (await t.details())!;
}

afterAll(async () => {
  for (const dir of used) await stopLocal(dir);
  tmp.remove();
});

describe('proxy pieces', () => {
  test('smooth weighted round-robin is exact and interleaved', () => {
    const wrr = new SmoothWeightedRoundRobin();
    wrr.setCanaryWeight(10);
    const picks = Array.from({ length: 20 }, () => wrr.pick());
    expect(picks.filter((p) => p === 'canary')).toHaveLength(2);
    expect(picks.indexOf('canary')).toBeGreaterThan(0);
    expect(picks.lastIndexOf('canary') - picks.indexOf('canary')).toBe(10);
    wrr.setCanaryWeight(0);
    expect(Array.from({ length: 50 }, () => wrr.pick()).every((p) => p === 'stable')).toBe(true);
    wrr.setCanaryWeight(100);
    expect(Array.from({ length: 5 }, () => wrr.pick())).toEqual(['canary', 'canary', 'canary', 'canary', 'canary']);
  });

  test('the outcome ring keeps the newest records and pages by cursor', () => {
    const ring = new OutcomeRing(5);
    for (let i = 0; i < 8; i++) ring.push({ side: 'canary', version: 'v', status: 200, latencyMs: i, at: i, via: 'side' });
    expect(ring.after(0).records.map((r) => r.seq)).toEqual([4, 5, 6, 7, 8]);
    const page = ring.after(4, 2);
    expect([page.records.map((r) => r.seq), page.last, page.more]).toEqual([[5, 6], 6, true]);
    expect(ring.after(8)).toEqual({ records: [], last: 8, more: false });
    // A cursor from an earlier daemon (ahead of this ring) starts over instead of going deaf.
    expect(ring.after(100).records.map((r) => r.seq)).toEqual([4, 5, 6, 7, 8]);
  });
});

describe('daemon lifecycle', () => {
  test('a state dir too long for a Unix socket gets its socket in a short private temp folder', async () => {
    const dir = stateDir(path.join('x'.repeat(60), 'y'.repeat(60), 'env'));
    const sock = socketPathFor(dir);
    expect(sock.startsWith(dir)).toBe(false);
    expect(Buffer.byteLength(sock)).toBeLessThanOrEqual(100);
    const t = target(dir);
    await firstRelease(t);
    expect(await versionsAt((await t.status()).urls!.entry!, 3)).toEqual({ v1: 3 });
    expect(readJsonFile<DaemonInfo>(path.join(dir, 'daemon.json')).socketPath).toBe(sock);
    expect(statSync(sock).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(sock)).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await stopLocal(dir);
    expect(existsSync(path.dirname(sock))).toBe(false);
  });

  test('SIGTERM to the daemon stops every version and removes the socket', async () => {
    const dir = stateDir('sigterm');
    const t = target(dir);
    const d = await firstRelease(t);
    process.kill(d.pid, 'SIGTERM');
    expect(await waitUntil(() => !pidAlive(d.pid))).toBe(true);
    expect(pidAlive(d.stable!.pid)).toBe(false);
    expect(existsSync(path.join(dir, 'control.sock'))).toBe(false);
    expect(await t.status()).toEqual({ stable: null, canary: null, weight: 0 });
  });

  test('after the daemon is killed outright, the next step restarts it: the orphan is stopped and stable restored', async () => {
    const dir = stateDir('sigkill');
    const t = target(dir);
    const d = await firstRelease(t);
    process.kill(d.pid, 'SIGKILL');
    expect(await waitUntil(() => !pidAlive(d.pid))).toBe(true);
    expect(pidAlive(d.stable!.pid)).toBe(true);
    const next = target(dir);
    const fresh = await next.ensureDaemon();
    expect(fresh.pid).not.toBe(d.pid);
    expect(await waitUntil(async () => (await next.status()).stable?.version === 'v1')).toBe(true);
    expect(await waitUntil(() => !pidAlive(d.stable!.pid))).toBe(true);
    expect(await versionsAt((await next.status()).urls!.entry!, 3)).toEqual({ v1: 3 });
  });

  test('stopLocal also stops versions a killed daemon left behind', async () => {
    const dir = stateDir('orphans');
    const d = await firstRelease(target(dir));
    process.kill(d.pid, 'SIGKILL');
    expect(await waitUntil(() => !pidAlive(d.pid))).toBe(true);
    const result = await stopLocal(dir);
    expect(result.orphansKilled).toEqual([d.stable!.pid]);
    expect(pidAlive(d.stable!.pid)).toBe(false);
  });

  test('two steps starting the daemon at the same moment end up with one daemon', async () => {
    const dir = stateDir('race');
    const [a, b] = await Promise.all([target(dir).ensureDaemon(), target(dir).ensureDaemon()]);
    expect(a.pid).toBe(b.pid);
    expect(readJsonFile<DaemonInfo>(path.join(dir, 'daemon.json')).pid).toBe(a.pid);
  });

  test('in-process: a second daemon on the same state dir refuses; close() frees the socket', async () => {
    const dir = stateDir('inproc');
    const handle = await startDaemon({ stateDir: dir });
    try {
      await expect(startDaemon({ stateDir: dir })).rejects.toBeInstanceOf(DaemonAlreadyRunning);
      const client = new DaemonClient(dir);
      const s = await client.status();
      expect([s.stable, s.canary, s.lastSeq]).toEqual([null, null, 0]);
      await expect(client.setWeight(10)).rejects.toThrow('There is no canary to shift traffic to: deploy one first.');
      await expect(client.request('GET', '/nope')).rejects.toThrow('Unknown control request GET /nope.');
    } finally {
      await handle.close();
    }
    expect(existsSync(handle.socketPath)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${handle.ports.entry}/`)).rejects.toThrow();
  });
});
