// The Kubernetes routers (replicas, gateway-api, ingress-nginx) and the kubectl runner, driving a
// FAKE kubectl: a script written into a temp dir that records its argv and stdin and answers from a
// JSON store (patches are applied by the real kubectl offline, `kubectl patch --local`, so `test`
// operations and strategic merges behave as kubectl's own code makes them). The command sequences
// are golden. Real kubectl against the loopback stand-in API server is the bundle tests' job.
import { afterAll, describe, expect, test } from '@jest/globals';
import type { DeployContext } from '../../../shared/ports/deploy-target.js';
import { GatewayApiRouter } from '../../../shared/routers/kubernetes/gateway-api.js';
import { IngressNginxRouter } from '../../../shared/routers/kubernetes/ingress-nginx.js';
import { ReplicasRouter, replicaShare, replicaSplit } from '../../../shared/routers/kubernetes/replicas.js';
import { firstErrorLine, Kubectl, KubectlError } from '../../../shared/targets/kubernetes/kubectl.js';
import { buildCanaryDeployment, type Deployment, type HttpRoute, type Ingress } from '../../../shared/targets/kubernetes/objects.js';
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

function render(c: Call): string {
  const argv = c.argv.map((a, i) => (c.argv[i - 1] === '-p' ? '<patch>' : a));
  return `kubectl ${argv.join(' ')}${c.exit === 0 ? '' : ` → exit ${c.exit}`}`;
}

function patchOf(c: Call): unknown {
  return JSON.parse(c.argv[c.argv.indexOf('-p') + 1]);
}

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warning: (m) => lines.push(`warning ${m}`), debug: () => {} };
}

const env = { PATH: process.env.PATH, KUBECONFIG: '/home/runner/.kube/config', INPUT_TOKEN: 'ghs_secret' };
const ctx: DeployContext = { environment: 'prod', deploymentId: '4711', version: '1.1.0', previousVersion: '1.0.0', weight: 0 };

function kubectlFor(bin: string, logger: Logger, extra: { context?: string; namespace?: string; timeoutMs?: number } = {}): Kubectl {
  return new Kubectl({ kubectl: bin, namespace: 'prod', env, logger, ...extra });
}

function stable(replicas = 4): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod', uid: 'u1', resourceVersion: '10', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.0.0' }] } }
    },
    status: { replicas, readyReplicas: replicas }
  };
}

function canary(stableReplicas = 4, replicas = 0): Deployment {
  return buildCanaryDeployment(stable(stableReplicas), {
    name: 'web-canary',
    container: 'web',
    image: 'ghcr.io/acme/web:1.1.0',
    release: { version: '1.1.0' },
    deploymentId: '4711',
    replicas,
    stableReplicas
  });
}

describe('replica split', () => {
  test('total N: canary max(1, round(N·w/100)), stable N − canary but at least 1 below 100 %', () => {
    const table = (n: number) => [0, 1, 10, 25, 50, 75, 90, 99, 100].map((w) => `${w}:${replicaSplit(n, w).canary}/${replicaSplit(n, w).stable}`).join(' ');
    expect(table(4)).toBe('0:0/4 1:1/3 10:1/3 25:1/3 50:2/2 75:3/1 90:4/1 99:4/1 100:4/0');
    expect(table(1)).toBe('0:0/1 1:1/1 10:1/1 25:1/1 50:1/1 75:1/1 90:1/1 99:1/1 100:1/0');
    expect(table(10)).toBe('0:0/10 1:1/9 10:1/9 25:3/7 50:5/5 75:8/2 90:9/1 99:10/1 100:10/0');
    for (let n = 1; n <= 20; n++) {
      for (let w = 0; w <= 100; w++) {
        const s = replicaSplit(n, w);
        if (w > 0 && w < 100) expect(s.canary >= 1 && s.stable >= 1 && s.canary + s.stable <= n + 1).toBe(true);
      }
    }
    expect(replicaShare({ canary: 1, stable: 3 })).toBe(25);
    expect(replicaShare({ canary: 0, stable: 0 })).toBe(0);
  });
});

