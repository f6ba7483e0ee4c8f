import { loadConfigSource } from './config-file.js';
import { Inputs } from './parse.js';
import { layered, type InputSource } from './source.js';

export interface LoadedInputs {
  inputs: Inputs;
  /** The config file read, or null when none. */
  configPath: string | null;
}

/**
 * An action's inputs as its glue reads them: the workflow's values, then the config file (a path
 * inside the workspace), then the catalogue's defaults. With `checkPaths` (the main step), inputs
 * that must name an existing folder are checked against the workspace while they are parsed, so a
 * bad path is one sentence before anything starts.
 */
export async function loadInputs(
  fromRunner: InputSource,
  workspace: string,
  options: { withConfig?: boolean; checkPaths?: boolean } = {}
): Promise<LoadedInputs> {
  const parseOptions = options.checkPaths === false ? {} : { workspace };
  if (options.withConfig === false) return { inputs: new Inputs(fromRunner, parseOptions), configPath: null };
  const bootstrap = new Inputs(fromRunner);
  const {
    source: fromConfig,
    path,
    waves,
    freeze
  } = await loadConfigSource(bootstrap.string('config'), bootstrap.string('environment', 'production'), workspace);
  return { inputs: new Inputs(layered(fromRunner, fromConfig), { ...parseOptions, waves, freeze }), configPath: path };
}
