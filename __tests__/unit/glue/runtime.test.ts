// The one module that touches the runner, with @actions/core replaced by recording fakes (an
// ESM-only package: jest.unstable_mockModule, then import the module under test).
import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeTempDir, removeFakeDirs } from '../../helpers/fake-runtime.js';

const calls: [string, ...unknown[]][] = [];
const state: Record<string, string> = {};
const write = jest.fn(() => Promise.resolve(undefined));
const addRaw = jest.fn((_text: string, _eol?: boolean) => ({ write }));

jest.unstable_mockModule('@actions/core', () => ({
  info: (m: string) => calls.push(['info', m]),
  warning: (m: string) => calls.push(['warning', m]),
  debug: (m: string) => calls.push(['debug', m]),
  setFailed: (m: string) => calls.push(['setFailed', m]),
  setOutput: (name: string, value: string) => calls.push(['setOutput', name, value]),
  setSecret: (s: string) => calls.push(['setSecret', s]),
  saveState: (name: string, value: string) => {
    state[name] = value;
    calls.push(['saveState', name, value]);
  },
  getState: (name: string) => state[name] ?? '',
  summary: { addRaw }
}));

const { createRuntime, coreLogger, runAction } = await import('../../../shared/glue/runtime.js');

const saved = { ...process.env };
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let listenersBefore: Record<string, unknown[]>;

beforeEach(() => {
  calls.length = 0;
  for (const k of Object.keys(state)) delete state[k];
  listenersBefore = Object.fromEntries(SIGNALS.map((s) => [s, process.listeners(s)]));
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k === 'RUNNER_TEMP') delete process.env[k];
});

/** The signal listeners createRuntime added in this test. */
function added(signal: (typeof SIGNALS)[number]): ((sig: NodeJS.Signals) => void)[] {
  return process.listeners(signal).filter((l) => !listenersBefore[signal].includes(l));
}

afterEach(() => {
  for (const s of SIGNALS) for (const l of added(s)) process.off(s, l);
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});
afterAll(() => removeFakeDirs());

