// resolveRelease: the release a deploy rolls out, from the build's manifest or a bare version.
import { afterAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { resolveRelease } from '../../../shared/glue/release.js';
import { writeManifest } from '../../../shared/release/manifest.js';
import { fakeTempDir, removeFakeDirs } from '../../helpers/fake-runtime.js';

afterAll(() => removeFakeDirs());

const manifest = {
  schema: 'shipgate/release@1' as const,
  version: '1.2.3',
  digest: `sha256:${'a'.repeat(64)}`,
  commit: '0123456789abcdef0123456789abcdef01234567',
  createdAt: '2026-01-02T03:04:05.000Z',
  artifact: '1.2.3.tar.gz',
  files: ['dist/a.js'],
  sizeBytes: 10
};

describe('resolveRelease', () => {
  test('a bare version is the release, with the commit when given', async () => {
    expect(await resolveRelease('/ws', { version: 'v2', manifest: '' })).toEqual({ version: 'v2', commit: undefined });
    expect(await resolveRelease('/ws', { version: 'v2', manifest: '', commit: 'abc' })).toEqual({ version: 'v2', commit: 'abc' });
  });

  test('a manifest (relative to the workspace) gives version, digest, commit and the artifact beside it', async () => {
    const ws = fakeTempDir('shipgate-release-ws-');
    await writeManifest(path.join(ws, 'rel', 'm.json'), manifest);
    expect(await resolveRelease(ws, { version: '', manifest: 'rel/m.json' })).toEqual({
      version: '1.2.3',
      digest: manifest.digest,
      commit: manifest.commit,
      artifact: path.join(ws, 'rel', '1.2.3.tar.gz'),
      createdAt: manifest.createdAt
    });
    // The same version given twice is fine.
    expect((await resolveRelease(ws, { version: '1.2.3', manifest: 'rel/m.json' })).version).toBe('1.2.3');
  });

  test('a version that contradicts the manifest, or a manifest that is not there, fails with one sentence', async () => {
    const ws = fakeTempDir('shipgate-release-ws-');
    await writeManifest(path.join(ws, 'm.json'), manifest);
    await expect(resolveRelease(ws, { version: '9.9.9', manifest: 'm.json' })).rejects.toThrow(
      'Input "version" is "9.9.9" but the manifest m.json is for 1.2.3: give one of them, or make them agree.'
    );
    await expect(resolveRelease(ws, { version: '', manifest: 'missing.json' })).rejects.toThrow(/does not exist\.$/);
  });
});
