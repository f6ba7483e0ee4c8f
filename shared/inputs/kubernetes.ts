import type { Inputs } from './parse.js';
import { MissingInputError } from './input-error.js';

export type KubernetesTraffic = 'replicas' | 'gateway-api' | 'ingress-nginx';

/** target: kubernetes — what kubectl acts on. Empty strings where not given. */
export interface KubernetesInputs {
  namespace: string;
  context: string;
  deployment: string;
  container: string;
  /** May hold `{{version}}`; '' = the stable container's image with the version as tag. */
  image: string;
  service: string;
  canaryService: string;
  httproute: string;
  ingress: string;
  rolloutTimeoutMs: number;
}

/** Object names: DNS-1123 subdomains (what the API server accepts for these kinds). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Namespaces and container names: DNS-1123 labels. */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** An image reference (registry/path:tag@digest), `{{version}}` allowed; nothing a shell or YAML would read specially. */
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@{}-]{0,254}$/;
/** Context names are free text in a kubeconfig: printable, no spaces at the ends. */
const CONTEXT = /^[\x21-\x7e](?:[\x20-\x7e]{0,251}[\x21-\x7e])?$/;

/** Every Kubernetes input, checked when given; what the target and router need is required only with target: kubernetes. */
export function parseKubernetes(inputs: Inputs, options: { required: boolean; traffic: string }): KubernetesInputs {
  const k: KubernetesInputs = {
    namespace: inputs.get('namespace'),
    context: inputs.get('kube-context'),
    deployment: inputs.get('deployment'),
    container: inputs.get('container'),
    image: inputs.get('image'),
    service: inputs.get('service'),
    canaryService: inputs.get('canary-service'),
    httproute: inputs.get('httproute'),
    ingress: inputs.get('ingress'),
    rolloutTimeoutMs: inputs.get('rollout-timeout')
  };
  const check = (name: string, value: string, pattern: RegExp, allowed: string) => {
    if (value && (value.length > 253 || !pattern.test(value))) throw inputs.error(name, value, allowed);
  };
  check('namespace', k.namespace, LABEL, 'use a namespace name: up to 63 lower-case letters, digits or "-"');
  check('container', k.container, LABEL, 'use a container name: up to 63 lower-case letters, digits or "-"');
  check('kube-context', k.context, CONTEXT, 'use the name of a context in your kubeconfig (printable characters)');
  check('image', k.image, IMAGE, 'use an image reference such as ghcr.io/acme/web:{{version}} (letters, digits and . _ / : @ - only)');
  for (const [name, value] of [
    ['deployment', k.deployment],
    ['service', k.service],
    ['canary-service', k.canaryService],
    ['httproute', k.httproute],
    ['ingress', k.ingress]
  ] as const) {
    check(name, value, OBJECT_NAME, 'use an object name: lower-case letters, digits, "-" and "."');
  }
  if (!options.required) return k;
  if (!k.deployment) throw new MissingInputError('deployment', 'target: kubernetes needs the stable Deployment to copy the canary from');
  if (options.traffic === 'gateway-api') {
    if (!k.httproute) throw new MissingInputError('httproute', 'traffic: gateway-api sets the backendRef weights of this HTTPRoute');
    if (!k.service) throw new MissingInputError('service', "traffic: gateway-api needs the stable Service named in the HTTPRoute's backendRefs");
    if (!k.canaryService) throw new MissingInputError('canary-service', "traffic: gateway-api needs the canary Service named in the HTTPRoute's backendRefs");
  }
  if (options.traffic === 'ingress-nginx') {
    if (!k.ingress) throw new MissingInputError('ingress', 'traffic: ingress-nginx copies this Ingress into <ingress>-canary');
    if (!k.canaryService) throw new MissingInputError('canary-service', 'traffic: ingress-nginx points the canary Ingress at this Service');
  }
  return k;
}
