import type { RolloutReport } from '../model/report.js';
import { stepsText } from '../model/plan.js';
import type { Release } from '../model/release.js';
import { parseCanaryDeployInputs, type CanaryDeployInputs } from '../inputs/canary-deploy.js';
import { runRollout } from '../engine/rollout.js';
import { abortCanary, finishAbandoned, promoteCanary, type Handover, type OperationDeps } from '../engine/operations.js';
import { currentOwner } from '../ledgers/owner.js';
import { createFirstReleaseJudge, createJudge } from '../judges/index.js';
import { renderRolloutSummary } from '../summary/rollout-summary.js';
import { escapeLogText } from '../util/escape.js';
import { redactor } from '../inputs/secrets.js';
import { webhookSecrets } from '../notifiers/webhook.js';
import { buildLedger, buildNotifiers, buildTarget, gitHubAccess, resolveStateDir, signalFactory } from './composition.js';
import { resolveRelease } from './release.js';
import { checkFreeze } from './freeze.js';
import type { Runtime } from './runtime.js';

/** Handed from the main step to its post step (RUNNER_TEMP-free: the runner's state file). */
const STATE_DEPLOYMENT = 'shipgate-deployment';
const STATE_FINISHED = 'shipgate-finished';

/** Builds every adapter the lifecycle needs from the inputs: the composition root of canary-deploy. */
async function wire(rt: Runtime, inputs: CanaryDeployInputs) {
  // The runner hides only the exact strings it is told: the webhook's key on its own too.
  for (const secret of webhookSecrets(inputs.notify.webhook)) rt.mask(secret);
  const gh = gitHubAccess(rt, inputs.githubToken);
  const stateDir = resolveStateDir(rt, inputs.stateDir);
  const ledger = await buildLedger(rt, inputs.ledger, inputs.ledgerFile, stateDir, gh, {
    productionEnvironment: inputs.productionEnvironment,
    transientEnvironment: inputs.transientEnvironment
  });
  const target = await buildTarget(rt, inputs.target, inputs.environment, stateDir, inputs.local, inputs.command, inputs.traffic, inputs.waves);
  const notifiers = await buildNotifiers(rt, inputs.environment, inputs.notify, gh, (r) => renderRolloutSummary(r));
  const logUrl = gh?.ctx.runUrl;
  const deploymentUrl = (id: string) =>
    gh && ledger.name === 'github'
      ? `${gh.ctx.serverUrl}/${gh.ctx.owner}/${gh.ctx.repo}/deployments/${encodeURIComponent(inputs.environment)}#${id}`
      : undefined;
  const operations: OperationDeps = {
    environment: inputs.environment,
    target,
    ledger,
    notifiers,
    logger: rt.logger,
    owner: currentOwner(rt.env, logUrl),
    logUrl,
    environmentUrl: inputs.environmentUrl,
    deploymentUrl
  };
  return { gh, operations };
}

/** canary-deploy (and the root action after its build): deploy | promote | abort. */
export async function canaryDeploy(rt: Runtime, parsed?: CanaryDeployInputs, built?: Release): Promise<RolloutReport> {
  const inputs = parsed ?? parseCanaryDeployInputs(await rt.inputs());
  let report: RolloutReport;
  try {
    report = await lifecycle(rt, inputs, built);
  } catch (err) {
    // Refused or broken before there was a report (the ledger unreadable, a paused canary, a
    // deployment GitHub would not create): nothing was deployed, and `result` still says failed.
    rt.setOutput('result', 'failed');
    throw err;
  }
  rt.saveState(STATE_FINISHED, 'true');
  // A release manager's abort that backed the canary out did what was asked: the step succeeds.
  await publish(rt, report, { rolledBackIsFailure: inputs.action !== 'abort' });
  return report;
}

