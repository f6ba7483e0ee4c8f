// The GitLab CI job and the Jenkins stage of the README, run command for command with the CLI
// bundle: every job is a fresh workspace (the user's repository: a service and its config file),
// and only the machine carries over (the local target's state folder and the file ledger), as on
// a shell runner or a Jenkins agent. The one line that fetches Shipgate from GitHub is replaced
// by a link to this checkout: tests reach no network beyond loopback.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO, tempDir } from '../helpers/run-bundle.js';
import type { DeploymentRecord } from '../../shared/ports/ledger.js';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const CLI = path.join(REPO, 'dist', 'cli', 'index.js');
const CLONE = /^git clone .*https:\/\/github\.com\/shipgate\/shipgate\.git \.shipgate-cli$/;

/** The fenced block of `lang` under the README heading `heading`. */
function block(heading: string, lang: string): string {
  const at = README.indexOf(`\n### ${heading}\n`);
  expect(at).toBeGreaterThan(0);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(README.slice(at));
  if (!m) throw new Error(`no ${lang} block under ${heading}`);
  return m[1];
}

interface Machine {
  home: string;
  stateDir: string;
  ledger: string;
}

function machine(name: string): Machine {
  const home = tempDir(`shipgate-${name}-machine-`);
  return { home, stateDir: path.join(home, 'state'), ledger: path.join(home, 'ledger.json') };
}

/** A fresh checkout of the user's repository: a service whose fault rate is part of the commit, and its config file. */
function checkout(m: Machine, faultRate: number): string {
  const ws = tempDir('shipgate-ci-job-');
  const service = path.join(REPO, 'examples', 'service', 'server.mjs');
  writeFileSync(path.join(ws, 'fault-rate'), `${faultRate}\n`);
  writeFileSync(
    path.join(ws, 'app.mjs'),
    `import { readFileSync } from 'node:fs';\nprocess.env.FAULT_ERROR_RATE = readFileSync(new URL('./fault-rate', import.meta.url), 'utf8').trim();\nawait import(${JSON.stringify(service)});\n`
  );
  mkdirSync(path.join(ws, '.github'));
  writeFileSync(
    path.join(ws, '.github', 'shipgate.yml'),
    [
      'target: local',
      'start-command: node app.mjs',
      `state-dir: ${JSON.stringify(m.stateDir)}`,
      'steps: [50, 100]',
      'step-duration: 15s',
      'probe-rate: 150',
      'error-tolerance: 2%',
      // An absolute latency line: on a loaded CI machine a healthy canary's tail can drift past the
      // relative 20 % for a whole 15 s step (latency undecided, a rollback); these jobs are about the CLI.
      'max-latency: 2000',
      'min-samples: 50',
      ''
    ].join('\n')
  );
  return ws;
}

interface JobRun {
  code: number;
  log: string;
  /** Exit code of each command, in order. */
  codes: number[];
}

