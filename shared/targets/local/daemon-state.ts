import { promises as fs } from 'node:fs';
import type { Release } from '../../model/release.js';
import type { Side } from '../../model/sample.js';
import type { Logger } from '../../util/log.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { groupRunning, stopRunningGroup } from './liveness.js';
import type { StatePaths } from './paths.js';
import { describeExit, isOurService, prepareArtifact, startVersion, stopVersion, type RunningVersion, type VersionSpec } from './processes.js';
import { RequestError, type DaemonStatus, type DeployRequest, type RegistryEntry, type RollbackRequest, type VersionView } from './protocol.js';
import type { Routing } from './proxy.js';

/** The state's part of a DaemonStatus (the control server adds the pid, ports and cursor). */
export type RolesView = Pick<DaemonStatus, 'stable' | 'canary' | 'weight' | 'known'>;

/** <stateDir>/roles.json: who held which role, so a restarted daemon knows what ran. */
interface RolesFile {
  stable: { version: string; pid: number; port: number } | null;
  canary: { version: string; pid: number; port: number } | null;
  weight: number;
}

const DEFAULT_READY_MS = 15_000;
/** How long a shutdown waits for the mutation in progress before it stops what that started. */
const SHUTDOWN_WAIT_MS = 20_000;

/**
 * What the local target's daemon holds: which running version has which role, the canary
 * weight, the registry of every version it ever ran, and their files (roles.json,
 * versions.json). The proxy reads the roles and the weight (Routing); the control server calls
 * the mutations, which run one at a time: two action processes must not interleave a deploy and
 * a promote. Each mutation answers with the view taken when it finished.
 */
export class DaemonState implements Routing {
  private readonly roles: Record<Side, RunningVersion | null> = { stable: null, canary: null };
  private canaryWeight = 0;
  /** The start in progress, aborted by a rollback or a shutdown. */
  private pendingStart: AbortController | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  private constructor(
    private readonly paths: StatePaths,
    private readonly registry: Map<string, RegistryEntry>,
    private readonly log: Logger
  ) {}

  static async load(paths: StatePaths, log: Logger): Promise<DaemonState> {
    return new DaemonState(paths, await readRegistry(paths), log);
  }

  holder(side: Side): RunningVersion | null {
    return this.roles[side];
  }

  weight(): number {
    return this.canaryWeight;
  }

  view(): RolesView {
    return {
      stable: viewOf(this.roles.stable),
      canary: viewOf(this.roles.canary),
      weight: this.roles.canary ? this.canaryWeight : 0,
      known: [...this.registry.keys()]
    };
  }

  deploy(req: DeployRequest): Promise<RolesView> {
    return this.serial(async () => {
      const version = req.release?.version;
      if (!version) throw new RequestError('A deploy needs a release with a version.', 400);
      const old = this.roles.canary;
      if (old) {
        // A new canary replaces an unfinished one; traffic goes back to stable first.
        this.roles.canary = null;
        this.canaryWeight = 0;
        await this.persist();
        await this.retire(old);
      }
      const rv = await this.launch(
        { release: req.release, startCommand: req.startCommand, workingDirectory: req.workingDirectory, environment: req.environment },
        req.readyTimeoutMs
      );
      if (this.stopping) {
        await this.retire(rv);
        throw shuttingDown();
      }
      this.roles.canary = rv;
      this.canaryWeight = 0;
      await this.persist();
      return this.view();
    });
  }

  setWeight(percent: number): Promise<RolesView> {
    return this.serial(async () => {
      if (!Number.isFinite(percent) || percent < 0 || percent > 100)
        throw new RequestError(`The weight must be a number from 0 to 100, not ${JSON.stringify(percent)}.`, 400);
      if (!this.roles.canary) throw new RequestError('There is no canary to shift traffic to: deploy one first.');
      this.canaryWeight = percent;
      await this.persist();
      this.log.info(`canary ${this.roles.canary.spec.release.version} at ${percent} %`);
      return this.view();
    });
  }

