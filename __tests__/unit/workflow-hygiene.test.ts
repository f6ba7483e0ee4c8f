// zizmor's rules that matter here, checked over every workflow this repository ships or shows:
// .github/workflows/*.yml, examples/workflows/*.yml and the YAML snippets of README.md and docs/.
// (zizmor itself is a Rust tool; the registries this project may use do not offer it.)
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Source {
  name: string;
  text: string;
}

function workflowFiles(dir: string): Source[] {
  const abs = path.join(REPO, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(path.join(abs, f), 'utf8') }));
}

function snippets(file: string): Source[] {
  const abs = path.join(REPO, file);
  if (!existsSync(abs)) return [];
  const text = readFileSync(abs, 'utf8');
  return [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m, i) => ({ name: `${file} snippet ${i + 1}`, text: m[1] }));
}

const files = [...workflowFiles('.github/workflows'), ...workflowFiles('examples/workflows')];
const docs = [
  ...snippets('README.md'),
  ...(existsSync(path.join(REPO, 'docs'))
    ? readdirSync(path.join(REPO, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .flatMap((f) => snippets(`docs/${f}`))
    : [])
];
const everything = [...files, ...docs];

/** Every `uses:` reference (steps and reusable workflows), with the comment that follows it. */
function usesOf(text: string): { ref: string; comment: string }[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(?:#\s*(.*))?$/gm)].map((m) => ({ ref: m[1], comment: m[2] ?? '' }));
}

/**
 * Pinning: a local action (./…) needs nothing; GitHub's own (actions/*, github/*) at least a major
 * tag with a comment naming it; anything else a 40-hex commit SHA with a comment naming its
 * version. Shipgate's own references in the docs are what users copy: they are allowed at @v1 but
 * must say to pin a SHA.
 */
function pinningProblem(ref: string, comment: string): string | null {
  if (ref.startsWith('./') || ref.startsWith('docker://')) return null;
  const [name, version] = ref.split('@');
  if (!version) return `${ref} has no version`;
  if (/^(actions|github)\//.test(name)) {
    if (!/^v\d+/.test(version) && !/^[0-9a-f]{40}$/.test(version)) return `${ref}: pin GitHub's own actions to a major tag at least`;
    if (!comment) return `${ref}: add a comment naming the version`;
    return null;
  }
  if (/^shipgate\/shipgate(\/|$)/.test(name)) return /pin/i.test(comment) || /^[0-9a-f]{40}$/.test(version) ? null : `${ref}: say to pin a commit SHA`;
  if (!/^[0-9a-f]{40}$/.test(version)) return `${ref}: pin third-party actions by commit SHA`;
  if (!comment) return `${ref}: add a comment naming the version`;
  return null;
}

describe('workflow hygiene', () => {
  test('there is something to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(docs.length).toBeGreaterThanOrEqual(3);
  });

  test.each(everything.map((s) => [s.name, s] as const))('%s: actions are pinned', (_n, s) => {
    const problems = usesOf(s.text)
      .map((u) => pinningProblem(u.ref, u.comment))
      .filter(Boolean);
    expect(problems).toEqual([]);
  });

  test.each(everything.map((s) => [s.name, s] as const))('%s: every checkout drops its credentials', (_n, s) => {
    // A checkout step's block: from its `uses:` line to the next step.
    const blocks = [...s.text.matchAll(/uses:\s*actions\/checkout@[^\n]*\n((?:[ \t]+(?!-\s)[^\n]*\n)*)/g)];
    for (const b of blocks) expect(b[1]).toMatch(/persist-credentials:\s*false/);
  });

  test.each(files.map((s) => [s.name, s] as const))('%s: permissions are set per job, none for the workflow', (_n, s) => {
    const wf = parse(s.text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown; uses?: string }> };
    expect(wf.permissions === undefined || (typeof wf.permissions === 'object' && wf.permissions !== null && Object.keys(wf.permissions).length === 0)).toBe(
      true
    );
    for (const [name, job] of Object.entries(wf.jobs)) expect([name, job.permissions !== undefined]).toEqual([name, true]);
  });

  test('the rules catch what they are meant to catch', () => {
    expect(pinningProblem('someone/tool@v2', '')).toMatch(/commit SHA/);
    expect(pinningProblem('someone/tool@0123456789abcdef0123456789abcdef01234567', 'v2.1.0')).toBeNull();
    expect(pinningProblem('actions/checkout@main', 'x')).toMatch(/major tag/);
    expect(pinningProblem('actions/checkout@v5', '')).toMatch(/comment/);
    expect(usesOf('      - uses: actions/checkout@v5 # v5\n')).toEqual([{ ref: 'actions/checkout@v5', comment: 'v5' }]);
  });
});
