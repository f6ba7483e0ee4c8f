/**
 * The Kubernetes objects and patches Shipgate writes, built from what kubectl read (pure: no I/O).
 * Every one of them is validated against the Kubernetes OpenAPI schemas in the unit tests
 * (kubernetes-models, @kubernetes-models/gateway-api).
 */
import type { Release } from '../../model/release.js';
import { escapeLogText } from '../../util/escape.js';

/** On the canary's metadata, selector and pod template: tells its pods apart and finds it again from a fresh runner. */
export const TRACK_LABEL = 'shipgate.dev/track';
export const CANARY_TRACK = 'canary';
/** The release (version) a Deployment runs, set on the canary and, once promoted, on the stable Deployment. */
export const RELEASE_ANNOTATION = 'shipgate.dev/release';
export const DEPLOYMENT_ID_ANNOTATION = 'shipgate.dev/deployment-id';
/** The release's artifact digest, when it has one. */
export const DIGEST_ANNOTATION = 'shipgate.dev/digest';
/** The image the release annotation belongs to: when someone changes the image outside Shipgate, the annotation is stale and not believed. */
export const IMAGE_ANNOTATION = 'shipgate.dev/image';
/** On the canary: the stable Deployment's replicas when the canary was created (the replicas router's total). */
export const STABLE_REPLICAS_ANNOTATION = 'shipgate.dev/stable-replicas';
/** On the stable Deployment while a promotion runs: what it ran before, so a failed promotion can be undone. */
export const PREVIOUS_IMAGE_ANNOTATION = 'shipgate.dev/previous-image';
export const PREVIOUS_RELEASE_ANNOTATION = 'shipgate.dev/previous-release';
export const NGINX_CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const NGINX_CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export interface Container {
  name: string;
  image?: string;
  [key: string]: unknown;
}

export interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector?: { matchLabels?: Record<string, string>; [key: string]: unknown };
    template?: { metadata?: ObjectMeta; spec?: { containers?: Container[]; [key: string]: unknown } };
    [key: string]: unknown;
  };
}

export interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  [key: string]: unknown;
}

export interface HttpRoute extends KubeObject {
  spec?: { rules?: { backendRefs?: BackendRef[]; [key: string]: unknown }[]; [key: string]: unknown };
}

export interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: unknown;
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: { host?: string; http?: { paths: { path?: string; pathType?: string; backend: IngressBackend }[] } }[];
    tls?: unknown[];
    [key: string]: unknown;
  };
}

/** A strategic merge patch of a Deployment (containers merge by name; a null annotation is deleted). */
export interface DeploymentPatch {
  metadata: { annotations: Record<string, string | null> };
  spec: { replicas?: number; template: { spec: { containers: { name: string; image: string }[] } } };
}

/** One RFC 6902 operation, as `kubectl patch --type=json` sends it. */
export interface JsonPatchOp {
  op: 'test' | 'replace' | 'add' | 'remove';
  path: string;
  value?: unknown;
}

export function canaryName(name: string): string {
  return `${name}-canary`;
}

/** Server-set fields and client bookkeeping that must not be copied into a new object. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'ownerReferences',
  'deletionTimestamp',
  'finalizers'
];
/**
 * Annotations and labels of the stable object that would misdescribe a copy: kubectl's and the
 * Deployment controller's bookkeeping, Helm's ownership, Argo CD's tracking (Argo CD would prune a
 * copy carrying them), and Shipgate's own (set afresh).
 */
const NOT_COPIED_ANNOTATIONS =
  /^(kubectl\.kubernetes\.io\/last-applied-configuration|deployment\.kubernetes\.io\/|meta\.helm\.sh\/|argocd\.argoproj\.io\/|shipgate\.dev\/)/;
const NOT_COPIED_LABELS = /^(app\.kubernetes\.io\/instance$|argocd\.argoproj\.io\/)/;

function copyMeta(from: ObjectMeta | undefined, name: string): ObjectMeta {
  const labels = Object.fromEntries(Object.entries(from?.labels ?? {}).filter(([k]) => !NOT_COPIED_LABELS.test(k)));
  const annotations = Object.fromEntries(Object.entries(from?.annotations ?? {}).filter(([k]) => !NOT_COPIED_ANNOTATIONS.test(k)));
  const meta: ObjectMeta = { name, labels, annotations };
  if (from?.namespace) meta.namespace = from.namespace;
  return meta;
}

/** An image reference with nothing a shell, YAML or a flag parser would read specially (no whitespace, quotes, `;`, `$`, …). */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/;
/** A Docker tag. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Returns the image when it is a plain image reference; else throws one sentence naming where it came from. */
export function checkImage(image: string, source: string): string {
  if (!IMAGE_REF.test(image) || image.includes('//') || image.endsWith(':') || image.endsWith('/')) {
    throw new Error(
      `The image ${JSON.stringify(escapeLogText(image, 200))} (${source}) is not an image reference: use registry/name:tag or name@sha256:digest, with letters, digits and . _ / : @ - only.`
    );
  }
  return image;
}

