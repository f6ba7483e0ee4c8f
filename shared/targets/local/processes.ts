import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promises as fs, openSync, closeSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Release } from '../../model/release.js';
import { escapeLogText } from '../../util/escape.js';
import { sleep } from '../../util/sleep.js';
import { childEnv } from '../../process/env.js';
import { stopGroup } from '../../process/signal.js';
import { fileSafeName, type StatePaths } from './paths.js';

/** How to run one version: what the registry keeps, so an old version can be started again. */
export interface VersionSpec {
  release: Release;
  startCommand: string;
  workingDirectory: string;
  environment: string;
  /** Directory the service reads its files from (unpacked artifact). */
  artifactDir?: string;
}

export interface RunningVersion {
  /** Unique per start (the same version can run twice, e.g. redeployed as canary). */
  id: number;
  spec: VersionSpec;
  pid: number;
  port: number;
  url: string;
  logFile: string;
  startedAt: string;
  alive: boolean;
  exit: { code: number | null; signal: string | null } | null;
  /** Set when bash itself could not be spawned. */
  spawnError?: string;
  child: ChildProcess;
  exited: Promise<void>;
}

export interface StartOptions {
  paths: StatePaths;
  readyTimeoutMs: number;
  /** Aborting stops the start (the process group is killed). */
  signal?: AbortSignal;
}

let nextId = 1;

/**
 * Where the service finds its files: a .tar.gz/.tgz is unpacked into releases/<version>/ (reused
 * when the recorded digest matches), a directory is used as is, a plain file gives its folder.
 */
export async function prepareArtifact(release: Release, paths: StatePaths, reuseDigest?: string): Promise<string | undefined> {
  const artifact = release.artifact;
  if (!artifact) return undefined;
  const abs = path.resolve(artifact);
  const dir = path.join(paths.releases, fileSafeName(release.version));
  let stat;
  try {
    stat = await fs.stat(abs);
  } catch {
    // The build's archive lived in its job's RUNNER_TEMP, gone once that job ended; the copy
    // unpacked here when the version first ran (its digest checked then) is the target's own.
    if (/\.(tar\.gz|tgz)$/i.test(abs) && (await exists(dir))) return dir;
    throw new Error(`The artifact of ${release.version} does not exist: ${abs} (it lived in the build job's RUNNER_TEMP, and this machine never unpacked it).`);
  }
  if (stat.isDirectory()) return abs;
  if (!/\.(tar\.gz|tgz)$/i.test(abs)) return path.dirname(abs);
  if (reuseDigest && release.digest && reuseDigest === release.digest && (await exists(dir))) return dir;
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await new Promise<void>((resolve, reject) => {
    // GNU tar drops leading "/" and "../" from member names, so nothing lands outside `dir`.
    execFile('tar', ['-xzf', abs, '-C', dir, '--no-same-owner'], { env: childEnv(process.env, { kind: 'tool' }), timeout: 120_000 }, (err, _out, stderr) => {
      if (err) reject(new Error(`Could not unpack the artifact of ${release.version} (${abs}): ${escapeLogText(String(stderr || err.message), 300)}`));
      else resolve();
    });
  });
  return dir;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** A free loopback port (never 8080, which is reserved on these runners). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 8080 && port > 0) return port;
  }
  throw new Error('Could not find a free loopback port.');
}

/** A service's own values; the rest of its environment is the `service` allow-list (see childEnv). */
function serviceVariables(spec: VersionSpec, port: number): Record<string, string> {
  return {
    PORT: String(port),
    SHIPGATE_VERSION: spec.release.version,
    SERVICE_VERSION: spec.release.version,
    SHIPGATE_ENVIRONMENT: spec.environment,
    SHIPGATE_ARTIFACT: spec.release.artifact ? path.resolve(spec.release.artifact) : '',
    SHIPGATE_ARTIFACT_DIR: spec.artifactDir ?? '',
    SHIPGATE_DIGEST: spec.release.digest ?? ''
  };
}

/**
 * Starts one version in its own process group and waits until it answers HTTP. On any failure
 * the group is killed before the error is thrown, so a failed start leaves nothing running.
 */
