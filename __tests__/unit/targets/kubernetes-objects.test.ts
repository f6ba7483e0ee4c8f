// The objects and patches the Kubernetes target writes, built from what kubectl read. Each one is
// validated against the Kubernetes OpenAPI schemas (kubernetes-models, @kubernetes-models/gateway-api);
// each patch is applied by the real kubectl offline (`kubectl patch --local`) and the result validated too.
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Deployment as DeploymentModel } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress as IngressModel } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import {
  buildCanaryDeployment,
  buildCanaryIngress,
  canaryName,
  checkImage,
  type Deployment,
  findContainer,
  gatewayWeightPatch,
  type HttpRoute,
  imageTag,
  type Ingress,
  ingressWeight,
  ingressWeightPatch,
  promotionPatch,
  releaseOf,
  resolveImage,
  restorePatch,
  routeBackends,
  routeWeight,
  withTag
} from '../../../shared/targets/kubernetes/objects.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-k8s-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many objects and patch results this file validated against the schemas (reported by the last test). */
let validated = 0;
/** The same, by kind. */
const validatedKinds: Record<string, number> = {};
function validate(obj: object): void {
  const kind = (obj as { kind?: string }).kind;
  const data = structuredClone(obj) as never;
  if (kind === 'Deployment') new DeploymentModel(data).validate();
  else if (kind === 'Ingress') new IngressModel(data).validate();
  else if (kind === 'HTTPRoute') new HTTPRoute(data).validate();
  else throw new Error(`no schema for kind ${kind}`);
  validated++;
  validatedKinds[kind] = (validatedKinds[kind] ?? 0) + 1;
}

