import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, promises as fs, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Release } from '../../model/release.js';
import type { DeployContext, DeployTarget, PreflightIntent, TargetStatus } from '../../ports/deploy-target.js';
import type { SignalSource } from '../../ports/signal-source.js';
import { groupAlive, processAlive } from '../../process/alive.js';
import { childEnv } from '../../process/env.js';
import { signalProcess, stopGroup, waitGone } from '../../process/signal.js';
import { escapeLogText } from '../../util/escape.js';
import { silentLogger, type Logger } from '../../util/log.js';
import { DaemonClient } from './client.js';
import { processRunning } from './liveness.js';
import { LocalProxyRouter } from '../../routers/local.js';
import { fileSafeName, statePaths, type StatePaths } from './paths.js';
import { isOurService } from './processes.js';
import type { DaemonInfo, DaemonStatus, RegistryEntry } from './protocol.js';
import { PortInUseError } from './protocol.js';

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
  /** Its embedded proxy: splits traffic and counts every request. */
  readonly router: LocalProxyRouter;
  private readonly log: Logger;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: LocalTargetOptions) {
    this.client = new DaemonClient(options.stateDir);
    this.router = new LocalProxyRouter(this.client);
    this.log = options.logger ?? silentLogger;
    this.readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_MS;
  }

  private get workingDirectory(): string {
    return path.resolve(this.options.workingDirectory ?? process.cwd());
  }

  /**
   * Before anything is recorded or started: a proxy-port that another process holds (when the
   * daemon has yet to start), and a version to restore that this machine cannot start (never ran
   * it, and no artifact of it is here). Starts nothing.
   */
  async preflight(intent: PreflightIntent = {}): Promise<void> {
    const running = await this.client.ping();
    const wanted = this.options.proxyPort ?? 0;
    if (!running && wanted) await checkPortFree(wanted);
    if (intent.restore) this.checkCanRestore(intent.restore, running);
  }

  /** Throws one sentence when `release` can be neither switched to nor started again here. */
  private checkCanRestore(release: Release, running: DaemonStatus | null): void {
    const version = release.version;
    if (running && [running.stable, running.canary].some((v) => v?.alive && v.release.version === version)) return;
    const paths = statePaths(this.options.stateDir);
    const registry = readRegistry(paths.registry);
    const known = registry.get(version);
    const env = this.options.environment;
    if (known) {
      const gone = missingArtifact({ ...known.release, ...definedOnly(release) }, paths, known.artifactDir);
      if (gone)
        throw new Error(
          `Cannot roll back ${env} to ${version}: the local target ran it on this machine, but its artifact ${gone} is gone and no unpacked copy of it is left in ${paths.releases}.`
        );
      if (known.workingDirectory && !existsSync(known.workingDirectory)) {
        throw new Error(
          `Cannot roll back ${env} to ${version}: the local target ran it from ${known.workingDirectory}, which is gone, so its start command cannot run there again.`
        );
      }
      return;
    }
    const others = [...registry.keys()].filter((v) => v !== version);
    const knows = others.length ? `it has run ${others.join(', ')}` : 'it has run no version';
    if (release.artifact && !missingArtifact(release, paths)) {
      if (!this.options.startCommand.trim())
        throw new Error(
          `Cannot roll back ${env} to ${version}: the local target never ran it on this machine (${knows}) and no start-command was given to start its artifact ${release.artifact}.`
        );
      return;
    }
    const why = release.artifact ? `its artifact ${release.artifact} is not on this machine` : 'no artifact of it is known';
    throw new Error(
      `Cannot roll back ${env} to ${version}: the local target never ran ${version} on this machine (${knows}) and ${why}, so there is nothing to start; give a to-version it has run.`
    );
  }

  /** A daemon this call started is stopped again when the deploy fails and it serves nothing. */
  async deployCanary(release: Release, context: DeployContext): Promise<void> {
    const daemon = await this.daemon();
    let s: DaemonStatus;
    try {
      s = await this.client.deploy(
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
    } catch (err) {
      if (daemon.mine) await this.stopIfIdle(daemon.status.pid);
      throw err;
    }
    const stableNote = s.stable ? `beside stable ${s.stable.release.version}` : 'with no stable version yet (first release)';
    this.log.info(`Local target: ${release.version} runs as canary at 0 % ${stableNote} (pid ${s.canary?.pid}, log ${s.canary?.logFile}).`);
  }

  async setWeight(percent: number, context?: DeployContext): Promise<void> {
    await this.router.setWeight(percent, context);
    this.log.debug(`Local target: canary weight ${percent} %.`);
  }

  /**
   * A daemon that died since (a paused canary promoted hours later, after a crash or a reboot)
   * is started again first: it restores the canary at its weight, which is then promoted.
   */
  async promote(_context?: DeployContext): Promise<void> {
    if (!(await this.client.ping())) await this.startDaemon();
    const s = await this.client.promote();
    this.log.info(`Local target: ${s.stable?.release.version ?? '?'} is stable at 100 %.`);
  }

  /**
   * Ignores the context's AbortSignal: a rollback runs to the end. When no daemon runs, one is
   * started (it restores what the last one ran, on the same entry port); if the rollback then
   * fails and that daemon serves nothing, it is stopped again: a failed call leaves no daemon.
   */
  async rollback(toRelease: Release | null, _context?: DeployContext): Promise<void> {
    if (!toRelease && !(await this.client.ping())) return;
    const started = await this.daemon();
    let s: DaemonStatus;
    try {
      s = await this.client.rollback({
        release: toRelease,
        startCommand: this.options.startCommand,
        workingDirectory: this.workingDirectory,
        environment: this.options.environment,
        readyTimeoutMs: this.readyTimeoutMs
      });
    } catch (err) {
      if (started.mine) await this.stopIfIdle(started.status.pid);
      throw err;
    }
    this.log.info(`Local target: all traffic on ${s.stable?.release.version ?? 'nothing (no stable version)'}.`);
  }

  /** Stops the daemon `pid` (one this call started) when no version of it is alive. */
  private async stopIfIdle(pid: number): Promise<void> {
    const now = await this.client.ping();
    if (!now || now.pid !== pid || now.stable?.alive || now.canary?.alive) return;
    await stopLocal(this.options.stateDir).catch((err: Error) =>
      this.log.warning(`Local target: could not stop the daemon ${pid} this step started: ${escapeLogText(err.message)}`)
    );
    this.log.info(`Local target: stopped the daemon ${pid} this step started, as it serves nothing.`);
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
    return options.canaryUrl ? null : this.router.requestCounter();
  }

  /** The daemon's full view (pids, ports, liveness), or null when it is not running. */
  details(): Promise<DaemonStatus | null> {
    return this.client.ping(5000);
  }

  /** Reuses the daemon when its socket answers; else starts one detached and waits for it. */
  async ensureDaemon(): Promise<DaemonStatus> {
    return (await this.daemon()).status;
  }

  /** As ensureDaemon; `mine` when this call started it. */
  private async daemon(): Promise<{ status: DaemonStatus; mine: boolean }> {
    const running = await this.client.ping();
    if (running) {
      const wanted = this.options.proxyPort ?? 0;
      if (wanted && wanted !== running.ports.entry) {
        this.log.warning(`Local target: the proxy already runs on port ${running.ports.entry}; proxy-port ${wanted} applies when it is next started.`);
      }
      return { status: running, mine: false };
    }
    return this.startDaemon();
  }

  /**
   * Starts a daemon detached and waits for its socket. `mine` is false when another process's
   * daemon won the race. A daemon that died (no clean stop) is named, with what the new one
   * restores on which port.
   */
  private async startDaemon(): Promise<{ status: DaemonStatus; mine: boolean }> {
    const paths = statePaths(this.options.stateDir);
    await fs.mkdir(paths.root, { recursive: true, mode: 0o700 });
    await fs.chmod(paths.root, 0o700);
    const before = {
      info: readJson<DaemonInfo>(paths.daemonInfo),
      roles: readJson<RolesFileView>(paths.roles),
      entry: readJson<{ port?: number }>(paths.entry)?.port ?? 0
    };
    const entry = resolveDaemonEntry();
    const logStart = fileSize(paths.daemonLog);
    const fd = openSync(paths.daemonLog, 'a', 0o600);
    let exited: { code: number | null } | null = null;
    let childPid: number;
    try {
      const child = spawn(process.execPath, [...entry.execArgv, entry.script, '--state-dir', paths.root, '--proxy-port', String(this.options.proxyPort ?? 0)], {
        detached: true,
        cwd: paths.root,
        env: childEnv(process.env, { kind: 'daemon' }),
        stdio: ['ignore', fd, fd]
      });
      childPid = child.pid ?? 0;
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
        this.announce(s, before, paths.daemonLog);
        return { status: s, mine: s.pid === childPid };
      }
      const gone = exited as { code: number | null } | null;
      // Exit 0 means another daemon won the race for the socket: keep pinging for it.
      if (gone && gone.code !== 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A daemon that never answered must not linger.
    if (childPid && !exited && processAlive(childPid)) {
      signalProcess(childPid, 'SIGTERM');
      if (!(await waitGone(childPid, 5000))) signalProcess(childPid, 'SIGKILL');
    }
    const reason = daemonFailure(paths.daemonLog, logStart);
    throw new Error(
      reason
        ? `The local target daemon did not start: ${reason}`
        : `The local target daemon did not start (${entry.kind} entry ${entry.script}).${tail(paths.daemonLog)}`
    );
  }

  private announce(s: DaemonStatus, before: { info: DaemonInfo | null; roles: RolesFileView | null; entry: number }, logFile: string): void {
    const held = [
      before.roles?.stable && `stable ${before.roles.stable.version}`,
      before.roles?.canary && `canary ${before.roles.canary.version} at ${before.roles.weight ?? 0} %`
    ].filter(Boolean);
    if (before.info && held.length) {
      // daemon.json is removed by a clean stop: still there, the last daemon died.
      this.log.warning(
        `Local target: the daemon of ${this.options.environment} (pid ${before.info.pid}) had stopped without shutting down; daemon ${s.pid} took its place on ${s.ports.entry === before.info.proxyPort ? 'the same' : 'another'} entry port ${s.ports.entry} and restores ${held.join(' and ')}.`
      );
    } else {
      this.log.info(`Local target: daemon ${s.pid} started; proxy on http://127.0.0.1:${s.ports.entry} (log ${logFile}).`);
    }
    if (before.entry && before.entry !== s.ports.entry && !this.options.proxyPort) {
      this.log.warning(`Local target: the entry port moved from ${before.entry} to ${s.ports.entry} because ${before.entry} was taken by another process.`);
    }
  }
}

/** Who held which role when the last daemon wrote roles.json. */
interface RolesFileView {
  stable: { version: string; pid: number } | null;
  canary: { version: string; pid: number } | null;
  weight?: number;
}

/** Fails with one sentence when another process listens on 127.0.0.1:port. */
async function checkPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(port));
      else reject(new Error(`proxy-port ${port} cannot be used on 127.0.0.1 (${err.code ?? err.message}): choose another proxy-port, or 0 for a free one.`));
    });
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve()));
  });
}

