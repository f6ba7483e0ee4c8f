import type { DeployContext } from '../../ports/deploy-target.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import { type Kubectl, KubectlError, type ObjectRef } from '../../targets/kubernetes/kubectl.js';
import { gatewayWeightPatch, type HttpRoute, routeBackends, routeWeight } from '../../targets/kubernetes/objects.js';
import { escapeLogText } from '../../util/escape.js';
import type { Logger } from '../../util/log.js';
import { checkPercent } from './replicas.js';

export interface GatewayApiRouterOptions {
  kubectl: Kubectl;
  /** httproute: the HTTPRoute whose backendRef weights are set. */
  httproute: string;
  /** service: the stable Service named in the route's backendRefs. */
  service: string;
  /** canary-service: the canary Service named beside it. */
  canaryService: string;
  logger: Logger;
}

/**
 * `traffic: gateway-api`: the weights of the HTTPRoute's backendRefs to `service` (100 − w) and
 * `canary-service` (w), in every rule naming both, set by one JSON patch whose `test` operations
 * check each backendRef's name and current weight: a concurrent edit makes the API server refuse
 * the whole patch. Then the route is read again and the patch built anew, once; a second refusal
 * fails the step. The patched route kubectl returns is checked to carry the weights asked for.
 */
export class GatewayApiRouter implements TrafficRouter {
  readonly name = 'gateway-api';

  constructor(private readonly options: GatewayApiRouterOptions) {
    if (options.service === options.canaryService) {
      throw new Error(`canary-service ${JSON.stringify(options.canaryService)} is also the service: name two different Services.`);
    }
  }

  private get ref(): ObjectRef {
    return `httproute/${this.options.httproute}`;
  }

  private get subject(): string {
    return `${this.ref}${this.options.kubectl.where}`;
  }

  async preflight(): Promise<void> {
    const route = await this.options.kubectl.get<HttpRoute>(this.ref);
    routeBackends(route, this.options.service, this.options.canaryService, this.subject);
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    checkPercent(percent);
    await this.apply(percent, context.signal);
  }

  /** Weight 0 (stable 100); ignores cancellation; safe twice (a route already so is not patched). */
  async reset(_context: DeployContext): Promise<void> {
    await this.apply(0, undefined);
  }

  async currentWeight(): Promise<number | null> {
    try {
      return routeWeight(await this.options.kubectl.get<HttpRoute>(this.ref), this.options.service, this.options.canaryService);
    } catch (err) {
      this.options.logger.debug(`gateway-api: cannot read ${this.subject}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  private async apply(percent: number, signal: AbortSignal | undefined): Promise<void> {
    const k = this.options.kubectl;
    const { service, canaryService } = this.options;
    for (let attempt = 1; ; attempt++) {
      const route = await k.get<HttpRoute>(this.ref, signal);
      const patch = gatewayWeightPatch(route, { service, canaryService, weight: percent, subject: this.subject });
      if (patch.length === 0) {
        this.options.logger.info(
          `gateway-api: canary ${percent} % — ${this.subject} already sends ${100 - percent} to ${service} and ${percent} to ${canaryService}.`
        );
        return;
      }
      let patched: HttpRoute | null;
      try {
        patched = await k.patch<HttpRoute>(this.ref, 'json', patch, signal);
      } catch (err) {
        if (!(err instanceof KubectlError) || !err.conflict) throw err;
        if (attempt >= 2) {
          throw new Error(
            `gateway-api: ${this.subject} changed while its weights were being set to canary ${percent} %, again after it was read anew, so the API server refused the guarded patch twice: ${err.reason}.`,
            { cause: err }
          );
        }
        this.options.logger.warning(`gateway-api: ${this.subject} changed since it was read (${err.reason}); reading it again and retrying once.`);
        continue;
      }
      const now = patched ? routeWeight(patched, service, canaryService) : null;
      if (patched && now !== percent) {
        throw new Error(
          `gateway-api: ${this.subject} was patched to canary ${percent} %, but the API server returned it at ${now === null ? 'no readable weight' : `${now} %`}.`
        );
      }
      const rules = new Set(patch.filter((op) => op.op !== 'test').map((op) => op.path.split('/')[3])).size;
      this.options.logger.info(
        `gateway-api: canary ${percent} % — ${this.subject} weights ${escapeLogText(service, 253)} ${100 - percent} / ${escapeLogText(canaryService, 253)} ${percent} in ${rules} rule${rules === 1 ? '' : 's'}, guarded by test operations.`
      );
      return;
    }
  }
}