/** The tag of an image reference (`ghcr.io/acme/web:1.2` → `1.2`), or null when it has none. */
export function imageTag(image: string): string | null {
  const noDigest = image.split('@')[0];
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? null : last.slice(colon + 1) || null;
}

/** The image with its tag (and digest) replaced: `localhost:5000/web:1.0@sha256:…` → `localhost:5000/web:<tag>`. */
export function withTag(image: string, tag: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', slash + 1);
  return `${colon < 0 ? noDigest : noDigest.slice(0, colon)}:${tag}`;
}

/**
 * The canary's image: the `image` input (`{{version}}` replaced by the version), else the release's
 * own image, else the stable container's image with the version as its tag. Always checked.
 */
export function resolveImage(input: string | undefined, release: Release & { image?: string }, stableImage: string | undefined): string {
  if (input) return checkImage(input.split('{{version}}').join(release.version), 'the image input');
  if (release.image) return checkImage(release.image, `the image of release ${escapeLogText(release.version, 100)}`);
  if (!stableImage) throw new Error('The stable container has no image to take the repository from: set the image input.');
  if (!IMAGE_TAG.test(release.version)) {
    throw new Error(
      `The release version ${JSON.stringify(escapeLogText(release.version, 100))} cannot be an image tag (letters, digits and _ . - only, at most 128): set the image input, e.g. ghcr.io/acme/web:{{version}}.`
    );
  }
  return checkImage(withTag(stableImage, release.version), "the stable container's image with the release version as its tag");
}

/**
 * The container the image is set on: the named one, or the pod's only container. `subject` names
 * the Deployment in the sentence (`deployment/web in namespace prod`).
 */
export function findContainer(deployment: Deployment, container: string | undefined, subject: string): Container {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  if (container) {
    const found = containers.find((c) => c.name === container);
    if (!found) {
      throw new Error(
        `${subject} has no container ${JSON.stringify(container)} (its containers: ${containers.map((c) => escapeLogText(c.name, 63)).join(', ') || 'none'}): set the container input to one of them.`
      );
    }
    return found;
  }
  if (containers.length !== 1) {
    throw new Error(
      `${subject} has ${containers.length} containers (${containers.map((c) => escapeLogText(c.name, 63)).join(', ') || 'none'}): set the container input to the one whose image Shipgate sets.`
    );
  }
  return containers[0];
}

export interface CanaryDeploymentOptions {
  /** `<deployment>-canary` */
  name: string;
  container: string;
  image: string;
  release: Release;
  deploymentId: string;
  replicas: number;
  /** The stable Deployment's replicas when the rollout started (the replicas router's total). */
  stableReplicas: number;
}

/**
 * The canary Deployment: a copy of the stable one under another name, with the image set on the
 * container and `shipgate.dev/track: canary` on its metadata, selector and pod template (so its
 * pods are its own, and a canary-service can select them). Server fields (status, resourceVersion,
 * uid, creationTimestamp, managedFields, …) are dropped, and `paused` with them.
 */
export function buildCanaryDeployment(stable: Deployment, o: CanaryDeploymentOptions): Deployment {
  const spec = structuredClone(stable.spec ?? {});
  delete spec.paused;
  spec.replicas = o.replicas;
  spec.selector = { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, [TRACK_LABEL]: CANARY_TRACK } };
  const template = spec.template ?? {};
  const templateMeta: ObjectMeta = { ...template.metadata, labels: { ...template.metadata?.labels, [TRACK_LABEL]: CANARY_TRACK } };
  for (const key of SERVER_METADATA) delete templateMeta[key];
  spec.template = { ...template, metadata: templateMeta };
  const container = spec.template.spec?.containers?.find((c) => c.name === o.container);
  if (!container) throw new Error(`The stable Deployment has no container ${JSON.stringify(o.container)}.`);
  container.image = o.image;

  const metadata = copyMeta(stable.metadata, o.name);
  metadata.labels = { ...metadata.labels, [TRACK_LABEL]: CANARY_TRACK };
  metadata.annotations = {
    ...metadata.annotations,
    [RELEASE_ANNOTATION]: o.release.version,
    [DEPLOYMENT_ID_ANNOTATION]: o.deploymentId,
    [IMAGE_ANNOTATION]: o.image,
    [STABLE_REPLICAS_ANNOTATION]: String(o.stableReplicas),
    ...(o.release.digest ? { [DIGEST_ANNOTATION]: o.release.digest } : {})
  };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

