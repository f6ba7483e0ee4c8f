import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { jobStateRoot, writeReportFile, type Runtime } from '../glue/runtime.js';
import { loadInputs } from '../inputs/load.js';
import { layered, mapSource, type InputSource } from '../inputs/source.js';
import { redactor } from '../inputs/secrets.js';
import type { InputName } from '../inputs/catalogue.js';
import { SECRET_ENV, UsageError, type ParsedArgs } from './args.js';
import { Console } from './progress.js';

/** A Runtime for the CLI, plus what it collected for the command to print at the end. */
export interface CliRuntime extends Runtime {
  outputs: Record<string, string>;
  summaries: string[];
  console: Console;
}

/**
 * The actions' Runtime outside GitHub Actions: inputs from the flags, then the config file, then
 * the defaults (as in a workflow); secrets from the environment; logs to stderr (one redrawn
 * progress line on a terminal); outputs and the summary kept for the command to print.
 */
export function createCliRuntime(args: ParsedArgs, options: { stderr?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv } = {}): CliRuntime {
  const stderr = options.stderr ?? process.stderr;
  const env = cliEnv(options.env ?? process.env, args);
  const workspace = path.resolve(args.cli.workspace ?? process.cwd());
  const secrets: string[] = [];
  let redact = redactor(secrets);
  const console = new Console(stderr, stderr.isTTY === true && !args.cli.json, (t) => redact(t));
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    // The first Ctrl-C starts the rollback; later ones must not interrupt it.
    if (signals === 1) {
      console.logger.warning(`Received ${sig}: restoring the stable version before exiting.`);
      controller.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const fromFlags = mapSource(args.inputs);
  const fromEnv: InputSource = {
    get(name) {
      const variable = SECRET_ENV[name as InputName];
      return variable ? (env[variable] ?? '').trim() : '';
    }
  };
  const state = new Map<string, string>();
  const rt: CliRuntime = {
    logger: console.logger,
    env,
    workspace,
    signal: controller.signal,
    isPost: false,
    outputs: {},
    summaries: [],
    console,
    async inputs(opts = {}) {
      const { inputs, configPath } = await loadInputs(layered(fromFlags, fromEnv), workspace, { withConfig: opts.withConfig, checkPaths: true });
      if (configPath) console.logger.info(`Using config file ${path.relative(workspace, configPath) || configPath}`);
      return inputs;
    },
    setOutput: (name, value) => {
      rt.outputs[name] = redact(String(value));
    },
    saveState: (name, value) => void state.set(name, value),
    getState: (name) => state.get(name) ?? '',
    mask: (secret) => {
      if (!secret || secrets.includes(secret)) return;
      secrets.push(secret);
      redact = redactor(secrets);
    },
    summary(markdown) {
      rt.summaries.push(redact(markdown));
      return Promise.resolve();
    },
    stateRoot: () => jobStateRoot(env, workspace),
    writeReport: (name, data) => writeReportFile(jobStateRoot(env, workspace), name, data),
    progress: (look) => console.progress(look)
  };
  return rt;
}

/**
 * The environment the adapters read, as on a runner: `--repo` names the repository, the API is
 * api.github.com unless GITHUB_API_URL says otherwise, and the commit comes from `--sha`, the
 * CI's own variable (GitLab, Jenkins, Buildkite, CircleCI) or `git rev-parse HEAD`.
 */
function cliEnv(base: NodeJS.ProcessEnv, args: ParsedArgs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (args.cli.repo !== undefined) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(args.cli.repo))
      throw new UsageError(`--repo "${args.cli.repo.slice(0, 80)}" is not owner/name (for example acme/shop).`);
    env.GITHUB_REPOSITORY = args.cli.repo;
  }
  if (env.GITHUB_REPOSITORY && !env.GITHUB_API_URL) env.GITHUB_API_URL = 'https://api.github.com';
  const sha = args.cli.sha ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.GIT_COMMIT ?? env.BUILDKITE_COMMIT ?? env.CIRCLE_SHA1 ?? gitHead(args.cli.workspace);
  if (sha) env.GITHUB_SHA = sha;
  return env;
}

function gitHead(cwd: string | undefined): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: cwd ?? process.cwd(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
