import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globToRegExp, matchPattern, normalizePattern } from '../../shared/release/glob.js';
import { readManifest, validateManifest, writeManifest } from '../../shared/release/manifest.js';
import { deriveVersion, isValidVersion, VERSION_PATTERN } from '../../shared/release/version.js';
import { VERSION_PATTERN as INPUT_VERSION_PATTERN } from '../../shared/inputs/version.js';
import type { ReleaseManifest } from '../../shared/model/release.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-build-unit-'));
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('version', () => {
  test('derives sha-<7> from the commit, with the run number when given', () => {
    expect(deriveVersion({ sha: '0123456789abcdef0123456789abcdef01234567', ref: 'refs/heads/main' })).toBe('sha-0123456');
    expect(deriveVersion({ sha: 'ABCDEF0123', ref: '', runNumber: 42 })).toBe('sha-abcdef0.42');
    expect(deriveVersion({ sha: '', ref: '', runNumber: '7' })).toBe('build-7');
    expect(deriveVersion({ sha: 'not a sha', ref: '' })).toMatch(/^build-\d{8}T\d{6}Z$/);
  });
  test('every derived version is valid, and the regex is the input parser\'s', () => {
    expect(VERSION_PATTERN.source).toBe(INPUT_VERSION_PATTERN.source);
    for (const v of [deriveVersion({ sha: 'f'.repeat(40) }), deriveVersion({ sha: '', runNumber: 3 }), deriveVersion({ sha: '' })]) expect(isValidVersion(v)).toBe(true);
  });
  test('rejects versions that are not safe names', () => {
    for (const v of ['', '-x', '.hidden', 'a b', '$(touch pwned)', 'a/b', 'x'.repeat(65), '1.0;rm']) expect(isValidVersion(v)).toBe(false);
    for (const v of ['1.2.3', 'v1.0.0-rc.1+build.5', 'sha-abc1234', 'x'.repeat(64)]) expect(isValidVersion(v)).toBe(true);
  });
});

describe('glob', () => {
  test('patterns translate as documented', () => {
    expect(normalizePattern('./dist/')).toBe('dist');
    expect(normalizePattern('.')).toBe('**');
    const re = globToRegExp('src/**/*.js');
    expect(re.test('src/a.js')).toBe(true);
    expect(re.test('src/x/y/a.js')).toBe(true);
    expect(re.test('src/a.ts')).toBe(false);
    expect(re.test('srcx/a.js')).toBe(false);
    expect(globToRegExp('a?.txt').test('ab.txt')).toBe(true);
    expect(globToRegExp('a?.txt').test('a/.txt')).toBe(false);
    expect(globToRegExp('*.txt').test('d/a.txt')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  test('matches files, directories (recursively), wildcards; skips excluded paths and .git during walks', async () => {
    const d = tmp();
    mkdirSync(path.join(d, 'dist/sub'), { recursive: true });
    mkdirSync(path.join(d, '.git'));
    mkdirSync(path.join(d, 'out'));
    writeFileSync(path.join(d, 'dist/a.js'), 'a');
    writeFileSync(path.join(d, 'dist/sub/b.js'), 'b');
    writeFileSync(path.join(d, 'dist/sub/c.map'), 'c');
    writeFileSync(path.join(d, '.git/HEAD'), 'h');
    writeFileSync(path.join(d, 'out/old.tar.gz'), 'o');
    writeFileSync(path.join(d, 'README'), 'r');
    symlinkSync('README', path.join(d, 'link'));
    expect(await matchPattern(d, 'dist')).toEqual(['dist/a.js', 'dist/sub/b.js', 'dist/sub/c.map']);
    expect(await matchPattern(d, 'dist/**')).toEqual(['dist/a.js', 'dist/sub/b.js', 'dist/sub/c.map']);
    expect(await matchPattern(d, '**/*.js')).toEqual(['dist/a.js', 'dist/sub/b.js']);
    expect(await matchPattern(d, 'dist/*')).toEqual(['dist/a.js', 'dist/sub/b.js', 'dist/sub/c.map']);
    expect(await matchPattern(d, 'dist/*/?.map')).toEqual(['dist/sub/c.map']);
    expect(await matchPattern(d, '**', { exclude: [path.join(d, 'out')] })).toEqual(['README', 'dist/a.js', 'dist/sub/b.js', 'dist/sub/c.map', 'link']);
    expect(await matchPattern(d, 'nope/**')).toEqual([]);
    expect(await matchPattern(d, 'missing.txt')).toEqual([]);
  });
});

describe('manifest', () => {
  const good: ReleaseManifest = {
    schema: 'shipgate/release@1',
    version: '1.2.3',
    digest: `sha256:${'a'.repeat(64)}`,
    commit: '0123456789abcdef0123456789abcdef01234567',
    createdAt: '2026-01-02T03:04:05.000Z',
    artifact: '1.2.3.tar.gz',
    files: ['dist/a.js'],
    sizeBytes: 123
  };

  test('round-trips', async () => {
    const file = path.join(tmp(), 'nested', 'm.json');
    await writeManifest(file, good);
    expect(await readManifest(file)).toEqual(good);
  });

  test('a malformed manifest names the field', async () => {
    const d = tmp();
    const write = (name: string, body: string) => { const f = path.join(d, name); writeFileSync(f, body); return f; };
    await expect(readManifest(write('a.json', JSON.stringify({ ...good, digest: 'md5:x' })))).rejects.toThrow(/is malformed: "digest" must be/);
    await expect(readManifest(write('b.json', JSON.stringify({ ...good, sizeBytes: -1 })))).rejects.toThrow(/"sizeBytes"/);
    await expect(readManifest(write('c.json', JSON.stringify({ ...good, files: [1] })))).rejects.toThrow(/"files"/);
    await expect(readManifest(write('d.json', '{not json'))).rejects.toThrow(`The release manifest ${path.join(d, 'd.json')} is not valid JSON.`);
    await expect(readManifest(path.join(d, 'missing.json'))).rejects.toThrow(/does not exist\.$/);
    expect(() => validateManifest({ ...good, version: '$(x)' })).toThrow(/"version"/);
    expect(() => validateManifest({ ...good, schema: 'other' })).toThrow(/"schema"/);
    expect(() => validateManifest([])).toThrow(/"\(root\)"/);
    await expect(writeManifest(path.join(d, 'w.json'), { ...good, createdAt: 'yesterday' })).rejects.toThrow(/"createdAt"/);
  });
});
