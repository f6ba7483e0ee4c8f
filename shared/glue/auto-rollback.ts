import { parseAutoRollbackInputs } from '../inputs/auto-rollback.js';
import { restoreVersion } from '../engine/operations.js';
import { currentOwner } from '../ledgers/owner.js';
import { renderRolloutSummary } from '../summary/rollout-summary.js';
import { webhookSecrets } from '../notifiers/webhook.js';
import { buildLedger, buildNotifiers, buildTarget, gitHubAccess, resolveStateDir } from './composition.js';
import type { Runtime } from './runtime.js';

export async function autoRollbackAction(rt: Runtime): Promise<void> {
  const inputs = parseAutoRollbackInputs(await rt.inputs());
  // The runner hides only the exact strings it is told: the webhook's key on its own too.
  for (const secret of webhookSecrets(inputs.notify.webhook)) rt.mask(secret);
  const gh = gitHubAccess(rt, inputs.githubToken);
  const stateDir = resolveStateDir(rt, inputs.stateDir);
  const ledger = await buildLedger(rt, inputs.ledger, inputs.ledgerFile, stateDir, gh);
  const target = await buildTarget(rt, inputs.target, inputs.environment, stateDir, inputs.local, inputs.command, inputs.traffic, inputs.waves);
  const notifiers = await buildNotifiers(rt, inputs.environment, inputs.notify, gh, (r) => renderRolloutSummary(r));
  rt.logger.info(
    `Shipgate auto-rollback of ${inputs.environment}: ${inputs.toVersion ? `to ${inputs.toVersion}` : 'to the last known good version'} — reason: ${inputs.reason}`
  );
  const { report, restored } = await restoreVersion(
    { environment: inputs.environment, target, ledger, notifiers, logger: rt.logger, owner: currentOwner(rt.env, gh?.ctx.runUrl), logUrl: gh?.ctx.runUrl },
    { toVersion: inputs.toVersion || undefined, reason: inputs.reason }
  );
  const file = rt.writeReport(`rollback-${inputs.environment}-${report.deploymentId}-${Date.now()}.json`, report);
  rt.setOutput('rolled-back-to', restored.version);
  rt.setOutput('deployment-id', report.deploymentId);
  rt.setOutput('incident-url', report.incidentUrl ?? '');
  await rt.summary(renderRolloutSummary(report, { title: `Shipgate rollback of ${inputs.environment} to ${restored.version}`, reportPath: file }));
  rt.logger.info(report.reason);
}
