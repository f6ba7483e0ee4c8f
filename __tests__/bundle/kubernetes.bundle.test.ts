// canary-deploy's bundle with target: kubernetes, driving the REAL kubectl (Debian's package here:
// a dispatcher running kubectl 1.32) against a loopback stand-in API server: no kube-apiserver can
// be installed on these machines (see __tests__/helpers/kube-standin/README.md). The cluster side
// is the stand-in; the evidence comes from probes of two demo-service processes on loopback that
// play the stable and canary pods. What only a real cluster can show (pods, Services routing,
// a Gateway implementation) is in .github/workflows/kind.yml. Each rollout is its own workflow run;
// the ledger file is what runs share. The mutating requests kubectl sent are kept as golden logs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { REPO, runBundle, tempDir } from '../helpers/run-bundle.js';
import { freePort } from '../helpers/prometheus.js';
import { runKubectl, startKubeStandin, type KubeStandin, type RequestLogEntry } from '../helpers/kube-standin/index.js';
import type { RolloutReport } from '../../shared/model/report.js';

jest.setTimeout(180_000);

const WORKLOAD = path.join(REPO, '__tests__', 'helpers', 'workload.mjs');
const GOLDEN = path.join(REPO, '__tests__', 'golden', 'kubernetes');
const NS = 'default';

let kube: KubeStandin;
let ports: { stable: number; canary: number };
const workDir = tempDir('sg-kube-workload-');

function pods(verb: 'start' | 'stop', slot: 'stable' | 'canary', version = 'v1'): void {
  const r = spawnSync(process.execPath, [WORKLOAD, verb, slot], {
    env: { PATH: process.env.PATH, WORKLOAD_DIR: workDir, STABLE_PORT: String(ports.stable), CANARY_PORT: String(ports.canary), SHIPGATE_VERSION: version },
    encoding: 'utf8'
  });
  if (r.status !== 0) throw new Error(`workload ${verb} ${slot}: ${r.stderr}`);
}

/** Writes of the run, one line each, volatile values out: what Shipgate asked the cluster to change. */
function writes(entries: readonly RequestLogEntry[]): string {
  return entries
    .filter((e) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(e.method))
    .map((e) => {
      const params = Object.entries(e.query ?? {}).filter(([k]) => k !== 'fieldManager');
      const q = params.length ? `?${new URLSearchParams(params).toString()}` : '';
      const body = e.method === 'PATCH' && e.body !== undefined ? ` ${JSON.stringify(scrub(e.body))}` : '';
      return `${e.method} ${e.path}${q} -> ${e.status}${body}`;
    })
    .join('\n');
}

function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !['resourceVersion', 'shipgate.dev/deployment-id', 'kubectl.kubernetes.io/last-applied-configuration'].includes(k))
        .map(([k, x]) => [k, scrub(x)])
    );
  }
  return v;
}

/** Compares with the kept golden log (SHIPGATE_UPDATE_GOLDEN=1 or a missing file writes it). */
function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, `${name}.log`);
  if (process.env.SHIPGATE_UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, `${text}\n`);
  }
  expect(text).toBe(readFileSync(file, 'utf8').trimEnd());
}

function report(outputs: Record<string, string>): RolloutReport {
  return JSON.parse(readFileSync(outputs.report, 'utf8')) as RolloutReport;
}

async function apply(file: string): Promise<void> {
  const r = await runKubectl(kube, ['apply', '--validate=false', '-n', NS, '-f', path.join(REPO, 'examples', 'kubernetes', file)]);
  if (r.code !== 0) throw new Error(`kubectl apply ${file}: ${r.stderr}`);
}

const deployment = () => kube.store.get('deployments', NS, 'web') as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
const canary = () => kube.store.get('deployments', NS, 'web-canary') ?? null;
const routeWeights = () =>
  (kube.store.get('httproutes', NS, 'web') as { spec: { rules: { backendRefs: { name: string; weight?: number }[] }[] } }).spec.rules[0].backendRefs.map(
    (b) => `${b.name}=${b.weight}`
  );

beforeAll(async () => {
  ports = { stable: await freePort(), canary: await freePort() };
  kube = await startKubeStandin({ readyDelayMs: 150 });
  for (const f of ['app.yaml', 'httproute.yaml', 'ingress.yaml']) await apply(f);
  pods('start', 'stable', 'v1');
});

afterAll(async () => {
  await kube?.close();
  spawnSync('sh', ['-c', `for f in "${workDir}"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; true`]);
  rmSync(workDir, { recursive: true, force: true });
});

