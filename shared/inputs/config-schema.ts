import { Ajv } from 'ajv';
import schema from '../../schema/shipgate.schema.json' with { type: 'json' };
import { inputSpec } from './catalogue.js';

/** Validates a parsed config file against schema/shipgate.schema.json; returns one sentence or null. */
export function validateConfig(doc: unknown): string | null {
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(schema);
  if (validate(doc)) return null;
  const e = validate.errors?.[0];
  if (!e) return 'it does not match the schema';
  const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'the top level';
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const secret = inputSpec(key)?.secret === true;
    return secret
      ? `"${key}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
      : `${where} has an unknown key "${key}"`;
  }
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
  return `${where} ${e.message}`;
}
