import { promises as fs } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { SignalSource } from '../ports/signal-source.js';
import type { Sample, Side } from '../model/sample.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { parseHostPort } from '../routers/nginx/render.js';

export interface NginxAccessLogOptions {
  /** nginx's access log written with the `shipgate_json` log_format (one JSON object a line). */
  path: string;
  /** `host:port` as given to the router (`stable-server`). */
  stableServer: string;
  /** `host:port` as given to the router (`canary-server`). */
  canaryServer: string;
  /** Epoch ms of the router's reloads: transport errors just after one are not the canary's. */
  reloads?: () => readonly number[];
  logger?: Logger;
  /** Most samples one read yields per side; past it, a seeded random draw is kept. Default 20,000. */
  maxSamplesPerRead?: number;
  /** Most bytes one read takes from the file; the rest waits for the next read. Default 8 MiB. */
  maxBytesPerRead?: number;
}

/** One line as nginx's `shipgate_json` format writes it; every value a string, more fields allowed. */
interface LogLine {
  status?: unknown;
  msec?: unknown;
  time_iso8601?: unknown;
  upstream_addr?: unknown;
  upstream_status?: unknown;
  request_time?: unknown;
  upstream_response_time?: unknown;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_SAMPLES = 20_000;
/** A line longer than this is no access-log line: dropped rather than buffered without bound. */
const MAX_LINE_BYTES = 64 * 1024;
/** How long after a reload starts an upstream-less 502/504/499 is put down to the reload. */
export const RELOAD_WINDOW_MS = 1000;
/** What nginx answers when a request dies with a worker being replaced, before any upstream answered. */
const RELOAD_STATUSES = new Set([499, 502, 504]);

/**
 * The requests nginx forwarded, read from its JSON access log and attributed to canary or stable
 * by `upstream_addr`. Each read takes the complete lines written since the previous one.
 *
 * Retries: `upstream_addr` and `upstream_status` then hold several values (`a, b`, or `a : b`
 * after an internal redirect). The last server tried is the one whose answer the customer got,
 * so the sample is that server's, with its status; earlier attempts were hidden from the customer
 * and are not counted (with `proxy_next_upstream off`, as Shipgate asks, there are none).
 */
export class NginxAccessLogSource implements SignalSource {
  readonly name = 'nginx';
  /** nginx counts only what passes through it; a probe sent straight to a server is not seen. */
  readonly seesProbes = false;
  private offset = 0;
  private inode: number | null = null;
  private partial: Buffer = Buffer.alloc(0);
  private readonly sides = new Map<string, Side>();
  private unparsable = 0;
  private reloadErrorCount = 0;
  private warnedUnparsable = false;
  private warnedMissing = false;
  private seed = 0x2545f491;

  constructor(private readonly options: NginxAccessLogOptions) {}

  /** nginx logs no stable request while the canary has them all, and none of the canary's at 0. */
  covers(weight: number): readonly Side[] {
    if (weight >= 100) return ['canary'];
    if (weight <= 0) return ['stable'];
    return ['canary', 'stable'];
  }

  async start(_step: { weight: number; startedAt: number }): Promise<void> {
    // The step's requests are the lines written from now on.
    try {
      const st = await fs.stat(this.options.path);
      this.offset = st.size;
      this.inode = st.ino;
    } catch {
      this.offset = 0;
      this.inode = null;
    }
    this.partial = Buffer.alloc(0);
    this.sides.clear();
    // Canary last: were both servers to share an address, its lines could not be told apart; say so.
    const stable = await addressesOf(this.options.stableServer);
    const canary = await addressesOf(this.options.canaryServer);
    for (const a of stable) this.sides.set(a, 'stable');
    for (const a of canary) {
      if (this.sides.get(a) === 'stable') {
        this.sides.delete(a);
        this.options.logger?.warning(`nginx access log: stable-server and canary-server both resolve to ${a}; its lines cannot be attributed and are skipped.`);
      } else this.sides.set(a, 'canary');
    }
  }