const ledgerDir = tempDir('sg-kube-ledger-');
afterAll(() => rmSync(ledgerDir, { recursive: true, force: true }));

const base = (version: string, traffic: string, extra: Record<string, string> = {}) => ({
  environment: `k8s-${traffic}`,
  version,
  target: 'kubernetes',
  traffic,
  deployment: 'web',
  container: 'app',
  image: 'shipgate-demo:{{version}}',
  service: 'web',
  'canary-service': 'web-canary',
  httproute: 'web',
  ingress: 'web',
  'rollout-timeout': '20s',
  'canary-url': `http://127.0.0.1:${ports.canary}/`,
  'stable-url': `http://127.0.0.1:${ports.stable}/`,
  'probe-rate': '40',
  steps: '10,50,100',
  'step-duration': '4s',
  'error-tolerance': '10%',
  'latency-tolerance': '300%',
  'on-inconclusive': 'promote',
  'status-context': 'off',
  ledger: 'file',
  'ledger-file': path.join(ledgerDir, `${traffic}.json`),
  ...extra
});

describe('traffic: gateway-api', () => {
  beforeEach(() => kube.clearRequests());

  test('healthy: the HTTPRoute weights go 10 → 50 → 100, the image is promoted, the canary is gone', async () => {
    pods('start', 'canary', 'v2');
    const run = await runBundle('canary-deploy', base('v2', 'gateway-api'), { env: kube.kubectlEnv() });
    expect({ result: run.outputs.result, error: run.error }).toEqual({ result: 'promoted', error: '' });
    expect(report(run.outputs).steps.map((s) => s.weight)).toEqual([10, 50, 100]);
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v2');
    expect(canary()).toBeNull();
    expect(routeWeights()).toEqual(['web=100', 'web-canary=0']);
    golden('gateway-api-healthy', writes(kube.requests()));
  });

  test('a 409 on the route is re-read and retried once; the rollout goes on', async () => {
    pods('start', 'canary', 'v3');
    kube.failNext('PATCH', /\/httproutes\/web$/, 409);
    const run = await runBundle('canary-deploy', base('v3', 'gateway-api', { steps: '50,100' }), { env: kube.kubectlEnv() });
    expect({ result: run.outputs.result, error: run.error }).toEqual({ result: 'promoted', error: '' });
    const patches = kube.requests().filter((e) => e.method === 'PATCH' && e.path.endsWith('/httproutes/web'));
    expect(patches[0].status).toBe(409);
    expect(patches[1].status).toBe(200);
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v3');
    golden('gateway-api-409-retried', writes(kube.requests()));
  });

  test('faulty: weight back to 0 and the canary deleted; stable untouched', async () => {
    pods('start', 'canary', 'v4-bad');
    const run = await runBundle('canary-deploy', base('v4-bad', 'gateway-api'), { env: kube.kubectlEnv() });
    expect(run.outputs.result).toBe('rolled-back');
    expect(report(run.outputs).steps[0].verdict.decision).toBe('fail');
    expect(canary()).toBeNull();
    expect(routeWeights()).toEqual(['web=100', 'web-canary=0']);
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v3');
    golden('gateway-api-faulty', writes(kube.requests()));
  });
});

