#!/usr/bin/env node
// `SHIPGATE_DEMO_TRAFFIC=nginx npm run demo` (or `haproxy`): the demo's rollout story — v1, a
// faulty v2, v3 — through a real proxy on loopback instead of the local target. Debian's nginx or
// HAProxy splits the traffic between two fixed servers (a "stable" and a "canary" port), each a
// demo-service process that the user's commands start and stop (this file, run as
// `node demo-routers.mjs slot start|stop|restore stable|canary`, plays those commands). Shipgate
// is judged on the demo's customer traffic alone (probe-rate 0): a load generator sends requests
// through the proxy the whole time, and the proxy's own evidence (nginx's JSON access log, HAProxy's
// counters) is what the judge reads.
//   run 1  release v1: first release, nothing live yet → steps 100: all traffic to the canary server,
//          absolute checks, promoted (the promote-command starts v1 on the stable server)
//   run 2  release v2: faulty (30 % of its requests answer 500) → rolled back
//   run 3  release v3: healthy → 10 → 50 → 100 %, promoted
// Every run is canary-deploy's bundle (dist/canary-deploy/index.js, then its post step) as its own
// workflow run: own workspace, RUNNER_TEMP and run id, wiped when it ends; only the file ledger
// and the proxy with its two servers (the "machine") carry over. Ctrl-C: the running step rolls
// back, then everything this demo started is stopped.
import { spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const repo = path.resolve(path.dirname(here), '..');
const service = path.join(repo, 'examples', 'service', 'server.mjs');
const bundle = path.join(repo, 'dist', 'canary-deploy', 'index.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The user's deploy, promote and rollback commands: one demo-service process per slot on a fixed
// loopback port. Versions named in DEMO_FAULTY_VERSIONS answer 30 % of requests with 500 (the
// "faulty build"), whichever slot runs them.

async function slotCommand(verb, slot) {
  if (!['start', 'stop', 'restore'].includes(verb) || !['stable', 'canary'].includes(slot)) {
    console.error('usage: demo-routers.mjs slot start|stop|restore stable|canary');
    return 2;
  }
  const dir = process.env.DEMO_SLOTS_DIR;
  const port = Number(process.env[`${slot.toUpperCase()}_PORT`]);
  if (!dir || !Number.isInteger(port) || port <= 0) {
    console.error(`demo-routers.mjs slot: set DEMO_SLOTS_DIR and ${slot.toUpperCase()}_PORT`);
    return 2;
  }
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, `${slot}.pid`);
  const versionFile = path.join(dir, `${slot}.version`);
  const version = process.env.SHIPGATE_VERSION || 'dev';
  if (verb === 'restore' && existsSync(pidFile) && existsSync(versionFile) && readFileSync(versionFile, 'utf8') === version) {
    console.log(`${slot} server already runs ${version}`);
    return 0;
  }
  if (existsSync(pidFile)) {
    await stopPid(Number(readFileSync(pidFile, 'utf8')));
    rmSync(pidFile, { force: true });
  }
  rmSync(versionFile, { force: true });
  if (verb === 'stop') {
    console.log(`${slot} server stopped`);
    return 0;
  }
  const faulty = (process.env.DEMO_FAULTY_VERSIONS ?? '').split(',').includes(version);
  const log = openSync(path.join(dir, `${slot}.log`), 'a');
  // Its own process group: the service outlives the command that started it.
  const child = spawn(process.execPath, [service], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: faulty ? '0.3' : '0' }
  });
  closeSync(log);
  writeFileSync(pidFile, String(child.pid));
  writeFileSync(versionFile, version);
  child.unref();
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(500) });
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        console.error(`${slot} server ${version} did not answer on 127.0.0.1:${port} within 10 s`);
        return 1;
      }
      await sleep(30);
    }
  }
  console.log(`${slot} server runs ${version}${faulty ? ' (faulty build: 30 % errors)' : ''} on 127.0.0.1:${port}`);
  return 0;
}

