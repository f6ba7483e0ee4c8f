// Fault table for the command target (issue 9): one row per fault at a stage of a rollout. Every
// call is a separate run on a fresh GitHub-hosted runner (own workspace, RUNNER_TEMP and run id);
// only the GitHub API stand-in (the ledger) and the user's infrastructure (files in an infra folder
// that a loopback service reads) carry over. Each row asserts four things:
//   traffic   — what the user's commands left in the infra folder (stable, canary, canary weight);
//   ledger    — the deployment statuses the stand-in stored for the version;
//   step      — exit code, the `result` output, the one-sentence error;
//   processes — no process group of any command is left (hanging commands write their pids).
// The rule (DESIGN.md): any failure after deployCanary ends with stable at 100 % and the record
// saying so; when restoring itself fails, the record says "check the target by hand" and the step fails.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { runBundle, nextRunId, type BundleRun } from '../helpers/run-bundle.js';
import { eventually, failing, hanging, limiter, slow, startRig, type CommandName, type Env, type Rig } from './rig.js';

// Every row is one or more bundle runs of several seconds each.
jest.setTimeout(120_000);

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

interface Outcome {
  traffic: { stable: string; canary: string; weight: string };
  /** The version's last deployment status: state and description. */
  ledger: [string, RegExp];
  step: { code: number | null; result: string | undefined; error: RegExp };
}

/** The four assertions every row makes. */
async function expectOutcome(env: Env, version: string, run: BundleRun, o: Outcome): Promise<void> {
  expect(env.traffic()).toEqual(o.traffic);
  const record = env
    .ledger()
    .filter((d) => d.version === version)
    .at(-1);
  expect(record).toBeDefined();
  expect([record!.states.at(-1), record!.descriptions.at(-1)]).toEqual([o.ledger[0], expect.stringMatching(o.ledger[1])]);
  expect({ code: run.code, result: run.outputs.result }).toEqual({ code: o.step.code, result: o.step.result });
  expect(run.error).toMatch(o.step.error);
  // One sentence: no line breaks, no stack.
  expect(run.error).not.toMatch(/\n|\bat .*\.js:\d+/);
  expect(await eventually(() => env.leftProcesses().length === 0)).toBe(true);
}

const RESTORED = { stable: 'v1', canary: '', weight: '0' };