  promote(): Promise<RolesView> {
    return this.serial(async () => {
      const canary = this.roles.canary;
      if (!canary) {
        if (this.roles.stable) return this.view();
        throw new RequestError('There is no canary to promote: deploy one first.');
      }
      if (!canary.alive) {
        throw new RequestError(`The canary ${canary.spec.release.version} cannot be promoted: it is not running (it exited ${describeExit(canary.exit)}).`);
      }
      const old = this.roles.stable;
      this.roles.stable = canary;
      this.roles.canary = null;
      this.canaryWeight = 0;
      await this.persist();
      this.log.info(`promoted ${canary.spec.release.version}${old ? `, retiring ${old.spec.release.version}` : ''}`);
      await this.retire(old);
      return this.view();
    });
  }

  rollback(req: RollbackRequest): Promise<RolesView> {
    // A deploy still waiting for readiness must not hold the rollback up for its whole timeout.
    this.pendingStart?.abort();
    return this.serial(async () => {
      const target = req.release?.version ?? null;
      const { stable, canary } = this.roles;
      if (target === null || (stable && stable.spec.release.version === target && stable.alive)) {
        this.roles.canary = null;
        this.canaryWeight = 0;
        await this.persist();
        if (canary) this.log.info(`rolled back: canary ${canary.spec.release.version} retired${stable ? `, ${stable.spec.release.version} at 100 %` : ''}`);
        await this.retire(canary);
        return this.view();
      }
      if (canary && canary.spec.release.version === target && canary.alive) {
        this.roles.stable = canary;
        this.roles.canary = null;
        this.canaryWeight = 0;
        await this.persist();
        await this.retire(stable);
        return this.view();
      }
      const known = this.registry.get(target);
      const startCommand = known?.startCommand || req.startCommand || '';
      if (!startCommand) {
        throw new RequestError(`Cannot roll back to ${target}: this local target never ran it and no start command was given.`);
      }
      const release: Release = { ...known?.release, ...definedOnly(req.release as Release), version: target };
      const rv = await this.launch(
        {
          release,
          startCommand,
          workingDirectory: known?.workingDirectory || req.workingDirectory || this.paths.root,
          environment: req.environment || known?.environment || ''
        },
        req.readyTimeoutMs
      );
      this.roles.stable = rv;
      this.roles.canary = null;
      this.canaryWeight = 0;
      await this.persist();
      this.log.info(`rolled back to ${target} (started again, pid ${rv.pid})`);
      await this.retire(stable, canary);
      return this.view();
    });
  }

  /**
   * After a crash (SIGKILL, OOM) the old daemon's versions may still run, unsupervised: stop
   * them, then start again whatever held a role (stable, and an unfinished canary at its weight),
   * so the entry serves what it served and a rollout in progress or paused finds its canary.
   */
  restore(): Promise<void> {
    return this.serial(async () => {
      const last = await readRoles(this.paths);
      if (!last || (!last.stable && !last.canary)) return;
      for (const role of [last.stable, last.canary]) {
        if (role && groupRunning(role.pid) && isOurService(role.pid, role.version)) {
          this.log.warning(`stopping ${role.version} (pid ${role.pid}), left running by an earlier daemon`);
          await stopRunningGroup(role.pid);
        }
      }
      this.roles.stable = await this.relaunch('stable', last.stable);
      this.roles.canary = await this.relaunch('canary', last.canary);
      this.canaryWeight = this.roles.canary ? Math.max(0, Math.min(100, Number(last.weight) || 0)) : 0;
      if (this.roles.canary) this.log.info(`restored canary ${this.roles.canary.spec.release.version} at ${this.canaryWeight} %`);
      await this.persist();
    });
  }

  /** Starts a version that held `role` before a restart again; null (logged) when it cannot. */
  private async relaunch(role: Side, held: RolesFile['stable']): Promise<RunningVersion | null> {
    if (!held) return null;
    const known = this.registry.get(held.version);
    if (!known) {
      this.log.warning(`cannot restore ${role} ${held.version}: it is not in the registry`);
      return null;
    }
    try {
      const rv = await this.launch(known, DEFAULT_READY_MS);
      this.log.info(`restored ${role} ${known.release.version} after a restart`);
      return rv;
    } catch (err) {
      this.log.warning(`could not restore ${role} ${known.release.version}: ${(err as Error).message}`);
      return null;
    }
  }

