// Shipgate's own releases: .github/workflows/release.yml, the scripts it runs
// (scripts/release-notes.mjs, scripts/check-generated.sh), CHANGELOG.md and the `@v1` references
// users copy. The scripts run as child processes, as the workflow runs them.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOTES = path.join(REPO, 'scripts', 'release-notes.mjs');
const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

const workflow = parse(read('.github/workflows/release.yml')) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('release.yml', () => {
  const { verify, release } = workflow.jobs;

  test('runs on version tags only, one release at a time', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(workflow.concurrency).toEqual({ group: expect.any(String), 'cancel-in-progress': false });
    expect(Object.keys(workflow.jobs).sort()).toEqual(['release', 'verify']);
    expect(release.needs).toBe('verify');
  });

  test('has the least permissions: none for the workflow, contents: write only for the release job', () => {
    expect(workflow.permissions).toEqual({});
    expect(verify.permissions).toEqual({ contents: 'read' });
    expect(release.permissions).toEqual({ contents: 'write' });
  });

  test('the tag reaches scripts through env, never inside run: text', () => {
    expect(release.env).toMatchObject({ TAG: '${{ github.ref_name }}', GH_TOKEN: '${{ github.token }}' });
    const interpolated = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.run?.includes('${{')));
    expect(interpolated).toEqual([]);
    expect(runs(release)).toContain('"$TAG"');
  });

  test('verify builds, runs the shared generated-files check, installs the system packages as ci.yml does, and tests', () => {
    const text = runs(verify);
    const order = ['npm ci', 'npm run build', 'bash scripts/check-generated.sh', 'scripts/system-packages.mjs', 'npm test'].map((s) => text.indexOf(s));
    expect(order).not.toContain(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const ci = parse(read('.github/workflows/ci.yml')) as Workflow;
    const install = ci.jobs.test.steps.find((s) => s.run?.includes('system-packages.mjs'))?.run;
    expect(verify.steps.map((s) => s.run)).toContain(install);
    expect(verify.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 24, cache: 'npm' });
  });

  test('.ci/run calls the same check, and the list of generated files lives only in the script', () => {
    const ciRun = read('.ci/run');
    expect(ciRun).toMatch(/npm run build\n(?:#[^\n]*\n)*bash scripts\/check-generated\.sh\n/);
    expect(ciRun).not.toContain('generated=(');
    expect(read('scripts/check-generated.sh')).toContain('generated=(dist/ ');
  });

  test('release checks the version, takes its notes from scripts/release-notes.mjs and moves the major tag only for releases', () => {
    const text = runs(release);
    expect(text).toContain('node scripts/release-notes.mjs --describe "$TAG"');
    expect(text).toMatch(/package\.json/);
    expect(text).toMatch(/node scripts\/release-notes\.mjs "\$TAG" CHANGELOG\.md > "\$RUNNER_TEMP\/release-notes\.md"/);
    expect(text).toMatch(/gh release create "\$TAG" --verify-tag .*--notes-file "\$RUNNER_TEMP\/release-notes\.md"/);
    expect(text).toContain('--prerelease');
    const move = release.steps.find((s) => s.run?.includes('git tag -f'));
    expect(move?.if).toBe("steps.tag.outputs.prerelease == 'false'");
    expect(move?.run).toContain('git tag -f "$MAJOR" "$GITHUB_SHA"');
    expect(move?.run).toMatch(/push -f "\$origin" "refs\/tags\/\$\{MAJOR\}"/);
    // Checkout keeps no token: git gets it for the push only.
    for (const job of Object.values(workflow.jobs)) {
      for (const s of job.steps.filter((st) => st.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials']).toBe(false);
    }
  });
});

describe('scripts/release-notes.mjs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-notes-'));
  const changelog = path.join(dir, 'CHANGELOG.md');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    changelog,
    [
      '# Changelog',
      '',
      '## [Unreleased]',
      '',
      '### Added',
      '',
      '- Next thing.',
      '',
      '## [1.2.3] - 2026-12-06',
      '',
      '### Added',
      '',
      '- Thing one.',
      '- Thing two.',
      '',
      '## 1.2.2',
      '',
      '### Fixed',
      '',
      '- A fix.',
      '',
      '## [1.2.1] - 2026-11-01',
      '',
      '### Added',
      '',
      '## [1.2.0-rc.1]',
      '',
      '- Candidate notes.',
      '',
      '## [1.1.0] - 2026-10-01',
      '',
      '## [1.0.0] - 2026-09-01',
      '',
      '- First.',
      '',
      '[Unreleased]: https://github.com/shipgate/shipgate/compare/v1.2.3...HEAD',
      '[1.2.3]: https://github.com/shipgate/shipgate/releases/tag/v1.2.3',
      ''
    ].join('\n')
  );

  function notes(...args: string[]) {
    const r = spawnSync(process.execPath, [NOTES, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
  }

  test('prints the section of a `## [x.y.z] - date` heading without the heading', () => {
    expect(notes('v1.2.3', changelog)).toEqual({ code: 0, stdout: '### Added\n\n- Thing one.\n- Thing two.\n', stderr: '' });
  });

  test('reads CHANGELOG.md in the working directory by default, and finds a bare `## x.y.z` heading', () => {
    expect(notes('v1.2.2')).toEqual({ code: 0, stdout: '### Fixed\n\n- A fix.\n', stderr: '' });
  });

  test('leaves the link definitions at the end of the file out of the last section', () => {
    expect(notes('v1.0.0').stdout).toBe('- First.\n');
  });

  test.each([
    ['v9.9.9', /^\S+ has no section for 9\.9\.9: add "## \[9\.9\.9\] - YYYY-MM-DD" with the release's changes\.$/],
    ['v1.1.0', /section for 1\.1\.0 is empty/],
    ['v1.2.1', /section for 1\.2\.1 is empty/]
  ])('%s: a missing or empty section fails with one sentence', (tag, message) => {
    const r = notes(tag);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  test.each(['1.2.3', 'v1.2', 'v1.2.3.4', 'v01.2.3', 'v1.2.3+build.5', 'v1.2.3-rc.01', 'v1.2.3-', 'release-1.2.3', 'v1.2.3\n'])(
    '%j is not a release tag',
    (tag) => {
      const r = notes(tag);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ is not a release tag: use vMAJOR\.MINOR\.PATCH \(e\.g\. v1\.2\.3\)/);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
  );

  test('a pre-release takes its own section, else the Unreleased one', () => {
    expect(notes('v1.2.0-rc.1').stdout).toBe('- Candidate notes.\n');
    expect(notes('v1.3.0-rc.1').stdout).toBe('### Added\n\n- Next thing.\n');
  });

  test('a pre-release with neither its own section nor Unreleased notes fails', () => {
    const other = path.join(dir, 'empty-unreleased.md');
    writeFileSync(other, '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-12-06\n\n- First.\n');
    expect(notes('v1.1.0-rc.1', other)).toMatchObject({ code: 1, stderr: expect.stringMatching(/section for Unreleased is empty/) });
    writeFileSync(other, '# Changelog\n\n## [1.0.0] - 2026-12-06\n\n- First.\n');
    expect(notes('v1.1.0-rc.1', other)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no section for 1\.1\.0-rc\.1: add .*"## \[Unreleased\]"/) });
  });

  test('two sections for one version fail', () => {
    const other = path.join(dir, 'twice.md');
    writeFileSync(other, '## [1.0.0] - 2026-12-06\n\n- a\n\n## 1.0.0\n\n- b\n');
    expect(notes('v1.0.0', other)).toMatchObject({ code: 1, stderr: expect.stringMatching(/has 2 sections for 1\.0\.0/) });
  });

  test('--describe gives the workflow the version, the major and whether it is a pre-release (the major tag moves only when false)', () => {
    expect(notes('--describe', 'v1.2.3')).toEqual({ code: 0, stdout: 'version=1.2.3\nmajor=1\nprerelease=false\n', stderr: '' });
    expect(notes('--describe', 'v2.0.0-rc.1')).toEqual({ code: 0, stdout: 'version=2.0.0-rc.1\nmajor=2\nprerelease=true\n', stderr: '' });
    expect(notes('--describe', 'v2')).toMatchObject({ code: 1, stdout: '' });
  });

  test('a missing file or no arguments fail', () => {
    expect(notes('v1.0.0', path.join(dir, 'nope.md'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Cannot read .*nope\.md: ENOENT\.$/) });
    expect(notes()).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage:/) });
  });
});

