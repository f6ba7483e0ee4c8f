import type { DeploymentRecord, EnvironmentView } from '../../ports/ledger.js';
import type { ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';
import { environments, openLedger } from './ledger.js';

export interface EnvironmentStatus {
  environment: string;
  live: { version: string; deploymentId: string; since: string; commit?: string } | null;
  /** Rollouts not finished: in progress, waiting or paused for a person. */
  unfinished: {
    version: string;
    deploymentId: string;
    state: string;
    weight: number | null;
    step: string | null;
    paused: boolean;
    startedAt: string;
    logUrl?: string;
  }[];
  last: { version: string; deploymentId: string; kind: string; state: string; at: string; description?: string } | null;
}

/** What is live, in progress or paused per environment, from the ledger (never from this machine's memory). */
export async function statusCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const { common, ledger } = await openLedger(rt);
  const out: EnvironmentStatus[] = [];
  for (const env of environments(common, args.inputs.environment)) out.push(summarise(env, await ledger.view(env)));
  const text = out.map(render).join('\n\n') + `\n\n(${ledger.where})`;
  return { json: { ledger: ledger.where, environments: out }, text };
}

function summarise(environment: string, view: EnvironmentView): EnvironmentStatus {
  const last = view.history[0] ?? null;
  return {
    environment,
    live: view.lastGood
      ? { version: view.lastGood.release.version, deploymentId: view.lastGood.id, since: view.lastGood.updatedAt, commit: view.lastGood.release.commit }
      : null,
    unfinished: view.active.map((r: DeploymentRecord) => ({
      version: r.release.version,
      deploymentId: r.id,
      state: r.state,
      weight: r.progress?.weight ?? null,
      step: r.progress ? `${r.progress.step}/${r.progress.steps}` : null,
      paused: r.progress?.paused === true,
      startedAt: r.createdAt,
      logUrl: r.logUrl
    })),
    last: last
      ? { version: last.release.version, deploymentId: last.id, kind: last.kind, state: last.state, at: last.updatedAt, description: last.description }
      : null
  };
}

function render(s: EnvironmentStatus): string {
  const lines = [`${s.environment}`];
  lines.push(`  live:   ${s.live ? `${s.live.version} (deployment ${s.live.deploymentId}, since ${s.live.since})` : 'nothing known to be good yet'}`);
  if (s.unfinished.length === 0) lines.push('  canary: none');
  for (const u of s.unfinished) {
    const where = u.weight === null ? u.state : `${u.weight} % at step ${u.step}`;
    lines.push(
      `  canary: ${u.version} (deployment ${u.deploymentId}) ${u.paused ? `PAUSED at ${where}: shipgate promote or shipgate abort` : `in progress, ${where}`}, started ${u.startedAt}${u.logUrl ? `, ${u.logUrl}` : ''}`
    );
  }
  if (s.last && s.last.deploymentId !== s.live?.deploymentId && !s.unfinished.some((u) => u.deploymentId === s.last?.deploymentId))
    lines.push(`  last:   ${s.last.kind} of ${s.last.version} ended ${s.last.state} at ${s.last.at}${s.last.description ? `: ${s.last.description}` : ''}`);
  return lines.join('\n');
}
