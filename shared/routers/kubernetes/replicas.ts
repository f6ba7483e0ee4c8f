import type { DeployContext } from '../../ports/deploy-target.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import { type Kubectl, type ObjectRef } from '../../targets/kubernetes/kubectl.js';
import { canaryName, type Deployment, isShipgateCanary, STABLE_REPLICAS_ANNOTATION } from '../../targets/kubernetes/objects.js';
import type { Logger } from '../../util/log.js';

export interface ReplicasRouterOptions {
  kubectl: Kubectl;
  /** deployment: the stable Deployment; the canary is `<deployment>-canary`. */
  deployment: string;
  /** rollout-timeout: how long the side being scaled up may take to become ready. */
  rolloutTimeoutMs: number;
  logger: Logger;
}

/** Canary and stable replica counts. */
export interface ReplicaSplit {
  canary: number;
  stable: number;
}

/**
 * The weight as replica counts out of the stable Deployment's replicas at the start (`total`), as
 * in Argo Rollouts' basic canary: 0 → all on stable; 100 → all on the canary; in between the canary
 * gets round(total·w/100) pods but at least 1, and stable keeps the rest but at least 1 (so the
 * two may add up to total + 1 for a small total).
 */
export function replicaSplit(total: number, weight: number): ReplicaSplit {
  if (weight <= 0) return { canary: 0, stable: total };
  if (weight >= 100) return { canary: total, stable: 0 };
  const canary = Math.max(1, Math.round((total * weight) / 100));
  return { canary, stable: Math.max(1, total - canary) };
}

/** The canary's share of the pods in percent (what a Service selecting both sends it, pod for pod). */
export function replicaShare(split: ReplicaSplit): number {
  const total = split.canary + split.stable;
  return total === 0 ? 0 : Math.round((split.canary * 100) / total);
}

/**
 * `traffic: replicas`: one Service selects the pods of both Deployments, and the weight is the
 * share of pods. Scaling up comes first and is waited for (`rollout status`), so capacity never
 * dips below what the step needs; each scale carries `--current-replicas` so a concurrent change
 * (an HPA, a person) fails the step instead of being overwritten. The total comes from the
 * canary's `shipgate.dev/stable-replicas` annotation, so a fresh runner splits the same way.
 */
export class ReplicasRouter implements TrafficRouter {
  readonly name = 'replicas';

  constructor(private readonly options: ReplicasRouterOptions) {}

  private get stableRef(): ObjectRef {
    return `deployment/${this.options.deployment}`;
  }

  private get canaryRef(): ObjectRef {
    return `deployment/${canaryName(this.options.deployment)}`;
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    checkPercent(percent);
    const k = this.options.kubectl;
    const signal = context.signal;
    const canary = await k.find<Deployment>(this.canaryRef, signal);
    if (!canary || !isShipgateCanary(canary)) {
      throw new Error(
        `replicas: ${this.canaryRef}${k.where} ${canary ? 'is not a Shipgate canary' : 'does not exist'}, so the canary cannot be given ${percent} %.`
      );
    }
    const stable = await k.get<Deployment>(this.stableRef, signal);
    const total = replicaTotal(canary, stable);
    const now: ReplicaSplit = { canary: canary.spec?.replicas ?? 1, stable: stable.spec?.replicas ?? 1 };
    const next = replicaSplit(total, percent);
    const timeout = this.options.rolloutTimeoutMs;
    // Up before down: the side that grows is ready before the other shrinks.
    if (next.canary > now.canary) {
      await k.scale(this.canaryRef, next.canary, now.canary, signal);
      await k.rolloutStatus(this.canaryRef, timeout, signal);
    }
    if (next.stable !== now.stable) {
      await k.scale(this.stableRef, next.stable, now.stable, signal);
      if (next.stable > now.stable) await k.rolloutStatus(this.stableRef, timeout, signal);
    }
    if (next.canary < now.canary) await k.scale(this.canaryRef, next.canary, now.canary, signal);
    this.options.logger.info(
      `replicas: canary ${percent} % asked — ${next.canary} canary and ${next.stable} stable pods of ${total} (${replicaShare(next)} % of the pods)${next.canary === now.canary && next.stable === now.stable ? ', already so' : ''}.`
    );
  }

  /**
   * The canary to 0 pods first (that alone takes it out of the Service), then stable back to its
   * total — except from 100 %, where stable has no pods: then stable is scaled up and waited for
   * first. Every step is tried even when one fails; ignores cancellation; nothing to do without a canary.
   */
  async reset(_context: DeployContext): Promise<void> {
    const k = this.options.kubectl;
    const canary = await k.find<Deployment>(this.canaryRef);
    if (!canary) {
      this.options.logger.debug(`replicas: no ${this.canaryRef}${k.where}; nothing to scale.`);
      return;
    }
    if (!isShipgateCanary(canary))
      throw new Error(`replicas: ${this.canaryRef}${k.where} is not a Shipgate canary (no label shipgate.dev/track=canary): it was left alone.`);
    const stable = await k.get<Deployment>(this.stableRef);
    const total = replicaTotal(canary, stable);
    const errors: unknown[] = [];
    const canaryDown = async () => {
      if ((canary.spec?.replicas ?? 1) !== 0) await k.scale(this.canaryRef, 0).catch((e: unknown) => void errors.push(e));
    };
    const stableUp = async () => {
      if ((stable.spec?.replicas ?? 1) !== total) await k.scale(this.stableRef, total).catch((e: unknown) => void errors.push(e));
    };
    if ((stable.spec?.replicas ?? 1) === 0 && (canary.spec?.replicas ?? 1) > 0) {
      // At 100 % stable has no pods: taking the canary's first would leave the Service with none.
      await stableUp();
      if (!errors.length) await k.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs).catch((e: unknown) => void errors.push(e));
      await canaryDown();
    } else {
      await canaryDown();
      await stableUp();
    }
    if (errors.length) throw errors[0];
    this.options.logger.info(`replicas: canary 0 % — 0 canary and ${total} stable pods.`);
  }

  async currentWeight(): Promise<number | null> {
    const k = this.options.kubectl;
    try {
      const canary = await k.find<Deployment>(this.canaryRef);
      if (!canary || !isShipgateCanary(canary)) return 0;
      const stable = await k.get<Deployment>(this.stableRef);
      return replicaShare({ canary: canary.spec?.replicas ?? 1, stable: stable.spec?.replicas ?? 1 });
    } catch (err) {
      this.options.logger.debug(`replicas: cannot read the replica counts: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }
}

/** The total from the canary's annotation; without one (an older canary), the pods of both now. */
export function replicaTotal(canary: Deployment, stable: Deployment): number {
  const n = Number(canary.metadata?.annotations?.[STABLE_REPLICAS_ANNOTATION]);
  if (Number.isInteger(n) && n > 0) return n;
  return Math.max(1, (stable.spec?.replicas ?? 1) + (canary.spec?.replicas ?? 0));
}

export function checkPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new Error(`The canary weight ${percent} is not a whole percentage from 0 to 100.`);
}
