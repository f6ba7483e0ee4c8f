// buildAction through a fake Runtime: a real bash build in a temp workspace, packaged and described.
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAction, runBuild } from '../../../shared/glue/build.js';
import { readManifest } from '../../../shared/release/manifest.js';
import { fakeRuntime, removeFakeDirs } from '../../helpers/fake-runtime.js';

afterAll(() => removeFakeDirs());

const SHA = '0123456789abcdef0123456789abcdef01234567';
const BUILD = 'mkdir -p dist/sub && echo "built $SHIPGATE_VERSION" > dist/a.js && echo b > dist/sub/b.js && echo x > notes.txt';

describe('buildAction', () => {
  test('runs the command, packages the artifact, writes the manifest, outputs and summary', async () => {
    const rt = fakeRuntime({ inputs: { command: BUILD, artifact: 'dist/**' }, env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main' } });
    await buildAction(rt);
    expect(rt.outputs).toEqual({
      version: 'sha-0123456',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      manifest: path.join(rt.runnerTemp, 'shipgate', 'releases', 'sha-0123456.manifest.json'),
      'duration-ms': expect.stringMatching(/^\d+$/),
      artifact: expect.stringMatching(/sha-0123456\.tar\.gz$/)
    });
    // The command saw the version it builds.
    expect(readFileSync(path.join(rt.workspace, 'dist', 'a.js'), 'utf8')).toBe('built sha-0123456\n');
    const manifest = await readManifest(rt.outputs.manifest);
    expect(manifest).toMatchObject({
      schema: 'shipgate/release@1',
      version: 'sha-0123456',
      digest: rt.outputs.digest,
      commit: SHA,
      files: ['dist/a.js', 'dist/sub/b.js']
    });
    expect(existsSync(rt.outputs.artifact)).toBe(true);
    expect(rt.summaries).toHaveLength(1);
    expect(rt.summaries[0]).toContain('## 📦 Shipgate build: sha-0123456');
    expect(rt.summaries[0]).toContain('| Artifact | 2 files,');
    expect(rt.summaries[0]).toContain('Files: `dist/a.js`, `dist/sub/b.js`');
    expect(rt.infos).toContain('Building sha-0123456 in .');
  });

  test('the version input and the working directory are used as given', async () => {
    const rt = fakeRuntime({ inputs: { command: 'mkdir -p out && echo 1 > out/app.txt', artifact: 'out/**', version: 'v1.2.3', 'working-directory': 'svc' } });
    mkdirSync(path.join(rt.workspace, 'svc'));
    await buildAction(rt);
    expect(rt.outputs.version).toBe('v1.2.3');
    expect(rt.infos).toContain('Building v1.2.3 in svc');
    expect(existsSync(path.join(rt.workspace, 'svc', 'out', 'app.txt'))).toBe(true);
    const out = await runBuild(rt, { command: 'true', artifact: ['out/**'], version: '', workingDirectory: 'svc' });
    // No version and no commit: a build-<timestamp> version.
    expect(out.release.version).toMatch(/^build-\d{8}T\d{6}Z$/);
    expect(out.files).toEqual(['out/app.txt']);
  });

  test('a failing build command fails with one sentence and packages nothing', async () => {
    const rt = fakeRuntime({ inputs: { command: 'echo compiling; exit 4', artifact: 'dist/**' }, env: { GITHUB_SHA: SHA } });
    await expect(buildAction(rt)).rejects.toThrow('The build command exited with code 4.');
    expect(rt.outputs).toEqual({});
    expect(existsSync(path.join(rt.runnerTemp, 'shipgate', 'releases'))).toBe(false);
  });

  test('a missing command is refused before anything runs', async () => {
    const rt = fakeRuntime({ inputs: { artifact: 'dist/**' } });
    await expect(buildAction(rt)).rejects.toThrow(/command/);
    expect(rt.outputs).toEqual({});
  });
});
