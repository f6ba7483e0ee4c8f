import type { DeployContext } from '../../ports/deploy-target.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import type { Kubectl, ObjectRef } from '../../targets/kubernetes/kubectl.js';
import { buildCanaryIngress, canaryName, type Ingress, ingressWeight, ingressWeightPatch, isShipgateCanary } from '../../targets/kubernetes/objects.js';
import { escapeLogText } from '../../util/escape.js';
import type { Logger } from '../../util/log.js';
import { checkPercent } from './replicas.js';

export interface IngressNginxRouterOptions {
  kubectl: Kubectl;
  /** ingress: the stable Ingress; the canary Ingress is `<ingress>-canary`. */
  ingress: string;
  /** service: the stable Service among the Ingress's backends; absent: every Service backend moves to the canary-service. */
  service?: string;
  /** canary-service: the Service the canary Ingress sends to. */
  canaryService: string;
  logger: Logger;
}

/**
 * `traffic: ingress-nginx`: a `<ingress>-canary` Ingress, copied from the stable one with its
 * backends pointed at `canary-service` and the annotations `nginx.ingress.kubernetes.io/canary:
 * "true"` and `canary-weight: "<w>"` (ingress-nginx's canary by weight). Each step applies the
 * whole copy again (so it follows changes to the stable Ingress). A reset sets the weight to 0,
 * then deletes the copy. The ingress-nginx project has been retired: prefer gateway-api.
 */
export class IngressNginxRouter implements TrafficRouter {
  readonly name = 'ingress-nginx';

  constructor(private readonly options: IngressNginxRouterOptions) {}

  private get stableRef(): ObjectRef {
    return `ingress/${this.options.ingress}`;
  }

  private get canaryRef(): ObjectRef {
    return `ingress/${canaryName(this.options.ingress)}`;
  }

  private where(ref: ObjectRef): string {
    return `${ref}${this.options.kubectl.where}`;
  }

  async preflight(): Promise<void> {
    this.build(await this.options.kubectl.get<Ingress>(this.stableRef), 0);
    await this.ownCanary();
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    checkPercent(percent);
    const k = this.options.kubectl;
    const stable = await k.get<Ingress>(this.stableRef, context.signal);
    await this.ownCanary(context.signal);
    await k.apply(this.build(stable, percent), context.signal);
    this.options.logger.info(
      `ingress-nginx: canary ${percent} % — ${this.where(this.canaryRef)} applied with canary-weight "${percent}", sending to ${escapeLogText(this.options.canaryService, 253)}.`
    );
  }

  /**
   * canary-weight "0" first (ingress-nginx applies it without a reload), then the canary Ingress is
   * deleted. When the weight cannot be set the deletion is still tried: once it is gone no request
   * reaches the canary either. Ignores cancellation; safe twice.
   */
  async reset(_context: DeployContext): Promise<void> {
    const k = this.options.kubectl;
    const canary = await this.ownCanary();
    if (!canary) {
      this.options.logger.debug(`ingress-nginx: no ${this.where(this.canaryRef)}; nothing to reset.`);
      return;
    }
    if (ingressWeight(canary) !== 0) {
      try {
        await k.patch(this.canaryRef, 'merge', ingressWeightPatch(0));
      } catch (err) {
        this.options.logger.warning(`ingress-nginx: ${err instanceof Error ? err.message : String(err)} Deleting the canary Ingress anyway.`);
      }
    }
    await k.delete(this.canaryRef);
    this.options.logger.info(`ingress-nginx: canary 0 % — ${this.where(this.canaryRef)} set to canary-weight "0" and deleted.`);
  }

  async currentWeight(): Promise<number | null> {
    try {
      const canary = await this.options.kubectl.find<Ingress>(this.canaryRef);
      return canary && isShipgateCanary(canary) ? ingressWeight(canary) : 0;
    } catch (err) {
      this.options.logger.debug(`ingress-nginx: cannot read ${this.where(this.canaryRef)}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  /** The canary Ingress when it exists; throws when an Ingress of that name is not Shipgate's (it is never overwritten or deleted). */
  private async ownCanary(signal?: AbortSignal): Promise<Ingress | null> {
    const canary = await this.options.kubectl.find<Ingress>(this.canaryRef, signal);
    if (canary && !isShipgateCanary(canary)) {
      throw new Error(
        `ingress-nginx: ${this.where(this.canaryRef)} exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another ingress.`
      );
    }
    return canary;
  }

  private build(stable: Ingress, weight: number): Ingress {
    const { service, canaryService } = this.options;
    return buildCanaryIngress(stable, { name: canaryName(this.options.ingress), service, canaryService, weight, subject: this.where(this.stableRef) });
  }
}
