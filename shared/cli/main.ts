import { FindingsError, parseArgs, UsageError, type ParsedArgs } from './args.js';
import { createCliRuntime, type CliRuntime } from './runtime.js';
import { USAGE } from './usage.js';
import type { DeployVerb } from './commands/deploy.js';

/** What a command hands back to print: JSON with --json, else text. */
interface Printed {
  json: unknown;
  text: string;
}

type Command = (rt: CliRuntime, args: ParsedArgs) => Promise<Printed | void>;

const DEPLOYS = new Set(['rollout', 'promote', 'abort', 'rollback']);

/** Commands by name; each module is loaded only when its command runs (a fast --help). */
const COMMANDS: Record<string, Command> = {
  status: async (rt, a) => (await import('./commands/status.js')).statusCommand(rt, a),
  history: async (rt, a) => (await import('./commands/history.js')).historyCommand(rt, a),
  plan: async (rt, a) => (await import('./commands/plan.js')).planCommand(rt, a),
  validate: async (rt, a) => (await import('./commands/validate.js')).validateCommand(rt, a),
  replay: async (rt, a) => (await import('./commands/replay.js')).replayCommand(rt, a),
  dora: async (rt, a) => (await import('./commands/dora.js')).doraCommand(rt, a),
  local: async (rt, a) => (await import('./commands/local.js')).localCommand(rt, a)
};

/**
 * Runs one command. Exit codes are the actions': 0 done (a paused rollout included), 1 rolled back
 * or failed (and any refusal: bad input, a freeze, a busy environment), 2 a mistake on the command line.
 */
export async function main(
  argv: readonly string[],
  io: { stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv } = {}
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`shipgate: ${err.message}\n\nRun "shipgate --help" for the commands and options.\n`);
    return 2;
  }
  const [name] = args.command;
  if (args.cli.help || name === 'help' || name === undefined) {
    stdout.write(USAGE + '\n');
    return name === undefined && !args.cli.help ? 2 : 0;
  }
  if (!DEPLOYS.has(name) && !(name in COMMANDS)) {
    stderr.write(`shipgate: unknown command "${plain(name).slice(0, 40)}".\n\n${USAGE}\n`);
    return 2;
  }
  // promote and abort are canary-deploy's `action` input: set before anything reads the inputs.
  if (name === 'promote' || name === 'abort') args = { ...args, inputs: { ...args.inputs, action: name } };
  let rt: CliRuntime;
  try {
    rt = createCliRuntime(args, { stderr, env: io.env });
  } catch (err) {
    stderr.write(`shipgate: ${(err as Error).message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
  let printed: Printed | void = undefined;
  let failure: Error | null = null;
  try {
    if (DEPLOYS.has(name)) {
      const { deployCommand } = await import('./commands/deploy.js');
      await deployCommand(rt, args, name as DeployVerb);
    } else printed = await COMMANDS[name](rt, args);
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    if (failure instanceof FindingsError) printed = failure.printed;
  } finally {
    rt.console.close();
  }
  if (failure instanceof UsageError) {
    stderr.write(`shipgate: ${failure.message}\n`);
    return 2;
  }
  if (args.cli.json) {
    const body = printed ? printed.json : { command: name, outputs: rt.outputs, ...(failure ? { error: plain(failure.message) } : {}) };
    stdout.write(JSON.stringify(body, null, 2) + '\n');
  } else {
    if (rt.summaries.length) stdout.write(rt.summaries.map(plain).join('\n\n') + '\n');
    if (printed) stdout.write(plain(printed.text) + '\n');
  }
  if (failure) {
    stderr.write(`shipgate: ${plain(failure.message)}\n`);
    if (process.env.SHIPGATE_DEBUG && failure.stack) stderr.write(failure.stack + '\n');
    return 1;
  }
  return 0;
}

/** Terminal-safe: no escape sequences or other control characters from recorded or probed text. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
