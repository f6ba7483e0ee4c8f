import path from 'node:path';
import type { RolloutReport } from '../model/report.js';
import type { Release } from '../model/release.js';
import { parseCanaryDeployInputs, type CanaryDeployInputs } from '../inputs/canary-deploy.js';
import { runRollout } from '../engine/rollout.js';
import { abortCanary, promoteCanary } from '../engine/operations.js';
import { notifyAll } from '../engine/notify.js';
import { createJudge } from '../judges/index.js';
import { renderRolloutSummary } from '../summary/rollout-summary.js';
import { escapeLogText } from '../util/escape.js';
import { buildLedger, buildNotifiers, buildTarget, gitHubAccess, signalFactory } from './adapters.js';
import { resolveRelease } from './release.js';
import type { Runtime } from './runtime.js';

const STATE_DEPLOYMENT = 'shipgate-deployment';
const STATE_FINISHED = 'shipgate-finished';

async function wire(rt: Runtime, inputs: CanaryDeployInputs) {
  const gh = gitHubAccess(rt, inputs.githubToken);
  const ledger = await buildLedger(rt, inputs.ledger, inputs.ledgerFile, gh, {
    productionEnvironment: inputs.productionEnvironment,
    transientEnvironment: inputs.transientEnvironment
  });
  const target = await buildTarget(rt, inputs.target, inputs.environment, inputs.local, inputs.command);
  const notifiers = await buildNotifiers(rt, inputs.environment, inputs.notify, gh, (r) => renderRolloutSummary(r));
  const logUrl = gh?.ctx.runUrl;
  const deploymentUrl = (id: string) => (gh && ledger.name === 'github' ? `${gh.ctx.serverUrl}/${gh.ctx.owner}/${gh.ctx.repo}/deployments/${encodeURIComponent(inputs.environment)}#${id}` : undefined);
  return { gh, ledger, target, notifiers, logUrl, deploymentUrl };
}

/** canary-deploy (and the root action after its build): deploy | promote | abort. */
export async function canaryDeploy(rt: Runtime, parsed?: CanaryDeployInputs, built?: Release): Promise<RolloutReport> {
  const inputs = parsed ?? parseCanaryDeployInputs(await rt.inputs());
  const w = await wire(rt, inputs);
  const common = { target: w.target, ledger: w.ledger, notifiers: w.notifiers, logger: rt.logger, plan: inputs.plan, logUrl: w.logUrl, environmentUrl: inputs.environmentUrl, deploymentUrl: w.deploymentUrl };
  let report: RolloutReport;
  if (inputs.action === 'promote') {
    report = await promoteCanary(common);
  } else if (inputs.action === 'abort') {
    report = await abortCanary(common);
  } else {
    const release = built ?? (await resolveRelease(rt.workspace, { version: inputs.version, manifest: inputs.manifest, commit: rt.env.GITHUB_SHA }));
    const signals = await signalFactory(rt, {
      target: inputs.target,
      canaryUrl: inputs.canaryUrl,
      stableUrl: inputs.stableUrl,
      probePath: inputs.probePath,
      probeRate: inputs.plan.probeRate,
      prometheus: inputs.prometheus,
      localStateDir: path.join(rt.stateRoot(), 'local', inputs.environment)
    });
    rt.logger.info(`Shipgate: rolling out ${release.version} to ${inputs.environment} with the ${w.target.name} target, ${w.ledger.name} ledger, ${inputs.plan.analysis.judge} judge; steps ${inputs.plan.steps.join(' → ')} %.`);
    report = await runRollout(inputs.plan, release, {
      ...common,
      createJudge,
      signals,
      signal: rt.signal,
      onDeploymentStarted: (info) => rt.saveState(STATE_DEPLOYMENT, JSON.stringify({ id: info.deploymentId, version: info.release.version, previous: info.previous }))
    });
  }
  rt.saveState(STATE_FINISHED, 'true');
  await publish(rt, report);
  return report;
}

/** Outputs, report file, summary; a rolled-back or failed rollout fails the step after them. */
export async function publish(rt: Runtime, report: RolloutReport): Promise<void> {
  const file = rt.writeReport(`${report.environment}-${report.deploymentId || 'none'}-${Date.now()}.json`, report);
  rt.setOutput('deployment-id', report.deploymentId);
  rt.setOutput('result', report.result);
  rt.setOutput('weight', report.weight);
  rt.setOutput('previous-version', report.previous?.version ?? '');
  rt.setOutput('report', file);
  rt.setOutput('incident-url', report.incidentUrl ?? '');
  await rt.summary(renderRolloutSummary(report, { reportPath: file }));
  rt.logger.info(`Result: ${report.result} — ${escapeLogText(report.reason, 1000)}`);
  rt.logger.info(`Report: ${file}`);
  if (report.result === 'rolled-back' || report.result === 'failed') {
    process.exitCode = 1;
    throw new Error(report.reason);
  }
}

/**
 * The post step: runs even when the main step was killed. If a rollout started and did not
 * finish, stable takes all traffic again and the ledger says why.
 */
export async function canaryDeployPost(rt: Runtime): Promise<void> {
  const saved = rt.getState(STATE_DEPLOYMENT);
  if (!saved || rt.getState(STATE_FINISHED) === 'true') return;
  const { id, version, previous } = JSON.parse(saved) as { id: string; version: string; previous: Release | null };
  const inputs = parseCanaryDeployInputs(await rt.inputs());
  const w = await wire(rt, inputs);
  rt.logger.warning(`The rollout of ${version} (deployment ${id}) did not finish: restoring ${previous?.version ?? 'the previous version'}.`);
  const status = await w.target.status();
  if (status.canary?.version === version || status.stable?.version !== previous?.version) {
    await w.target.rollback(previous, { environment: inputs.environment, deploymentId: id, version, previousVersion: previous?.version ?? '', weight: 0 });
  }
  const reason = `The job ended before the rollout of ${version} finished; traffic is back on ${previous?.version ?? 'the previous version'}.`;
  await w.ledger.record(id, 'failure', { description: reason, logUrl: w.logUrl });
  const report: RolloutReport = {
    schema: 'shipgate/rollout-report@1', environment: inputs.environment, deploymentId: id, result: 'rolled-back', reason,
    release: { version }, previous, plan: inputs.plan, steps: [], timeline: [{ at: new Date().toISOString(), event: 'rolled-back', detail: 'post step after the main step was stopped' }],
    startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), weight: 0, rollbackMs: null
  };
  await notifyAll(w.notifiers, { type: 'finished', report, logUrl: w.logUrl, deploymentUrl: w.deploymentUrl(id) }, rt.logger);
  await rt.summary(renderRolloutSummary(report));
}
