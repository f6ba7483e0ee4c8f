#!/usr/bin/env node
// `npm run demo`: the whole rollout story on this machine, running the bundled actions as
// separate processes the way a runner runs a workflow's steps. Every job is its own workflow run
// on a fresh runner: its own RUNNER_TEMP, workspace, GITHUB_RUN_ID and event, and when the job
// ends its RUNNER_TEMP and workspace are wiped (what the runner keeps — the step summaries and the
// rollout reports — is copied out first, like uploaded artifacts). Only the machine carries over:
// the `state-dir` folder (the local target's daemon and state, the file ledger), which every
// canary-deploy call names explicitly, so nothing is written into the user's home.
//   job 1  release v1: build + canary-deploy (first release: absolute checks, then promoted)
//   job 2  release v2: build + canary-deploy (faulty: rolled back automatically)
//   job 3  release v3: build + canary-deploy (healthy: promoted)
//   job 4  release v4: build + canary-deploy with steps 20,pause,100 (paused at 20 %)
//   job 5  the release manager's canary-deploy action: promote (finds v4 through the ledger)
// Ctrl-C at any point: the running step rolls back, its post step runs, then the local target is
// stopped. The demo exits non-zero when the story does not go as expected.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';

// SHIPGATE_DEMO_TRAFFIC=nginx|haproxy: the v1 → faulty v2 → v3 story through a real proxy on
// loopback instead of the local target (examples/demo-routers.mjs); nothing below runs then.
if (process.env.SHIPGATE_DEMO_TRAFFIC && process.env.SHIPGATE_DEMO_TRAFFIC !== 'local') {
  const { runRouterDemo } = await import('./demo-routers.mjs');
  process.exit(await runRouterDemo(process.env.SHIPGATE_DEMO_TRAFFIC));
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (name) => path.join(repo, 'dist', name, 'index.js');
const base = path.resolve(process.env.SHIPGATE_DEMO_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'shipgate-demo-')));
// The runner machine: what outlives jobs on it. `state-dir` is given to every call; HOME points
// at an empty folder of the demo so a call that ignored state-dir could not reach the user's home
// (and the demo checks at the end that nothing was written there).
const machine = path.join(base, 'machine');
const stateDir = path.join(machine, 'shipgate');
const machineHome = path.join(machine, 'home');
const jobsDir = path.join(base, 'jobs');
for (const d of [machine, machineHome, jobsDir]) mkdirSync(d, { recursive: true });
const keepRunners = process.env.SHIPGATE_DEMO_KEEP_RUNNERS === '1';
const environment = 'demo';
const ledgerFile = path.join(stateDir, 'ledger.json');
const localStateDir = path.join(stateDir, 'local', environment);
const t0 = Date.now();
// GitHub run ids are large and unique per run; so are these (one per job).
const runIdBase = 9_000_000_000 + (Date.now() % 1_000_000) * 100;
const jobs = [];
const problems = [];
let current = null;
let interrupted = false;

