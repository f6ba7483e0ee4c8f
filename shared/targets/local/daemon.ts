import { promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Release } from '../../model/release.js';
import type { Side } from '../../model/sample.js';
import { silentLogger, type Logger } from '../../util/log.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { groupAlive, processAlive } from '../../util/process-alive.js';
import { statePaths, type StatePaths } from './paths.js';
import { describeExit, isOurService, prepareArtifact, startVersion, stopGroup, stopVersion, type RunningVersion, type VersionSpec } from './processes.js';
import type { DaemonInfo, DaemonStatus, DeployRequest, RegistryEntry, RollbackRequest, VersionView } from './protocol.js';
import { OutcomeRing, TrafficProxy, type ProxyPorts } from './proxy.js';

export interface DaemonOptions {
  stateDir: string;
  /** Entry port on 127.0.0.1; 0 picks a free one (kept for the daemon's life). */
  proxyPort?: number;
  logger?: Logger;
  ringCapacity?: number;
  /** Shut down when the state dir disappears (a detached daemon must not outlive its owner's files). */
  watchStateDir?: boolean;
}

export interface DaemonHandle {
  socketPath: string;
  ports: ProxyPorts;
  /** Stops every version, the proxy and the control socket. Safe to call twice. */
  close(): Promise<void>;
  /** Resolves once close() has finished (from any cause: shutdown request, signal, lost state dir). */
  closed: Promise<void>;
}

const DEFAULT_READY_MS = 15_000;

interface RolesFile {
  stable: { version: string; pid: number; port: number } | null;
  canary: { version: string; pid: number; port: number } | null;
  weight: number;
}

async function readRoles(paths: StatePaths): Promise<RolesFile | null> {
  try {
    return JSON.parse(await fs.readFile(paths.roles, 'utf8')) as RolesFile;
  } catch {
    return null;
  }
}

/** An error the control API answers with a 4xx (the caller's mistake), not a 500. */
class RequestError extends Error {
  constructor(message: string, readonly status = 409) {
    super(message);
  }
}

/** Thrown when another daemon already answers on the socket. */
export class DaemonAlreadyRunning extends Error {}

/**
 * The local target's long-lived half: runs the versions, the weighted proxy, and a control API
 * that each short-lived action process talks to.
 */
