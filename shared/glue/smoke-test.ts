import { headerSecrets } from '../inputs/secrets.js';
import { parseSmokeTestInputs } from '../inputs/smoke-test.js';
import { runSmokeTest } from '../smoke/smoke-run.js';
import { renderSmokeSummary } from '../summary/smoke-summary.js';
import { gitHubAccess } from './composition.js';
import type { Runtime } from './runtime.js';

export async function smokeTestAction(rt: Runtime): Promise<void> {
  const inputs = parseSmokeTestInputs(await rt.inputs());
  // The runner hides only the exact strings it is told: each value, and each secret part of it.
  for (const secret of headerSecrets(inputs.headers)) rt.mask(secret);
  const gh = inputs.statusContext ? gitHubAccess(rt, inputs.githubToken) : null;
  if (inputs.statusContext && !gh)
    rt.logger.warning('status-context is set but no GitHub API is available (github-token, GITHUB_API_URL, GITHUB_REPOSITORY): no commit status is published.');
  const post = async (state: 'pending' | 'success' | 'failure' | 'error', description: string) => {
    if (!gh) return;
    const { postCommitStatus } = await import('../notifiers/commit-status.js');
    try {
      await postCommitStatus(gh.client, gh.ctx, { context: inputs.statusContext, state, description, targetUrl: gh.ctx.runUrl });
    } catch (err) {
      rt.logger.warning(`Could not publish the commit status ${inputs.statusContext}: ${(err as Error).message}`);
    }
  };
  await post('pending', `Smoke testing ${inputs.urls.length} URL(s)`);
  let result;
  try {
    result = await runSmokeTest({ ...inputs, logger: rt.logger, signal: rt.signal });
  } catch (err) {
    await post('error', 'Smoke test could not run');
    throw err;
  }
  const file = rt.writeReport(`smoke-${inputs.environment}-${Date.now()}.json`, result);
  rt.setOutput('passed', String(result.passed));
  rt.setOutput('failures', result.failures);
  rt.setOutput('report', file);
  await rt.summary(renderSmokeSummary(result));
  const total = result.results.reduce((n, r) => n + r.requests, 0);
  await post(result.passed ? 'success' : 'failure', result.passed ? `All ${total} requests passed` : `${result.failures} of ${total} requests failed`);
  if (!result.passed) throw new Error(`Smoke test failed: ${result.failures} of ${total} requests did not meet expectations (see the summary).`);
}
