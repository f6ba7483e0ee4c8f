// Runs dist/<name>/index.js the way the GitHub runner does: a child process with INPUT_* variables
// and the runner's files, and none of the parent's environment. Every call is its own workflow run
// on a fresh runner by default: its own workspace, RUNNER_TEMP, runner files and GITHUB_RUN_ID.
// Only what a test passes on purpose carries over: a machine's state folder (`stateHome`, like a
// self-hosted runner's home), a ledger file, the GitHub stand-in, or a shared job (`sameJob`).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** The ::error:: line, if the step failed. */
  error: string;
}

export interface BundleOptions {
  /**
   * Steps of ONE job (same workspace and RUNNER_TEMP), e.g. build then canary-deploy in one job.
   * Opt-in: without it every call is a separate run on a fresh runner.
   */
  sameJob?: Job;
  /** XDG_STATE_HOME of the runner machine (the local target and the default file ledger live there); fresh by default. */
  stateHome?: string;
  /** GITHUB_RUN_ID; a new one per call by default. */
  runId?: string;
  env?: Record<string, string>;
  /** STATE_* values for a post step. */
  state?: Record<string, string>;
  timeoutMs?: number;
  /** Send this signal after the given ms (cancellation tests). */
  signalAfter?: { signal: NodeJS.Signals; ms: number } | { signal: NodeJS.Signals; whenStdout: RegExp };
}

export function tempDir(prefix = 'shipgate-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** One job: the workspace and RUNNER_TEMP that its steps share. */
export interface Job {
  workspace: string;
  runnerTemp: string;
}

export function newJob(prefix = 'shipgate-job-'): Job {
  const workspace = tempDir(prefix);
  const runnerTemp = tempDir('shipgate-runner-temp-');
  return { workspace, runnerTemp };
}

let runCounter = 0;
/** A fresh run id per call (the stand-in can be told each one's status). */
export function nextRunId(): string {
  runCounter++;
  return String(10_000 + (process.pid % 1000) * 100 + runCounter);
}

export function runBundle(name: string, inputs: Record<string, string>, options: BundleOptions = {}): Promise<BundleRun & { runId: string; job: Job }> {
  const job = options.sameJob ?? newJob();
  const { workspace, runnerTemp } = job;
  mkdirSync(runnerTemp, { recursive: true });
  const runId = options.runId ?? nextRunId();
  const stateHome = options.stateHome ?? tempDir('shipgate-machine-');
  const files = tempDir('shipgate-runner-');
  const f = (n: string) => path.join(files, n);
  for (const n of ['output', 'state', 'env', 'summary', 'path']) writeFileSync(f(n), '');
  writeFileSync(f('event.json'), options.env?.__EVENT ?? '{}');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: f('output'),
    GITHUB_STATE: f('state'),
    GITHUB_ENV: f('env'),
    GITHUB_PATH: f('path'),
    GITHUB_STEP_SUMMARY: f('summary'),
    GITHUB_EVENT_PATH: f('event.json'),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    XDG_STATE_HOME: stateHome,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runnerTemp
  };
  for (const [k, v] of Object.entries(options.env ?? {})) if (k !== '__EVENT') env[k] = v;
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(options.state ?? {})) env[`STATE_${k}`] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'dist', name, 'index.js')], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const sig = options.signalAfter;
    child.stdout.on('data', (c) => {
      stdout += c;
      if (sig && 'whenStdout' in sig && !signalled && sig.whenStdout.test(stdout)) {
        signalled = true;
        child.kill(sig.signal);
      }
    });
    child.stderr.on('data', (c) => (stderr += c));
    if (sig && 'ms' in sig) setTimeout(() => child.kill(sig.signal), sig.ms);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dist/${name} did not finish within ${options.timeoutMs ?? 120000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({
        runId,
        job,
        code,
        stdout,
        stderr,
        outputs: parseFileCommand(readFileSync(f('output'), 'utf8')),
        state: parseFileCommand(readFileSync(f('state'), 'utf8')),
        summary: readFileSync(f('summary'), 'utf8'),
        error: (/^::error::(.*)$/m.exec(stdout)?.[1] ?? '').replace(/%0A/g, '\n').replace(/%25/g, '%')
      });
    });
  });
}

/** Parses the runner's `name<<delimiter` file-command format. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<=\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}
