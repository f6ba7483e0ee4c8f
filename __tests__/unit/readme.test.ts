import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/run-bundle.js';

test('README inputs/outputs tables match the action.yml files', async () => {
  const prev = process.cwd();
  process.chdir(REPO);
  try {
    const { render } = (await import(path.join(REPO, 'scripts', 'readme-tables.mjs'))) as { render: (s: string) => string };
    const readme = readFileSync('README.md', 'utf8');
    expect(render(readme)).toBe(readme);
  } finally {
    process.chdir(prev);
  }
});

/** The parts of an action.yml checked here. */
interface ActionMeta {
  runs: { using: string };
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
}

test('every action.yml names its inputs with descriptions, defaults or required, and runs on node24', async () => {
  const { parse } = await import('yaml');
  for (const file of [
    'action.yml',
    'actions/build/action.yml',
    'actions/canary-deploy/action.yml',
    'actions/smoke-test/action.yml',
    'actions/auto-rollback/action.yml'
  ]) {
    const meta = parse(readFileSync(path.join(REPO, file), 'utf8')) as ActionMeta;
    expect(meta).toMatchObject({
      name: expect.any(String),
      description: expect.any(String),
      author: expect.any(String),
      branding: { icon: expect.any(String), color: expect.any(String) }
    });
    expect(meta.runs.using).toBe('node24');
    for (const [name, i] of Object.entries(meta.inputs)) {
      expect([name, typeof i.description]).toEqual([name, 'string']);
      expect([name, i.required === true || i.default !== undefined]).toEqual([name, true]);
    }
    for (const o of Object.values(meta.outputs)) expect(typeof o.description).toBe('string');
  }
});
