import path from 'node:path';
import type { BuildOutcome } from '../model/release.js';
import type { BuildInputs } from '../inputs/build.js';
import { parseBuildInputs } from '../inputs/build.js';
import { runBuildCommand } from '../release/run-build.js';
import { packageArtifact } from '../release/package.js';
import { writeManifest } from '../release/manifest.js';
import { deriveVersion } from '../release/version.js';
import { renderBuildSummary } from '../summary/build-summary.js';
import type { Runtime } from './runtime.js';

/** Runs the build command, packages the artifact and writes the manifest. */
export async function runBuild(rt: Runtime, inputs: BuildInputs): Promise<BuildOutcome> {
  const cwd = path.resolve(rt.workspace, inputs.workingDirectory);
  const sha = rt.env.GITHUB_SHA ?? '';
  const version = inputs.version || deriveVersion({ sha, ref: rt.env.GITHUB_REF ?? '' });
  rt.logger.info(`Building ${version} in ${path.relative(rt.workspace, cwd) || '.'}`);
  const { durationMs } = await runBuildCommand({
    command: inputs.command,
    cwd,
    env: { ...rt.env, SHIPGATE_VERSION: version },
    logger: rt.logger,
    signal: rt.signal
  });
  const outDir = path.join(rt.stateRoot(), 'releases');
  const pkg = await packageArtifact({ patterns: inputs.artifact, cwd, outDir, version });
  const createdAt = new Date().toISOString();
  const manifestPath = path.join(outDir, `${version}.manifest.json`);
  await writeManifest(manifestPath, {
    schema: 'shipgate/release@1',
    version,
    digest: pkg.digest,
    commit: sha,
    createdAt,
    artifact: path.relative(path.dirname(manifestPath), pkg.path),
    files: pkg.files,
    sizeBytes: pkg.sizeBytes
  });
  return {
    release: { version, digest: pkg.digest, commit: sha, artifact: pkg.path, createdAt },
    manifestPath,
    durationMs,
    files: pkg.files,
    sizeBytes: pkg.sizeBytes
  };
}

export async function buildAction(rt: Runtime): Promise<void> {
  const inputs = parseBuildInputs(await rt.inputs());
  const out = await runBuild(rt, inputs);
  rt.setOutput('version', out.release.version);
  rt.setOutput('digest', out.release.digest ?? '');
  rt.setOutput('manifest', out.manifestPath);
  rt.setOutput('duration-ms', out.durationMs);
  rt.setOutput('artifact', out.release.artifact ?? '');
  await rt.summary(renderBuildSummary(out));
}
