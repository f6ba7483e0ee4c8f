// The shipgate CLI as users run it: node dist/cli/index.js in a fresh workspace per run, with only
// the machine (state folder, file ledger) carried over. Freeze windows, override, validate, plan,
// status, history, replay and dora against real rollouts of the demo service (local target).
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, tempDir } from '../helpers/run-bundle.js';
import type { RolloutReport } from '../../shared/model/report.js';

const CLI = path.join(REPO, 'dist', 'cli', 'index.js');
const machine = tempDir('shipgate-cli-machine-');
const stateDir = path.join(machine, 'state');
const ledgerFile = path.join(machine, 'ledger.json');
const service = path.join(REPO, 'examples', 'service', 'server.mjs');

/** A fresh workspace holding the config file (plus `extra` YAML lines). */
function workspace(extra: string[] = []): string {
  const ws = tempDir('shipgate-cli-ws-');
  mkdirSync(path.join(ws, '.github'));
  writeFileSync(
    path.join(ws, '.github', 'shipgate.yml'),
    [
      'target: local',
      `start-command: node ${JSON.stringify(service).slice(1, -1)}`,
      `state-dir: ${JSON.stringify(stateDir)}`,
      `ledger-file: ${JSON.stringify(ledgerFile)}`,
      'steps: [100]',
      'step-duration: 10s',
      'probe-rate: 100',
      // An absolute latency line: on a loaded CI machine a healthy canary's tail can drift past the
      // relative 20 % for a whole 10 s step (latency undecided, a rollback); these runs are about the CLI.
      'max-latency: 2000',
      'min-samples: 50',
      ...extra,
      ''
    ].join('\n')
  );
  return ws;
}

function cli(ws: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ws,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: machine, ...env },
    encoding: 'utf8',
    timeout: 90_000
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => {
  spawnSync(process.execPath, [CLI, 'local', 'stop', '--state-dir', stateDir]);
});

/** A freeze window that is open now (a whole day around the test), and one that is not. */
const today = new Date().toISOString().slice(0, 10);
const FROZEN = ['freeze:', '  - name: launch-week', `    from: ${today}`, `    to: ${today}`, '    reason: Launch week, no changes'];