async function lifecycle(rt: Runtime, inputs: CanaryDeployInputs, built?: Release): Promise<RolloutReport> {
  // A freeze stops deploys and promotions before anything changes; an abort is never blocked.
  const freezeOverride = inputs.action === 'abort' ? undefined : checkFreeze(inputs.freeze, inputs.environment, new Date(), rt.logger);
  const { gh, operations } = await wire(rt, inputs);
  let report: RolloutReport;
  if (inputs.action === 'promote') {
    report = await promoteCanary(operations, { freezeOverride });
  } else if (inputs.action === 'abort') {
    report = await abortCanary(operations);
  } else {
    const release = built ?? (await resolveRelease(rt.workspace, { version: inputs.version, manifest: inputs.manifest, commit: rt.env.GITHUB_SHA }));
    const signalSources = await signalFactory(rt, operations.target, {
      canaryUrl: inputs.canaryUrl,
      stableUrl: inputs.stableUrl,
      probePath: inputs.probePath,
      probeRate: inputs.plan.probeRate,
      prometheus: inputs.prometheus,
      services:
        inputs.target === 'kubernetes' && inputs.traffic.kubernetes.service && inputs.traffic.kubernetes.canaryService
          ? { canary: inputs.traffic.kubernetes.canaryService, stable: inputs.traffic.kubernetes.service }
          : undefined
    });
    const { target, ledger } = operations;
    rt.logger.info(
      `Shipgate: rolling out ${release.version} to ${inputs.environment} with the ${target.name} target${trafficText(inputs)}, ${ledger.name} ledger (${escapeLogText(ledger.where)}), ${inputs.plan.analysis.judge} judge; steps ${stepsText(inputs.plan)} %.`
    );
    report = await runRollout(inputs.plan, release, {
      ...operations,
      freezeOverride,
      createJudge,
      createFirstReleaseJudge,
      signalSources,
      stableUrlGiven: !!inputs.stableUrl,
      lockTimeoutMs: inputs.lockTimeoutMs,
      statusCommit: gh?.ctx.statusSha,
      signal: rt.signal,
      redact: redactor([inputs.githubToken, ...webhookSecrets(inputs.notify.webhook)]),
      onLook: rt.progress ? (look) => rt.progress?.(look) : undefined,
      onDeploymentStarted: (info) =>
        rt.saveState(STATE_DEPLOYMENT, JSON.stringify({ id: info.deploymentId, version: info.release.version, previous: info.previous } satisfies Handover))
    });
  }
  return report;
}

/** ", traffic: nginx" or ", 2 waves of 3 targets" for the opening log line. */
function trafficText(inputs: CanaryDeployInputs): string {
  if (inputs.waves) return ` (${inputs.waves.length} waves, ${inputs.waves.reduce((n, w) => n + w.targets.length, 0)} targets)`;
  return inputs.traffic.kind === inputs.target ? '' : ` (traffic: ${inputs.traffic.kind})`;
}

/** Outputs, report file, summary; a rolled-back or failed rollout fails the step after them. */
export async function publish(rt: Runtime, report: RolloutReport, options: { rolledBackIsFailure?: boolean } = {}): Promise<void> {
  const file = rt.writeReport(`${report.environment}-${report.deploymentId || 'none'}-${Date.now()}.json`, report);
  rt.setOutput('deployment-id', report.deploymentId);
  rt.setOutput('result', report.result);
  rt.setOutput('weight', report.weight);
  rt.setOutput('previous-version', report.previous?.version ?? '');
  rt.setOutput('report', file);
  rt.setOutput('incident-url', report.incidentUrl ?? '');
  rt.setOutput('revert-pr-url', report.revertPrUrl ?? '');
  await rt.summary(renderRolloutSummary(report, { reportPath: file }));
  rt.logger.info(`Result: ${report.result} — ${escapeLogText(report.reason, 1000)}`);
  rt.logger.info(`Report: ${file}`);
  // A promotion the ledger could not record leaves the ledger wrong about what is live: someone must act.
  const unrecorded = report.timeline.some((e) => e.event === 'outcome-unrecorded');
  if (report.result === 'failed' || (report.result === 'rolled-back' && options.rolledBackIsFailure !== false) || unrecorded) {
    process.exitCode = 1;
    throw new Error(report.reason);
  }
}

/**
 * The post step: runs even when the main step was killed. If the rollout it started is still
 * unfinished in the ledger, stable takes all traffic again and the ledger says why.
 */
export async function canaryDeployPost(rt: Runtime): Promise<void> {
  const saved = rt.getState(STATE_DEPLOYMENT);
  if (!saved || rt.getState(STATE_FINISHED) === 'true') return;
  const handover = JSON.parse(saved) as Handover;
  const inputs = parseCanaryDeployInputs(await rt.inputs(), { versionFromBuild: true });
  const { operations } = await wire(rt, inputs);
  const report = await finishAbandoned(operations, handover);
  if (report) await rt.summary(renderRolloutSummary(report));
}
