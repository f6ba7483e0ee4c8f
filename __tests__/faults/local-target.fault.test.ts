// Faults of the local target, as separate runs of the bundles on one self-hosted runner machine per
// row (its state folder holds the file ledger and the local target: daemon, proxy, versions).
// Each row injects one fault at one stage of a rollout of v2 over a stable v1 and then checks the
// same four things: where traffic ends (which version the entry port, the same port as before,
// answers from), what the ledger file records, what each step said (exit code, `result` output,
// the error sentence), and that nothing of the machine runs beyond the daemon and the stable
// version (daemon.json, roles.json and /proc).
// Then: refusals (faults found before anything is recorded or started), a failed first start,
// and the step's request counter when the daemon goes away (in-process, no bundle).
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BundleRun } from '../helpers/run-bundle.js';
import { runBundle, tempDir } from '../helpers/run-bundle.js';
import { LocalOutcomesSource, LocalTarget, stopLocal } from '../../shared/targets/local/index.js';
import { processRunning } from '../../shared/targets/local/liveness.js';
import type { RegistryEntry } from '../../shared/targets/local/protocol.js';
import type { RolloutReport } from '../../shared/model/report.js';
import { ENDLESS, Machine, entryVersions, pidAlive, waitUntil } from './local-helpers.js';

const machines: Machine[] = [];
function machine(name: string): Machine {
  const m = new Machine(`fault-${name}`);
  machines.push(m);
  return m;
}

afterAll(() => {
  for (const m of machines) {
    m.stop();
    // Whatever a failed row left behind must not outlive the test run.
    for (const p of m.processes()) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(m.home, { recursive: true, force: true });
  }
});

type Run = BundleRun & { runId: string; job: { workspace: string; runnerTemp: string } };

/** What one step said: exit code (null: killed), the `result` output, the ::error:: sentence. */
interface Said {
  code: number | null;
  result: string;
  error: string;
}
const said = (r: Run): Said => ({ code: r.code, result: r.outputs.result ?? '', error: r.error });
const saying = (code: number | null, result: string, error: RegExp | '') => ({ code, result, error: error === '' ? '' : expect.stringMatching(error) });

/** Ledger file replaced by a directory: every read and write of it fails (EISDIR), even as root. */
function breakLedger(m: Machine): () => void {
  const saved = `${m.ledgerFile}.saved`;
  renameSync(m.ledgerFile, saved);
  mkdirSync(m.ledgerFile);
  return () => {
    rmSync(m.ledgerFile, { recursive: true, force: true });
    renameSync(saved, m.ledgerFile);
  };
}

interface Row {
  fault: string;
  stage: string;
  /** Injects the fault into a rollout of v2 over stable v1; returns every step run, in order. */
  act(m: Machine, port: number): Promise<Run[]>;
  /** What each step said, in order. */
  steps: ReturnType<typeof saying>[];
  /** The version the entry port answers from afterwards (also the only version left running). */
  traffic: string | ((runs: Run[]) => string);
  /** [version, state] of every record of the environment, oldest first. */
  ledger: [string, string][] | ((traffic: string) => [string, string][]);
  /** Row-specific checks. */
  also?(m: Machine, runs: Run[], port: number): void | Promise<void>;
}

let daemonKill = { at: 0, pid: 0, exitedAt: 0 };

