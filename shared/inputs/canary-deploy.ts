import type { AnalysisPolicy, RolloutPlan } from '../model/plan.js';
import { InputError, MissingInputError } from './input-error.js';
import type { Inputs, InputValue } from './parse.js';
import { parseCommon, parseMentions, parseTarget, type CommonInputs, type TargetKind } from './common.js';
import { parseWaves, type WaveInputs } from './waves.js';
import { parseFreezeInputs, type FreezeInputs } from './freeze.js';
import { parseKubernetes, type KubernetesInputs, type KubernetesTraffic } from './kubernetes.js';

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

export type TrafficKind = 'local' | 'command' | 'nginx' | 'haproxy' | KubernetesTraffic;

export interface NginxInputs {
  conf: string;
  upstream: string;
  stableServer: string;
  canaryServer: string;
  testCommand: string;
  reloadCommand: string;
  accessLog: string;
}

export interface HaproxyInputs {
  socket: string;
  backend: string;
  stableServer: string;
  canaryServer: string;
  stateFile: string;
}

/** Who splits traffic, and the settings of the router picked (the others are left empty). */
export interface TrafficInputs {
  kind: TrafficKind;
  nginx: NginxInputs;
  haproxy: HaproxyInputs;
  kubernetes: KubernetesInputs;
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
  /** After an automatic rollback, a pull request reverting the failed commits. */
  revertPr: boolean;
}