  /**
   * Stops every version. It does not wait behind a queued mutation: it stops what runs now,
   * waits (up to 20 s) for the mutation in progress, then stops whatever that started. Mutations
   * after it start nothing.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.pendingStart?.abort();
    const running = [this.roles.stable, this.roles.canary];
    this.roles.stable = null;
    this.roles.canary = null;
    await this.retire(...running);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise((r) => (timer = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
    await this.retire(this.roles.stable, this.roles.canary);
    this.roles.stable = null;
    this.roles.canary = null;
  }

  /** Writes roles.json (who holds which role, and the weight). */
  async persist(): Promise<void> {
    const view = (rv: RunningVersion | null) => (rv ? { version: rv.spec.release.version, pid: rv.pid, port: rv.port } : null);
    const file: RolesFile = { stable: view(this.roles.stable), canary: view(this.roles.canary), weight: this.canaryWeight };
    await writePrivateJson(this.paths.roles, file);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private async launch(spec: Omit<VersionSpec, 'artifactDir'>, readyTimeoutMs: number): Promise<RunningVersion> {
    if (this.stopping) throw shuttingDown();
    const controller = new AbortController();
    this.pendingStart = controller;
    try {
      const known = this.registry.get(spec.release.version);
      const artifactDir = await prepareArtifact(spec.release, this.paths, known?.release.digest);
      const rv = await startVersion({ ...spec, artifactDir }, { paths: this.paths, readyTimeoutMs, signal: controller.signal });
      this.watch(rv);
      await this.remember(rv);
      this.log.info(`started ${spec.release.version} (pid ${rv.pid}) on ${rv.url}`);
      return rv;
    } finally {
      if (this.pendingStart === controller) this.pendingStart = null;
    }
  }

  private async retire(...list: (RunningVersion | null)[]): Promise<void> {
    await Promise.all(
      list
        .filter((rv): rv is RunningVersion => rv !== null)
        .map(async (rv) => {
          await stopVersion(rv);
          this.log.info(`stopped ${rv.spec.release.version} (pid ${rv.pid})`);
        })
    );
  }

  private watch(rv: RunningVersion): void {
    void rv.exited.then(() => {
      const role = (Object.keys(this.roles) as Side[]).find((s) => this.roles[s] === rv);
      if (role && !this.stopping)
        this.log.warning(`${role} ${rv.spec.release.version} (pid ${rv.pid}) exited ${describeExit(rv.exit)}; its traffic now gets 502.`);
    });
  }

  /** Records how to start the version again (versions.json). */
  private async remember(rv: RunningVersion): Promise<void> {
    const entry: RegistryEntry = {
      release: rv.spec.release,
      startCommand: rv.spec.startCommand,
      workingDirectory: rv.spec.workingDirectory,
      environment: rv.spec.environment,
      artifactDir: rv.spec.artifactDir,
      lastStartedAt: rv.startedAt
    };
    this.registry.delete(rv.spec.release.version);
    this.registry.set(rv.spec.release.version, entry);
    await writePrivateJson(this.paths.registry, { versions: [...this.registry.values()] });
  }
}

/**
 * Daemon state files hold ports and pids: owner-only and never half-written. Not fsynced: they
 * are rewritten on every traffic shift and only guide recovery after the daemon dies.
 */
export function writePrivateJson(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600, durable: false });
}

function shuttingDown(): RequestError {
  return new RequestError('The local target is shutting down.', 503);
}

function viewOf(rv: RunningVersion | null): VersionView | null {
  if (!rv) return null;
  return { release: rv.spec.release, pid: rv.pid, port: rv.port, url: rv.url, alive: rv.alive, exit: rv.exit, startedAt: rv.startedAt, logFile: rv.logFile };
}

function definedOnly<T extends object>(value: T | null | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

async function readRoles(paths: StatePaths): Promise<RolesFile | null> {
  try {
    return JSON.parse(await fs.readFile(paths.roles, 'utf8')) as RolesFile;
  } catch {
    return null;
  }
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
