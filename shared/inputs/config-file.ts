import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InputSource } from './source.js';
import { DEFAULT_CONFIG_PATH, inputSpec } from './catalogue.js';

export { DEFAULT_CONFIG_PATH };

/** Input kinds whose text is one item per line; a YAML list of the others joins with commas. */
const ONE_PER_LINE = new Set(['lines', 'urls', 'mentions']);

/**
 * The optional config file (`config` input, default `.github/shipgate.yml` when it exists): keys
 * are input names; `environments.<name>` overrides them per environment. Secrets are not allowed
 * there (the schema refuses them), so a config file can be committed.
 */
export async function loadConfigSource(
  configInput: string,
  environment: string,
  workspace: string
): Promise<{ source: InputSource; path: string | null }> {
  const explicit = configInput !== '';
  const file = path.resolve(workspace, configInput || DEFAULT_CONFIG_PATH);
  if (!existsSync(file)) {
    if (explicit) throw new Error(`Input "config" has value ${JSON.stringify(configInput)}: no such file in the workspace.`);
    return { source: { get: () => '' }, path: null };
  }
  // Loaded lazily: most runs have no config file and should not pay for a YAML parser and ajv.
  const [{ parse }, { validateConfig }] = await Promise.all([import('yaml'), import('./config-schema.js')]);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`The config file ${configInput || DEFAULT_CONFIG_PATH} is not valid YAML: ${(err as Error).message.split('\n')[0]}.`);
  }
  if (doc === null || doc === undefined) doc = {};
  const problem = validateConfig(doc);
  if (problem) throw new Error(`The config file ${configInput || DEFAULT_CONFIG_PATH} is invalid: ${problem}.`);
  const config = doc as Record<string, unknown> & { environments?: Record<string, Record<string, unknown>> };
  const perEnv = config.environments?.[environment] ?? {};
  return {
    path: file,
    source: {
      get(name) {
        const v = perEnv[name] ?? config[name];
        if (v === undefined || v === null) return '';
        if (Array.isArray(v)) return v.map(String).join(ONE_PER_LINE.has(inputSpec(name)?.type.kind ?? '') ? '\n' : ',');
        return String(v).trim();
      }
    }
  };
}