describe('shipgate CLI (bundle)', () => {
  test('--help lists every command and exits 0; a mistake on the command line exits 2 with one sentence', () => {
    const ws = workspace();
    const help = cli(ws, ['--help']);
    expect(help.code).toBe(0);
    for (const c of ['rollout', 'promote', 'abort', 'rollback', 'status', 'history', 'plan', 'validate', 'replay', 'dora', 'local status'])
      expect(help.stdout).toContain(c);
    const bad = cli(ws, ['status', '--no-such-input', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option --no-such-input/);
    const secret = cli(ws, ['rollout', '--github-token', 'ghp_abcdefghijklmnop']);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toMatch(/set GITHUB_TOKEN in the environment/);
    expect(secret.stderr).not.toContain('ghp_abcdefghijklmnop');
  });

  test('npx shipgate in a checkout runs the bundle (package.json bin, with its shebang)', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // A fresh npm cache, offline: the project's own bin needs nothing from a registry.
    const r = spawnSync('npm', ['exec', '--offline', '--yes', '--', 'shipgate', 'history', '--ledger-file', ledgerFile, '--ledger', 'file'], {
      cwd: REPO,
      // Offline and without npm's update check: nothing may reach a registry.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: tempDir('shipgate-npx-home-'),
        npm_config_update_notifier: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false'
      },
      encoding: 'utf8',
      timeout: 60_000
    });
    expect([r.status, r.stderr.replace(/^npm warn.*\n/gm, '')]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^No deployments of production in the ledger file /);
  });

  test('validate names every problem with its line and column, and exits 1', () => {
    const ws = workspace(['judge: bayes', 'no-such-key: 1']);
    const r = cli(ws, ['validate', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; problems: { line: number; column: number; message: string }[] };
    expect(out.valid).toBe(false);
    expect(out.problems.map((p) => [p.line, p.column])).toEqual(
      expect.arrayContaining([
        [10, 8],
        [11, 1]
      ])
    );
    const text = cli(ws, ['validate']);
    expect(text.stdout).toMatch(/^\.github\/shipgate\.yml:10:8: .*judge/m);
    expect(cli(workspace(), ['validate']).code).toBe(0);
  });

  test('inside a freeze window a rollout is refused before anything is deployed, and plan says so', () => {
    const ws = workspace(FROZEN);
    const plan = cli(ws, ['plan', '--version', 'v1']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/frozen by "launch-week".*would be refused/s);
    const r = cli(ws, ['rollout', '--version', 'v1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/production is frozen by "launch-week" \(from .* inclusive, UTC\): Launch week, no changes\. Nothing was deployed/);
    const status = cli(ws, ['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ environments: [{ environment: 'production', live: null, unfinished: [] }] });
    // override-freeze without a reason is refused too.
    const noReason = cli(ws, ['rollout', '--version', 'v1', '--override-freeze']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/Input "reason" is missing: override-freeze needs a reason/);
  });

  let reportFile = '';
  test('override-freeze with a reason deploys, and the ledger, the report and the summary record the override', () => {
    const ws = workspace(FROZEN);
    const r = cli(ws, ['rollout', '--version', 'v1', '--override-freeze', '--reason', 'hotfix for INC-7']);
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/warning: Freeze overridden: production is frozen by "launch-week"/)]);
    expect(r.stderr).toMatch(/Result: promoted/);
    // The summary (stdout without --json) has the override in its table.
    expect(r.stdout).toMatch(/^\| Freeze overridden \| launch-week \(\S+ to \S+\): hotfix for INC-7 \|$/m);
    reportFile = /^Report: (.+\.json)$/m.exec(r.stderr)?.[1] ?? '';
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RolloutReport;
    expect(report.freezeOverride).toMatchObject({ window: 'launch-week', reason: 'hotfix for INC-7' });
    expect(report.timeline.map((e) => e.event)).toContain('freeze-overridden');
    const ledger = readFileSync(ledgerFile, 'utf8');
    expect(ledger).toContain('"freezeOverride"');
    expect(ledger).toContain('hotfix for INC-7');
  });

  test('status and history read the ledger from a fresh workspace', () => {
    const ws = workspace();
    const status = JSON.parse(cli(ws, ['status', '--json']).stdout) as { environments: { live: { version: string } | null }[] };
    expect(status.environments[0].live?.version).toBe('v1');
    const history = JSON.parse(cli(ws, ['history', '--json']).stdout) as { release: { version: string }; state: string }[];
    expect(history.map((h) => [h.release.version, h.state])).toEqual([['v1', 'success']]);
  });

  test('replay re-judges the recorded samples: unchanged with the same settings, changed with an impossible one', () => {
    const ws = workspace();
    const same = cli(ws, ['replay', reportFile, '--json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ changed: false, recorded: { result: 'promoted' }, replayed: { result: 'promoted' } });
    // No tolerance at all: the recorded requests can never show the canary within it.
    const strict = cli(ws, ['replay', reportFile, '--error-tolerance', '0', '--json']);
    expect(strict.code).toBe(0);
    expect(JSON.parse(strict.stdout)).toMatchObject({ changed: true, replayed: { result: 'undecided' } });
    const text = cli(ws, ['replay', reportFile, '--error-tolerance', '0']);
    expect(text.stdout).toMatch(/The decision would change: promoted → undecided/);
    const badValue = cli(ws, ['replay', reportFile, '--max-latency', '1ms']);
    expect([badValue.code, badValue.stderr]).toEqual([1, expect.stringMatching(/Input "max-latency" has value "1ms"/)]);
    const wrong = cli(ws, ['replay', reportFile, '--steps', '10,100']);
    expect(wrong.code).toBe(2);
  });

  test('dora reports the environment from the ledger, as Markdown and as JSON', () => {
    const ws = workspace();
    const json = cli(ws, ['dora', '--since', '7d', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { schema: string; deploymentFrequency: { deployments: number } };
    expect(report.schema).toBe('shipgate/dora@1');
    expect(report.deploymentFrequency.deployments).toBe(1);
    const md = cli(ws, ['dora', '--since', '7d']);
    expect(md.stdout).toMatch(/Deployment frequency/);
    expect(md.stdout).toContain('xychart-beta');
    expect(cli(ws, ['dora', '--since', 'yesterday']).code).toBe(1);
  });

  test('on a terminal, a rollout redraws one progress line (step, weight, time, requests, e-values)', () => {
    const ws = workspace();
    // script(1) gives the CLI a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, CLI, 'rollout', '--version', 'v2', '--on-inconclusive', 'promote'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ws,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: machine, TERM: 'xterm' },
      encoding: 'utf8',
      timeout: 90_000
    });
    expect(r.status).toBe(0);
    // Each look redraws the line in place: carriage return, erase line, the new text.
    const redraws = r.stdout.split('\r\x1b[2K').filter((x) => x.startsWith('step 1/1 · 100 % · '));
    expect(redraws.length).toBeGreaterThan(3);
    expect(redraws.at(-1)).toMatch(/^step 1\/1 · 100 % · \d:\d\d\/0:10 · \d+\/\d+ requests \(canary\/stable\) · e-values error-rate /);
    expect(r.stdout).toMatch(/Result: promoted/);
  });

  test('a freeze never blocks a rollback: inside the window, rollback restores v1 without override-freeze', () => {
    const ws = workspace(FROZEN);
    const r = cli(ws, ['rollback', '--to-version', 'v1', '--reason', 'v2 is slow', '--json']);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, expect.objectContaining({ outputs: expect.objectContaining({ 'rolled-back-to': 'v1' }) })]);
    const status = JSON.parse(cli(ws, ['status', '--json']).stdout) as { environments: { live: { version: string } | null }[] };
    expect(status.environments[0].live?.version).toBe('v1');
  });

  test('a release manager from another machine: promote is refused inside a freeze, abort is not; a paused canary is promoted later', () => {
    const paused = (version: string) =>
      cli(workspace(), ['rollout', '--version', version, '--steps', '50,pause,100', '--on-inconclusive', 'promote', '--json']);
    const first = paused('v3');
    expect([first.code, JSON.parse(first.stdout)]).toEqual([
      0,
      expect.objectContaining({ outputs: expect.objectContaining({ result: 'paused', weight: '50' }) })
    ]);
    expect(cli(workspace(), ['status']).stdout).toMatch(/canary: v3 \(deployment \d+\) PAUSED at 50 % at step 1\/2/);
    // Inside the freeze: promoting is a change and is refused; aborting restores stable and is not.
    const frozen = workspace(FROZEN);
    const promote = cli(frozen, ['promote']);
    expect([promote.code, promote.stderr]).toEqual([1, expect.stringMatching(/production is frozen by "launch-week"/)]);
    const abort = cli(frozen, ['abort', '--json']);
    expect([abort.code, JSON.parse(abort.stdout)]).toEqual([0, expect.objectContaining({ outputs: expect.objectContaining({ result: 'rolled-back' }) })]);
    expect(JSON.parse(cli(workspace(), ['status', '--json']).stdout)).toMatchObject({ environments: [{ live: { version: 'v1' }, unfinished: [] }] });
    // Outside the freeze, hours later from another workspace: the paused canary is promoted.
    expect(paused('v4').code).toBe(0);
    const promoted = cli(workspace(), ['promote', '--json']);
    expect([promoted.code, JSON.parse(promoted.stdout)]).toEqual([
      0,
      expect.objectContaining({ outputs: expect.objectContaining({ result: 'promoted', weight: '100' }) })
    ]);
    expect(JSON.parse(cli(workspace(), ['status', '--json']).stdout)).toMatchObject({ environments: [{ live: { version: 'v4' }, unfinished: [] }] });
  });
});
