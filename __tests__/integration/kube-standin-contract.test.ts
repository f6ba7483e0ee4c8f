// The Kubernetes stand-in's own contract (not Shipgate's behaviour): the REAL kubectl (Debian's
// /usr/bin/kubectl, a dispatcher that runs kubectl 1.32 for a 1.32 server) drives the stand-in
// through discovery, apply, get, scale, set image, rollout status (watch), the three patch types,
// replace with a stale resourceVersion, label/annotate and delete; the request log records what
// kubectl sent, and every object the stand-in stores validates against the kubernetes-models
// schemas. What this cannot show: how a real kube-apiserver and its controllers behave beyond
// what the stand-in imitates (see __tests__/helpers/kube-standin/index.ts).
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  isDiscoveryPath,
  PatchError,
  renderRequestLog,
  runKubectl,
  startKubeStandin,
  type KubeStandin,
  type KubectlResult,
  type RequestLogEntry
} from '../helpers/kube-standin/index.js';
import { SMP_SCHEMAS } from '../helpers/kube-standin/resources.js';

jest.setTimeout(30_000);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example/web:1.0.0
          ports: [{containerPort: 8080, name: http}]
          env: [{name: MODE, value: stable}]
        - name: sidecar
          image: registry.example/sidecar:2.0.0
`;
const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web-canary}
spec:
  selector: {app: web, shipgate.dev/track: canary}
  ports: [{name: http, port: 80, targetPort: http}]
`;
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  parentRefs: [{name: gateway}]
  hostnames: [web.example]
  rules:
    - backendRefs:
        - {name: web, port: 80, weight: 100}
        - {name: web-canary, port: 80, weight: 0}