export async function startDaemon(options: DaemonOptions): Promise<DaemonHandle> {
  const log = options.logger ?? silentLogger;
  const paths = statePaths(options.stateDir);
  await fs.mkdir(paths.root, { recursive: true, mode: 0o700 });
  await fs.chmod(paths.root, 0o700);
  await takeLock(paths.lock, paths.socket);
  try {
    await claimSocket(paths.socket);
  } catch (err) {
    await fs.rm(paths.lock, { force: true });
    throw err;
  }

  const ring = new OutcomeRing(options.ringCapacity);
  const roles: Record<Side, RunningVersion | null> = { stable: null, canary: null };
  let weight = 0;
  let pendingStart: AbortController | null = null;
  const startedAt = new Date().toISOString();
  const registry = await readRegistry(paths);

  const proxy = new TrafficProxy({ holder: (side) => roles[side], weight: () => weight }, ring);
  const ports = await proxy.listen(options.proxyPort ?? 0);

  // Mutations run one at a time: two action processes must not interleave a deploy and a promote.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const watch = (rv: RunningVersion) => {
    void rv.exited.then(() => {
      const role = (Object.keys(roles) as Side[]).find((s) => roles[s] === rv);
      if (role && !closing) log.warning(`${role} ${rv.spec.release.version} (pid ${rv.pid}) exited ${describeExit(rv.exit)}; its traffic now gets 502.`);
    });
  };

  const persistRoles = async () => {
    const view = (rv: RunningVersion | null) => (rv ? { version: rv.spec.release.version, pid: rv.pid, port: rv.port } : null);
    await writeJson(paths.roles, { stable: view(roles.stable), canary: view(roles.canary), weight });
  };

  const remember = async (rv: RunningVersion) => {
    const entry: RegistryEntry = {
      release: rv.spec.release,
      startCommand: rv.spec.startCommand,
      workingDirectory: rv.spec.workingDirectory,
      environment: rv.spec.environment,
      artifactDir: rv.spec.artifactDir,
      lastStartedAt: rv.startedAt
    };
    registry.delete(rv.spec.release.version);
    registry.set(rv.spec.release.version, entry);
    await writeJson(paths.registry, { versions: [...registry.values()] });
  };

  const launch = async (spec: Omit<VersionSpec, 'artifactDir'>, readyTimeoutMs: number): Promise<RunningVersion> => {
    const controller = new AbortController();
    pendingStart = controller;
    try {
      const known = registry.get(spec.release.version);
      const artifactDir = await prepareArtifact(spec.release, paths, known?.release.digest);
      const rv = await startVersion({ ...spec, artifactDir }, { paths, readyTimeoutMs, signal: controller.signal });
      watch(rv);
      await remember(rv);
      log.info(`started ${spec.release.version} (pid ${rv.pid}) on ${rv.url}`);
      return rv;
    } finally {
      if (pendingStart === controller) pendingStart = null;
    }
  };

  const retire = async (...list: (RunningVersion | null)[]) => {
    await Promise.all(
      list.filter((rv): rv is RunningVersion => rv !== null).map(async (rv) => {
        await stopVersion(rv);
        log.info(`stopped ${rv.spec.release.version} (pid ${rv.pid})`);
      })
    );
  };

  const status = (): DaemonStatus => ({
    pid: process.pid,
    startedAt,
    stable: viewOf(roles.stable),
    canary: viewOf(roles.canary),
    weight: roles.canary ? weight : 0,
    ports,
    lastSeq: ring.lastSeq,
    known: [...registry.keys()]
  });

  const deploy = (req: DeployRequest) =>
    serial(async () => {
      const version = req.release?.version;
      if (!version) throw new RequestError('A deploy needs a release with a version.', 400);
      const old = roles.canary;
      if (old) {
        // A new canary replaces an unfinished one; traffic goes back to stable first.
        roles.canary = null;
        weight = 0;
        await persistRoles();
        await retire(old);
      }
      const rv = await launch(
        { release: req.release, startCommand: req.startCommand, workingDirectory: req.workingDirectory, environment: req.environment },
        req.readyTimeoutMs
      );
      if (closing) {
        await retire(rv);
        throw new RequestError('The local target is shutting down.', 503);
      }
      roles.canary = rv;
      weight = 0;
      await persistRoles();
      return status();
    });

  const setWeight = (percent: number) =>
    serial(async () => {
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RequestError(`The weight must be a number from 0 to 100, not ${JSON.stringify(percent)}.`, 400);
      if (!roles.canary) throw new RequestError('There is no canary to shift traffic to: deploy one first.');
      weight = percent;
      await persistRoles();
      log.info(`canary ${roles.canary.spec.release.version} at ${percent} %`);
      return status();
    });

  const promote = () =>
    serial(async () => {
      const canary = roles.canary;
      if (!canary) {
        if (roles.stable) return status();
        throw new RequestError('There is no canary to promote: deploy one first.');
      }
      if (!canary.alive) {
        throw new RequestError(`The canary ${canary.spec.release.version} cannot be promoted: it is not running (it exited ${describeExit(canary.exit)}).`);
      }
      const old = roles.stable;
      roles.stable = canary;
      roles.canary = null;
      weight = 0;
      await persistRoles();
      log.info(`promoted ${canary.spec.release.version}${old ? `, retiring ${old.spec.release.version}` : ''}`);
      await retire(old);
      return status();
    });

  const rollback = (req: RollbackRequest) => {
    // A deploy still waiting for readiness must not hold the rollback up for its whole timeout.
    pendingStart?.abort();
    return serial(async () => {
      const target = req.release?.version ?? null;
      const { stable, canary } = roles;
      if (target === null || (stable && stable.spec.release.version === target && stable.alive)) {
        roles.canary = null;
        weight = 0;
        await persistRoles();
        if (canary) log.info(`rolled back: canary ${canary.spec.release.version} retired${stable ? `, ${stable.spec.release.version} at 100 %` : ''}`);
        await retire(canary);
        return status();
      }
      if (canary && canary.spec.release.version === target && canary.alive) {
        roles.stable = canary;
        roles.canary = null;
        weight = 0;
        await persistRoles();
        await retire(stable);
        return status();
      }
      const known = registry.get(target);
      const startCommand = known?.startCommand || req.startCommand || '';
      if (!startCommand) {
        throw new RequestError(`Cannot roll back to ${target}: this local target never ran it and no start command was given.`);
      }
      const release: Release = { ...known?.release, ...definedOnly(req.release as Release), version: target };
      const rv = await launch(
        {
          release,
          startCommand,
          workingDirectory: known?.workingDirectory || req.workingDirectory || paths.root,
          environment: req.environment || known?.environment || ''
        },
        req.readyTimeoutMs
      );
      roles.stable = rv;
      roles.canary = null;
      weight = 0;
      await persistRoles();
      log.info(`rolled back to ${target} (started again, pid ${rv.pid})`);
      await retire(stable, canary);
      return status();
    });
  };

  /**
   * After a crash (SIGKILL, OOM) the old daemon's versions may still run, unsupervised: stop
   * them, then start the stable version again so the entry keeps serving what it served.
   */
  async function restore(): Promise<void> {
    const last = await readRoles(paths);
    if (!last) return;
    for (const role of [last.stable, last.canary]) {
      if (role && groupAlive(role.pid) && isOurService(role.pid, role.version)) {
        log.warning(`stopping ${role.version} (pid ${role.pid}), left running by an earlier daemon`);
        await stopGroup(role.pid);
      }
    }
    const known = last.stable ? registry.get(last.stable.version) : undefined;
    if (!known) return;
    try {
      const rv = await launch(known, DEFAULT_READY_MS);
      roles.stable = rv;
      log.info(`restored stable ${known.release.version} after a restart`);
    } catch (err) {
      log.warning(`could not restore stable ${known.release.version}: ${(err as Error).message}`);
    }
    await persistRoles();
  }

  let closing = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closePromise: Promise<void> | null = null;
  const close = () => {
    closePromise ??= (async () => {
      closing = true;
      pendingStart?.abort();
      clearInterval(watcher);
      // Do not wait behind a queued deploy: stop what runs now, then whatever it started.
      const running = [roles.stable, roles.canary];
      roles.stable = null;
      roles.canary = null;
      await retire(...running);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([queue, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
      clearTimeout(timer);
      await retire(roles.stable, roles.canary);
      roles.stable = null;
      roles.canary = null;
      await proxy.close();
      await new Promise<void>((resolve) => {
        control.close(() => resolve());
        control.closeAllConnections();
      });
      await fs.rm(paths.socket, { force: true });
      if (path.dirname(paths.socket) !== paths.root) await fs.rm(path.dirname(paths.socket), { recursive: true, force: true });
      await fs.rm(paths.daemonInfo, { force: true });
      await fs.rm(paths.lock, { force: true });
      await persistRoles().catch(() => {});
      log.info('local target stopped');
      resolveClosed();
    })();
    return closePromise;
  };

  const control = http.createServer((req, res) => {
    void route(req).then(
      (body) => reply(res, 200, body),
      (err: Error) => reply(res, err instanceof RequestError ? err.status : 500, { error: err.message })
    );
  });

  const route = async (req: http.IncomingMessage): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://daemon');
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case 'GET /status':
        return status();
      case 'GET /samples': {
        const after = Number(url.searchParams.get('after') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '20000');
        return ring.after(Number.isFinite(after) ? after : 0, Number.isFinite(limit) && limit > 0 ? Math.min(limit, 50_000) : 20_000);
      }
      case 'POST /deploy':
        return deploy((await readJson(req)) as DeployRequest);
      case 'POST /weight':
        return setWeight(Number(((await readJson(req)) as { percent: unknown }).percent));
      case 'POST /promote':
        return promote();
      case 'POST /rollback':
        return rollback((await readJson(req)) as RollbackRequest);
      case 'POST /shutdown':
        setImmediate(() => void close());
        return { stopping: true };
      default:
        throw new RequestError(`Unknown control request ${key}.`, 404);
    }
  };

  try {
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(paths.socket, () => resolve());
    });
    await fs.chmod(paths.socket, 0o600);
  } catch (err) {
    await proxy.close();
    throw err;
  }

  await serial(restore);

  const url = (port: number) => `http://127.0.0.1:${port}/`;
  const info: DaemonInfo = {
    pid: process.pid,
    socket: paths.socket,
    socketPath: paths.socket,
    proxyPort: ports.entry,
    ports,
    urls: { entry: url(ports.entry), stable: url(ports.stable), canary: url(ports.canary) },
    startedAt
  };
  await writeJson(paths.daemonInfo, info);
  log.info(`local target daemon ${process.pid}: entry 127.0.0.1:${ports.entry}, stable side ${ports.stable}, canary side ${ports.canary}`);

  const watcher = setInterval(() => {
    if (!options.watchStateDir || closing) return;
    fs.stat(paths.root).catch(() => {
      log.warning(`state dir ${paths.root} is gone: stopping`);
      void close();
    });
  }, 2000);
  watcher.unref();

  return { socketPath: paths.socket, ports, close, closed };
}

