import type { Release } from '../../model/release.js';
import type { DeployContext, DeployTarget, PreflightIntent, TargetStatus } from '../../ports/deploy-target.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import { GatewayApiRouter } from '../../routers/kubernetes/gateway-api.js';
import { IngressNginxRouter } from '../../routers/kubernetes/ingress-nginx.js';
import { checkPercent, ReplicasRouter, replicaTotal } from '../../routers/kubernetes/replicas.js';
import { escapeLogText } from '../../util/escape.js';
import type { Logger } from '../../util/log.js';
import { Kubectl, type ObjectRef } from './kubectl.js';
import {
  buildCanaryDeployment,
  canaryName,
  type Container,
  type Deployment,
  DEPLOYMENT_ID_ANNOTATION,
  findContainer,
  IMAGE_ANNOTATION,
  isShipgateCanary,
  PREVIOUS_IMAGE_ANNOTATION,
  PREVIOUS_RELEASE_ANNOTATION,
  promotionPatch,
  RELEASE_ANNOTATION,
  releaseOf,
  resolveImage,
  restorePatch,
  STABLE_REPLICAS_ANNOTATION
} from './objects.js';

/** traffic, for target: kubernetes. */
export type KubernetesTrafficName = 'replicas' | 'gateway-api' | 'ingress-nginx';

export interface KubernetesTargetOptions {
  /** namespace: '' uses the kube-context's namespace. */
  namespace: string;
  /** kube-context: absent or '' uses the kubeconfig's current context. */
  context?: string;
  /** deployment: the stable Deployment; the canary is `<deployment>-canary`. */
  deployment: string;
  /** container: whose image is set; '' = the pod's only container. */
  container: string;
  /** image: may hold `{{version}}`; absent or '': the release's image, else the stable image with the version as its tag. */
  image?: string;
  /** service: the stable Service (gateway-api; ingress-nginx: which backends move). */
  service?: string;
  /** canary-service: the Service selecting the canary pods (`shipgate.dev/track: canary`). */
  canaryService?: string;
  /** httproute (gateway-api). */
  httproute?: string;
  /** ingress (ingress-nginx). */
  ingress?: string;
  /** traffic: who splits traffic; default `replicas`. */
  traffic?: KubernetesTrafficName;
  /** rollout-timeout: how long a Deployment may take to become ready (`kubectl rollout status --timeout`). */
  rolloutTimeoutMs: number;
  logger: Logger;
  /** The job's environment (KUBECONFIG, cloud credentials for exec plugins), passed to kubectl through childEnv. */
  env: NodeJS.ProcessEnv;
  /** Path of kubectl; default `kubectl` on PATH. */
  kubectl?: string;
  /** Per kubectl command other than `rollout status`; default 60 s. */
  timeoutMs?: number;
}

/** What the canary Deployment says about itself (labels and annotations), read back from the cluster. */
export interface KubernetesCanaryInfo {
  release: Release;
  deploymentId: string | null;
  image: string | null;
  replicas: number;
}

/**
 * `target: kubernetes`, driving kubectl with the job's kubeconfig. The workload is two
 * Deployments: the stable one (the user's) and `<deployment>-canary`, a copy with the new image,
 * labelled `shipgate.dev/track: canary` and annotated with the release and deployment id. Traffic
 * is split by the router (`traffic`): replica counts, HTTPRoute weights or an ingress-nginx canary
 * Ingress. Nothing is kept on the runner: status is read back from the cluster, so a fresh runner
 * can promote, abort or retire a canary whose run died. Every kubectl failure fails the target
 * with one sentence naming the object.
 */
export class KubernetesTarget implements DeployTarget {
  readonly name = 'kubernetes';
  readonly kubectl: Kubectl;
  readonly router: TrafficRouter;
  readonly traffic: KubernetesTrafficName;

