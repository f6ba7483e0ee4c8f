// A fake kubectl for unit tests of the Kubernetes target and routers: written into a temp dir as
// an executable, it records argv and stdin in calls.jsonl, answers from store.json, and applies
// patches with the real kubectl offline (`kubectl patch --local`), as the API server would.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Deployment as DeploymentModel } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress as IngressModel } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { HttpRoute, Ingress } from '../../shared/targets/kubernetes/objects.js';

/** One run of the fake kubectl, as calls.jsonl records it. */
export interface KubectlCall {
  argv: string[];
  stdin?: { kind?: string };
  result?: { kind?: string };
  exit: number;
  env: { KUBECONFIG: string | null; INPUT_TOKEN: string | null };
}

/** A scripted failure: the first `times` commands matching `match` fail (or are slowed, or edit the store first). */
export interface KubectlFault {
  match: string;
  times: number;
  stderr?: string;
  code?: number;
  sleepMs?: number;
  edit?: { ref: string; patch: unknown[] };
}

export interface FakeStore {
  objects: Record<string, object>;
  faults?: KubectlFault[];
  neverReady?: string[];
}

/** Objects validated against the Kubernetes schemas in this test file, in all and by kind. */
export const validation = { total: 0, byKind: {} as Record<string, number> };

function validate(obj: object): void {
  const data = structuredClone(obj) as never;
  const kind = (obj as { kind?: string }).kind;
  if (kind === 'Deployment') new DeploymentModel(data).validate();
  else if (kind === 'Ingress') new IngressModel(data).validate();
  else if (kind === 'HTTPRoute') new HTTPRoute(data).validate();
  else throw new Error(`no schema for ${kind}`);
  validation.total++;
  validation.byKind[kind] = (validation.byKind[kind] ?? 0) + 1;
}

const dirs: string[] = [];
/** Removes every fake kubectl's folder (call it from afterAll). */
export function removeFakeKubectls(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A fake kubectl with its store. `take()` returns the commands run since the last take, each as
 * `render` writes it; `validateWritten()` validates every object applied and every patch result so
 * far and returns how many.
 */
export function fakeKubectl(objects: Record<string, object>, more: Omit<FakeStore, 'objects'>, render: (c: KubectlCall) => string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-fake-kubectl-'));
  dirs.push(dir);
  const bin = path.join(dir, 'kubectl');
  writeFileSync(bin, FAKE_KUBECTL, { mode: 0o755 });
  const storeFile = path.join(dir, 'store.json');
  writeFileSync(storeFile, JSON.stringify({ objects, ...more }));
  writeFileSync(path.join(dir, 'calls.jsonl'), '');
  let seen = 0;
  const calls = (): KubectlCall[] =>
    readFileSync(path.join(dir, 'calls.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as KubectlCall);
  return {
    bin,
    calls,
    objects: () => (JSON.parse(readFileSync(storeFile, 'utf8')) as { objects: Record<string, never> }).objects,
    update(fn: (store: FakeStore) => void) {
      const store = JSON.parse(readFileSync(storeFile, 'utf8')) as FakeStore;
      fn(store);
      writeFileSync(storeFile, JSON.stringify(store));
    },
    take(): string[] {
      const all = calls();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh.map(render);
    },
    validateWritten(): number {
      let n = 0;
      for (const c of calls()) {
        for (const obj of [c.stdin, c.result]) {
          if (obj) {
            validate(obj);
            n++;
          }
        }
      }
      return n;
    }
  };
}

/** The HTTPRoute both Services sit behind, stable at 100. */
export function route(): HttpRoute {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'prod', resourceVersion: '20' },
    spec: {
      parentRefs: [{ name: 'gateway' }],
      rules: [
        {
          backendRefs: [
            { name: 'web', port: 80, weight: 100 },
            { name: 'web-canary', port: 80, weight: 0 }
          ]
        }
      ]
    }
  };
}

/** The stable Ingress the ingress-nginx router copies. */
export function ingress(): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'prod', resourceVersion: '30' },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }]
    }
  };
}

