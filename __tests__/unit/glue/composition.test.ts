// The composition root: which ledger, target, notifiers and signal sources the inputs build.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildLedger, buildNotifiers, buildTarget, gitHubAccess, resolveStateDir, signalFactory } from '../../../shared/glue/composition.js';
import type { NotifyInputs } from '../../../shared/inputs/canary-deploy.js';
import type { DeployTarget, TargetStatus } from '../../../shared/ports/deploy-target.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import { LocalTarget } from '../../../shared/targets/local/index.js';
import { startGitHubStandin, type GitHubStandin } from '../../helpers/github-standin/index.js';
import { fakeRuntime, removeFakeDirs } from '../../helpers/fake-runtime.js';

let gh: GitHubStandin;
beforeAll(async () => {
  gh = await startGitHubStandin();
});
afterAll(async () => {
  await gh.close();
  removeFakeDirs();
});

const githubEnv = () => ({ GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_SHA: 'e'.repeat(40), GITHUB_EVENT_NAME: 'push' });
const LOCAL = { startCommand: 'node server.js', workingDirectory: 'svc', proxyPort: 0 };
const COMMAND = {
  deployCommand: 'echo deploy',
  shiftCommand: '',
  promoteCommand: '',
  rollbackCommand: 'echo rollback',
  commandTimeoutMs: 60_000,
  workingDirectory: '.'
};
const NOTIFY: NotifyInputs = { statusContext: '', checkRun: false, incident: false, mention: [], webhook: '', revertPr: false };

describe('resolveStateDir and gitHubAccess', () => {
  test('state-dir is resolved against the workspace; without it, the per-user state folder', () => {
    const rt = fakeRuntime();
    expect(resolveStateDir(rt, 'state')).toBe(path.join(rt.workspace, 'state'));
    expect(resolveStateDir(rt, '/abs/state')).toBe('/abs/state');
    expect(resolveStateDir(rt, '')).toBe(path.join(rt.stateHome, 'shipgate'));
  });

  test('GitHub access needs a token, the API URL and the repository; the token is masked either way', () => {
    const rt = fakeRuntime({ env: githubEnv() });
    const access = gitHubAccess(rt, gh.token);
    expect(access?.ctx).toMatchObject({ apiUrl: gh.url, owner: gh.owner, repo: gh.repo, token: gh.token });
    expect(typeof access?.client.rest.repos.createCommitStatus).toBe('function');
    expect(rt.masks).toEqual([gh.token]);
    const bare = fakeRuntime();
    expect(gitHubAccess(bare, 'ghs_x')).toBeNull();
    expect(bare.masks).toEqual(['ghs_x']);
    expect(gitHubAccess(fakeRuntime({ env: githubEnv() }), '')).toBeNull();
  });
});

describe('buildLedger', () => {
  test('github without GitHub access is refused with one sentence', async () => {
    const rt = fakeRuntime();
    await expect(buildLedger(rt, 'github', '', rt.stateHome, null)).rejects.toThrow(
      'Input "ledger" is "github" but no GitHub API is available: set github-token (and run on GitHub Actions, where GITHUB_API_URL and GITHUB_REPOSITORY are set).'
    );
  });

  test('auto and github use GitHub Deployments when GitHub is there; file (or auto without GitHub) a file', async () => {
    const rt = fakeRuntime({ env: githubEnv() });
    const access = gitHubAccess(rt, gh.token);
    expect((await buildLedger(rt, 'auto', '', '/unused', access)).name).toBe('github');
    expect((await buildLedger(rt, 'github', '', '/unused', access, { productionEnvironment: true })).name).toBe('github');
    const file = await buildLedger(rt, 'file', '', rt.stateHome, access);
    expect(file.name).toBe('file');
    expect(rt.warnings).toEqual([]);
    expect((await buildLedger(rt, 'auto', '', rt.stateHome, null)).name).toBe('file');
  });

  test('ledger-file is resolved against the workspace and written there', async () => {
    const rt = fakeRuntime();
    const ledger = await buildLedger(rt, 'file', 'ledgers/prod.json', '/unused', null);
    await ledger.begin({ environment: 'production', release: { version: 'v1' }, kind: 'rollout', description: 'x' });
    expect(existsSync(path.join(rt.workspace, 'ledgers', 'prod.json'))).toBe(true);
  });

  test('a file ledger on a GitHub-hosted runner is warned about: it is gone when the job ends', async () => {
    const rt = fakeRuntime({ env: { RUNNER_ENVIRONMENT: 'github-hosted' } });
    await buildLedger(rt, 'file', '', rt.stateHome, null);
    expect(rt.warnings).toHaveLength(1);
    expect(rt.warnings[0]).toMatch(/^The file ledger .*ledger\.json is on a GitHub-hosted runner and is gone when this job ends/);
  });
});

