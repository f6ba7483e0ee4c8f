import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../schema/shipgate.schema.json' with { type: 'json' };
import { inputSpec } from './catalogue.js';
import { FILE_QUOTE_MAX, quote } from './input-error.js';

let compiled: ValidateFunction | undefined;

/** One way a parsed config file breaks the schema: where (keys and indexes from the top) and one sentence. */
export interface SchemaProblem {
  /** Keys and list indexes from the top of the file to the offending value (raw file text). */
  path: string[];
  /**
   * What a position should point at: the value at `path`, the unknown key `path`'s last segment
   * (whose value is beside it), or the map at `path` that lacks a required key.
   */
  at: 'value' | 'key' | 'map';
  /** The sentence, house style: keys and names from the file quoted short and escaped; secrets named as secrets. */
  message: string;
}

/**
 * Validates a parsed config file against schema/shipgate.schema.json; returns one sentence or null.
 * Keys and environment names come from the file: they are quoted short and escaped.
 */
export function validateConfig(doc: unknown): string | null {
  return schemaProblems(doc)[0]?.message ?? null;
}

/**
 * Every way a parsed config file breaks the schema, in the order of the file's checks. The
 * alternatives of one value (`steps` is a string or a list) give one problem: the alternative the
 * value went deepest into (the list, when `steps` is a list), or "must be a string or a list".
 */
export function schemaProblems(doc: unknown): SchemaProblem[] {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  const validate = compiled;
  if (validate(doc)) return [];
  const errors = validate.errors ?? [];
  if (errors.length === 0) return [{ path: [], at: 'value', message: 'the top level does not match the schema' }];
  return collapse(errors).map(problemOf);
}

/** Errors in order with each failed anyOf replaced by the errors of the branch that explains it best. */
function collapse(errors: ErrorObject[]): (ErrorObject | Alternatives)[] {
  const out: (ErrorObject | Alternatives)[] = [];
  const used = new Set<ErrorObject>();
  // An anyOf error comes after its branches' errors: handle outer ones first (shortest schema path).
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const replaced = new Map<ErrorObject, (ErrorObject | Alternatives)[]>();
  for (const group of anyOfs) {
    if (used.has(group)) continue;
    used.add(group);
    const inside = errors.filter((e) => e !== group && !used.has(e) && e.schemaPath.startsWith(`${group.schemaPath}/`) && within(e, group));
    for (const e of inside) used.add(e);
    replaced.set(group, explain(group, inside));
  }
  for (const e of errors) {
    if (replaced.has(e)) out.push(...(replaced.get(e) as (ErrorObject | Alternatives)[]));
    else if (!used.has(e)) out.push(e);
  }
  return out;
}

/** Several alternatives of one value, none of which it matches. */
interface Alternatives {
  keyword: '$alternatives';
  instancePath: string;
  options: ErrorObject[];
}

function within(e: ErrorObject, group: ErrorObject): boolean {
  return e.instancePath === group.instancePath || e.instancePath.startsWith(`${group.instancePath}/`);
}

/** The branch errors of a failed anyOf: the branch that got deepest into the value, or all branches as alternatives. */
function explain(group: ErrorObject, inside: ErrorObject[]): (ErrorObject | Alternatives)[] {
  const branches = new Map<string, ErrorObject[]>();
  for (const e of inside) {
    const branch = e.schemaPath.slice(group.schemaPath.length + 1).split('/')[0];
    branches.set(branch, [...(branches.get(branch) ?? []), e]);
  }
  const depth = (list: ErrorObject[]) => Math.max(...list.map((e) => e.instancePath.split('/').length));
  const here = group.instancePath.split('/').length;
  const deeper = [...branches.values()].filter((list) => depth(list) > here);
  if (deeper.length > 0) {
    const best = deeper.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return collapse(best);
  }
  const options = [...branches.values()].map((list) => list.find((e) => e.instancePath === group.instancePath) ?? list[0]);
  return options.length ? [{ keyword: '$alternatives', instancePath: group.instancePath, options }] : [group];
}

function problemOf(e: ErrorObject | Alternatives): SchemaProblem {
  const path = e.instancePath ? e.instancePath.slice(1).split('/').map(unescapePointer) : [];
  const where = path.length ? quote(path.join('.'), FILE_QUOTE_MAX) : 'the top level';
  if (e.keyword === '$alternatives') {
    const options = (e as Alternatives).options.map((o) => describe(o) ?? (o.message ?? 'what the schema allows').replace(/^must (be )?/, ''));
    return { path, at: 'value', message: `${where} must be ${options.join(' or ')}` };
  }
  const err = e as ErrorObject;
  if (err.keyword === 'additionalProperties') {
    const key = (err.params as { additionalProperty: string }).additionalProperty;
    const secret = inputSpec(key)?.secret === true;
    return {
      path: [...path, key],
      at: 'key',
      message: secret
        ? `"${key}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
        : `${where} has an unknown key ${quote(key, FILE_QUOTE_MAX)}`
    };
  }
  if (err.keyword === 'required') {
    return { path, at: 'map', message: `${where} is missing the key ${quote((err.params as { missingProperty: string }).missingProperty, FILE_QUOTE_MAX)}` };
  }
  const what = describe(err);
  return { path, at: 'value', message: what ? `${where} must be ${what}` : `${where} ${err.message ?? 'does not match the schema'}` };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of keys and values',
  null: 'empty'
};

/** What the value must be, as the end of "… must be ___"; null for a rule said otherwise. */
function describe(e: ErrorObject): string | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : [String(p.type)];
      return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
    }
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'minimum':
      return `at least ${String(p.limit)}`;
    case 'maximum':
      return `at most ${String(p.limit)}`;
    case 'minItems':
      return p.limit === 1 ? 'a list that is not empty' : `a list of at least ${String(p.limit)} items`;
    case 'maxItems':
      return `a list of at most ${String(p.limit)} items`;
    case 'pattern':
      return `text matching ${String(p.pattern)}`;
    default:
      return null;
  }
}

/** A JSON Pointer segment as written in the file (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