export const FAKE_KUBECTL = String.raw`#!/usr/bin/env node
'use strict';
// Fake kubectl for unit tests: records argv and stdin in calls.jsonl, answers from store.json, and
// applies patches with the real kubectl offline (patch --local), as the API server would.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const storeFile = path.join(__dirname, 'store.json');
const store = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
const argv = process.argv.slice(2);
const call = { argv, env: { KUBECONFIG: process.env.KUBECONFIG || null, INPUT_TOKEN: process.env.INPUT_TOKEN || null } };
if (argv.includes('-f')) call.stdin = JSON.parse(fs.readFileSync(0, 'utf8'));
function end(code, out, err) {
  call.exit = code;
  fs.appendFileSync(path.join(__dirname, 'calls.jsonl'), JSON.stringify(call) + '\n');
  fs.writeFileSync(storeFile, JSON.stringify(store, null, 2));
  if (out) process.stdout.write(out);
  if (err) process.stderr.write(err + '\n');
  process.exit(code);
}
const args = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--context' || argv[i] === '-n') i++;
  else args.push(argv[i]);
}
const joined = args.join(' ');
const plural = { deployment: 'deployments.apps', httproute: 'httproutes.gateway.networking.k8s.io', ingress: 'ingresses.networking.k8s.io' };
function notFound(ref) {
  const [kind, name] = ref.split('/');
  return 'Error from server (NotFound): ' + (plural[kind] || kind) + ' "' + name + '" not found';
}
function flag(name) {
  const a = args.find((x) => x.startsWith('--' + name + '='));
  return a === undefined ? undefined : a.slice(name.length + 3);
}
function bump(obj) {
  store.rv = (store.rv || 100) + 1;
  obj.metadata.resourceVersion = String(store.rv);
  return obj;
}
function realPatch(obj, type, patch) {
  const file = path.join(__dirname, 'patch-input.json');
  fs.writeFileSync(file, JSON.stringify(obj));
  const r = spawnSync('kubectl', ['patch', '--local', '-f', file, '--type=' + type, '-p', patch, '-o', 'json'], {
    env: { PATH: process.env.PATH, KUBECONFIG: '/dev/null', HOME: __dirname },
    encoding: 'utf8'
  });
  return r.status === 0 ? { obj: JSON.parse(r.stdout) } : { error: r.stderr.trim() };
}
for (const f of store.faults || []) {
  if (f.times > 0 && joined.includes(f.match)) {
    f.times--;
    if (f.sleepMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, f.sleepMs);
    // Another writer's change just before this command (a JSON patch of the stored object).
    if (f.edit) store.objects[f.edit.ref] = bump(realPatch(store.objects[f.edit.ref], 'json', JSON.stringify(f.edit.patch)).obj);
    if (f.stderr !== undefined) end(f.code === undefined ? 1 : f.code, '', f.stderr);
    break;
  }
}
const verb = args[0];
const ref = verb === 'rollout' ? args[2] : args[1];
const obj = store.objects[ref];
const ignore = args.includes('--ignore-not-found');
if (verb !== 'apply' && !obj && !(ignore && (verb === 'get' || verb === 'delete'))) end(1, '', notFound(ref));
if (verb === 'get') {
  end(0, obj ? JSON.stringify(obj, null, 4) + '\n' : '');
} else if (verb === 'apply') {
  const o = call.stdin;
  const key = o.kind.toLowerCase() + '/' + o.metadata.name;
  const existed = store.objects[key];
  o.metadata.uid = existed ? existed.metadata.uid : 'uid-' + o.metadata.name;
  o.metadata.creationTimestamp = '2025-01-02T03:04:05Z';
  store.objects[key] = bump(o);
  end(0, key + (existed ? ' configured\n' : ' created\n'));
} else if (verb === 'patch') {
  const r = realPatch(obj, flag('type'), args[args.indexOf('-p') + 1]);
  if (r.error) end(1, '', r.error.replace(/^error: /, 'Error from server (UnprocessableEntity): '));
  call.result = r.obj;
  store.objects[ref] = bump(r.obj);
  end(0, JSON.stringify(r.obj, null, 4) + '\n');
} else if (verb === 'scale') {
  const current = flag('current-replicas');
  if (current !== undefined && Number(current) !== obj.spec.replicas) end(1, '', 'error: Expected replicas to be ' + current + ', was ' + obj.spec.replicas);
  obj.spec.replicas = Number(flag('replicas'));
  bump(obj);
  end(0, ref + ' scaled\n');
} else if (verb === 'delete') {
  delete store.objects[ref];
  end(0, obj ? ref + ' deleted\n' : '');
} else if (verb === 'rollout' && args[1] === 'status') {
  if ((store.neverReady || []).includes(ref)) end(1, '', 'error: timed out waiting for the condition');
  end(0, 'deployment "' + ref.split('/')[1] + '" successfully rolled out\n');
} else {
  end(1, '', 'error: unknown command "' + joined + '" for "kubectl"');
}
`;
