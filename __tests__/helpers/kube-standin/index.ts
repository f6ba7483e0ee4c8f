/**
 * A stand-in Kubernetes API server for tests that drive the real `kubectl`: a `node:http` server
 * on 127.0.0.1 serving discovery (aggregated and legacy), CRUD, the three patch types, the
 * Deployment scale and status subresources and watch, for Deployments, Services, Ingresses,
 * HTTPRoutes (and Namespaces), with kube-apiserver's concurrency, defaulting and validation
 * semantics (see store.ts) and a Deployment rollout whose readiness comes after a delay
 * (controller.ts). It is not a Kubernetes: no pods, no ReplicaSets, no admission webhooks, no
 * server-side apply, no OpenAPI documents (callers pass `kubectl --validate=false`).
 *
 * Usage:
 *   const kube = await startKubeStandin();
 *   const r = await runKubectl(kube, ['apply', '--validate=false', '-f', '-'], { input: yaml });
 *   kube.store.get('deployments', 'default', 'web');
 *   renderRequestLog(kube.requests());
 *   await kube.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KubeError, methodNotAllowed, pathNotFound, badRequest } from './errors.js';
import { asObj, str, type Obj } from './json.js';
import { contextPrefix, DEFAULT_CONTEXTS, writeKubeconfig, type KubeContextSpec } from './kubeconfig.js';
import { renderRequestLog, type RenderOptions, type RequestLogEntry } from './request-log.js';
import {
  aggregatedDiscoveryDoc,
  apiGroupDoc,
  apiGroupListDoc,
  apiResourceListDoc,
  apiVersionOf,
  apiVersionsDoc,
  RESOURCES,
  type ResourceDef
} from './resources.js';
import { objectFilter } from './selectors.js';
import { KubeStore, type StoreEvent } from './store.js';
import { DeploymentController } from './controller.js';
import { toTable, wantsTable } from './table.js';

const tableType = (v: string): string => `application/json;as=Table;v=${v};g=meta.k8s.io`;

export { KubeStore, readyDeploymentStatus, PATCH_TYPES, type ValidationStats, type StoreEvent } from './store.js';
export { renderRequestLog, scrubVolatile, isDiscoveryPath, type RequestLogEntry, type RenderOptions } from './request-log.js';
export { KubeError } from './errors.js';
export type { Obj as KubeObject } from './json.js';
export { RESOURCES, resolveResource, schemaCheck, semanticCheck, type ResourceDef } from './resources.js';
export { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch.js';
export { DEFAULT_CONTEXTS, kubeconfigText, type KubeContextSpec } from './kubeconfig.js';
export { runKubectl, kubectlEnv, type KubectlResult, type KubectlOptions } from './kubectl.js';

export interface KubeStandinOptions {
  /** Default delay (ms) between a Deployment spec change and its pods being ready; default 200. Infinity: never. */
  readyDelayMs?: number;
  /** Namespaces that exist from the start (besides default, kube-system, kube-public and each context's namespace). */
  namespaces?: string[];
  /** Objects stored before the first request (as `store.put`: Deployments already rolled out). */
  objects?: Obj[];
  /** Kubernetes version /version reports, default '1.32.4'. The Debian/Cloud SDK kubectl is a dispatcher that runs the kubectl matching the server's minor version (1.27 to 1.33 are installed). */
  serverVersion?: string;
  /**
   * Discovery as kube-apiserver ≥ 1.30 serves it (the aggregated apidiscovery.k8s.io/v2 document
   * when the client asks for it: one request each for /api and /apis), or 'legacy' (an APIVersions /
   * APIGroupList then one APIResourceList per group version, as before 1.26).
   */
  discovery?: 'aggregated' | 'legacy';
  /** Kubeconfig contexts (default: 'standin' in namespace default, 'other' in namespace other). */
  contexts?: KubeContextSpec[];
  /** The kubeconfig's current-context; default the first context. */
  currentContext?: string;
}