const rows: Row[] = [
  {
    fault: 'the canary dies (its process group is killed)',
    stage: 'mid-step 1',
    async act(m) {
      const running = m.deploy('v2', ENDLESS);
      await m.analysing(1);
      process.kill(-m.roles()!.canary!.pid, 'SIGKILL');
      return [await running];
    },
    steps: [saying(1, 'rolled-back', /^Rolled back at 20 %: The canary is worse than stable: canary error rate/)],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'failure']
    ],
    also(_m, [run]) {
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as RolloutReport;
      expect(report.steps[0].failingSamples![0].detail).toMatch(/canary v2 is not running \(it exited on signal SIGKILL\)|proxy error/);
    }
  },
  {
    fault: 'the daemon dies (SIGKILL)',
    stage: 'mid-step 1',
    async act(m) {
      const running = m.deploy('v2', ENDLESS);
      await m.analysing(1);
      daemonKill = { at: Date.now(), pid: m.daemon()!.pid, exitedAt: 0 };
      process.kill(daemonKill.pid, 'SIGKILL');
      const run = await running;
      daemonKill.exitedAt = Date.now();
      return [run];
    },
    steps: [
      saying(
        1,
        'failed',
        /^Failed at 20 %: The local target's daemon \(pid \d+\) stopped during the step: its process has exited, so its proxy no longer serves the entry port nor counts requests; traffic is back on v1\.$/
      )
    ],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'error']
    ],
    also(m, [run], port) {
      // Noticed at the next look (1 s), restarted, rolled back, reported: all within a few seconds.
      expect(daemonKill.exitedAt - daemonKill.at).toBeLessThan(5000);
      // A new daemon took over, on the entry port customers know.
      expect(m.daemon()).toMatchObject({ proxyPort: port });
      expect(m.daemon()!.pid).not.toBe(daemonKill.pid);
      expect(run.stdout).toMatch(
        new RegExp(
          `had stopped without shutting down; daemon \\d+ took its place on the same entry port ${port} and restores stable v1 and canary v2 at 20 %25`
        )
      );
    }
  },
  {
    fault: 'the daemon dies (SIGKILL) while v2 is paused at 20 %; a later job promotes it',
    stage: 'paused',
    async act(m, port) {
      const paused = await m.deploy('v2', { steps: '20,pause,100' });
      const before = m.daemon()!;
      process.kill(before.pid, 'SIGKILL');
      await waitUntil(async () => (await entryVersions(port, 1)).refused === 1);
      const promote = await runBundle('canary-deploy', { environment: m.env, 'state-dir': m.stateDir, action: 'promote' }, m.options());
      expect(m.daemon()!.pid).not.toBe(before.pid);
      expect(promote.stdout).toMatch(new RegExp(`took its place on the same entry port ${port} and restores stable v1 and canary v2 at 20 %25`));
      return [paused, promote];
    },
    steps: [saying(0, 'paused', ''), saying(0, 'promoted', '')],
    traffic: 'v2',
    ledger: [
      ['v1', 'inactive'],
      ['v2', 'success']
    ]
  },
  {
    fault: 'canary-deploy gets SIGTERM (job cancelled), then its post step runs',
    stage: 'mid-step 1',
    async act(m) {
      const main = await m.deploy('v2', ENDLESS, { signalAfter: { signal: 'SIGTERM', whenStdout: /Step 1\/2/ } });
      const post = await runBundle('canary-deploy', m.inputs({ version: 'v2' }), m.options({ sameJob: main.job, runId: main.runId, state: main.state }));
      return [main, post];
    },
    steps: [saying(1, 'rolled-back', /^Cancelled at 20 %: the job was cancelled; traffic is back on v1\.$/), saying(0, '', '')],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'failure']
    ],
    also(_m, [, post]) {
      // The main step finished its rollback: the post step has nothing to do.
      expect(post.stdout).not.toMatch(/did not finish/);
    }
  },
  {
    fault: 'canary-deploy gets SIGTERM (job cancelled), no post step',
    stage: 'mid-step 1',
    async act(m) {
      return [await m.deploy('v2', ENDLESS, { signalAfter: { signal: 'SIGTERM', whenStdout: /Step 1\/2/ } })];
    },
    steps: [saying(1, 'rolled-back', /^Cancelled at 20 %: the job was cancelled; traffic is back on v1\.$/)],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'failure']
    ]
  },
  {
    fault: 'canary-deploy gets SIGKILL, then its post step runs',
    stage: 'mid-step 1',
    async act(m, port) {
      const main = await m.deploy('v2', ENDLESS, { signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } });
      // Until the post step, the canary keeps its 20 %.
      expect((await entryVersions(port, 20)).v2).toBeGreaterThan(0);
      const post = await runBundle('canary-deploy', m.inputs({ version: 'v2' }), m.options({ sameJob: main.job, runId: main.runId, state: main.state }));
      expect(post.stdout).toMatch(/The rollout of v2 \(deployment \d+\) did not finish: restoring v1/);
      return [main, post];
    },
    steps: [saying(null, '', ''), saying(0, '', '')],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'failure']
    ]
  },
  {
    fault: 'canary-deploy gets SIGKILL, no post step; the next run retires the orphan',
    stage: 'mid-step 1',
    async act(m) {
      const main = await m.deploy('v2', ENDLESS, { signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } });
      expect(m.ledgerStates()).toEqual([
        ['v1', 'success'],
        ['v2', 'in_progress']
      ]);
      // Until another run comes, the orphaned canary runs (the only time a third process is left).
      expect(m.strays().map((p) => p.version)).toEqual(['v2']);
      const next = await m.deploy('v3');
      return [main, next];
    },
    steps: [saying(null, '', ''), saying(0, 'promoted', '')],
    traffic: 'v3',
    ledger: [
      ['v1', 'inactive'],
      ['v2', 'error'],
      ['v3', 'success']
    ],
    also(_m, [, next]) {
      expect((JSON.parse(readFileSync(next.outputs.report, 'utf8')) as RolloutReport).settled).toEqual([
        expect.stringMatching(/^Retired deployment \d+ \(v2 at 20 %\) left by run \d+ \(process \d+ has ended\): traffic is back on v1\.$/)
      ]);
    }
  },
  {
    fault: 'the ledger file cannot be read or written (a directory)',
    stage: 'before the start',
    async act(m) {
      const repair = breakLedger(m);
      try {
        return [await m.deploy('v2')];
      } finally {
        repair();
      }
    },
    steps: [saying(1, 'failed', /^The ledger file \S+ledger\.json could not be read \(EISDIR\)\.$/)],
    traffic: 'v1',
    ledger: [['v1', 'success']],
    also(m) {
      // Nothing was started: the target never heard of v2.
      expect(m.known()).toEqual(['v1']);
    }
  },
  {
    // The shift to 100 % cannot be recorded, so the rollout stops there and v1 takes all traffic
    // again; the outcome cannot be recorded either, so the ledger still shows v2 unfinished at
    // 20 % under a run that has ended: the next run retires it as an orphan (onto v1, where
    // traffic already is).
    fault: 'the ledger file cannot be read or written (a directory)',
    stage: 'mid-rollout, after step 1 began',
    async act(m) {
      const running = m.deploy('v2');
      await m.atStep(1);
      const repair = breakLedger(m);
      try {
        return [await running];
      } finally {
        repair();
      }
    },
    steps: [saying(1, 'failed', /^Failed at 100 %: The ledger file \S+ledger\.json could not be read \(EISDIR\); traffic is back on v1\.$/)],
    traffic: 'v1',
    ledger: [
      ['v1', 'success'],
      ['v2', 'in_progress']
    ],
    also(m, [run]) {
      expect(run.stdout).toMatch(/::warning::Could not record the outcome in the file ledger: The ledger file \S+ could not be read \(EISDIR\)/);
      expect(m.ledger().at(-1)?.progress).toMatchObject({ weight: 20, step: 1 });
    }
  },
  {
    fault: 'two runs at once (v2 and v3)',
    stage: 'start',
    async act(m) {
      const [a, b] = await Promise.all([m.deploy('v2'), m.deploy('v3')]);
      return Number(a.outputs['deployment-id']) < Number(b.outputs['deployment-id']) ? [a, b] : [b, a];
    },
    steps: [saying(0, 'promoted', ''), saying(0, 'promoted', '')],
    // Whichever began second is live; the first one's success was superseded by it.
    traffic: ([, second]) => second.stdout.match(/rolling out (v\d)/)![1],
    ledger: (second) => [
      ['v1', 'inactive'],
      [second === 'v2' ? 'v3' : 'v2', 'inactive'],
      [second, 'success']
    ],
    also(m, [first, second]) {
      const firstVersion = first.stdout.match(/rolling out (v\d)/)![1];
      expect(second.stdout).toMatch(new RegExp(`Waiting for run \\d+, which is rolling out ${firstVersion}`));
      expect(second.outputs['previous-version']).toBe(firstVersion);
    }
  }
];