`;
const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules:
    - host: web.example
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
const ALL = [DEPLOYMENT, SERVICES, ROUTE, INGRESS].join('---\n');

let kube: KubeStandin;
const kubectl = (args: string[], input?: string): Promise<KubectlResult> => runKubectl(kube, args, { input });
/** Requests logged since `from` (a count of requests), without discovery. */
const since = (from: number): RequestLogEntry[] =>
  kube
    .requests()
    .slice(from)
    .filter((e) => !isDiscoveryPath(e.path));
const lines = (from: number): string[] => renderRequestLog(since(from), { bodies: 'none', command: false }).trim().split('\n');
const rvOf = (o: Record<string, unknown> | undefined): number => Number((o?.metadata as { resourceVersion: string }).resourceVersion);
const deployment = (): {
  metadata: { generation: number; resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { name: string; image: string; env?: unknown[]; ports?: unknown[] }[] } } };
  status: Record<string, unknown>;
} => kube.store.get('deployments', 'default', 'web') as never;
const weights = (): number[] =>
  ((kube.store.get('httproutes', 'default', 'web') as { spec: { rules: { backendRefs: { weight: number }[] }[] } }).spec.rules[0].backendRefs ?? []).map(
    (b) => b.weight
  );

beforeAll(async () => {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`kubectl is not on PATH (${probe.error.message}): these tests drive the real kubectl (Debian package kubectl)`);
  kube = await startKubeStandin({ readyDelayMs: 200 });
});
afterAll(async () => {
  await kube?.close();
});

describe('kubectl 1.32 against the stand-in', () => {
  test('apply creates a Deployment, two Services, an HTTPRoute and an Ingress, after aggregated discovery', async () => {
    // Not ready until the rollout-status test releases it.
    kube.setReadyDelayMs('web', Infinity);
    const r = await kubectl(['apply', '--validate=false', '-f', '-'], ALL);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim().split('\n')).toEqual([
      'deployment.apps/web created',
      'service/web created',
      'service/web-canary created',
      'httproute.gateway.networking.k8s.io/web created',
      'ingress.networking.k8s.io/web created'
    ]);

    const log = kube.requests();
    // The dispatcher reads /version to pick the kubectl matching the server (1.32 here).
    expect(log[0]).toMatchObject({ method: 'GET', path: '/version', status: 200 });
    expect(log.filter((e) => e.command === 'kubectl apply').every((e) => e.userAgent?.startsWith('kubectl/v1.32.'))).toBe(true);
    // kubectl 1.32 asks for aggregated discovery (apidiscovery.k8s.io/v2) and, given it, asks for nothing per group version.
    const discovery = log.filter((e) => e.path === '/api' || e.path === '/apis');
    expect(discovery.map((e) => e.path)).toEqual(['/api', '/apis']);
    for (const e of discovery) expect(e.accept).toContain('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(log.some((e) => /^\/apis\/[^/]+\/v1$|^\/api\/v1$/.test(e.path))).toBe(false);

    expect(lines(0)).toEqual([
      'GET /apis/apps/v1/namespaces/default/deployments/web -> 404',
      'POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-client-side-apply&fieldValidation=Ignore [application/json] -> 201',
      'GET /api/v1/namespaces/default/services/web -> 404',
      'POST /api/v1/namespaces/default/services?fieldManager=kubectl-client-side-apply&fieldValidation=Ignore [application/json] -> 201',
      'GET /api/v1/namespaces/default/services/web-canary -> 404',
      'POST /api/v1/namespaces/default/services?fieldManager=kubectl-client-side-apply&fieldValidation=Ignore [application/json] -> 201',
      'GET /apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/web -> 404',
      'POST /apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes?fieldManager=kubectl-client-side-apply&fieldValidation=Ignore [application/json] -> 201',
      'GET /apis/networking.k8s.io/v1/namespaces/default/ingresses/web -> 404',
      'POST /apis/networking.k8s.io/v1/namespaces/default/ingresses?fieldManager=kubectl-client-side-apply&fieldValidation=Ignore [application/json] -> 201'
    ]);
    const post = log.find((e) => e.method === 'POST' && e.path.endsWith('/deployments'));
    expect(post?.body).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': expect.any(String) } }
    });
  });

  test('get -o json returns the stored objects, defaulted as kube-apiserver defaults them', async () => {
    const r = await kubectl(['get', 'deployment/web', 'service/web', 'httproute/web', 'ingress/web', '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { kind: string; items: Record<string, unknown>[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'HTTPRoute', 'Ingress']);
    const [d, s, route] = list.items as never as [
      { metadata: Record<string, unknown>; spec: Record<string, unknown> },
      { spec: Record<string, unknown> },
      { spec: { parentRefs: unknown[]; rules: { matches: unknown[]; backendRefs: unknown[] }[] } }
    ];
    expect(d.metadata).toMatchObject({
      name: 'web',
      namespace: 'default',
      generation: 1,
      uid: expect.any(String),
      resourceVersion: expect.stringMatching(/^\d+$/)
    });
    expect(d.spec).toMatchObject({
      replicas: 2,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }
    });
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      clusterIP: expect.stringMatching(/^10\.96\./),
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]
    });
    // The Gateway API CRD's schema defaults.
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway' }]);
    expect(route.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(route.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'web', port: 80, weight: 100 },
      { group: '', kind: 'Service', name: 'web-canary', port: 80, weight: 0 }
    ]);

    const table = await kubectl(['get', 'deployments']);
    expect(table.stdout.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  });

  test('rollout status waits on a watch and succeeds once the stand-in marks the pods ready', async () => {
    const from = kube.requests().length;
    const running = kubectl(['rollout', 'status', 'deployment/web', '--timeout=10s']);
    // Once kubectl is watching, the pods become ready: the MODIFIED event on the watch ends its wait.
    const deadline = Date.now() + 10_000;
    while (!since(from).some((e) => e.query.watch === 'true') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    kube.setReadyDelayMs('web', 0);
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...');
    expect(r.stdout).toContain('deployment "web" successfully rolled out');
    expect(lines(from)).toEqual([
      'GET /apis/apps/v1/namespaces/default/deployments/web -> 200',
      'GET /apis/apps/v1/namespaces/default/deployments?fieldSelector=metadata.name=web&limit=500 -> 200',
      'GET /apis/apps/v1/namespaces/default/deployments?allowWatchBookmarks=true&fieldSelector=metadata.name=web&watch=true -> 200'
    ]);
    expect(deployment().status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(kube.pendingRollouts()).toEqual([]);
  });

  test('scale goes through the scale subresource and bumps generation and resourceVersion', async () => {
    const before = deployment();
    const from = kube.requests().length;
    const r = await kubectl(['scale', 'deployment/web', '--replicas=3']);
    expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps/web scaled\n' });
    expect(lines(from)).toEqual([
      'GET /apis/apps/v1/namespaces/default/deployments/web -> 200',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web/scale [application/merge-patch+json] -> 200'
    ]);
    expect(since(from)[1].body).toEqual({ spec: { replicas: 3 } });
    const after = deployment();
    expect(after.spec.replicas).toBe(3);
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    expect(rvOf(after)).toBeGreaterThan(rvOf(before));
  });

  test('set image is a strategic merge patch that merges containers by name', async () => {
    kube.setReadyDelayMs('web', 100);
    const from = kube.requests().length;
    const r = await kubectl(['set', 'image', 'deployment/web', 'web=registry.example/web:1.1.0']);
    expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps/web image updated\n' });
    const patch = since(from).find((e) => e.method === 'PATCH');
    expect(patch).toMatchObject({ contentType: 'application/strategic-merge-patch+json', query: { fieldManager: 'kubectl-set' } });
    expect(patch?.body).toEqual({
      spec: {
        template: {
          spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ image: 'registry.example/web:1.1.0', name: 'web' }] }
        }
      }
    });
    const containers = deployment().spec.template.spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([
      ['web', 'registry.example/web:1.1.0'],
      ['sidecar', 'registry.example/sidecar:2.0.0']
    ]);
    // Merged, not replaced: the web container keeps its ports and env.
    expect(containers[0]).toMatchObject({ ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }], env: [{ name: 'MODE', value: 'stable' }] });
    expect((await kubectl(['rollout', 'status', 'deployment/web', '--timeout=10s'])).code).toBe(0);
  });

  test('rollout status times out when the pods never become ready, and succeeds once they do', async () => {
    kube.setReadyDelayMs('web', Infinity);
    expect((await kubectl(['set', 'image', 'deployment/web', 'web=registry.example/web:broken'])).code).toBe(0);
    const r = await kubectl(['rollout', 'status', 'deployment/web', '--timeout=1s']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(kube.pendingRollouts()).toEqual(['default/web']);
    kube.setReadyDelayMs('web', 0);
    expect((await kubectl(['rollout', 'status', 'deployment/web', '--timeout=10s'])).code).toBe(0);
    expect(deployment().status).toMatchObject({ availableReplicas: 3 });
  });

  test('JSON patch with test operations: applied when they hold, 422 Invalid when one fails (nothing changes)', async () => {
    const ok = await kubectl([
      'patch',
      'httproute',
      'web',
      '--type=json',
      '-p',
      JSON.stringify([
        { op: 'test', path: '/spec/rules/0/backendRefs/0/weight', value: 100 },
        { op: 'test', path: '/spec/rules/0/backendRefs/1/weight', value: 0 },
        { op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 90 },
        { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: 10 }
      ])
    ]);
    expect(ok).toMatchObject({ code: 0, stdout: 'httproute.gateway.networking.k8s.io/web patched\n' });
    expect(weights()).toEqual([90, 10]);
    const generation = (kube.store.get('httproutes', 'default', 'web') as { metadata: { generation: number } }).metadata.generation;
    expect(generation).toBe(2);

    const rv = rvOf(kube.store.get('httproutes', 'default', 'web'));
    const from = kube.requests().length;
    const stale = await kubectl([
      'patch',
      'httproute',
      'web',
      '--type=json',
      '-p',
      JSON.stringify([
        { op: 'test', path: '/spec/rules/0/backendRefs/1/weight', value: 0 },
        { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: 25 }
      ])
    ]);
    expect(stale.code).toBe(1);
    // kube-apiserver answers a JSON patch that does not apply with 422 Invalid and a fixed message.
    expect(stale.stderr).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
    const patch = since(from).find((e) => e.method === 'PATCH');
    expect(patch).toMatchObject({
      status: 422,
      contentType: 'application/json-patch+json',
      note: 'testing value /spec/rules/0/backendRefs/1/weight failed: test failed'
    });
    expect(weights()).toEqual([90, 10]);
    expect(rvOf(kube.store.get('httproutes', 'default', 'web'))).toBe(rv);
  });

  test('merge patch on an HTTPRoute; strategic merge patch refused for it (a CRD), applied to a Deployment', async () => {
    expect((await kubectl(['patch', 'httproute', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"shipgate.dev/managed":"true"}}}'])).code).toBe(0);
    expect((kube.store.get('httproutes', 'default', 'web') as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual({
      'shipgate.dev/managed': 'true'
    });

    const smpRoute = await kubectl(['patch', 'httproute', 'web', '--type=strategic', '-p', '{"metadata":{"labels":{"a":"b"}}}']);
    expect(smpRoute.code).toBe(1);
    expect(smpRoute.stderr).toContain('application/strategic-merge-patch+json is not supported by gateway.networking.k8s.io/v1, Kind=HTTPRoute');
    expect(kube.requests().at(-1)?.status).toBe(415);

    const smp = await kubectl([
      'patch',
      'deployment',
      'web',
      '--type=strategic',
      '-p',
      JSON.stringify({
        metadata: { labels: { 'shipgate.dev/track': 'stable' }, annotations: { 'shipgate.dev/release': 'r1' } },
        spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'LEVEL', value: 'debug' }] }] } } }
      })
    ]);
    expect(smp.code).toBe(0);
    const d = deployment();
    expect(d.metadata.labels).toEqual({ app: 'web', 'shipgate.dev/track': 'stable' });
    expect(d.metadata.annotations).toMatchObject({ 'shipgate.dev/release': 'r1' });
    // env merged by its merge key (name), containers by theirs.
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'stable' },
      { name: 'LEVEL', value: 'debug' }
    ]);
    expect(d.spec.template.spec.containers).toHaveLength(2);

    const merge = await kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"shipgate.dev/track":null}}}']);
    expect(merge.code).toBe(0);
    expect(deployment().metadata.labels).toEqual({ app: 'web' });
  });

  test('label and annotate are merge patches', async () => {
    const from = kube.requests().length;
    expect((await kubectl(['label', 'deployment/web', 'shipgate.dev/track=stable'])).code).toBe(0);
    expect((await kubectl(['annotate', 'deployment/web', 'shipgate.dev/deployment-id=42'])).code).toBe(0);
    const patches = since(from).filter((e) => e.method === 'PATCH');
    expect(patches.map((e) => [e.contentType, e.query.fieldManager, e.body])).toEqual([
      ['application/merge-patch+json', 'kubectl-label', { metadata: { labels: { 'shipgate.dev/track': 'stable' } } }],
      ['application/merge-patch+json', 'kubectl-annotate', { metadata: { annotations: { 'shipgate.dev/deployment-id': '42' } } }]
    ]);
  });

  test('replace with a stale resourceVersion is a 409 Conflict', async () => {
    const old = await kubectl(['get', 'deployment', 'web', '-o', 'json']);
    expect((await kubectl(['label', 'deployment/web', 'touched=yes'])).code).toBe(0);
    const from = kube.requests().length;
    const r = await kubectl(['replace', '--validate=false', '-f', '-'], old.stdout);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again'
    );
    expect(since(from).map((e) => `${e.method} ${e.status}`)).toEqual(['PUT 409']);
    expect(deployment().metadata.labels).toMatchObject({ touched: 'yes' });

    // The same object with the current resourceVersion goes through.
    const current = JSON.parse((await kubectl(['get', 'deployment', 'web', '-o', 'json'])).stdout) as { metadata: { labels: Record<string, string> } };
    current.metadata.labels.replaced = 'yes';
    expect((await kubectl(['replace', '--validate=false', '-f', '-'], JSON.stringify(current))).code).toBe(0);
    expect(deployment().metadata.labels).toMatchObject({ replaced: 'yes' });
  });

  test('schema and rule violations are 422 Invalid, with the field named (a type mismatch on create: 400)', async () => {
    const before = kube.store.validationStats();
    const replicas = await kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":-1}}']);
    expect(replicas).toMatchObject({
      code: 1,
      stderr: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
    });

    const weight = await kubectl([
      'patch',
      'httproute',
      'web',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":-5}]'
    ]);
    expect(weight.code).toBe(1);
    expect(weight.stderr).toContain('The HTTPRoute "web" is invalid: spec.rules[0].backendRefs[0].weight: Invalid value: -5');

    const mismatch = await kubectl(
      ['apply', '--validate=false', '-f', '-'],
      DEPLOYMENT.replace('name: web\n  labels', 'name: other\n  labels').replace('labels: {app: web}\n    spec', 'labels: {app: nope}\n    spec')
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('spec.template.metadata.labels: Invalid value: {"app":"nope"}: `selector` does not match template `labels`');

    // A type mismatch in a created built-in object fails kube-apiserver's decoding: 400, not 422.
    const badType = await kubectl(
      ['create', '--validate=false', '-f', '-'],
      DEPLOYMENT.replace('name: web\n  labels', 'name: typed\n  labels').replace('containerPort: 8080', 'containerPort: "http"')
    );
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment'
    );

    expect(kube.requests().filter((e) => e.status === 422).length).toBeGreaterThanOrEqual(3);
    expect(kube.store.validationStats().rejected - before.rejected).toBe(4);
    expect(kube.store.get('deployments', 'default', 'other')).toBeUndefined();
    expect(kube.store.get('deployments', 'default', 'typed')).toBeUndefined();
  });

  test('failNext answers the next matching request with the injected status', async () => {
    kube.failNext('PATCH', /\/httproutes\/web$/, 409);
    const failed = await kubectl(['patch', 'httproute', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"x":"1"}}}']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Error from server (Conflict)');
    expect(kube.requests().at(-1)).toMatchObject({ status: 409, note: 'injected fault' });
    expect((await kubectl(['patch', 'httproute', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"x":"1"}}}'])).code).toBe(0);
  });

  test('the second context reaches the same stand-in in its own namespace, and the log says so', async () => {
    const from = kube.requests().length;
    const r = await kubectl(['--context', 'other', 'get', 'deployments', '-o', 'name']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const mine = since(from).filter((e) => e.path.includes('/deployments'));
    expect(mine.map((e) => [e.context, e.path])).toEqual([['other', '/apis/apps/v1/namespaces/other/deployments']]);
    expect(renderRequestLog(mine)).toContain('-> 200 (context other)');
  });

  test('every stored object validates against the kubernetes-models schemas', () => {
    const { checked, failures } = kube.store.validateAll();
    expect(failures).toEqual([]);
    // 4 namespaces, a Deployment, two Services, an HTTPRoute, an Ingress.
    expect(checked).toBe(9);
    expect(kube.store.validationStats().checked).toBeGreaterThan(20);
  });

  test('the rendered request log is stable: no resourceVersions, uids or timestamps', () => {
    const text = kube.renderLog({ bodies: 'compact' });
    expect(text).not.toMatch(/"resourceVersion":"\d+"|"uid":"[0-9a-f-]{36}"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|resourceVersion=\d|timeoutSeconds=/);
    expect(text).toContain(
      'PATCH /apis/apps/v1/namespaces/default/deployments/web/scale [application/merge-patch+json] -> 200  # kubectl scale\n  {"spec":{"replicas":3}}\n'
    );
  });

  test('delete removes every object, and kubectl sees them gone', async () => {
    const from = kube.requests().length;
    const r = await kubectl(['delete', '-f', '-'], ALL);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'deployment.apps "web" deleted',
      'service "web" deleted',
      'service "web-canary" deleted',
      'httproute.gateway.networking.k8s.io "web" deleted',
      'ingress.networking.k8s.io "web" deleted'
    ]);
    const deletes = since(from).filter((e) => e.method === 'DELETE');
    expect(deletes.map((e) => e.status)).toEqual([200, 200, 200, 200, 200]);
    expect(deletes[0].body).toEqual({ propagationPolicy: 'Background' });
    for (const kind of ['deployments', 'services', 'httproutes', 'ingresses']) expect(kube.store.list(kind, 'default')).toEqual([]);
    const get = await kubectl(['get', 'deployment', 'web']);
    expect(get).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments.apps "web" not found\n' });
  });
});

describe('the stand-in with legacy discovery and a progress deadline', () => {
  test('kubectl falls back to per-group-version discovery, and rollout status reports an exceeded progress deadline', async () => {
    const legacy = await startKubeStandin({ discovery: 'legacy', readyDelayMs: Infinity });
    try {
      const r = await runKubectl(legacy, ['apply', '--validate=false', '-f', '-'], {
        input: DEPLOYMENT.replace('replicas: 2', 'replicas: 1\n  progressDeadlineSeconds: 1')
      });
      expect(r.code).toBe(0);
      const paths = legacy.requests().map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining(['/api', '/apis', '/api/v1', '/apis/apps/v1', '/apis/networking.k8s.io/v1', '/apis/gateway.networking.k8s.io/v1'])
      );
      const status = await runKubectl(legacy, ['rollout', 'status', 'deployment/web', '--timeout=10s']);
      expect(status.code).toBe(1);
      expect(status.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
      expect(status.ms).toBeLessThan(5000);
    } finally {
      await legacy.close();
    }
  });
});

describe('patch semantics, directly', () => {
  const doc = { a: { b: [1, 2, 3] }, 'x/y': { '~k': 1 } };

  test('JSON patch: RFC 6902 operations, pointers with escapes, all-or-nothing', () => {
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/a/b/1', value: 9 },
        { op: 'add', path: '/a/b/-', value: 4 },
        { op: 'remove', path: '/a/b/0' },
        { op: 'replace', path: '/x~1y/~0k', value: 2 },
        { op: 'copy', from: '/a/b', path: '/c' },
        { op: 'move', from: '/c', path: '/d' },
        { op: 'test', path: '/d', value: [9, 2, 3, 4] }
      ])
    ).toEqual({ a: { b: [9, 2, 3, 4] }, 'x/y': { '~k': 2 }, d: [9, 2, 3, 4] });
    expect(doc.a.b).toEqual([1, 2, 3]);
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/missing', value: 1 }])).toThrow(PatchError);
    expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/no/parent', value: 1 }])).toThrow(PatchError);
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/a/b/0', value: 2 }])).toThrow('testing value /a/b/0 failed');
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/missing', value: null }])).toEqual(doc);
    expect(() => applyJsonPatch(doc, [{ op: 'jump', path: '/a' }])).toThrow(expect.objectContaining({ bad: true }));
  });

  test('merge patch: RFC 7386', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: null, b: { c: null, f: 4 }, e: [2] })).toEqual({ b: { d: 3, f: 4 }, e: [2] });
  });

  test('strategic merge patch: merge keys and directives', () => {
    const d = {
      spec: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        template: {
          metadata: { finalizers: ['a'] },
          spec: {
            containers: [
              { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
              { name: 'b', image: 'b:1' }
            ],
            tolerations: [{ key: 't' }]
          }
        }
      }
    };
    const out = applyStrategicMergePatch(
      d,
      {
        spec: {
          strategy: { $retainKeys: ['type'], type: 'Recreate' },
          template: {
            metadata: { finalizers: ['b'] },
            spec: {
              '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }],
              containers: [
                { name: 'a', env: [{ name: 'Y', value: '2' }] },
                { name: 'b', $patch: 'delete' },
                { name: 'c', image: 'c:1' }
              ],
              tolerations: [{ key: 'u' }]
            }
          }
        }
      },
      SMP_SCHEMAS.Deployment
    );
    expect(out).toEqual({
      spec: {
        strategy: { type: 'Recreate' },
        template: {
          metadata: { finalizers: ['a', 'b'] },
          spec: {
            containers: [
              { name: 'c', image: 'c:1' },
              {
                name: 'a',
                image: 'a:1',
                env: [
                  { name: 'X', value: '1' },
                  { name: 'Y', value: '2' }
                ]
              }
            ],
            tolerations: [{ key: 'u' }]
          }
        }
      }
    });
    const pod = (containers: unknown[]): unknown => ({ spec: { template: { spec: { containers } } } });
    expect(applyStrategicMergePatch(pod([{ name: 'a' }, { name: 'b' }]), pod([{ $patch: 'replace' }, { name: 'z' }]), SMP_SCHEMAS.Deployment)).toEqual(
      pod([{ name: 'z' }])
    );
    expect(
      applyStrategicMergePatch({ metadata: { labels: { a: '1' } } }, { metadata: { $patch: 'replace', labels: { b: '2' } } }, SMP_SCHEMAS.Deployment)
    ).toEqual({
      metadata: { labels: { b: '2' } }
    });
  });
});
