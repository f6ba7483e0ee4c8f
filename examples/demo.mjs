#!/usr/bin/env node
// `npm run demo`: the whole rollout story on this machine, running the bundled actions as
// separate processes the way a workflow's steps run:
//   build v1 → canary-deploy v1 (first release) → build v2 (faulty) → canary-deploy v2 (rolled
//   back automatically) → build v3 (healthy) → canary-deploy v3 (promoted).
// Ctrl-C at any point: the running step rolls back, then the local target is stopped.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (name) => path.join(repo, 'dist', name, 'index.js');
const base = process.env.SHIPGATE_DEMO_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'shipgate-demo-'));
const workspace = path.join(base, 'workspace');
const runnerTemp = path.join(base, 'runner-temp');
const summaries = path.join(base, 'summaries');
for (const d of [workspace, runnerTemp, summaries]) mkdirSync(d, { recursive: true });
const environment = 'demo';
const t0 = Date.now();
const timeline = [];
let current = null;
let interrupted = false;
let stepNo = 0;

const color = process.stdout.isTTY ? (c, s) => `\u001b[${c}m${s}\u001b[0m` : (_c, s) => s;
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
const say = (s) => console.log(`${color('2', elapsed())}  ${s}`);

/** Runs one bundled action with the environment the runner gives it; resolves with its outputs. */
function runAction(name, title, inputs, extraEnv = {}) {
  stepNo++;
  const files = Object.fromEntries(['output', 'state', 'env', 'summary'].map((k) => [k, path.join(base, 'steps', `${stepNo}-${name}.${k}`)]));
  mkdirSync(path.dirname(files.output), { recursive: true });
  for (const f of Object.values(files)) writeFileSync(f, '');
  const summaryFile = path.join(summaries, `${stepNo}-${name}.md`);
  writeFileSync(summaryFile, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? os.homedir(),
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: `demo${String(stepNo).padStart(36, '0')}`,
    GITHUB_REPOSITORY: 'demo/service',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...extraEnv
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  say(color('1', `▶ ${title}`));
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [dist(name)], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    const show = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim() || line.startsWith('::debug::')) continue;
        const text = line.replace(/^::(error|warning)::/, (_m, k) => (k === 'error' ? '✖ ' : '⚠ '));
        if (line.startsWith('::')) continue;
        console.log(`${color('2', elapsed())}    ${text}`);
      }
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    child.on('exit', (code) => {
      current = null;
      const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
      timeline.push({ title, code, ms: Date.now() - started, outputs, summaryFile });
      say(`${code === 0 ? color('32', '✔') : color('31', '✖')} ${title} — exit ${code}${outputs.result ? `, result ${outputs.result}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve({ code, outputs, summaryFile });
    });
  });
}

