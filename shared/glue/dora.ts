import type { CanaryDeployInputs } from '../inputs/canary-deploy.js';
import type { CommitTimes } from '../ports/commit-times.js';
import { errorMessage } from '../engine/errors.js';
import { escapeLogText } from '../util/escape.js';
import { buildLedger, gitHubAccess, resolveStateDir } from './composition.js';
import type { Runtime } from './runtime.js';

/** The window the root action's `dora: true` reports on. */
const DORA_WINDOW = '90d';

/**
 * dora: true on the root action: the environment's DORA metrics after the rollout, whatever its
 * result (a rollback is part of them). Metrics that cannot be computed are a warning, never a
 * failed step: the rollout already decided.
 */
export async function publishDora(rt: Runtime, c: CanaryDeployInputs): Promise<void> {
  try {
    const gh = gitHubAccess(rt, c.githubToken);
    const ledger = await buildLedger(rt, c.ledger, c.ledgerFile, resolveStateDir(rt, c.stateDir), gh);
    const dora = await import('../dora/index.js');
    // With the GitHub ledger the API has every commit; elsewhere the checkout's history (fetch-depth: 0).
    const commits: CommitTimes = gh
      ? new dora.GitHubCompareCommitTimes({ client: gh.client, owner: gh.ctx.owner, repo: gh.ctx.repo })
      : new dora.GitLogCommitTimes({ cwd: rt.workspace });
    const report = await dora.doraReport({ ledger, commits, environment: c.environment, since: DORA_WINDOW });
    rt.setOutput('dora', JSON.stringify(report));
    await rt.summary(dora.renderMarkdown(report));
  } catch (err) {
    rt.logger.warning(`DORA metrics of ${c.environment} were not computed: ${escapeLogText(errorMessage(err))}.`);
  }
}