/** Whether `pid` still runs; a zombie (exited, waiting for init to reap it) does not. */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..." — the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** SIGTERM, then SIGKILL after 2 s; resolves once the process is gone. */
async function stopPid(pid) {
  if (!pid || !alive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(20);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// The proxies, on loopback, each in its own folder of the demo.

/** A free loopback port (bind 0, read, release); never 8080. */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 8080) return port;
  }
}

function findBinary(name, envVar) {
  const candidates = process.env[envVar] ? [process.env[envVar]] : [`/usr/sbin/${name}`, ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, name))];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return null;
}

const LOG_FORMAT =
  `log_format shipgate_json escape=json '{"time_iso8601":"$time_iso8601","msec":"$msec",` +
  `"status":"$status","upstream_addr":"$upstream_addr","upstream_status":"$upstream_status",` +
  `"request_time":"$request_time","upstream_response_time":"$upstream_response_time"}';`;

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Spawns a proxy; `ready()` polls until it answers. Throws with its stderr when it exits first. */
async function launch(bin, args, cwd, ready, what) {
  // Its own process group: a Ctrl-C at the terminal must reach the demo and the running step (which
  // rolls back through this proxy), not the proxy itself; the demo stops it last.
  const child = spawn(bin, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let failed = null;
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.once('error', (err) => (failed = err.message));
  const exited = new Promise((r) => child.once('close', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !failed) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
  };
  const deadline = Date.now() + 10_000;
  while (!(await ready(child))) {
    if (failed || child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `${what} did not start (${failed ?? (child.exitCode !== null ? `exit ${child.exitCode}` : 'no answer within 10 s')}): ${stderr.trim().slice(-1500)}`
      );
    }
    await sleep(20);
  }
  return { child, stop, stderr: () => stderr };
}

