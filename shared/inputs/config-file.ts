import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { FreezeWindow } from '../freeze/windows.js';
import path from 'node:path';
import type { InputSource } from './source.js';
import type { WaveConfig } from './parse.js';
import { DEFAULT_CONFIG_PATH, inputSpec } from './catalogue.js';
import { ConfigFileError, FILE_QUOTE_MAX, InputError, quote } from './input-error.js';

export { DEFAULT_CONFIG_PATH };

/** Input kinds whose text is one item per line; a YAML list of the others joins with commas. */
const ONE_PER_LINE = new Set(['lines', 'urls', 'mentions']);

/** A config file is a page of settings; anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const OUTSIDE = 'use a path inside the workspace (GITHUB_WORKSPACE); the config file must be part of the checkout';

/**
 * The optional config file (`config` input, default `.github/shipgate.yml` when it exists): keys
 * are input names; `environments.<name>` overrides them per environment. Secrets are not allowed
 * there (the schema refuses them), so a config file can be committed.
 *
 * The file must be inside the workspace, links resolved (realpath): a path or a link that leads
 * out of the checkout is refused before anything is read. Sentences about what the file holds
 * quote at most a short, escaped prefix of it.
 */
export async function loadConfigSource(
  configInput: string,
  environment: string,
  workspace: string
): Promise<{ source: InputSource; path: string | null; waves?: WaveConfig[]; freeze?: FreezeWindow[] }> {
  const explicit = configInput !== '';
  const shown = configInput || DEFAULT_CONFIG_PATH;
  const root = path.resolve(workspace);
  const file = path.resolve(root, shown);
  if (explicit && !inside(root, file)) throw new InputError('config', configInput, OUTSIDE);
  if (!existsSync(file)) {
    if (explicit) throw new InputError('config', configInput, 'no such file in the workspace');
    return { source: { get: () => '' }, path: null };
  }
  if (!inside(realpath(root), realpath(file))) {
    if (explicit) throw new InputError('config', configInput, OUTSIDE);
    throw new ConfigFileError(
      `The config file ${DEFAULT_CONFIG_PATH} is a link to a file outside the workspace: make it a file of the checkout, or remove it.`
    );
  }
  const stat = statSync(file);
  if (!stat.isFile()) throw new InputError('config', shown, 'name a file, not a folder');
  if (stat.size > MAX_CONFIG_BYTES) throw new InputError('config', shown, 'the file is larger than 1 MiB, which no config file needs');
  // Loaded lazily: most runs have no config file and should not pay for a YAML parser and ajv.
  const [{ parse }, { firstConfigProblem }] = await Promise.all([import('yaml'), import('./config-validate.js')]);
  const where = `The config file ${escapedPath(shown)}`;
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    // logLevel 'error': warnings would be printed to stderr with the offending line of the file.
    doc = parse(text, { logLevel: 'error' });
  } catch (err) {
    throw new ConfigFileError(`${where} is not valid YAML: ${yamlProblem(err)}.`);
  }
  if (doc === null || doc === undefined) doc = {};
  // The first of the problems `shipgate validate` lists, at the line and column of what it is about.
  const problem = firstConfigProblem(text);
  if (problem) throw new ConfigFileError(`${where} is invalid: ${problem.message} (line ${problem.line}, column ${problem.column}).`);
  const config = doc as Record<string, unknown> & { waves?: WaveConfig[]; environments?: Record<string, Record<string, unknown>> };
  const perEnv = (Object.prototype.hasOwnProperty.call(config.environments ?? {}, environment) ? config.environments?.[environment] : undefined) ?? {};
  const origin = `the config file ${path.relative(root, file) || shown}`;
  const own = (o: Record<string, unknown>, name: string) => (Object.prototype.hasOwnProperty.call(o, name) ? o[name] : undefined);
  const waves = (own(perEnv, 'waves') ?? config.waves) as WaveConfig[] | undefined;
  const freeze = await freezeWindows(own(config, 'freeze'), own(perEnv, 'freeze'), origin);
  return {
    path: file,
    ...(waves ? { waves: waves.map((w, i) => waveSource(w, i, origin)) } : {}),
    ...(freeze.length ? { freeze } : {}),
    source: {
      get(name) {
        const v = own(perEnv, name) ?? own(config, name);
        if (v === undefined || v === null) return '';
        if (Array.isArray(v)) return v.map(scalar).join(ONE_PER_LINE.has(inputSpec(name)?.type.kind ?? '') ? '\n' : ',');
        return scalar(v).trim();
      },
      origin: () => origin
    }
  };
}

