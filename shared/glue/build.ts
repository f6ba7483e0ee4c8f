import path from 'node:path';
import type { Release } from '../model/release.js';
import type { BuildInputs } from '../inputs/build.js';
import { parseBuildInputs } from '../inputs/build.js';
import { runBuildCommand } from '../build/run-build.js';
import { packageArtifact } from '../build/package.js';
import { writeManifest } from '../build/manifest.js';
import { deriveVersion } from '../build/version.js';
import { escapeMarkdown } from '../util/escape.js';
import type { Runtime } from './runtime.js';

export interface BuildOutcome {
  release: Release;
  manifestPath: string;
  durationMs: number;
  files: string[];
  sizeBytes: number;
}

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
  const inputs = parseBuildInputs(await rt.inputs({ withConfig: false }));
  const out = await runBuild(rt, inputs);
  rt.setOutput('version', out.release.version);
  rt.setOutput('digest', out.release.digest ?? '');
  rt.setOutput('manifest', out.manifestPath);
  rt.setOutput('duration-ms', out.durationMs);
  rt.setOutput('artifact', out.release.artifact ?? '');
  await rt.summary(renderBuildSummary(out));
}

export function renderBuildSummary(out: BuildOutcome): string {
  const shown = out.files.slice(0, 20).map((f) => `\`${escapeMarkdown(f)}\``).join(', ');
  return [
    `## 📦 Shipgate build: ${escapeMarkdown(out.release.version)}`,
    '',
    '| | |',
    '|---|---|',
    `| Version | ${escapeMarkdown(out.release.version)} |`,
    `| Digest | \`${out.release.digest}\` |`,
    `| Commit | ${escapeMarkdown(out.release.commit || '—')} |`,
    `| Build time | ${(out.durationMs / 1000).toFixed(1)} s |`,
    `| Artifact | ${out.files.length} files, ${(out.sizeBytes / 1024).toFixed(1)} KiB |`,
    `| Manifest | \`${escapeMarkdown(out.manifestPath)}\` |`,
    '',
    `Files: ${shown}${out.files.length > 20 ? `, … (${out.files.length - 20} more)` : ''}`,
    ''
  ].join('\n');
}
