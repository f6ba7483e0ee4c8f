// The composition root: the one place that knows every adapter by name and builds the ones the
// inputs ask for (ledger, target, notifiers, signal sources). Each action's glue asks it.
import path from 'node:path';
import type { DeployTarget } from '../ports/deploy-target.js';
import type { Ledger } from '../ports/ledger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { CommandTargetInputs, LocalTargetInputs, NotifyInputs, PrometheusInputs, TrafficInputs } from '../inputs/canary-deploy.js';
import type { TrafficRouter } from '../ports/traffic-router.js';
import type { WaveInputs } from '../inputs/waves.js';
import type { Logger } from '../util/log.js';
import type { LedgerKind, TargetKind } from '../inputs/common.js';
import type { GitHubContext } from '../github/context.js';
import { readGitHubContext } from '../github/context.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { defaultStateDir } from '../util/state-dir.js';
import type { Runtime } from './runtime.js';
import type { SignalSourceFactory } from '../engine/rollout.js';
import type { RolloutReport } from '../model/report.js';

/** The folder for state that outlives runs: the `state-dir` input, else the per-user default. */
export function resolveStateDir(rt: Runtime, input: string): string {
  return input ? path.resolve(rt.workspace, input) : defaultStateDir(rt.env);
}

/** GitHub access for this run, when a token and an API URL are present. */
export interface GitHubAccess {
  ctx: GitHubContext;
  client: GitHubClient;
}

export function gitHubAccess(rt: Runtime, token: string): GitHubAccess | null {
  rt.mask(token);
  const ctx = readGitHubContext(rt.env, token);
  if (!ctx) return null;
  return { ctx, client: createGitHubClient(ctx, { logger: rt.logger }) };
}

export async function buildLedger(
  rt: Runtime,
  kind: LedgerKind,
  ledgerFile: string,
  stateDir: string,
  gh: GitHubAccess | null,
  options: { productionEnvironment?: boolean; transientEnvironment?: boolean } = {}
): Promise<Ledger> {
  if (kind === 'github' && !gh) {
    throw new Error(
      'Input "ledger" is "github" but no GitHub API is available: set github-token (and run on GitHub Actions, where GITHUB_API_URL and GITHUB_REPOSITORY are set).'
    );
  }
  if (gh && kind !== 'file') {
    const { GitHubLedger } = await import('../ledgers/github.js');
    return new GitHubLedger({ client: gh.client, ctx: gh.ctx, logger: rt.logger, ...options });
  }
  const { FileLedger } = await import('../ledgers/file.js');
  const file = ledgerFile ? path.resolve(rt.workspace, ledgerFile) : path.join(stateDir, 'ledger.json');
  if (rt.env.RUNNER_ENVIRONMENT === 'github-hosted') {
    rt.logger.warning(
      `The file ledger ${file} is on a GitHub-hosted runner and is gone when this job ends, so the next run will not know what is live: use ledger: github (permissions: deployments: write), or a ledger-file on storage that outlives the job.`
    );
  }
  return new FileLedger({ path: file });
}

export async function buildTarget(
  rt: Runtime,
  kind: TargetKind,
  environment: string,
  stateDir: string,
  local: LocalTargetInputs,
  command: CommandTargetInputs,
  traffic?: TrafficInputs,
  waves?: WaveInputs[] | null
): Promise<DeployTarget> {
  if (kind === 'local') {
    const { LocalTarget, localStateDir } = await import('../targets/local/index.js');
    return new LocalTarget({
      stateDir: localStateDir(stateDir, environment),
      environment,
      startCommand: local.startCommand,
      workingDirectory: path.resolve(rt.workspace, local.workingDirectory),
      proxyPort: local.proxyPort,
      logger: rt.logger
    });
  }
  if (kind === 'kubernetes') {
    if (!traffic) throw new Error('The kubernetes target needs its traffic settings.');
    const { KubernetesTarget } = await import('../targets/kubernetes/index.js');
    const k = traffic.kubernetes;
    return new KubernetesTarget({
      namespace: k.namespace,
      context: k.context || undefined,
      deployment: k.deployment,
      container: k.container,
      image: k.image || undefined,
      service: k.service || undefined,
      canaryService: k.canaryService || undefined,
      httproute: k.httproute || undefined,
      ingress: k.ingress || undefined,
      traffic: traffic.kind as 'replicas' | 'gateway-api' | 'ingress-nginx',
      rolloutTimeoutMs: k.rolloutTimeoutMs,
      logger: rt.logger,
      // kubectl reuses whatever auth the workflow set up (KUBECONFIG, exec plugins' credentials).
      env: rt.env
    });
  }
  if (waves) {
    const { FleetTarget } = await import('../targets/fleet.js');
    const fleet = [];
    for (const w of waves) {
      const members = [];
      for (const t of w.targets) {
        // Commands tell which host they act on from SHIPGATE_TARGET; log lines are marked with it.
        const member = { name: t.name, wave: w.name };
        members.push({ name: t.name, target: await commandTarget(rt, t.command, t.traffic, path.join(environment, `${t.name}.json`), member) });
      }
      fleet.push({ name: w.name, maxParallel: w.maxParallel, members });
    }
    return new FleetTarget(fleet, rt.logger);
  }
  return commandTarget(rt, command, traffic, `${environment}.json`);
}

