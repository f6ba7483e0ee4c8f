import type { Logger } from '../util/log.js';
import { runBash } from '../process/bash.js';
import { childEnv } from '../process/env.js';

export interface RunBuildOptions {
  /** The `command` input: trusted like a `run:` step, run with `bash -e -o pipefail -c`. */
  command: string;
  cwd: string;
  /** Environment of the command (user values go here, never in `command`); it reaches the command as a `run:` step's would (childEnv kind `step`: INPUT_* and runner credentials dropped). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  signal?: AbortSignal;
}

export interface RunBuildResult {
  exitCode: number;
  durationMs: number;
}

/** Runs the build command; throws one sentence (without the command's output) when it fails. */
export async function runBuildCommand(options: RunBuildOptions): Promise<RunBuildResult> {
  const r = await runBash({
    command: options.command,
    cwd: options.cwd,
    env: childEnv(options.env, { kind: 'step' }),
    logger: options.logger,
    signal: options.signal
  });
  if (r.aborted) throw new Error('The build command was cancelled.');
  if (r.exitCode === null) throw new Error(`The build command was killed by ${r.exitSignal ?? 'a signal'}.`);
  if (r.exitCode !== 0) throw new Error(`The build command exited with code ${r.exitCode}.`);
  return { exitCode: 0, durationMs: r.durationMs };
}