const color = process.stdout.isTTY ? (c, s) => `\u001b[${c}m${s}\u001b[0m` : (_c, s) => s;
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
const say = (s) => console.log(`${color('2', elapsed())}  ${s}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const commitOf = (what) => createHash('sha1').update(`shipgate-demo ${what}`).digest('hex');

/** Records a deviation from the story; the demo then exits 1. */
function expect(cond, what) {
  if (cond) return true;
  problems.push(what);
  say(color('31', `✖ unexpected: ${what}`));
  return false;
}

/**
 * A new job on a fresh runner: empty RUNNER_TEMP and workspace, its own run id and event.
 * `event` is the workflow's trigger (push for releases, workflow_dispatch for the release manager).
 */
function startJob(title, { event, payload, sha, workflow, job }) {
  const no = jobs.length + 1;
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  const dir = path.join(jobsDir, `${no}-${slug}`);
  const j = {
    no,
    title,
    event,
    runId: String(runIdBase + no),
    sha,
    workflow,
    job,
    dir,
    workspace: path.join(dir, 'workspace'),
    runnerTemp: path.join(dir, 'runner-temp'),
    kept: path.join(dir, 'kept'),
    steps: [],
    startedAt: Date.now(),
    ms: 0
  };
  for (const d of [j.workspace, j.runnerTemp, j.kept]) mkdirSync(d, { recursive: true });
  j.eventPath = path.join(j.runnerTemp, '_github_workflow', 'event.json');
  mkdirSync(path.dirname(j.eventPath), { recursive: true });
  writeFileSync(j.eventPath, JSON.stringify({ ...payload, repository: { full_name: 'demo/service' } }, null, 2) + '\n');
  jobs.push(j);
  console.log('');
  say(color('1;36', `━━ job ${no}: ${title}`));
  say(color('2', `   ${event} run ${j.runId} on a fresh runner: empty RUNNER_TEMP and workspace in ${dir}; state-dir ${stateDir}`));
  return j;
}

/**
 * The job is over: the runner keeps the step summaries and (as uploaded artifacts) the rollout
 * reports, then empties RUNNER_TEMP and the workspace. The next job cannot see them.
 */
function endJob(j) {
  j.ms = Date.now() - j.startedAt;
  for (const s of j.steps) {
    const keptSummary = path.join(j.kept, `${s.no}-${s.name}${s.post ? '-post' : ''}.summary.md`);
    try {
      if (readFileSync(s.summaryFile, 'utf8').trim()) {
        cpSync(s.summaryFile, keptSummary);
        s.keptSummary = keptSummary;
      }
    } catch {
      /* no summary */
    }
    if (s.outputs.report && existsSync(s.outputs.report)) {
      s.keptReport = path.join(j.kept, path.basename(s.outputs.report));
      cpSync(s.outputs.report, s.keptReport);
      try {
        s.report = JSON.parse(readFileSync(s.keptReport, 'utf8'));
      } catch {
        /* unreadable */
      }
    }
  }
  writeFileSync(
    path.join(j.kept, 'steps.json'),
    JSON.stringify(
      j.steps.map(({ no, name, title, post, code, ms, outputs }) => ({ no, name, title, post, code, ms, outputs })),
      null,
      2
    ) + '\n'
  );
  if (!keepRunners) {
    rmSync(j.runnerTemp, { recursive: true, force: true });
    rmSync(j.workspace, { recursive: true, force: true });
  }
  say(
    color(
      '2',
      `   job ${j.no} over after ${secs(j.ms)}: ${keepRunners ? 'runner kept (SHIPGATE_DEMO_KEEP_RUNNERS=1)' : 'RUNNER_TEMP and workspace wiped'}; summaries and reports kept in ${j.kept}`
    )
  );
}

/** Runs one bundled action as a step of job `j`, with only the environment a runner gives it. */
function runStep(j, name, title, inputs, { extraEnv = {}, post = null } = {}) {
  const no = j.steps.length + 1;
  const cmdDir = path.join(j.runnerTemp, '_runner_file_commands');
  mkdirSync(cmdDir, { recursive: true });
  const files = Object.fromEntries(['output', 'state', 'env', 'summary'].map((k) => [k, path.join(cmdDir, `${k}_${no}`)]));
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    PATH: process.env.PATH,
    HOME: machineHome,
    GITHUB_WORKSPACE: j.workspace,
    GITHUB_SHA: j.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: 'demo/service',
    GITHUB_RUN_ID: j.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: String(j.no),
    GITHUB_WORKFLOW: j.workflow,
    GITHUB_JOB: j.job,
    GITHUB_EVENT_NAME: j.event,
    GITHUB_EVENT_PATH: j.eventPath,
    GITHUB_ACTOR: j.event === 'workflow_dispatch' ? 'release-manager' : 'developer',
    RUNNER_TEMP: j.runnerTemp,
    RUNNER_ENVIRONMENT: 'self-hosted',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    ...extraEnv
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v);
  // A post step gets what its main step saved (core.saveState) as STATE_* variables.
  for (const [k, v] of Object.entries(post ?? {})) env[`STATE_${k}`] = v;
  const label = post ? `post ${title}` : title;
  if (!post) say(color('1', `▶ ${label}`));
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [dist(name)], { cwd: j.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let shown = 0;
    const show = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim() || line.startsWith('::debug::')) continue;
        // ::error::/::warning:: commands as the runner shows them: marker, then the decoded message.
        const text = line.replace(/^::(error|warning)[^:]*::(.*)$/, (_m, k, msg) => `${k === 'error' ? '✖' : '⚠'} ${decodeCommandData(msg)}`);
        if (text.startsWith('::')) continue;
        if (post && shown++ === 0) say(color('1', `▶ ${label}`));
        console.log(`${color('2', elapsed())}    ${text}`);
      }
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    child.on('exit', (code, signal) => {
      if (current === child) current = null;
      const outputs = parseCommandFile(readFileSync(files.output, 'utf8'));
      const state = parseCommandFile(readFileSync(files.state, 'utf8'));
      const step = {
        no,
        name,
        title: label,
        post: !!post,
        code: code ?? (signal ? 128 : 1),
        ms: Date.now() - started,
        outputs,
        state,
        summaryFile: files.summary
      };
      j.steps.push(step);
      // A post step with nothing to do says nothing; only its failures are worth a line.
      if (!post || shown > 0 || step.code !== 0) {
        say(
          `${step.code === 0 ? color('32', '✔') : color('31', '✖')} ${label} — exit ${step.code}${outputs.result ? `, result ${outputs.result}` : ''}${outputs.weight && outputs.result === 'paused' ? ` at ${outputs.weight} %` : ''} (${secs(step.ms)})`
        );
      }
      resolve(step);
    });
  });
}

/** Workflow-command data is escaped by @actions/core (%, CR, LF); the runner decodes it. */
function decodeCommandData(s) {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** GITHUB_OUTPUT / GITHUB_STATE files: `name<<ghadelimiter_…\nvalue\nghadelimiter_…`. */
function parseCommandFile(text) {
  const out = {};
  const re = /^([^<=\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/** canary-deploy as the runner runs it: the main step, then its post step (post-if: always()). */
async function canaryDeployStep(j, title, inputs) {
  const main = await runStep(j, 'canary-deploy', title, inputs);
  await runStep(j, 'canary-deploy', title, inputs, { post: main.state });
  return main;
}

/** Customer traffic through the local proxy, tallied by phase of the story and answering version. */
function customerTraffic() {
  const phases = new Map();
  let phase = 'before v1';
  let stop = false;
  let entry = null;
  const loop = async () => {
    while (!stop) {
      if (!entry) entry = findEntry(localStateDir);
      if (entry) {
        await new Promise((r) => {
          const req = http.get(entry, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => {
              let k;
              try {
                k = JSON.parse(body).version;
              } catch {
                // The demo service's injected faults name their version; the proxy answers 503
                // while no version runs yet (a brand-new environment before v1 is up).
                const fault = /injected fault in (\S+)/.exec(body);
                k = fault
                  ? `${fault[1]} (${res.statusCode})`
                  : res.statusCode === 503 && /No version is running/.test(body)
                    ? '503 no version yet'
                    : `${res.statusCode} from proxy`;
              }
              if (!phases.has(phase)) phases.set(phase, new Map());
              const tally = phases.get(phase);
              tally.set(k, (tally.get(k) ?? 0) + 1);
              r();
            });
          });
          req.on('error', () => {
            entry = null;
            r();
          });
          req.setTimeout(2000, () => req.destroy());
        });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const done = loop();
  return {
    phases,
    set phase(p) {
      phase = p;
    },
    async stop() {
      stop = true;
      await done;
    }
  };
}

function findEntry(dir) {
  try {
    const info = JSON.parse(readFileSync(path.join(dir, 'daemon.json'), 'utf8'));
    if (info.proxyPort) return `http://127.0.0.1:${info.proxyPort}/`;
    if (info.urls?.entry) return info.urls.entry;
  } catch {
    /* not started yet */
  }
  return null;
}