export async function startVersion(spec: VersionSpec, options: StartOptions): Promise<RunningVersion> {
  if (!spec.startCommand.trim()) {
    throw new Error(`No start command for ${spec.release.version}: set the input start-command (e.g. "node server.js"); the service gets its port in $PORT.`);
  }
  const port = await freePort();
  await fs.mkdir(options.paths.logs, { recursive: true, mode: 0o700 });
  const logFile = path.join(options.paths.logs, `${fileSafeName(spec.release.version)}.log`);
  const fd = openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn('bash', ['-c', spec.startCommand], {
      detached: true,
      cwd: spec.workingDirectory,
      env: childEnv(process.env, { kind: 'service', extra: serviceVariables(spec, port) }),
      stdio: ['ignore', fd, fd]
    });
  } finally {
    closeSync(fd);
  }
  const running: RunningVersion = {
    id: nextId++,
    spec,
    pid: child.pid ?? 0,
    port,
    url: `http://127.0.0.1:${port}`,
    logFile,
    startedAt: new Date().toISOString(),
    alive: true,
    exit: null,
    child,
    exited: Promise.resolve()
  };
  running.exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      running.alive = false;
      running.exit = { code, signal };
      resolve();
    });
    child.once('error', (err) => {
      running.alive = false;
      running.exit = { code: null, signal: null };
      running.spawnError = err.message;
      resolve();
    });
  });
  try {
    await waitReady(running, options);
    return running;
  } catch (err) {
    await stopVersion(running);
    throw err;
  }
}

async function waitReady(rv: RunningVersion, options: StartOptions): Promise<void> {
  const version = rv.spec.release.version;
  const deadline = Date.now() + options.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new Error(`The start of ${version} was cancelled.`);
    if (!rv.alive) {
      const how = rv.spawnError ? `could not be started (${escapeLogText(rv.spawnError, 200)})` : `exited ${describeExit(rv.exit)} before it became ready`;
      throw new Error(`Version ${version} ${how}.${await logTail(rv.logFile)}`);
    }
    const health = await probe(rv.port, '/healthz');
    // Any answer below 500 counts (a service without /healthz says 404): it listens and serves.
    if (health !== null && health < 500) return;
    // A /healthz that fails may be a catch-all route in trouble; an answer on `/` still shows life.
    if (health !== null) {
      const root = await probe(rv.port, '/');
      if (root !== null && root < 500) return;
    }
    await sleep(100, options.signal);
  }
  throw new Error(
    `The start command of ${version} did not answer on port ${rv.port} within ${formatSeconds(options.readyTimeoutMs)}; see ${rv.logFile}. (It must listen on 127.0.0.1:$PORT and answer GET /healthz or / below 500.)${await logTail(rv.logFile)}`
  );
}

export function describeExit(exit: RunningVersion['exit']): string {
  if (!exit) return 'for an unknown reason';
  return exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The last lines of a version's log, escaped (the service's output is untrusted). */
async function logTail(file: string): Promise<string> {
  try {
    const text = await fs.readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n').slice(-5).join('\n');
    return lines ? ` Last lines of ${file}: ${escapeLogText(lines, 600)}` : ` Its log (${file}) is empty.`;
  } catch {
    return '';
  }
}

function probe(port: number, urlPath: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
      res.on('error', () => resolve(res.statusCode ?? null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/**
 * Guards against a recycled pid before signalling a group this process did not start: the
 * process must carry the version in its environment. True when /proc cannot tell.
 */
export function isOurService(pid: number, version: string): boolean {
  let environ: string;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return true;
  }
  return environ.split('\0').includes(`SHIPGATE_VERSION=${version}`);
}

/**
 * Stops a version's whole process group (SIGTERM, then SIGKILL after the grace period), then
 * waits up to a second for its exit to be seen.
 */
export async function stopVersion(rv: RunningVersion, graceMs?: number): Promise<void> {
  await stopGroup(rv.pid, graceMs);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([rv.exited, new Promise<void>((r) => (timer = setTimeout(r, 1000)))]);
  clearTimeout(timer);
}
