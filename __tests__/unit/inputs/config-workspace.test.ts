// Issue 9: the config file is part of the checkout. A path (or a link) that leads out of the
// workspace is refused before the file is read, and no error quotes more than a short, escaped
// prefix of what the file holds.
import { afterAll, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inputs } from '../../../shared/inputs/parse.js';
import { layered, mapSource } from '../../../shared/inputs/source.js';
import { parseCanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { loadConfigSource } from '../../../shared/inputs/config-file.js';
import { tempDir } from '../../helpers/run-bundle.js';

const PRIVATE = 'deploy-password: hunter2-private-content\n';
const root = tempDir('shipgate-config-ws-');
const workspace = path.join(root, 'work', 'repo', 'checkout');
const outside = path.join(root, 'outside');
mkdirSync(path.join(workspace, '.github'), { recursive: true });
mkdirSync(outside);
writeFileSync(path.join(outside, 'private.yml'), PRIVATE);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function failure(config: string, ws = workspace, environment = 'production'): Promise<Error> {
  try {
    await loadConfigSource(config, environment, ws);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`config ${JSON.stringify(config)} was accepted`);
}

/** No quoted text in the sentence is longer than 40 characters (plus the quotes). */
function expectShortQuotes(message: string): void {
  for (const q of message.match(/"(?:[^"\\]|\\.)*"/g) ?? []) expect([q, q.length <= 42]).toEqual([q, true]);
}

function expectOneLine(message: string): void {
  expect(message.split(/\r\n|[\n\r\u2028\u2029\u0085]/)).toHaveLength(1);
  expect(message).toMatch(/\.$/);
}

describe('config paths stay inside the workspace', () => {
  test.each([['../../../outside/private.yml'], [path.join(outside, 'private.yml')], ['.github/../../../../outside/private.yml']])(
    '%s is refused before it is read',
    async (config) => {
      const err = await failure(config);
      expect(err.name).toBe('InputError');
      expect(err.message).toBe(
        `Input "config" has value ${JSON.stringify(config)}: use a path inside the workspace (GITHUB_WORKSPACE); the config file must be part of the checkout.`
      );
      expect(err.message).not.toContain('hunter2');
    }
  );

  test('a link inside the workspace that points outside is refused (the path is resolved with realpath)', async () => {
    symlinkSync(path.join(outside, 'private.yml'), path.join(workspace, 'linked.yml'));
    const err = await failure('linked.yml');
    expect(err.message).toBe(
      'Input "config" has value "linked.yml": use a path inside the workspace (GITHUB_WORKSPACE); the config file must be part of the checkout.'
    );
    expect(err.message).not.toContain('hunter2');
    symlinkSync(outside, path.join(workspace, 'linked-dir'));
    expect((await failure('linked-dir/private.yml')).message).toMatch(/^Input "config" has value "linked-dir\/private.yml": use a path inside the workspace/);
  });

  test('the default .github/shipgate.yml is refused too when it is a link out of the workspace', async () => {
    const ws = path.join(root, 'ws-default');
    mkdirSync(path.join(ws, '.github'), { recursive: true });
    symlinkSync(path.join(outside, 'private.yml'), path.join(ws, '.github', 'shipgate.yml'));
    const err = await failure('', ws);
    expect(err.message).toMatch(/^The config file \.github\/shipgate\.yml is a link to a file outside the workspace/);
    expect(err.message).not.toContain('hunter2');
    expectOneLine(err.message);
  });

  test('links that stay inside the workspace, and a workspace reached through a link, are fine', async () => {
    writeFileSync(path.join(workspace, '.github', 'real.yml'), 'steps: [20, 100]\n');
    symlinkSync(path.join(workspace, '.github', 'real.yml'), path.join(workspace, 'inside-link.yml'));
    expect((await loadConfigSource('inside-link.yml', 'production', workspace)).source.get('steps')).toBe('20,100');
    const linkedWs = path.join(root, 'linked-ws');
    symlinkSync(workspace, linkedWs);
    expect((await loadConfigSource('.github/real.yml', 'production', linkedWs)).source.get('steps')).toBe('20,100');
  });

  test('a folder is not a config file', async () => {
    const err = await failure('.github');
    expect(err.message).toBe('Input "config" has value ".github": name a file, not a folder.');
  });
});

describe('errors quote at most a short, escaped prefix of what the file holds', () => {
  const write = (name: string, text: string) => writeFileSync(path.join(workspace, name), text);
  const LONG = 'hunter2-private-content-that-goes-on-and-on-for-a-long-while';

  test('an unknown key', async () => {
    write('unknown.yml', `${LONG}: 1\n`);
    const err = await failure('unknown.yml');
    expect(err.message).toMatch(
      /^The config file unknown\.yml is invalid: the top level has an unknown key "hunter2-private-content-that-goes-on-an…" \(line 1, column 1\)\.$/
    );
    expectShortQuotes(err.message);
  });

  test('a key with a line break in it', async () => {
    write('newline.yml', '"a\\n::error::injected": 1\n');
    const err = await failure('newline.yml');
    expectOneLine(err.message);
    expect(err.message).toContain('"a\\n::error::injected"');
  });

  test('an environment name in the path of a bad value', async () => {
    write('env.yml', `environments:\n  ${LONG}:\n    judge: vibes\n`);
    const err = await failure('env.yml');
    expect(err.message).not.toContain(LONG);
    expectShortQuotes(err.message);
    expectOneLine(err.message);
  });

  test('a YAML error that names something from the file', async () => {
    write('alias.yml', `steps: *${LONG}\n`);
    const err = await failure('alias.yml');
    expect(err.message).toMatch(/^The config file alias\.yml is not valid YAML: /);
    expect(err.message).not.toContain(LONG);
    expectShortQuotes(err.message);
    expectOneLine(err.message);
  });

  test('YAML warnings (which print the offending line) are not emitted', async () => {
    write('tag.yml', `steps: !${LONG} 10,100\n`);
    const warnings: string[] = [];
    // yaml reports warnings through process.emitWarning, which prints them (and the line) to stderr.
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => void warnings.push(typeof w === 'string' ? w : w.message));
    try {
      await loadConfigSource('tag.yml', 'production', workspace).catch(() => undefined);
    } finally {
      spy.mockRestore();
    }
    expect(warnings.filter((w) => w.includes('hunter2'))).toEqual([]);
  });

  test('a value from the file that an input refuses: at most 40 characters, and the sentence says it came from the file', async () => {
    write('steps.yml', `steps: "10,5,100 ${LONG}"\n`);
    const { source } = await loadConfigSource('steps.yml', 'production', workspace);
    let err: Error | undefined;
    try {
      parseCanaryDeployInputs(new Inputs(layered(mapSource({ version: 'v2', 'start-command': 'node s.js' }), source)));
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(
      /^Input "steps" has value "10,5,100 hunter2-private-content-that-g…" \(from the config file steps\.yml\): use strictly increasing/
    );
    expectShortQuotes(err?.message ?? '');
    expectOneLine(err?.message ?? '');
  });

  test("a YAML -0 is refused like the workflow's -0 (String(-0) would have read it as 0)", async () => {
    write('minus-zero.yml', 'probe-rate: -0\nretries: 2\n');
    const { source } = await loadConfigSource('minus-zero.yml', 'production', workspace);
    expect(source.get('probe-rate')).toBe('-0');
    expect(source.get('retries')).toBe('2');
    expect(() => parseCanaryDeployInputs(new Inputs(layered(mapSource({ version: 'v2', 'start-command': 'node s.js' }), source)))).toThrow(
      'Input "probe-rate" has value "-0" (from the config file minus-zero.yml): use a number from 0 to 1000 requests per second.'
    );
  });

  test('a value given in the workflow is still quoted as before (up to 80 characters)', () => {
    expect(() => parseCanaryDeployInputs(new Inputs(mapSource({ version: 'v2', 'start-command': 'node s.js', steps: `10,5,100 ${LONG}` })))).toThrow(
      `Input "steps" has value "10,5,100 ${LONG}": use strictly increasing`
    );
  });
});
