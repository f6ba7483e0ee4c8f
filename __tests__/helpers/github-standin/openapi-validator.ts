import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

/** Checks requests against GitHub's published OpenAPI description (the trimmed subset). */
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: object;
  'x-multi-segment'?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
}

export interface MatchedOperation {
  operationId: string;
  method: string;
  template: string;
  pathParams: Record<string, string>;
  validate(query: URLSearchParams, body: unknown): string[];
}

const subsetPath = fileURLToPath(new URL('../../fixtures/openapi-subset.json', import.meta.url));

function deref(doc: Record<string, unknown>, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n));
  if (node && typeof node === 'object') {
    const ref = (node as { $ref?: string }).$ref;
    if (typeof ref === 'string') {
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], doc);
      return deref(doc, target);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(doc, v)]));
  }
  return node;
}

/** OpenAPI 3.0's `nullable` is not JSON Schema: rewrite it so ajv accepts null where GitHub does. */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const o = Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => [
      k,
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, nullableToJsonSchema(pv)]))
        : nullableToJsonSchema(v)
    ])
  ) as Record<string, unknown>;
  if (o.nullable === true) {
    delete o.nullable;
    if (typeof o.type === 'string') o.type = [o.type, 'null'];
    else return { anyOf: [o, { type: 'null' }] };
    if (Array.isArray(o.enum)) o.enum = [...(o.enum as unknown[]), null];
  } else delete o.nullable;
  return o;
}

// Formats the used operations declare (date-time, int64, repo.nwo); checked loosely like GitHub does.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function coerce(value: string, schema: { type?: string } | undefined): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema?.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

export class OpenApiValidator {
  private readonly ops: {
    method: string;
    template: string;
    regex: RegExp;
    names: string[];
    op: Operation;
    body?: ValidateFunction;
    params: Map<string, ValidateFunction>;
  }[] = [];

  constructor(file = subsetPath) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('date-time', DATE_TIME);
    ajv.addFormat('int64', true);
    // pulls/create's head_repo: "owner/name".
    ajv.addFormat('repo.nwo', /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
    const paths = doc.paths as Record<string, Record<string, Operation>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, rawOp] of Object.entries(item)) {
        const op = nullableToJsonSchema(deref(doc, rawOp)) as Operation;
        const names: string[] = [];
        const multi = new Set((op.parameters ?? []).filter((p) => p.in === 'path' && p['x-multi-segment']).map((p) => p.name));
        const regex = new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
            names.push(name);
            return multi.has(name) ? '(.+)' : '([^/]+)';
          })}$`
        );
        const params = new Map<string, ValidateFunction>();
        for (const p of op.parameters ?? []) if (p.schema) params.set(`${p.in}:${p.name}`, ajv.compile(p.schema));
        const schema = op.requestBody?.content['application/json']?.schema;
        this.ops.push({ method: method.toUpperCase(), template, regex, names, op, params, body: schema ? ajv.compile(schema) : undefined });
      }
    }
  }

  /**
   * The operation a request is for. When several templates match (a multi-segment `{ref}` in
   * /commits/{ref} also matches /commits/{ref}/status), the one with the most literal text wins,
   * as GitHub's router prefers the more specific route.
   */
  match(method: string, path: string): MatchedOperation | null {
    const literal = (t: string): number => t.replace(/\{\w+\}/g, '').length;
    const candidates = this.ops.filter((o) => o.method === method && o.regex.test(path)).sort((a, b) => literal(b.template) - literal(a.template));
    for (const o of candidates) {
      const m = o.regex.exec(path);
      if (!m) continue;
      const pathParams = Object.fromEntries(o.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return {
        operationId: o.op.operationId,
        method: o.method,
        template: o.template,
        pathParams,
        validate: (query, body) => this.check(o, pathParams, query, body)
      };
    }
    return null;
  }

  private check(o: OpenApiValidator['ops'][number], pathParams: Record<string, string>, query: URLSearchParams, body: unknown): string[] {
    const problems: string[] = [];
    const declared = o.op.parameters ?? [];
    for (const p of declared) {
      const validate = o.params.get(`${p.in}:${p.name}`);
      if (p.in === 'path') {
        const v = coerce(pathParams[p.name] ?? '', p.schema);
        if (validate && !validate(v))
          problems.push(`path parameter ${p.name}=${JSON.stringify(pathParams[p.name])}: ${validate.errors?.map((e) => e.message).join(', ')}`);
      } else if (p.in === 'query') {
        const raw = query.get(p.name);
        if (raw === null) {
          if (p.required) problems.push(`missing query parameter ${p.name}`);
          continue;
        }
        const v = coerce(raw, p.schema);
        if (validate && !validate(v)) problems.push(`query parameter ${p.name}=${JSON.stringify(raw)}: ${validate.errors?.map((e) => e.message).join(', ')}`);
      }
    }
    const known = new Set(declared.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of query.keys()) if (!known.has(name)) problems.push(`unknown query parameter ${name}`);
    const schema = o.op.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
    if (!o.body) {
      if (body !== undefined && o.method !== 'GET') problems.push('request body sent to an operation that takes none');
    } else if (body === undefined) {
      if (o.op.requestBody?.required) problems.push('missing request body');
    } else {
      if (!o.body(body))
        problems.push(...(o.body.errors ?? []).map((e) => `body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));
      // GitHub ignores unknown fields silently, which hides typos: flag them here.
      if (schema?.properties && body && typeof body === 'object' && !Array.isArray(body)) {
        for (const k of Object.keys(body)) if (!(k in schema.properties)) problems.push(`unknown body field ${k}`);
      }
    }
    return problems;
  }
}
