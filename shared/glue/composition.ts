// The composition root: the one place that knows every adapter by name and builds the ones the
// inputs ask for (ledger, target, notifiers, signal sources). Each action's glue asks it.
import path from 'node:path';
import type { DeployTarget } from '../ports/deploy-target.js';
import type { Ledger } from '../ports/ledger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { CommandTargetInputs, LocalTargetInputs, NotifyInputs, PrometheusInputs } from '../inputs/canary-deploy.js';
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
  command: CommandTargetInputs
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
  const { CommandTarget } = await import('../targets/command.js');
  return new CommandTarget({
    deployCommand: command.deployCommand,
    shiftCommand: command.shiftCommand || undefined,
    promoteCommand: command.promoteCommand || undefined,
    rollbackCommand: command.rollbackCommand,
    cwd: path.resolve(rt.workspace, command.workingDirectory),
    timeoutMs: command.commandTimeoutMs,
    logger: rt.logger,
    // Commands see the step's environment through the Runtime, like the build command.
    env: rt.env,
    // A cache of this job's view only: the ledger is what another run trusts.
    statePath: path.join(rt.stateRoot(), 'command', `${environment}.json`)
  });
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
  }
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
  options: { canaryUrl?: string; stableUrl?: string; probePath: string; probeRate: number; prometheus: PrometheusInputs | null }
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
          counts: counter === null,
          logger: rt.logger
        })
      );
    }
    if (counter) sources.push(counter);
    return sources;
  };
}

function joinUrl(base: string, p: string): string {
  const u = new URL(base);
  if (p === '/') return u.toString();
  u.pathname = (u.pathname.replace(/\/$/, '') + p).replace(/\/\/+/g, '/');
  return u.toString();
}