describe('buildTarget', () => {
  test('local: one state dir per environment under the state dir, the working directory in the workspace', async () => {
    const rt = fakeRuntime();
    const t = await buildTarget(rt, 'local', 'staging', path.join(rt.stateHome, 'shipgate'), LOCAL, COMMAND);
    expect(t).toBeInstanceOf(LocalTarget);
    expect((t as LocalTarget).client.stateDir).toBe(path.join(rt.stateHome, 'shipgate', 'local', 'staging'));
    // Nothing is started by building it.
    expect(await t.status()).toEqual({ stable: null, canary: null, weight: 0 });
  });

  test('command: the commands run in the working directory with the step environment', async () => {
    const rt = fakeRuntime({ env: { SHIPGATE_TEST_MARK: 'seen' } });
    const log = path.join(rt.workspace, 'calls.log');
    const t = await buildTarget(rt, 'command', 'production', rt.stateHome, LOCAL, {
      ...COMMAND,
      deployCommand: `echo "deploy $SHIPGATE_VERSION $SHIPGATE_TEST_MARK $(pwd)" >> ${JSON.stringify(log)}`
    });
    expect(t.name).toBe('command');
    await t.deployCanary({ version: 'v1' }, { environment: 'production', deploymentId: '1', version: 'v1', previousVersion: '', weight: 0 });
    expect(readFileSync(log, 'utf8')).toBe(`deploy v1 seen ${realpathSync(rt.workspace)}\n`);
  });
});

describe('buildNotifiers', () => {
  const render = () => 'markdown';

  test('with GitHub: a commit status by default, a check run and an incident issue when asked, and a webhook', async () => {
    const rt = fakeRuntime({ env: githubEnv() });
    const access = gitHubAccess(rt, gh.token);
    expect((await buildNotifiers(rt, 'production', NOTIFY, access, render)).map((n) => n.name)).toEqual(['commit-status']);
    const all = await buildNotifiers(
      rt,
      'production',
      { ...NOTIFY, checkRun: true, incident: true, webhook: 'http://127.0.0.1:9/hook?key=s3cret' },
      access,
      render
    );
    expect(all.map((n) => n.name)).toEqual(['commit-status', 'check-run', 'incident-issue', 'webhook']);
    // The webhook URL carries a secret: masked.
    expect(rt.masks).toContain('http://127.0.0.1:9/hook?key=s3cret');
  });

  test('status-context off drops the commit status only', async () => {
    const rt = fakeRuntime({ env: githubEnv() });
    const access = gitHubAccess(rt, gh.token);
    expect((await buildNotifiers(rt, 'production', { ...NOTIFY, statusContext: 'off', checkRun: true }, access, render)).map((n) => n.name)).toEqual([
      'check-run'
    ]);
  });

  test('without GitHub only the webhook remains', async () => {
    const rt = fakeRuntime();
    expect(await buildNotifiers(rt, 'production', { ...NOTIFY, checkRun: true, incident: true }, null, render)).toEqual([]);
    expect((await buildNotifiers(rt, 'production', { ...NOTIFY, webhook: 'http://127.0.0.1:9/hook' }, null, render)).map((n) => n.name)).toEqual(['webhook']);
  });
});

