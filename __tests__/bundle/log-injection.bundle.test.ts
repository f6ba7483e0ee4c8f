// Inputs reach the log only through one escaping logger: a value cannot issue workflow commands.
import { describe, expect, test } from '@jest/globals';
import { runBundle } from '../helpers/run-bundle.js';

const INJECT = 'smoke failed\n::error::INJECTED\n::set-output name=rolled-back-to::evil\n::stop-commands::tok\n::warning::%0AX';

/** Lines the runner would read as workflow commands that did not come from Shipgate itself. */
function injected(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^::(error::INJECTED|set-output|stop-commands|warning::%0AX|error::X)/.test(l));
}

describe('no input can issue a workflow command', () => {
  test('auto-rollback reason', async () => {
    const run = await runBundle(
      'auto-rollback',
      { environment: 'production', reason: INJECT, target: 'command', 'rollback-command': 'true', 'to-version': 'v1' },
      { timeoutMs: 30_000 }
    );
    expect(run.stdout).toContain('smoke failed');
    expect(injected(run.stdout)).toEqual([]);
    expect(run.outputs['rolled-back-to']).not.toBe('evil');
  });

  test('working-directory of the build', async () => {
    const run = await runBundle('build', { command: 'true', artifact: 'out', 'working-directory': 'sub\n::error::X' }, { timeoutMs: 30_000 });
    expect(run.code).toBe(1);
    expect(injected(run.stdout)).toEqual([]);
  });

  test('a version echoed by a command', async () => {
    const run = await runBundle('build', { command: 'printf "::error::INJECTED\\n"; mkdir -p out; echo x > out/x', artifact: 'out' }, { timeoutMs: 30_000 });
    expect(run.code).toBe(0);
    expect(injected(run.stdout)).toEqual([]);
  });
});
