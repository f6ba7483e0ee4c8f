import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileLedger } from '../../../shared/ledgers/file.js';
import type { BeginOptions } from '../../../shared/ports/ledger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ledgerModule = path.resolve(here, '../../../shared/ledgers/file.ts');
const dirs: string[] = [];
function tmpFile(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-ledger-'));
  dirs.push(d);
  return path.join(d, 'sub', 'ledger.json');
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const begin = (version: string, over: Partial<BeginOptions> = {}): BeginOptions => ({
  environment: 'production',
  release: { version },
  kind: 'rollout',
  description: `rolling out ${version}`,
  ...over
});

describe('FileLedger', () => {
  test('round trip: begin, record, history; a second instance reads the same file', async () => {
    const file = tmpFile();
    const a = new FileLedger({ path: file });
    expect(await a.history('production')).toEqual([]);
    expect(await a.lastGood('production')).toBeNull();
    const r = await a.begin(
      begin('1.0.0', { release: { version: '1.0.0', digest: 'sha256:aa', artifact: '/x.tgz' }, logUrl: 'https://ci/1', payload: { steps: [10, 100] } })
    );
    expect(r).toMatchObject({
      id: '1',
      environment: 'production',
      state: 'in_progress',
      kind: 'rollout',
      description: 'rolling out 1.0.0',
      logUrl: 'https://ci/1'
    });
    expect(r.release).toEqual({ version: '1.0.0', digest: 'sha256:aa', artifact: '/x.tgz' });
    await new Promise((res) => setTimeout(res, 5));
    await a.record(r.id, 'success', { description: 'promoted', environmentUrl: 'https://prod' });
    const b = new FileLedger({ path: file });
    const [h] = await b.history('production');
    expect(h).toMatchObject({ id: '1', state: 'success', description: 'promoted', logUrl: 'https://ci/1', environmentUrl: 'https://prod' });
    expect(h.updatedAt > h.createdAt).toBe(true);
    expect(h).not.toHaveProperty('payload');
    const disk = JSON.parse(readFileSync(file, 'utf8')) as { schema: string; environments: Record<string, { payload?: unknown }[]> };
    expect(disk.schema).toBe('shipgate/ledger@1');
    expect(disk.environments.production[0].payload).toEqual({ steps: [10, 100] });
    await expect(b.record('99', 'failure', { description: 'x' })).rejects.toThrow(`Deployment 99 is not in the ledger file ${file}.`);
  });

  test('ids increase per file across environments; history is newest first with a limit', async () => {
    const l = new FileLedger({ path: tmpFile() });
    const ids: string[] = [];
    for (const [env, v] of [
      ['production', '1'],
      ['staging', '2'],
      ['production', '3'],
      ['production', '4']
    ])
      ids.push((await l.begin(begin(v, { environment: env }))).id);
    expect(ids).toEqual(['1', '2', '3', '4']);
    expect((await l.history('production')).map((r) => r.release.version)).toEqual(['4', '3', '1']);
    expect((await l.history('production', 2)).map((r) => r.id)).toEqual(['4', '3']);
    expect((await l.history('staging')).map((r) => r.id)).toEqual(['2']);
    expect(await l.history('nowhere')).toEqual([]);
    expect(await l.environments()).toEqual(['production', 'staging']);
  });

  test('a success makes older successes inactive; lastGood still finds them when the newest is excluded', async () => {
    const l = new FileLedger({ path: tmpFile() });
    const ok = async (v: string, kind: 'rollout' | 'rollback' = 'rollout') => {
      const r = await l.begin(begin(v, { kind }));
      await l.record(r.id, 'success', { description: 'ok' });
      return r.id;
    };
    const v1 = await ok('1.0.0');
    const v2 = await ok('2.0.0');
    const failed = await l.begin(begin('3.0.0'));
    await l.record(failed.id, 'failure', { description: 'rolled back' });
    const states = Object.fromEntries((await l.history('production')).map((r) => [r.release.version, r.state]));
    expect(states).toEqual({ '1.0.0': 'inactive', '2.0.0': 'success', '3.0.0': 'failure' });
    expect((await l.lastGood('production'))?.id).toBe(v2);
    expect((await l.lastGood('production', { excludeVersion: '2.0.0' }))?.id).toBe(v1);
    expect((await l.lastGood('production', { excludeVersion: '3.0.0' }))?.id).toBe(v2);
    // 2.0.0 goes bad in production: auto-rollback records a rollback to 1.0.0 and marks 2.0.0 failed.
    const back = await ok('1.0.0', 'rollback');
    await l.record(v2, 'failure', { description: 'rolled back to 1.0.0' });
    expect(await l.lastGood('production')).toMatchObject({ id: back, kind: 'rollback', release: { version: '1.0.0' } });
    expect(await l.lastGood('production', { excludeVersion: '1.0.0' })).toBeNull();
    // An explicit inactive is a retirement, not a good version.
    await l.record(back, 'inactive', { description: 'retired' });
    await l.record(v1, 'inactive', { description: 'retired' });
    expect(await l.lastGood('production')).toBeNull();
    expect(await l.lastGood('staging')).toBeNull();
  });

  test('many parallel writers in one process lose nothing, and readers never see a partial file', async () => {
    const file = tmpFile();
    const first = new FileLedger({ path: file });
    await first.begin(begin('seed'));
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        const text = await readFile(file, 'utf8');
        expect((): unknown => JSON.parse(text)).not.toThrow();
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const writers = Array.from({ length: 40 }, (_, i) => new FileLedger({ path: file }).begin(begin(`v${i}`)));
    const made = await Promise.all(writers);
    await Promise.all(made.slice(0, 20).map((r) => new FileLedger({ path: file }).record(r.id, 'failure', { description: `failed ${r.id}` })));
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    const all = await first.history('production', 1000);
    expect(all).toHaveLength(41);
    expect(new Set(all.map((r) => r.id)).size).toBe(41);
    expect(all.filter((r) => r.state === 'failure')).toHaveLength(20);
    expect(all.map((r) => Number(r.id))).toEqual(Array.from({ length: 41 }, (_, i) => 41 - i));
    const leftovers = readdirSync(path.dirname(file)).filter((f) => f !== 'ledger.json');
    expect(leftovers).toEqual([]);
  });

  test('two child processes writing at once lose nothing', async () => {
    const file = tmpFile();
    await new FileLedger({ path: file }).begin(begin('seed'));
    const script = `
      const { FileLedger } = await import(${JSON.stringify(ledgerModule)});
      const l = new FileLedger({ path: process.env.LEDGER });
      for (let i = 0; i < 25; i++) {
        const r = await l.begin({ environment: 'production', release: { version: process.env.WHO + '-' + i }, kind: 'rollout', description: 'x' });
        await l.record(r.id, i % 2 ? 'success' : 'failure', { description: 'done' });
      }
    `;
    const run = (who: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env: { PATH: process.env.PATH, LEDGER: file, WHO: who },
          stdio: ['ignore', 'inherit', 'inherit']
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const all = await new FileLedger({ path: file }).history('production', 1000);
    expect(all).toHaveLength(51);
    expect(new Set(all.map((r) => r.id)).size).toBe(51);
    for (const who of ['a', 'b']) expect(all.filter((r) => r.release.version.startsWith(`${who}-`))).toHaveLength(25);
    // Exactly one success survives as success: each new success made the previous one inactive.
    expect(all.filter((r) => r.state === 'success')).toHaveLength(1);
    expect(all.filter((r) => r.state === 'inactive')).toHaveLength(23);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  test('a stale lock (dead owner, or too old) is taken over; a live fresh lock makes writers wait, then give up', async () => {
    const file = tmpFile();
    const l = new FileLedger({ path: file, lockWaitMs: 300, staleLockMs: 30_000 });
    await l.begin(begin('seed'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid, host: os.hostname(), token: 'old', at: new Date().toISOString() }));
    await expect(l.begin(begin('after-dead-owner'))).resolves.toMatchObject({ id: '2' });
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'live', at: new Date().toISOString() }));
    await expect(l.begin(begin('blocked'))).rejects.toThrow(
      `Could not lock the ledger file ${file} within 300 ms: ${file}.lock is held by another process (delete it if no Shipgate run is active).`
    );
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${file}.lock`, old, old);
    await expect(l.begin(begin('after-old-lock'))).resolves.toMatchObject({ id: '3' });
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect((await l.history('production')).map((r) => r.release.version)).toEqual(['after-old-lock', 'after-dead-owner', 'seed']);
  });

  test('a corrupt or foreign file is one sentence naming the path', async () => {
    const file = tmpFile();
    const l = new FileLedger({ path: file });
    await l.begin(begin('1'));
    writeFileSync(file, '{"schema": "shipgate/ledger@1", "environments": {"production": [');
    await expect(l.history('production')).rejects.toThrow(`The ledger file ${file} is not valid JSON (it may be corrupted): fix or delete it.`);
    await expect(l.begin(begin('2'))).rejects.toThrow(`The ledger file ${file} is not valid JSON`);
    expect(existsSync(`${file}.lock`)).toBe(false);
    writeFileSync(file, JSON.stringify({ schema: 'other', environments: {} }));
    await expect(l.lastGood('production')).rejects.toThrow(`The ledger file ${file} is not a valid Shipgate ledger: "schema" must be "shipgate/ledger@1".`);
    writeFileSync(
      file,
      JSON.stringify({ schema: 'shipgate/ledger@1', environments: { production: [{ id: '1', state: 'weird', release: { version: '1' } }] } })
    );
    await expect(l.history('production')).rejects.toThrow(/lacks an id, a valid state or a release version\.$/);
  });
});
