import type { AnalysisPolicy, RolloutPlan } from '../model/plan.js';
import { DEFAULT_STEPS } from '../model/plan.js';
import { InputError, MissingInputError } from './input-error.js';
import { Inputs } from './parse.js';
import { parseCommon, parseMentions, parseTarget, type CommonInputs, type TargetKind } from './common.js';

export type CanaryAction = 'deploy' | 'promote' | 'abort';

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

export const DEFAULTS = {
  stepDurationMs: 60_000,
  probeRate: 50,
  errorTolerance: 0.01,
  latencyTolerance: 0.2,
  alpha: 0.01,
  minSamples: 50,
  lookIntervalMs: 1000,
  commandTimeoutMs: 600_000,
  lockTimeoutMs: 600_000
} as const;

export function parseAnalysis(inputs: Inputs): AnalysisPolicy {
  return {
    judge: inputs.oneOf('judge', ['sequential', 'thresholds'] as const, 'sequential'),
    errorTolerance: inputs.fraction('error-tolerance', DEFAULTS.errorTolerance, 0.5),
    latencyTolerance: inputs.relative('latency-tolerance', DEFAULTS.latencyTolerance),
    maxLatencyMs: inputs.raw('max-latency') ? inputs.integer('max-latency', 0, 1, 600_000) : undefined,
    alpha: inputs.number('alpha', DEFAULTS.alpha, 0.0001, 0.2),
    minSamples: inputs.integer('min-samples', DEFAULTS.minSamples, 1, 1_000_000),
    onInconclusive: inputs.oneOf('on-inconclusive', ['rollback', 'promote', 'pause'] as const, 'rollback')
  };
}

/**
 * `versionFromBuild`: the root action builds first, so a deploy may name neither version nor
 * manifest (the build decides the version).
 */
export function parseCanaryDeployInputs(inputs: Inputs, options: { versionFromBuild?: boolean } = {}): CanaryDeployInputs {
  const common = parseCommon(inputs);
  const action = inputs.oneOf('action', ['deploy', 'promote', 'abort'] as const, 'deploy');
  const target = parseTarget(inputs);
  const version = inputs.version('version');
  const manifest = inputs.string('manifest');
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
  const stepDurationMs = inputs.duration('step-duration', DEFAULTS.stepDurationMs, 1000, 6 * 3_600_000);
  const plan: RolloutPlan = {
    environment: common.environment,
    ...inputs.steps('steps', DEFAULT_STEPS),
    stepDurationMs,
    probeRate: inputs.number('probe-rate', DEFAULTS.probeRate, 0, 1000, ' requests per second'),
    lookIntervalMs: Math.min(DEFAULTS.lookIntervalMs, stepDurationMs),
    analysis: parseAnalysis(inputs),
    autoRollback: inputs.boolean('auto-rollback', true)
  };
  const canaryUrl = inputs.url('canary-url');
  const stableUrl = inputs.url('stable-url');
  if (target === 'command' && action === 'deploy' && (!canaryUrl || !stableUrl) && !inputs.raw('prometheus-url')) {
    throw new MissingInputError(canaryUrl ? 'stable-url' : 'canary-url', 'the command target cannot find the versions by itself: give canary-url and stable-url, or prometheus-url');
  }
  const promUrl = inputs.url('prometheus-url');
  const prometheus: PrometheusInputs | null = promUrl
    ? {
        url: promUrl,
        requestsQuery: inputs.string('prometheus-requests-query', 'sum(http_requests_total{version="{{version}}"})'),
        errorsQuery: inputs.string('prometheus-errors-query', 'sum(http_requests_total{version="{{version}}",code=~"5.."})'),
        latencyQuery: inputs.string('prometheus-latency-query', 'sum by (le) (http_request_duration_seconds_bucket{version="{{version}}"})')
      }
    : null;
  if (prometheus) {
    for (const [name, q] of [['prometheus-requests-query', prometheus.requestsQuery], ['prometheus-errors-query', prometheus.errorsQuery]] as const) {
      if (!q.includes('{{version}}')) throw new InputError(name, q, 'the query must contain {{version}} where the version label goes');
    }
  }
  const probePath = inputs.string('probe-path', '/');
  if (!probePath.startsWith('/')) throw new InputError('probe-path', probePath, 'use a path that starts with "/"');
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
    environmentUrl: inputs.url('environment-url'),
    productionEnvironment: inputs.raw('production-environment') ? inputs.boolean('production-environment', true) : undefined,
    transientEnvironment: inputs.boolean('transient-environment', false),
    lockTimeoutMs: inputs.duration('lock-timeout', DEFAULTS.lockTimeoutMs, 0, 6 * 3_600_000)
  };
}

/** Settings of both targets (each action checks what its target and action require). */
export function parseTargetSettings(inputs: Inputs): { local: LocalTargetInputs; command: CommandTargetInputs } {
  const workingDirectory = inputs.string('working-directory', '.');
  const local: LocalTargetInputs = {
    startCommand: inputs.string('start-command'),
    workingDirectory,
    proxyPort: inputs.integer('proxy-port', 0, 0, 65535)
  };
  if (local.proxyPort === 8080) {
    throw new InputError('proxy-port', '8080', 'port 8080 is reserved on these runners (kubectl\'s default); pick another port or 0 for a free one');
  }
  const command: CommandTargetInputs = {
    deployCommand: inputs.string('deploy-command'),
    shiftCommand: inputs.string('shift-command'),
    promoteCommand: inputs.string('promote-command'),
    rollbackCommand: inputs.string('rollback-command'),
    commandTimeoutMs: inputs.duration('command-timeout', DEFAULTS.commandTimeoutMs, 1000, 6 * 3_600_000),
    workingDirectory
  };
  return { local, command };
}

export function parseNotify(inputs: Inputs): NotifyInputs {
  const webhook = inputs.raw('webhook');
  if (webhook) {
    let ok = false;
    try {
      const u = new URL(webhook);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
    // The URL is a secret: never echo it.
    if (!ok) throw new InputError('webhook', '***', 'use an absolute https:// URL (the value is hidden because webhook URLs are secrets)');
  }
  return {
    statusContext: inputs.string('status-context'),
    checkRun: inputs.boolean('check-run', false),
    incident: inputs.boolean('incident', true),
    mention: parseMentions(inputs),
    webhook
  };
}