describe('scripts/check-generated.sh', () => {
  test('passes on a clean checkout and fails with one sentence on a stale or new generated file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-generated-'));
    try {
      const git = (...args: string[]) =>
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
      mkdirSync(path.join(dir, 'scripts'));
      cpSync(path.join(REPO, 'scripts', 'check-generated.sh'), path.join(dir, 'scripts', 'check-generated.sh'));
      mkdirSync(path.join(dir, 'dist', 'build'), { recursive: true });
      writeFileSync(path.join(dir, 'dist', 'build', 'index.js'), 'built\n');
      writeFileSync(path.join(dir, 'README.md'), 'readme\n');
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'x');
      const check = () => spawnSync('bash', ['scripts/check-generated.sh'], { cwd: dir, encoding: 'utf8' });

      expect(check()).toMatchObject({ status: 0, stdout: 'dist/ and the generated files are up to date\n' });
      writeFileSync(path.join(dir, 'dist', 'build', 'index.js'), 'rebuilt\n');
      expect(check()).toMatchObject({ status: 1, stderr: expect.stringContaining('run npm run build and commit them.') });
      git('checkout', '-q', '--', 'dist');
      writeFileSync(path.join(dir, 'dist', 'build', 'new-chunk.js'), 'new\n');
      expect(check()).toMatchObject({ status: 1, stderr: expect.stringContaining('?? dist/build/new-chunk.js') });
      rmSync(path.join(dir, 'dist', 'build', 'new-chunk.js'));
      writeFileSync(path.join(dir, 'unrelated.txt'), 'not generated\n');
      expect(check().status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("this product's references and CHANGELOG.md", () => {
  function files(dir: string): string[] {
    return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(`${dir}/${e.name}`) : /\.(ya?ml|md)$/.test(e.name) ? [`${dir}/${e.name}`] : []
    );
  }
  const sources = ['README.md', ...files('examples'), ...files('docs')];

  test('every `uses:` of shipgate/shipgate in README.md, examples/ and docs/ follows the major tag @v1', () => {
    const refs = sources.flatMap((f) => [...read(f).matchAll(/uses:\s*([\w.-]+\/shipgate[^\s#`]*)/g)].map((m) => [f, m[1]]));
    expect(refs.length).toBeGreaterThanOrEqual(10);
    expect(refs.filter(([, ref]) => !/^shipgate\/shipgate(\/actions\/[\w-]+)?@v1$/.test(ref))).toEqual([]);
  });

  test('CHANGELOG.md has an Unreleased section, and a section with notes for package.json version once it is 1.0.0 or later', () => {
    expect(existsSync(path.join(REPO, 'CHANGELOG.md'))).toBe(true);
    const text = read('CHANGELOG.md');
    expect(text).toMatch(/^## \[Unreleased\]$/m);
    const { version } = JSON.parse(read('package.json')) as { version: string };
    if (Number(version.split('.')[0]) >= 1) {
      const r = spawnSync(process.execPath, [NOTES, `v${version}`, 'CHANGELOG.md'], { cwd: REPO, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout.trim()).not.toBe('');
    }
    // Keep a Changelog: every release heading is `## [x.y.z] - YYYY-MM-DD`.
    for (const h of text.match(/^## .*$/gm) ?? []) expect(h).toMatch(/^## \[(?:Unreleased\]|\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\] - \d{4}-\d{2}-\d{2})$/);
  });
});