/** The real kubectl applies the patch to the object offline (no API server: `--local`). */
function kubectlPatch<T>(obj: object, type: 'json' | 'merge' | 'strategic', patch: unknown): T {
  const file = path.join(dir, `obj-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(obj));
  const out = execFileSync('kubectl', ['patch', '--local', '-f', file, `--type=${type}`, '-p', JSON.stringify(patch), '-o', 'json'], {
    env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: dir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  });
  return JSON.parse(out) as T;
}

function kubectlPatchFails(obj: object, type: 'json', patch: unknown): string {
  try {
    kubectlPatch(obj, type, patch);
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
  throw new Error('kubectl accepted the patch');
}

/** As `kubectl get deployment/web -o json` prints it: server fields, bookkeeping, two containers. */
function stableDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'prod',
      uid: '0b7c4f0e-2f7e-4a55-9a10-5f1e7c1d2a3b',
      resourceVersion: '41234',
      generation: 7,
      creationTimestamp: '2025-01-02T03:04:05Z',
      labels: { app: 'web', 'app.kubernetes.io/instance': 'web', team: 'payments' },
      annotations: {
        'deployment.kubernetes.io/revision': '7',
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment"}',
        'meta.helm.sh/release-name': 'web',
        'shipgate.dev/release': '1.0.0',
        'shipgate.dev/image': 'ghcr.io/acme/web:1.0.0',
        owner: 'team-payments'
      },
      managedFields: [
        { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-02T03:04:05Z', fieldsType: 'FieldsV1', fieldsV1: {} }
      ]
    },
    spec: {
      replicas: 4,
      paused: false,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' }, creationTimestamp: null },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'ghcr.io/acme/web:1.0.0',
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2 },
              resources: { requests: { cpu: '100m', memory: '64Mi' } }
            },
            { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' }
          ],
          terminationGracePeriodSeconds: 30
        }
      }
    },
    status: { observedGeneration: 7, replicas: 4, readyReplicas: 4, availableReplicas: 4, updatedReplicas: 4 }
  };
}

function httpRoute(): HttpRoute {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'prod', resourceVersion: '99', generation: 2 },
    spec: {
      parentRefs: [{ name: 'gateway', namespace: 'infra' }],
      hostnames: ['web.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: 'web', port: 80, weight: 100 },
            { name: 'web-canary', port: 80, weight: 0 }
          ]
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          // No weight on the stable backendRef: Gateway API's default is 1.
          backendRefs: [
            { name: 'web', port: 80 },
            { name: 'web-canary', port: 80, weight: 0 }
          ]
        },
        { matches: [{ path: { type: 'PathPrefix', value: '/static' } }], backendRefs: [{ name: 'cdn', port: 80 }] }
      ]
    }
  };
}

function stableIngress(): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'web',
      namespace: 'prod',
      uid: 'f00',
      resourceVersion: '12',
      creationTimestamp: '2025-01-02T03:04:05Z',
      labels: { app: 'web' },
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'kubectl.kubernetes.io/last-applied-configuration': '{}' }
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/docs', pathType: 'Prefix', backend: { service: { name: 'docs', port: { name: 'http' } } } }
            ]
          }
        }
      ]
    },
    status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } }
  };
}

const release = { version: '1.1.0', digest: 'sha256:' + 'ab'.repeat(32) };
const canaryOptions = {
  name: 'web-canary',
  container: 'web',
  image: 'ghcr.io/acme/web:1.1.0',
  release,
  deploymentId: '4711',
  replicas: 4,
  stableReplicas: 4
};

describe('the canary Deployment', () => {
  test('is a copy named <deployment>-canary with the image on the container and the track label on metadata, selector and pod template', () => {
    const stable = stableDeployment();
    const before = JSON.stringify(stable);
    const canary = buildCanaryDeployment(stable, canaryOptions);
    validate(canary);
    expect(JSON.stringify(stable)).toBe(before);
    expect(canaryName('web')).toBe('web-canary');
    expect(canary.metadata).toEqual({
      name: 'web-canary',
      namespace: 'prod',
      labels: { app: 'web', team: 'payments', 'shipgate.dev/track': 'canary' },
      annotations: {
        owner: 'team-payments',
        'shipgate.dev/release': '1.1.0',
        'shipgate.dev/deployment-id': '4711',
        'shipgate.dev/image': 'ghcr.io/acme/web:1.1.0',
        'shipgate.dev/stable-replicas': '4',
        'shipgate.dev/digest': release.digest
      }
    });
    expect(canary.spec?.selector).toEqual({ matchLabels: { app: 'web', 'shipgate.dev/track': 'canary' } });
    expect(canary.spec?.template?.metadata).toEqual({
      labels: { app: 'web', 'shipgate.dev/track': 'canary' },
      annotations: { 'prometheus.io/scrape': 'true' }
    });
    expect(canary.spec?.template?.spec?.containers?.map((c) => [c.name, c.image])).toEqual([
      ['web', 'ghcr.io/acme/web:1.1.0'],
      ['envoy', 'envoyproxy/envoy:v1.30.1']
    ]);
    expect(canary.spec?.template?.spec?.containers?.[0].readinessProbe).toEqual(stable.spec?.template?.spec?.containers?.[0].readinessProbe);
    expect(canary.spec?.replicas).toBe(4);
    expect('status' in canary).toBe(false);
    expect('paused' in (canary.spec ?? {})).toBe(false);
    expect(canary.spec?.strategy).toEqual(stable.spec?.strategy);
  });

  test('drops what the server set: status, resourceVersion, uid, creationTimestamp, managedFields, generation', () => {
    const canary = buildCanaryDeployment(stableDeployment(), { ...canaryOptions, replicas: 0 });
    validate(canary);
    const text = JSON.stringify(canary);
    for (const field of [
      'status',
      'resourceVersion',
      'uid',
      'creationTimestamp',
      'managedFields',
      'generation',
      'last-applied-configuration',
      'deployment.kubernetes.io',
      'meta.helm.sh'
    ]) {
      expect(text).not.toContain(field);
    }
    expect(canary.spec?.replicas).toBe(0);
  });

  test('a stable Deployment whose pods carry shipgate.dev/track: stable gets canary there; no digest, no digest annotation', () => {
    const stable = stableDeployment();
    stable.spec!.selector!.matchLabels!['shipgate.dev/track'] = 'stable';
    stable.spec!.template!.metadata!.labels!['shipgate.dev/track'] = 'stable';
    const canary = buildCanaryDeployment(stable, { ...canaryOptions, release: { version: '1.1.0' } });
    validate(canary);
    expect(canary.spec?.selector?.matchLabels?.['shipgate.dev/track']).toBe('canary');
    expect(canary.spec?.template?.metadata?.labels?.['shipgate.dev/track']).toBe('canary');
    expect(canary.metadata?.annotations?.['shipgate.dev/digest']).toBeUndefined();
  });

  test('the container: the named one, else the only one; a sentence naming the Deployment otherwise', () => {
    expect(findContainer(stableDeployment(), 'envoy', 'deployment/web').image).toBe('envoyproxy/envoy:v1.30.1');
    expect(() => findContainer(stableDeployment(), '', 'deployment/web in namespace prod')).toThrow(
      'deployment/web in namespace prod has 2 containers (web, envoy): set the container input to the one whose image Shipgate sets.'
    );
    expect(() => findContainer(stableDeployment(), 'api', 'deployment/web in namespace prod')).toThrow(
      'deployment/web in namespace prod has no container "api" (its containers: web, envoy): set the container input to one of them.'
    );
    const one = stableDeployment();
    one.spec!.template!.spec!.containers!.pop();
    expect(findContainer(one, '', 'deployment/web').name).toBe('web');
  });
});

describe('the image', () => {
  test('the image input ({{version}} replaced), else the release image, else the stable image with the version as its tag', () => {
    expect(resolveImage('ghcr.io/acme/web:{{version}}', { version: '2.0.0' }, 'x:1')).toBe('ghcr.io/acme/web:2.0.0');
    expect(resolveImage(undefined, { version: '2.0.0', image: 'reg.example:5000/web@sha256:' + 'cd'.repeat(32) }, 'x:1')).toBe(
      'reg.example:5000/web@sha256:' + 'cd'.repeat(32)
    );
    expect(resolveImage('', { version: '2.0.0' }, 'localhost:5000/acme/web:1.0@sha256:' + 'ef'.repeat(32))).toBe('localhost:5000/acme/web:2.0.0');
    expect(resolveImage(undefined, { version: 'v2' }, 'nginx')).toBe('nginx:v2');
    expect(() => resolveImage(undefined, { version: '1.0.0+build.5' }, 'web:1')).toThrow(
      'The release version "1.0.0+build.5" cannot be an image tag (letters, digits and _ . - only, at most 128): set the image input, e.g. ghcr.io/acme/web:{{version}}.'
    );
    expect(() => resolveImage(undefined, { version: '1' }, undefined)).toThrow(
      'The stable container has no image to take the repository from: set the image input.'
    );
  });

  test('anything with whitespace or shell metacharacters is refused, in one sentence naming where it came from', () => {
    const bad = [
      'web:1 ; rm -rf /',
      'web:$(id)',
      'web:`id`',
      'web:${HOME}',
      "web:'1'",
      'web:"1"',
      'web:1|nc',
      'web:1&',
      'web:1>x',
      'web:1<x',
      'web\n:1',
      'web:1\t',
      ' web:1',
      '-oProxyCommand=x',
      '--kubeconfig=/tmp/x',
      'web:1*',
      'web:1?',
      'web:1#x',
      'web:1\\x',
      'web:1!',
      'web:1~',
      'ghcr.io//web:1',
      'web:',
      ''
    ];
    for (const image of bad) {
      let message = '';
      try {
        checkImage(image, 'the image input');
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^The image ".*" \(the image input\) is not an image reference: .*\.$/);
      expect(message).not.toMatch(/[\n\r\t]/);
    }
    expect(() => resolveImage('web:{{version}}', { version: '1;id' }, undefined)).toThrow('(the image input) is not an image reference');
    expect(() => resolveImage(undefined, { version: '1', image: 'web:1 && id' }, undefined)).toThrow('(the image of release 1) is not an image reference');
    for (const good of ['web', 'web:1.0', 'ghcr.io/acme/web:1.0.0-rc.1', 'localhost:5000/web@sha256:' + '0'.repeat(64), 'a/b/c_d.e-f:G_1']) {
      expect(checkImage(good, 'x')).toBe(good);
    }
  });

  test('tags read and replaced', () => {
    expect(imageTag('ghcr.io/acme/web:1.0.0')).toBe('1.0.0');
    expect(imageTag('localhost:5000/web')).toBeNull();
    expect(imageTag('localhost:5000/web:2@sha256:' + '0'.repeat(64))).toBe('2');
    expect(withTag('localhost:5000/web', 'v3')).toBe('localhost:5000/web:v3');
    expect(withTag('web:1@sha256:' + '0'.repeat(64), 'v3')).toBe('web:v3');
  });
});

describe('promotion patch of the stable Deployment (strategic merge, applied by kubectl --local)', () => {
  test('sets the image on the container only, the release annotations and what ran before; with a replica count for traffic: replicas', () => {
    const stable = stableDeployment();
    const patch = promotionPatch({
      container: 'web',
      image: 'ghcr.io/acme/web:1.1.0',
      release,
      deploymentId: '4711',
      replicas: 4,
      previousImage: 'ghcr.io/acme/web:1.0.0',
      previousRelease: '1.0.0'
    });
    const promoted = kubectlPatch<Deployment>(stable, 'strategic', patch);
    validate(promoted);
    expect(promoted.spec?.template?.spec?.containers?.map((c) => [c.name, c.image])).toEqual([
      ['web', 'ghcr.io/acme/web:1.1.0'],
      ['envoy', 'envoyproxy/envoy:v1.30.1']
    ]);
    expect(promoted.spec?.template?.spec?.containers?.[0].ports).toEqual(stable.spec?.template?.spec?.containers?.[0].ports);
    expect(promoted.metadata?.annotations).toMatchObject({
      'shipgate.dev/release': '1.1.0',
      'shipgate.dev/deployment-id': '4711',
      'shipgate.dev/image': 'ghcr.io/acme/web:1.1.0',
      'shipgate.dev/digest': release.digest,
      'shipgate.dev/previous-image': 'ghcr.io/acme/web:1.0.0',
      'shipgate.dev/previous-release': '1.0.0',
      owner: 'team-payments'
    });
    expect(promoted.spec?.replicas).toBe(4);
    expect(releaseOf(promoted, promoted.spec?.template?.spec?.containers?.[0])).toEqual({ version: '1.1.0', digest: release.digest });

    // Without a digest or a previous release those annotations are removed (null in the patch); replicas untouched.
    const second = kubectlPatch<Deployment>(
      promoted,
      'strategic',
      promotionPatch({
        container: 'web',
        image: 'ghcr.io/acme/web:1.2.0',
        release: { version: '1.2.0' },
        deploymentId: '4712',
        previousImage: 'ghcr.io/acme/web:1.1.0',
        previousRelease: null
      })
    );
    validate(second);
    expect(second.metadata?.annotations?.['shipgate.dev/digest']).toBeUndefined();
    expect(second.metadata?.annotations?.['shipgate.dev/previous-release']).toBeUndefined();
    expect(second.spec?.replicas).toBe(4);

    // Undoing a promotion that did not finish: the previous image and release are back, Shipgate's other annotations gone.
    const restored = kubectlPatch<Deployment>(promoted, 'strategic', restorePatch('web', 'ghcr.io/acme/web:1.0.0', '1.0.0'));
    validate(restored);
    expect(restored.spec?.template?.spec?.containers?.map((c) => c.image)).toEqual(['ghcr.io/acme/web:1.0.0', 'envoyproxy/envoy:v1.30.1']);
    const ann = restored.metadata?.annotations ?? {};
    expect(Object.keys(ann).filter((k) => k.startsWith('shipgate.dev/'))).toEqual(['shipgate.dev/image', 'shipgate.dev/release']);
    expect(ann['shipgate.dev/release']).toBe('1.0.0');
  });

  test('the release read back: the annotation while it belongs to the running image, else the image tag', () => {
    const stable = stableDeployment();
    const web = () => stable.spec!.template!.spec!.containers![0];
    expect(releaseOf(stable, web())).toEqual({ version: '1.0.0' });
    // Someone set another image outside Shipgate: the annotation is stale.
    web().image = 'ghcr.io/acme/web:0.9.9';
    expect(releaseOf(stable, web())).toEqual({ version: '0.9.9' });
    web().image = 'ghcr.io/acme/web@sha256:' + '1'.repeat(64);
    expect(releaseOf(stable, web())).toEqual({ version: 'ghcr.io/acme/web@sha256:' + '1'.repeat(64) });
    expect(releaseOf({ metadata: {} }, undefined)).toBeNull();
  });
});

describe('Gateway API weights (JSON patch with test operations, applied by kubectl --local)', () => {
  test('golden patch to 10 %: tests of every backendRef name and set weight first, then the weights; the other rule untouched', () => {
    const route = httpRoute();
    const patch = gatewayWeightPatch(route, { service: 'web', canaryService: 'web-canary', weight: 10, subject: 'httproute/web in namespace prod' });
    expect(patch).toEqual([
      { op: 'test', path: '/spec/rules/0/backendRefs/0/name', value: 'web' },
      { op: 'test', path: '/spec/rules/0/backendRefs/0/weight', value: 100 },
      { op: 'test', path: '/spec/rules/0/backendRefs/1/name', value: 'web-canary' },
      { op: 'test', path: '/spec/rules/0/backendRefs/1/weight', value: 0 },
      { op: 'test', path: '/spec/rules/1/backendRefs/0/name', value: 'web' },
      { op: 'test', path: '/spec/rules/1/backendRefs/1/name', value: 'web-canary' },
      { op: 'test', path: '/spec/rules/1/backendRefs/1/weight', value: 0 },
      { op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 90 },
      { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: 10 },
      { op: 'add', path: '/spec/rules/1/backendRefs/0/weight', value: 90 },
      { op: 'replace', path: '/spec/rules/1/backendRefs/1/weight', value: 10 }
    ]);
    const patched = kubectlPatch<HttpRoute>(route, 'json', patch);
    validate(patched);
    expect(patched.spec?.rules?.map((r) => r.backendRefs?.map((b) => `${b.name}=${b.weight}`))).toEqual([
      ['web=90', 'web-canary=10'],
      ['web=90', 'web-canary=10'],
      ['cdn=undefined']
    ]);
    expect(routeWeight(patched, 'web', 'web-canary')).toBe(10);
  });

  test('through the steps 10, 50, 100 and back to 0, each result valid; a weight already set needs no patch', () => {
    let route = httpRoute();
    validate(route);
    for (const w of [10, 50, 100, 0]) {
      const patch = gatewayWeightPatch(route, { service: 'web', canaryService: 'web-canary', weight: w, subject: 'r' });
      route = kubectlPatch<HttpRoute>(route, 'json', patch);
      validate(route);
      expect(routeWeight(route, 'web', 'web-canary')).toBe(w);
      expect(route.spec?.rules?.[1].backendRefs?.map((b) => b.weight)).toEqual([100 - w, w]);
      expect(gatewayWeightPatch(route, { service: 'web', canaryService: 'web-canary', weight: w, subject: 'r' })).toEqual([]);
    }
    expect(routeWeight(httpRoute(), 'web', 'web-canary')).toBe(0);
  });

  test('a concurrent edit makes the whole patch fail its test (nothing half-applied)', () => {
    const route = httpRoute();
    const patch = gatewayWeightPatch(route, { service: 'web', canaryService: 'web-canary', weight: 50, subject: 'r' });
    const edited = httpRoute();
    edited.spec!.rules![1].backendRefs![1].weight = 5;
    expect(kubectlPatchFails(edited, 'json', patch)).toMatch(/testing value \/spec\/rules\/1\/backendRefs\/1\/weight failed: test failed/);
    const reordered = httpRoute();
    reordered.spec!.rules![0].backendRefs!.reverse();
    expect(kubectlPatchFails(reordered, 'json', patch)).toMatch(/test failed/);
  });

  test('routes that cannot be weighted are refused in one sentence naming the route', () => {
    const subject = 'httproute/web in namespace prod';
    const noCanary = httpRoute();
    noCanary.spec!.rules![1].backendRefs!.pop();
    expect(() => routeBackends(noCanary, 'web', 'web-canary', subject)).toThrow(
      'httproute/web in namespace prod names Service web but not web-canary in rule 2: add a backendRef to web-canary (weight 0) beside it.'
    );
    expect(() => routeBackends(httpRoute(), 'api', 'api-canary', subject)).toThrow(
      'httproute/web in namespace prod has no rule whose backendRefs name both Service api (service) and Service api-canary (canary-service).'
    );
    const twice = httpRoute();
    twice.spec!.rules![0].backendRefs!.push({ name: 'web', port: 81, weight: 1 });
    expect(() => routeBackends(twice, 'web', 'web-canary', subject)).toThrow(
      'httproute/web in namespace prod names Service web twice in rule 1: keep one backendRef per Service so its weight is its share.'
    );
    // A backendRef of another kind or namespace is not the Service.
    const other = httpRoute();
    other.spec!.rules![0].backendRefs![1] = { group: 'example.com', kind: 'Bucket', name: 'web-canary' };
    expect(() => routeBackends(other, 'web', 'web-canary', subject)).toThrow('names Service web but not web-canary in rule 1');
    expect(routeWeight(other, 'web', 'web-canary')).toBeNull();
  });
});

describe('the ingress-nginx canary Ingress', () => {
  test('a copy named <ingress>-canary with the service backend moved to the canary-service and the canary annotations', () => {
    const stable = stableIngress();
    const canary = buildCanaryIngress(stable, { name: 'web-canary', service: 'web', canaryService: 'web-canary', weight: 10, subject: 'ingress/web' });
    validate(canary);
    expect(canary.metadata).toEqual({
      name: 'web-canary',
      namespace: 'prod',
      labels: { app: 'web', 'shipgate.dev/track': 'canary' },
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '10'
      }
    });
    expect(canary.spec?.rules?.[0].http?.paths.map((p) => p.backend.service?.name)).toEqual(['web-canary', 'docs']);
    expect(canary.spec?.ingressClassName).toBe('nginx');
    expect(canary.spec?.tls).toEqual(stable.spec?.tls);
    expect('status' in canary).toBe(false);
    expect(stable.spec?.rules?.[0].http?.paths[0].backend.service?.name).toBe('web');
    expect(ingressWeight(canary)).toBe(10);

    // Weight changes are merge patches of one annotation.
    const zero = kubectlPatch<Ingress>(canary, 'merge', ingressWeightPatch(0));
    validate(zero);
    expect(ingressWeight(zero)).toBe(0);
    expect(zero.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary']).toBe('true');
    for (const w of [50, 100]) {
      const next = kubectlPatch<Ingress>(zero, 'merge', ingressWeightPatch(w));
      validate(next);
      expect(ingressWeight(next)).toBe(w);
    }
  });

  test('without service every Service backend moves; a stable Ingress that is itself marked canary loses the marks; no backend is one sentence', () => {
    const stable = stableIngress();
    stable.metadata!.annotations!['nginx.ingress.kubernetes.io/canary-by-header'] = 'x-canary';
    stable.spec!.defaultBackend = { service: { name: 'web', port: { number: 80 } } };
    const canary = buildCanaryIngress(stable, { name: 'web-canary', canaryService: 'web-canary', weight: 50, subject: 'ingress/web' });
    validate(canary);
    expect(canary.spec?.defaultBackend?.service?.name).toBe('web-canary');
    expect(canary.spec?.rules?.[0].http?.paths.map((p) => p.backend.service?.name)).toEqual(['web-canary', 'web-canary']);
    expect(canary.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary-by-header']).toBeUndefined();
    expect(() =>
      buildCanaryIngress(stableIngress(), { name: 'x', service: 'api', canaryService: 'c', weight: 1, subject: 'ingress/web in namespace prod' })
    ).toThrow('ingress/web in namespace prod has no backend pointing at Service api (service): name the Service its rules send traffic to.');
    expect(ingressWeight({ metadata: { annotations: { 'nginx.ingress.kubernetes.io/canary-weight': '20' } } })).toBe(0);
  });
});

test('the schemas bite: objects a typo would produce are refused (not counted)', () => {
  const before = validated;
  const route = httpRoute();
  route.spec!.rules![0].backendRefs![0].weight = -1;
  expect(() => validate(route)).toThrow(/weight must be >= 0/);
  const stringReplicas = buildCanaryDeployment(stableDeployment(), canaryOptions) as { spec: { replicas: unknown } };
  stringReplicas.spec.replicas = '4';
  expect(() => validate(stringReplicas)).toThrow(/replicas must be integer/);
  const numberAnnotation = buildCanaryIngress(stableIngress(), { name: 'c', canaryService: 'c', weight: 1, subject: 's' }) as {
    metadata: { annotations: Record<string, unknown> };
  };
  numberAnnotation.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'] = 10;
  expect(() => validate(numberAnnotation)).toThrow(/must be string/);
  validated = before;
});

test('every object and patch result above was validated against the Kubernetes schemas', () => {
  // Counted for the closing note: 3 canary Deployments, 3 patched stable Deployments, 6 HTTPRoutes (1 as read, 5 patched), 5 Ingresses (2 built, 3 patched).
  expect(validated).toBe(17);
  expect(validatedKinds).toEqual({ Deployment: 6, HTTPRoute: 6, Ingress: 5 });
});