/** The shipgate CLI against the demo's state-dir (never the user's default one). */
function cli(args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [dist('cli'), ...args, '--environment', environment, '--state-root', stateDir], {
      env: { PATH: process.env.PATH, HOME: machineHome },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('exit', (code) => {
      if (!quiet) for (const line of out.trimEnd().split('\n')) if (line) console.log(`  ${line}`);
      resolve({ code, out });
    });
  });
}

const stopLocal = () => cli(['local', 'stop']);

process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  say(color('33', 'Ctrl-C: letting the running step roll back (its post step runs too), then stopping everything…'));
  if (current) current.kill('SIGINT');
  wakeUp?.();
});

let wakeUp = null;
/** Waits `ms`, or less when Ctrl-C comes. */
function pauseFor(ms) {
  return new Promise((r) => {
    const t = setTimeout(r, ms);
    wakeUp = () => {
      clearTimeout(t);
      r();
    };
  });
}

const service = path.join(repo, 'examples', 'service', 'server.mjs');
const rollout = {
  environment,
  'state-dir': stateDir,
  'start-command': `node ${JSON.stringify(service).slice(1, -1)}`,
  steps: process.env.SHIPGATE_DEMO_STEPS ?? '10,50,100',
  'step-duration': process.env.SHIPGATE_DEMO_STEP_DURATION ?? '20s',
  'probe-rate': process.env.SHIPGATE_DEMO_PROBE_RATE ?? '50',
  'error-tolerance': process.env.SHIPGATE_DEMO_ERROR_TOLERANCE ?? '0.05',
  'min-samples': '100'
};
const pauseSteps = process.env.SHIPGATE_DEMO_PAUSE_STEPS ?? '20,pause,100';
const pausedWeight = Number(
  pauseSteps
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .at(-2)
);
const pauseWaitMs = Number(process.env.SHIPGATE_DEMO_PAUSE_WAIT_MS ?? 3000);