  async read(): Promise<Sample[]> {
    const chunk = await this.readChunk();
    if (chunk === null) return [];
    const data = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a);
    // An unfinished last line waits for the next read.
    this.partial = end < 0 ? data : data.subarray(end + 1);
    if (this.partial.length > MAX_LINE_BYTES) {
      this.partial = Buffer.alloc(0);
      this.unparsable++;
    }
    const reloads = this.options.reloads?.() ?? [];
    const samples: Sample[] = [];
    let reloadErrors = 0;
    const unparsableBefore = this.unparsable;
    if (end >= 0) {
      for (const raw of data.subarray(0, end).toString('utf8').split('\n')) {
        const line = raw.trim();
        if (!line) continue;
        const parsed = this.parse(line, reloads);
        if (parsed === 'unparsable') this.unparsable++;
        else if (parsed === 'reload') reloadErrors++;
        else if (parsed) samples.push(parsed);
      }
    }
    if (reloadErrors) {
      this.reloadErrorCount += reloadErrors;
      this.options.logger?.debug(
        `nginx access log: ${reloadErrors} request(s) failed at a reload instant without reaching a server; not counted against either version.`
      );
    }
    if (this.unparsable > unparsableBefore && !this.warnedUnparsable) {
      this.warnedUnparsable = true;
      this.options.logger?.warning(
        `nginx access log ${escapeLogText(this.options.path)}: ${this.unparsable - unparsableBefore} line(s) are not JSON objects with a status (use log_format shipgate_json … escape=json for this log); such lines are skipped.`
      );
    }
    return this.thin(samples);
  }

  stop(): Promise<void> {
    // No handle stays open between reads.
    this.partial = Buffer.alloc(0);
    return Promise.resolve();
  }

  /** Upstream-less 502/504/499 lines seen just after a reload (not samples). */
  reloadErrors(): number {
    return this.reloadErrorCount;
  }

  /** Lines skipped because they were not the expected JSON. */
  unparsableLines(): number {
    return this.unparsable;
  }

  /**
   * At most maxSamplesPerRead samples a side, in log order. Which ones stay is drawn at random (a
   * fixed seed, so runs repeat): an even stride would alias with periodic errors and keep only them.
   */
  private thin(samples: Sample[]): Sample[] {
    const drop = new Set<Sample>();
    for (const side of ['canary', 'stable'] as const) {
      const mine = samples.filter((s) => s.side === side);
      // Partial Fisher–Yates: the first `excess` places end up holding the dropped ones.
      const excess = mine.length - this.maxSamples;
      for (let i = 0; i < excess; i++) {
        this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
        const j = i + (this.seed % (mine.length - i));
        [mine[i], mine[j]] = [mine[j], mine[i]];
        drop.add(mine[i]);
      }
    }
    return drop.size ? samples.filter((s) => !drop.has(s)) : samples;
  }

  private get maxSamples(): number {
    return this.options.maxSamplesPerRead ?? DEFAULT_MAX_SAMPLES;
  }

