import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { silentLogger, type Logger } from '../../util/log.js';
import { processRunning } from './liveness.js';
import { ControlServer } from './control-server.js';
import { DaemonState, writePrivateJson } from './daemon-state.js';
import { statePaths, type StatePaths } from './paths.js';
import { PortInUseError, type DaemonInfo } from './protocol.js';
import { OutcomeRing, TrafficProxy, type ProxyPorts } from './proxy.js';

export interface DaemonOptions {
  stateDir: string;
  /**
   * Entry port on 127.0.0.1; 0 reuses the port this state dir's proxy used last (when free), else
   * picks a free one. Recorded in entry.json either way.
   */
  proxyPort?: number;
  logger?: Logger;
  ringCapacity?: number;
  /** Shut down when the state dir disappears (a detached daemon must not outlive its owner's files). */
  watchStateDir?: boolean;
}

export interface DaemonHandle {
  socketPath: string;
  ports: ProxyPorts;
  /** Stops every version, the proxy and the control socket. Safe to call twice, and at any time. */
  close(): Promise<void>;
  /** Resolves once close() has finished (from any cause: shutdown request, signal, lost state dir). */
  closed: Promise<void>;
}

/** Thrown when another daemon already answers on the socket. */
export class DaemonAlreadyRunning extends Error {}

/**
 * The local target's long-lived half: runs the versions (DaemonState), the weighted proxy, and a
 * control API (ControlServer) that each short-lived action process talks to. Everything close()
 * touches exists before the socket listens, so a shutdown request may arrive at any moment, even
 * while a restarted daemon is still restoring its stable version.
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

  const startedAt = new Date().toISOString();
  const ring = new OutcomeRing(options.ringCapacity);
  let state: DaemonState;
  let proxy: TrafficProxy;
  let ports: ProxyPorts;
  try {
    state = await DaemonState.load(paths, log);
    proxy = new TrafficProxy(state, ring);
    ports = await listenOnEntry(proxy, paths, options.proxyPort ?? 0, log);
  } catch (err) {
    await fs.rm(paths.lock, { force: true });
    throw err;
  }
  const control = new ControlServer({ state, ring, ports, startedAt, onShutdown: () => stopOnItsOwn() });

  let watcher: NodeJS.Timeout | undefined;
  /** daemon.json being written; close() removes it only after the write has landed. */
  let announced: Promise<void> = Promise.resolve();
  let closing: Promise<void> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  const stop = async () => {
    clearInterval(watcher);
    await state.shutdown();
    await proxy.close();
    await control.close();
    await announced.catch(() => {});
    await fs.rm(paths.socket, { force: true });
    if (path.dirname(paths.socket) !== paths.root) await fs.rm(path.dirname(paths.socket), { recursive: true, force: true });
    await fs.rm(paths.daemonInfo, { force: true });
    await fs.rm(paths.lock, { force: true });
    await state.persist().catch(() => {});
    log.info('local target stopped');
  };
  const close = (): Promise<void> => (closing ??= stop().finally(resolveClosed));
  /** A shutdown request or a lost state dir: nobody awaits it, so a failure is logged here. */
  const stopOnItsOwn = () => void close().catch((err: Error) => log.warning(`stopping failed: ${err.message}`));

  try {
    await control.listen(paths.socket);
  } catch (err) {
    await proxy.close();
    await fs.rm(paths.lock, { force: true });
    throw err;
  }

  await state.restore();

  // A shutdown during the restore has already cleaned up: nothing to announce or watch.
  if (!closing) {
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
    announced = writePrivateJson(paths.daemonInfo, info);
    if (options.watchStateDir) {
      watcher = setInterval(() => {
        if (closing) return;
        fs.stat(paths.root).catch(() => {
          log.warning(`state dir ${paths.root} is gone: stopping`);
          stopOnItsOwn();
        });
      }, 2000);
      watcher.unref();
    }
    await announced;
    log.info(`local target daemon ${process.pid}: entry 127.0.0.1:${ports.entry}, stable side ${ports.stable}, canary side ${ports.canary}`);
  }

  return { socketPath: paths.socket, ports, close, closed };
}

/**
 * The entry port: proxy-port when given (taken or not at all); else the port this state dir's
 * proxy last listened on, so a daemon restarted after a crash keeps customers' address; else a
 * free one. The port used is recorded (entry.json) before anything else happens.
 */
async function listenOnEntry(proxy: TrafficProxy, paths: StatePaths, wanted: number, log: Logger): Promise<ProxyPorts> {
  let ports: ProxyPorts;
  const recorded = wanted ? 0 : await recordedEntryPort(paths);
  if (wanted || !recorded) {
    ports = await proxy.listen(wanted);
  } else {
    try {
      ports = await proxy.listen(recorded);
    } catch (err) {
      if (!(err instanceof PortInUseError)) throw err;
      ports = await proxy.listen(0);
      log.warning(`the entry port ${recorded} this state dir used before is taken by another process: the proxy listens on ${ports.entry} instead`);
    }
  }
  await writePrivateJson(paths.entry, { port: ports.entry, recordedAt: new Date().toISOString() });
  return ports;
}

/** The entry port recorded by an earlier daemon of this state dir; 0 when none is. */
export async function recordedEntryPort(paths: StatePaths): Promise<number> {
  try {
    const port = (JSON.parse(await fs.readFile(paths.entry, 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 && port !== 8080 ? port : 0;
  } catch {
    return 0;
  }
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
    if (owner > 0 && processRunning(owner) && (age < 30_000 || (await socketAnswers(socketPath)))) {
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
