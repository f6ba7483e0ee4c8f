import type { Release } from '../../model/release.js';
import type { OutcomeRecord, ProxyPorts } from './proxy.js';

/** The control API's messages (HTTP/JSON over the daemon's Unix socket). */

/** An error the control API answers with a 4xx or 503 (the caller's mistake, or a daemon going away), not a 500. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status = 409
  ) {
    super(message);
  }
}

/** The entry port is taken by another process. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(readonly port: number) {
    super(
      `proxy-port ${port} is already in use on 127.0.0.1 (another process listens there): stop that process, choose another proxy-port, or 0 for a free one.`
    );
  }
}

export interface VersionView {
  release: Release;
  pid: number;
  port: number;
  url: string;
  alive: boolean;
  /** How it ended, when it is not alive. */
  exit: { code: number | null; signal: string | null } | null;
  startedAt: string;
  logFile: string;
}

export interface DaemonStatus {
  pid: number;
  startedAt: string;
  stable: VersionView | null;
  canary: VersionView | null;
  weight: number;
  ports: ProxyPorts;
  /** Cursor of the newest outcome record. */
  lastSeq: number;
  /** Every version this state dir ever ran, newest start last. */
  known: string[];
}

/** Written to <stateDir>/daemon.json once the daemon listens. */
export interface DaemonInfo {
  pid: number;
  socket: string;
  /** Same as `socket` (older readers). */
  socketPath: string;
  proxyPort: number;
  ports: ProxyPorts;
  /** http://127.0.0.1:<port>/ of the entry and of each role's side port. */
  urls: { entry: string; stable: string; canary: string };
  startedAt: string;
}

export interface DeployRequest {
  release: Release;
  startCommand: string;
  workingDirectory: string;
  environment: string;
  readyTimeoutMs: number;
  deploymentId?: string;
}

export interface RollbackRequest {
  release: Release | null;
  /** Used only when the daemon never ran `release` before. */
  startCommand?: string;
  workingDirectory?: string;
  environment: string;
  readyTimeoutMs: number;
}

export interface SamplesResponse {
  records: OutcomeRecord[];
  /** Pass as `after` next time. */
  last: number;
  more: boolean;
  /** The daemon that answered: another pid than before means it was restarted and its counts began again. */
  pid?: number;
}

/** One line of <stateDir>/versions.json: enough to start the version again. */
export interface RegistryEntry {
  release: Release;
  startCommand: string;
  workingDirectory: string;
  environment: string;
  artifactDir?: string;
  lastStartedAt: string;
}
