// Fault table for GitHub (issue 9): GitHub answers 5xx beyond the client's retries, 403, 404, or
// does not answer within the client's per-request timeout, at each call site of a rollout. Every
// row is a canary-deploy bundle on a fresh runner (command target, GitHub ledger on the stand-in;
// the runs are given SHIPGATE_GITHUB_TIMEOUT=1000 and SHIPGATE_GITHUB_RETRY_DELAY=100 so a hung
// GitHub is given up on in seconds, not minutes). Each row asserts the same four things as the
// command target's table: traffic (the infra files), the ledger (the stand-in's deployment
// statuses), the step (exit code, `result`, the one sentence), and that no command's process is left.
// The rule (DESIGN.md):
//   - a failure before deployCanary deploys nothing and says one sentence naming the permission or the outage;
//   - any failure after deployCanary ends with stable at 100 % and the record saying so as far as it can be written;
//   - a notifier failure is a warning that never moves traffic.
import { describe, expect, jest, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { nextRunId, runBundle } from '../helpers/run-bundle.js';
import type { Fault } from '../helpers/github-standin/index.js';
import { eventually, limiter, onRequest, startRig, type Env, type Rig } from './rig.js';

// Every row is one or more bundle runs of several seconds each.
jest.setTimeout(120_000);

type FaultKind = '5xx' | '403' | '404' | 'timeout';
const FAULTS: FaultKind[] = ['5xx', '403', '404', 'timeout'];

/** The fault, for one call and all its retries (5xx and timeouts are retried three times). */
function fault(kind: FaultKind, route: string): Fault {
  switch (kind) {
    case '5xx':
      return { kind: 'status', route, status: 502, times: 4 };
    case '403':
      return { kind: 'forbidden', route, times: 1 };
    case '404':
      return { kind: 'status', route, status: 404, message: 'Not Found', times: 1 };
    case 'timeout':
      return { kind: 'delay', route, ms: 5000, times: 4 };
  }
}

/** The one sentence the step (or the warning) gives for `kind` when GitHub fails to `what`. */
function sentence(kind: FaultKind, what: string, scope: string, access = 'write'): string {
  switch (kind) {
    case '5xx':
      return `GitHub is unavailable: could not ${what} after retries \\(502: Server Error\\)`;
    case 'timeout':
      return `GitHub is unavailable: could not ${what} after retries \\(500: GitHub did not answer within 1000 ms\\)`;
    case '403':
      return `GitHub refused to ${what} \\(403\\): the workflow needs \`permissions: ${scope}: ${access}\``;
    case '404':
      return `GitHub could not ${what} \\(404\\): the repository or resource was not found, or the token cannot see it \\(the workflow needs \`permissions: ${scope}: ${access}\`\\)`;
  }
}

const R = {
  graphql: 'POST /graphql',
  listDeployments: 'GET /repos/{owner}/{repo}/deployments',
  createDeployment: 'POST /repos/{owner}/{repo}/deployments',
  deploymentStatus: 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  run: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  commitStatus: 'POST /repos/{owner}/{repo}/statuses/{sha}',
  listIssues: 'GET /repos/{owner}/{repo}/issues',
  createIssue: 'POST /repos/{owner}/{repo}/issues'
};
const isDeploymentStatus = (m: string, p: string) => m === 'POST' && /\/deployments\/\d+\/statuses$/.test(p);
const isGraphql = (m: string, p: string) => m === 'POST' && p === '/graphql';

/** Injects the fault for every route (a ledger read goes to GraphQL first, then falls back to REST). */
const injectOn = (rig: Rig, kind: FaultKind, routes: string[]) => () => {
  for (const route of routes) rig.gh.inject(fault(kind, route));
};

interface Expected {
  traffic: { stable: string; canary: string; weight: string };
  /** States of the version's deployment (null: none was created). */
  ledger: { states: string[]; last?: RegExp } | null;
  code: number;
  result: string;
  error: RegExp;
  /** A warning the step must give. */
  warning?: RegExp;
  /** The user's commands run for the version, in order. */
  commands: string[];
}

interface Site {
  site: string;
  /** Which version the row deploys (a "-faulty" one is rolled back by its verdict). */
  version?: string;
  /** Inputs beside the fast defaults. */
  inputs?: Record<string, string>;
  /** Arms the fault (before the run starts). */
  arm(rig: Rig, env: Env, kind: FaultKind): void;
  /** Extra preparation, e.g. another run's unfinished rollout. */
  prepare?(rig: Rig, env: Env): { runId?: string };
  expected(kind: FaultKind, env: Env): Expected;
}

const UNTOUCHED = { stable: 'v1', canary: '', weight: '0' };
const NOTHING_DEPLOYED = (error: string): Omit<Expected, 'ledger'> => ({
  traffic: UNTOUCHED,
  code: 1,
  result: 'failed',
  error: new RegExp(`^${error}\\.$`),
  commands: []
});

const SITES: Site[] = [
  {
    site: 'the ledger read before the rollout',
    arm: (rig, _env, kind) => injectOn(rig, kind, [R.graphql, R.listDeployments])(),
    expected: (kind) => ({ ...NOTHING_DEPLOYED(sentence(kind, 'read the deployments of the environment', 'deployments')), ledger: null })
  },
  {
    site: 'deployment create',
    arm: (rig, _env, kind) => injectOn(rig, kind, [R.createDeployment])(),
    expected: (kind, env) => ({ ...NOTHING_DEPLOYED(sentence(kind, `create a deployment for ${env.name}`, 'deployments')), ledger: null })
  },
  {
    site: 'the deployment status that begins the rollout',
    arm: (rig, _env, kind) => void onRequest(rig.gh, isDeploymentStatus, 1, injectOn(rig, kind, [R.deploymentStatus])),
    // The deployment exists but has no status: a later run retires it as an orphan of this run.
    expected: (kind) => ({ ...NOTHING_DEPLOYED(sentence(kind, 'record deployment \\d+ as in_progress', 'deployments')), ledger: { states: [] } })
  },
  {
    site: 'the race-guard read after the deployment began',
    arm: (rig, _env, kind) => void onRequest(rig.gh, isGraphql, 2, injectOn(rig, kind, [R.graphql, R.listDeployments])),
    expected: (kind) => {
      const why = `${sentence(kind, 'read the deployments of the environment', 'deployments')}; v2 was not deployed`;
      // The record is clipped to GitHub's 140 characters in the middle, keeping how it ended.
      return { ...NOTHING_DEPLOYED(why), ledger: { states: ['in_progress', 'error'], last: /^GitHub .*; v2 was not deployed\.$/ } };
    }
  },
  {
    site: "the actions/runs check of another run's unfinished rollout",
    prepare: (rig, env) => {
      seedForeignRollout(rig, env, 'v1b', nextRunId());
      return {};
    },
    // 404 is how GitHub may answer a token that cannot read runs: every runs request gets it.
    arm: (rig, _env, kind) => rig.gh.inject(kind === '404' ? { ...fault(kind, R.run), times: 10 } : fault(kind, R.run)),
    expected: (kind) => ({
      ...NOTHING_DEPLOYED(sentence(kind, 'check workflow run \\d+, which owns an unfinished rollout', 'actions', 'read')),
      // The other run's canary keeps its traffic: this run touched nothing.
      traffic: { stable: 'v1', canary: 'v1b', weight: '20' },
      ledger: null
    })
  },
  {
    site: 'the deployment status of the first weight change (after deployCanary)',
    arm: (rig, _env, kind) => void onRequest(rig.gh, isDeploymentStatus, 2, injectOn(rig, kind, [R.deploymentStatus])),
    expected: (kind) => {
      const why = sentence(kind, 'record deployment \\d+ as in_progress', 'deployments');
      return {
        traffic: UNTOUCHED,
        // The fault is spent on the weight change; the outcome is recorded.
        ledger: { states: ['in_progress', 'error'], last: /^Failed at 20 %: GitHub .*; traffic is back on v1\.$/ },
        code: 1,
        result: 'failed',
        error: new RegExp(`^Failed at 20 %: ${why}; traffic is back on v1\\.$`),
        commands: ['deploy', 'shift 20', 'rollback']
      };
    }
  },
  {
    site: 'the deployment status of the outcome (after promote)',
    arm: (rig, _env, kind) => void onRequest(rig.gh, isDeploymentStatus, 4, injectOn(rig, kind, [R.deploymentStatus])),
    expected: (kind) => ({
      // Promoted: v2 is the stable version at 100 %, but the ledger still calls the rollout unfinished.
      traffic: { stable: 'v2', canary: '', weight: '0' },
      ledger: { states: ['in_progress', 'in_progress', 'in_progress'], last: /^100 % · step 2\/2 — / },
      code: 1,
      result: 'promoted',
      error: new RegExp(
        `^v2 was promoted to 100 %, but ${lower(sentence(kind, 'record deployment \\d+ as success', 'deployments'))}; until it is recorded \\(re-run the job\\), the next rollout takes it for unfinished and restores v1 first\\.$`
      ),
      commands: ['deploy', 'shift 20', 'shift 100', 'promote']
    })
  },
  {
    site: 'the deployment status of a pause',
    inputs: { steps: '20,pause,100' },
    arm: (rig, _env, kind) => void onRequest(rig.gh, isDeploymentStatus, 3, injectOn(rig, kind, [R.deploymentStatus])),
    // Nobody could find an unrecorded pause to promote or abort it: the canary does not keep its 20 %.
    expected: (kind) => ({
      traffic: UNTOUCHED,
      ledger: { states: ['in_progress', 'in_progress', 'error'], last: /^Could not pause at 20 %: GitHub .*; traffic is back on v1\.$/ },
      code: 1,
      result: 'failed',
      error: new RegExp(`^Could not pause at 20 %: ${sentence(kind, 'record deployment \\d+ as in_progress', 'deployments')}; traffic is back on v1\\.$`),
      commands: ['deploy', 'shift 20', 'rollback']
    })
  },
  {
    site: 'the commit status (a notifier)',
    arm: (rig, _env, kind) => rig.gh.inject({ ...fault(kind, R.commitStatus), times: 100 }),
    expected: (kind, env) => ({
      traffic: { stable: 'v2', canary: '', weight: '0' },
      ledger: { states: ['in_progress', 'in_progress', 'in_progress', 'success'] },
      code: 0,
      result: 'promoted',
      error: /^$/,
      warning: new RegExp(`The commit-status notifier failed: ${sentence(kind, `set the commit status shipgate/${env.name}`, 'statuses')}\\.`),
      commands: ['deploy', 'shift 20', 'shift 100', 'promote']
    })
  },
  {
    site: 'the incident issue (a notifier)',
    version: 'v2-faulty',
    arm: (rig, _env, kind) => {
      rig.gh.inject({ ...fault(kind, R.listIssues), times: 100 });
      rig.gh.inject({ ...fault(kind, R.createIssue), times: 100 });
    },
    expected: (kind, env) => ({
      traffic: UNTOUCHED,
      ledger: { states: ['in_progress', 'in_progress', 'failure'], last: /^Rolled back at 20 %/ },
      code: 1,
      result: 'rolled-back',
      error: /^Rolled back at 20 %: The canary is worse than stable: /,
      warning: new RegExp(`The incident-issue notifier failed: ${sentence(kind, `update the incident issue for ${env.name}`, 'issues')}\\.`),
      commands: ['deploy', 'shift 20', 'rollback']
    })
  }
];

function lower(s: string): string {
  return s.startsWith('GitHub') ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/** Another run's rollout of `version`, unfinished at 20 % (its canary runs in the infra folder). */
function seedForeignRollout(rig: Rig, env: Env, version: string, runId: string): void {
  const t = rig.gh.state.now();
  rig.gh.state.setRun(Number(runId), 'in_progress');
  const owner = { runId, runAttempt: '1', runUrl: `https://github.com/acme/shop/actions/runs/${runId}`, host: 'another-runner', pid: 4242 };
  rig.gh.state.deployments.push({
    id: rig.gh.state.id(),
    sha: 'f'.repeat(40),
    ref: 'main',
    task: 'deploy:shipgate',
    environment: env.name,
    payload: { version, kind: 'rollout', rollout: { plan: { steps: [20, 100] }, previous: { version: 'v1' }, owner, target: 'command' } },
    description: `Canary ${version}`,
    transient_environment: false,
    production_environment: false,
    created_at: t,
    updated_at: t,
    hiddenReads: 0,
    statuses: [
      {
        id: rig.gh.state.id(),
        state: 'in_progress',
        description: `20 % · step 1/2 — Canary ${version} at 20 %`,
        environment: env.name,
        target_url: '',
        log_url: '',
        environment_url: '',
        created_at: t,
        updated_at: t,
        hiddenReads: 0
      }
    ]
  });
  writeFileSync(path.join(env.infra, 'canary'), `${version}\n`);
  writeFileSync(path.join(env.infra, 'weight'), '20\n');
}

const rows = SITES.flatMap((site) => FAULTS.map((kind) => ({ ...site, kind, name: `${site.site} — ${kind}` })));

// Rows run three at a time, each with its own stand-in, infra folder and loopback service.
const slot = limiter(3);

describe('GitHub fault table (command target, GitHub ledger)', () => {
  test.concurrent.each(rows)(
    '$name',
    (row) =>
      slot(async () => {
        const rig = await startRig();
        try {
          const env = rig.environment(`${rows.indexOf(row)}-${row.kind}`);
          const version = row.version ?? 'v2';
          row.prepare?.(rig, env);
          row.arm(rig, env, row.kind);
          const run = await runBundle('canary-deploy', env.deployInputs(version, row.inputs), env.runner());
          const e = row.expected(row.kind, env);
          // traffic
          expect(env.traffic()).toEqual(e.traffic);
          expect(
            env
              .commands()
              .filter((c) => c[1] === version)
              .map((c) => (c[0] === 'shift' ? `shift ${c[3]}` : c[0]))
          ).toEqual(e.commands);
          // ledger
          const record = env
            .ledger()
            .filter((d) => d.version === version)
            .at(-1);
          if (e.ledger === null) expect(record).toBeUndefined();
          else {
            expect(record?.states).toEqual(e.ledger.states);
            if (e.ledger.last) expect(record?.descriptions.at(-1)).toMatch(e.ledger.last);
          }
          // step
          expect({ code: run.code, result: run.outputs.result }).toEqual({ code: e.code, result: e.result });
          expect(run.error).toMatch(e.error);
          expect(run.error).not.toMatch(/\n|\bat .*\.js:\d+/);
          if (e.warning) expect(run.stdout).toMatch(new RegExp(`^::warning::${e.warning.source}`, 'm'));
          // processes
          expect(await eventually(() => env.leftProcesses().length === 0)).toBe(true);
          expect(rig.gh.violations()).toEqual([]);
        } finally {
          await rig.close();
        }
      }),
    180_000
  );

  test('a run whose rollout is unfinished and whose run was deleted (404 while this run can be read) is retired, then v2 is promoted', async () => {
    const rig = await startRig();
    try {
      const env = rig.environment('deleted-run');
      seedForeignRollout(rig, env, 'v1b', nextRunId());
      const mine = nextRunId();
      rig.gh.state.setRun(Number(mine), 'in_progress');
      rig.gh.inject(fault('404', R.run));
      const run = await runBundle('canary-deploy', env.deployInputs('v2'), env.runner({ runId: mine }));
      expect([run.code, run.error, run.outputs.result]).toEqual([0, '', 'promoted']);
      expect(env.traffic()).toEqual({ stable: 'v2', canary: '', weight: '0' });
      const orphan = env.ledger().find((d) => d.version === 'v1b')!;
      expect([orphan.states.at(-1), orphan.descriptions.at(-1)]).toEqual([
        'error',
        expect.stringMatching(/^Orphaned at 20 % \(run \d+ no longer exists\); traffic back on v1\./)
      ]);
      expect(
        env
          .commands()
          .filter((c) => c[0] === 'rollback')
          .map((c) => c.slice(1, 3))
      ).toEqual([['v1b', 'v1']]);
      expect(await eventually(() => env.leftProcesses().length === 0)).toBe(true);
    } finally {
      await rig.close();
    }
  }, 120_000);
});
