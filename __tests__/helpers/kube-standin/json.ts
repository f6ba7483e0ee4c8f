/** Plain-JSON helpers shared by the stand-in's modules. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v` when it is a JSON object, else a fresh empty one. */
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});

export const clone = <T>(v: T): T => structuredClone(v);

/** JSON equality (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A copy with object keys sorted at every depth (stable text for logs and comparisons). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])])
    );
  return v;
}

/** Reads `obj.a.b.c` for path ['a','b','c'] (array indices as '0', '1', ...). */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined;
    else if (isObj(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** The object at `path`, created (as empty objects) where missing. */
export function ensurePath(obj: Obj, path: readonly string[]): Obj {
  let cur = obj;
  for (const key of path) {
    if (!isObj(cur[key])) cur[key] = {};
    cur = cur[key] as Obj;
  }
  return cur;
}

/** A JSON scalar as text ('' or `fallback` when absent; objects as JSON). */
export const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === undefined || v === null ? fallback : JSON.stringify(v);