  constructor(private readonly options: KubernetesTargetOptions) {
    if (!options.deployment) throw new Error('target: kubernetes needs the deployment input (the stable Deployment to copy the canary from).');
    if (canaryName(options.deployment).length > 253) throw new Error(`The deployment name is too long for a "-canary" copy (at most 246 characters).`);
    this.traffic = options.traffic ?? 'replicas';
    this.kubectl = new Kubectl({
      kubectl: options.kubectl,
      context: options.context || undefined,
      namespace: options.namespace || undefined,
      env: options.env,
      timeoutMs: options.timeoutMs,
      logger: options.logger
    });
    const { logger } = options;
    const kubectl = this.kubectl;
    if (this.traffic === 'gateway-api') {
      const { httproute, service, canaryService } = options;
      if (!httproute) throw new Error('traffic: gateway-api needs the httproute input (the HTTPRoute whose backendRef weights Shipgate sets).');
      if (!service) throw new Error("traffic: gateway-api needs the service input (the stable Service named in the HTTPRoute's backendRefs).");
      if (!canaryService) throw new Error("traffic: gateway-api needs the canary-service input (the canary Service named in the HTTPRoute's backendRefs).");
      this.router = new GatewayApiRouter({ kubectl, httproute, service, canaryService, logger });
    } else if (this.traffic === 'ingress-nginx') {
      const { ingress, service, canaryService } = options;
      if (!ingress) throw new Error('traffic: ingress-nginx needs the ingress input (the stable Ingress copied into <ingress>-canary).');
      if (!canaryService) throw new Error('traffic: ingress-nginx needs the canary-service input (where the canary Ingress sends requests).');
      this.router = new IngressNginxRouter({ kubectl, ingress, service: service || undefined, canaryService, logger });
    } else {
      this.router = new ReplicasRouter({ kubectl, deployment: options.deployment, rolloutTimeoutMs: options.rolloutTimeoutMs, logger });
    }
  }

  private get stableRef(): ObjectRef {
    return `deployment/${this.options.deployment}`;
  }

  private get canaryRef(): ObjectRef {
    return `deployment/${canaryName(this.options.deployment)}`;
  }

  private subject(ref: ObjectRef): string {
    return `${ref}${this.kubectl.where}`;
  }

  /** Reads the stable Deployment and its container, and lets the router check its objects. A restore needs only the router. */
  async preflight(intent?: PreflightIntent): Promise<void> {
    if (!intent || !('restore' in intent)) {
      const stable = await this.kubectl.get<Deployment>(this.stableRef);
      findContainer(stable, this.options.container, this.subject(this.stableRef));
      if (this.traffic === 'replicas' && (stable.spec?.replicas ?? 1) < 1) {
        throw new Error(`${this.subject(this.stableRef)} has 0 replicas: traffic: replicas splits the stable Deployment's replicas, so scale it up first.`);
      }
      await this.ownCanary();
    }
    await this.router.preflight?.();
  }

  /**
   * Applies `<deployment>-canary` (a copy of the stable Deployment with the release's image) and
   * waits for its rollout. With traffic: replicas it starts at 0 pods (weight 0: the shared Service
   * must send it nothing) and each setWeight waits for the pods it adds; with the other routers it
   * has the stable Deployment's replicas, ready before any weight reaches it.
   */
  async deployCanary(release: Release, context: DeployContext): Promise<void> {
    const k = this.kubectl;
    const signal = context.signal;
    const stable = await k.get<Deployment>(this.stableRef, signal);
    const container = findContainer(stable, this.options.container, this.subject(this.stableRef));
    const image = resolveImage(this.options.image, release, container.image);
    const existing = await this.ownCanary(signal);
    // A canary left by a run that died keeps the total it split: the stable Deployment may be scaled down by it.
    const left = Number(existing?.metadata?.annotations?.[STABLE_REPLICAS_ANNOTATION]);
    const stableReplicas = Number.isInteger(left) && left > 0 ? left : (stable.spec?.replicas ?? 1);
    if (existing) {
      const ann = existing.metadata?.annotations ?? {};
      this.options.logger.warning(
        `kubernetes: ${this.subject(this.canaryRef)} is left from deployment ${escapeLogText(ann[DEPLOYMENT_ID_ANNOTATION] ?? 'unknown', 100)} (release ${escapeLogText(ann[RELEASE_ANNOTATION] ?? 'unknown', 100)}): replacing it.`
      );
    }
    if (this.traffic === 'replicas' && stableReplicas < 1) {
      throw new Error(`${this.subject(this.stableRef)} has 0 replicas: traffic: replicas splits the stable Deployment's replicas, so scale it up first.`);
    }
    const canary = buildCanaryDeployment(stable, {
      name: canaryName(this.options.deployment),
      container: container.name,
      image,
      release,
      deploymentId: context.deploymentId,
      replicas: this.traffic === 'replicas' ? 0 : stableReplicas,
      stableReplicas
    });
    await k.apply(canary, signal);
    await k.rolloutStatus(this.canaryRef, this.options.rolloutTimeoutMs, signal);
    this.options.logger.info(
      `kubernetes: ${this.subject(this.canaryRef)} runs ${escapeLogText(image, 300)} (release ${escapeLogText(release.version, 100)}) with ${canary.spec?.replicas} replicas, rolled out; weight 0 %.`
    );
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    checkPercent(percent);
    if (context.signal?.aborted) throw new Error(`The canary weight was not changed to ${percent} %: the job was cancelled.`);
    await this.router.setWeight(percent, context);
  }