describe('traffic: replicas and ingress-nginx', () => {
  beforeEach(() => kube.clearRequests());

  test('replicas, faulty: the canary is scaled away and deleted; stable keeps its replicas and image', async () => {
    const before = deployment();
    pods('start', 'canary', 'v5-bad');
    const run = await runBundle('canary-deploy', base('v5-bad', 'replicas', { 'stable-url': `http://127.0.0.1:${ports.stable}/` }), { env: kube.kubectlEnv() });
    expect(run.outputs.result).toBe('rolled-back');
    expect(canary()).toBeNull();
    expect(deployment().spec.replicas).toBe(before.spec.replicas);
    expect(deployment().spec.template.spec.containers[0].image).toBe(before.spec.template.spec.containers[0].image);
    golden('replicas-faulty', writes(kube.requests()));
  });

  test('ingress-nginx, healthy: a canary Ingress with canary-weight, gone after the promotion', async () => {
    pods('start', 'canary', 'v6');
    const run = await runBundle('canary-deploy', base('v6', 'ingress-nginx', { steps: '20,100' }), { env: kube.kubectlEnv() });
    expect({ result: run.outputs.result, error: run.error }).toEqual({ result: 'promoted', error: '' });
    const weights = kube
      .requests()
      .filter((e) => e.path.includes('/ingresses') && e.body !== undefined)
      .map((e) => JSON.stringify(e.body).match(/canary-weight\\?":\\?"(\d+)/)?.[1])
      .filter(Boolean);
    expect(weights).toEqual(expect.arrayContaining(['20', '100', '0']));
    expect(kube.store.get('ingresses', NS, 'web-canary') ?? null).toBeNull();
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v6');
    golden('ingress-nginx-healthy', writes(kube.requests()));
  });

  test('a canary that never becomes ready: the rollout fails at the readiness wait and the canary is deleted', async () => {
    kube.setReadyDelayMs('web-canary', Infinity);
    const run = await runBundle('canary-deploy', base('v7', 'replicas', { 'rollout-timeout': '2s' }), { env: kube.kubectlEnv() });
    kube.setReadyDelayMs('web-canary', 150);
    expect(run.outputs.result).toBe('failed');
    expect(run.error).toMatch(/web-canary/);
    expect(canary()).toBeNull();
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v6');
  });

  test('a killed run: the next run on a fresh runner finds the canary by its labels, retires it, and rolls out', async () => {
    pods('start', 'canary', 'v8');
    const ledger = path.join(ledgerDir, 'killed.json');
    const killed = await runBundle(
      'canary-deploy',
      base('v8', 'gateway-api', { 'ledger-file': ledger, 'step-duration': '30s', 'on-inconclusive': 'rollback', 'error-tolerance': '0.1%' }),
      {
        env: kube.kubectlEnv(),
        signalAfter: { signal: 'SIGKILL', whenStdout: /at 10 %/ }
      }
    );
    expect(killed.code).not.toBe(0);
    expect(canary()).not.toBeNull();
    const labels = (canary() as { metadata: { labels: Record<string, string> } }).metadata.labels;
    expect(labels['shipgate.dev/track']).toBe('canary');
    pods('start', 'canary', 'v9');
    const next = await runBundle('canary-deploy', base('v9', 'gateway-api', { 'ledger-file': ledger, steps: '50,100' }), { env: kube.kubectlEnv() });
    expect({ result: next.outputs.result, error: next.error }).toEqual({ result: 'promoted', error: '' });
    expect(next.summary).toMatch(/v8/);
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v9');
    expect(canary()).toBeNull();
  });

  test('paused at 50 %, then promoted by a release manager from another run; a later auto-rollback puts the previous image back', async () => {
    pods('start', 'canary', 'v10');
    const before = deployment().spec.template.spec.containers[0].image;
    const ledger = path.join(ledgerDir, 'paused.json');
    const paused = await runBundle('canary-deploy', base('v10', 'gateway-api', { 'ledger-file': ledger, steps: '50,pause,100' }), { env: kube.kubectlEnv() });
    expect({ result: paused.outputs.result, error: paused.error }).toEqual({ result: 'paused', error: '' });
    expect(routeWeights()).toEqual(['web=50', 'web-canary=50']);
    const promoted = await runBundle(
      'canary-deploy',
      { ...base('v10', 'gateway-api', { 'ledger-file': ledger }), action: 'promote' },
      { env: kube.kubectlEnv() }
    );
    expect({ result: promoted.outputs.result, error: promoted.error }).toEqual({ result: 'promoted', error: '' });
    expect(deployment().spec.template.spec.containers[0].image).toBe('shipgate-demo:v10');
    expect(canary()).toBeNull();
    expect(routeWeights()).toEqual(['web=100', 'web-canary=0']);
    const { version: _v, steps: _s, ...targetInputs } = base('v10', 'gateway-api', { 'ledger-file': ledger });
    void _v;
    void _s;
    const previous = before.split(':').pop() ?? '';
    const restored = await runBundle(
      'auto-rollback',
      { ...targetInputs, 'to-version': previous, reason: 'smoke test failed after v10' },
      { env: kube.kubectlEnv() }
    );
    expect({ code: restored.code, error: restored.error }).toEqual({ code: 0, error: '' });
    expect(deployment().spec.template.spec.containers[0].image).toBe(before);
  });

  test('every object the stand-in holds validates against the Kubernetes OpenAPI schemas', () => {
    const { checked, failures } = kube.store.validateAll();
    const stats = kube.store.validationStats();
    console.log(`kubernetes: ${checked} stored objects validated, ${stats.checked} writes schema-checked, ${stats.rejected} rejected`);
    expect(checked).toBeGreaterThan(3);
    expect(failures).toEqual([]);
    expect(stats.rejected).toBe(0);
  });
});