describe('replicas router', () => {
  test('healthy: 10, 50, 100 scale the canary up (waited for) before stable down; the reset from 100 brings stable up first', async () => {
    const k = fakeKubectl({ 'deployment/web': stable(), 'deployment/web-canary': canary() });
    const log = recorder();
    const router = new ReplicasRouter({ kubectl: kubectlFor(k.bin, log), deployment: 'web', rolloutTimeoutMs: 60_000, logger: log });
    const reads = ['kubectl -n prod get deployment/web-canary --ignore-not-found -o json', 'kubectl -n prod get deployment/web -o json'];
    await router.setWeight(10, ctx);
    expect(k.take()).toEqual([
      ...reads,
      'kubectl -n prod scale deployment/web-canary --current-replicas=0 --replicas=1',
      'kubectl -n prod rollout status deployment/web-canary --timeout=60s',
      'kubectl -n prod scale deployment/web --current-replicas=4 --replicas=3'
    ]);
    await router.setWeight(50, ctx);
    expect(k.take()).toEqual([
      ...reads,
      'kubectl -n prod scale deployment/web-canary --current-replicas=1 --replicas=2',
      'kubectl -n prod rollout status deployment/web-canary --timeout=60s',
      'kubectl -n prod scale deployment/web --current-replicas=3 --replicas=2'
    ]);
    await router.setWeight(100, ctx);
    expect(k.take()).toEqual([
      ...reads,
      'kubectl -n prod scale deployment/web-canary --current-replicas=2 --replicas=4',
      'kubectl -n prod rollout status deployment/web-canary --timeout=60s',
      'kubectl -n prod scale deployment/web --current-replicas=2 --replicas=0'
    ]);
    expect(await router.currentWeight()).toBe(100);
    k.take();
    await router.reset(ctx);
    expect(k.take()).toEqual([
      ...reads,
      'kubectl -n prod scale deployment/web --replicas=4',
      'kubectl -n prod rollout status deployment/web --timeout=60s',
      'kubectl -n prod scale deployment/web-canary --replicas=0'
    ]);
    expect(await router.currentWeight()).toBe(0);
    expect(log.lines).toEqual([
      'info replicas: canary 10 % asked — 1 canary and 3 stable pods of 4 (25 % of the pods).',
      'info replicas: canary 50 % asked — 2 canary and 2 stable pods of 4 (50 % of the pods).',
      'info replicas: canary 100 % asked — 4 canary and 0 stable pods of 4 (100 % of the pods).',
      'info replicas: canary 0 % — 0 canary and 4 stable pods.'
    ]);
  });

  test('faulty: the reset from 10 % takes the canary to 0 first, then stable back; a second reset changes nothing', async () => {
    const k = fakeKubectl({ 'deployment/web': stable(3), 'deployment/web-canary': canary(4, 1) });
    const log = recorder();
    const router = new ReplicasRouter({ kubectl: kubectlFor(k.bin, log), deployment: 'web', rolloutTimeoutMs: 60_000, logger: log });
    await router.reset({ ...ctx, signal: AbortSignal.abort() });
    expect(k.take()).toEqual([
      'kubectl -n prod get deployment/web-canary --ignore-not-found -o json',
      'kubectl -n prod get deployment/web -o json',
      'kubectl -n prod scale deployment/web-canary --replicas=0',
      'kubectl -n prod scale deployment/web --replicas=4'
    ]);
    await router.reset(ctx);
    expect(k.take()).toEqual(['kubectl -n prod get deployment/web-canary --ignore-not-found -o json', 'kubectl -n prod get deployment/web -o json']);
    k.update((s) => delete s.objects['deployment/web-canary']);
    await router.reset(ctx);
    expect(k.take()).toEqual(['kubectl -n prod get deployment/web-canary --ignore-not-found -o json']);
    expect(await router.currentWeight()).toBe(0);
  });

  test('a concurrent change of the replicas (an HPA) fails the step on --current-replicas, in one sentence', async () => {
    const k = fakeKubectl(
      { 'deployment/web': stable(), 'deployment/web-canary': canary() },
      {
        faults: [
          { match: 'scale deployment/web --current', times: 1, edit: { ref: 'deployment/web', patch: [{ op: 'replace', path: '/spec/replicas', value: 6 }] } }
        ]
      }
    );
    const router = new ReplicasRouter({ kubectl: kubectlFor(k.bin, recorder()), deployment: 'web', rolloutTimeoutMs: 60_000, logger: recorder() });
    await expect(router.setWeight(10, ctx)).rejects.toThrow(
      'kubectl could not scale deployment/web in namespace prod: error: Expected replicas to be 4, was 6.'
    );
  });

  test('a canary that never becomes ready fails the step within rollout-timeout; no canary is a sentence too', async () => {
    const k = fakeKubectl({ 'deployment/web': stable(), 'deployment/web-canary': canary() }, { neverReady: ['deployment/web-canary'] });
    const router = new ReplicasRouter({ kubectl: kubectlFor(k.bin, recorder()), deployment: 'web', rolloutTimeoutMs: 90_000, logger: recorder() });
    await expect(router.setWeight(10, ctx)).rejects.toThrow(
      'deployment/web-canary in namespace prod did not become ready within 90s (kubectl rollout status): error: timed out waiting for the condition.'
    );
    // Stable was not scaled down for a canary that is not ready.
    expect(k.take().slice(-2)).toEqual([
      'kubectl -n prod scale deployment/web-canary --current-replicas=0 --replicas=1',
      'kubectl -n prod rollout status deployment/web-canary --timeout=90s → exit 1'
    ]);
    k.update((s) => delete s.objects['deployment/web-canary']);
    await expect(router.setWeight(10, ctx)).rejects.toThrow(
      'replicas: deployment/web-canary in namespace prod does not exist, so the canary cannot be given 10 %.'
    );
    await expect(router.setWeight(10.5, ctx)).rejects.toThrow('The canary weight 10.5 is not a whole percentage from 0 to 100.');
  });
});

