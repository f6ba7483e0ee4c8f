import type { Inputs } from './parse.js';
import { InputError } from './input-error.js';
import { INPUTS } from './catalogue.js';

export const TARGETS_ALL = INPUTS.target.type.values;
/** Targets built so far; the others are part of the contract but refused with a clear sentence. */
export const TARGETS_AVAILABLE = ['local', 'command', 'kubernetes'] as const;
export type TargetKind = (typeof TARGETS_AVAILABLE)[number];
export type LedgerKind = (typeof INPUTS.ledger.type.values)[number];

export interface CommonInputs {
  environment: string;
  githubToken: string;
  config: string;
  ledger: LedgerKind;
  ledgerFile: string;
  /** Folder for state that outlives runs ('' = the per-user default, resolved by the glue). */
  stateDir: string;
}

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function environmentName(inputs: Inputs): string {
  const env = inputs.get('environment');
  if (!ENV_NAME.test(env)) {
    throw inputs.error('environment', env, 'use up to 63 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  return env;
}

export function parseCommon(inputs: Inputs): CommonInputs {
  return {
    environment: environmentName(inputs),
    githubToken: inputs.get('github-token'),
    config: inputs.get('config'),
    ledger: inputs.get('ledger'),
    ledgerFile: inputs.get('ledger-file'),
    stateDir: inputs.get('state-dir')
  };
}

export function parseTarget(inputs: Inputs): TargetKind {
  const t = inputs.get('target');
  if (t === 'nginx' || t === 'haproxy') {
    throw inputs.error(
      'target',
      t,
      `the target starts and retires versions (local, command or kubernetes); ${t} splits traffic, so use target: command with traffic: ${t}`
    );
  }
  if (!(TARGETS_AVAILABLE as readonly string[]).includes(t)) {
    throw inputs.error('target', t, `this version of Shipgate supports ${TARGETS_AVAILABLE.join(' and ')} (the ${t} target is not built yet)`);
  }
  return t;
}

const MENTION = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;

export function parseMentions(inputs: Inputs): string[] {
  const raw = inputs.get('mention');
  const list = raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((m) => (m.startsWith('@') ? m : `@${m}`));
  for (const m of list) {
    if (!MENTION.test(m))
      throw inputs.error('mention', raw, 'use GitHub user or team handles such as @octocat or @my-org/oncall, separated by spaces or commas');
  }
  return list;
}

/** What a header value may hold: Latin-1 text (what HTTP carries) without control characters other than tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * One `Name: value` per line (blank lines and `#` comments skipped). Values may be secrets, and a
 * malformed line cannot be told apart from a value: a sentence about a bad line names the input and
 * the line's number, never any of its text.
 */
export function parseHeaders(inputs: Inputs): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = inputs.raw('headers').split(/\r?\n/);
  raw.forEach((text, i) => {
    const line = text.trim();
    if (!line || line.startsWith('#')) return;
    const hidden = `line ${i + 1}: ***`;
    // `s`: a value with a line separator (U+2028) in it is one value, refused below, not a bad line.
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/s.exec(line);
    if (!m) throw new InputError('headers', hidden, 'write one "Name: value" header per line (the line is hidden because header values may be secrets)');
    if (!HEADER_VALUE.test(m[2])) {
      throw new InputError(
        'headers',
        hidden,
        'a header value must be Latin-1 text without control characters, so encode other characters (e.g. percent-encoding or base64); the line is hidden because header values may be secrets'
      );
    }
    out[m[1]] = m[2];
  });
  return out;
}
