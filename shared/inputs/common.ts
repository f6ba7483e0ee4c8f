import { Inputs } from './parse.js';
import { InputError } from './input-error.js';
import { INPUTS } from './catalogue.js';

export const TARGETS_ALL = INPUTS.target.type.values;
/** Targets built so far; the others are part of the contract but refused with a clear sentence. */
export const TARGETS_AVAILABLE = ['local', 'command'] as const;
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
    throw new InputError('environment', env, 'use up to 63 letters, digits, ".", "_" or "-", starting with a letter or digit');
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
  if (!(TARGETS_AVAILABLE as readonly string[]).includes(t)) {
    throw new InputError('target', t, `this version of Shipgate supports ${TARGETS_AVAILABLE.join(' and ')} (the ${t} target is not built yet)`);
  }
  return t as TargetKind;
}

const MENTION = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;

export function parseMentions(inputs: Inputs): string[] {
  const raw = inputs.get('mention');
  const list = raw.split(/[\s,]+/).filter(Boolean).map((m) => (m.startsWith('@') ? m : `@${m}`));
  for (const m of list) {
    if (!MENTION.test(m)) throw new InputError('mention', raw, 'use GitHub user or team handles such as @octocat or @my-org/oncall, separated by spaces or commas');
  }
  return list;
}

export function parseHeaders(inputs: Inputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of inputs.lines('headers')) {
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      // The value may be a secret: name the input and the header, never the value.
      const name = (/^[A-Za-z0-9-]*/.exec(line)?.[0] ?? '').slice(0, 40);
      throw new InputError('headers', `${name} ***`, 'write one "Name: value" header per line (the value is hidden because header values may be secrets)');
    }
    out[m[1]] = m[2];
  }
  return out;
}