/** One command target with its router; `member` names it within a fleet. */
async function commandTarget(
  rt: Runtime,
  command: CommandTargetInputs,
  traffic: TrafficInputs | undefined,
  stateFile: string,
  member?: { name: string; wave: string }
): Promise<DeployTarget> {
  const { CommandTarget } = await import('../targets/command.js');
  const prefix = member ? `[${member.name}] ` : '';
  return new CommandTarget({
    deployCommand: command.deployCommand,
    shiftCommand: command.shiftCommand || undefined,
    promoteCommand: command.promoteCommand || undefined,
    rollbackCommand: command.rollbackCommand,
    cwd: path.resolve(rt.workspace, command.workingDirectory),
    timeoutMs: command.commandTimeoutMs,
    logger: member ? prefixed(rt.logger, prefix) : rt.logger,
    // Commands see the step's environment through the Runtime, like the build command.
    env: member ? { ...rt.env, SHIPGATE_WAVE: member.wave, SHIPGATE_TARGET: member.name } : rt.env,
    // A cache of this job's view only: the ledger is what another run trusts.
    statePath: path.join(rt.stateRoot(), 'command', stateFile),
    router: traffic ? await buildRouter(rt, traffic, command, prefix) : undefined
  });
}

/** nginx or HAProxy for the command target; undefined for the shift-command (the target's own). */
export async function buildRouter(rt: Runtime, traffic: TrafficInputs, command: CommandTargetInputs, logPrefix = ''): Promise<TrafficRouter | undefined> {
  const logger = logPrefix ? prefixed(rt.logger, logPrefix) : rt.logger;
  const inWorkspace = (p: string) => (p ? path.resolve(rt.workspace, p) : undefined);
  if (traffic.kind === 'nginx') {
    const { NginxRouter } = await import('../routers/nginx/index.js');
    const n = traffic.nginx;
    return new NginxRouter({
      confPath: path.resolve(rt.workspace, n.conf),
      upstream: n.upstream,
      stableServer: n.stableServer,
      canaryServer: n.canaryServer,
      testCommand: n.testCommand,
      reloadCommand: n.reloadCommand,
      accessLog: inWorkspace(n.accessLog),
      cwd: path.resolve(rt.workspace, command.workingDirectory),
      env: rt.env,
      logger,
      timeoutMs: command.commandTimeoutMs
    });
  }
  if (traffic.kind === 'haproxy') {
    const { HaproxyRouter } = await import('../routers/haproxy/index.js');
    const h = traffic.haproxy;
    return new HaproxyRouter({
      socket: path.resolve(rt.workspace, h.socket),
      backend: h.backend,
      stableServer: h.stableServer,
      canaryServer: h.canaryServer,
      stateFile: inWorkspace(h.stateFile),
      logger
    });
  }
  return undefined;
}

