import type { DeploymentRecord, RolloutProgress, RolloutRecordData } from '../ports/ledger.js';

/**
 * Deployment statuses carry only a description, so the progress of a rollout is written at its
 * start in a fixed, readable form ("50 % · step 2/3 · paused — ...") and read back from it.
 */
const PREFIX = /^(\d{1,3}) % · step (\d{1,2})\/(\d{1,2})(?: · wave (\d{1,3})\/(\d{1,3}))?( · paused)? — /;

export function describeProgress(p: RolloutProgress, text: string): string {
  return `${p.weight} % · step ${p.step}/${p.steps}${p.wave ? ` · wave ${p.wave}/${p.waves}` : ''}${p.paused ? ' · paused' : ''} — ${text}`;
}

export function parseProgress(description: string | undefined | null): RolloutProgress | undefined {
  const m = PREFIX.exec(description ?? '');
  if (!m) return undefined;
  return { weight: Number(m[1]), step: Number(m[2]), steps: Number(m[3]), paused: !!m[6], ...(m[4] ? { wave: Number(m[4]), waves: Number(m[5]) } : {}) };
}

/** The rollout data kept in a deployment payload, if it is there and well formed. */
export function rolloutFromPayload(p: Record<string, unknown>): RolloutRecordData | undefined {
  const r = p.rollout as Partial<RolloutRecordData> | undefined;
  if (!r || typeof r !== 'object' || !r.plan || typeof r.plan !== 'object' || !Array.isArray(r.plan.steps)) return undefined;
  if (!r.owner || typeof r.owner !== 'object' || typeof r.owner.host !== 'string') return undefined;
  const previous = r.previous && typeof r.previous === 'object' && typeof r.previous.version === 'string' ? r.previous : null;
  return {
    plan: r.plan,
    previous,
    owner: r.owner,
    target: typeof r.target === 'string' ? r.target : '',
    ...(typeof r.statusCommit === 'string' ? { statusCommit: r.statusCommit } : {})
  };
}

/** Rollouts that have not finished (in progress, waiting or paused), oldest first. */
export function activeRollouts(newestFirst: readonly DeploymentRecord[]): DeploymentRecord[] {
  return newestFirst.filter((r) => r.kind === 'rollout' && (r.state === 'in_progress' || r.state === 'pending')).reverse();
}

/** Which of two records began first (ids grow in both ledgers; the creation time breaks ties). */
export function beganBefore(a: DeploymentRecord, b: DeploymentRecord): boolean {
  const na = Number(a.id),
    nb = Number(b.id);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na < nb;
  return a.createdAt < b.createdAt;
}
