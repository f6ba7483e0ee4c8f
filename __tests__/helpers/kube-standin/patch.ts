/**
 * The three patch formats kube-apiserver takes:
 * - JSON patch (RFC 6902), with evanphx/json-patch's behaviour where it matters: `replace` and
 *   `remove` need the target to exist, `add` needs the parent, `test` compares JSON values.
 * - JSON merge patch (RFC 7386): objects merge, `null` deletes, anything else replaces.
 * - Strategic merge patch, for built-in kinds only, driven by a small table of patch metadata
 *   (`SmpSchema`): lists with a merge key merge element by element, other lists are replaced;
 *   directives `$patch` (replace/delete/merge), `$retainKeys`, `$setElementOrder/<list>` and
 *   `$deleteFromPrimitiveList/<list>` are honoured.
 */
import { clone, deepEqual, isObj, type Obj, str } from './json.js';

/** Thrown when a patch does not apply; `bad` marks a malformed patch document (400, not 422). */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly bad = false
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// RFC 6902

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Checks the shape of a JSON patch document (kube-apiserver answers 400 when it does not decode). */
export function decodeJsonPatch(doc: unknown): JsonPatchOp[] {
  if (!Array.isArray(doc)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', true);
  return doc.map((op, i) => {
    if (!isObj(op) || typeof op.op !== 'string' || !OPS.has(op.op))
      throw new PatchError(`Unexpected kind: ${String(isObj(op) ? op.op : op)} (operation ${i})`, true);
    if (typeof op.path !== 'string') throw new PatchError(`operation ${i} missing path`, true);
    if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') throw new PatchError(`operation ${i} missing from`, true);
    if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) throw new PatchError(`operation ${i} missing value`, true);
    return op as unknown as JsonPatchOp;
  });
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`JSON pointer must start with "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The container holding the last token of `tokens`, and that token. */
function parentOf(doc: unknown, tokens: string[], pointer: string): { parent: Obj | unknown[]; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length - 1, pointer)];
    else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else throw new PatchError(`doc is missing path: "${pointer}": missing value`);
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new PatchError(`doc is missing path: "${pointer}": missing value`);
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function arrayIndex(token: string, max: number, pointer: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`Unable to access invalid index: ${token} (${pointer})`);
  const i = Number(token);
  if (i > max) throw new PatchError(`Unable to access invalid index: ${i} (${pointer})`);
  return i;
}

function getAt(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  const tokens = parsePointer(pointer);
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t) || Number(t) >= cur.length) return { found: false, value: undefined };
      cur = cur[Number(t)];
    } else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else return { found: false, value: undefined };
  }
  return { found: true, value: cur };
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    if (key === '-') parent.push(value);
    else parent.splice(arrayIndex(key, parent.length, pointer), 0, value);
  } else parent[key] = value;
  return doc;
}

function removeAt(doc: unknown, pointer: string, op: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError(`${op} operation does not apply: the root cannot be removed`);
  const { parent, key } = parentOf(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length - 1, pointer), 1);
  else if (Object.prototype.hasOwnProperty.call(parent, key)) delete parent[key];
  else throw new PatchError(`${op} operation does not apply: doc is missing key: ${pointer}`);
  return doc;
}

/** Applies an RFC 6902 patch to a copy of `doc`; throws PatchError when an operation does not apply. */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  let out = clone(doc);
  for (const op of decodeJsonPatch(patch)) {
    switch (op.op) {
      case 'add':
        out = addAt(out, op.path, clone(op.value));
        break;
      case 'remove':
        out = removeAt(out, op.path, 'remove');
        break;
      case 'replace': {
        if (op.path === '') {
          out = clone(op.value);
          break;
        }
        out = removeAt(out, op.path, 'replace');
        out = addAt(out, op.path, clone(op.value));
        break;
      }
      case 'move': {
        const from = getAt(out, op.from ?? '');
        if (!from.found) throw new PatchError(`move operation does not apply: doc is missing from path: ${op.from}`);
        out = removeAt(out, op.from ?? '', 'move');
        out = addAt(out, op.path, from.value);
        break;
      }
      case 'copy': {
        const from = getAt(out, op.from ?? '');
        if (!from.found) throw new PatchError(`copy operation does not apply: doc is missing from path: ${op.from}`);
        out = addAt(out, op.path, clone(from.value));
        break;
      }
      case 'test': {
        const at = getAt(out, op.path);
        // evanphx/json-patch: a missing path passes only a test for null.
        const ok = at.found ? deepEqual(at.value, op.value) : op.value === null;
        if (!ok) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFC 7386

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch

/**
 * Patch metadata of one field, as Kubernetes' Go types carry it in `patchStrategy` and
 * `patchMergeKey` tags. Fields not described merge as maps (objects) or are replaced (lists).
 */
export interface SmpSchema {
  /** Known fields of an object. */
  fields?: Record<string, SmpSchema>;
  /** For a list: the schema of its elements. */
  items?: SmpSchema;
  /** For a list of objects: merge element by element, matching on this key. */
  mergeKey?: string;
  /** For a list of scalars: merge as a set (`patchStrategy:"merge"`, e.g. finalizers). */
  mergeScalars?: boolean;
  /** `patchStrategy:"retainKeys"`: keys of the original not named in the patch's `$retainKeys` are dropped. */
  retainKeys?: boolean;
}

const DIRECTIVE = /^\$(patch|retainKeys)$|^\$setElementOrder\/|^\$deleteFromPrimitiveList\//;

/** Removes directives from a value that is put in place without merging. */
function stripDirectives(v: unknown, schema?: SmpSchema): unknown {
  if (Array.isArray(v))
    return v.filter((e) => !(isObj(e) && e.$patch === 'replace' && Object.keys(e).length === 1)).map((e) => stripDirectives(e, schema?.items));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (DIRECTIVE.test(k) || x === null) continue;
    out[k] = stripDirectives(x, schema?.fields?.[k]);
  }
  return out;
}

export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: SmpSchema): unknown {
  if (!isObj(patch)) throw new PatchError('strategic merge patch must be a JSON object', true);
  const merged = mergeMap(isObj(original) ? clone(original) : {}, patch, schema);
  return merged ?? {};
}

function mergeMap(original: Obj, patch: Obj, schema: SmpSchema | undefined): Obj | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch, schema) as Obj;
  if (directive !== undefined && directive !== 'merge') throw new PatchError(`Unknown patch type: ${str(directive)}`, true);

  let out = original;
  const retain = patch.$retainKeys;
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError('$retainKeys must be a list', true);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => retain.includes(k)));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (DIRECTIVE.test(key)) continue;
    const fieldSchema = schema?.fields?.[key];
    if (value === null) {
      delete out[key];
    } else if (isObj(value)) {
      const merged = mergeMap(isObj(out[key]) ? out[key] : {}, value, fieldSchema);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      out[key] = mergeList(Array.isArray(out[key]) ? (out[key] as unknown[]) : [], value, fieldSchema);
    } else {
      out[key] = value;
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const list = key.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[list]) && Array.isArray(value)) out[list] = (out[list] as unknown[]).filter((x) => !value.some((d) => deepEqual(d, x)));
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/')) {
      const list = key.slice('$setElementOrder/'.length);
      if (Array.isArray(out[list]) && Array.isArray(value)) out[list] = reorder(out[list] as unknown[], value, schema?.fields?.[list]?.mergeKey);
    }
  }
  return out;
}

function mergeList(original: unknown[], patch: unknown[], schema: SmpSchema | undefined): unknown[] {
  const replaceAll = patch.some((e) => isObj(e) && e.$patch === 'replace');
  if (replaceAll || !schema || (!schema.mergeKey && !schema.mergeScalars)) return stripDirectives(patch, schema) as unknown[];
  if (schema.mergeScalars) {
    const out = [...original];
    for (const x of patch) if (!out.some((o) => deepEqual(o, x))) out.push(x);
    return out;
  }
  const key = schema.mergeKey as string;
  const out = [...original];
  for (const item of patch) {
    if (!isObj(item)) throw new PatchError(`the list of objects with merge key ${key} holds a non-object`, true);
    if (!(key in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`, true);
    const at = out.findIndex((o) => isObj(o) && deepEqual(o[key], item[key]));
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      const merged = mergeMap(clone(out[at] as Obj), item, schema.items);
      if (merged === undefined) out.splice(at, 1);
      else out[at] = merged;
    } else {
      out.push(stripDirectives(item, schema.items));
    }
  }
  return out;
}

/** Orders `list` as `order` says (`$setElementOrder`); elements it does not name keep their order, after. */
function reorder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const keyOf = (x: unknown): unknown => (mergeKey && isObj(x) ? x[mergeKey] : x);
  const rank = (x: unknown): number => {
    const i = order.findIndex((o) => deepEqual(keyOf(o), keyOf(x)));
    return i < 0 ? order.length : i;
  };
  return list
    .map((x, i) => ({ x, i, r: rank(x) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((e) => e.x);
}