describe('signalFactory', () => {
  const status: TargetStatus = { stable: { version: 'v1' }, canary: null, weight: 0 };
  const plainTarget: DeployTarget = {
    name: 'plain',
    deployCanary: async () => {},
    setWeight: async () => {},
    promote: async () => {},
    rollback: async () => {},
    status: () => Promise.resolve(status)
  };
  const counter: SignalSource = { name: 'router', start: async () => {}, read: () => Promise.resolve([]), stop: async () => {} };
  const countingTarget: DeployTarget = { ...plainTarget, requestCounter: () => counter };
  const names = (sources: SignalSource[]) => sources.map((s) => [s.name, 'counts' in s ? (s as { counts: boolean }).counts : undefined]);
  const step = { index: 0, weight: 10 } as never;

  test('probes count unless Prometheus or the target router counts', async () => {
    const rt = fakeRuntime();
    const base = { canaryUrl: 'http://127.0.0.1:1/', probePath: '/', probeRate: 5, prometheus: null };
    expect(names((await signalFactory(rt, plainTarget, base))(step, status, { version: 'v2' }, { version: 'v1' }))).toEqual([['probes', true]]);
    expect(names((await signalFactory(rt, countingTarget, base))(step, status, { version: 'v2' }, { version: 'v1' }))).toEqual([
      ['probes', false],
      ['router', undefined]
    ]);
    const prometheus = { url: 'http://127.0.0.1:1', requestsQuery: '', errorsQuery: '', latencyQuery: '' };
    expect(names((await signalFactory(rt, countingTarget, { ...base, prometheus }))(step, status, { version: 'v2' }, null))).toEqual([
      ['probes', false],
      ['prometheus', undefined]
    ]);
  });

  test('no probes at probe-rate 0 or with no URL to probe', async () => {
    const rt = fakeRuntime();
    expect(
      names(
        (await signalFactory(rt, countingTarget, { canaryUrl: 'http://127.0.0.1:1/', probePath: '/', probeRate: 0, prometheus: null }))(
          step,
          status,
          { version: 'v2' },
          null
        )
      )
    ).toEqual([['router', undefined]]);
    expect((await signalFactory(rt, plainTarget, { probePath: '/', probeRate: 5, prometheus: null }))(step, status, { version: 'v2' }, null)).toEqual([]);
  });

  test('probes go to probe-path under the canary-url, and under the stable URL the target reports', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const rt = fakeRuntime();
      const factory = await signalFactory(rt, plainTarget, {
        canaryUrl: `http://127.0.0.1:${port}/base/`,
        probePath: '/healthz',
        probeRate: 50,
        prometheus: null
      });
      const withUrls: TargetStatus = { ...status, urls: { stable: `http://127.0.0.1:${port}/stable` } };
      const [probes] = factory(step, withUrls, { version: 'v2' }, { version: 'v1' });
      await probes.start({ weight: 10, startedAt: Date.now() });
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !(seen.includes('/base/healthz') && seen.includes('/stable/healthz'))) await new Promise((r) => setTimeout(r, 20));
      await probes.stop();
      const samples = await probes.read();
      expect(new Set(seen)).toEqual(new Set(['/base/healthz', '/stable/healthz']));
      expect(new Set(samples.map((s) => s.side))).toEqual(new Set(['canary', 'stable']));

      // probe-path "/" probes the URL as given.
      seen.length = 0;
      const [root] = (await signalFactory(rt, plainTarget, { canaryUrl: `http://127.0.0.1:${port}/app`, probePath: '/', probeRate: 50, prometheus: null }))(
        step,
        status,
        { version: 'v2' },
        null
      );
      await root.start({ weight: 10, startedAt: Date.now() });
      while (Date.now() < deadline && seen.length === 0) await new Promise((r) => setTimeout(r, 20));
      await root.stop();
      expect(new Set(seen)).toEqual(new Set(['/app']));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
