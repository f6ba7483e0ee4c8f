import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/**
 * Layout of a local target's state dir (one per environment). The daemon owns it; action
 * processes only read daemon.json and talk to the socket.
 */
export interface StatePaths {
  root: string;
  /** Control API (HTTP/JSON over a Unix socket). */
  socket: string;
  /** Written by the daemon once it listens: pid, ports, socket path. */
  daemonInfo: string;
  /** Holds the daemon's pid while it runs: one daemon per state dir. */
  lock: string;
  daemonLog: string;
  /** Every version the daemon ever ran (start command, artifact), so rollback can restart one. */
  registry: string;
  /** Who holds which role now, so a restarted daemon knows what ran. */
  roles: string;
  /**
   * The entry port the proxy last listened on: a restarted daemon (after a crash, or proxy-port 0)
   * listens there again, so customers' traffic keeps its address. Kept across stops.
   */
  entry: string;
  logs: string;
  releases: string;
}

/**
 * The local target's state dir for one environment, under the actions' state-dir
 * (`<stateRoot>/local/<environment>`): the one place that says where it is.
 */
export function localStateDir(stateRoot: string, environment: string): string {
  return path.join(stateRoot, 'local', environment);
}

/** Unix socket paths are limited to about 107 bytes; leave room. */
const MAX_SOCKET_PATH = 100;

export function statePaths(stateDir: string): StatePaths {
  const root = path.resolve(stateDir);
  return {
    root,
    socket: socketPathFor(root),
    daemonInfo: path.join(root, 'daemon.json'),
    lock: path.join(root, 'daemon.lock'),
    daemonLog: path.join(root, 'daemon.log'),
    registry: path.join(root, 'versions.json'),
    roles: path.join(root, 'roles.json'),
    entry: path.join(root, 'entry.json'),
    logs: path.join(root, 'logs'),
    releases: path.join(root, 'releases')
  };
}

/**
 * `<stateDir>/control.sock` when it fits; else a short dir under the temp dir derived from the
 * state dir, so every process computes the same path without reading anything first.
 */
export function socketPathFor(stateDir: string): string {
  const root = path.resolve(stateDir);
  const direct = path.join(root, 'control.sock');
  if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH) return direct;
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 16);
  let base = os.tmpdir();
  if (Buffer.byteLength(path.join(base, `sg-${hash}`, 'control.sock')) > MAX_SOCKET_PATH) base = '/tmp';
  return path.join(base, `sg-${hash}`, 'control.sock');
}

/** A version name as a single, harmless path segment (logs/<v>.log, releases/<v>/). */
export function fileSafeName(version: string): string {
  const cleaned = version.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 100);
  return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}
