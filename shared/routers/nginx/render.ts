// The one file Shipgate owns in an nginx setup: an `upstream` block the user's config includes.
// Pure: no I/O, so what nginx will be asked to load can be tested line by line.

export interface UpstreamSpec {
  /** The upstream's name (`nginx-upstream`), referenced by the user's `proxy_pass http://<name>`. */
  upstream: string;
  /** `host:port` of the stable version (`stable-server`). */
  stableServer: string;
  /** `host:port` of the canary (`canary-server`). */
  canaryServer: string;
  /** The canary's share in percent, 0–100. */
  weight: number;
}

/** nginx weight of each server, or `down` for the side that must get no request. */
export interface SplitWeights {
  stable: number | 'down';
  canary: number | 'down';
}

export interface HostPort {
  /** As given, without IPv6 brackets. */
  host: string;
  port: number;
}

/** The machine-readable line that lets currentWeight() read the applied weight back from the file. */
const WEIGHT_MARK = '# shipgate-weight:';

/** nginx weights are integers; percentages are honoured to two decimals (12.5 % → 7/1 after gcd). */
const SCALE = 100;

// What may reach the nginx file: a name or address and a port, nothing nginx would parse as more
// (no spaces, `;`, `{`, quotes), so an input can never add a directive.
const UPSTREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;

/** `host:port`, `1.2.3.4:port` or `[::1]:port`; null when it is none of these. */
export function parseHostPort(value: string): HostPort | null {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  if (m[1] !== undefined) return IPV6.test(m[1]) && m[1].includes(':') ? { host: m[1], port } : null;
  return HOST_NAME.test(m[2]) ? { host: m[2], port } : null;
}

/** Whether `name` can be an upstream's name in nginx's config. */
export function validUpstreamName(name: string): boolean {
  return UPSTREAM_NAME.test(name);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Throws one sentence when `percent` is not a share nginx can be given. */
export function checkWeight(percent: number): void {
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new Error(`nginx: the canary weight ${String(percent)} is not a percentage between 0 and 100.`);
  }
}

/**
 * Integer weights for a canary share: nginx rejects `weight=0`, so the idle side is `down`; between
 * the ends the two weights are reduced by their gcd (10 % → 9 and 1), so nginx's smooth weighted
 * round-robin repeats after as few requests as possible and the split holds over short windows.
 */
export function splitWeights(percent: number): SplitWeights {
  checkWeight(percent);
  const canary = Math.round(percent * SCALE);
  const stable = 100 * SCALE - canary;
  if (canary === 0) return { stable: 1, canary: 'down' };
  if (stable === 0) return { stable: 'down', canary: 1 };
  const d = gcd(stable, canary);
  return { stable: stable / d, canary: canary / d };
}

function checkSpec(spec: UpstreamSpec): void {
  if (!validUpstreamName(spec.upstream)) {
    throw new Error(`Input "nginx-upstream" has value "${spec.upstream}": use letters, digits, '_', '-' and '.' only.`);
  }
  for (const [input, value] of [
    ['stable-server', spec.stableServer],
    ['canary-server', spec.canaryServer]
  ] as const) {
    if (!parseHostPort(value)) throw new Error(`Input "${input}" has value "${value}": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.`);
  }
}

function serverLine(server: string, weight: number | 'down', comment: string): string {
  // max_fails=0: nginx would otherwise take a failing canary out for fail_timeout (10 s) and send
  // its share to stable, hiding the canary's errors from both the split and the evidence.
  const params = weight === 'down' ? 'down' : `weight=${weight} max_fails=0`;
  return `    server ${server.trim()} ${params}; # ${comment}`;
}

function share(percent: number): string {
  return `${Number(percent.toFixed(2))} %`;
}

/**
 * The whole file: a header saying who owns it, the weight as a machine-readable comment, and one
 * upstream block with both servers. Deterministic (no timestamps), so unchanged content can be
 * recognised and an identical rewrite skipped.
 */
export function renderUpstream(spec: UpstreamSpec): string {
  checkSpec(spec);
  const w = splitWeights(spec.weight);
  const canaryShare = Math.round(spec.weight * SCALE) / SCALE;
  return [
    '# Written by Shipgate (nginx traffic router). Do not edit: every weight change rewrites this file.',
    '# Include it in the http block of your nginx configuration and proxy_pass to the upstream below.',
    `${WEIGHT_MARK} ${canaryShare}`,
    `upstream ${spec.upstream} {`,
    serverLine(spec.stableServer, w.stable, `stable, ${share(100 - canaryShare)}`),
    serverLine(spec.canaryServer, w.canary, `canary, ${share(canaryShare)}`),
    '}',
    ''
  ].join('\n');
}

/** The canary weight a rendered file records, or null when the file holds no (valid) mark. */
export function parseWeight(text: string): number | null {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith(WEIGHT_MARK)) continue;
    const raw = trimmed.slice(WEIGHT_MARK.length).trim();
    if (!/^\d{1,3}(?:\.\d+)?$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 0 && n <= 100 ? n : null;
  }
  return null;
}

/** For log lines: `canary 10 % (weight 1 of 10), stable 90 %`. */
export function describeSplit(percent: number): string {
  const w = splitWeights(percent);
  const canaryShare = Math.round(percent * SCALE) / SCALE;
  const canary = w.canary === 'down' ? 'down' : w.stable === 'down' ? 'all requests' : `weight ${w.canary} of ${w.canary + w.stable}`;
  const stable = w.stable === 'down' ? ' (down)' : '';
  return `canary ${share(canaryShare)} (${canary}), stable ${share(100 - canaryShare)}${stable}`;
}