export interface KubeStandin {
  /** http://127.0.0.1:<port> (never port 8080). */
  url: string;
  /** A kubeconfig (mode 0600) in the stand-in's temp dir: clusters, users and contexts for `contexts`. */
  kubeconfigPath: string;
  /** The stand-in's temp dir (kubeconfig, kubectl's discovery cache); removed by close(). */
  dir: string;
  /** Context names in the kubeconfig, the current one first. */
  contexts: string[];
  /** Direct access to stored objects (test setup and assertions). */
  store: KubeStore;
  /** Every request so far, in arrival order (copies). */
  requests(): RequestLogEntry[];
  /** Forget the requests logged so far (e.g. after setup). */
  clearRequests(): void;
  /** renderRequestLog(requests(), options): stable text for golden logs. */
  renderLog(options?: RenderOptions): string;
  /** Ready delay for Deployments named `name` ('name' in any namespace, or 'namespace/name'); Infinity: never ready. */
  setReadyDelayMs(name: string, ms: number): void;
  /**
   * The next `times` (default 1) requests with this method ('*' for any) and a path matching
   * `path` (a RegExp, or a string turned into one) are answered with `status` and `body` (default: a
   * Status object worded as kube-apiserver words that code) instead of being served.
   */
  failNext(method: string, path: RegExp | string, status: number, body?: unknown, times?: number): void;
  /** Deployments whose rollout is still in progress ('namespace/name'). */
  pendingRollouts(): string[];
  /** Environment for spawning kubectl against this stand-in (KUBECONFIG, HOME, KUBECACHEDIR, PATH; nothing inherited). */
  kubectlEnv(): Record<string, string>;
  close(): Promise<void>;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  left: number;
}

const GENERIC_REASON: Record<number, [string, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'Unauthorized'],
  403: ['Forbidden', 'forbidden'],
  404: ['NotFound', 'the server could not find the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server ("") has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request']
};

