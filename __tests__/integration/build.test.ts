import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageArtifact, sha256File } from '../../shared/release/package.js';
import { runBuildCommand } from '../../shared/release/run-build.js';
import type { Logger } from '../../shared/util/log.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-build-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug: () => {} };
}
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME };

describe('runBuildCommand', () => {
  test('runs in the working directory, streams escaped output, returns the duration', async () => {
    const d = tmp();
    const logger = memoryLogger();
    const r = await runBuildCommand({ command: 'mkdir -p out && echo built > out/x.txt && pwd && echo "::error::forged"', cwd: d, env: baseEnv, logger });
    expect(r.exitCode).toBe(0);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(readFileSync(path.join(d, 'out/x.txt'), 'utf8')).toBe('built\n');
    expect(logger.lines).toContain(d);
    expect(logger.lines.some((l) => l.startsWith('::'))).toBe(false);
    expect(logger.lines).toContain(': :error: :forged');
  });

  test('a failing command throws one sentence without its output; pipefail and -e apply', async () => {
    const d = tmp();
    await expect(runBuildCommand({ command: 'echo "secret-ish output"; exit 2', cwd: d, env: baseEnv, logger: memoryLogger() })).rejects.toThrow(
      /^The build command exited with code 2\.$/
    );
    await expect(runBuildCommand({ command: 'false | cat\necho reached > reached', cwd: d, env: baseEnv, logger: memoryLogger() })).rejects.toThrow(
      'The build command exited with code 1.'
    );
    expect(existsSync(path.join(d, 'reached'))).toBe(false);
  });

  test('a user value passed through env is data, not code', async () => {
    const d = tmp();
    const value = '$(touch pwned) `touch pwned2`; touch pwned3';
    await runBuildCommand({
      command: 'printf "%s" "$SHIPGATE_VERSION" > seen.txt',
      cwd: d,
      env: { ...baseEnv, SHIPGATE_VERSION: value },
      logger: memoryLogger()
    });
    expect(readFileSync(path.join(d, 'seen.txt'), 'utf8')).toBe(value);
    for (const f of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(path.join(d, f))).toBe(false);
  });

  test('action inputs (tokens) and runner credentials do not reach the command', async () => {
    const d = tmp();
    await runBuildCommand({
      command: 'env > env.txt',
      cwd: d,
      env: { ...baseEnv, 'INPUT_GITHUB-TOKEN': 'ghs_secret', ACTIONS_RUNTIME_TOKEN: 'rt', GITHUB_SHA: 'abc' },
      logger: memoryLogger()
    });
    const env = readFileSync(path.join(d, 'env.txt'), 'utf8');
    expect(env).toContain('GITHUB_SHA=abc\n');
    expect(env).not.toContain('ghs_secret');
    expect(env).not.toContain('ACTIONS_RUNTIME_TOKEN');
  });

  test('cancellation stops the command', async () => {
    const d = tmp();
    const ac = new AbortController();
    const p = runBuildCommand({ command: 'echo started; sleep 30', cwd: d, env: baseEnv, logger: memoryLogger(), signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await expect(p).rejects.toThrow('The build command was cancelled.');
  });
});

describe('packageArtifact', () => {
  function project(): string {
    const d = tmp();
    mkdirSync(path.join(d, 'dist/sub'), { recursive: true });
    writeFileSync(path.join(d, 'dist/app.js'), 'console.log(1)\n');
    writeFileSync(path.join(d, 'dist/sub/b.css'), 'b{}\n');
    writeFileSync(path.join(d, 'dist/sub/skip.map'), 'map\n');
    writeFileSync(path.join(d, 'VERSION'), '1\n');
    return d;
  }

  test('packages glob matches into a tar.gz whose contents and digest match', async () => {
    const d = project();
    const out = path.join(d, '.shipgate-out');
    const r = await packageArtifact({ patterns: ['dist/**/*.js', 'dist/sub/*.css', 'VERSION'], cwd: d, outDir: out, version: '1.0.0' });
    expect(r.files).toEqual(['VERSION', 'dist/app.js', 'dist/sub/b.css']);
    expect(r.path).toBe(path.join(out, '1.0.0.tar.gz'));
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.digest).toBe(await sha256File(r.path));
    const sha = execFileSync('sha256sum', [r.path], { encoding: 'utf8' }).split(' ')[0];
    expect(r.digest).toBe(`sha256:${sha}`);
    expect(r.sizeBytes).toBe(readFileSync(r.path).length);
    const listing = execFileSync('tar', ['-tvzf', r.path], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map((l) => l.split(/\s+/).pop())).toEqual(['VERSION', 'dist/app.js', 'dist/sub/b.css']);
    for (const l of listing) expect(l).toMatch(/ 0\/0 .* 1970-01-01 /);
  });

  test('the digest is stable across packagings of identical content, and changes with content', async () => {
    const a = project();
    const b = project();
    // Different mtimes and modes-after-umask must not matter.
    execFileSync('touch', ['-d', '2001-01-01', path.join(b, 'dist/app.js')]);
    execFileSync('chmod', ['g+w', path.join(b, 'dist/app.js')]);
    const ra = await packageArtifact({ patterns: ['dist'], cwd: a, outDir: path.join(tmp(), 'o'), version: 'v1' });
    await new Promise((r) => setTimeout(r, 1100));
    const rb = await packageArtifact({ patterns: ['dist/'], cwd: b, outDir: path.join(tmp(), 'o'), version: 'v1' });
    expect(rb.digest).toBe(ra.digest);
    const again = await packageArtifact({ patterns: ['dist'], cwd: a, outDir: path.join(tmp(), 'o'), version: 'v1' });
    expect(again.digest).toBe(ra.digest);
    writeFileSync(path.join(b, 'dist/app.js'), 'console.log(2)\n');
    const rc = await packageArtifact({ patterns: ['dist'], cwd: b, outDir: path.join(tmp(), 'o'), version: 'v1' });
    expect(rc.digest).not.toBe(ra.digest);
  });

  test('an output directory inside the working directory is never packaged', async () => {
    const d = project();
    const out = path.join(d, 'releases');
    const first = await packageArtifact({ patterns: ['**'], cwd: d, outDir: out, version: 'a' });
    const second = await packageArtifact({ patterns: ['**'], cwd: d, outDir: out, version: 'a' });
    expect(second.files).toEqual(first.files);
    expect(second.files.some((f) => f.startsWith('releases/'))).toBe(false);
    expect(second.digest).toBe(first.digest);
  });

  test('a pattern that matches nothing fails with a sentence naming it', async () => {
    const d = project();
    await expect(packageArtifact({ patterns: ['dist', 'build/**/*.js'], cwd: d, outDir: path.join(d, 'o'), version: '1' })).rejects.toThrow(
      `The artifact pattern "build/**/*.js" matched no files in ${d}.`
    );
    await expect(packageArtifact({ patterns: [], cwd: d, outDir: path.join(d, 'o'), version: '1' })).rejects.toThrow(/No artifact paths/);
    await expect(packageArtifact({ patterns: ['dist'], cwd: d, outDir: path.join(d, 'o'), version: '../x' })).rejects.toThrow(/cannot name an artifact/);
  });

  test('odd file names (leading dash, spaces) are packaged as names', async () => {
    const d = tmp();
    writeFileSync(path.join(d, '-rf'), 'x');
    writeFileSync(path.join(d, 'a b.txt'), 'y');
    const r = await packageArtifact({ patterns: ['*'], cwd: d, outDir: path.join(tmp(), 'o'), version: '1' });
    expect(r.files).toEqual(['-rf', 'a b.txt']);
    expect(execFileSync('tar', ['-tzf', r.path], { encoding: 'utf8' })).toBe('-rf\na b.txt\n');
  });
});