function viewOf(rv: RunningVersion | null): VersionView | null {
  if (!rv) return null;
  return { release: rv.spec.release, pid: rv.pid, port: rv.port, url: rv.url, alive: rv.alive, exit: rv.exit, startedAt: rv.startedAt, logFile: rv.logFile };
}

function definedOnly<T extends object>(value: T | null | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/**
 * One daemon per state dir, even when two action processes start one at the same moment: the
 * loser sees the winner's pid in the lock file and leaves.
 */
async function takeLock(lock: string, socketPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await fs.readFile(lock, 'utf8').catch(() => '')).trim());
    const age = Date.now() - ((await fs.stat(lock).catch(() => null))?.mtimeMs ?? 0);
    // A live owner counts while it is starting or once its socket answers; an old lock whose
    // socket is silent belongs to a recycled pid.
    if (owner > 0 && processAlive(owner) && (age < 30_000 || (await socketAnswers(socketPath)))) {
      throw new DaemonAlreadyRunning(`A local target daemon (pid ${owner}) already runs for this state dir.`);
    }
    await fs.rm(lock, { force: true });
  }
  throw new DaemonAlreadyRunning('Another local target daemon is starting for this state dir.');
}


function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const sock = net.connect(socketPath);
    sock.setTimeout(1000, () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Takes the socket path, unless a live daemon answers there (then it is that daemon's). */
async function claimSocket(socketPath: string): Promise<void> {
  const dir = path.dirname(socketPath);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // The short socket dir may sit in a shared temp dir: it must be ours and private.
  const st = await fs.lstat(dir);
  if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
    throw new Error(`The control socket's folder ${dir} is not a private folder of this user; remove it and try again.`);
  }
  if (await socketAnswers(socketPath)) throw new DaemonAlreadyRunning(`A local target daemon already listens on ${socketPath}.`);
  await fs.rm(socketPath, { force: true });
}

async function readRegistry(paths: StatePaths): Promise<Map<string, RegistryEntry>> {
  const map = new Map<string, RegistryEntry>();
  try {
    const parsed = JSON.parse(await fs.readFile(paths.registry, 'utf8')) as { versions?: RegistryEntry[] };
    for (const e of parsed.versions ?? []) if (e?.release?.version) map.set(e.release.version, e);
  } catch {
    // no registry yet
  }
  return map;
}


function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) {
        reject(new RequestError('Control request too large.', 413));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new RequestError('Control request is not JSON.', 400));
      }
    });
    req.on('error', reject);
  });
}

function reply(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Daemon state files hold ports and pids: owner-only and never half-written. Not fsynced: they
 * are rewritten on every traffic shift and only guide recovery after the daemon dies.
 */
function writeJson(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600, durable: false });
}