  /**
   * The stable Deployment gets the canary's image (a strategic merge patch on the container, with
   * the release annotations; with traffic: replicas also its full replica count), its rollout is
   * waited for, the weight goes back to stable (router reset), and the canary is deleted. The
   * patch records what ran before (`shipgate.dev/previous-image`), so a rollback after a promotion
   * that failed half-way puts it back.
   */
  async promote(context: DeployContext): Promise<void> {
    const k = this.kubectl;
    const signal = context.signal;
    const canary = await this.ownCanary(signal);
    const stable = await k.get<Deployment>(this.stableRef, signal);
    const stableContainer = findContainer(stable, this.options.container, this.subject(this.stableRef));
    if (!canary) {
      if (releaseOf(stable, stableContainer)?.version === context.version && stable.metadata?.annotations?.[RELEASE_ANNOTATION] === context.version) {
        // A promotion that got as far as deleting the canary: only the traffic is made sure of.
        await this.router.reset({ ...context, weight: 0, signal: undefined });
        this.options.logger.info(
          `kubernetes: ${this.subject(this.stableRef)} already runs release ${escapeLogText(context.version, 100)}; nothing left to promote.`
        );
        return;
      }
      throw new Error(`${this.subject(this.canaryRef)} does not exist, so there is no canary to promote to release ${escapeLogText(context.version, 100)}.`);
    }
    const canaryContainer = findContainer(canary, stableContainer.name, this.subject(this.canaryRef));
    const release = releaseOf(canary, canaryContainer);
    if (!release || !canaryContainer.image) throw new Error(`${this.subject(this.canaryRef)} has no image on container ${stableContainer.name} to promote.`);
    if (release.version !== context.version) {
      throw new Error(
        `${this.subject(this.canaryRef)} runs release ${escapeLogText(release.version, 100)}, not ${escapeLogText(context.version, 100)}: another run replaced it, so it is not promoted.`
      );
    }
    const ann = stable.metadata?.annotations ?? {};
    // Promoting again after a failed attempt: what ran before is what the first attempt recorded.
    const retry = ann[RELEASE_ANNOTATION] === release.version && !!ann[PREVIOUS_IMAGE_ANNOTATION];
    const previousImage = retry ? ann[PREVIOUS_IMAGE_ANNOTATION] : (stableContainer.image ?? '');
    const previousRelease = retry ? (ann[PREVIOUS_RELEASE_ANNOTATION] ?? null) : (releaseOf(stable, stableContainer)?.version ?? null);
    const patch = promotionPatch({
      container: stableContainer.name,
      image: canaryContainer.image,
      release,
      deploymentId: context.deploymentId,
      replicas: this.traffic === 'replicas' ? replicaTotal(canary, stable) : undefined,
      previousImage,
      previousRelease
    });
    await k.patch(this.stableRef, 'strategic', patch, signal);
    this.options.logger.info(
      `kubernetes: ${this.subject(this.stableRef)} set to ${escapeLogText(canaryContainer.image, 300)} (release ${escapeLogText(release.version, 100)}); waiting for its rollout.`
    );
    await k.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs, signal);
    await this.router.reset({ ...context, weight: 0, signal: undefined });
    await k.delete(this.canaryRef);
    this.options.logger.info(`kubernetes: release ${escapeLogText(release.version, 100)} promoted; ${this.subject(this.canaryRef)} deleted.`);
  }

  /**
   * Weight 0 first (router reset, then onTrafficRestored), then the canary Deployment is deleted.
   * When the reset fails the canary is kept (deleting it would turn its share of the traffic into
   * errors with gateway-api and ingress-nginx) and the error is thrown. A stable Deployment that a
   * failed promotion of this release already changed is put back to the image it ran before.
   * Ignores cancellation; safe twice.
   */
  async rollback(toRelease: Release | null, context: DeployContext): Promise<void> {
    const k = this.kubectl;
    const quiet: DeployContext = { ...context, weight: 0, signal: undefined };
    await this.router.reset(quiet);
    context.onTrafficRestored?.();
    const errors: unknown[] = [];
    try {
      const canary = await this.ownCanary();
      if (canary) {
        await k.delete(this.canaryRef);
        this.options.logger.info(`kubernetes: ${this.subject(this.canaryRef)} deleted.`);
      }
    } catch (err) {
      errors.push(err);
    }
    try {
      await this.undoPromotion(toRelease, context);
    } catch (err) {
      errors.push(err);
    }
    if (errors.length) throw errors[0];
  }

  /** Puts back the stable Deployment's previous image when a promotion of this release changed it and did not finish. */
  private async undoPromotion(toRelease: Release | null, context: DeployContext): Promise<void> {
    const stable = await this.kubectl.find<Deployment>(this.stableRef);
    const ann = stable?.metadata?.annotations ?? {};
    const previousImage = ann[PREVIOUS_IMAGE_ANNOTATION];
    if (!stable || ann[RELEASE_ANNOTATION] !== context.version || !previousImage || toRelease?.version === context.version) return;
    const container = findContainer(stable, this.options.container, this.subject(this.stableRef));
    const previousRelease = ann[PREVIOUS_RELEASE_ANNOTATION] ?? null;
    await this.kubectl.patch(this.stableRef, 'strategic', restorePatch(container.name, previousImage, previousRelease));
    this.options.logger.info(
      `kubernetes: ${this.subject(this.stableRef)} was already changed to release ${escapeLogText(context.version, 100)} by the promotion; put back to ${escapeLogText(previousImage, 300)}.`
    );
    await this.kubectl.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs);
  }

  /**
   * Read back from the cluster: stable from the stable Deployment (its release annotation, while
   * it belongs to the image it runs; else the image tag), the canary from `<deployment>-canary`'s
   * labels and annotations (null when there is none, or it is not Shipgate's), the weight from the
   * router.
   */
  async status(): Promise<TargetStatus> {
    const stable = await this.kubectl.find<Deployment>(this.stableRef);
    const info = await this.canaryInfo();
    let weight = 0;
    if (info) {
      const w = await this.router.currentWeight?.();
      if (w === null || w === undefined) this.options.logger.debug(`kubernetes: ${this.router.name} could not tell the canary's weight; reporting 0 %.`);
      weight = w ?? 0;
    }
    return { stable: stable ? releaseOf(stable, this.containerOf(stable)) : null, canary: info?.release ?? null, weight };
  }

  /** The canary Deployment as it describes itself, or null when there is none (or it is not Shipgate's). */
  async canaryInfo(): Promise<KubernetesCanaryInfo | null> {
    const canary = await this.kubectl.find<Deployment>(this.canaryRef);
    if (!canary || !isShipgateCanary(canary)) return null;
    const container = this.containerOf(canary);
    const ann = canary.metadata?.annotations ?? {};
    const release = releaseOf(canary, container) ?? { version: 'unknown' };
    return {
      release,
      deploymentId: ann[DEPLOYMENT_ID_ANNOTATION] ?? null,
      image: container?.image ?? ann[IMAGE_ANNOTATION] ?? null,
      replicas: canary.spec?.replicas ?? 1
    };
  }

  private containerOf(d: Deployment): Container | undefined {
    try {
      return findContainer(d, this.options.container, this.subject(this.stableRef));
    } catch {
      return undefined;
    }
  }

  /** The canary Deployment when it exists; throws when a Deployment of that name is not Shipgate's (it is never replaced or deleted). */
  private async ownCanary(signal?: AbortSignal): Promise<Deployment | null> {
    const canary = await this.kubectl.find<Deployment>(this.canaryRef, signal);
    if (canary && !isShipgateCanary(canary)) {
      throw new Error(
        `${this.subject(this.canaryRef)} exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another deployment.`
      );
    }
    return canary;
  }
}
