import { spawn } from 'node:child_process';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { groupAlive } from './alive.js';
import { signalGroup } from './signal.js';

export interface BashRunOptions {
  /** Trusted command text (an action input, like a `run:` step). User values go in `env`. */
  command: string;
  cwd?: string;
  /** Passed as is: callers build it with childEnv (kind `step`). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Aborting kills the whole process group. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL when the group has to be stopped. */
  killGraceMs?: number;
  /** Prefix for streamed output lines, e.g. `[deploy-command] `. */
  linePrefix?: string;
  /** Called once bash runs, with its pid (= the id of the command's process group). */
  onStart?(pid: number): void;
}

export interface BashRunResult {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  /** The signal that ended bash, if any. */
  exitSignal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
}

/** How long to wait for the pipes to drain after bash exits: background children may hold them open. */
const DRAIN_MS = 250;

/**
 * Runs `bash -e -o pipefail -c <command>` in its own process group, streaming each output line to
 * the logger (escaped: command output is untrusted). Never throws for a non-zero exit; callers
 * turn the result into their own sentence.
 */
export function runBash(options: BashRunOptions): Promise<BashRunResult> {
  const started = Date.now();
  const grace = options.killGraceMs ?? 2000;
  return new Promise<BashRunResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ exitCode: null, exitSignal: null, timedOut: false, aborted: true, durationMs: 0 });
      return;
    }
    // detached: the command gets its own process group, so a timeout can stop its children too.
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', options.command], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopChild = () => {
      if (killTimer || child.pid === undefined) return;
      signalGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), grace);
    };
    const timer =
      options.timeoutMs && options.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            stopChild();
          }, options.timeoutMs)
        : undefined;
    const onAbort = () => {
      aborted = true;
      stopChild();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const prefix = options.linePrefix ?? '';
    const streams = [child.stdout, child.stderr].map((s) => lineStream(s, (line) => options.logger.info(`${prefix}${escapeLogText(line)}`)));

    child.once('error', (err) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`Could not start bash: ${err.message}.`));
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const finish = async () => {
        // A stopped group is waited for: bash may be gone while a child that ignores SIGTERM lives
        // on until the SIGKILL lands. Nothing that follows (a rollback) may race what was stopped.
        if (killTimer && child.pid !== undefined) {
          const deadline = Date.now() + grace + 2000;
          while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          clearTimeout(killTimer);
          if (groupAlive(child.pid)) signalGroup(child.pid, 'SIGKILL');
        }
        for (const s of streams) s.flush();
        resolve({ exitCode: code, exitSignal: sig, timedOut, aborted, durationMs: Date.now() - started });
      };
      // Wait briefly for the output to drain; a background child holding the pipe must not block us.
      let pending = 2;
      const drained = () => {
        if (--pending === 0) {
          clearTimeout(drainTimer);
          void finish();
        }
      };
      const drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        pending = -1;
        void finish();
      }, DRAIN_MS);
      for (const s of [child.stdout, child.stderr]) {
        if (!s || s.readableEnded || s.destroyed) drained();
        else s.once('close', drained);
      }
    });
  });
}

function lineStream(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): { flush(): void } {
  let buf = '';
  let flushed = false;
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i).replace(/\r$/, ''));
      buf = buf.slice(i + 1);
    }
    // A command printing without newlines must not grow memory without bound.
    if (buf.length > 64 * 1024) {
      onLine(buf);
      buf = '';
    }
  });
  return {
    flush() {
      if (flushed) return;
      flushed = true;
      if (buf) onLine(buf);
      buf = '';
    }
  };
}