// SHIPGATE_DEMO_PROMETHEUS=1: Debian's prometheus scrapes both versions through the local target's
// stable and canary side ports (every 1 s), and v2, v3 and v4 are judged from PromQL alone.
const withPrometheus = process.env.SHIPGATE_DEMO_PROMETHEUS === '1';
let prometheus = null;

async function startPrometheus() {
  const info = JSON.parse(readFileSync(path.join(localStateDir, 'daemon.json'), 'utf8'));
  const targets = [info.urls.stable, info.urls.canary].map((u) => new URL(u).host);
  const dir = path.join(machine, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const port = await new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n`
  );
  const child = spawn(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'ignore'] }
  );
  let failed = null;
  // A missing binary gives 'error' and no 'exit'.
  const exited = new Promise((r) => {
    child.once('exit', r);
    child.once('error', (err) => {
      failed = err;
      r();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (failed)
      throw new Error(`prometheus did not start (${failed.message}): install Debian's prometheus, or run the demo without SHIPGATE_DEMO_PROMETHEUS=1`);
    try {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('up{job="demo"}')}`);
      const body = await r.json();
      if (body.data?.result?.some((x) => x.value[1] === '1')) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`Prometheus on ${url} scrapes ${targets.join(' and ')}; the judge now reads PromQL`);
  return { url, child, exited };
}

/** One release as one push-triggered workflow run: build and canary-deploy in the same job. */
async function release(version, { errorRate = 0, steps, story }) {
  const sha = commitOf(version);
  const j = startJob(`release ${version}${story ? ` (${story})` : ''}`, {
    event: 'push',
    payload: { ref: 'refs/heads/main', after: sha, head_commit: { id: sha, message: `release ${version}` } },
    sha,
    workflow: 'release',
    job: 'ship'
  });
  try {
    const build = await runStep(
      j,
      'build',
      `build ${version}${errorRate > 0 ? ` (faulty: ${errorRate * 100} % errors)` : ''}`,
      {
        command: `node ${JSON.stringify(path.join(repo, 'examples', 'build-demo.mjs')).slice(1, -1)} out`,
        artifact: 'out/**',
        version
      },
      { extraEnv: { DEMO_ERROR_RATE: String(errorRate) } }
    );
    if (!expect(build.code === 0, `build ${version} exited ${build.code}`) || interrupted) return { job: j, build, deploy: null };
    // The manifest is in this job's RUNNER_TEMP: only a step of the same job can read it.
    const promInputs = prometheus ? { 'prometheus-url': prometheus.url } : {};
    const deploy = await canaryDeployStep(j, `canary-deploy ${version}${steps ? ` (steps ${steps})` : ''}${prometheus ? ' (judged from Prometheus)' : ''}`, {
      ...rollout,
      ...(steps ? { steps } : {}),
      ...promInputs,
      manifest: build.outputs.manifest
    });
    return { job: j, build, deploy };
  } finally {
    endJob(j);
  }
}

/** The release manager, later, on another runner: only environment, state-dir and action. */
async function releaseManager(action, version) {
  const j = startJob(`release manager ${action === 'promote' ? 'promotes' : 'aborts'} ${version}`, {
    event: 'workflow_dispatch',
    payload: { ref: 'refs/heads/main', inputs: { environment, action } },
    sha: commitOf(version),
    workflow: 'release-manager',
    job: action
  });
  try {
    say(
      color(
        '2',
        `   this runner has no manifest, no version input and no memory of job ${jobs.length - 1}: canary-deploy must find the canary through the ledger ${ledgerFile}`
      )
    );
    return { job: j, deploy: await canaryDeployStep(j, `canary-deploy action: ${action}`, { environment, 'state-dir': stateDir, action }) };
  } finally {
    endJob(j);
  }
}

const reportOf = (step) => step?.report ?? null;

console.log(color('1', 'Shipgate demo — build → canary → analysis → promote | roll back | pause → promote by hand, all on this machine'));
console.log(
  `Every job is a separate workflow run on a fresh runner; only the machine's state-dir carries over:\n  ${stateDir}\n  (local target daemon and state in local/${environment}/, file ledger ledger.json)`
);
console.log(
  withPrometheus
    ? 'Judging v2, v3 and v4 from Prometheus (SHIPGATE_DEMO_PROMETHEUS=1).'
    : "Tip: with Debian's prometheus installed, SHIPGATE_DEMO_PROMETHEUS=1 npm run demo judges from PromQL instead."
);
if (!existsSync(dist('canary-deploy')) || !existsSync(dist('cli'))) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}
const traffic = customerTraffic();
const story = {};
let finalStatus = null;
try {
  traffic.phase = 'v1 rollout';
  story.v1 = await release('v1', { story: 'first release: absolute checks, then promoted' });
  if (story.v1.deploy && !interrupted) {
    const d = story.v1.deploy;
    expect(d.code === 0 && d.outputs.result === 'promoted', `v1 should be promoted as the first release, got exit ${d.code}, result ${d.outputs.result}`);
    expect(reportOf(d)?.firstRelease === true, "v1's report should say it was judged as a first release (absolute bounds)");
  }
  if (!problems.length && withPrometheus && !interrupted) {
    try {
      prometheus = await startPrometheus();
    } catch (err) {
      expect(false, err.message);
    }
  }

  if (!problems.length && !interrupted) {
    traffic.phase = 'v2 rollout';
    story.v2 = await release('v2', { errorRate: 0.3, story: 'faulty: 30 % errors, must be rolled back' });
    const d = story.v2.deploy;
    if (d && !interrupted)
      expect(
        d.code !== 0 && d.outputs.result === 'rolled-back' && d.outputs['previous-version'] === 'v1',
        `v2 should be rolled back to v1, got exit ${d.code}, result ${d.outputs.result}, previous ${d.outputs['previous-version']}`
      );
  }
  if (!problems.length && !interrupted) {
    traffic.phase = 'v3 rollout';
    story.v3 = await release('v3', { story: 'healthy: must be promoted' });
    const d = story.v3.deploy;
    if (d && !interrupted)
      expect(
        d.code === 0 && d.outputs.result === 'promoted' && d.outputs['previous-version'] === 'v1',
        `v3 should be promoted over v1, got exit ${d.code}, result ${d.outputs.result}, previous ${d.outputs['previous-version']}`
      );
  }
  if (!problems.length && !interrupted) {
    traffic.phase = 'v4 rollout';
    story.v4 = await release('v4', { steps: pauseSteps, story: `healthy, steps ${pauseSteps}: must pause at ${pausedWeight} %` });
    const d = story.v4.deploy;
    if (d && !interrupted)
      expect(
        d.code === 0 && d.outputs.result === 'paused' && Number(d.outputs.weight) === pausedWeight && d.outputs['previous-version'] === 'v3',
        `v4 should pause at ${pausedWeight} % over v3, got exit ${d.code}, result ${d.outputs.result} at ${d.outputs.weight} %, previous ${d.outputs['previous-version']}`
      );
  }
  if (!problems.length && !interrupted) {
    traffic.phase = `v4 paused at ${pausedWeight} % (no run is going)`;
    console.log('');
    say(
      color(
        '1;36',
        `━━ no job runs: v4 serves ${pausedWeight} % of customer traffic beside v3 until someone decides (waiting ${secs(pauseWaitMs)} for "hours later")`
      )
    );
    await pauseFor(pauseWaitMs);
  }
  if (!problems.length && !interrupted) {
    traffic.phase = 'v4 promoted by hand';
    story.promote = await releaseManager('promote', 'v4');
    const d = story.promote.deploy;
    if (d && !interrupted) {
      const r = reportOf(d);
      const v4Id = story.v4.deploy.outputs['deployment-id'];
      expect(d.code === 0 && d.outputs.result === 'promoted', `the release manager's promote should succeed, got exit ${d.code}, result ${d.outputs.result}`);
      expect(
        r?.release?.version === 'v4' && d.outputs['deployment-id'] === v4Id,
        `promote should act on v4's deployment ${v4Id} found in the ledger, acted on ${r?.release?.version ?? '?'} deployment ${d.outputs['deployment-id'] || '—'}`
      );
      // The target itself, asked through the CLI: v4 stable at 100 %, no canary left.
      const s = await cli(['local', 'status', '--json'], { quiet: true });
      try {
        finalStatus = JSON.parse(s.out);
      } catch {
        finalStatus = null;
      }
      expect(
        finalStatus?.stable?.version === 'v4' && !finalStatus?.canary,
        `the local target should run v4 as stable and no canary, shows stable ${finalStatus?.stable?.version ?? '—'}, canary ${finalStatus?.canary?.version ?? '—'}`
      );
    }
  }
} finally {
  if (interrupted && story.v4?.deploy?.outputs.result === 'paused' && !story.promote) {
    // Ctrl-C while v4 waits at its pause: back it out the way a release manager would, so the
    // ledger is not left with an unfinished rollout whose target is about to be stopped.
    traffic.phase = 'v4 aborted after Ctrl-C';
    say(color('33', `v4 is still paused at ${pausedWeight} %: aborting it with canary-deploy action: abort before stopping everything`));
    story.abort = await releaseManager('abort', 'v4');
  }
  traffic.phase = 'cleanup';
  if (prometheus) {
    prometheus.child.kill('SIGTERM');
    await prometheus.exited;
  }
  await traffic.stop();
  console.log('');
  say('Stopping the local target (node dist/cli/index.js local stop):');
  await stopLocal();
}

