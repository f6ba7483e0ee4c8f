// Shared bits of the local target's fault tests: one self-hosted runner machine per row (its own
// state folder, so the file ledger and the local target's daemon are that row's alone), the
// canary-deploy / auto-rollback bundles run as the runner runs them, and the three things every
// row checks afterwards: which version the entry port answers from, what the ledger file says,
// and which processes of the machine are still running.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DaemonClient } from '../../shared/targets/local/client.js';
import { REPO, runBundle, tempDir, type BundleOptions } from '../helpers/run-bundle.js';

export const SERVICE = path.join(REPO, 'examples', 'service', 'server.mjs');

/** Fast analysis: a healthy step passes in about a second; `min-samples` is raised where a step must not end. */
export const FAST: Record<string, string> = {
  steps: '20,100',
  'step-duration': '8s',
  'probe-rate': '100',
  'error-tolerance': '0.05',
  'max-latency': '2000',
  'min-samples': '50'
};

/** A step that never decides on its own: it only ends through the fault under test. */
export const ENDLESS: Record<string, string> = { 'step-duration': '30s', 'min-samples': '1000000' };

export interface LedgerRow {
  id: string;
  version: string;
  state: string;
  description: string;
  progress?: { weight: number; step: number; paused: boolean };
}

export interface Roles {
  stable: { version: string; pid: number; port: number } | null;
  canary: { version: string; pid: number; port: number } | null;
  weight: number;
}

/** One runner machine: its state folder holds the file ledger and the local target of `env`. */
export class Machine {
  readonly home = tempDir('shipgate-fault-machine-');
  readonly stateDir = path.join(this.home, 'shipgate');
  readonly ledgerFile = path.join(this.stateDir, 'ledger.json');
  readonly localDir: string;

  constructor(readonly env: string) {
    this.localDir = path.join(this.stateDir, 'local', env);
  }

  inputs(extra: Record<string, string> = {}): Record<string, string> {
    return { environment: this.env, 'state-dir': this.stateDir, 'start-command': `node ${SERVICE}`, ...FAST, ...extra };
  }

  options(extra: Partial<BundleOptions> = {}): BundleOptions {
    return { stateHome: this.home, timeoutMs: 90_000, ...extra };
  }

  deploy(version: string, extra: Record<string, string> = {}, options: Partial<BundleOptions> = {}) {
    return runBundle('canary-deploy', this.inputs({ version, ...extra }), this.options(options));
  }

  /** The first release: nothing to compare with, held to absolute bounds at 100 %. */
  async firstRelease(version = 'v1'): Promise<void> {
    const run = await this.deploy(version, { steps: '100' });
    if (run.code !== 0 || run.outputs.result !== 'promoted')
      throw new Error(`setup: ${version} was not promoted (${run.code}): ${run.error}\n${run.stdout}\n${run.stderr}`);
  }

  daemon(): { pid: number; proxyPort: number } | null {
    return readJson(path.join(this.localDir, 'daemon.json'));
  }

  roles(): Roles | null {
    return readJson(path.join(this.localDir, 'roles.json'));
  }

  /** The versions this machine's local target ever ran (its registry). */
  known(): string[] {
    return (readJson<{ versions: { release: { version: string } }[] }>(path.join(this.localDir, 'versions.json'))?.versions ?? []).map(
      (v) => v.release.version
    );
  }

  ledger(): LedgerRow[] {
    const data = readJson<{
      environments: Record<string, { id: string; release: { version: string }; state: string; description: string; progress?: LedgerRow['progress'] }[]>;
    }>(this.ledgerFile);
    return (data?.environments[this.env] ?? []).map((r) => ({
      id: r.id,
      version: r.release.version,
      state: r.state,
      description: r.description,
      ...(r.progress ? { progress: r.progress } : {})
    }));
  }

  /** [version, state] of every record, oldest first. */
  ledgerStates(): [string, string][] {
    return this.ledger().map((r) => [r.version, r.state]);
  }

