import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../shared/cli/main.js';
import { parseArgs, UsageError } from '../../../shared/cli/args.js';
import { Console, progressText } from '../../../shared/cli/progress.js';
import { FileLedger } from '../../../shared/ledgers/file.js';

function stream(tty = false): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  let out = '';
  s.on('data', (c: Buffer) => (out += c.toString()));
  Object.assign(s, { isTTY: tty, columns: 80 });
  s.text = () => out;
  return s;
}

/** Runs the CLI in-process in a fresh workspace with a file ledger. */
async function run(args: string[], files: Record<string, string> = {}) {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'shipgate-cli-unit-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, f)), { recursive: true });
    writeFileSync(path.join(ws, f), text);
  }
  const stdout = stream();
  const stderr = stream();
  const code = await main([...args, '--workspace', ws], { stdout, stderr, env: { PATH: process.env.PATH, HOME: ws, XDG_STATE_HOME: path.join(ws, 'state') } });
  return { code, out: stdout.text(), err: stderr.text(), ws };
}

describe('shipgate CLI in-process', () => {
  test('help, unknown commands and options', async () => {
    expect((await run(['--help'])).code).toBe(0);
    expect((await run([])).code).toBe(2);
    const unknown = await run(['deploy-everything']);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringMatching(/unknown command "deploy-everything"/)]);
    expect((await run(['status', '--bogus'])).code).toBe(2);
  });

  test('flags are input names; booleans alone, negated, or with a value; secrets refused', () => {
    const a = parseArgs(['rollout', '--steps', '10,100', '--incident', '--no-check-run', '--dora=false', '-e', 'staging', '--json']);
    expect(a.command).toEqual(['rollout']);
    expect(a.inputs).toEqual({ steps: '10,100', incident: 'true', 'check-run': 'false', dora: 'false', environment: 'staging' });
    expect(a.cli.json).toBe(true);
    expect(parseArgs(['local', 'stop', '--state-root', '/x']).inputs).toEqual({ 'state-dir': '/x' });
    expect(() => parseArgs(['rollout', '--webhook', 'https://hooks.example/x'])).toThrow(UsageError);
    expect(() => parseArgs(['rollout', '--steps'])).toThrow(/--steps needs a value/);
    expect(() => parseArgs(['rollout', '--no-steps'])).toThrow(/only for true\/false options/);
    expect(() => parseArgs(['rollout', '--json=maybe'])).toThrow(/not true or false/);
  });

  test('status, history, dora and plan on an empty file ledger', async () => {
    const status = await run(['status', '--json', '--ledger', 'file']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ environments: [{ environment: 'production', live: null, unfinished: [] }] });
    const history = await run(['history', '-e', 'staging']);
    expect(history.out).toMatch(/No deployments of staging/);
    const dora = await run(['dora', '--since', '30d', '--json']);
    expect(JSON.parse(dora.out)).toMatchObject({ schema: 'shipgate/dora@1', environment: 'production' });
    const plan = await run(['plan', '--version', 'v2', '--target', 'local', '--start-command', 'node s.js', '--revert-pr', '--check-run'], {
      '.github/shipgate.yml': 'freeze:\n  - name: far\n    from: 2099-01-01\n    to: 2099-01-02\n'
    });
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/Plan for production: v2/);
    expect(plan.out).toMatch(/production is not frozen now \(1 window/);
    expect(plan.out).toMatch(/none on GitHub/);
    expect(plan.out).toMatch(/1\. record deployment of v2/);
    const json = await run([
      'plan',
      '--version',
      'v2',
      '--target',
      'command',
      '--deploy-command',
      'd',
      '--rollback-command',
      'r',
      '--shift-command',
      's',
      '--canary-url',
      'http://127.0.0.1:9/',
      '--stable-url',
      'http://127.0.0.1:9/',
      '--json'
    ]);
    expect(JSON.parse(json.out)).toMatchObject({ router: expect.stringMatching(/^shift-command/), signals: [expect.stringMatching(/^probes: 50\/s/)] });
  });

  test('status and history of an environment with a live version, a paused canary and a failed one', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'shipgate-cli-unit-ledger-'));
    const file = path.join(ws, 'ledger.json');
    const ledger = new FileLedger({ path: file });
    const owner = { host: 'elsewhere', pid: 1 };
    const begin = (version: string) => ledger.begin({ environment: 'production', release: { version }, kind: 'rollout', description: `Canary ${version}` });
    const v1 = await begin('v1');
    await ledger.record(v1.id, 'success', { description: 'v1 promoted' });
    const v2 = await begin('v2');
    await ledger.record(v2.id, 'failure', { description: 'v2 rolled back' });
    const v3 = await ledger.begin({
      environment: 'production',
      release: { version: 'v3' },
      kind: 'rollout',
      description: 'Canary v3',
      rollout: {
        plan: {
          environment: 'production',
          steps: [10, 50, 100],
          stepDurationMs: 60_000,
          probeRate: 50,
          lookIntervalMs: 1000,
          analysis: { judge: 'sequential', errorTolerance: 0.01, latencyTolerance: 0.2, alpha: 0.01, beta: 0.05, minSamples: 50, onInconclusive: 'pause' },
          autoRollback: true
        },
        previous: { version: 'v1' },
        owner,
        target: 'local'
      },
      progress: { weight: 50, step: 2, steps: 3, paused: true }
    });
    await ledger.record(v3.id, 'in_progress', { description: 'paused at 50 %', progress: { weight: 50, step: 2, steps: 3, paused: true } });
    const status = await run(['status', '--ledger', 'file', '--ledger-file', file]);
    expect(status.out).toMatch(/live: {3}v1 \(deployment 1/);
    expect(status.out).toMatch(/canary: v3 \(deployment 3\) PAUSED at 50 % at step 2\/3: shipgate promote or shipgate abort/);
    const json = await run(['status', '--ledger', 'file', '--ledger-file', file, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ environments: [{ live: { version: 'v1' }, unfinished: [{ version: 'v3', weight: 50, paused: true }] }] });
    const history = await run(['history', '--ledger', 'file', '--ledger-file', file]);
    expect(history.out.trim().split('\n')).toHaveLength(3);
    const plan = await run(['plan', '--ledger', 'file', '--ledger-file', file, '--version', 'v4', '--target', 'local', '--start-command', 'node s.js']);
    expect(plan.out).toMatch(/live now: v1 \(deployment 1\)/);
    expect(plan.out).toMatch(/unfinished \(settled or waited for first\): v3 \(deployment 3, 50 %, paused\)/);
  });

  test('plan describes each router, target and signal source', async () => {
    const kube = await run([
      'plan',
      '--json',
      '--version',
      'v2',
      '--target',
      'kubernetes',
      '--namespace',
      'shop',
      '--deployment',
      'web',
      '--service',
      'web',
      '--canary-service',
      'web-canary',
      '--httproute',
      'web',
      '--prometheus-url',
      'http://127.0.0.1:9090',
      '--max-latency',
      '300'
    ]);
    expect(JSON.parse(kube.out)).toMatchObject({
      target: expect.stringMatching(/^kubernetes: Deployment web in namespace shop/),
      router: expect.stringMatching(/^Gateway API: backendRef weights of HTTPRoute web/),
      signals: expect.arrayContaining([expect.stringMatching(/^Prometheus at http:\/\/127\.0\.0\.1:9090/)]),
      judge: expect.arrayContaining([expect.stringMatching(/slower than 300 ms is slow/)])
    });
    const common = ['plan', '--json', '--version', 'v2', '--target', 'command', '--deploy-command', 'd', '--rollback-command', 'r', '--promote-command', 'p'];
    const nginx = await run(
      [
        ...common,
        '--traffic',
        'nginx',
        '--nginx-conf',
        'n.conf',
        '--nginx-upstream',
        'app',
        '--stable-server',
        '127.0.0.1:1',
        '--canary-server',
        '127.0.0.1:2',
        '--nginx-access-log',
        'a.log',
        '--probe-rate',
        '0'
      ],
      { 'n.conf': '' }
    );
    expect(JSON.parse(nginx.out)).toMatchObject({
      router: expect.stringMatching(/^nginx: weights of upstream app/),
      signals: [expect.stringMatching(/^nginx access log a\.log/)]
    });
    const haproxy = await run([
      ...common,
      '--traffic',
      'haproxy',
      '--haproxy-socket',
      'h.sock',
      '--haproxy-backend',
      'app',
      '--haproxy-stable-server',
      's',
      '--haproxy-canary-server',
      'c',
      '--probe-rate',
      '0'
    ]);
    expect(JSON.parse(haproxy.out)).toMatchObject({
      router: expect.stringMatching(/^haproxy: server weights of backend app/),
      signals: [expect.stringMatching(/^HAProxy's per-server counters/)]
    });
    const ingress = await run([
      'plan',
      '--json',
      '--version',
      'v2',
      '--target',
      'kubernetes',
      '--deployment',
      'web',
      '--service',
      'web',
      '--canary-service',
      'web-canary',
      '--ingress',
      'web',
      '--canary-url',
      'http://127.0.0.1:9/',
      '--stable-url',
      'http://127.0.0.1:9/'
    ]);
    expect(JSON.parse(ingress.out)).toMatchObject({ router: expect.stringMatching(/^ingress-nginx: canary Ingress/) });
  });

  test('validate, replay and local', async () => {
    const bad = await run(['validate'], { '.github/shipgate.yml': 'judge: bayes\n' });
    expect([bad.code, bad.out]).toEqual([1, expect.stringMatching(/^\.github\/shipgate\.yml:1:8: /)]);
    expect((await run(['validate'])).code).toBe(1);
    const good = await run(['validate', '--json'], { '.github/shipgate.yml': 'steps: [10, 100]\n' });
    expect(JSON.parse(good.out)).toEqual({ file: '.github/shipgate.yml', valid: true, problems: [] });
    expect((await run(['replay'])).code).toBe(2);
    const notReport = await run(['replay', 'r.json'], { 'r.json': '{"schema":"x"}' });
    expect([notReport.code, notReport.err]).toEqual([1, expect.stringMatching(/is not a Shipgate rollout report/)]);
    expect((await run(['replay', 'missing.json'])).err).toMatch(/Cannot read the report missing\.json/);
    expect((await run(['local', 'dance'])).code).toBe(2);
    const local = await run(['local', 'status', '--json']);
    expect(JSON.parse(local.out)).toMatchObject({ weight: 0 });
  });

  test('rollout, promote, abort and rollback refuse in one sentence when there is nothing to act on', async () => {
    const rollout = await run(['rollout', '--action', 'promote']);
    expect([rollout.code, rollout.err]).toEqual([1, expect.stringMatching(/use "shipgate promote"/)]);
    const promote = await run(['promote', '--target', 'local', '--json']);
    expect(promote.code).toBe(1);
    expect(JSON.parse(promote.out)).toMatchObject({ command: 'promote', outputs: { result: 'failed' }, error: expect.stringMatching(/no canary in progress/) });
    const rollback = await run(['rollback', '--target', 'local']);
    expect(rollback.code).toBe(1);
  });
});