/** Rows that are one run with one command replaced. */
const simpleRows: {
  row: string;
  version: string;
  commands: Partial<Record<CommandName, string>>;
  expect: Omit<Outcome, 'step'> & { error: RegExp; result: string };
}[] = [
  {
    row: 'deploy-command fails',
    version: 'v2',
    commands: { deploy: failing('deploy') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 0 %: The deploy-command exited with code 3; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 0 %: The deploy-command exited with code 3; traffic is back on v1\.$/
    }
  },
  {
    row: 'deploy-command hangs (command-timeout 2s)',
    version: 'v2',
    commands: { deploy: hanging('deploy') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 0 %: The deploy-command did not finish within 2s and was stopped; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 0 %: The deploy-command did not finish within 2s and was stopped; traffic is back on v1\.$/
    }
  },
  {
    row: 'shift-command fails',
    version: 'v2',
    commands: { shift: failing('shift') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 0 %: The shift-command exited with code 3 at weight 20 %; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 0 %: The shift-command exited with code 3 at weight 20 %; traffic is back on v1\.$/
    }
  },
  {
    row: 'shift-command hangs',
    version: 'v2',
    commands: { shift: hanging('shift') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 0 %: The shift-command did not finish within 2s at weight 20 % and was stopped; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 0 %: The shift-command did not finish within 2s at weight 20 % and was stopped; traffic is back on v1\.$/
    }
  },
  {
    row: 'promote-command fails',
    version: 'v2',
    commands: { promote: failing('promote') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 100 %: The promote-command exited with code 3; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 100 %: The promote-command exited with code 3; traffic is back on v1\.$/
    }
  },
  {
    row: 'promote-command hangs',
    version: 'v2',
    commands: { promote: hanging('promote') },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 100 %: The promote-command did not finish within 2s and was stopped; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 100 %: The promote-command did not finish within 2s and was stopped; traffic is back on v1\.$/
    }
  },
  {
    // A faulty canary is rolled back by the verdict; the rollback itself fails, so the canary keeps its 20 %.
    row: 'rollback-command fails',
    version: 'v2-faulty',
    commands: { rollback: failing('rollback') },
    expect: {
      traffic: { stable: 'v1', canary: 'v2-faulty', weight: '20' },
      ledger: ['error', /^Canary failed at 20 %.*; restoring v1 also failed \(The rollback-command exited with code 3\) — check the target by hand\.$/],
      result: 'failed',
      error:
        /^Canary failed at 20 %: The canary is worse than stable: .*; restoring v1 also failed \(The rollback-command exited with code 3\) — check the target by hand\.$/
    }
  },
  {
    row: 'rollback-command hangs',
    version: 'v2-faulty',
    commands: { rollback: hanging('rollback') },
    expect: {
      traffic: { stable: 'v1', canary: 'v2-faulty', weight: '20' },
      ledger: [
        'error',
        /^Canary failed at 20 %.*; restoring v1 also failed \(The rollback-command did not finish within 2s and was stopped\) — check the target by hand\.$/
      ],
      result: 'failed',
      error:
        /^Canary failed at 20 %: The canary is worse than stable: .*; restoring v1 also failed \(The rollback-command did not finish within 2s and was stopped\) — check the target by hand\.$/
    }
  },
  {
    // A command that ignores SIGTERM is stopped with SIGKILL after the grace period, even though bash itself exits at once.
    row: 'deploy-command hangs and ignores SIGTERM',
    version: 'v2',
    commands: { deploy: hanging('deploy').replace('sleep 300 &', `(trap '' TERM; sleep 300) &`) },
    expect: {
      traffic: RESTORED,
      ledger: ['error', /^Failed at 0 %: The deploy-command did not finish within 2s and was stopped; traffic is back on v1\.$/],
      result: 'failed',
      error: /^Failed at 0 %: The deploy-command did not finish within 2s and was stopped; traffic is back on v1\.$/
    }
  }
];

// One command replaced per row; each row has its own environment and infra folder, so rows run
// three at a time.
const slot = limiter(3);

describe('command target fault table: a command fails or hangs', () => {
  test.concurrent.each(simpleRows)(
    '$row',
    ({ row, version, commands, expect: e }) =>
      slot(async () => {
        const env = rig.environment(
          row
            .replace(/[^a-z0-9]+/gi, '-')
            .replace(/-+$/, '')
            .toLowerCase()
        );
        const run = await runBundle('canary-deploy', env.deployInputs(version, {}, commands), env.runner());
        await expectOutcome(env, version, run, { traffic: e.traffic, ledger: e.ledger, step: { code: 1, result: e.result, error: e.error } });
        // The restore was asked for with the canary and the version to restore.
        expect(
          env
            .commands()
            .filter((c) => c[0] === 'rollback')
            .map((c) => c.slice(1, 3))
        ).toEqual([[version, 'v1']]);
      }),
    180_000
  );
});