  /** Resolves once the newest record of the environment says the canary is at `step` (the engine writes it just before "Step n/m"). */
  async atStep(step: number, ms = 30_000): Promise<void> {
    const ok = await waitUntil(
      () => {
        const last = safe(() => this.ledger().at(-1));
        return !!last && last.state === 'in_progress' && last.progress?.step === step;
      },
      ms,
      20
    );
    if (!ok) throw new Error(`the rollout did not reach step ${step} within ${ms} ms: ${JSON.stringify(safe(() => this.ledger()))}`);
  }

  /**
   * Resolves once step `step` is being analysed: the ledger says the canary is at that step and
   * the daemon has since counted `requests` more requests (the step's probes flow).
   */
  async analysing(step: number, requests = 50, ms = 30_000): Promise<void> {
    await this.atStep(step, ms);
    const client = new DaemonClient(this.localDir);
    const from = (await client.status()).lastSeq;
    const ok = await waitUntil(async () => ((await client.ping(1000))?.lastSeq ?? 0) >= from + requests, ms, 20);
    if (!ok) throw new Error(`step ${step} did not start analysing within ${ms} ms`);
  }

  /** Every process that belongs to this machine: bundles run on it, its daemon, its versions. */
  processes(): ProcessInfo[] {
    const out: ProcessInfo[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      if (pid === process.pid) continue;
      const environ = procText(pid, 'environ');
      const cmdline = procText(pid, 'cmdline');
      if (environ === null || cmdline === null) continue;
      const vars = environ.split('\0');
      const mine =
        vars.includes(`XDG_STATE_HOME=${this.home}`) || vars.includes(`SHIPGATE_ENVIRONMENT=${this.env}`) || cmdline.split('\0').includes(this.localDir);
      if (!mine) continue;
      const stat = procText(pid, 'stat');
      // Zombies (already exited, waiting to be reaped) run nothing.
      const fields = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : [];
      if (fields[0] === 'Z') continue;
      out.push({
        pid,
        pgid: Number(fields[2] ?? 0),
        cmd: cmdline.split('\0').join(' ').trim(),
        version: vars.find((v) => v.startsWith('SHIPGATE_VERSION='))?.slice(17) ?? null
      });
    }
    return out;
  }

  /**
   * What runs beyond what should: the daemon named in daemon.json and the process group of the
   * stable version named in roles.json are expected; anything else of this machine is a stray.
   */
  strays(): ProcessInfo[] {
    const daemon = this.daemon();
    const roles = this.roles();
    return this.processes().filter((p) => p.pid !== daemon?.pid && !(roles?.stable && p.pgid === roles.stable.pid && p.version === roles.stable.version));
  }

  /** Waits (briefly: stopping a version takes a moment) until only the daemon and stable run. */
  async onlyDaemonAndStable(ms = 8000): Promise<{ strays: ProcessInfo[]; daemon: boolean; stable: string | null }> {
    await waitUntil(() => this.strays().length === 0, ms, 100);
    const daemon = this.daemon();
    const roles = this.roles();
    const procs = this.processes();
    return {
      strays: this.strays(),
      daemon: !!daemon && procs.some((p) => p.pid === daemon.pid),
      stable: roles?.stable && procs.some((p) => p.pgid === roles.stable!.pid) ? roles.stable.version : null
    };
  }

  stop(): void {
    spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli', 'index.js'), 'local', 'stop', '-e', this.env, '--state-root', this.stateDir], {
      encoding: 'utf8'
    });
  }
}

export interface ProcessInfo {
  pid: number;
  pgid: number;
  cmd: string;
  version: string | null;
}

/** n requests to the entry port, one after another, tallied by the answering version ("refused" when nothing listens). */
export async function entryVersions(port: number, n = 10): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    let key: string;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const body = await res.text();
      key = res.status >= 500 ? `${res.status}` : ((JSON.parse(body) as { version?: string }).version ?? `status ${res.status}`);
    } catch {
      key = 'refused';
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 10_000, every = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function procText(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export { existsSync };
