import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapingLogger, type Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import type { Inputs } from '../inputs/parse.js';
import type { LookProgress } from '../engine/rollout.js';
import { envInputSource } from '../inputs/source.js';
import { loadInputs } from '../inputs/load.js';

/** The only place that touches the runner: inputs, outputs, state, summary, masking, signals. */
export interface Runtime {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  workspace: string;
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM). */
  signal: AbortSignal;
  isPost: boolean;
  inputs(options?: { withConfig?: boolean }): Promise<Inputs>;
  setOutput(name: string, value: string | number): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  mask(secret: string): void;
  summary(markdown: string): Promise<void>;
  /** A folder under RUNNER_TEMP (or .shipgate/ locally) that later steps of the job can see. */
  stateRoot(): string;
  writeReport(name: string, data: unknown): string;
  /** Live progress of a rollout, look by look (the CLI's status line; the runner's log has none). */
  progress?(look: LookProgress): void;
}

/** The runner's log, escaped: no message can smuggle in a workflow command. */
export const coreLogger: Logger = escapingLogger({
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  debug: (m) => core.debug(m)
});

export function createRuntime(): Runtime {
  const env = process.env;
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    // The first signal starts the rollback; later ones must not interrupt it.
    if (signals === 1) {
      core.warning(`Received ${sig}: restoring the stable version before exiting.`);
      controller.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const isPost = core.getState('isPost') === 'true';
  if (!isPost) core.saveState('isPost', 'true');
  const rt: Runtime = {
    logger: coreLogger,
    env,
    workspace,
    signal: controller.signal,
    isPost,
    async inputs(options = {}) {
      // The post step must restore traffic whatever became of the working directory meanwhile.
      const { inputs, configPath } = await loadInputs(envInputSource(env), workspace, { withConfig: options.withConfig, checkPaths: !isPost });
      if (configPath) coreLogger.info(`Using config file ${path.relative(workspace, configPath) || configPath}`);
      return inputs;
    },
    setOutput: (name, value) => core.setOutput(name, String(value)),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    mask: (secret) => {
      if (secret) core.setSecret(secret);
    },
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) {
        // Outside a runner the summary goes to the log, line by line, each line made inert.
        for (const line of markdown.split('\n')) coreLogger.info(line);
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
    stateRoot: () => jobStateRoot(env, workspace),
    writeReport: (name, data) => writeReportFile(jobStateRoot(env, workspace), name, data)
  };
  return rt;
}

/** RUNNER_TEMP/shipgate on a runner, else .shipgate/ in the workspace: what later steps of the job see. */
export function jobStateRoot(env: NodeJS.ProcessEnv, workspace: string): string {
  const root = env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, 'shipgate') : path.join(workspace, '.shipgate');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return root;
}

/** A report as JSON under `<root>/reports/`; returns its path. */
export function writeReportFile(root: string, name: string, data: unknown): string {
  const dir = path.join(root, 'reports');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** Runs an action's body; any error fails the step with one sentence (and nothing else). */
export async function runAction(body: (rt: Runtime) => Promise<void>): Promise<void> {
  const rt = createRuntime();
  try {
    await body(rt);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    core.setFailed(escapeLogText(message, 1000));
    if (err instanceof Error && err.stack) core.debug(err.stack);
  }
}