/**
 * The environment's freeze windows: the top-level ones apply to every environment, and
 * `environments.<name>.freeze` adds its own (one with the same name replaces the top-level one).
 */
async function freezeWindows(top: unknown, perEnv: unknown, origin: string): Promise<FreezeWindow[]> {
  if (top === undefined && perEnv === undefined) return [];
  const name = (w: unknown) =>
    w && typeof w === 'object' && typeof (w as { name?: unknown }).name === 'string' ? (w as { name: string }).name.toLowerCase() : null;
  const own: unknown[] = Array.isArray(perEnv) ? (perEnv as unknown[]) : [];
  const replaced = new Set(own.map(name).filter((n) => n !== null));
  const fromTop: unknown[] = Array.isArray(top) ? (top as unknown[]).filter((w) => !replaced.has(name(w) ?? '')) : [];
  const merged = [...fromTop, ...own];
  // Loaded only when the file has windows: the cron library is not needed otherwise.
  const { parseFreezeWindows } = await import('./freeze-windows.js');
  return parseFreezeWindows(merged, origin);
}

/** A wave with each target's values read like any other value of the file (scalars, lists joined). */
function waveSource(w: WaveConfig, index: number, origin: string): WaveConfig {
  return {
    ...w,
    targets: w.targets.map((t, j) => ({ ...t, [ORIGIN]: `${origin} (waves[${index}] ${w.name}, target ${t.name ?? j + 1})` }))
  };
}

/** Where a wave target's values came from, kept beside them for error sentences. */
export const ORIGIN = Symbol('origin');

/** A wave target's own keys as an input source (they win over the workflow and the rest of the file). */
export function waveTargetSource(target: Record<string, unknown> & { [ORIGIN]?: string }): InputSource {
  return {
    get(name) {
      if (name === 'name' || !Object.prototype.hasOwnProperty.call(target, name)) return '';
      const v = target[name];
      if (v === undefined || v === null) return '';
      if (Array.isArray(v)) return v.map(scalar).join(',');
      return scalar(v).trim();
    },
    origin: () => target[ORIGIN]
  };
}

/** A YAML scalar as input text (the schema allows no maps where an input goes; JSON if one slips through). */
function scalar(v: unknown): string {
  // YAML reads `-0` as the number -0, which String() writes as "0": keep the sign, so the input refuses it.
  if (Object.is(v, -0)) return '-0';
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** Whether `file` is `root` or lies under it (both absolute). */
function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The path as a sentence shows it: as given when plain, else quoted and escaped. */
function escapedPath(p: string): string {
  return /^[\w./@+-]{1,200}$/.test(p) ? p : quote(p);
}

/**
 * A YAML error in one line without the file's text: yaml's message (its first line), with
 * anything it quotes from the file cut to a short escaped prefix, and where it is.
 */
function yamlProblem(err: unknown): string {
  const e = err as { message?: unknown; linePos?: { line: number; col: number }[] };
  const first = (typeof e.message === 'string' ? e.message : String(err)).split(/\r?\n/)[0];
  const at = /\s+at line (\d+), column (\d+):?$/.exec(first);
  let text = at ? first.slice(0, at.index) : first;
  // Messages that quote the file put it last, after ": " (an alias name, a token).
  const colon = text.lastIndexOf(': ');
  if (colon >= 0) text = `${text.slice(0, colon)}: ${quote(text.slice(colon + 2), FILE_QUOTE_MAX)}`;
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
  const line = at?.[1] ?? e.linePos?.[0]?.line;
  const col = at?.[2] ?? e.linePos?.[0]?.col;
  return line ? `${text} (line ${line}, column ${col})` : text;
}
