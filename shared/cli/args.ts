import { INPUTS, inputSpec, type InputName } from '../inputs/catalogue.js';

/** Options of the CLI itself (not action inputs). */
export interface CliOptions {
  json: boolean;
  help: boolean;
  /** owner/name: the GitHub ledger and notifiers from anywhere (with GITHUB_TOKEN). */
  repo?: string;
  /** The commit a rollout belongs to (statuses, DORA lead time); default the CI's own variable or `git rev-parse HEAD`. */
  sha?: string;
  since?: string;
  until?: string;
  markdown: boolean;
  /** Folder the CLI treats as the checkout (config file, working-directory); default the current one. */
  workspace?: string;
}

export interface ParsedArgs {
  command: string[];
  /** Raw values of action inputs, by input name. */
  inputs: Partial<Record<InputName, string>>;
  cli: CliOptions;
}

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** A command whose findings are its failure (validate): they are printed, then the message, exit code 1. */
export class FindingsError extends Error {
  constructor(
    message: string,
    readonly printed: { json: unknown; text: string }
  ) {
    super(message);
  }
}

const CLI_STRING = new Set(['repo', 'sha', 'since', 'until', 'workspace']);
const CLI_BOOLEAN = new Set(['json', 'help', 'markdown']);
const SHORT: Record<string, string> = { '-e': '--environment', '-h': '--help' };
/** Earlier names kept working. */
const ALIASES: Record<string, InputName> = { 'state-root': 'state-dir' };

/** Secret inputs come from the environment: a value on the command line is visible to every process on the machine. */
export const SECRET_ENV: Partial<Record<InputName, string>> = {
  'github-token': 'GITHUB_TOKEN',
  webhook: 'SHIPGATE_WEBHOOK',
  headers: 'SHIPGATE_HEADERS'
};

/**
 * Flags are the action's input names (`--steps 10,50,100`, `--error-tolerance=0.5%`). A boolean
 * input alone means true (`--incident`), `--no-incident` false, `--incident=false` either.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { command: [], inputs: {}, cli: { json: false, help: false, markdown: false } };
  for (let i = 0; i < argv.length; i++) {
    let token = SHORT[argv[i]] ?? argv[i];
    if (token === '--') {
      out.command.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('--') || token === '--') {
      out.command.push(token);
      continue;
    }
    let value: string | undefined;
    const eq = token.indexOf('=');
    if (eq > 0) {
      value = token.slice(eq + 1);
      token = token.slice(0, eq);
    }
    let name = token.slice(2);
    let negated = false;
    if (name.startsWith('no-') && !known(name) && known(name.slice(3))) {
      negated = true;
      name = name.slice(3);
    }
    name = ALIASES[name] ?? name;
    if (CLI_BOOLEAN.has(name)) {
      (out.cli as unknown as Record<string, boolean>)[name] = negated ? false : value === undefined ? true : truthy(name, value);
      continue;
    }
    const spec = inputSpec(name);
    if (!CLI_STRING.has(name) && !spec)
      throw new UsageError(
        `Unknown option --${name}: options are the action's input names (see docs/inputs.md) and --json, --repo, --sha, --since, --until, --markdown, --workspace.`
      );
    if (spec?.secret) {
      throw new UsageError(
        `--${name} is a secret and is not taken from the command line, where every process on the machine can read it: set ${SECRET_ENV[name as InputName]} in the environment instead.`
      );
    }
    if (spec?.type.kind === 'boolean' && value === undefined) {
      value = negated ? 'false' : 'true';
    } else if (negated) {
      throw new UsageError(`--no-${name} is only for true/false options; give --${name} a value instead.`);
    } else if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    }
    if (CLI_STRING.has(name)) (out.cli as unknown as Record<string, string>)[name] = value;
    else out.inputs[name as InputName] = value;
  }
  return out;
}

function known(name: string): boolean {
  return CLI_BOOLEAN.has(name) || CLI_STRING.has(name) || name in ALIASES || name in INPUTS;
}

function truthy(name: string, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new UsageError(`--${name}=${value.slice(0, 40)} is not true or false.`);
}
