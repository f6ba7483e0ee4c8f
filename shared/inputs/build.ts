import { MissingInputError } from './input-error.js';
import type { Inputs } from './parse.js';

export interface BuildInputs {
  command: string;
  workingDirectory: string;
  artifact: string[];
  version: string;
}

/** `commandInput` is `command` for the build action and `build-command` for the root action. */
export function parseBuildInputs(inputs: Inputs, commandInput: 'command' | 'build-command' = 'command'): BuildInputs {
  const command = inputs.get(commandInput);
  const artifact = inputs
    .get('artifact')
    .flatMap((l) => l.split(/\s*,\s*/))
    .filter(Boolean);
  if (commandInput === 'command' && !command) throw new MissingInputError('command', 'it is the build command, run with bash (e.g. "npm ci && npm run build")');
  if (command && artifact.length === 0) throw new MissingInputError('artifact', 'name the files or globs to package, one per line (e.g. dist/**)');
  for (const a of artifact) {
    if (a.startsWith('/') || a.split('/').includes('..')) {
      throw inputs.error('artifact', a, 'use paths or globs inside the working directory (no absolute paths, no "..")');
    }
  }
  const version = inputs.get('version');
  return { command, workingDirectory: inputs.get('working-directory'), artifact, version };
}
