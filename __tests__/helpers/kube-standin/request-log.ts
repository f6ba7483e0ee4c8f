/**
 * Every request the stand-in answered, and a stable text rendering of them for golden logs.
 */
import { isObj, sortKeys } from './json.js';

export interface RequestLogEntry {
  /** 1, 2, 3, ... in arrival order. */
  seq: number;
  method: string;
  /** URL path without the query. */
  path: string;
  query: Record<string, string>;
  /** Content-Type of the request body, without parameters (e.g. 'application/json-patch+json'). */
  contentType?: string;
  accept?: string;
  /** The body, parsed as JSON (the raw text when it was not JSON); absent without a body. */
  body?: unknown;
  /** The status answered (for a watch: 200 when the stream opened). */
  status: number;
  /** The kubeconfig context it came through ('standin', 'other'): see kubeconfig.ts. */
  context: string;
  /** kubectl's `Kubectl-Command` header, e.g. 'kubectl apply' (kubectl 1.30+ sends it). */
  command?: string;
  userAgent?: string;
  /** Why the stand-in refused (e.g. the JSON patch op that failed): kube-apiserver does not always say. */
  note?: string;
  /** ms since the stand-in started. */
  at: number;
}

export interface RenderOptions {
  /** Keep discovery, /version and /openapi requests (default false: they depend on kubectl's cache). */
  discovery?: boolean;
  /** How bodies appear: one sorted line (default), indented JSON, or not at all. */
  bodies?: 'compact' | 'pretty' | 'none';
  /** Show the Kubectl-Command header (default true). */
  command?: boolean;
  /** Requests through other contexts are marked `(context <name>)`; default 'standin'. */
  defaultContext?: string;
}

/** Query parameters whose values change from run to run. */
const VOLATILE_QUERY = new Set(['resourceVersion', 'timeoutSeconds', 'timeout']);
/** Object fields whose values change from run to run. */
const VOLATILE_FIELDS = new Set(['resourceVersion', 'uid', 'creationTimestamp', 'lastUpdateTime', 'lastTransitionTime', 'deletionTimestamp']);

export const isDiscoveryPath = (path: string): boolean =>
  path === '/version' ||
  path === '/api' ||
  path === '/apis' ||
  path.startsWith('/openapi/') ||
  /^\/api\/v1$/.test(path) ||
  /^\/apis\/[^/]+(\/[^/]+)?$/.test(path);

/** A copy with run-dependent values replaced by '<volatile>' (recursively; last-applied JSON strings too). */
export function scrubVolatile(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrubVolatile);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (VOLATILE_FIELDS.has(k) && x !== undefined && x !== null) out[k] = '<volatile>';
    else if (k === 'kubectl.kubernetes.io/last-applied-configuration' && typeof x === 'string') {
      try {
        out[k] = JSON.stringify(sortKeys(scrubVolatile(JSON.parse(x))));
      } catch {
        out[k] = x;
      }
    } else out[k] = scrubVolatile(x);
  }
  return out;
}

/**
 * One line per request, `METHOD /path?query [content-type] -> status`, with the body below it.
 * Query keys are sorted and volatile ones (resourceVersion, timeoutSeconds, timeout) dropped;
 * bodies have sorted keys and volatile fields (resourceVersion, uid, timestamps) masked.
 */
export function renderRequestLog(entries: readonly RequestLogEntry[], options: RenderOptions = {}): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (!options.discovery && isDiscoveryPath(e.path)) continue;
    const q = Object.keys(e.query)
      .filter((k) => !VOLATILE_QUERY.has(k))
      .sort()
      .map((k) => `${k}=${e.query[k]}`)
      .join('&');
    const cmd = options.command !== false && e.command ? `  # ${e.command}` : '';
    const ctx = e.context !== (options.defaultContext ?? 'standin') ? ` (context ${e.context})` : '';
    lines.push(`${e.method} ${e.path}${q ? `?${q}` : ''}${e.contentType ? ` [${e.contentType}]` : ''} -> ${e.status}${ctx}${cmd}`);
    if (e.body !== undefined && options.bodies !== 'none') {
      const body = sortKeys(scrubVolatile(e.body));
      const text = options.bodies === 'pretty' ? JSON.stringify(body, null, 2) : JSON.stringify(body);
      lines.push(...text.split('\n').map((l) => `  ${l}`));
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