describe('local target faults during a rollout of v2 over stable v1 (a machine per row)', () => {
  test.each(rows.map((r, i) => ({ ...r, i })))('$fault, $stage', async (row) => {
    const m = machine(`r${row.i}`);
    await m.firstRelease('v1');
    const port = m.daemon()!.proxyPort;

    const runs = await row.act(m, port);

    // What each step said.
    expect(runs.map(said)).toEqual(row.steps);
    const traffic = typeof row.traffic === 'function' ? row.traffic(runs) : row.traffic;
    // Where traffic ends: the entry port customers know answers from one version only.
    expect(await entryVersions(port, 10)).toEqual({ [traffic]: 10 });
    // What the ledger records.
    expect(m.ledgerStates()).toEqual(typeof row.ledger === 'function' ? row.ledger(traffic) : row.ledger);
    // Nothing runs beyond the daemon and the stable version.
    expect(await m.onlyDaemonAndStable()).toEqual({ strays: [], daemon: true, stable: traffic });
    expect(m.roles()).toMatchObject({ stable: { version: traffic }, canary: null });
    await row.also?.(m, runs, port);
  });
});

/** A port another process listens on, for as long as the test needs it. */
async function occupiedPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.end('blocker'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      })
  };
}

describe('refused before anything is recorded or started', () => {
  test('proxy-port held by another process: one sentence naming proxy-port, the port and that it is in use; no ledger record, no daemon', async () => {
    const m = machine('port-in-use');
    const blocker = await occupiedPort();
    try {
      const run = await m.deploy('v1', { 'proxy-port': String(blocker.port), steps: '100' });
      expect(said(run)).toEqual({
        code: 1,
        result: 'failed',
        error: `proxy-port ${blocker.port} is already in use on 127.0.0.1 (another process listens there): stop that process, choose another proxy-port, or 0 for a free one.`
      });
      expect(m.ledgerStates()).toEqual([]);
      expect(m.daemon()).toBeNull();
      expect(m.processes()).toEqual([]);
      // The port is still the other process's.
      expect(await (await fetch(`http://127.0.0.1:${blocker.port}/`)).text()).toBe('blocker');
    } finally {
      await blocker.close();
    }
  });

  const rollbackTo = (m: Machine, toVersion: string) =>
    runBundle(
      'auto-rollback',
      {
        environment: m.env,
        'state-dir': m.stateDir,
        'start-command': m.inputs()['start-command'],
        'to-version': toVersion,
        reason: 'fault test',
        incident: 'false'
      },
      m.options()
    );

  test('a stopped local target started again (here by auto-rollback, proxy-port 0) listens on the port it used before', async () => {
    const m = machine('same-port');
    await m.firstRelease('v1');
    const before = m.daemon()!;
    m.stop();
    expect(await waitUntil(() => !pidAlive(before.pid))).toBe(true);
    const run = await rollbackTo(m, 'v1');
    expect([run.code, run.error, run.outputs['rolled-back-to']]).toEqual([0, '', 'v1']);
    expect(m.daemon()!.proxyPort).toBe(before.proxyPort);
    expect(await entryVersions(before.proxyPort, 5)).toEqual({ v1: 5 });
  });

  test('auto-rollback to a version this machine never ran, on an idle local target (daemon stopped): refused; nothing started, nothing recorded', async () => {
    const m = machine('never-ran-idle');
    await m.firstRelease('v1');
    m.stop();
    await waitUntil(() => m.processes().length === 0);
    const run = await rollbackTo(m, 'v9');
    expect(said(run)).toEqual({
      code: 1,
      result: '',
      error: `Cannot roll back ${m.env} to v9: the local target never ran v9 on this machine (it has run v1) and no artifact of it is known, so there is nothing to start; give a to-version it has run.`
    });
    expect(m.ledgerStates()).toEqual([['v1', 'success']]);
    expect(m.daemon()).toBeNull();
    expect(m.processes()).toEqual([]);
  });

  test('auto-rollback to a version this machine never ran, daemon running: refused; v1 keeps serving, nothing recorded', async () => {
    const m = machine('never-ran-live');
    await m.firstRelease('v1');
    const before = m.daemon()!;
    const run = await rollbackTo(m, 'v9');
    expect(said(run)).toEqual({
      code: 1,
      result: '',
      error: expect.stringMatching(/^Cannot roll back \S+ to v9: the local target never ran v9 on this machine/)
    });
    expect(m.ledgerStates()).toEqual([['v1', 'success']]);
    expect(m.daemon()!.pid).toBe(before.pid);
    expect(await entryVersions(before.proxyPort, 5)).toEqual({ v1: 5 });
    expect(await m.onlyDaemonAndStable()).toEqual({ strays: [], daemon: true, stable: 'v1' });
  });

  test('auto-rollback that passes the check but whose restore fails: the daemon it started is stopped again', async () => {
    const m = machine('restore-fails');
    await m.firstRelease('v1');
    m.stop();
    await waitUntil(() => m.processes().length === 0);
    // v1 no longer starts on this machine (its start command now fails).
    const registry = path.join(m.localDir, 'versions.json');
    const data = JSON.parse(readFileSync(registry, 'utf8')) as { versions: RegistryEntry[] };
    data.versions[0].startCommand = 'echo "v1 cannot start any more" >&2; exit 3';
    writeFileSync(registry, JSON.stringify(data));
    const run = await rollbackTo(m, 'v1');
    expect(said(run)).toEqual({
      code: 1,
      result: '',
      error: expect.stringMatching(
        /^Rollback of \S+ to v1 failed: Version v1 exited with code 3 before it became ready\..*v1 cannot start any more.*; check the target by hand\.$/
      )
    });
    expect(run.stdout).toMatch(/Local target: stopped the daemon \d+ this step started, as it serves nothing\./);
    expect(m.daemon()).toBeNull();
    expect(await waitUntil(() => m.processes().length === 0)).toBe(true);
    expect(m.ledgerStates()).toEqual([
      ['v1', 'success'],
      ['v1', 'error']
    ]);
  });
});

