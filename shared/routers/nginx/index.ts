import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { DeployContext } from '../../ports/deploy-target.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import type { SignalSource } from '../../ports/signal-source.js';
import type { Logger } from '../../util/log.js';
import { escapeLogText } from '../../util/escape.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { runBash, type BashRunResult } from '../../process/bash.js';
import { childEnv } from '../../process/env.js';
import { sleep } from '../../util/sleep.js';
import { NginxAccessLogSource, lookupAll } from '../../signals/nginx-access-log.js';
import { checkWeight, describeSplit, parseHostPort, parseWeight, renderUpstream, validUpstreamName } from './render.js';

export interface NginxRouterOptions {
  /** Absolute path of the file Shipgate owns (`nginx-conf`); the user's nginx config includes it. */
  confPath: string;
  /** The upstream's name (`nginx-upstream`); default `shipgate`. */
  upstream?: string;
  /** `host:port` (`stable-server`). */
  stableServer: string;
  /** `host:port` (`canary-server`). */
  canaryServer: string;
  /** Trusted command text (`nginx-test-command`); default `nginx -t`. */
  testCommand?: string;
  /** Trusted command text (`nginx-reload-command`); default `nginx -s reload`. */
  reloadCommand?: string;
  /** Absolute path of nginx's JSON access log (`nginx-access-log`): its lines become samples. */
  accessLog?: string;
  cwd?: string;
  /** Base environment of the commands (filtered as for a `run:` step, see childEnv). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Per command; default 60 s. On expiry the command's process group is stopped. */
  timeoutMs?: number;
  /** How long to wait after a reload before the new weights count as applied; default RELOAD_SETTLE_MS. */
  settleMs?: number;
}

type CommandInput = 'nginx-test-command' | 'nginx-reload-command';

interface CommandOutcome {
  result: BashRunResult;
  /** The first lines the command printed (stdout and stderr, as runBash streams them). */
  lines: string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Lines of command output kept for the error sentence and the warning that follows a failure. */
const KEPT_LINES = 20;
/** Reload instants kept (a rollout has a handful of steps; a long-lived router must not grow without bound). */
const KEPT_RELOADS = 1000;

/**
 * Traffic split by nginx: Shipgate rewrites one file holding an `upstream` block (never the user's
 * own config), checks it with the test command and applies it with the reload command. nginx has
 * no dynamic upstream API in its open-source build, so every weight change is one reload.
 */
/** nginx's master waits 100 ms before the old workers stop taking requests; a margin on top. */
export const RELOAD_SETTLE_MS = 150;

export class NginxRouter implements TrafficRouter {
  readonly name = 'nginx';
  private readonly upstream: string;
  private readonly testCommand: string;
  private readonly reloadCommand: string;
  private readonly reloadTimes: number[] = [];
  /** Content this instance wrote, tested and reloaded last: only then may an identical rewrite be skipped. */
  private applied: string | null = null;
  /** Weight changes run one at a time: two renames racing would leave nginx and the file disagreeing. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NginxRouterOptions) {
    this.upstream = options.upstream?.trim() || 'shipgate';
    this.testCommand = options.testCommand?.trim() || 'nginx -t';
    this.reloadCommand = options.reloadCommand?.trim() || 'nginx -s reload';
  }

  async preflight(): Promise<void> {
    const { confPath, accessLog } = this.options;
    if (!path.isAbsolute(confPath)) throw new Error(`Input "nginx-conf" has value "${confPath}": it must be an absolute path.`);
    const dir = path.dirname(confPath);
    if (!(await isDirectory(dir))) throw new Error(`Input "nginx-conf" has value "${confPath}": its directory ${dir} does not exist.`);
    try {
      await fs.access(dir, constants.W_OK);
    } catch {
      throw new Error(
        `Input "nginx-conf" has value "${confPath}": its directory ${dir} is not writable, and Shipgate rewrites the file by renaming a new one into place.`
      );
    }
    if (await isDirectory(confPath)) throw new Error(`Input "nginx-conf" has value "${confPath}": it is a directory, not a file.`);
    if (!validUpstreamName(this.upstream)) {
      throw new Error(`Input "nginx-upstream" has value "${this.upstream}": use letters, digits, '_', '-' and '.' only.`);
    }
    for (const [input, value] of [
      ['stable-server', this.options.stableServer],
      ['canary-server', this.options.canaryServer]
    ] as const) {
      if (!parseHostPort(value)) throw new Error(`Input "${input}" has value "${value}": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.`);
    }
    if (this.options.stableServer.trim().toLowerCase() === this.options.canaryServer.trim().toLowerCase()) {
      throw new Error(`Input "canary-server" has value "${this.options.canaryServer}": it must differ from stable-server, or the split means nothing.`);
    }
    if (accessLog !== undefined && accessLog !== '') {
      if (!path.isAbsolute(accessLog)) throw new Error(`Input "nginx-access-log" has value "${accessLog}": it must be an absolute path.`);
      if (!(await isDirectory(path.dirname(accessLog)))) {
        throw new Error(`Input "nginx-access-log" has value "${accessLog}": its directory ${path.dirname(accessLog)} does not exist.`);
      }
    }
    await this.warnAboutSeveralAddresses();
  }

  setWeight(percent: number, context: DeployContext): Promise<void> {
    return this.serialised(async () => {
      checkWeight(percent);
      if (context.signal?.aborted) throw new Error(`nginx: the canary weight was not changed to ${percent} %: the job was cancelled.`);
      await this.apply(percent, context.signal, false);
    });
  }

  /** Stable gets every request, the canary is `down`. Ignores cancellation: a rollback must finish. */
  reset(_context: DeployContext): Promise<void> {
    return this.serialised(() => this.apply(0, undefined, true));
  }

