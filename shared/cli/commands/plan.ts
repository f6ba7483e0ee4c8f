import { parseCanaryDeployInputs, type CanaryDeployInputs, type TrafficInputs } from '../../inputs/canary-deploy.js';
import { parseBuildInputs } from '../../inputs/build.js';
import { stepsText } from '../../model/plan.js';
import { gitHubAccess, buildLedger, resolveStateDir } from '../../glue/composition.js';
import { permissionsFor, permissionsYaml, type Permission } from '../../glue/permissions.js';
import { errorMessage } from '../../engine/errors.js';
import { alphaText, points } from '../../judges/format.js';
import type { ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';

export interface RolloutPlanView {
  environment: string;
  version: string | null;
  build: string | null;
  steps: string;
  stepDuration: string;
  target: string;
  router: string;
  signals: string[];
  judge: string[];
  notifications: string[];
  ledger: { where: string; live: string | null; unfinished: string[] } | { error: string };
  freeze: string[];
  permissions: Permission[];
  firstChanges: string[];
}

/** A dry run: what `shipgate rollout` (or the root action) would do with these flags and config. Nothing is deployed or recorded. */
export async function planCommand(rt: CliRuntime, _args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const inputs = await rt.inputs();
  const build = parseBuildInputs(inputs, 'build-command');
  const c = parseCanaryDeployInputs(inputs, { versionFromBuild: true });
  const gh = gitHubAccess(rt, c.githubToken);
  const view: RolloutPlanView = {
    environment: c.environment,
    version: c.version || (c.manifest ? `from ${c.manifest}` : null),
    build: build.command ? build.command : null,
    steps: `${stepsText(c.plan)} %`,
    stepDuration: `${Math.round(c.plan.stepDurationMs / 1000)} s per step at most (analysis may decide sooner)`,
    target: targetText(c),
    router: c.waves
      ? `${c.waves.length} waves: ${c.waves.map((w) => `${w.name} (${w.targets.map((t) => t.name).join(', ')})`).join(' → ')}`
      : routerText(c.traffic, c),
    signals: signalsText(c),
    judge: judgeText(c),
    notifications: notificationsText(c, gh !== null),
    ledger: await ledgerView(rt, c, gh),
    freeze: await freezeText(c),
    permissions: permissionsFor(c, { usesGitHub: gh !== null }),
    firstChanges: firstChanges(c, build.command)
  };
  return { json: view, text: render(view) };
}

/** Whether a freeze would stop this rollout now, and the next window. */
async function freezeText(c: CanaryDeployInputs): Promise<string[]> {
  if (c.freeze.windows.length === 0) return [];
  const [{ activeFreeze, nextFreeze }, { describeFreeze, describeNextFreeze }] = await Promise.all([
    import('../../freeze/active.js'),
    import('../../freeze/describe.js')
  ]);
  const now = new Date();
  const active = activeFreeze(c.freeze.windows, now);
  const next = nextFreeze(c.freeze.windows, now);
  const out: string[] = [];
  if (active)
    out.push(
      `${describeFreeze(active, c.environment)} ${c.freeze.override ? 'override-freeze is set: the rollout would go ahead and record the override.' : 'The rollout would be refused before anything is deployed.'}`
    );
  else out.push(`${c.environment} is not frozen now (${c.freeze.windows.length} window${c.freeze.windows.length === 1 ? '' : 's'} in the config file).`);
  if (next) out.push(describeNextFreeze(next, c.environment));
  return out;
}

function targetText(c: CanaryDeployInputs): string {
  switch (c.target) {
    case 'local':
      return `local: each version started with \`${c.local.startCommand}\` behind the local proxy${c.local.proxyPort ? ` on port ${c.local.proxyPort}` : ''}`;
    case 'kubernetes': {
      const k = c.traffic.kubernetes;
      return `kubernetes: Deployment ${k.deployment} in namespace ${k.namespace || '(kubectl default)'}${k.context ? `, context ${k.context}` : ''}; canary Deployment ${k.deployment}-canary`;
    }
    default:
      return `command: deploy-command \`${c.command.deployCommand}\`${c.command.promoteCommand ? `, promote-command \`${c.command.promoteCommand}\`` : ''}${c.command.rollbackCommand ? `, rollback-command \`${c.command.rollbackCommand}\`` : ''}`;
  }
}

function routerText(t: TrafficInputs, c: CanaryDeployInputs): string {
  switch (t.kind) {
    case 'nginx':
      return `nginx: weights of upstream ${t.nginx.upstream} in ${t.nginx.conf} (stable ${t.nginx.stableServer}, canary ${t.nginx.canaryServer}), checked with \`${t.nginx.testCommand}\`, reloaded with \`${t.nginx.reloadCommand}\``;
    case 'haproxy':
      return `haproxy: server weights of backend ${t.haproxy.backend} through the runtime API at ${t.haproxy.socket} (stable ${t.haproxy.stableServer}, canary ${t.haproxy.canaryServer})`;
    case 'local':
      return 'the local proxy (weighted per request)';
    case 'command':
      return c.command.shiftCommand ? `shift-command \`${c.command.shiftCommand}\` with SHIPGATE_WEIGHT` : 'none (the target has no traffic split)';
    default:
      return kubeRouter(t);
  }
}