describe('progress line', () => {
  const look = {
    step: 2,
    steps: 3,
    weight: 50,
    atMs: 12_000,
    stepDurationMs: 60_000,
    canary: 812,
    stable: 790,
    statistics: { 'error-rate': Math.log(0.4), 'error-rate.pass': 2, latency: Math.log(1500) },
    decision: 'continue' as const
  };
  test('one line: step, weight, time, requests, e-values', () => {
    expect(progressText(look)).toBe('step 2/3 · 50 % · 0:12/1:00 · 812/790 requests (canary/stable) · e-values error-rate 0.40 latency 1.5e+3');
    expect(progressText({ ...look, wave: 2, decision: 'pass' })).toMatch(/^wave 2 · .* · pass$/);
  });
  test('on a terminal the line is redrawn and log lines print above it; elsewhere lines are plain and spaced out', () => {
    const tty = stream(true);
    const c = new Console(tty, true, (t) => t.replace('s3cret', '***'));
    c.progress(look);
    c.logger.info('deploying s3cret');
    c.close();
    expect(tty.text()).toContain('\r\x1b[2Kstep 2/3');
    expect(tty.text()).toContain('\r\x1b[2Kdeploying ***\nstep 2/3');
    const plain = stream(false);
    const p = new Console(plain, false, (t) => t, 60_000);
    p.progress(look);
    p.progress(look);
    p.progress({ ...look, decision: 'fail' });
    p.logger.warning('careful');
    expect(plain.text().split('\n').filter(Boolean)).toEqual([progressText(look), progressText({ ...look, decision: 'fail' }), 'warning: careful']);
  });
});