export async function buildNotifiers(
  rt: Runtime,
  environment: string,
  notify: NotifyInputs,
  gh: GitHubAccess | null,
  renderMarkdown: (r: RolloutReport) => string
): Promise<Notifier[]> {
  const out: Notifier[] = [];
  if (gh) {
    const context = notify.statusContext || `shipgate/${environment}`;
    if (notify.statusContext !== 'off') {
      const { CommitStatusNotifier } = await import('../notifiers/commit-status.js');
      out.push(new CommitStatusNotifier({ client: gh.client, ctx: gh.ctx, context, logger: rt.logger }));
    }
    if (notify.checkRun) {
      const { CheckRunNotifier } = await import('../notifiers/check-run.js');
      out.push(
        new CheckRunNotifier({
          client: gh.client,
          ctx: gh.ctx,
          name: context === 'off' ? `shipgate/${environment}` : context,
          renderMarkdown,
          logger: rt.logger
        })
      );
    }
    if (notify.incident) {
      const { IncidentIssueNotifier } = await import('../notifiers/incident-issue.js');
      out.push(new IncidentIssueNotifier({ client: gh.client, ctx: gh.ctx, environment, mention: notify.mention, logger: rt.logger }));
    }
    // After the incident issue, so the pull request can link it.
    if (notify.revertPr) {
      const { RevertPrNotifier } = await import('../notifiers/revert-pr.js');
      out.push(new RevertPrNotifier({ client: gh.client, ctx: gh.ctx, environment, logger: rt.logger }));
    }
  }
  if (!gh && notify.revertPr)
    rt.logger.warning('revert-pr is set, but no GitHub API is available (github-token and the repository): no revert pull request will be opened.');
  if (notify.webhook) {
    rt.mask(notify.webhook);
    const { WebhookNotifier } = await import('../notifiers/webhook.js');
    out.push(new WebhookNotifier({ url: notify.webhook, logger: rt.logger }));
  }
  return out;
}

/**
 * Evidence for one step. Probes generate traffic at probe-rate; whichever source sees every
 * request counts it (Prometheus, else the target's own router when it has one, else the probes
 * themselves), so no request is counted twice.
 */
export async function signalFactory(
  rt: Runtime,
  target: DeployTarget,
  options: {
    canaryUrl?: string;
    stableUrl?: string;
    probePath: string;
    probeRate: number;
    prometheus: PrometheusInputs | null;
    /** The Services in front of each version (target: kubernetes), for `{{service}}` in the queries. */
    services?: { canary: string; stable: string };
  }
): Promise<SignalSourceFactory> {
  const [{ ProbeTraffic }, { PrometheusSource }] = await Promise.all([import('../signals/probes.js'), import('../signals/prometheus.js')]);
  return (_step, status, release, previous) => {
    const canaryBase = options.canaryUrl ?? status.urls?.canary;
    const stableBase = options.stableUrl ?? status.urls?.stable;
    const counter: SignalSource | null = options.prometheus
      ? new PrometheusSource({
          url: options.prometheus.url,
          canaryVersion: release.version,
          stableVersion: previous?.version ?? '',
          requestsQuery: options.prometheus.requestsQuery,
          errorsQuery: options.prometheus.errorsQuery,
          latencyBucketsQuery: options.prometheus.latencyQuery || undefined,
          services: options.services,
          logger: rt.logger
        })
      : (target.requestCounter?.({ canaryUrl: options.canaryUrl }) ?? null);
    const sources: SignalSource[] = [];
    if (options.probeRate > 0 && (canaryBase || stableBase)) {
      sources.push(
        new ProbeTraffic({
          canaryUrl: canaryBase ? joinUrl(canaryBase, options.probePath) : undefined,
          stableUrl: stableBase ? joinUrl(stableBase, options.probePath) : undefined,
          rate: options.probeRate,
          timeoutMs: 5000,
          // nginx and HAProxy count only what passes through them; probes go to the servers directly.
          counts: counter === null || counter.seesProbes === false,
          logger: rt.logger
        })
      );
    }
    if (counter) sources.push(counter);
    return sources;
  };
}

/** Log lines of one fleet target, marked with its name. */
function prefixed(logger: Logger, prefix: string): Logger {
  return { info: (m) => logger.info(prefix + m), warning: (m) => logger.warning(prefix + m), debug: (m) => logger.debug(prefix + m) };
}

function joinUrl(base: string, p: string): string {
  const u = new URL(base);
  if (p === '/') return u.toString();
  u.pathname = (u.pathname.replace(/\/$/, '') + p).replace(/\/\/+/g, '/');
  return u.toString();
}
