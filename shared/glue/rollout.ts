import type { Release } from '../model/release.js';
import { parseBuildInputs } from '../inputs/build.js';
import { parseCanaryDeployInputs } from '../inputs/canary-deploy.js';
import { canaryDeploy } from './canary-deploy.js';
import { runBuild } from './build.js';
import { resolveRelease } from './release.js';
import { publishDora } from './dora.js';
import { checkFreeze } from './freeze.js';
import type { Runtime } from './runtime.js';

/** The root action: optional build, then the canary rollout, in one step. */
export async function rolloutAction(rt: Runtime): Promise<void> {
  const inputs = await rt.inputs();
  // Validate everything before anything is built or deployed.
  const build = parseBuildInputs(inputs, 'build-command');
  const hasBuild = build.command !== '';
  const canary = parseCanaryDeployInputs(inputs, { versionFromBuild: hasBuild });
  let release: Release | undefined;
  // Inside a freeze nothing is built either (canaryDeploy checks again, and records an override).
  if (canary.action === 'deploy' && !canary.freeze.override) {
    try {
      checkFreeze(canary.freeze, canary.environment, new Date(), rt.logger);
    } catch (err) {
      rt.setOutput('result', 'failed');
      throw err;
    }
  }
  if (canary.action === 'deploy') {
    if (hasBuild) {
      const built = await runBuild(rt, { ...build, version: canary.version });
      release = built.release;
    } else {
      release = await resolveRelease(rt.workspace, { version: canary.version, manifest: canary.manifest, commit: rt.env.GITHUB_SHA });
    }
    rt.setOutput('version', release.version);
    rt.setOutput('digest', release.digest ?? '');
  }
  try {
    await canaryDeploy(rt, canary, release);
  } finally {
    if (inputs.get('dora')) await publishDora(rt, canary);
  }
}
