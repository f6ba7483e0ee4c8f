import type { AnalysisPolicy, RolloutPlan } from '../model/plan.js';
import { InputError, MissingInputError } from './input-error.js';
import type { Inputs, InputValue } from './parse.js';
import { parseCommon, parseMentions, parseTarget, type CommonInputs, type TargetKind } from './common.js';

export type CanaryAction = InputValue<'action'>;

export interface LocalTargetInputs {
  startCommand: string;
  workingDirectory: string;
  proxyPort: number;
}

export interface CommandTargetInputs {
  deployCommand: string;
  shiftCommand: string;
  promoteCommand: string;
  rollbackCommand: string;
  commandTimeoutMs: number;
  workingDirectory: string;
}

export interface PrometheusInputs {
  url: string;
  requestsQuery: string;
  errorsQuery: string;
  latencyQuery: string;
}

export interface NotifyInputs {
  statusContext: string;
  checkRun: boolean;
  incident: boolean;
  mention: string[];
  webhook: string;
}

export interface CanaryDeployInputs extends CommonInputs {
  action: CanaryAction;
  version: string;
  manifest: string;
  target: TargetKind;
  local: LocalTargetInputs;
  command: CommandTargetInputs;
  canaryUrl?: string;
  stableUrl?: string;
  probePath: string;
  prometheus: PrometheusInputs | null;
  plan: RolloutPlan;
  notify: NotifyInputs;
  environmentUrl?: string;
  productionEnvironment: boolean | undefined;
  transientEnvironment: boolean;
  /** How long a deploy waits for another run's rollout of the environment. */
  lockTimeoutMs: number;
}

/** How often the judge looks at the evidence (at most once a step). Not an input. */
const LOOK_INTERVAL_MS = 1000;

export function parseAnalysis(inputs: Inputs): AnalysisPolicy {
  return {
    judge: inputs.get('judge'),
    errorTolerance: inputs.get('error-tolerance'),
    latencyTolerance: inputs.get('latency-tolerance'),
    maxLatencyMs: inputs.get('max-latency'),
    alpha: inputs.get('alpha'),
    minSamples: inputs.get('min-samples'),
    onInconclusive: inputs.get('on-inconclusive')
  };
}

/**
 * `versionFromBuild`: the root action builds first, so a deploy may name neither version nor
 * manifest (the build decides the version).
 */
export function parseCanaryDeployInputs(inputs: Inputs, options: { versionFromBuild?: boolean } = {}): CanaryDeployInputs {
  const common = parseCommon(inputs);
  const action = inputs.get('action');
  const target = parseTarget(inputs);
  const version = inputs.get('version');
  const manifest = inputs.get('manifest');
  if (action === 'deploy' && !version && !manifest && !options.versionFromBuild) {
    throw new MissingInputError('version', 'a deploy needs "version" or "manifest" (the build action\'s manifest output)');
  }
  const { local, command } = parseTargetSettings(inputs);
  if (target === 'local' && action === 'deploy' && !local.startCommand) {
    throw new MissingInputError('start-command', 'the local target starts each version with it (e.g. "node server.js"; the port is in $PORT)');
  }
  if (target === 'command') {
    if (action === 'deploy' && !command.deployCommand) throw new MissingInputError('deploy-command', 'the command target needs it to start a canary');
    if (!command.rollbackCommand) throw new MissingInputError('rollback-command', 'the command target needs it to restore stable when a canary fails');
  }
  const stepDurationMs = inputs.get('step-duration');
  const plan: RolloutPlan = {
    environment: common.environment,
    ...inputs.get('steps'),
    stepDurationMs,
    probeRate: inputs.get('probe-rate'),
    lookIntervalMs: Math.min(LOOK_INTERVAL_MS, stepDurationMs),
    analysis: parseAnalysis(inputs),
    autoRollback: inputs.get('auto-rollback')
  };
  const canaryUrl = inputs.get('canary-url');
  const stableUrl = inputs.get('stable-url');
  if (target === 'command' && action === 'deploy' && (!canaryUrl || !stableUrl) && !inputs.raw('prometheus-url')) {
    throw new MissingInputError(
      canaryUrl ? 'stable-url' : 'canary-url',
      'the command target cannot find the versions by itself: give canary-url and stable-url, or prometheus-url'
    );
  }
  const promUrl = inputs.get('prometheus-url');
  const prometheus: PrometheusInputs | null = promUrl
    ? {
        url: promUrl,
        requestsQuery: inputs.get('prometheus-requests-query'),
        errorsQuery: inputs.get('prometheus-errors-query'),
        latencyQuery: inputs.get('prometheus-latency-query')
      }
    : null;
  if (prometheus) {
    for (const [name, q] of [
      ['prometheus-requests-query', prometheus.requestsQuery],
      ['prometheus-errors-query', prometheus.errorsQuery]
    ] as const) {
      if (!q.includes('{{version}}')) throw inputs.error(name, q, 'the query must contain {{version}} where the version label goes');
    }
  }
  const probePath = inputs.get('probe-path');
  if (!probePath.startsWith('/')) throw inputs.error('probe-path', probePath, 'use a path that starts with "/"');
  return {
    ...common,
    action,
    version,
    manifest,
    target,
    local,
    command,
    canaryUrl,
    stableUrl,
    probePath,
    prometheus,
    plan,
    notify: parseNotify(inputs),
    environmentUrl: inputs.get('environment-url'),
    productionEnvironment: inputs.get('production-environment'),
    transientEnvironment: inputs.get('transient-environment'),
    lockTimeoutMs: inputs.get('lock-timeout')
  };
}

/** Settings of both targets (each action checks what its target and action require). */
export function parseTargetSettings(inputs: Inputs): { local: LocalTargetInputs; command: CommandTargetInputs } {
  const workingDirectory = inputs.get('working-directory');
  const local: LocalTargetInputs = {
    startCommand: inputs.get('start-command'),
    workingDirectory,
    proxyPort: inputs.get('proxy-port')
  };
  if (local.proxyPort === 8080) {
    throw inputs.error('proxy-port', '8080', "port 8080 is reserved on these runners (kubectl's default); pick another port or 0 for a free one");
  }
  const command: CommandTargetInputs = {
    deployCommand: inputs.get('deploy-command'),
    shiftCommand: inputs.get('shift-command'),
    promoteCommand: inputs.get('promote-command'),
    rollbackCommand: inputs.get('rollback-command'),
    commandTimeoutMs: inputs.get('command-timeout'),
    workingDirectory
  };
  return { local, command };
}

export function parseNotify(inputs: Inputs): NotifyInputs {
  const webhook = inputs.raw('webhook');
  if (webhook) {
    const protocol = URL.canParse(webhook) ? new URL(webhook).protocol : '';
    const ok = protocol === 'https:' || protocol === 'http:';
    // The URL is a secret: never echo it.
    if (!ok) throw new InputError('webhook', '***', 'use an absolute https:// URL (the value is hidden because webhook URLs are secrets)');
  }
  return {
    statusContext: inputs.get('status-context'),
    checkRun: inputs.get('check-run'),
    incident: inputs.get('incident'),
    mention: parseMentions(inputs),
    webhook
  };
}