describe('gateway-api router', () => {
  const options = { httproute: 'web', service: 'web', canaryService: 'web-canary' };

  test('healthy: one guarded JSON patch per step, read back from the patched route; reset to 0; a reset already at 0 only reads', async () => {
    const k = fakeKubectl({ 'httproute/web': route() });
    const log = recorder();
    const router = new GatewayApiRouter({ kubectl: kubectlFor(k.bin, log), ...options, logger: log });
    await router.preflight();
    k.take();
    for (const w of [10, 50, 100]) await router.setWeight(w, ctx);
    await router.reset(ctx);
    const step = ['kubectl -n prod get httproute/web -o json', 'kubectl -n prod patch httproute/web --type=json -p <patch> -o json'];
    expect(k.take()).toEqual([...step, ...step, ...step, ...step]);
    const patches = k.calls().filter((c) => c.argv.includes('patch'));
    expect(patchOf(patches[0])).toEqual([
      { op: 'test', path: '/spec/rules/0/backendRefs/0/name', value: 'web' },
      { op: 'test', path: '/spec/rules/0/backendRefs/0/weight', value: 100 },
      { op: 'test', path: '/spec/rules/0/backendRefs/1/name', value: 'web-canary' },
      { op: 'test', path: '/spec/rules/0/backendRefs/1/weight', value: 0 },
      { op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 90 },
      { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: 10 }
    ]);
    expect(patches.map((c) => (c.result as HttpRoute).spec?.rules?.[0].backendRefs?.map((b) => b.weight))).toEqual([
      [90, 10],
      [50, 50],
      [0, 100],
      [100, 0]
    ]);
    expect(k.validateWritten()).toBe(4);
    expect(await router.currentWeight()).toBe(0);
    k.take();
    await router.reset(ctx);
    expect(k.take()).toEqual(['kubectl -n prod get httproute/web -o json']);
    expect(log.lines).toEqual([
      'info gateway-api: canary 10 % — httproute/web in namespace prod weights web 90 / web-canary 10 in 1 rule, guarded by test operations.',
      'info gateway-api: canary 50 % — httproute/web in namespace prod weights web 50 / web-canary 50 in 1 rule, guarded by test operations.',
      'info gateway-api: canary 100 % — httproute/web in namespace prod weights web 0 / web-canary 100 in 1 rule, guarded by test operations.',
      'info gateway-api: canary 0 % — httproute/web in namespace prod weights web 100 / web-canary 0 in 1 rule, guarded by test operations.',
      'info gateway-api: canary 0 % — httproute/web in namespace prod already sends 100 to web and 0 to web-canary.'
    ]);
  });

  test('a concurrent edit fails the test operation: the route is read again and the patch retried once', async () => {
    const k = fakeKubectl(
      { 'httproute/web': route() },
      {
        faults: [
          {
            match: 'patch httproute/web',
            times: 1,
            edit: { ref: 'httproute/web', patch: [{ op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 95 }] }
          }
        ]
      }
    );
    const log = recorder();
    const router = new GatewayApiRouter({ kubectl: kubectlFor(k.bin, log), ...options, logger: log });
    await router.setWeight(10, ctx);
    expect(k.take()).toEqual([
      'kubectl -n prod get httproute/web -o json',
      'kubectl -n prod patch httproute/web --type=json -p <patch> -o json → exit 1',
      'kubectl -n prod get httproute/web -o json',
      'kubectl -n prod patch httproute/web --type=json -p <patch> -o json'
    ]);
    const patches = k.calls().filter((c) => c.argv.includes('patch'));
    expect(patchOf(patches[1])).toContainEqual({ op: 'test', path: '/spec/rules/0/backendRefs/0/weight', value: 95 });
    expect(log.lines[0]).toBe(
      'warning gateway-api: httproute/web in namespace prod changed since it was read (Error from server (UnprocessableEntity): testing value /spec/rules/0/backendRefs/0/weight failed: test failed); reading it again and retrying once.'
    );
    expect(await router.currentWeight()).toBe(10);
    expect(k.validateWritten()).toBe(1);
  });

  test('the API server’s 422 for a failed test operation is retried like a 409', async () => {
    const invalid = 'The request is invalid: the server rejected our request due to an error in our request';
    const k = fakeKubectl({ 'httproute/web': route() }, { faults: [{ match: 'patch httproute/web', times: 1, stderr: invalid }] });
    const log = recorder();
    const router = new GatewayApiRouter({ kubectl: kubectlFor(k.bin, log), ...options, logger: log });
    await router.setWeight(50, ctx);
    expect(k.take()).toEqual([
      'kubectl -n prod get httproute/web -o json',
      'kubectl -n prod patch httproute/web --type=json -p <patch> -o json → exit 1',
      'kubectl -n prod get httproute/web -o json',
      'kubectl -n prod patch httproute/web --type=json -p <patch> -o json'
    ]);
    expect(log.lines[0]).toBe(
      `warning gateway-api: httproute/web in namespace prod changed since it was read (${invalid}); reading it again and retrying once.`
    );
    expect(k.validateWritten()).toBe(1);
  });

  test('a 409 twice in a row fails the step in one sentence; other refusals are not retried', async () => {
    const conflict =
      'Error from server (Conflict): Operation cannot be fulfilled on httproutes.gateway.networking.k8s.io "web": the object has been modified; please apply your changes to the latest version and try again';
    const k = fakeKubectl({ 'httproute/web': route() }, { faults: [{ match: 'patch httproute/web', times: 2, stderr: conflict, code: 1 }] });
    const router = new GatewayApiRouter({ kubectl: kubectlFor(k.bin, recorder()), ...options, logger: recorder() });
    await expect(router.setWeight(10, ctx)).rejects.toThrow(
      `gateway-api: httproute/web in namespace prod changed while its weights were being set to canary 10 %, again after it was read anew, so the API server refused the guarded patch twice: ${conflict}.`
    );
    expect(k.take()).toHaveLength(4);
    k.update((s) => {
      s.faults = [
        {
          match: 'patch httproute/web',
          times: 1,
          stderr: 'Error from server (Forbidden): httproutes.gateway.networking.k8s.io "web" is forbidden: User "ci" cannot patch resource "httproutes"'
        }
      ];
    });
    await expect(router.setWeight(10, ctx)).rejects.toThrow(
      'kubectl could not patch httproute/web in namespace prod: Error from server (Forbidden): httproutes.gateway.networking.k8s.io "web" is forbidden: User "ci" cannot patch resource "httproutes".'
    );
    expect(k.take()).toHaveLength(2);
    k.update((s) => delete s.objects['httproute/web']);
    await expect(router.reset(ctx)).rejects.toThrow(
      'kubectl could not get httproute/web in namespace prod: Error from server (NotFound): httproutes.gateway.networking.k8s.io "web" not found.'
    );
    expect(await router.currentWeight()).toBeNull();
    expect(
      () => new GatewayApiRouter({ kubectl: kubectlFor(k.bin, recorder()), httproute: 'web', service: 'a', canaryService: 'a', logger: recorder() })
    ).toThrow('canary-service "a" is also the service: name two different Services.');
  });
});

