import path from 'node:path';
import type { Release } from '../model/release.js';
import { readManifest } from '../release/manifest.js';

/** The release to deploy: from the build action's manifest, or a bare version. */
export async function resolveRelease(workspace: string, options: { version: string; manifest: string; commit?: string }): Promise<Release> {
  if (options.manifest) {
    const file = path.resolve(workspace, options.manifest);
    const m = await readManifest(file);
    if (options.version && options.version !== m.version) {
      throw new Error(
        `Input "version" is ${JSON.stringify(options.version)} but the manifest ${options.manifest} is for ${m.version}: give one of them, or make them agree.`
      );
    }
    return { version: m.version, digest: m.digest, commit: m.commit, artifact: path.resolve(path.dirname(file), m.artifact), createdAt: m.createdAt };
  }
  return { version: options.version, commit: options.commit };
}
