import type { Logger } from '../util/log.js';
import { runBash, stepEnv } from './run-bash.js';

export interface RunBuildOptions {
  /** The `command` input: trusted like a `run:` step, run with `bash -e -o pipefail -c`. */
  command: string;
  cwd: string;
  /** Environment of the command (user values go here, never in `command`); INPUT_* and runner credentials are dropped (see stepEnv). */
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
  const r = await runBash({ command: options.command, cwd: options.cwd, env: stepEnv(options.env), logger: options.logger, signal: options.signal });
  if (r.aborted) throw new Error('The build command was cancelled.');
  if (r.exitCode === null) throw new Error(`The build command was killed by ${r.exitSignal ?? 'a signal'}.`);
  if (r.exitCode !== 0) throw new Error(`The build command exited with code ${r.exitCode}.`);
  return { exitCode: 0, durationMs: r.durationMs };
}
