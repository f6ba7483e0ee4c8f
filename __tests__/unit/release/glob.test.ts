import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globToRegExp, matchPattern, normalizePattern } from '../../../shared/release/glob.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-build-unit-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
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
