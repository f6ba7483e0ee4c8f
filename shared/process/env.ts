/**
 * The one rule for what a child process sees of this process's environment. Every spawn in
 * Shipgate passes its env through childEnv, by the kind of child it starts:
 *
 * - `step`: a user's command (build-command, the command target's commands), trusted like a
 *   `run:` step, so it sees what a `run:` step sees (PATH, HOME, GITHUB_*, RUNNER_*), minus the
 *   action's INPUT_* variables (tokens) and the runner credentials only JavaScript actions get.
 * - `daemon`: the local target's detached daemon; it outlives the job, so it gets a short
 *   allow-list and never a token or an input.
 * - `service`: a version the local daemon runs; the same allow-list minus SHIPGATE_DEBUG.
 * - `tool`: a program Shipgate itself runs with fixed arguments (tar): the environment as it is.
 *
 * `extra` (the SHIPGATE_* values of a call, PORT, …) is added last and wins over what the base
 * holds, so a stale outer value never leaks in.
 */
export type ChildKind = 'step' | 'daemon' | 'service' | 'tool';

export interface ChildEnvOptions {
  kind: ChildKind;
  extra?: Record<string, string>;
}

/** Variables a `run:` step does not get: action inputs (tokens) and the runner's own credentials. */
const WITHHELD_FROM_STEPS = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/;

/** All that a service of the local target gets from its daemon. */
const SERVICE_KEYS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'USER', 'TZ'];
/** All that the daemon gets from the action (SHIPGATE_DEBUG turns on its debug log). */
const DAEMON_KEYS = [...SERVICE_KEYS, 'SHIPGATE_DEBUG'];

/** Used when the base has no PATH, for the kinds that run commands through bash. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

interface Rule {
  keep(key: string): boolean;
  defaultPath: boolean;
}

const RULES: Record<ChildKind, Rule> = {
  step: { keep: (key) => !WITHHELD_FROM_STEPS.test(key), defaultPath: true },
  daemon: { keep: (key) => DAEMON_KEYS.includes(key), defaultPath: false },
  service: { keep: (key) => SERVICE_KEYS.includes(key), defaultPath: true },
  tool: { keep: () => true, defaultPath: false }
};

export function childEnv(base: NodeJS.ProcessEnv, options: ChildEnvOptions): NodeJS.ProcessEnv {
  const rule = RULES[options.kind];
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined && rule.keep(key)) env[key] = value;
  if (rule.defaultPath) env.PATH ??= DEFAULT_PATH;
  return { ...env, ...options.extra };
}
