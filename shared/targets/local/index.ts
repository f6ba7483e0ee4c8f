import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Release } from '../../model/release.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../../ports/deploy-target.js';
import type { SignalSource } from '../../ports/signal-source.js';
import { groupAlive, processAlive } from '../../process/alive.js';
import { childEnv } from '../../process/env.js';
import { signalProcess, stopGroup, waitGone } from '../../process/signal.js';
import { escapeLogText } from '../../util/escape.js';
import { silentLogger, type Logger } from '../../util/log.js';
import { DaemonClient } from './client.js';
import { LocalOutcomesSource } from './outcomes.js';
import { statePaths } from './paths.js';
import { isOurService } from './processes.js';
import type { DaemonInfo, DaemonStatus } from './protocol.js';

export { DaemonClient, DaemonNotRunning } from './client.js';
export { LocalOutcomesSource } from './outcomes.js';
export { localStateDir } from './paths.js';
export type { DaemonStatus, VersionView } from './protocol.js';
export type { OutcomeRecord } from './proxy.js';

export interface LocalTargetOptions {
  /** One per environment: localStateDir(stateRoot, environment). */
  stateDir: string;
  environment: string;
  /** Run with bash in the version's process group; the service listens on $PORT. */
  startCommand: string;
  workingDirectory?: string;
  /** Entry port of the proxy on 127.0.0.1; 0 picks a free one. Used when the daemon starts. */
  proxyPort?: number;
  /** How long a version may take to answer HTTP (default 15 s). */
  readyTimeoutMs?: number;
  logger?: Logger;
}

const DEFAULT_READY_MS = 15_000;
const DAEMON_START_MS = 20_000;

/**
 * Runs every version on this machine behind a weighted proxy. The proxy and the versions live in
 * a detached daemon, because each workflow step is its own process and traffic must keep flowing
 * between steps.
 */
