// canaryDeploy / canaryDeployPost through a fake Runtime: command target, file ledger, a loopback service.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canaryDeploy, canaryDeployPost } from '../../../shared/glue/canary-deploy.js';
import { FileLedger } from '../../../shared/ledgers/file.js';
import { fakeRuntime, fakeTempDir, removeFakeDirs, type InputMap } from '../../helpers/fake-runtime.js';
import { commandInputs, FAST, newLogFile, ONE_SENTENCE, readLog, startHealthyService } from './setup.js';

let service: Awaited<ReturnType<typeof startHealthyService>>;
beforeAll(async () => {
  service = await startHealthyService();
});
afterAll(async () => {
  await service.close();
  removeFakeDirs();
});
afterEach(() => {
  // publish() fails the step through process.exitCode: jest itself must not exit 1.
  process.exitCode = 0;
});

/** Inputs of a deploy with the command target against the loopback service. */
function deployInputs(log: string, extra: InputMap = {}): InputMap {
  return { ...commandInputs(log), ...FAST, 'canary-url': service.url, 'stable-url': service.url, ...extra };
}

describe('canaryDeploy (action: deploy)', () => {
  test('promotes v1, publishes outputs, report, summary and the post-step handover; a later run on a fresh runner sees v1 as previous', async () => {
    const log = newLogFile();
    // Only XDG_STATE_HOME is shared between the two runs: the default file ledger lives there.
    const stateHome = fakeTempDir('shipgate-shared-state-');

    const first = fakeRuntime({ inputs: deployInputs(log, { version: 'v1' }), stateHome });
    const report = await canaryDeploy(first);

    expect(report.result).toBe('promoted');
    expect(first.outputs).toEqual({
      'deployment-id': '1',
      result: 'promoted',
      'revert-pr-url': '',
      weight: '100',
      'previous-version': '',
      report: expect.any(String),
      'incident-url': ''
    });
    expect(first.outputs.report.startsWith(path.join(first.runnerTemp, 'shipgate', 'reports'))).toBe(true);
    expect(JSON.parse(readFileSync(first.outputs.report, 'utf8'))).toMatchObject({
      schema: 'shipgate/rollout-report@1',
      result: 'promoted',
      deploymentId: '1',
      release: { version: 'v1' }
    });
    expect(first.summaries).toHaveLength(1);
    expect(first.summaries[0]).toContain('Shipgate rollout of v1 to production: promoted');
    expect(JSON.parse(first.state['shipgate-deployment'])).toEqual({ id: '1', version: 'v1', previous: null });
    expect(first.state['shipgate-finished']).toBe('true');
    expect(readLog(log)).toEqual(['deploy v1 prev=', 'shift v1 50', 'shift v1 100', 'promote v1']);
    expect(existsSync(path.join(stateHome, 'shipgate', 'ledger.json'))).toBe(true);

    const second = fakeRuntime({ inputs: deployInputs(log, { version: 'v2' }), stateHome });
    expect(second.runnerTemp).not.toBe(first.runnerTemp);
    await canaryDeploy(second);

    expect(second.outputs).toMatchObject({ 'deployment-id': '2', result: 'promoted', weight: '100', 'previous-version': 'v1' });
    expect(JSON.parse(second.state['shipgate-deployment'])).toMatchObject({ id: '2', version: 'v2', previous: { version: 'v1' } });
    expect(second.state['shipgate-finished']).toBe('true');
    expect(readLog(log).slice(4)).toEqual(['deploy v2 prev=v1', 'shift v2 50', 'shift v2 100', 'promote v2']);
    const ledger = new FileLedger({ path: path.join(stateHome, 'shipgate', 'ledger.json') });
    expect((await ledger.lastGood('production'))?.release.version).toBe('v2');
  });

  test('a failing deploy-command: outputs are set, the canary is rolled back, then the step fails with one sentence', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const deployThenFail = `${commandInputs(log)['deploy-command']}; exit 3`;
    const rt = fakeRuntime({ inputs: deployInputs(log, { version: 'v1', 'ledger-file': ledgerFile, 'deploy-command': deployThenFail }) });

    const failure = await canaryDeploy(rt).then(
      () => null,
      (err: unknown) => err as Error
    );

    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toMatch(ONE_SENTENCE);
    expect(failure!.message).toContain('The deploy-command exited with code 3');
    expect(process.exitCode).toBe(1);
    expect(rt.outputs).toMatchObject({ 'deployment-id': '1', result: 'failed', weight: '0', 'previous-version': '' });
    expect(existsSync(rt.outputs.report)).toBe(true);
    expect(rt.summaries).toHaveLength(1);
    expect(rt.summaries[0]).toContain(': failed');
    expect(rt.state['shipgate-finished']).toBe('true');
    expect(readLog(log)).toEqual(['deploy v1 prev=', 'rollback v1 prev=']);
    const [record] = await new FileLedger({ path: ledgerFile }).history('production');
    expect(record).toMatchObject({ id: '1', state: 'error' });
  });
});

