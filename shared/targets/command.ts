import { mkdirSync, promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Release } from '../model/release.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../ports/deploy-target.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { TrafficRouter } from '../ports/traffic-router.js';
import { ShiftCommandRouter } from '../routers/command.js';
import type { Logger } from '../util/log.js';
import { formatDuration } from '../util/duration.js';
import { escapeLogText } from '../util/escape.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { runBash } from '../process/bash.js';
import { childEnv } from '../process/env.js';
import { groupAlive, processAlive } from '../process/alive.js';
import { stopGroup } from '../process/signal.js';

export interface CommandTargetOptions {
  /** Trusted command text (action inputs). Values reach them only as SHIPGATE_* variables. */
  deployCommand: string;
  shiftCommand?: string;
  promoteCommand?: string;
  rollbackCommand: string;
  cwd?: string;
  /** Per command; default 10 minutes. On expiry the whole process group is stopped. */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL on a timeout or cancellation; default 5 s. */
  killGraceMs?: number;
  logger: Logger;
  /** JSON file remembering stable/canary/weight across processes (commands report no status). */
  statePath: string;
  /** Base environment of the commands; default process.env (filtered as for a `run:` step, see childEnv). */
  env?: NodeJS.ProcessEnv;
  /**
   * Who splits traffic (nginx, HAProxy); default: the shift-command. With a router of its own the
   * promotion redeploys the stable server (promote-command) and moves traffic back to it.
   */
  router?: TrafficRouter;
}

interface CommandState {
  schema: 'shipgate/command-target@1';
  stable: Release | null;
  canary: Release | null;
  weight: number;
  updatedAt: string;
}

type CommandInput = 'deploy-command' | 'shift-command' | 'promote-command' | 'rollback-command';

/**
 * The command running now, kept beside the state file (in this job's RUNNER_TEMP): when the step
 * is killed outright, its command lives on in its own process group, and the post step stops it
 * before restoring stable (else a deploy finishing late would start the canary again).
 */
interface RunningCommand {
  pgid: number;
  /** The Shipgate process that started it. */
  owner: number;
  input: CommandInput;
  startedAt: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * A target driven by the user's own shell commands. Each runs as `bash -e -o pipefail -c <command>`
 * in its own process group, with the values of the step given only through environment variables.
 */
export class CommandTarget implements DeployTarget {
  readonly name = 'command';
  readonly router: TrafficRouter;

  constructor(private readonly options: CommandTargetOptions) {
    // A restore (auto-rollback, abort) needs only the rollback command; a deploy checks its own.
    if (!options.rollbackCommand.trim()) throw new Error('The command target needs a rollback-command.');
    this.router =
      options.router ??
      new ShiftCommandRouter(options.shiftCommand, (input, command, context) => this.run(input, command, context, context.signal), options.logger);
  }

  /** A router that is not the shift-command: nginx or HAProxy split traffic between two fixed servers. */
  private get serverRouter(): boolean {
    return this.router.name !== 'command';
  }

  async preflight(): Promise<void> {
    await this.router.preflight?.();
  }

  requestCounter(): SignalSource | null {
    return this.router.requestCounter?.() ?? null;
  }

  async deployCanary(release: Release, context: DeployContext): Promise<void> {
    if (!this.options.deployCommand.trim()) throw new Error('The command target needs a deploy-command to start a canary.');
    const state = await this.readState();
    // Recorded before the command runs: a half-done deploy still has to be rolled back.
    await this.writeState({ ...state, canary: release, weight: 0 });
    await this.run(
      'deploy-command',
      this.options.deployCommand,
      {
        ...context,
        version: release.version,
        weight: 0,
        artifact: release.artifact ?? context.artifact,
        digest: release.digest ?? context.digest
      },
      context.signal
    );
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    await this.router.setWeight(percent, context);
    const state = await this.readState();
    await this.writeState({ ...state, weight: percent });
  }

  /**
   * With nginx or HAProxy the two servers keep their roles (the README's promotion model): the
   * canary server carries 100 % while the promote-command redeploys the stable server with the
   * new version; then traffic goes back to the stable server and the canary server leaves
   * rotation, so no request reaches a retired server.
   */
  async promote(context: DeployContext): Promise<void> {
    if (this.serverRouter) {
      if (!this.options.promoteCommand?.trim()) throw new Error(`The promote-command is needed to promote with traffic: ${this.router.name}.`);
      if ((await this.router.currentWeight?.()) !== 100) await this.router.setWeight(100, { ...context, weight: 100 });
      await this.run('promote-command', this.options.promoteCommand, { ...context, weight: 100 }, context.signal);
      await this.router.reset({ ...context, weight: 0, signal: undefined });
    } else if (this.options.promoteCommand?.trim()) {
      await this.run('promote-command', this.options.promoteCommand, { ...context, weight: 100 }, context.signal);
    } else {
      this.options.logger.debug('No promote-command is set: the promotion is only recorded.');
    }
    const state = await this.readState();
    const promoted = state.canary ?? { version: context.version, artifact: context.artifact, digest: context.digest };
    await this.writeState({ ...state, stable: promoted, canary: null, weight: 0 });
  }

