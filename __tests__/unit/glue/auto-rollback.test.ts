// autoRollbackAction through a fake Runtime: a fresh runner with only a rollback-command.
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { autoRollbackAction } from '../../../shared/glue/auto-rollback.js';
import { FileLedger } from '../../../shared/ledgers/file.js';
import { fakeRuntime, fakeTempDir, removeFakeDirs } from '../../helpers/fake-runtime.js';
import { commandInputs, newLogFile, readLog } from './setup.js';

afterAll(() => removeFakeDirs());

describe('autoRollbackAction', () => {
  test('restores the last good version the ledger knows, from a runner that never deployed', async () => {
    const ledgerFile = path.join(fakeTempDir(), 'ledger.json');
    const ledger = new FileLedger({ path: ledgerFile });
    for (const version of ['v1', 'v2']) {
      const r = await ledger.begin({ environment: 'production', release: { version }, kind: 'rollout', description: `Canary ${version}` });
      await ledger.record(r.id, 'success', { description: `${version} promoted` });
    }
    const log = newLogFile();
    const rt = fakeRuntime({
      inputs: { target: 'command', 'rollback-command': commandInputs(log)['rollback-command'], 'ledger-file': ledgerFile, reason: 'errors after release' }
    });

    await autoRollbackAction(rt);

    expect(rt.outputs).toEqual({ 'rolled-back-to': 'v1', 'deployment-id': '3', 'incident-url': '' });
    expect(readLog(log)).toEqual(['rollback v2 prev=v1']);
    const [restore, failing] = await ledger.history('production');
    expect(restore).toMatchObject({ id: '3', kind: 'rollback', state: 'success', release: { version: 'v1' } });
    expect(failing).toMatchObject({ id: '2', state: 'failure', release: { version: 'v2' } });
    expect((await ledger.lastGood('production'))?.release.version).toBe('v1');
    expect(rt.summaries).toHaveLength(1);
    expect(rt.summaries[0]).toContain('Shipgate rollback of production to v1');
    expect(rt.reports).toHaveLength(1);
    expect(existsSync(rt.reports[0])).toBe(true);
  });
});