async function startNginx(bin, dir, ports) {
  const confDir = path.join(dir, 'shipgate');
  mkdirSync(confDir, { recursive: true });
  // nginx's workers run as nobody when the demo runs as root: they must reach these paths.
  chmodSync(dir, 0o755);
  const confPath = path.join(confDir, 'upstream.conf');
  const accessLog = path.join(dir, 'access.log');
  const stable = `127.0.0.1:${ports.stable}`;
  const canary = `127.0.0.1:${ports.canary}`;
  // The file Shipgate will own, before its first run: all on the stable server (nothing runs there yet).
  writeFileSync(confPath, `upstream shipgate {\n    server ${stable};\n    server ${canary} down;\n}\n`);
  const temp = (n) => `  ${n}_temp_path ${path.join(dir, n)};`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'pid nginx.pid;',
      'error_log stderr;',
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
      `  ${LOG_FORMAT}`,
      `  access_log ${accessLog} shipgate_json;`,
      `  include ${confPath};`,
      '  server {',
      `    listen 127.0.0.1:${ports.proxy};`,
      '    location = /nginx-ready { access_log off; return 204; }',
      '    location / {',
      '      proxy_pass http://shipgate;',
      // A failing canary request must reach the customer (and the log) as it is, not be retried on stable.
      '      proxy_next_upstream off;',
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '    }',
      '  }',
      '}',
      ''
    ].join('\n')
  );
  const ready = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${ports.proxy}/nginx-ready`, { signal: AbortSignal.timeout(1000) })).status === 204;
    } catch {
      return false;
    }
  };
  const proc = await launch(bin, ['-e', 'stderr', '-p', `${dir}/`, '-c', 'nginx.conf'], dir, ready, 'nginx');
  const base = `${quote(bin)} -e stderr -p ${quote(`${dir}/`)} -c nginx.conf`;
  return {
    ...proc,
    pid: () => Number(readFileSync(path.join(dir, 'nginx.pid'), 'utf8')),
    describe: `nginx (${path.join(dir, 'nginx.conf')}) on 127.0.0.1:${ports.proxy}, upstream file ${confPath}, JSON access log ${accessLog}`,
    inputs: {
      traffic: 'nginx',
      'nginx-conf': confPath,
      'stable-server': stable,
      'canary-server': canary,
      'nginx-test-command': `${base} -t`,
      'nginx-reload-command': `${base} -s reload`,
      'nginx-access-log': accessLog
    }
  };
}

/** One runtime API command over the Unix socket; HAProxy answers and closes. */
function haproxySend(socket, command) {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection({ path: socket });
    let out = '';
    const t = setTimeout(() => conn.destroy(new Error('timeout')), 2000);
    conn.on('connect', () => conn.write(`${command}\n`));
    conn.on('data', (d) => (out += d));
    conn.on('end', () => {
      clearTimeout(t);
      resolve(out);
    });
    conn.on('error', (err) => {
      clearTimeout(t);
      reject(err);
    });
  });
}

async function startHaproxy(bin, dir, ports) {
  const socket = path.join(dir, 'admin.sock');
  const stateFile = path.join(dir, 'server-state');
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      `  server-state-file ${stateFile}`,
      'defaults',
      '  mode http',
      '  load-server-state-from-file global',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      // A failed canary request must reach the customer as it is, not be retried on stable.
      '  retries 0',
      'frontend customers',
      `  bind 127.0.0.1:${ports.proxy}`,
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      '  no option redispatch',
      `  server stable 127.0.0.1:${ports.stable} weight 100`,
      `  server canary 127.0.0.1:${ports.canary} weight 0`,
      ''
    ].join('\n')
  );
  let pid = 0;
  const ready = async (child) => {
    pid = child.pid;
    try {
      return new RegExp(`^Pid: ${child.pid}$`, 'm').test(await haproxySend(socket, 'show info'));
    } catch {
      return false;
    }
  };
  const proc = await launch(bin, ['-db', '-f', config], dir, ready, 'haproxy');
  return {
    ...proc,
    pid: () => pid,
    describe: `HAProxy (${config}) on 127.0.0.1:${ports.proxy}, backend app (servers stable, canary), runtime API ${socket}`,
    inputs: { traffic: 'haproxy', 'haproxy-socket': socket, 'haproxy-backend': 'app', 'haproxy-state-file': stateFile }
  };
}

// ---------------------------------------------------------------------------------------------
// Customers: a fixed rate of requests through the proxy over keep-alive connections, tallied per
// phase of the story by what came back.

function customers(url, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const phases = new Map();
  let phase = 'start';
  const inFlight = new Set();
  const period = 1000 / rate;
  const t0 = Date.now();
  let due = 0;
  let stopped = false;
  // Until some version has answered, the proxy has no server to send customers to.
  let live = false;
  const count = (key) => {
    if (!phases.has(phase)) phases.set(phase, new Map());
    const t = phases.get(phase);
    t.set(key, (t.get(key) ?? 0) + 1);
  };
  const one = () =>
    new Promise((resolve) => {
      const req = http.get(url, { agent, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          let version;
          try {
            version = JSON.parse(body).version;
          } catch {
            version = /injected fault in (\S+)/.exec(body)?.[1];
          }
          if (version) {
            live = true;
            count(res.statusCode >= 500 ? `${version} error ${res.statusCode}` : version);
          } else count(`proxy ${res.statusCode}${live ? '' : ' (nothing live yet)'}`);
          resolve();
        });
        res.on('error', () => {
          count('no answer (ERESPONSE)');
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => {
        count(`no answer (${err.code ?? 'error'})${live ? '' : ' (nothing live yet)'}`);
        resolve();
      });
    });
  let timer;
  const tick = () => {
    if (stopped) return;
    while (due * period <= Date.now() - t0) {
      due++;
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    timer = setTimeout(tick, Math.max(1, Math.min(20, period)));
  };
  timer = setTimeout(tick, 0);
  return {
    phases,
    set phase(p) {
      phase = p;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      agent.destroy();
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The demo.

const color = process.stdout.isTTY ? (c, s) => `\u001b[${c}m${s}\u001b[0m` : (_c, s) => s;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x) => `${(100 * x).toFixed(1)} %`;

/** GITHUB_OUTPUT / GITHUB_STATE files: `name<<ghadelimiter_…\nvalue\nghadelimiter_…`. */
function parseCommandFile(text) {
  const out = {};
  const re = /^([^<=\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

function tallyText(tally) {
  if (!tally) return 'no requests';
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  return `${total} requests: ${[...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n} (${Math.round((100 * n) / total)} %)`)
    .join(', ')}`;
}

/**
 * Runs the story through `traffic` (nginx or haproxy); resolves with the exit code. Prints one
 * sentence and resolves 1 when the proxy is not installed.
 */
export async function runRouterDemo(traffic) {
  if (traffic !== 'nginx' && traffic !== 'haproxy') {
    console.error(`SHIPGATE_DEMO_TRAFFIC has value "${traffic}": use nginx or haproxy (or leave it unset for the local target).`);
    return 2;
  }
  const bin = findBinary(traffic, traffic === 'nginx' ? 'NGINX_BIN' : 'HAPROXY_BIN');
  if (!bin) {
    console.error(`${traffic} is not installed on this machine: install it with \`apt-get install ${traffic}\` and run the demo again.`);
    return 1;
  }
  if (!existsSync(bundle)) {
    console.error('dist/ is missing: run npm run build first.');
    return 1;
  }

  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
  const say = (s) => console.log(`${color('2', elapsed())}  ${s}`);
  const base = path.resolve(process.env.SHIPGATE_DEMO_DIR ?? mkdtempSync(path.join(os.tmpdir(), `shipgate-demo-${traffic}-`)));
  const machine = path.join(base, 'machine');
  const home = path.join(machine, 'home');
  const slotsDir = path.join(machine, 'servers');
  const proxyDir = path.join(machine, traffic);
  const runsDir = path.join(base, 'runs');
  for (const d of [home, slotsDir, proxyDir, runsDir]) mkdirSync(d, { recursive: true });
  chmodSync(base, 0o755);
  chmodSync(machine, 0o755);
  const ledgerFile = path.join(machine, 'ledger.json');
  const ports = { stable: await freePort(), canary: await freePort(), proxy: await freePort() };
  const runIdBase = 7_000_000_000 + (Date.now() % 1_000_000) * 100;
  const problems = [];
  let interrupted = false;
  const check = (cond, what) => {
    // After Ctrl-C the story is cut short on purpose: only the cleanup is still checked.
    if (!cond && (!interrupted || what.startsWith('still running'))) {
      problems.push(what);
      say(color('31', `✖ unexpected: ${what}`));
    }
    return cond;
  };

  let proxy = null;
  let load = null;
  let current = null;
  const onSigint = () => {
    if (interrupted) return;
    interrupted = true;
    say(color('33', 'Ctrl-C: letting the running step roll back, then stopping everything this demo started…'));
    current?.kill('SIGINT');
  };
  process.on('SIGINT', onSigint);

  console.log(color('1', `Shipgate demo through ${traffic === 'nginx' ? 'nginx' : 'HAProxy'} — v1, a faulty v2, v3; judged on customer traffic alone`));
  const runs = [];
  const started = [];
  try {
    proxy = traffic === 'nginx' ? await startNginx(bin, proxyDir, ports) : await startHaproxy(bin, proxyDir, ports);
    started.push({ what: traffic, pid: proxy.pid() });
    say(`${proxy.describe}`);
    say(`stable server 127.0.0.1:${ports.stable}, canary server 127.0.0.1:${ports.canary}: nothing runs on either yet`);
    load = customers(`http://127.0.0.1:${ports.proxy}/`, 200);
    say('customers: 200 requests a second through the proxy over 16 keep-alive connections, for the whole demo');

    /** One release as one workflow run: canary-deploy's main step, then its post step. */
    const release = async (version, story, extra) => {
      const no = runs.length + 1;
      const dir = path.join(runsDir, `${no}-${version}`);
      const run = { no, version, story, runId: String(runIdBase + no), dir, kept: path.join(dir, 'kept'), steps: [], started: Date.now() };
      const workspace = path.join(dir, 'workspace');
      const runnerTemp = path.join(dir, 'runner-temp');
      for (const d of [workspace, runnerTemp, run.kept]) mkdirSync(d, { recursive: true });
      const eventPath = path.join(runnerTemp, '_github_workflow', 'event.json');
      mkdirSync(path.dirname(eventPath), { recursive: true });
      writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'demo/service' } }) + '\n');
      runs.push(run);
      console.log('');
      say(color('1;36', `━━ run ${no}: release ${version} — ${story}`));
      say(color('2', `   push run ${run.runId} on a fresh runner (own workspace and RUNNER_TEMP in ${dir}); shared: the ledger ${ledgerFile}`));
      load.phase = `run ${no}: ${version}`;
      const inputs = {
        environment: 'demo',
        version,
        target: 'command',
        ...proxy.inputs,
        ledger: 'file',
        'ledger-file': ledgerFile,
        'deploy-command': 'node "$DEMO_ROUTERS" slot start canary',
        'promote-command': 'node "$DEMO_ROUTERS" slot start stable',
        'rollback-command': 'node "$DEMO_ROUTERS" slot stop canary && SHIPGATE_VERSION="$SHIPGATE_PREVIOUS_VERSION" node "$DEMO_ROUTERS" slot restore stable',
        'probe-rate': '0',
        steps: '10,50,100',
        'step-duration': '10s',
        'min-samples': '100',
        'error-tolerance': '0.05',
        'latency-tolerance': '300%',
        'on-inconclusive': 'promote',
        'status-context': 'off',
        ...extra
      };
      const step = async (post) => {
        const n = run.steps.length + 1;
        const cmdDir = path.join(runnerTemp, '_runner_file_commands');
        mkdirSync(cmdDir, { recursive: true });
        const files = Object.fromEntries(['output', 'state', 'env', 'summary', 'path'].map((k) => [k, path.join(cmdDir, `${k}_${n}`)]));
        for (const f of Object.values(files)) writeFileSync(f, '');
        const env = {
          PATH: process.env.PATH,
          HOME: home,
          GITHUB_WORKSPACE: workspace,
          GITHUB_SHA: `${'0'.repeat(39)}${no}`,
          GITHUB_REF: 'refs/heads/main',
          GITHUB_REPOSITORY: 'demo/service',
          GITHUB_RUN_ID: run.runId,
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_RUN_NUMBER: String(no),
          GITHUB_WORKFLOW: 'release',
          GITHUB_JOB: 'ship',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_ACTOR: 'developer',
          RUNNER_TEMP: runnerTemp,
          RUNNER_ENVIRONMENT: 'self-hosted',
          GITHUB_OUTPUT: files.output,
          GITHUB_STATE: files.state,
          GITHUB_ENV: files.env,
          GITHUB_PATH: files.path,
          GITHUB_STEP_SUMMARY: files.summary,
          // The workflow's env: what the user's commands need to find their servers.
          DEMO_ROUTERS: here,
          DEMO_SLOTS_DIR: slotsDir,
          STABLE_PORT: String(ports.stable),
          CANARY_PORT: String(ports.canary),
          DEMO_FAULTY_VERSIONS: 'v2'
        };
        for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
        for (const [k, v] of Object.entries(post ?? {})) env[`STATE_${k}`] = v;
        const begun = Date.now();
        const child = spawn(process.execPath, [bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
        current = child;
        let shown = 0;
        const show = (chunk) => {
          for (const line of chunk.toString().split('\n')) {
            if (!line.trim() || line.startsWith('::debug::')) continue;
            const text = line.replace(
              /^::(error|warning)[^:]*::(.*)$/,
              (_m, k, msg) => `${k === 'error' ? '✖' : '⚠'} ${msg.replace(/%0A/g, ' ').replace(/%25/g, '%')}`
            );
            if (text.startsWith('::')) continue;
            if (post && shown++ === 0) say(color('1', `▶ post canary-deploy ${version}`));
            console.log(`${color('2', elapsed())}    ${text}`);
          }
        };
        child.stdout.on('data', show);
        child.stderr.on('data', show);
        const code = await new Promise((r) => child.on('close', (c, sig) => r(c ?? (sig ? 128 : 1))));
        if (current === child) current = null;
        const s = {
          post: !!post,
          code,
          ms: Date.now() - begun,
          outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
          state: parseCommandFile(readFileSync(files.state, 'utf8'))
        };
        run.steps.push(s);
        return s;
      };
      say(color('1', `▶ canary-deploy ${version} (steps ${inputs.steps}, probe-rate 0)`));
      const main = await step(null);
      const post = await step(main.state);
      run.main = main;
      run.ms = Date.now() - run.started;
      run.customers = load.phases.get(`run ${no}: ${version}`);
      // What the runner keeps (the report, as an uploaded artifact); then RUNNER_TEMP and the workspace go.
      if (main.outputs.report && existsSync(main.outputs.report)) {
        const kept = path.join(run.kept, path.basename(main.outputs.report));
        cpSync(main.outputs.report, kept);
        try {
          run.report = JSON.parse(readFileSync(kept, 'utf8'));
        } catch {
          run.report = null;
        }
      }
      rmSync(workspace, { recursive: true, force: true });
      rmSync(runnerTemp, { recursive: true, force: true });
      const o = main.outputs;
      say(
        `${main.code === 0 ? color('32', '✔') : color(o.result === 'rolled-back' ? '33' : '31', '✖')} canary-deploy ${version} — exit ${main.code}, result ${o.result ?? '—'}${o['previous-version'] ? ` (previous ${o['previous-version']})` : ''} in ${secs(main.ms)}${post.code !== 0 ? `; post step exit ${post.code}` : ''}`
      );
      for (const [i, st] of (run.report?.steps ?? []).entries()) {
        const err = (side) => (side.requests ? pct(side.errorRate) : '—');
        const verdict = `${st.verdict.decision === 'continue' ? 'inconclusive' : st.verdict.decision} after ${secs(st.durationMs)}`;
        // At 100 % the proxy sends stable nothing: the judge compares with earlier steps' stable requests, or (first release) with absolute bounds.
        const live = st.baseline || st.weight === 100 ? null : st.canary.requests + st.stable.requests;
        const split = live
          ? `canary ${st.canary.requests} of ${live} customer requests (${pct(st.canary.requests / live)}), errors canary ${err(st.canary)}, stable ${err(st.stable)}`
          : `canary ${st.canary.requests} customer requests (all traffic), errors ${err(st.canary)}; ${run.report.firstRelease ? 'no stable to compare with: absolute bounds' : `compared with stable requests recorded at earlier steps (${err(st.stable)} errors)`}`;
        say(`   step ${i + 1} at ${st.weight} %: ${split} → ${verdict}`);
      }
      if (typeof run.report?.rollbackMs === 'number')
        say(`   rolled back: stable at 100 % and the rollback-command done ${run.report.rollbackMs} ms after the decision (the report's rollbackMs)`);
      say(`   customers during this run: ${tallyText(run.customers)}`);
      return run;
    };

    const v1 = await release('v1', 'first release, nothing live yet: all traffic to the new version (steps 100), absolute checks, promoted', {
      steps: '100'
    });
    check(v1.main.code === 0 && v1.main.outputs.result === 'promoted', `v1 should be promoted, got exit ${v1.main.code}, result ${v1.main.outputs.result}`);
    check(v1.report?.firstRelease === true, "v1's report should say it was judged as a first release");
    if (!problems.length && !interrupted) {
      const v2 = await release('v2', 'faulty build (30 % of its answers are 500): must be rolled back');
      const o = v2.main.outputs;
      check(
        o.result === 'rolled-back' && o['previous-version'] === 'v1',
        `v2 should be rolled back to v1, got result ${o.result}, previous ${o['previous-version']}`
      );
    }
    if (!problems.length && !interrupted) {
      const v3 = await release('v3', 'healthy: 10 → 50 → 100 %, promoted');
      const o = v3.main.outputs;
      check(
        o.result === 'promoted' && o['previous-version'] === 'v1',
        `v3 should be promoted over v1, got result ${o.result}, previous ${o['previous-version']}`
      );
    }
    if (!problems.length && !interrupted) {
      load.phase = 'after the story (1.5 s)';
      await sleep(1500);
      const after = load.phases.get('after the story (1.5 s)');
      console.log('');
      say(`after the last run: ${tallyText(after)}`);
      check(after && [...after.keys()].every((k) => k === 'v3'), 'after v3 is promoted every customer should get v3');
    }
  } catch (err) {
    check(false, err.message);
  } finally {
    process.off('SIGINT', onSigint);
    if (load) {
      load.phase = 'cleanup';
      await load.stop();
    }
    for (const slot of ['stable', 'canary']) {
      const pidFile = path.join(slotsDir, `${slot}.pid`);
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8'));
        started.push({ what: `${slot} server`, pid });
        await stopPid(pid);
      }
    }
    if (proxy) await proxy.stop();
  }

  const left = started.filter((p) => alive(p.pid));
  check(left.length === 0, `still running: ${left.map((p) => `${p.what} (pid ${p.pid})`).join(', ')}`);

  console.log(`\n${color('1', 'Runs')} — each a separate workflow run (own workspace, RUNNER_TEMP, run id); the ledger carried over`);
  for (const r of runs) {
    const o = r.main?.outputs ?? {};
    const steps = (r.report?.steps ?? []).map((s) => `${s.weight} % ${s.verdict.decision === 'continue' ? 'inconclusive' : s.verdict.decision}`).join(' → ');
    console.log(
      `  run ${r.no}  ${r.version.padEnd(3)} ${(o.result ?? '—').padEnd(12)} ${secs(r.ms ?? 0).padStart(7)}  exit ${r.main?.code ?? '—'}  ${steps}${o['previous-version'] ? `  (previous ${o['previous-version']})` : ''}`
    );
  }
  console.log(`\n${color('1', `Customer requests through ${traffic}, by run and what came back`)}`);
  for (const [phase, tally] of load?.phases ?? []) if (phase !== 'cleanup') console.log(`  ${phase.padEnd(26)} ${tallyText(tally)}`);
  const wall = Date.now() - t0;
  console.log(
    `\n${problems.length ? color('31', `Demo did not go as expected (${problems.join('; ')})`) : interrupted ? color('33', 'Interrupted') : color('32', 'Demo finished as expected')} in ${secs(wall)}; ${left.length ? 'some processes are still running' : `no process is left running (${traffic}, both servers stopped)`}. Everything is in ${base}`
  );
  writeFileSync(
    path.join(base, 'demo-result.json'),
    JSON.stringify(
      {
        traffic,
        ok: !interrupted && problems.length === 0,
        interrupted,
        problems,
        wallMs: wall,
        runs: runs.map((r) => ({ no: r.no, version: r.version, runId: r.runId, ms: r.ms, steps: r.steps, report: r.report ?? null })),
        customers: Object.fromEntries([...(load?.phases ?? [])].map(([p, t]) => [p, Object.fromEntries(t)]))
      },
      null,
      2
    ) + '\n'
  );
  return interrupted ? 130 : problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  if (process.argv[2] === 'slot') process.exit(await slotCommand(process.argv[3], process.argv[4]));
  process.exit(await runRouterDemo(process.env.SHIPGATE_DEMO_TRAFFIC ?? process.argv[2] ?? ''));
}
