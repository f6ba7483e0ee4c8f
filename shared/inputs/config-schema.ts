import { Ajv, type ValidateFunction } from 'ajv';
import schema from '../../schema/shipgate.schema.json' with { type: 'json' };
import { inputSpec } from './catalogue.js';
import { FILE_QUOTE_MAX, quote } from './input-error.js';

let compiled: ValidateFunction | undefined;

/**
 * Validates a parsed config file against schema/shipgate.schema.json; returns one sentence or null.
 * Keys and environment names come from the file: they are quoted short and escaped.
 */
export function validateConfig(doc: unknown): string | null {
  compiled ??= new Ajv({ allErrors: false, strict: false }).compile(schema);
  const validate = compiled;
  if (validate(doc)) return null;
  const e = validate.errors?.[0];
  if (!e) return 'it does not match the schema';
  const where = e.instancePath ? quote(e.instancePath.slice(1).split('/').map(unescapePointer).join('.'), FILE_QUOTE_MAX) : 'the top level';
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const secret = inputSpec(key)?.secret === true;
    return secret
      ? `"${key}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
      : `${where} has an unknown key ${quote(key, FILE_QUOTE_MAX)}`;
  }
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
  return `${where} ${e.message ?? 'does not match the schema'}`;
}

/** A JSON Pointer segment as written in the file (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