const leakedHome = existsSync(path.join(machineHome, '.local', 'state', 'shipgate'));
if (!interrupted)
  expect(!leakedHome, `something wrote the default state folder ${path.join(machineHome, '.local', 'state', 'shipgate')} although every call named state-dir`);

console.log(`\n${color('1', 'Timeline')} — one workflow run per job, each on a fresh runner; the ledger and the local target carried over in state-dir`);
for (const j of jobs) {
  console.log(`  ${color('1', `job ${j.no}`)} ${j.title} — ${j.event} run ${j.runId}, ${secs(j.ms)}`);
  for (const s of j.steps) {
    if (s.post && s.code === 0) continue;
    const o = s.outputs;
    const what = o.result
      ? `${o.result}${o.result === 'paused' ? ` at ${o.weight} %` : ''}${o['previous-version'] ? ` (previous ${o['previous-version']})` : ''}${o['deployment-id'] ? `, deployment ${o['deployment-id']}` : ''}`
      : o.version
        ? `${o.version} ${o.digest?.slice(0, 19) ?? ''}…`
        : '';
    console.log(`         ${s.title.padEnd(42)} ${secs(s.ms).padStart(7)}  exit ${s.code}  ${what}`);
  }
}

const v1r = reportOf(story.v1?.deploy);
const v2r = reportOf(story.v2?.deploy);
const v4d = story.v4?.deploy;
const pd = story.promote?.deploy;
console.log(`\n${color('1', 'What happened')}`);
if (v1r)
  console.log(
    `  v1  ${v1r.firstRelease ? `first release: nothing to compare with, held to absolute bounds at ${v1r.steps?.[0]?.weight ?? '?'} % (${v1r.steps?.[0]?.canary?.requests ?? '?'} canary requests, ${secs(v1r.steps?.[0]?.durationMs ?? 0)}), then` : ''} ${story.v1.deploy.outputs.result}`
  );