/** The router in a few words, for a sentence. */
function routerName(t: TrafficInputs, c: CanaryDeployInputs): string {
  if (t.kind === 'local') return 'the local proxy';
  if (t.kind === 'command') return c.command.shiftCommand ? 'the shift-command' : 'the target';
  if (t.kind === 'nginx' || t.kind === 'haproxy') return t.kind === 'nginx' ? 'nginx' : 'HAProxy';
  return t.kubernetes.httproute ? 'the HTTPRoute' : t.kubernetes.ingress ? 'the canary Ingress' : 'the replica ratio';
}

function kubeRouter(t: TrafficInputs): string {
  const k = t.kubernetes;
  if (k.httproute) return `Gateway API: backendRef weights of HTTPRoute ${k.httproute} (Services ${k.service} and ${k.canaryService})`;
  if (k.ingress) return `ingress-nginx: canary Ingress with canary-weight beside ${k.ingress}`;
  return 'replica ratio of the two Deployments behind one Service (coarse: weights round to whole pods)';
}

function signalsText(c: CanaryDeployInputs): string[] {
  const out: string[] = [];
  const counted =
    c.prometheus !== null || (c.traffic.kind === 'nginx' && c.traffic.nginx.accessLog !== '') || c.traffic.kind === 'haproxy' || c.target === 'local';
  if (c.plan.probeRate > 0)
    out.push(
      `probes: ${c.plan.probeRate}/s to each of canary and stable at ${c.probePath}${c.canaryUrl ? ` (canary-url ${c.canaryUrl}` : ' (the target’s URLs'}${c.stableUrl ? `, stable-url ${c.stableUrl})` : ')'}${counted ? ', generating traffic' : ', counted as evidence'}`
    );
  if (c.prometheus) out.push(`Prometheus at ${c.prometheus.url}: requests, errors${c.prometheus.latencyQuery ? ' and latency buckets' : ''} per version`);
  else if (c.traffic.kind === 'nginx' && c.traffic.nginx.accessLog)
    out.push(`nginx access log ${c.traffic.nginx.accessLog}: every customer request, per upstream server`);
  else if (c.traffic.kind === 'haproxy') out.push("HAProxy's per-server counters (errors only: HAProxy keeps no per-request latency)");
  else if (c.target === 'local') out.push('the local proxy: every request it forwards');
  if (out.length === 0) out.push('none: with probe-rate 0 and no counter the canary cannot be judged');
  return out;
}

function judgeText(c: CanaryDeployInputs): string[] {
  const a = c.plan.analysis;
  const lat =
    a.maxLatencyMs !== undefined
      ? `a request slower than ${a.maxLatencyMs} ms is slow`
      : `latency within ${+(a.latencyTolerance * 100).toFixed(1)} % of stable's p95`;
  return [
    `${a.judge}${a.judge === 'sequential' ? ` (anytime-valid over the whole rollout: α ${alphaText(a.alpha)} to roll back a canary within tolerance, β ${alphaText(a.beta)} to pass one worse than it)` : ' (fixed thresholds at the end of each step)'}`,
    `error rate within ${points(a.errorTolerance)} of stable; ${lat}`,
    `at least ${a.minSamples} requests per side before a step can pass; when a step ends undecided: ${a.onInconclusive}`,
    c.plan.autoRollback ? 'a failing step rolls back automatically' : 'auto-rollback is off: a failing step stops and waits for a person'
  ];
}