export class LocalTarget implements DeployTarget {
  readonly name = 'local';
  readonly client: DaemonClient;
  private readonly log: Logger;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: LocalTargetOptions) {
    this.client = new DaemonClient(options.stateDir);
    this.log = options.logger ?? silentLogger;
    this.readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_MS;
  }

  private get workingDirectory(): string {
    return path.resolve(this.options.workingDirectory ?? process.cwd());
  }

  async deployCanary(release: Release, context: DeployContext): Promise<void> {
    await this.ensureDaemon();
    const s = await this.client.deploy(
      {
        release,
        startCommand: this.options.startCommand,
        workingDirectory: this.workingDirectory,
        environment: context.environment || this.options.environment,
        readyTimeoutMs: this.readyTimeoutMs,
        deploymentId: context.deploymentId
      },
      context.signal
    );
    const stableNote = s.stable ? `beside stable ${s.stable.release.version}` : 'with no stable version yet (first release)';
    this.log.info(`Local target: ${release.version} runs as canary at 0 % ${stableNote} (pid ${s.canary?.pid}, log ${s.canary?.logFile}).`);
  }

  async setWeight(percent: number, _context?: DeployContext): Promise<void> {
    await this.client.setWeight(percent);
    this.log.debug(`Local target: canary weight ${percent} %.`);
  }

  async promote(_context?: DeployContext): Promise<void> {
    const s = await this.client.promote();
    this.log.info(`Local target: ${s.stable?.release.version ?? '?'} is stable at 100 %.`);
  }

  /** Ignores the context's AbortSignal: a rollback runs to the end. */
  async rollback(toRelease: Release | null, _context?: DeployContext): Promise<void> {
    if (!toRelease && !(await this.client.ping())) return;
    await this.ensureDaemon();
    const s = await this.client.rollback({
      release: toRelease,
      startCommand: this.options.startCommand,
      workingDirectory: this.workingDirectory,
      environment: this.options.environment,
      readyTimeoutMs: this.readyTimeoutMs
    });
    this.log.info(`Local target: all traffic on ${s.stable?.release.version ?? 'nothing (no stable version)'}.`);
  }

  async status(): Promise<TargetStatus> {
    const s = await this.client.ping(5000);
    if (!s) return { stable: null, canary: null, weight: 0 };
    const url = (port: number) => `http://127.0.0.1:${port}/`;
    return {
      stable: s.stable?.release ?? null,
      canary: s.canary?.release ?? null,
      weight: s.weight,
      urls: {
        entry: url(s.ports.entry),
        ...(s.stable ? { stable: url(s.ports.stable) } : {}),
        ...(s.canary ? { canary: url(s.ports.canary) } : {})
      }
    };
  }

  /**
   * The proxy records every request to the versions (customers through the entry port, probes
   * through the side ports), so it counts them; unless the canary is reached at a canary-url of
   * its own, which may bypass the proxy: then the probes count.
   */
  requestCounter(options: { canaryUrl?: string } = {}): SignalSource | null {
    return options.canaryUrl ? null : new LocalOutcomesSource({ client: this.client });
  }

  /** The daemon's full view (pids, ports, liveness), or null when it is not running. */
  details(): Promise<DaemonStatus | null> {
    return this.client.ping(5000);
  }

  /** Reuses the daemon when its socket answers; else starts one detached and waits for it. */
  async ensureDaemon(): Promise<DaemonStatus> {
    const running = await this.client.ping();
    if (running) {
      const wanted = this.options.proxyPort ?? 0;
      if (wanted && wanted !== running.ports.entry) {
        this.log.warning(`Local target: the proxy already runs on port ${running.ports.entry}; proxy-port ${wanted} applies when it is next started.`);
      }
      return running;
    }
    const paths = statePaths(this.options.stateDir);
    await fs.mkdir(paths.root, { recursive: true, mode: 0o700 });
    await fs.chmod(paths.root, 0o700);
    const entry = resolveDaemonEntry();
    const fd = openSync(paths.daemonLog, 'a', 0o600);
    let exited: { code: number | null } | null = null;
    try {
      const child = spawn(process.execPath, [...entry.execArgv, entry.script, '--state-dir', paths.root, '--proxy-port', String(this.options.proxyPort ?? 0)], {
        detached: true,
        cwd: paths.root,
        env: childEnv(process.env, { kind: 'daemon' }),
        stdio: ['ignore', fd, fd]
      });
      child.once('exit', (code) => (exited = { code }));
      child.once('error', () => (exited = { code: null }));
      child.unref();
    } finally {
      closeSync(fd);
    }
    const deadline = Date.now() + DAEMON_START_MS;
    while (Date.now() < deadline) {
      const s = await this.client.ping(1000);
      if (s) {
        this.log.info(`Local target: daemon ${s.pid} started; proxy on http://127.0.0.1:${s.ports.entry} (log ${paths.daemonLog}).`);
        return s;
      }
      const gone = exited as { code: number | null } | null;
      // Exit 0 means another daemon won the race for the socket: keep pinging for it.
      if (gone && gone.code !== 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The local target daemon did not start (${entry.kind} entry ${entry.script}).${tail(paths.daemonLog)}`);
  }
}

function tail(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-5).join('\n');
    return lines ? ` Last lines of ${file}: ${escapeLogText(lines, 800)}` : '';
  } catch {
    return '';
  }
}

export interface DaemonEntry {
  kind: 'env' | 'bundle' | 'source';
  /** Node flags before the script (the TypeScript loader when running from source). */
  execArgv: string[];
  script: string;
}

/**
 * Where the daemon's code is: SHIPGATE_LOCAL_DAEMON_ENTRY, else the sibling bundle
 * dist/local-daemon/index.js (actions run from dist/<action>/index.js), else the TypeScript
 * source through tsx (tests and `node --import tsx` runs).
 */
export function resolveDaemonEntry(): DaemonEntry {
  const fromEnv = process.env.SHIPGATE_LOCAL_DAEMON_ENTRY;
  if (fromEnv) {
    const script = path.resolve(fromEnv);
    return { kind: 'env', execArgv: script.endsWith('.ts') ? ['--import', tsxLoader()] : [], script };
  }
  // Kept in variables so the bundler does not treat the URLs as assets to copy.
  const here = import.meta.url;
  const bundleRel = '../local-daemon/index.js';
  const bundle = fileURLToPath(new URL(bundleRel, here));
  if (existsSync(bundle)) return { kind: 'bundle', execArgv: [], script: bundle };
  const sourceRel = './daemon-main.ts';
  const source = fileURLToPath(new URL(sourceRel, here));
  if (!existsSync(source)) {
    throw new Error(`The local target daemon is missing: expected ${bundle} next to this bundle (npm run build makes it), or set SHIPGATE_LOCAL_DAEMON_ENTRY.`);
  }
  return { kind: 'source', execArgv: ['--import', tsxLoader()], script: source };
}

function tsxLoader(): string {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('tsx/package.json'));
    return pathToFileURL(path.join(dir, 'dist', 'loader.mjs')).href;
  } catch {
    return 'tsx';
  }
}

export interface StopResult {
  daemonPid: number | null;
  /** Process groups that had to be killed here because no daemon stopped them. */
  orphansKilled: number[];
}

/**
 * Stops the local target of one state dir: the daemon, every version's process group, the
 * socket. Afterwards nothing of it runs. Safe when nothing runs.
 */
export async function stopLocal(stateDir: string): Promise<StopResult> {
  const paths = statePaths(stateDir);
  const client = new DaemonClient(stateDir);
  const info = readJson<DaemonInfo>(paths.daemonInfo);
  const before = readJson<{ stable: { pid: number; version: string } | null; canary: { pid: number; version: string } | null }>(paths.roles);
  const live = await client.ping();
  const daemonPid = live?.pid ?? info?.pid ?? null;
  if (live) {
    await client.shutdown().catch(() => {});
  } else if (daemonPid && isDaemonProcess(daemonPid)) {
    signalProcess(daemonPid, 'SIGTERM');
  }
  if (daemonPid) {
    if (!(await waitGone(daemonPid, 20_000))) {
      signalProcess(daemonPid, 'SIGKILL');
      await waitGone(daemonPid, 2000);
    }
  }
  // A daemon killed outright leaves its versions running: their groups are in roles.json.
  const orphansKilled: number[] = [];
  const pids = [live?.stable, live?.canary, before?.stable, before?.canary].flatMap((v) =>
    v ? [{ pid: v.pid, version: 'release' in v ? v.release.version : v.version }] : []
  );
  for (const { pid, version } of pids) {
    if (groupAlive(pid) && isOurService(pid, version)) {
      await stopGroup(pid);
      orphansKilled.push(pid);
    }
  }
  await fs.rm(client.socketPath, { force: true });
  await fs.rm(paths.socket, { force: true });
  await fs.rm(paths.daemonInfo, { force: true });
  if (!daemonPid || !processAlive(daemonPid)) await fs.rm(paths.lock, { force: true });
  return { daemonPid, orphansKilled };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Guards against a recycled pid: only signal a process that looks like our daemon. */
function isDaemonProcess(pid: number): boolean {
  const cmdline = procFile(pid, 'cmdline');
  return cmdline === null ? processAlive(pid) : /daemon-main|local-daemon|--state-dir/.test(cmdline);
}

/** null when /proc cannot tell (not Linux, or not readable). */
function procFile(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}