describe('cancellation', () => {
  test('aborting the runtime signal mid-step rolls back, fails the step, and leaves the post step nothing to do', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const ledger = new FileLedger({ path: ledgerFile });
    const v1 = await ledger.begin({ environment: 'production', release: { version: 'v1' }, kind: 'rollout', description: 'Canary v1' });
    await ledger.record(v1.id, 'success', { description: 'v1 promoted' });
    const rt = fakeRuntime({ inputs: deployInputs(log, { version: 'v2', 'ledger-file': ledgerFile }) });
    // The runner cancels the job while the first step is being analysed.
    const watcher = setInterval(() => {
      if (readLog(log).includes('shift v2 50')) rt.controller.abort();
    }, 20);

    const failure = await canaryDeploy(rt).then(
      () => null,
      (err: unknown) => err as Error
    );
    clearInterval(watcher);

    expect(failure?.message).toMatch(ONE_SENTENCE);
    expect(failure?.message).toContain('the job was cancelled');
    expect(rt.outputs).toMatchObject({ 'deployment-id': '2', result: 'rolled-back', weight: '0', 'previous-version': 'v1' });
    expect(readLog(log)).toEqual(['deploy v2 prev=v1', 'shift v2 50', 'rollback v2 prev=v1']);
    expect((await ledger.history('production'))[0]).toMatchObject({ id: '2', state: 'failure' });

    const post = fakeRuntime({ inputs: deployInputs(log, { 'ledger-file': ledgerFile }), isPost: true, state: rt.state, runnerTemp: rt.runnerTemp });
    await canaryDeployPost(post);
    expect(readLog(log)).toHaveLength(3);
    expect(post.summaries).toEqual([]);
  });
});

describe('canaryDeployPost', () => {
  /** A ledger whose v1 is live and whose rollout of v2 was left unfinished at 50 %. */
  async function abandonedRollout(ledgerFile: string) {
    const ledger = new FileLedger({ path: ledgerFile });
    const v1 = await ledger.begin({ environment: 'production', release: { version: 'v1' }, kind: 'rollout', description: 'Canary v1' });
    await ledger.record(v1.id, 'success', { description: 'v1 promoted' });
    const v2 = await ledger.begin({
      environment: 'production',
      release: { version: 'v2' },
      kind: 'rollout',
      description: 'Canary v2',
      progress: { weight: 50, step: 1, steps: 2, paused: false }
    });
    return { ledger, handover: JSON.stringify({ id: v2.id, version: 'v2', previous: { version: 'v1' } }) };
  }

  test('restores the previous version of an unfinished rollout and records the failure', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const { ledger, handover } = await abandonedRollout(ledgerFile);
    const post = fakeRuntime({ inputs: deployInputs(log, { 'ledger-file': ledgerFile }), isPost: true, state: { 'shipgate-deployment': handover } });

    await canaryDeployPost(post);

    expect(readLog(log)).toEqual(['rollback v2 prev=v1']);
    const [record] = await ledger.history('production');
    expect(record).toMatchObject({ id: '2', state: 'failure' });
    expect(record.description).toContain('The job ended before the rollout of v2 finished');
    expect(post.summaries).toHaveLength(1);
    expect(post.summaries[0]).toContain('rolled-back');
    expect(post.warnings.some((w) => w.includes('did not finish'))).toBe(true);
    expect(post.outputs).toEqual({});
  });

  test('does nothing when the main step set its finished marker', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const { ledger, handover } = await abandonedRollout(ledgerFile);
    const post = fakeRuntime({
      inputs: deployInputs(log, { 'ledger-file': ledgerFile }),
      isPost: true,
      state: { 'shipgate-deployment': handover, 'shipgate-finished': 'true' }
    });

    await canaryDeployPost(post);

    expect(readLog(log)).toEqual([]);
    expect(post.summaries).toEqual([]);
    const [record] = await ledger.history('production');
    expect(record).toMatchObject({ id: '2', state: 'in_progress' });
  });
});

describe('bad inputs', () => {
  test('steps 10,5,100: one sentence before any command ran, and no outputs', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const rt = fakeRuntime({ inputs: deployInputs(log, { version: 'v1', steps: '10,5,100', 'ledger-file': ledgerFile }) });

    const failure = await canaryDeploy(rt).then(
      () => null,
      (err: unknown) => err as Error
    );

    expect(failure?.message).toMatch(ONE_SENTENCE);
    expect(failure?.message).toMatch(/^Input "steps" has value "10,5,100": /);
    expect(existsSync(log)).toBe(false);
    expect(existsSync(ledgerFile)).toBe(false);
    expect(rt.outputs).toEqual({});
    expect(rt.summaries).toEqual([]);
    expect(rt.state).toEqual({});
    expect(process.exitCode ?? 0).toBe(0);
  });
});
