#!/usr/bin/env node
// A workload for router tests, driven the way a user's deploy/promote/rollback commands would be:
// one demo-service process per slot ("stable" or "canary") on a fixed loopback port, started with
// the version in $SHIPGATE_VERSION. A version whose name contains "bad" answers 30 % of requests
// with 500 (FAULT_ERROR_RATE), so a test can roll out a faulty build.
//   node workload.mjs start <slot>   (re)starts the slot with $SHIPGATE_VERSION, waits until it answers
//   node workload.mjs stop <slot>    stops the slot
//   node workload.mjs restore <slot> starts the slot with $SHIPGATE_VERSION unless it already runs it
// Environment: WORKLOAD_DIR (pid files and logs), STABLE_PORT, CANARY_PORT; per target in a fleet
// the ports may be given as <TARGET>_STABLE_PORT / <TARGET>_CANARY_PORT (SHIPGATE_TARGET upper-cased),
// and <TARGET>_CANARY_FAULT_ERROR_RATE makes that target's canary faulty whatever its version.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const service = path.join(here, '..', '..', 'examples', 'service', 'server.mjs');
const [verb, slot] = process.argv.slice(2);
if (!['start', 'stop', 'restore'].includes(verb) || !['stable', 'canary'].includes(slot)) {
  console.error('usage: workload.mjs start|stop|restore stable|canary');
  process.exit(2);
}
const dir = process.env.WORKLOAD_DIR;
if (!dir) {
  console.error('workload.mjs: set WORKLOAD_DIR');
  process.exit(2);
}
const target = (process.env.SHIPGATE_TARGET ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '_');
const portOf = (s) => Number((target && process.env[`${target}_${s.toUpperCase()}_PORT`]) || process.env[`${s.toUpperCase()}_PORT`]);
const port = portOf(slot);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`workload.mjs: no port for ${slot}`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const pidFile = path.join(dir, `${target || 'host'}-${slot}.pid`);
const versionFile = path.join(dir, `${target || 'host'}-${slot}.version`);
const wanted = process.env.SHIPGATE_VERSION || 'dev';
if (verb === 'restore' && existsSync(pidFile) && existsSync(versionFile) && readFileSync(versionFile, 'utf8') === wanted) {
  console.log(`${slot} already runs ${wanted}`);
  process.exit(0);
}

/** Running (a zombie waiting for a slow init to reap it has stopped serving: it counts as gone). */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function stop() {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    if (!alive(pid)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

async function answers() {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** 30 % errors for a "bad" version; a fleet test makes one target's canary faulty with <TARGET>_CANARY_FAULT_ERROR_RATE. */
function faultRate(version) {
  const own = target && slot === 'canary' ? process.env[`${target}_CANARY_FAULT_ERROR_RATE`] : undefined;
  if (own) return own;
  return version.includes('bad') ? '0.3' : '0';
}

await stop();
rmSync(versionFile, { force: true });
if (verb !== 'stop') {
  const version = wanted;
  writeFileSync(versionFile, version);
  const log = openSync(path.join(dir, `${target || 'host'}-${slot}.log`), 'a');
  const child = spawn(process.execPath, [service], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: faultRate(version) }
  });
  closeSync(log);
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  const deadline = Date.now() + 10_000;
  while (!(await answers())) {
    if (Date.now() > deadline) {
      console.error(`workload.mjs: ${slot} ${version} did not answer on port ${port} within 10 s`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  console.log(`${slot} runs ${version} on 127.0.0.1:${port}`);
} else {
  console.log(`${slot} stopped`);
}