export interface CanaryDeployInputs extends CommonInputs {
  action: CanaryAction;
  version: string;
  manifest: string;
  target: TargetKind;
  local: LocalTargetInputs;
  command: CommandTargetInputs;
  traffic: TrafficInputs;
  /** A fleet (config file `waves`), or null for one target. */
  waves: WaveInputs[] | null;
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
  freeze: FreezeInputs;
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
    beta: inputs.get('beta'),
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
  const waves = parseWaves(inputs, target, action);
  // With waves each target has its own router settings (checked in parseWaves).
  const traffic = parseTraffic(inputs, target, { settings: !waves });
  if (target === 'local' && action === 'deploy' && !local.startCommand) {
    throw new MissingInputError('start-command', 'the local target starts each version with it (e.g. "node server.js"; the port is in $PORT)');
  }
  if (target === 'command' && !waves) checkCommandTarget(inputs, command, traffic, action);
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
  const counts = (t: TrafficInputs) => (t.kind === 'nginx' && t.nginx.accessLog !== '') || t.kind === 'haproxy';
  const routerCounts = waves ? waves.every((w) => w.targets.every((t) => counts(t.traffic))) : counts(traffic);
  const counted = Boolean(inputs.raw('prometheus-url')) || routerCounts;
  if (target !== 'local' && action === 'deploy') {
    if (plan.probeRate === 0 && !counted) {
      throw inputs.error(
        'probe-rate',
        '0',
        'with probes off nothing would count requests: give prometheus-url, or use traffic: nginx with nginx-access-log, or traffic: haproxy'
      );
    }
    if (plan.probeRate > 0 && (!canaryUrl || !stableUrl) && !counted) {
      throw new MissingInputError(
        canaryUrl ? 'stable-url' : 'canary-url',
        `the ${target} target cannot find the versions by itself: give canary-url and stable-url, or prometheus-url${target === 'command' ? ', or let nginx (nginx-access-log) or HAProxy count requests' : ''}, or set probe-rate: 0`
      );
    }
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
      const byService = q.includes('{{service}}');
      if (!q.includes('{{version}}') && !byService) {
        throw inputs.error(name, q, 'the query must contain {{version}} where the version label goes (or {{service}} with target: kubernetes)');
      }
      if (byService && (target !== 'kubernetes' || !traffic.kubernetes.service || !traffic.kubernetes.canaryService)) {
        throw inputs.error(name, q, '{{service}} names the stable or canary Service: use it with target: kubernetes and both service and canary-service set');
      }
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
    traffic,
    waves,
    canaryUrl,
    stableUrl,
    probePath,
    prometheus,
    plan,
    notify: { ...parseNotify(inputs), revertPr: inputs.get('revert-pr') },
    environmentUrl: inputs.get('environment-url'),
    productionEnvironment: inputs.get('production-environment'),
    transientEnvironment: inputs.get('transient-environment'),
    lockTimeoutMs: inputs.get('lock-timeout'),
    freeze: parseFreezeInputs(inputs)
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

/** What the command target needs for `action`, with the router picked. */
export function checkCommandTarget(inputs: Inputs, command: CommandTargetInputs, traffic: TrafficInputs, action: CanaryAction | 'restore'): void {
  if (action === 'deploy' && !command.deployCommand) throw new MissingInputError('deploy-command', 'the command target needs it to start a canary');
  if (!command.rollbackCommand) throw new MissingInputError('rollback-command', 'the command target needs it to restore stable when a canary fails');
  if (traffic.kind === 'nginx' || traffic.kind === 'haproxy') {
    if (command.shiftCommand) {
      throw inputs.error('shift-command', command.shiftCommand, `with traffic: ${traffic.kind} Shipgate moves the weights itself; remove shift-command`);
    }
    if (action !== 'abort' && action !== 'restore' && !command.promoteCommand) {
      throw new MissingInputError(
        'promote-command',
        `with traffic: ${traffic.kind} a promotion redeploys the stable server with the new version (the promote-command), then moves traffic back to it and takes the canary server out of rotation`
      );
    }
  }
}

/** `host:port`, `[v6]:port` or `unix:/path` as nginx writes servers. */
const NGINX_SERVER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$|^unix:\/[^\s;{}'"]+$/;
/** HAProxy names: they go into runtime API commands, where spaces and ";" would start another. */
const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const NGINX_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** `traffic` and the settings of the router it picks; everything it needs is checked here. */
export function parseTraffic(inputs: Inputs, target: TargetKind, options: { settings?: boolean } = {}): TrafficInputs {
  const given = inputs.get('traffic') as TrafficKind | '';
  const kind: TrafficKind = given || (target === 'local' ? 'local' : target === 'command' ? 'command' : 'replicas');
  const kubeRouter = kind === 'replicas' || kind === 'gateway-api' || kind === 'ingress-nginx';
  if (target === 'local' && kind !== 'local') {
    throw inputs.error('traffic', kind, 'the local target splits traffic with its own proxy: leave traffic empty or set it to local (or use target: command)');
  }
  if (target === 'command' && kind === 'local') {
    throw inputs.error('traffic', kind, "the local router is the local target's own proxy: use command (your shift-command), nginx or haproxy");
  }
  if (target !== 'kubernetes' && kubeRouter) {
    throw inputs.error('traffic', kind, `${kind} splits traffic inside a Kubernetes cluster: use it with target: kubernetes`);
  }
  if (target === 'kubernetes' && !kubeRouter) {
    throw inputs.error('traffic', kind, 'with target: kubernetes use replicas, gateway-api or ingress-nginx');
  }
  const kubernetes = parseKubernetes(inputs, { required: target === 'kubernetes' && options.settings !== false, traffic: kind });
  const nginx: NginxInputs = {
    conf: inputs.get('nginx-conf'),
    upstream: inputs.get('nginx-upstream'),
    stableServer: inputs.get('stable-server'),
    canaryServer: inputs.get('canary-server'),
    testCommand: inputs.get('nginx-test-command'),
    reloadCommand: inputs.get('nginx-reload-command'),
    accessLog: inputs.get('nginx-access-log')
  };
  const haproxy: HaproxyInputs = {
    socket: inputs.get('haproxy-socket'),
    backend: inputs.get('haproxy-backend'),
    stableServer: inputs.get('haproxy-stable-server'),
    canaryServer: inputs.get('haproxy-canary-server'),
    stateFile: inputs.get('haproxy-state-file')
  };
  if (options.settings === false) return { kind, nginx, haproxy, kubernetes };
  if (kind === 'nginx') {
    if (!nginx.conf) throw new MissingInputError('nginx-conf', 'traffic: nginx needs the file Shipgate owns (an upstream block your nginx config includes)');
    for (const [name, value] of [
      ['stable-server', nginx.stableServer],
      ['canary-server', nginx.canaryServer]
    ] as const) {
      if (!value) throw new MissingInputError(name, 'traffic: nginx needs both servers as host:port');
      const port = /:(\d+)$/.exec(value)?.[1];
      if (!NGINX_SERVER.test(value) || (!value.startsWith('unix:') && !(Number(port) >= 1 && Number(port) <= 65535))) {
        throw inputs.error(name, value, 'use host:port with a port from 1 to 65535 (e.g. 10.0.0.5:8081 or [::1]:8081) or unix:/path');
      }
    }
    if (nginx.stableServer === nginx.canaryServer) throw inputs.error('canary-server', nginx.canaryServer, 'it must differ from stable-server');
    if (!NGINX_NAME.test(nginx.upstream)) throw inputs.error('nginx-upstream', nginx.upstream, 'use up to 64 letters, digits, ".", "_" or "-"');
    if (!nginx.testCommand.trim()) throw new MissingInputError('nginx-test-command', 'Shipgate checks every rewritten file before reloading');
    if (!nginx.reloadCommand.trim()) throw new MissingInputError('nginx-reload-command', 'Shipgate reloads nginx after every weight change');
  }
  if (kind === 'haproxy') {
    if (!haproxy.socket) throw new MissingInputError('haproxy-socket', 'traffic: haproxy drives the runtime API (`stats socket <path> level admin`)');
    if (!haproxy.backend) throw new MissingInputError('haproxy-backend', 'traffic: haproxy needs the backend holding the stable and canary servers');
    for (const [name, value] of [
      ['haproxy-backend', haproxy.backend],
      ['haproxy-stable-server', haproxy.stableServer],
      ['haproxy-canary-server', haproxy.canaryServer]
    ] as const) {
      if (!HAPROXY_NAME.test(value)) throw inputs.error(name, value, 'use up to 64 letters, digits, ".", "_", ":" or "-" (as in haproxy.cfg)');
    }
    if (haproxy.stableServer === haproxy.canaryServer)
      throw inputs.error('haproxy-canary-server', haproxy.canaryServer, 'it must differ from haproxy-stable-server');
  }
  return { kind, nginx, haproxy, kubernetes };
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
    webhook,
    revertPr: false
  };
}