/** The artifact path that is missing, or null when the version's files are here (or it needs none). */
function missingArtifact(release: Release, paths: StatePaths, artifactDir?: string): string | null {
  if (!release.artifact) return null;
  const abs = path.resolve(release.artifact);
  if (existsSync(abs)) return null;
  if (existsSync(path.join(paths.releases, fileSafeName(release.version)))) return null;
  if (artifactDir && existsSync(artifactDir)) return null;
  return abs;
}

function readRegistry(file: string): Map<string, RegistryEntry> {
  const map = new Map<string, RegistryEntry>();
  for (const e of readJson<{ versions?: RegistryEntry[] }>(file)?.versions ?? []) if (e?.release?.version) map.set(e.release.version, e);
  return map;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The sentence the daemon wrote last when it failed ("... daemon failed: <sentence>"), from `offset` on. */
function daemonFailure(file: string, offset: number): string | null {
  try {
    const text = readFileSync(file).subarray(offset).toString('utf8');
    const lines = text.trimEnd().split('\n').reverse();
    const failed = lines.find((l) => / error local target daemon failed: /.test(l));
    return failed ? escapeLogText(failed.replace(/^.* error local target daemon failed: /, ''), 600) : null;
  } catch {
    return null;
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
  } else if (daemonPid && processRunning(daemonPid) && isDaemonProcess(daemonPid)) {
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
  if (!daemonPid || !processRunning(daemonPid)) await fs.rm(paths.lock, { force: true });
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