/** Runs a CI job's commands as its runner would: `sh -c` each, stopping the main part at the first failure; `always` lines run regardless. */
function runJob(ws: string, env: Record<string, string>, main: string[], always: string[]): JobRun {
  let code = 0;
  let log = '';
  const codes: number[] = [];
  const sh = (line: string) => {
    if (CLONE.test(line)) {
      symlinkSync(REPO, path.join(ws, '.shipgate-cli'));
      return 0;
    }
    const r = spawnSync('sh', ['-c', line], { cwd: ws, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', timeout: 120_000 });
    log += `$ ${line}\n${r.stdout}${r.stderr}`;
    codes.push(r.status ?? -1);
    return r.status ?? -1;
  };
  for (const line of main) {
    code = sh(line);
    if (code !== 0) break;
  }
  for (const line of always) sh(line);
  return { code, log, codes };
}

function ledger(m: Machine): [string, string][] {
  const data = JSON.parse(readFileSync(m.ledger, 'utf8')) as { environments: Record<string, DeploymentRecord[]> };
  return data.environments.production.map((r): [string, string] => [r.release.version, r.state]);
}

const machines: Machine[] = [];
afterAll(() => {
  for (const m of machines) spawnSync(process.execPath, [CLI, 'local', 'stop', '-e', 'production', '--state-dir', m.stateDir]);
});

describe("the README's GitLab CI job, as separate pipelines on one shell runner", () => {
  const job = parse(block('GitLab CI', 'yaml')) as Record<string, { script: string[]; after_script: string[]; variables: Record<string, string> }>;
  const spec = job['deploy-production'];
  const m = machine('gitlab');
  machines.push(m);
  // The job's own variables, with the ledger on this test machine instead of /srv.
  const env = (sha: string) => ({ ...spec.variables, SHIPGATE_LEDGER: m.ledger, HOME: m.home, CI_COMMIT_SHORT_SHA: sha, CI_COMMIT_SHA: sha.padEnd(40, '0') });

  test('the job uses the CLI bundle for every step', () => {
    expect(spec.script.filter((l) => CLONE.test(l))).toHaveLength(1);
    expect(spec.script.filter((l) => l.startsWith('node .shipgate-cli/dist/cli/index.js rollout '))).toHaveLength(1);
  });

  test('pipeline 1: the first release is promoted and the job succeeds', () => {
    const run = runJob(checkout(m, 0), env('a1b2c3d'), spec.script, spec.after_script);
    expect([run.code, run.codes]).toEqual([0, [0, 0, 0, 0]]);
    expect(run.log).toMatch(/Plan for production: a1b2c3d/);
    expect(run.log).toMatch(/Result: promoted/);
    expect(run.log).toMatch(/live: {3}a1b2c3d/);
    expect(ledger(m)).toEqual([['a1b2c3d', 'success']]);
  });

  test('pipeline 2: a faulty commit is rolled back, the job fails with exit code 1, and after_script shows what is live', () => {
    const ws = checkout(m, 0.4);
    const run = runJob(ws, env('e4f5a6b'), spec.script, spec.after_script);
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/shipgate: Rolled back at 50 %/);
    expect(run.log).toMatch(/live: {3}a1b2c3d/);
    // The report is where the job's artifacts: paths point.
    expect(readdirSync(path.join(ws, '.shipgate', 'reports')).some((f) => f.endsWith('.json'))).toBe(true);
    expect(ledger(m)).toEqual(
      expect.arrayContaining([
        ['e4f5a6b', 'failure'],
        ['a1b2c3d', 'success']
      ])
    );
    expect(ledger(m)).toHaveLength(2);
  });

  test('pipeline 3: a healthy commit is compared with the live one and promoted', () => {
    const run = runJob(checkout(m, 0), env('c7d8e9f'), spec.script, spec.after_script);
    expect([run.code, run.codes]).toEqual([0, [0, 0, 0, 0]]);
    expect(run.log).toMatch(/Result: promoted/);
    expect(run.log).toMatch(/live: {3}c7d8e9f/);
    expect(ledger(m)).toEqual(
      expect.arrayContaining([
        ['c7d8e9f', 'success'],
        ['a1b2c3d', 'inactive']
      ])
    );
  });
});

describe("the README's Jenkins stage, as separate builds on one agent", () => {
  const groovy = block('Jenkins (declarative pipeline)', 'groovy');
  const steps = groovy.slice(groovy.indexOf('steps {'), groovy.indexOf('post {'));
  const post = groovy.slice(groovy.indexOf('post {'));
  const shLines = (text: string) => [...text.matchAll(/^\s*sh '(.+)'$/gm)].map((x) => x[1]);
  const m = machine('jenkins');
  machines.push(m);
  const env = (sha: string) => ({ SHIPGATE_LEDGER: m.ledger, HOME: m.home, GIT_COMMIT: sha });

  test('the stage runs the CLI bundle', () => {
    expect(shLines(steps).some((l) => CLONE.test(l))).toBe(true);
    expect(shLines(post)).toHaveLength(1);
  });

  test('build 1 promotes the first release; build 2 rolls a faulty commit back and fails, and post shows stable', () => {
    const first = 'f'.repeat(8) + '0'.repeat(32);
    const run1 = runJob(checkout(m, 0), env(first), shLines(steps), shLines(post));
    expect(run1.code).toBe(0);
    expect(run1.log).toMatch(new RegExp(`live: {3}${first}`));
    const bad = '9'.repeat(40);
    const run2 = runJob(checkout(m, 0.4), env(bad), shLines(steps), shLines(post));
    expect(run2.code).toBe(1);
    expect(run2.log).toMatch(/Rolled back at 50 %/);
    expect(run2.log).toMatch(new RegExp(`live: {3}${first}`));
    expect(ledger(m)).toEqual(
      expect.arrayContaining([
        [bad, 'failure'],
        [first, 'success']
      ])
    );
    expect(ledger(m)).toHaveLength(2);
  });
});
