import { parseAutoRollbackInputs } from '../inputs/auto-rollback.js';
import { restoreVersion } from '../engine/operations.js';
import { DEFAULT_STEPS, type RolloutPlan } from '../model/plan.js';
import { renderRolloutSummary } from '../summary/rollout-summary.js';
import { buildLedger, buildNotifiers, buildTarget, gitHubAccess } from './adapters.js';
import type { Runtime } from './runtime.js';

export async function autoRollbackAction(rt: Runtime): Promise<void> {
  const inputs = parseAutoRollbackInputs(await rt.inputs());
  const gh = gitHubAccess(rt, inputs.githubToken);
  const ledger = await buildLedger(rt, inputs.ledger, inputs.ledgerFile, gh);
  const target = await buildTarget(rt, inputs.target, inputs.environment, inputs.local, inputs.command);
  const notifiers = await buildNotifiers(rt, inputs.environment, inputs.notify, gh, (r) => renderRolloutSummary(r));
  // The plan only names the environment here; nothing is analysed during a restore.
  const plan: RolloutPlan = {
    environment: inputs.environment, steps: DEFAULT_STEPS, stepDurationMs: 0, probeRate: 0, lookIntervalMs: 0, autoRollback: true,
    analysis: { judge: 'sequential', errorTolerance: 0, latencyTolerance: 0, alpha: 0.01, minSamples: 0, onInconclusive: 'rollback' }
  };
  rt.logger.info(`Shipgate auto-rollback of ${inputs.environment}: ${inputs.toVersion ? `to ${inputs.toVersion}` : 'to the last known good version'} — reason: ${inputs.reason}`);
  const { report, restored } = await restoreVersion(
    { target, ledger, notifiers, logger: rt.logger, plan, logUrl: gh?.ctx.runUrl },
    { toVersion: inputs.toVersion || undefined, reason: inputs.reason }
  );
  const file = rt.writeReport(`rollback-${inputs.environment}-${report.deploymentId}-${Date.now()}.json`, report);
  rt.setOutput('rolled-back-to', restored.version);
  rt.setOutput('deployment-id', report.deploymentId);
  rt.setOutput('incident-url', report.incidentUrl ?? '');
  await rt.summary(renderRolloutSummary(report, { title: `Shipgate rollback of ${inputs.environment} to ${restored.version}`, reportPath: file }));
  rt.logger.info(report.reason);
}