if (v2r)
  console.log(
    `  v2  faulty: ${v2r.result} at ${v2r.steps?.at(-1)?.weight ?? '?'} % after ${secs(v2r.steps?.at(-1)?.durationMs ?? 0)}; stable ${story.v2.deploy.outputs['previous-version']} took all traffic again in ${v2r.rollbackMs ?? '?'} ms`
  );
if (story.v3?.deploy) console.log(`  v3  compared with v1 (which the ledger and the target knew, not this runner): ${story.v3.deploy.outputs.result}`);
if (v4d)
  console.log(
    `  v4  ${v4d.outputs.result} at ${v4d.outputs.weight} % by its plan (${pauseSteps}); its run ended with exit ${v4d.code} and its runner was wiped`
  );
if (pd)
  console.log(
    `  job ${story.promote.job.no} (workflow_dispatch, fresh runner, inputs: environment, state-dir, action: promote) found v4's deployment ${pd.outputs['deployment-id'] || '?'} through the ledger and ${pd.outputs.result === 'promoted' ? 'promoted it to 100 %' : `ended ${pd.outputs.result || 'without a result'}`}`
  );
if (finalStatus) console.log(`  the local target now: stable ${finalStatus.stable?.version ?? '—'}, canary ${finalStatus.canary?.version ?? '—'}`);