  /**
   * Runs even after cancellation (the context's signal is ignored), so traffic never stays on a
   * canary. SHIPGATE_PREVIOUS_VERSION, SHIPGATE_ARTIFACT and SHIPGATE_DIGEST describe the
   * version being restored; SHIPGATE_VERSION is the canary being removed.
   */
  async rollback(toRelease: Release | null, context: DeployContext): Promise<void> {
    // Traffic first: the router takes the canary out of rotation at once (the rollback-command may
    // take minutes), and a router that fails does not stop the rollback-command from running.
    let routerError: Error | null = null;
    if (this.serverRouter) {
      try {
        await this.router.reset({ ...context, weight: 0, signal: undefined });
        context.onTrafficRestored?.();
      } catch (err) {
        routerError = err instanceof Error ? err : new Error(String(err));
        this.options.logger.warning(`${this.router.name} could not take the canary out of rotation: ${escapeLogText((err as Error).message)}`);
      }
    }
    await this.run(
      'rollback-command',
      this.options.rollbackCommand,
      {
        ...context,
        previousVersion: toRelease?.version ?? context.previousVersion,
        weight: 0,
        artifact: toRelease ? toRelease.artifact : context.artifact,
        digest: toRelease ? toRelease.digest : context.digest
      },
      undefined
    );
    if (routerError) throw routerError;
    const state = await this.readState();
    await this.writeState({ ...state, stable: toRelease, canary: null, weight: 0 });
  }

  async status(): Promise<TargetStatus> {
    const s = await this.readState();
    return { stable: s.stable, canary: s.canary, weight: s.canary ? s.weight : 0 };
  }

  private async run(input: CommandInput, command: string, context: DeployContext, signal: AbortSignal | undefined): Promise<void> {
    const at = input === 'shift-command' ? ` at weight ${context.weight} %` : '';
    if (signal?.aborted) throw new Error(`The ${input} was not run${at}: the job was cancelled.`);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    await this.stopLeftover();
    const running = `${this.options.statePath}.running`;
    mkdirSync(path.dirname(running), { recursive: true });
    this.options.logger.info(`Running the ${input} (${escapeLogText(context.environment)}, version ${escapeLogText(context.version)}${at}).`);
    const r = await runBash({
      command,
      cwd: this.options.cwd,
      env: childEnv(this.options.env ?? process.env, { kind: 'step', extra: shipgateVariables(context) }),
      logger: this.options.logger,
      signal,
      timeoutMs,
      killGraceMs: this.options.killGraceMs ?? 5000,
      linePrefix: `[${input}] `,
      // Written synchronously, so it is on disk before anything can kill this process.
      onStart: (pgid) =>
        writeFileSync(running, JSON.stringify({ pgid, owner: process.pid, input, startedAt: new Date().toISOString() } satisfies RunningCommand))
    });
    await fs.rm(running, { force: true });
    if (r.timedOut) throw new Error(`The ${input} did not finish within ${formatLimit(timeoutMs)}${at} and was stopped.`);
    if (r.aborted) throw new Error(`The ${input} was cancelled${at}.`);
    if (r.exitCode === null) throw new Error(`The ${input} was killed by ${r.exitSignal ?? 'a signal'}${at}.`);
    if (r.exitCode !== 0) throw new Error(`The ${input} exited with code ${r.exitCode}${at}.`);
    this.options.logger.debug(`The ${input} finished in ${formatDuration(r.durationMs)}.`);
  }

  /** Stops a command left running by a Shipgate process that is gone (a step killed outright). */
  private async stopLeftover(): Promise<void> {
    const file = `${this.options.statePath}.running`;
    let left: RunningCommand;
    try {
      left = JSON.parse(await fs.readFile(file, 'utf8')) as RunningCommand;
    } catch {
      return;
    }
    if (Number.isInteger(left.pgid) && Number.isInteger(left.owner) && left.owner !== process.pid && !processAlive(left.owner) && groupAlive(left.pgid)) {
      this.options.logger.warning(
        `The ${escapeLogText(String(left.input))} started at ${escapeLogText(String(left.startedAt))} by a step that was stopped is still running (process group ${left.pgid}): stopping it first.`
      );
      await stopGroup(left.pgid, this.options.killGraceMs ?? 5000);
    }
    await fs.rm(file, { force: true });
  }

  private async readState(): Promise<CommandState> {
    let text: string;
    try {
      text = await fs.readFile(this.options.statePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw new Error(`The command target's state file ${this.options.statePath} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, {
        cause: err
      });
    }
    let data: Partial<CommandState>;
    try {
      data = JSON.parse(text) as Partial<CommandState>;
    } catch {
      throw new Error(`The command target's state file ${this.options.statePath} is not valid JSON: fix or delete it.`);
    }
    if (data?.schema !== 'shipgate/command-target@1' || typeof data.weight !== 'number' || !isReleaseOrNull(data.stable) || !isReleaseOrNull(data.canary)) {
      throw new Error(`The command target's state file ${this.options.statePath} is malformed: fix or delete it.`);
    }
    return data as CommandState;
  }

  private async writeState(state: CommandState): Promise<void> {
    await writeFileAtomic(this.options.statePath, `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  }
}

/** A limit as the user wrote it (`10m`, `90s`), not as a measured duration (`10 min 0 s`). */
function formatLimit(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms} ms`;
}

function emptyState(): CommandState {
  return { schema: 'shipgate/command-target@1', stable: null, canary: null, weight: 0, updatedAt: new Date(0).toISOString() };
}

function isReleaseOrNull(v: unknown): boolean {
  return v === null || (typeof v === 'object' && v !== null && typeof (v as Release).version === 'string');
}

/**
 * The values of one call, as the commands get them (empty when unknown, so a stale outer value
 * never leaks in). They are added to the step's environment (childEnv kind `step`).
 */
export function shipgateVariables(context: DeployContext): Record<string, string> {
  return {
    SHIPGATE_ENVIRONMENT: context.environment,
    SHIPGATE_VERSION: context.version,
    SHIPGATE_PREVIOUS_VERSION: context.previousVersion ?? '',
    SHIPGATE_WEIGHT: String(context.weight),
    SHIPGATE_DEPLOYMENT_ID: context.deploymentId,
    SHIPGATE_ARTIFACT: context.artifact ?? '',
    SHIPGATE_DIGEST: context.digest ?? ''
  };
}