describe('createRuntime', () => {
  test('the main step marks the next run of the action as its post step', () => {
    const rt = createRuntime();
    expect(rt.isPost).toBe(false);
    expect(state.isPost).toBe('true');
    calls.length = 0;
    const post = createRuntime();
    expect(post.isPost).toBe(true);
    expect(calls.filter(([k]) => k === 'saveState')).toEqual([]);
  });

  test('inputs come from INPUT_* variables, then the config file of the workspace', async () => {
    const ws = fakeTempDir('shipgate-rt-ws-');
    mkdirSync(path.join(ws, '.github'));
    writeFileSync(path.join(ws, '.github', 'shipgate.yml'), 'steps: [20, 100]\nprobe-rate: 5\n');
    process.env.GITHUB_WORKSPACE = ws;
    process.env['INPUT_PROBE-RATE'] = ' 7 ';
    const rt = createRuntime();
    expect(rt.workspace).toBe(ws);
    const inputs = await rt.inputs();
    expect(inputs.raw('steps')).toBe('20,100');
    expect(inputs.raw('probe-rate')).toBe('7');
    expect(calls).toContainEqual(['info', `Using config file ${path.join('.github', 'shipgate.yml')}`]);
    const bare = await rt.inputs({ withConfig: false });
    expect(bare.raw('probe-rate')).toBe('7');
    expect(bare.raw('steps')).toBe('10,50,100');
  });

  test('outputs, state, masks and reports go to the runner', () => {
    const temp = fakeTempDir('shipgate-rt-temp-');
    process.env.RUNNER_TEMP = temp;
    const rt = createRuntime();
    rt.setOutput('weight', 50);
    rt.saveState('shipgate-deployment', '{"id":"1"}');
    expect(rt.getState('shipgate-deployment')).toBe('{"id":"1"}');
    rt.mask('s3cret');
    rt.mask('');
    expect(calls).toEqual(
      expect.arrayContaining([
        ['setOutput', 'weight', '50'],
        ['setSecret', 's3cret']
      ])
    );
    expect(calls.filter(([k]) => k === 'setSecret')).toHaveLength(1);
    expect(rt.stateRoot()).toBe(path.join(temp, 'shipgate'));
    const file = rt.writeReport('r.json', { a: 1 });
    expect(file).toBe(path.join(temp, 'shipgate', 'reports', 'r.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
  });

  test('without RUNNER_TEMP the state root is .shipgate/ in the workspace', () => {
    const ws = fakeTempDir('shipgate-rt-ws-');
    process.env.GITHUB_WORKSPACE = ws;
    const rt = createRuntime();
    expect(rt.stateRoot()).toBe(path.join(ws, '.shipgate'));
    expect(existsSync(path.join(ws, '.shipgate'))).toBe(true);
  });

  test('the summary goes to the step summary file on a runner, else to the log line by line, escaped', async () => {
    const rt = createRuntime();
    await rt.summary('## Title\n::error::x');
    expect(calls.filter(([k]) => k === 'info').map(([, m]) => m)).toEqual(['## Title', expect.not.stringMatching(/^::error::/)]);
    expect(addRaw).not.toHaveBeenCalled();

    process.env.GITHUB_STEP_SUMMARY = path.join(fakeTempDir('shipgate-rt-sum-'), 'summary.md');
    await createRuntime().summary('## Title');
    expect(addRaw).toHaveBeenCalledWith('## Title', true);
    expect(write).toHaveBeenCalledTimes(1);
  });

  test('the first SIGINT or SIGTERM aborts the run; later ones do not interrupt the rollback', () => {
    const rt = createRuntime();
    const [onTerm] = added('SIGTERM');
    const [onInt] = added('SIGINT');
    expect(onTerm).toBeDefined();
    expect(onInt).toBe(onTerm);
    expect(rt.signal.aborted).toBe(false);
    onTerm('SIGTERM');
    expect(rt.signal.aborted).toBe(true);
    onInt('SIGINT');
    expect(calls.filter(([k]) => k === 'warning')).toEqual([['warning', 'Received SIGTERM: restoring the stable version before exiting.']]);
  });
});

describe('coreLogger', () => {
  test('escapes every message so none can start a workflow command', () => {
    coreLogger.info('::set-output name=x::y');
    coreLogger.warning('a\nb');
    coreLogger.debug('::stop-commands::t');
    expect(calls).toHaveLength(3);
    for (const [, m] of calls) {
      expect(String(m)).not.toMatch(/^::/);
      expect(String(m)).not.toContain('\n');
    }
  });
});

describe('runAction', () => {
  test('a body that throws fails the step with its escaped message, the stack only in debug', async () => {
    await runAction(() => Promise.reject(new Error('::error::Deploy failed\nsecond line')));
    const failed = calls.filter(([k]) => k === 'setFailed');
    expect(failed).toHaveLength(1);
    expect(String(failed[0][1])).toContain('Deploy failed');
    expect(String(failed[0][1])).not.toMatch(/^::error::/);
    expect(String(failed[0][1])).not.toContain('\n');
    expect(calls.some(([k, m]) => k === 'debug' && String(m).includes('runtime.test'))).toBe(true);
  });

  test('a body that throws a non-Error still fails with one message; a body that succeeds does not fail', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a body that throws a string does
    await runAction(() => Promise.reject('plain text'));
    expect(calls.filter(([k]) => k === 'setFailed')).toEqual([['setFailed', 'plain text']]);
    calls.length = 0;
    let ran = false;
    await runAction((rt) => {
      ran = rt.signal instanceof AbortSignal;
      return Promise.resolve();
    });
    expect(ran).toBe(true);
    expect(calls.filter(([k]) => k === 'setFailed')).toEqual([]);
  });
});