console.log(`\n${color('1', 'Customer requests through the proxy, by phase and answering version')}`);
for (const [phase, tally] of traffic.phases) {
  if (phase === 'cleanup') continue;
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  const parts = [...tally.entries()].sort().map(([k, n]) => `${k} ${n} (${Math.round((100 * n) / total)} %)`);
  console.log(`  ${phase.padEnd(34)} ${parts.join(', ')}`);
}

console.log(`\n${color('1', 'The file ledger')} (${ledgerFile}, via node dist/cli/index.js history):`);
await cli(['history']);

console.log(`\n${color('1', 'Kept after each job')} (step summaries as GitHub shows them, rollout reports as uploaded artifacts):`);
for (const j of jobs) console.log(`  job ${j.no}: ${j.kept}`);

// For scripts/bench-demo.mjs and anyone who wants the outcome without parsing the text.
const result = {
  ok: !interrupted && problems.length === 0,
  interrupted,
  problems,
  wallMs: Date.now() - t0,
  stateDir,
  ledgerFile,
  jobs: jobs.map((j) => ({
    no: j.no,
    title: j.title,
    event: j.event,
    runId: j.runId,
    ms: j.ms,
    steps: j.steps.map((s) => ({ name: s.name, title: s.title, post: s.post, code: s.code, ms: s.ms, outputs: s.outputs, report: s.keptReport ?? null }))
  }))
};
writeFileSync(path.join(base, 'demo-result.json'), JSON.stringify(result, null, 2) + '\n');

const verdict = interrupted
  ? color('33', 'Interrupted')
  : result.ok
    ? color('32', 'Demo finished as expected')
    : color('31', `Demo did not go as expected (${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')})`);
console.log(`\n${verdict} in ${secs(Date.now() - t0)}; no process is left running. Everything is in ${base}`);
process.exit(interrupted ? 130 : result.ok ? 0 : 1);