function parseOutputs(text) {
  const out = {};
  const re = /^([^<=\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/** Customer traffic through the local proxy during the rollout (who answered what). */
function customerTraffic() {
  const tally = new Map();
  let stop = false;
  let entry = null;
  const statePath = path.join(runnerTemp, 'shipgate', 'local', environment);
  const loop = async () => {
    while (!stop) {
      if (!entry) entry = findEntry(statePath);
      if (entry) {
        await new Promise((r) => {
          const req = http.get(entry, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => {
              let v = '?';
              try { v = JSON.parse(body).version; } catch { v = res.statusCode >= 500 ? 'error' : '?'; }
              const k = `${v}${res.statusCode >= 500 ? ' (5xx)' : ''}`;
              tally.set(k, (tally.get(k) ?? 0) + 1);
              r();
            });
          });
          req.on('error', () => { entry = null; r(); });
          req.setTimeout(2000, () => req.destroy());
        });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const done = loop();
  return { tally, async stop() { stop = true; await done; } };
}

function findEntry(stateDir) {
  try {
    const info = JSON.parse(readFileSync(path.join(stateDir, 'daemon.json'), 'utf8'));
    if (info.proxyPort) return `http://127.0.0.1:${info.proxyPort}/`;
    if (info.urls?.entry) return info.urls.entry;
  } catch { /* not started yet */ }
  return null;
}

async function stopLocal() {
  await new Promise((resolve) => {
    const c = spawn(process.execPath, [dist('cli'), 'local', 'stop', '--environment', environment, '--state-root', path.join(runnerTemp, 'shipgate')], { stdio: 'inherit' });
    c.on('exit', resolve);
  });
}

process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  say(color('33', 'Ctrl-C: letting the running step roll back, then stopping everything…'));
  if (current) current.kill('SIGINT');
});

const service = path.join(repo, 'examples', 'service', 'server.mjs');
const rollout = {
  environment,
  'start-command': `node ${JSON.stringify(service).slice(1, -1)}`,
  steps: process.env.SHIPGATE_DEMO_STEPS ?? '10,50,100',
  'step-duration': process.env.SHIPGATE_DEMO_STEP_DURATION ?? '20s',
  'probe-rate': process.env.SHIPGATE_DEMO_PROBE_RATE ?? '50',
  'error-tolerance': process.env.SHIPGATE_DEMO_ERROR_TOLERANCE ?? '0.05',
  'min-samples': '100'
};

// SHIPGATE_DEMO_PROMETHEUS=1: Debian's prometheus scrapes both versions through the local target's
// stable and canary side ports (every 1 s), and v2/v3 are judged from PromQL alone.
const withPrometheus = process.env.SHIPGATE_DEMO_PROMETHEUS === '1';
let prometheus = null;

async function startPrometheus() {
  const info = JSON.parse(readFileSync(path.join(runnerTemp, 'shipgate', 'local', environment, 'daemon.json'), 'utf8'));
  const targets = [info.urls.stable, info.urls.canary].map((u) => new URL(u).host);
  const dir = path.join(base, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const port = await new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n`);
  const child = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'ignore'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('up{job="demo"}')}`);
      const body = await r.json();
      if (body.data?.result?.some((x) => x.value[1] === '1')) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`Prometheus on ${url} scrapes ${targets.join(' and ')}; the judge now reads PromQL`);
  return { url, child };
}

async function release(version, errorRate, expectOk) {
  const build = await runAction('build', `build ${version}${errorRate > 0 ? ` (faulty: ${errorRate * 100} % errors)` : ''}`, {
    command: `node ${JSON.stringify(path.join(repo, 'examples', 'build-demo.mjs')).slice(1, -1)} out`,
    artifact: 'out/**',
    version
  }, { DEMO_ERROR_RATE: String(errorRate) });
  if (build.code !== 0 || interrupted) return false;
  const promInputs = prometheus ? { 'prometheus-url': prometheus.url } : {};
  const deploy = await runAction('canary-deploy', `canary-deploy ${version}${prometheus ? ' (judged from Prometheus)' : ''}`, { ...rollout, ...promInputs, manifest: build.outputs.manifest });
  if (interrupted) return false;
  if ((deploy.code === 0) !== expectOk) {
    say(color('31', `unexpected: ${version} ${deploy.code === 0 ? 'passed' : 'failed'}`));
    return false;
  }
  return true;
}

console.log(color('1', 'Shipgate demo — build → canary → analysis → promote | roll back, all on this machine'));
console.log(`State, summaries and the ledger live in ${base}`);
console.log(withPrometheus ? 'Judging v2 and v3 from Prometheus (SHIPGATE_DEMO_PROMETHEUS=1).\n' : 'Tip: with Debian\'s prometheus installed, SHIPGATE_DEMO_PROMETHEUS=1 npm run demo judges from PromQL instead.\n');
if (!existsSync(dist('canary-deploy'))) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}
const traffic = customerTraffic();
let ok = false;
try {
  ok = await release('v1', 0, true);
  if (ok && withPrometheus && !interrupted) prometheus = await startPrometheus();
  ok = ok && (await release('v2', 0.3, false)) && (await release('v3', 0, true));
} finally {
  if (prometheus) {
    prometheus.child.kill('SIGTERM');
    await new Promise((r) => prometheus.child.once('exit', r));
  }
  await traffic.stop();
  await stopLocal();
}

console.log(`\n${color('1', 'Timeline')}`);
for (const t of timeline) {
  const o = t.outputs;
  const what = o.result ? `${o.result}${o['previous-version'] ? ` (previous ${o['previous-version']})` : ''}` : o.version ? `${o.version} ${o.digest?.slice(0, 19) ?? ''}…` : '';
  console.log(`  ${t.title.padEnd(36)} ${String((t.ms / 1000).toFixed(1)).padStart(5)} s  exit ${t.code}  ${what}`);
}
console.log(`\n${color('1', 'Customer requests through the proxy, by answering version')}`);
for (const [k, n] of [...traffic.tally.entries()].sort()) console.log(`  ${k.padEnd(14)} ${n}`);
console.log(`\n${color('1', 'Job summaries')} (Markdown, as GitHub would show them):`);
for (const t of timeline) console.log(`  ${t.summaryFile}`);
const reports = timeline.map((t) => t.outputs.report).filter(Boolean);
if (reports.length) console.log(`\n${color('1', 'Rollout reports')} (JSON):\n${reports.map((r) => `  ${r}`).join('\n')}`);
console.log(`\nFile ledger: ${path.join(workspace, '.shipgate', 'ledger.json')}`);
console.log(`\n${interrupted ? 'Interrupted' : ok ? color('32', 'Demo finished as expected') : color('31', 'Demo did not go as expected')} in ${((Date.now() - t0) / 1000).toFixed(1)} s; no process is left running.`);
process.exit(interrupted ? 130 : ok ? 0 : 1);
