// A shutdown request that arrives while a restarted daemon is still restoring its stable version.
import { afterAll, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DaemonClient, resolveDaemonEntry, stopLocal } from '../../shared/targets/local/index.js';
import { groupAlive } from '../../shared/process/alive.js';
import { tempStateRoot, waitUntil } from '../helpers/local-service.js';

const tmp = tempStateRoot('sg-shutdown-');

afterAll(async () => {
  await stopLocal(path.join(tmp.dir, 'state'));
  tmp.remove();
});

test('a shutdown during the restore ends the daemon cleanly: exit 0, no unhandled rejection, nothing left running', async () => {
  const dir = path.join(tmp.dir, 'state');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pidFile = path.join(tmp.dir, 'slow.pid');
  // The version an earlier daemon ran as stable: it takes far longer than the test to become ready.
  const startCommand = `echo $$ > ${JSON.stringify(pidFile)}; exec sleep 120`;
  writeFileSync(
    path.join(dir, 'versions.json'),
    JSON.stringify({
      versions: [{ release: { version: 'slow' }, startCommand, workingDirectory: tmp.dir, environment: 'shutdown', lastStartedAt: new Date().toISOString() }]
    })
  );
  // Its earlier process is gone (a pid that has exited), so the restore starts it again.
  const gonePid = spawnSync('true').pid ?? 0;
  writeFileSync(path.join(dir, 'roles.json'), JSON.stringify({ stable: { version: 'slow', pid: gonePid, port: 1 }, canary: null, weight: 0 }));

  const entry = resolveDaemonEntry();
  const daemon = spawn(process.execPath, [...entry.execArgv, entry.script, '--state-dir', dir], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  daemon.stdout.on('data', (c: Buffer) => (output += c.toString()));
  daemon.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    daemon.once('exit', (code, signal) => resolve({ code, signal }))
  );

  // The restore has started the version (its pid is written) and waits for it to answer.
  expect(await waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 20_000)).toBe(true);
  const servicePid = Number(readFileSync(pidFile, 'utf8').trim());
  expect(groupAlive(servicePid)).toBe(true);
  const client = new DaemonClient(dir);
  expect((await client.status()).stable).toBeNull();

  await expect(client.shutdown()).resolves.toEqual({ stopping: true });
  let timer: NodeJS.Timeout | undefined;
  const end = await Promise.race([exited, new Promise<null>((r) => (timer = setTimeout(() => r(null), 20_000)))]);
  clearTimeout(timer);
  if (!end) daemon.kill('SIGKILL');
  expect({ end, output }).toEqual({ end: { code: 0, signal: null }, output: expect.stringContaining('local target stopped') });
  expect(output).not.toMatch(/unhandled|uncaught|ReferenceError|daemon failed/i);
  expect(await waitUntil(() => !groupAlive(servicePid), 5000)).toBe(true);
  for (const file of ['daemon.json', 'daemon.lock', 'control.sock']) expect(existsSync(path.join(dir, file))).toBe(false);
});