export function isShipgateCanary(d: KubeObject): boolean {
  return d.metadata?.labels?.[TRACK_LABEL] === CANARY_TRACK;
}

export interface PromotionPatchOptions {
  container: string;
  image: string;
  release: Release;
  deploymentId: string;
  /** The replicas router's total: a stable Deployment scaled down by the split is scaled back with the new image. */
  replicas?: number;
  /** What the stable Deployment ran before (kept so a promotion that fails half-way can be undone). */
  previousImage: string;
  previousRelease: string | null;
}

/**
 * Strategic merge patch of the stable Deployment for a promotion (containers merge by name): the
 * image on the container, the release annotations, and what ran before.
 */
export function promotionPatch(o: PromotionPatchOptions): DeploymentPatch {
  return {
    metadata: {
      annotations: {
        [RELEASE_ANNOTATION]: o.release.version,
        [DEPLOYMENT_ID_ANNOTATION]: o.deploymentId,
        [IMAGE_ANNOTATION]: o.image,
        [PREVIOUS_IMAGE_ANNOTATION]: o.previousImage,
        // null deletes the key in a merge patch.
        [DIGEST_ANNOTATION]: o.release.digest ?? null,
        [PREVIOUS_RELEASE_ANNOTATION]: o.previousRelease
      }
    },
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      template: { spec: { containers: [{ name: o.container, image: o.image }] } }
    }
  };
}

/** Strategic merge patch undoing a promotion that did not finish: the previous image and release back. */
export function restorePatch(container: string, previousImage: string, previousRelease: string | null): DeploymentPatch {
  return {
    metadata: {
      annotations: {
        [RELEASE_ANNOTATION]: previousRelease,
        [IMAGE_ANNOTATION]: previousImage,
        [DEPLOYMENT_ID_ANNOTATION]: null,
        [DIGEST_ANNOTATION]: null,
        [PREVIOUS_IMAGE_ANNOTATION]: null,
        [PREVIOUS_RELEASE_ANNOTATION]: null
      }
    },
    spec: { template: { spec: { containers: [{ name: container, image: previousImage }] } } }
  };
}

/**
 * The release a Deployment runs, read back from the cluster: the release annotation while it
 * belongs to the image the container runs, else the image's tag (else the image itself).
 */
export function releaseOf(d: Deployment, container: Container | undefined): Release | null {
  const image = container?.image;
  const ann = d.metadata?.annotations ?? {};
  const release = ann[RELEASE_ANNOTATION];
  if (release && (!image || !ann[IMAGE_ANNOTATION] || ann[IMAGE_ANNOTATION] === image)) {
    return { version: release, ...(ann[DIGEST_ANNOTATION] ? { digest: ann[DIGEST_ANNOTATION] } : {}) };
  }
  if (!image) return null;
  return { version: imageTag(image) ?? image };
}

/** Where a backendRef of the route points. */
export interface RouteBackend {
  rule: number;
  ref: number;
  side: 'stable' | 'canary';
  name: string;
  /** undefined: not set (Gateway API's default is 1). */
  weight: number | undefined;
}

function isServiceRef(ref: BackendRef, name: string, namespace: string | undefined): boolean {
  return (
    ref.name === name &&
    (ref.kind ?? 'Service') === 'Service' &&
    (ref.group ?? '') === '' &&
    (ref.namespace === undefined || namespace === undefined || ref.namespace === namespace)
  );
}

/**
 * The backendRefs of `service` and `canaryService` in the route's rules. Every rule naming one
 * must name the other (else a weight could send a share to nothing or skip one); at least one rule
 * must name both. `subject` names the route in sentences.
 */
export function routeBackends(route: HttpRoute, service: string, canaryService: string, subject: string): RouteBackend[] {
  const found: RouteBackend[] = [];
  const rules = route.spec?.rules ?? [];
  const ns = route.metadata?.namespace;
  rules.forEach((rule, i) => {
    const inRule: RouteBackend[] = [];
    (rule.backendRefs ?? []).forEach((ref, j) => {
      const side = isServiceRef(ref, service, ns) ? 'stable' : isServiceRef(ref, canaryService, ns) ? 'canary' : null;
      if (!side) return;
      if (inRule.some((b) => b.side === side)) {
        throw new Error(
          `${subject} names Service ${escapeLogText(ref.name, 253)} twice in rule ${i + 1}: keep one backendRef per Service so its weight is its share.`
        );
      }
      inRule.push({ rule: i, ref: j, side, name: ref.name, weight: ref.weight });
    });
    if (inRule.length === 1) {
      const [has, lacks] = inRule[0].side === 'stable' ? [service, canaryService] : [canaryService, service];
      throw new Error(
        `${subject} names Service ${escapeLogText(has, 253)} but not ${escapeLogText(lacks, 253)} in rule ${i + 1}: add a backendRef to ${escapeLogText(lacks, 253)} (weight 0) beside it.`
      );
    }
    found.push(...inRule);
  });
  if (found.length === 0) {
    throw new Error(
      `${subject} has no rule whose backendRefs name both Service ${escapeLogText(service, 253)} (service) and Service ${escapeLogText(canaryService, 253)} (canary-service).`
    );
  }
  return found;
}