describe('a failed start leaves nothing running', () => {
  test('a first release whose start command fails: the daemon this run started is stopped again', async () => {
    const m = machine('first-start-fails');
    const run = await m.deploy('v1', { steps: '100', 'start-command': 'echo "cannot start" >&2; exit 3' });
    expect(said(run)).toEqual({
      code: 1,
      result: 'failed',
      error: expect.stringMatching(/^Failed at 0 %: Version v1 exited with code 3 before it became ready\..*cannot start/)
    });
    expect(run.stdout).toMatch(/Local target: stopped the daemon \d+ this step started, as it serves nothing\./);
    expect(m.ledgerStates()).toEqual([['v1', 'error']]);
    expect(m.daemon()).toBeNull();
    expect(await waitUntil(() => m.processes().length === 0)).toBe(true);
  });
});

describe("a step's request counter (the proxy's outcomes) when its daemon goes away", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) {
      await stopLocal(d);
      rmSync(path.dirname(path.dirname(d)), { recursive: true, force: true });
    }
  });

  test('no daemon when the step starts: start() says so at once', async () => {
    const dir = path.join(tempDir('shipgate-fault-counter-'), 'local', 'none');
    dirs.push(dir);
    const source = new LocalOutcomesSource({ stateDir: dir, expectDaemon: true });
    await expect(source.start()).rejects.toThrow(/^The local target's daemon for \S+ is not running at the start of the step/);
  });

  test('the daemon is killed, or killed and started again, during the step: the next read() throws one sentence', async () => {
    const dir = path.join(tempDir('shipgate-fault-counter-'), 'local', 'counter');
    dirs.push(dir);
    const target = new LocalTarget({ stateDir: dir, environment: 'counter', startCommand: '' });
    const first = await target.ensureDaemon();
    const killed = new LocalOutcomesSource({ stateDir: dir, expectDaemon: true });
    const restarted = new LocalOutcomesSource({ stateDir: dir, expectDaemon: true });
    await killed.start();
    await restarted.start();
    expect(await killed.read()).toEqual([]);
    process.kill(first.pid, 'SIGKILL');
    // Gone, or a zombie not yet reaped: either way it runs nothing.
    await waitUntil(() => !processRunning(first.pid));
    const t0 = Date.now();
    await expect(killed.read()).rejects.toThrow(
      `The local target's daemon (pid ${first.pid}) stopped during the step: its process has exited, so its proxy no longer serves the entry port nor counts requests.`
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    const second = await target.ensureDaemon();
    expect(second.ports.entry).toBe(first.ports.entry);
    await expect(restarted.read()).rejects.toThrow(
      `The local target's daemon was restarted during the step (pid ${first.pid}, now ${second.pid}): the proxy was down meanwhile and its request counts began again, so the step cannot be judged.`
    );
  });
});