  /** The bytes written since the last read (at most maxBytesPerRead), or null for none. */
  private async readChunk(): Promise<Buffer | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.options.path, 'r');
    } catch (err) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        this.options.logger?.warning(
          `nginx access log ${escapeLogText(this.options.path)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): no samples from nginx until it can.`
        );
      }
      return null;
    }
    try {
      const st = await handle.stat();
      // Rotated (another file now) or truncated: what the new file holds is all new.
      if ((this.inode !== null && st.ino !== this.inode) || st.size < this.offset) {
        this.options.logger?.debug(`nginx access log ${escapeLogText(this.options.path)} was rotated or truncated: reading it from the start.`);
        this.offset = 0;
        this.partial = Buffer.alloc(0);
      }
      this.inode = st.ino;
      const length = Math.min(st.size - this.offset, this.options.maxBytesPerRead ?? DEFAULT_MAX_BYTES);
      if (length <= 0) return null;
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, this.offset);
      this.offset += bytesRead;
      return bytesRead ? buf.subarray(0, bytesRead) : null;
    } finally {
      await handle.close();
    }
  }

  /** A sample, 'reload' for a transport error at a reload instant, null for another server's line. */
  private parse(line: string, reloads: readonly number[]): Sample | 'unparsable' | 'reload' | null {
    let o: LogLine;
    try {
      o = JSON.parse(line) as LogLine;
    } catch {
      return 'unparsable';
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'unparsable';
    const status = Number(text(o.status));
    if (!Number.isInteger(status) || status < 100 || status > 999) return 'unparsable';
    const at = timeOf(o);
    const upstreamStatus = lastValue(text(o.upstream_status));
    const answered = upstreamStatus !== undefined && /^\d{3}$/.test(upstreamStatus) ? Number(upstreamStatus) : null;
    // Whatever its upstream_addr: a request cut by a worker being replaced may not have reached a server.
    if (answered === null && RELOAD_STATUSES.has(status) && reloads.some((r) => at >= r && at <= r + RELOAD_WINDOW_MS)) return 'reload';
    const addr = lastValue(text(o.upstream_addr));
    const side = addr === undefined ? undefined : this.sides.get(normalise(addr));
    if (!side) return null;
    const code = answered ?? status;
    const ok = code < 500;
    return {
      side,
      ok,
      status: code,
      latencyMs: latencyOf(o),
      at,
      source: 'nginx',
      ...(ok ? {} : { detail: `HTTP ${code} via nginx` })
    };
  }
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The last of `a, b : c` (retries, internal redirects); undefined for `-` or nothing. */
function lastValue(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const last = v
    .split(/\s*,\s*|\s+:\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .at(-1);
  return last === undefined || last === '-' ? undefined : last;
}

function timeOf(o: LogLine): number {
  const msec = Number(text(o.msec));
  if (text(o.msec) && Number.isFinite(msec)) return Math.round(msec * 1000);
  const iso = text(o.time_iso8601);
  const parsed = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(parsed) ? parsed : Date.now();
}

function latencyOf(o: LogLine): number {
  const request = text(o.request_time);
  if (request && Number.isFinite(Number(request))) return Number(request) * 1000;
  const upstream = lastValue(text(o.upstream_response_time));
  if (upstream && Number.isFinite(Number(upstream))) return Number(upstream) * 1000;
  return 0;
}

/** nginx writes addresses as `1.2.3.4:80` and `[::1]:80`; compare in that canonical form. */
export function normalise(addr: string): string {
  const hp = parseHostPort(addr);
  if (!hp) return addr.trim().toLowerCase();
  if (isIP(hp.host) === 6) return `[${canonicalIPv6(hp.host)}]:${hp.port}`;
  return `${hp.host.toLowerCase().replace(/\.$/, '')}:${hp.port}`;
}

function canonicalIPv6(ip: string): string {
  try {
    return new URL(`http://[${ip}]/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return ip.toLowerCase();
  }
}

/**
 * The addresses a name resolves to, or null when it does not (within `timeoutMs`: a resolver that
 * does not answer must not hold a step up).
 */
export async function lookupAll(host: string, timeoutMs = 2000): Promise<{ address: string; family: number }[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([lookup(host, { all: true }).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every form under which nginx may log a server: as given, and each address its name resolves to
 * (nginx resolves names when it loads its config, and logs the address). `localhost` also stands
 * for both loopback addresses, whichever the resolver lists.
 */
export async function addressesOf(server: string): Promise<string[]> {
  const hp = parseHostPort(server);
  if (!hp) return [normalise(server)];
  const forms = new Set([normalise(server)]);
  if (isIP(hp.host) === 0) {
    const host = hp.host.toLowerCase().replace(/\.$/, '');
    if (host === 'localhost') {
      forms.add(`127.0.0.1:${hp.port}`);
      forms.add(`[::1]:${hp.port}`);
    }
    // An unresolvable name is logged by nginx under no address of ours: its lines are skipped.
    for (const a of (await lookupAll(host)) ?? []) forms.add(normalise(a.family === 6 ? `[${a.address}]:${hp.port}` : `${a.address}:${hp.port}`));
  }
  return [...forms];
}