describe('command target fault table: the step is killed, or two run at once', () => {
  test('canary-deploy killed with SIGTERM mid-step, then its post step: the main step restores stable, the post step has nothing to do', async () => {
    const env = rig.environment('sigterm-post');
    const inputs = env.deployInputs('v2', { 'step-duration': '60s', 'min-samples': '100000' });
    const main = await runBundle('canary-deploy', inputs, env.runner({ signalAfter: { signal: 'SIGTERM', whenStdout: /Step 1\/2/ } }));
    await expectOutcome(env, 'v2', main, {
      traffic: RESTORED,
      ledger: ['failure', /^Cancelled at 20 %: the job was cancelled; traffic is back on v1\.$/],
      step: { code: 1, result: 'rolled-back', error: /^Cancelled at 20 %: the job was cancelled; traffic is back on v1\.$/ }
    });
    const post = await runBundle('canary-deploy', inputs, env.runner({ sameJob: main.job, runId: main.runId, state: main.state }));
    expect([post.code, post.error]).toEqual([0, '']);
    expect(env.commands().filter((c) => c[0] === 'rollback')).toHaveLength(1);
    expect(env.ledger().at(-1)?.states.at(-1)).toBe('failure');
  });

  test('canary-deploy killed with SIGTERM while the shift-command runs, no post step: the command is stopped and stable restored', async () => {
    const env = rig.environment('sigterm-in-shift');
    const run = await runBundle(
      'canary-deploy',
      env.deployInputs('v2', {}, { shift: slow('shift', 60) }),
      env.runner({ signalAfter: { signal: 'SIGTERM', whenStdout: /\[shift-command\] shift started/ } })
    );
    await expectOutcome(env, 'v2', run, {
      traffic: RESTORED,
      ledger: ['failure', /^Cancelled at 0 %: the job was cancelled; traffic is back on v1\.$/],
      step: { code: 1, result: 'rolled-back', error: /^Cancelled at 0 %: the job was cancelled; traffic is back on v1\.$/ }
    });
    // The shift never finished: its weight was not written.
    expect(env.commands().map((c) => c[0])).toEqual(['deploy', 'shift', 'rollback']);
  });

  test('canary-deploy killed with SIGKILL mid-step, then its post step: the post step restores stable and records it', async () => {
    const env = rig.environment('sigkill-post');
    const inputs = env.deployInputs('v2', { 'step-duration': '60s', 'min-samples': '100000' });
    const main = await runBundle('canary-deploy', inputs, env.runner({ signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } }));
    expect([main.code, main.outputs.result]).toEqual([null, undefined]);
    // Killed outright: the canary keeps its weight and the ledger still says in progress, until the post step.
    expect(env.traffic()).toEqual({ stable: 'v1', canary: 'v2', weight: '20' });
    expect(env.ledger().at(-1)?.states.at(-1)).toBe('in_progress');
    const post = await runBundle('canary-deploy', inputs, env.runner({ sameJob: main.job, runId: main.runId, state: main.state }));
    await expectOutcome(env, 'v2', post, {
      traffic: RESTORED,
      ledger: ['failure', /^The job ended before the rollout of v2 finished; traffic is back on v1\.$/],
      step: { code: 0, result: undefined, error: /^$/ }
    });
    expect(post.stdout).toMatch(/did not finish: restoring v1/);
  });

  test('canary-deploy killed with SIGKILL while the deploy-command hangs, then its post step: the orphaned command is stopped before stable is restored', async () => {
    const env = rig.environment('sigkill-in-deploy');
    const inputs = env.deployInputs('v2', { 'command-timeout': '5m' }, { deploy: slow('deploy', 8) });
    const main = await runBundle('canary-deploy', inputs, env.runner({ signalAfter: { signal: 'SIGKILL', whenStdout: /\[deploy-command\] deploy started/ } }));
    expect(main.code).toBeNull();
    const post = await runBundle('canary-deploy', inputs, env.runner({ sameJob: main.job, runId: main.runId, state: main.state }));
    expect([post.code, post.error]).toEqual([0, '']);
    // Had the deploy-command been left running, it would have started the canary after the restore.
    await new Promise((r) => setTimeout(r, 9000));
    await expectOutcome(env, 'v2', post, {
      traffic: RESTORED,
      ledger: ['failure', /^The job ended before the rollout of v2 finished; traffic is back on v1\.$/],
      step: { code: 0, result: undefined, error: /^$/ }
    });
  });

  test('canary-deploy killed with SIGKILL mid-step, no post step: the next run retires the orphan, then promotes v3', async () => {
    const env = rig.environment('sigkill-no-post');
    const runId = nextRunId();
    rig.gh.state.setRun(Number(runId), 'in_progress');
    const main = await runBundle(
      'canary-deploy',
      env.deployInputs('v2', { 'step-duration': '60s', 'min-samples': '100000' }),
      env.runner({ runId, signalAfter: { signal: 'SIGKILL', whenStdout: /Step 1\/2/ } })
    );
    expect(main.code).toBeNull();
    expect(env.traffic()).toEqual({ stable: 'v1', canary: 'v2', weight: '20' });
    expect(env.ledger().at(-1)?.states.at(-1)).toBe('in_progress');
    rig.gh.state.setRun(Number(runId), 'completed', 'cancelled');

    const next = await runBundle('canary-deploy', env.deployInputs('v3'), env.runner());
    expect([next.code, next.error, next.outputs.result, next.outputs['previous-version']]).toEqual([0, '', 'promoted', 'v1']);
    expect(env.traffic()).toEqual({ stable: 'v3', canary: '', weight: '0' });
    const v2 = env.ledger().find((d) => d.version === 'v2')!;
    expect([v2.states.at(-1), v2.descriptions.at(-1)]).toEqual([
      'error',
      expect.stringMatching(/^Orphaned at 20 % \(run \d+ has completed \(cancelled\)\); traffic back on v1\. Retired by run \d+ deploying v3\.$/)
    ]);
    expect(
      env
        .ledger()
        .find((d) => d.version === 'v3')
        ?.states.at(-1)
    ).toBe('success');
    expect(
      env
        .commands()
        .filter((c) => c[0] === 'rollback')
        .map((c) => c.slice(1, 3))
    ).toEqual([['v2', 'v1']]);
    expect(await eventually(() => env.leftProcesses().length === 0)).toBe(true);
  });

  test('two runs at once: the later waits for the earlier, then rolls out over it; no command of one runs inside the other', async () => {
    const env = rig.environment('two-at-once');
    const [ida, idb] = [nextRunId(), nextRunId()];
    rig.gh.state.setRun(Number(ida), 'in_progress');
    rig.gh.state.setRun(Number(idb), 'in_progress');
    const finished = (id: string) => (r: BundleRun) => {
      rig.gh.state.setRun(Number(id), 'completed', r.code === 0 ? 'success' : 'failure');
      return r;
    };
    const [a, b] = await Promise.all([
      runBundle('canary-deploy', env.deployInputs('v2'), env.runner({ runId: ida })).then(finished(ida)),
      runBundle('canary-deploy', env.deployInputs('v3'), env.runner({ runId: idb })).then(finished(idb))
    ]);
    expect([a.code, a.error, a.outputs.result, b.code, b.error, b.outputs.result]).toEqual([0, '', 'promoted', 0, '', 'promoted']);
    const [first, second] =
      Number(a.outputs['deployment-id']) < Number(b.outputs['deployment-id'])
        ? ([
            ['v2', a],
            ['v3', b]
          ] as const)
        : ([
            ['v3', b],
            ['v2', a]
          ] as const);
    expect(second[1].stdout).toMatch(
      new RegExp(`Waiting for run https://github.com/acme/shop/actions/runs/\\d+, which is rolling out ${first[0]} in two-at-once`)
    );
    expect(second[1].outputs['previous-version']).toBe(first[0]);
    expect(env.traffic()).toEqual({ stable: second[0], canary: '', weight: '0' });
    // The first run's commands all ran before the second run's first command.
    expect(env.commands().map((c) => `${c[0]} ${c[1]}`)).toEqual([
      `deploy ${first[0]}`,
      `shift ${first[0]}`,
      `shift ${first[0]}`,
      `promote ${first[0]}`,
      `deploy ${second[0]}`,
      `shift ${second[0]}`,
      `shift ${second[0]}`,
      `promote ${second[0]}`
    ]);
    const states = Object.fromEntries(env.ledger().map((d) => [d.version, d.states.at(-1)]));
    expect(states).toEqual({ v1: 'inactive', [first[0]]: 'inactive', [second[0]]: 'success' });
    expect(await eventually(() => env.leftProcesses().length === 0)).toBe(true);
  });

  test('every request matched the published API description', () => {
    expect(rig.gh.violations()).toEqual([]);
  });
});