const send = (res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-cache, private' });
  res.end(text);
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A parsed resource URL: /api/v1/..., /apis/<group>/<version>/... */
interface ResourceTarget {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function parseResourcePath(p: string): ResourceTarget | undefined {
  const segs = p.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return undefined;
  const inGv = (plural: string): ResourceDef | undefined => RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && inGv(rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = inGv(rest[0]);
  if (!def || rest.length > 3) return undefined;
  if (def.namespaced && namespace === undefined && rest.length > 1) return undefined;
  return { def, namespace, name: rest[1], subresource: rest[2] };
}

function statusFor(code: number, message?: string): Obj {
  const [reason, text] = GENERIC_REASON[code] ?? ['', `the server responded with the status code ${code} but did not return more information`];
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: message ?? text, ...(reason ? { reason } : {}), details: {}, code };
}

export async function startKubeStandin(options: KubeStandinOptions = {}): Promise<KubeStandin> {
  const contexts = options.contexts ?? [...DEFAULT_CONTEXTS];
  const currentContext = options.currentContext ?? contexts[0].name;
  const serverVersion = options.serverVersion ?? '1.32.4';
  const discoveryMode = options.discovery ?? 'aggregated';
  const store = new KubeStore();
  const controller = new DeploymentController(store, options.readyDelayMs ?? 200);
  const log: RequestLogEntry[] = [];
  const faults: Fault[] = [];
  const watches = new Set<ServerResponse>();
  const started = Date.now();
  let seq = 0;
  let hostPort = '127.0.0.1';

  for (const ns of new Set(['default', 'kube-system', 'kube-public', ...contexts.map((c) => c.namespace), ...(options.namespaces ?? [])]))
    store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const o of options.objects ?? []) store.put(o);

  const takeFault = (method: string, p: string): Fault | undefined => {
    const i = faults.findIndex((f) => (f.method === '*' || f.method.toUpperCase() === method) && f.path.test(p));
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.left <= 0) faults.splice(i, 1);
    return f;
  };

  const version = (): Obj => {
    const [major, minor] = serverVersion.split('.');
    return {
      major,
      minor,
      gitVersion: `v${serverVersion}`,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2025-01-01T00:00:00Z',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      platform: 'linux/amd64'
    };
  };

  /** Answers discovery; undefined when `p` is not a discovery path. */
  const discovery = (p: string, accept: string): { body: Obj; contentType?: string } | undefined => {
    if (p === '/version') return { body: version() };
    if (p === '/api' || p === '/apis') {
      if (discoveryMode === 'aggregated') {
        for (const v of ['v2', 'v2beta1'] as const)
          if (accept.includes(`g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`))
            return {
              body: aggregatedDiscoveryDoc(p === '/api', `apidiscovery.k8s.io/${v}`),
              contentType: `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`
            };
      }
      return { body: p === '/api' ? apiVersionsDoc(hostPort) : apiGroupListDoc() };
    }
    const m = /^\/api\/(v1)$|^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(p);
    if (!m) return undefined;
    if (m[1]) return { body: apiResourceListDoc('', m[1]) ?? statusFor(404) };
    const doc = m[3] ? apiResourceListDoc(m[2], m[3]) : apiGroupDoc(m[2]);
    if (!doc) throw pathNotFound();
    return { body: doc };
  };

  const openWatch = (req: IncomingMessage, res: ServerResponse, t: ResourceTarget, q: URLSearchParams): void => {
    const filter = objectFilter(q.get('labelSelector'), q.get('fieldSelector'));
    const wanted = (e: { def: ResourceDef; object: Obj }): boolean =>
      e.def === t.def && (t.namespace === undefined || asObj(e.object.metadata).namespace === t.namespace) && filter(e.object);
    // `kubectl get -w` asks for Tables: each event then carries a one-row Table.
    const table = wantsTable(req.headers.accept ?? '');
    const rvParam = q.get('resourceVersion');
    const initial = q.get('sendInitialEvents') === 'true' || rvParam === null || rvParam === '' || rvParam === '0';
    const backlog: { type: string; object: Obj }[] = [];
    if (initial) {
      for (const o of store.listDef(t.def, t.namespace).filter(filter)) backlog.push({ type: 'ADDED', object: o });
      if (q.get('sendInitialEvents') === 'true')
        backlog.push({
          type: 'BOOKMARK',
          object: {
            kind: t.def.kind,
            apiVersion: apiVersionOf(t.def),
            metadata: { resourceVersion: String(store.resourceVersion()), annotations: { 'k8s.io/initial-events-end': 'true' } }
          }
        });
    } else {
      const since = store.eventsSince(Number(rvParam));
      if (since === undefined) {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
        res.end(JSON.stringify({ type: 'ERROR', object: statusFor(410, `too old resource version: ${rvParam} (${store.resourceVersion()})`) }) + '\n');
        return;
      }
      for (const e of since.filter(wanted)) backlog.push({ type: e.type, object: e.object });
    }
    res.writeHead(200, { 'content-type': table ? tableType(table) : 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
    // Headers go out now, as kube-apiserver sends them: client-go blocks until it has them, and
    // kubectl cannot exit (e.g. after `rollout status` succeeded from the list) before.
    res.flushHeaders();
    const write = (ev: { type: string; object: Obj }): void => {
      const object =
        table && ev.type !== 'BOOKMARK'
          ? toTable(t.def, [ev.object], str(asObj(ev.object.metadata).resourceVersion), table, q.get('includeObject'))
          : ev.object;
      if (!res.writableEnded) res.write(JSON.stringify({ type: ev.type, object }) + '\n');
    };
    backlog.forEach(write);
    const unsubscribe = store.subscribe((e: StoreEvent) => {
      if (wanted(e)) write({ type: e.type, object: e.object });
    });
    watches.add(res);
    const timeoutSeconds = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : undefined;
    const done = (): void => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      watches.delete(res);
    };
    res.on('close', done);
    req.on('close', () => {
      if (!res.writableEnded) res.end();
    });
  };

  /** Serves one resource request; returns [status, body, content-type?] or undefined when it took over the response (watch). */
  const serveResource = (
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceTarget,
    q: URLSearchParams,
    body: unknown,
    contentType: string
  ): [number, unknown, string?] | undefined => {
    const method = req.method ?? 'GET';
    const dryRun = q.get('dryRun') === 'All';
    const { def, namespace, name, subresource } = t;
    if (subresource !== undefined && !def.subresources.includes(subresource as 'status' | 'scale')) throw pathNotFound();
    if (name === undefined) {
      if (method === 'GET') {
        if (q.get('watch') === 'true' || q.get('watch') === '1') {
          openWatch(req, res, t, q);
          return undefined;
        }
        const filter = objectFilter(q.get('labelSelector'), q.get('fieldSelector'));
        const items = store.listDef(def, namespace).filter(filter);
        const table = wantsTable(req.headers.accept ?? '');
        if (table) return [200, toTable(def, items, String(store.resourceVersion()), table, q.get('includeObject')), tableType(table)];
        return [
          200,
          {
            kind: `${def.kind}List`,
            apiVersion: apiVersionOf(def),
            metadata: { resourceVersion: String(store.resourceVersion()) },
            // Typed lists of built-in kinds carry no kind/apiVersion per item; CRD lists do.
            items: def.builtIn ? items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) : items
          }
        ];
      }
      if (method === 'POST') {
        if (def.namespaced && namespace === undefined) throw methodNotAllowed();
        return [201, store.create(def, namespace, body, { dryRun })];
      }
      if (method === 'DELETE' && def.verbs.includes('deletecollection')) {
        // deletecollection: answers the list of what it deleted.
        const filter = objectFilter(q.get('labelSelector'), q.get('fieldSelector'));
        const gone = store.listDef(def, namespace).filter(filter);
        for (const o of gone) store.delete(def, str(asObj(o.metadata).namespace) || undefined, str(asObj(o.metadata).name), { dryRun });
        return [200, { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(store.resourceVersion()) }, items: gone }];
      }
      throw methodNotAllowed();
    }
    if (subresource === 'scale') {
      if (method === 'GET') return [200, store.readScale(def, namespace, name)];
      if (method === 'PUT') return [200, store.writeScale(def, namespace, name, body, { dryRun })];
      if (method === 'PATCH') return [200, store.writeScale(def, namespace, name, body, { dryRun, patchType: contentType })];
      throw methodNotAllowed();
    }
    const sub = subresource === 'status' ? ('status' as const) : undefined;
    switch (method) {
      case 'GET': {
        const o = store.read(def, namespace, name);
        const table = sub ? undefined : wantsTable(req.headers.accept ?? '');
        if (table) return [200, toTable(def, [o], String(asObj(o.metadata).resourceVersion), table, q.get('includeObject')), tableType(table)];
        return [200, o];
      }
      case 'PUT':
        return [200, store.replace(def, namespace, name, body, { dryRun, subresource: sub })];
      case 'PATCH':
        return [200, store.patch(def, namespace, name, contentType, body, { dryRun, subresource: sub })];
      case 'DELETE': {
        if (sub) throw methodNotAllowed();
        const pre = asObj(asObj(body).preconditions);
        return [200, store.delete(def, namespace, name, { dryRun, resourceVersion: pre.resourceVersion as string | undefined })];
      }
      default:
        throw methodNotAllowed();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let p = url.pathname;
    let context = contexts[0].name;
    const prefixed = /^\/ctx\/([^/]+)(\/.*)?$/.exec(p);
    if (prefixed && contexts.some((c) => c.name === prefixed[1] && contextPrefix(contexts, c.name))) {
      context = prefixed[1];
      p = prefixed[2] ?? '/';
    }
    p = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const raw = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    let body: unknown;
    let parseError: string | undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch (e) {
        body = raw;
        parseError = (e as Error).message;
      }
    }
    const entry: RequestLogEntry = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: p,
      query: Object.fromEntries(url.searchParams),
      ...(contentType ? { contentType } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(raw ? { body } : {}),
      status: 0,
      context,
      ...(typeof req.headers['kubectl-command'] === 'string' ? { command: req.headers['kubectl-command'] } : {}),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      at: Date.now() - started
    };
    log.push(entry);
    const reply = (status: number, payload: unknown, ct?: string): void => {
      entry.status = status;
      send(res, status, payload, ct);
    };
    try {
      const fault = takeFault(entry.method, p);
      if (fault) {
        entry.note = 'injected fault';
        return reply(fault.status, fault.body ?? statusFor(fault.status));
      }
      if (parseError && entry.method !== 'GET') throw badRequest(`error decoding request body: ${parseError}`);
      const d = entry.method === 'GET' ? discovery(p, req.headers.accept ?? '') : undefined;
      if (d) return reply(200, d.body, d.contentType);
      if (p.startsWith('/openapi/')) {
        entry.note = 'no OpenAPI documents: use kubectl --validate=false';
        throw pathNotFound();
      }
      const target = parseResourcePath(p);
      if (!target) throw pathNotFound();
      const out = serveResource(req, res, target, url.searchParams, body, contentType);
      if (out) reply(out[0], out[1], out[2]);
      else entry.status = 200;
    } catch (e) {
      if (e instanceof KubeError) {
        if (e.note) entry.note = e.note;
        return reply(e.code, e.status());
      }
      entry.note = String(e instanceof Error ? e.stack : e);
      reply(500, statusFor(500, `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, statusFor(500, String(e)));
      else res.end();
    });
  });
  server.keepAliveTimeout = 1000;

  const listen = (): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  let port = await listen();
  while (port === 8080) {
    await new Promise<void>((r) => server.close(() => r()));
    port = await listen();
  }
  hostPort = `127.0.0.1:${port}`;
  const url = `http://${hostPort}`;

  const dir = mkdtempSync(path.join(tmpdir(), 'kube-standin-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, url, contexts, currentContext);

  return {
    url,
    kubeconfigPath,
    dir,
    contexts: [currentContext, ...contexts.map((c) => c.name).filter((n) => n !== currentContext)],
    store,
    requests: () => log.map((e) => ({ ...e, query: { ...e.query } })),
    clearRequests: () => {
      log.length = 0;
    },
    renderLog: (o) => renderRequestLog(log, o),
    setReadyDelayMs: (name, ms) => controller.setReadyDelayMs(name, ms),
    failNext: (method, p, status, body, times = 1) => {
      faults.push({ method, path: typeof p === 'string' ? new RegExp(p) : p, status, body, left: times });
    },
    pendingRollouts: () => controller.pending(),
    kubectlEnv: () => ({
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: dir,
      KUBECONFIG: kubeconfigPath,
      KUBECACHEDIR: path.join(dir, 'cache')
    }),
    close: async () => {
      controller.close();
      for (const w of watches) w.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