function notificationsText(c: CanaryDeployInputs, github: boolean): string[] {
  const out: string[] = [];
  if (github) {
    if (c.notify.statusContext !== 'off') out.push(`commit status ${c.notify.statusContext || `shipgate/${c.environment}`}`);
    if (c.notify.checkRun) out.push('check run with the evidence');
    if (c.notify.incident) out.push(`incident issue on rollback${c.notify.mention.length ? `, mentioning ${c.notify.mention.join(' ')}` : ''}`);
  } else out.push('no GitHub (no GITHUB_TOKEN and repository): no status, check run or incident issue');
  if (c.notify.webhook) out.push('webhook (URL hidden)');
  return out;
}

async function ledgerView(rt: CliRuntime, c: CanaryDeployInputs, gh: ReturnType<typeof gitHubAccess>): Promise<RolloutPlanView['ledger']> {
  try {
    const ledger = await buildLedger(rt, c.ledger, c.ledgerFile, resolveStateDir(rt, c.stateDir), gh);
    const view = await ledger.view(c.environment);
    return {
      where: ledger.where,
      live: view.lastGood ? `${view.lastGood.release.version} (deployment ${view.lastGood.id})` : null,
      unfinished: view.active.map(
        (r) => `${r.release.version} (deployment ${r.id}, ${r.progress ? `${r.progress.weight} %${r.progress.paused ? ', paused' : ''}` : r.state})`
      )
    };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

function firstChanges(c: CanaryDeployInputs, buildCommand: string): string[] {
  const version = c.version || '(the built version)';
  const out: string[] = [];
  if (buildCommand) out.push(`run the build command \`${buildCommand}\` and package the artifact`);
  out.push(`record deployment of ${version} to ${c.environment} in the ledger (in progress)`);
  if (c.waves) out.push(`wave ${c.waves[0].name}: deploy ${version} beside stable on ${c.waves[0].targets.map((t) => t.name).join(', ')}`);
  else if (c.target === 'local') out.push(`start ${version} with \`${c.local.startCommand}\` (its port in $PORT) beside stable`);
  else if (c.target === 'kubernetes') out.push(`apply Deployment ${c.traffic.kubernetes.deployment}-canary running ${version} and wait for it to be ready`);
  else out.push(`run \`${c.command.deployCommand}\` with SHIPGATE_VERSION=${version}`);
  out.push(`send ${c.plan.steps[0]} % of traffic to the canary through ${c.waves ? 'the wave’s router' : routerName(c.traffic, c)} and start judging`);
  return out;
}

function render(v: RolloutPlanView): string {
  const list = (xs: readonly string[]) => xs.map((x) => `  - ${x}`).join('\n');
  const ledger =
    'error' in v.ledger
      ? `  not readable: ${v.ledger.error}`
      : `  ${v.ledger.where}\n  live now: ${v.ledger.live ?? 'nothing (a first release)'}${v.ledger.unfinished.length ? `\n  unfinished (settled or waited for first): ${v.ledger.unfinished.join('; ')}` : ''}`;
  return [
    `Plan for ${v.environment}: ${v.version ?? 'no version given (--version, --manifest or --build-command)'} — dry run, nothing changes`,
    v.build ? `\nBuild\n  ${v.build}` : '',
    `\nSteps\n  ${v.steps}, ${v.stepDuration}`,
    `\nTarget\n  ${v.target}`,
    `\nTraffic\n  ${v.router}`,
    `\nSignals\n${list(v.signals)}`,
    `\nJudge\n${list(v.judge)}`,
    `\nNotifications\n${list(v.notifications)}`,
    `\nLedger\n${ledger}`,
    v.freeze.length ? `\nFreeze windows\n${list(v.freeze)}` : '',
    `\nPermissions the workflow needs\n${v.permissions.length ? permissionsYaml(v.permissions).replace(/^/gm, '  ') : '  none on GitHub'}`,
    `\nFirst changes\n${v.firstChanges.map((x, i) => `  ${i + 1}. ${x}`).join('\n')}`
  ]
    .filter(Boolean)
    .join('\n');
}
