// rolloutAction (the root action) through a fake Runtime: build, then the canary rollout, in one call.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rolloutAction } from '../../../shared/glue/rollout.js';
import type { DeploymentRecord } from '../../../shared/ports/ledger.js';
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
  process.exitCode = 0;
});

const SHA = 'abcdef0123456789abcdef0123456789abcdef01';

/** Root-action inputs with a build that writes one file and logs its version. */
function rolloutInputs(log: string, ledgerFile: string, extra: InputMap = {}): InputMap {
  return {
    ...commandInputs(log),
    ...FAST,
    'deploy-command': `echo "deploy $SHIPGATE_VERSION $SHIPGATE_DIGEST" >> '${log}'`,
    'build-command': `mkdir -p out && echo "app $SHIPGATE_VERSION" > out/app.txt && echo "build $SHIPGATE_VERSION" >> '${log}'`,
    artifact: 'out/**',
    'canary-url': service.url,
    'stable-url': service.url,
    'ledger-file': ledgerFile,
    ...extra
  };
}

describe('rolloutAction', () => {
  test('with build-command and artifact but no version: builds, then deploys the built version', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const rt = fakeRuntime({ inputs: rolloutInputs(log, ledgerFile), env: { GITHUB_SHA: SHA } });

    await rolloutAction(rt);

    const version = 'sha-abcdef0';
    expect(rt.outputs).toMatchObject({
      version,
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      result: 'promoted',
      weight: '100',
      'deployment-id': '1'
    });
    const digest = rt.outputs.digest;
    expect(readLog(log)).toEqual([`build ${version}`, `deploy ${version} ${digest}`, `shift ${version} 50`, `shift ${version} 100`, `promote ${version}`]);
    expect(existsSync(path.join(rt.runnerTemp, 'shipgate', 'releases', `${version}.manifest.json`))).toBe(true);
    const ledgerText = readFileSync(ledgerFile, 'utf8');
    expect((JSON.parse(ledgerText) as { environments: Record<string, DeploymentRecord[]> }).environments.production[0]).toMatchObject({
      state: 'success',
      release: { version, digest }
    });
    const everything = [JSON.stringify(rt.outputs), ...rt.summaries, ledgerText, readFileSync(rt.outputs.report, 'utf8'), JSON.stringify(rt.state)].join('\n');
    expect(everything).not.toContain('pending-build');
  });

  test('a bad input fails before the build runs', async () => {
    const log = newLogFile();
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const rt = fakeRuntime({ inputs: rolloutInputs(log, ledgerFile, { steps: '10,5,100' }), env: { GITHUB_SHA: SHA } });

    const failure = await rolloutAction(rt).then(
      () => null,
      (err: unknown) => err as Error
    );

    expect(failure?.message).toMatch(ONE_SENTENCE);
    expect(failure?.message).toMatch(/^Input "steps" has value "10,5,100": /);
    expect(existsSync(log)).toBe(false);
    expect(existsSync(path.join(rt.workspace, 'out'))).toBe(false);
    expect(rt.outputs).toEqual({});
    expect(rt.summaries).toEqual([]);
  });
});
