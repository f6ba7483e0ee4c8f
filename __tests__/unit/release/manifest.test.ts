import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest, validateManifest, writeManifest } from '../../../shared/release/manifest.js';
import type { ReleaseManifest } from '../../../shared/model/release.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shipgate-build-unit-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
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
    const write = (name: string, body: string) => {
      const f = path.join(d, name);
      writeFileSync(f, body);
      return f;
    };
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
