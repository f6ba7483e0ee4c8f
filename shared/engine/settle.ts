import type { Release } from '../model/release.js';
import type { DeployTarget } from '../ports/deploy-target.js';
import type { DeploymentRecord, EnvironmentView, Ledger, OwnerState } from '../ports/ledger.js';
import type { Logger } from '../util/log.js';
import { beganBefore } from '../ledgers/progress.js';
import { ownerName } from '../ledgers/owner.js';
import { formatDuration } from '../util/duration.js';
import { escapeLogText } from '../util/escape.js';
import type { Clock } from './clock.js';
import { errorMessage } from './errors.js';

export interface SettleDeps {
  environment: string;
  target: DeployTarget;
  ledger: Ledger;
  logger: Logger;
  clock: Clock;
  /** How long to wait for another run's rollout before refusing. */
  lockTimeoutMs: number;
  signal?: AbortSignal;
  /** Who is asking (named in the ledger when it retires an orphan). */
  me: string;
}

export interface Settled {
  view: EnvironmentView;
  /** One sentence per rollout settled on the way (orphans retired, stale records closed). */
  notes: string[];
}

/** A rollout waits for a person: nothing may be deployed over it. */
export class PausedRolloutError extends Error {}
/** Another run's rollout did not finish within lock-timeout. */
export class LockTimeoutError extends Error {}

const POLL_MS = 5000;

/**
 * Clears the way for a rollout of `environment`: the ledger's unfinished rollouts that began
 * before `mine` (all of them when mine has not begun) are settled first.
 * - Older than the last good deployment: a record nobody finished; closed as error, traffic untouched.
 * - Its run is over (killed runner, no post step): an orphan; stable goes back to 100 % and the
 *   record says error, why and who retired it.
 * - Paused: refused (a person has to promote or abort it).
 * - Its run is going (or cannot be checked): waited for, up to lock-timeout, then refused naming it.
 */
export async function settleOthers(d: SettleDeps, options: { mine?: DeploymentRecord; excludeVersion?: string } = {}): Promise<Settled> {
  const started = d.clock.now();
  const notes: string[] = [];
  let announced = '';
  for (;;) {
    const view = await d.ledger.view(d.environment, { excludeVersion: options.excludeVersion });
    const mine = options.mine;
    const others = view.active.filter((r) => r.id !== mine?.id && (!mine || beganBefore(r, mine)));
    const waiting: { record: DeploymentRecord; owner: OwnerState }[] = [];
    for (const r of others) {
      const newerGood = view.history.find((h) => h.state === 'success' && beganBefore(r, h));
      if (newerGood) {
        notes.push(await closeStale(d, r, newerGood));
        continue;
      }
      if (r.progress?.paused) {
        throw new PausedRolloutError(
          `A canary of ${r.release.version} is paused in ${d.environment} at ${r.progress.weight} % (deployment ${r.id}): promote or abort it (canary-deploy with action: promote | abort) before deploying${options.excludeVersion ? ` ${options.excludeVersion}` : ' another version'}.`
        );
      }
      const owner: OwnerState = r.rollout?.owner ? await d.ledger.ownerState(r.rollout.owner) : { state: 'over', detail: 'it recorded no owner' };
      if (owner.state === 'over') {
        notes.push(await retireOrphan(d, r, owner.detail, view));
        continue;
      }
      waiting.push({ record: r, owner });
    }
    if (waiting.length === 0) {
      if (notes.length === 0) return { view, notes };
      // The records just closed changed the view.
      return { view: await d.ledger.view(d.environment, { excludeVersion: options.excludeVersion }), notes };
    }
    const first = waiting[0];
    const who = ownerName(first.record.rollout?.owner);
    const waited = d.clock.now() - started;
    if (waited >= d.lockTimeoutMs) {
      throw new LockTimeoutError(
        `${cap(who)} is rolling out ${first.record.release.version} in ${d.environment} (deployment ${first.record.id}; ${first.owner.detail}) and did not finish within lock-timeout (${formatDuration(d.lockTimeoutMs)}): wait for it, cancel it, or use a concurrency group so runs queue.`
      );
    }
    if (announced !== first.record.id) {
      announced = first.record.id;
      d.logger.info(
        `Waiting for ${escapeLogText(who)}, which is rolling out ${escapeLogText(first.record.release.version)} in ${d.environment} (up to ${formatDuration(d.lockTimeoutMs - waited)} more).`
      );
    }
    await d.clock.sleep(Math.min(POLL_MS, Math.max(1, d.lockTimeoutMs - waited)), d.signal);
  }
}

async function closeStale(d: SettleDeps, r: DeploymentRecord, newer: DeploymentRecord): Promise<string> {
  const note = `Closed deployment ${r.id} (${r.release.version}): it never finished, and ${newer.release.version} (deployment ${newer.id}) was deployed after it.`;
  await d.ledger.record(r.id, 'error', { description: `Never finished; superseded by ${newer.release.version} (deployment ${newer.id}). Closed by ${d.me}.` });
  d.logger.warning(note);
  return note;
}

/** Stable back to 100 %, then the record says what happened. Throws when the target cannot restore. */
async function retireOrphan(d: SettleDeps, r: DeploymentRecord, why: string, view: EnvironmentView): Promise<string> {
  const status = await d.target.status();
  // What the orphan replaced is stable (the view's last good excludes the version about to deploy).
  const stable: Release | null = status.stable ?? r.rollout?.previous ?? view.lastGood?.release ?? null;
  const at = r.progress?.weight ?? (status.canary?.version === r.release.version ? status.weight : 0);
  const owner = ownerName(r.rollout?.owner);
  d.logger.warning(
    `Deployment ${r.id} (${escapeLogText(r.release.version)} at ${at} %) was left unfinished by ${escapeLogText(owner)} (${escapeLogText(why)}): restoring ${escapeLogText(stable?.version ?? 'the stable version')} before going on.`
  );
  try {
    await d.target.rollback(stable, {
      environment: d.environment,
      deploymentId: r.id,
      version: r.release.version,
      previousVersion: stable?.version ?? '',
      weight: 0,
      artifact: r.release.artifact,
      digest: r.release.digest
    });
  } catch (err) {
    throw new Error(
      `Deployment ${r.id} (${r.release.version}) was left unfinished by ${owner}, and restoring ${stable?.version ?? 'stable'} failed: ${errorMessage(err)}; check the target by hand.`,
      { cause: err }
    );
  }
  const note = `Retired deployment ${r.id} (${r.release.version} at ${at} %) left by ${owner} (${why}): traffic is back on ${stable?.version ?? 'the stable version'}.`;
  await d.ledger.record(r.id, 'error', { description: `Orphaned at ${at} % (${why}); traffic back on ${stable?.version ?? 'stable'}. Retired by ${d.me}.` });
  return note;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