describe('ingress-nginx router', () => {
  test('healthy: each step applies the whole canary Ingress; reset sets weight 0, then deletes it; a second reset only reads', async () => {
    const k = fakeKubectl({ 'ingress/web': ingress() });
    const log = recorder();
    const router = new IngressNginxRouter({ kubectl: kubectlFor(k.bin, log), ingress: 'web', service: 'web', canaryService: 'web-canary', logger: log });
    await router.preflight();
    expect(k.take()).toEqual(['kubectl -n prod get ingress/web -o json', 'kubectl -n prod get ingress/web-canary --ignore-not-found -o json']);
    for (const w of [10, 50, 100]) await router.setWeight(w, ctx);
    const step = [
      'kubectl -n prod get ingress/web -o json',
      'kubectl -n prod get ingress/web-canary --ignore-not-found -o json',
      'kubectl -n prod apply --validate=false -f -'
    ];
    expect(k.take()).toEqual([...step, ...step, ...step]);
    expect(await router.currentWeight()).toBe(100);
    k.take();
    await router.reset(ctx);
    expect(k.take()).toEqual([
      'kubectl -n prod get ingress/web-canary --ignore-not-found -o json',
      'kubectl -n prod patch ingress/web-canary --type=merge -p <patch> -o json',
      'kubectl -n prod delete ingress/web-canary --ignore-not-found'
    ]);
    const calls = k.calls();
    const applied = calls.filter((c) => c.stdin).map((c) => c.stdin as Ingress);
    expect(applied.map((i) => i.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary-weight'])).toEqual(['10', '50', '100']);
    expect(applied[0].spec?.rules?.[0].http?.paths[0].backend.service?.name).toBe('web-canary');
    expect(patchOf(calls.find((c) => c.argv.includes('patch'))!)).toEqual({ metadata: { annotations: { 'nginx.ingress.kubernetes.io/canary-weight': '0' } } });
    expect(k.validateWritten()).toBe(4);
    expect(Object.keys(k.objects())).toEqual(['ingress/web']);
    await router.reset(ctx);
    expect(k.take()).toEqual(['kubectl -n prod get ingress/web-canary --ignore-not-found -o json']);
    expect(await router.currentWeight()).toBe(0);
    expect(log.lines.at(-1)).toBe('info ingress-nginx: canary 0 % — ingress/web-canary in namespace prod set to canary-weight "0" and deleted.');
  });

  test('an Ingress named <ingress>-canary that is not Shipgate’s is never overwritten or deleted; a failed weight patch still deletes ours', async () => {
    const foreign = { ...ingress(), metadata: { name: 'web-canary', namespace: 'prod' } };
    const k = fakeKubectl({ 'ingress/web': ingress(), 'ingress/web-canary': foreign });
    const log = recorder();
    const router = new IngressNginxRouter({ kubectl: kubectlFor(k.bin, log), ingress: 'web', canaryService: 'web-canary', logger: log });
    const refusal =
      'ingress-nginx: ingress/web-canary in namespace prod exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another ingress.';
    await expect(router.setWeight(10, ctx)).rejects.toThrow(refusal);
    await expect(router.reset(ctx)).rejects.toThrow(refusal);
    expect(k.take().filter((l) => !l.includes(' get '))).toEqual([]);

    k.update((s) => {
      delete s.objects['ingress/web-canary'];
      s.faults = [{ match: 'patch ingress/web-canary', times: 1, stderr: 'Error from server (InternalError): etcdserver: request timed out' }];
    });
    await router.setWeight(10, ctx);
    await router.reset(ctx);
    expect(k.take().slice(-2)).toEqual([
      'kubectl -n prod patch ingress/web-canary --type=merge -p <patch> -o json → exit 1',
      'kubectl -n prod delete ingress/web-canary --ignore-not-found'
    ]);
    expect(log.lines).toContain(
      'warning ingress-nginx: kubectl could not patch ingress/web-canary in namespace prod: Error from server (InternalError): etcdserver: request timed out. Deleting the canary Ingress anyway.'
    );
    expect(k.objects()['ingress/web-canary']).toBeUndefined();
    expect(k.validateWritten()).toBe(1);
  });
});

describe('kubectl runner', () => {
  test('an argument array with --context and -n; the job environment through childEnv (KUBECONFIG kept, INPUT_* withheld)', async () => {
    const k = fakeKubectl({ 'deployment/web': stable() });
    const kubectl = kubectlFor(k.bin, recorder(), { context: 'kind-ci', namespace: 'prod' });
    expect((await kubectl.get<Deployment>('deployment/web')).metadata?.name).toBe('web');
    const [call] = k.calls();
    expect(call.argv).toEqual(['--context', 'kind-ci', '-n', 'prod', 'get', 'deployment/web', '-o', 'json']);
    expect(call.env).toEqual({ KUBECONFIG: '/home/runner/.kube/config', INPUT_TOKEN: null });
    // No namespace: the context's, and the sentence says so; nothing a shell would read is interpreted.
    const plain = kubectlFor(k.bin, recorder(), { namespace: '' });
    await expect(plain.get('deployment/$(id);web')).rejects.toThrow(
      `kubectl could not get deployment/$(id);web in the kube-context's default namespace: Error from server (NotFound): deployments.apps "$(id);web" not found.`
    );
    expect(k.calls()[1].argv).toEqual(['get', 'deployment/$(id);web', '-o', 'json']);
    expect(await plain.find('deployment/none')).toBeNull();
  });

  test('the first error line: klog noise skipped; escaped; the binary missing, a timeout and a cancellation are sentences', async () => {
    expect(
      firstErrorLine(
        'E0102 03:04:05.678901   12 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?\n'
      )
    ).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
    expect(firstErrorLine('::error::boom\nsecond')).toBe(': :error: :boom');
    expect(firstErrorLine('')).toBe('');
    const missing = new Kubectl({ kubectl: '/nonexistent/kubectl', env, logger: recorder(), namespace: 'prod' });
    await expect(missing.get('deployment/web')).rejects.toThrow(
      'kubectl could not get deployment/web in namespace prod: "/nonexistent/kubectl" was not found (install kubectl on the runner or put it on PATH).'
    );
    const k = fakeKubectl({ 'deployment/web': stable() }, { faults: [{ match: 'get deployment/web', times: 1, sleepMs: 5000 }] });
    const slow = kubectlFor(k.bin, recorder(), { timeoutMs: 300 });
    const started = Date.now();
    const err = await slow.get('deployment/web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubectlError);
    expect((err as KubectlError).message).toBe('kubectl could not get deployment/web in namespace prod: no answer within 300ms, kubectl was stopped.');
    expect((err as KubectlError).timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(kubectlFor(k.bin, recorder()).get('deployment/web', AbortSignal.abort())).rejects.toThrow(
      'kubectl could not get deployment/web in namespace prod: the job was cancelled.'
    );
  });
});

test('every object applied and every patch result above was validated against the Kubernetes schemas', () => {
  // HTTPRoutes: 4 (healthy steps) + 1 + 1 (after the retried patches); Ingresses: 4 (3 applied, 1 patched) + 1 (applied).
  expect(validation.total).toBe(11);
  expect(validation.byKind).toEqual({ HTTPRoute: 6, Ingress: 5 });
});
