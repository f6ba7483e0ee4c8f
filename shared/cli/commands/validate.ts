import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../../inputs/catalogue.js';
import { FindingsError, type ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';

/** `validate`: every problem of the config file with its line and column; exit 1 when there is one. */
export async function validateCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const shown = args.inputs.config || args.command[1] || DEFAULT_CONFIG_PATH;
  const file = path.resolve(rt.workspace, shown);
  if (!existsSync(file))
    throw new Error(`No config file ${shown}${args.inputs.config || args.command[1] ? '' : ' (the default; name another with --config)'}.`);
  const { validateConfigText } = await import('../../inputs/config-validate.js');
  const problems = validateConfigText(readFileSync(file, 'utf8'));
  const text = problems.length ? problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n') : `${shown} is valid.`;
  if (problems.length) {
    // The problems are the output; the exit code says the file is not usable.
    throw new FindingsError(`${shown} has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, {
      json: { file: shown, valid: false, problems },
      text
    });
  }
  return { json: { file: shown, valid: true, problems: [] }, text };
}