  async currentWeight(): Promise<number | null> {
    try {
      return parseWeight(await fs.readFile(this.options.confPath, 'utf8'));
    } catch {
      return null;
    }
  }

  /** Epoch ms at which each reload command was started (a failed change's restoring reload too). */
  reloads(): readonly number[] {
    return this.reloadTimes;
  }

  requestCounter(): SignalSource | null {
    if (!this.options.accessLog) return null;
    return new NginxAccessLogSource({
      path: this.options.accessLog,
      stableServer: this.options.stableServer,
      canaryServer: this.options.canaryServer,
      reloads: () => this.reloads(),
      logger: this.options.logger
    });
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(percent: number, signal: AbortSignal | undefined, skipIfApplied: boolean): Promise<void> {
    const file = this.options.confPath;
    const text = renderUpstream({ upstream: this.upstream, stableServer: this.options.stableServer, canaryServer: this.options.canaryServer, weight: percent });
    const { text: previous, mode } = await this.readPrevious();
    // Skipped only when this instance itself applied the same content: a file written by a process
    // that died before its reload says nothing about what nginx runs, so another run reloads anyway.
    if (skipIfApplied && previous === text && this.applied === text) {
      this.options.logger.info(`nginx: ${describeSplit(percent)} already applied; nothing to reload.`);
      return;
    }
    const started = Date.now();
    const appliedBefore = this.applied;
    this.applied = null;
    // Keeps the file's mode: nginx (or a group it runs as) must read it as before.
    await writeFileAtomic(file, text, { durable: false, mode });

    const test = await this.run('nginx-test-command', this.testCommand, percent, signal);
    if (!succeeded(test.result)) {
      await this.putBack(previous, mode);
      // nginx was not reloaded: it still runs what it ran.
      this.applied = appliedBefore;
      this.warnOutput('nginx-test-command', test.lines);
      if (test.result.aborted) {
        throw new Error(
          `nginx-test-command was stopped for ${file} at weight ${percent} %: the job was cancelled; ${putBackText(previous)}, and nginx was not reloaded.`
        );
      }
      throw new Error(
        `nginx-test-command failed for ${file} at weight ${percent} % (${outcome(test.result, this.timeoutMs)}): ${firstProblem(test.lines)}; ${putBackText(previous)}, and nginx was not reloaded.`
      );
    }

    // The reload is not cancelled: the new file passed its test, and stopping a reload half-way
    // would leave the file and what nginx runs disagreeing.
    const reload = await this.run('nginx-reload-command', this.reloadCommand, percent, undefined);
    if (!succeeded(reload.result)) {
      await this.putBack(previous, mode);
      this.warnOutput('nginx-reload-command', reload.lines);
      const again = await this.run('nginx-reload-command', this.reloadCommand, previous === null ? null : parseWeight(previous), undefined);
      const after = succeeded(again.result)
        ? 'nginx was reloaded again'
        : `reloading it failed too (${outcome(again.result, this.timeoutMs)}: ${firstProblem(again.lines)})`;
      throw new Error(
        `nginx-reload-command failed for ${file} at weight ${percent} % (${outcome(reload.result, this.timeoutMs)}): ${firstProblem(reload.lines)}; ${putBackText(previous)} and ${after}.`
      );
    }
    // nginx's master starts the new workers, then waits 100 ms before telling the old ones to stop
    // taking requests (ngx_process_cycle.c): until then the old weights still apply. Only after that
    // may a rollback-command stop the canary, or the rollback be timed as done.
    await sleep(this.options.settleMs ?? RELOAD_SETTLE_MS);
    this.applied = text;
    this.options.logger.info(`nginx: ${describeSplit(percent)} — tested and reloaded in ${Date.now() - started} ms.`);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The file's content and mode before a change; text null when there was none. */
  private async readPrevious(): Promise<{ text: string | null; mode?: number }> {
    try {
      const mode = (await fs.stat(this.options.confPath)).mode & 0o777;
      return { text: await fs.readFile(this.options.confPath, 'utf8'), mode };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { text: null };
      throw new Error(`Input "nginx-conf" has value "${this.options.confPath}": the file could not be read (${code ?? 'error'}).`, { cause: err });
    }
  }

  private async putBack(previous: string | null, mode: number | undefined): Promise<void> {
    if (previous === null) await fs.rm(this.options.confPath, { force: true });
    else await writeFileAtomic(this.options.confPath, previous, { durable: false, mode });
  }

  /** `weight` is what the file holds while the command runs (null: unknown, SHIPGATE_WEIGHT is then empty). */
  private async run(input: CommandInput, command: string, weight: number | null, signal: AbortSignal | undefined): Promise<CommandOutcome> {
    const lines: string[] = [];
    const prefix = `[${input}] `;
    const base = this.options.logger;
    // A passing test prints "syntax is ok" on every step: the output goes to debug and is kept,
    // so a failure can quote it.
    const keeping: Logger = {
      info: (m) => {
        if (lines.length < KEPT_LINES) lines.push(m.startsWith(prefix) ? m.slice(prefix.length) : m);
        base.debug(m);
      },
      warning: (m) => base.warning(m),
      debug: (m) => base.debug(m)
    };
    if (input === 'nginx-reload-command') {
      this.reloadTimes.push(Date.now());
      if (this.reloadTimes.length > KEPT_RELOADS) this.reloadTimes.splice(0, this.reloadTimes.length - KEPT_RELOADS);
    }
    const result = await runBash({
      command,
      cwd: this.options.cwd,
      env: childEnv(this.options.env, {
        kind: 'step',
        extra: { SHIPGATE_NGINX_CONF: this.options.confPath, SHIPGATE_NGINX_UPSTREAM: this.upstream, SHIPGATE_WEIGHT: weight === null ? '' : String(weight) }
      }),
      logger: keeping,
      signal,
      timeoutMs: this.timeoutMs,
      linePrefix: prefix
    });
    return { result, lines };
  }

  private warnOutput(input: CommandInput, lines: string[]): void {
    for (const line of lines) this.options.logger.warning(`[${input}] ${line}`);
  }

  /**
   * nginx makes one server of every address a name resolves to, each with the full weight: a
   * canary named by a host with two addresses gets twice its share. Said once, before the rollout.
   */
  private async warnAboutSeveralAddresses(): Promise<void> {
    for (const [input, value] of [
      ['stable-server', this.options.stableServer],
      ['canary-server', this.options.canaryServer]
    ] as const) {
      const hp = parseHostPort(value);
      if (!hp || hp.host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(hp.host)) continue;
      // A name that does not resolve is nginx -t's to report, in nginx's words.
      const addrs = (await lookupAll(hp.host)) ?? [];
      if (addrs.length > 1) {
        this.options.logger.warning(
          `nginx: ${input} ${escapeLogText(value)} resolves to ${addrs.length} addresses (${addrs.map((a) => a.address).join(', ')}); nginx gives each the full weight, so the split is not the one asked for: name the server by one address.`
        );
      }
    }
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function succeeded(r: BashRunResult): boolean {
  return r.exitCode === 0 && !r.timedOut && !r.aborted;
}

function outcome(r: BashRunResult, timeoutMs: number): string {
  if (r.timedOut) return `no answer within ${Math.round(timeoutMs / 1000)} s, stopped`;
  if (r.aborted) return 'cancelled';
  if (r.exitCode === null) return `killed by ${r.exitSignal ?? 'a signal'}`;
  return `exit ${r.exitCode}`;
}

/** nginx may print warnings before the error that matters; the first [emerg]/[alert]/[crit]/[error] line is the reason. */
function firstProblem(lines: string[]): string {
  const line = lines.find((l) => /\[(emerg|alert|crit|error)\]/.test(l)) ?? lines.find((l) => l.trim() !== '');
  return line === undefined ? 'it printed nothing' : escapeLogText(withoutLogPrefix(line.trim()), 300);
}

/** With `-e stderr` nginx prefixes its error-log format (`2025/01/02 03:04:05 [emerg] 12#12: `): the time and pids say nothing here. */
function withoutLogPrefix(line: string): string {
  return line.replace(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} (\[\w+\]) \d+#\d+: (?:\*\d+ )?/, 'nginx: $1 ');
}

function putBackText(previous: string | null): string {
  return previous === null ? 'the new file was removed (there was none before)' : 'the previous file was put back';
}