/**
 * The JSON patch that gives the canary `weight` % in every rule naming both Services: first a
 * `test` of each backendRef's name and of its current weight (so a concurrent edit makes the API
 * server refuse the whole patch), then the new weights. Empty when the weights are already so.
 */
export function gatewayWeightPatch(route: HttpRoute, o: { service: string; canaryService: string; weight: number; subject: string }): JsonPatchOp[] {
  const backends = routeBackends(route, o.service, o.canaryService, o.subject);
  const want = (b: RouteBackend) => (b.side === 'canary' ? o.weight : 100 - o.weight);
  if (backends.every((b) => b.weight === want(b))) return [];
  const tests: JsonPatchOp[] = [];
  const sets: JsonPatchOp[] = [];
  for (const b of backends) {
    const path = `/spec/rules/${b.rule}/backendRefs/${b.ref}`;
    tests.push({ op: 'test', path: `${path}/name`, value: b.name });
    if (b.weight !== undefined) tests.push({ op: 'test', path: `${path}/weight`, value: b.weight });
    // `add` on a member that exists replaces it (RFC 6902 4.1): it also sets a weight left unset.
    if (want(b) !== b.weight) sets.push({ op: b.weight === undefined ? 'add' : 'replace', path: `${path}/weight`, value: want(b) });
  }
  return [...tests, ...sets];
}

/** The canary's share in percent from the first rule naming both Services; null when the route has none. */
export function routeWeight(route: HttpRoute, service: string, canaryService: string): number | null {
  let backends: RouteBackend[];
  try {
    backends = routeBackends(route, service, canaryService, 'the route');
  } catch {
    return null;
  }
  const first = backends[0].rule;
  const weightOf = (side: 'stable' | 'canary') => backends.find((b) => b.rule === first && b.side === side)?.weight ?? 1;
  const canary = weightOf('canary');
  const total = canary + weightOf('stable');
  return total === 0 ? 0 : Math.round((canary * 100) / total);
}

/**
 * The ingress-nginx canary Ingress: a copy of the stable Ingress named `name`, each backend that
 * points at `service` (every Service backend when `service` is not given) pointed at
 * `canaryService`, with `nginx.ingress.kubernetes.io/canary: "true"` and `canary-weight`.
 */
export function buildCanaryIngress(stable: Ingress, o: { name: string; service?: string; canaryService: string; weight: number; subject: string }): Ingress {
  const spec = structuredClone(stable.spec ?? {});
  let moved = 0;
  const move = (backend: IngressBackend | undefined) => {
    if (!backend?.service) return;
    if (o.service && backend.service.name !== o.service) return;
    backend.service.name = o.canaryService;
    moved++;
  };
  move(spec.defaultBackend);
  for (const rule of spec.rules ?? []) for (const p of rule.http?.paths ?? []) move(p.backend);
  if (moved === 0) {
    throw new Error(
      o.service
        ? `${o.subject} has no backend pointing at Service ${escapeLogText(o.service, 253)} (service): name the Service its rules send traffic to.`
        : `${o.subject} has no Service backend to point at the canary-service.`
    );
  }
  const metadata = copyMeta(stable.metadata, o.name);
  for (const key of Object.keys(metadata.annotations ?? {})) if (key.startsWith('nginx.ingress.kubernetes.io/canary')) delete metadata.annotations![key];
  metadata.labels = { ...metadata.labels, [TRACK_LABEL]: CANARY_TRACK };
  metadata.annotations = { ...metadata.annotations, [NGINX_CANARY_ANNOTATION]: 'true', [NGINX_CANARY_WEIGHT_ANNOTATION]: String(o.weight) };
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec };
}

/** Merge patch setting the canary Ingress's weight. */
export function ingressWeightPatch(weight: number): { metadata: { annotations: Record<string, string> } } {
  return { metadata: { annotations: { [NGINX_CANARY_WEIGHT_ANNOTATION]: String(weight) } } };
}

/** The canary Ingress's weight (0 when it is not marked as a canary or has no weight). */
export function ingressWeight(ingress: Ingress): number {
  const ann = ingress.metadata?.annotations ?? {};
  if (ann[NGINX_CANARY_ANNOTATION] !== 'true') return 0;
  const w = Number(ann[NGINX_CANARY_WEIGHT_ANNOTATION] ?? '0');
  return Number.isFinite(w) ? Math.max(0, Math.min(100, Math.round(w))) : 0;
}
