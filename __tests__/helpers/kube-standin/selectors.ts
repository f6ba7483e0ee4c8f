/** Label and field selectors as list and watch requests carry them (`?labelSelector=`, `?fieldSelector=`). */
import { asObj, type Obj, str } from './json.js';
import { badRequest } from './errors.js';

type Requirement = { key: string; op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists'; values: string[] };

/** Splits on commas that are not inside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string): Requirement[] {
  return terms(selector).map((t) => {
    let m = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(t);
    if (m)
      return {
        key: m[1],
        op: m[2] as 'in' | 'notin',
        values: m[3]
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      };
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(t);
    if (m) return { key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
    m = /^(!?)([^=!\s()]+)$/.exec(t);
    if (m) return { key: m[2], op: m[1] ? '!exists' : 'exists', values: [] };
    throw badRequest(`unable to parse requirement: ${t}`);
  });
}

function matches(reqs: Requirement[], get: (key: string) => string | undefined): boolean {
  return reqs.every((r) => {
    const v = get(r.key);
    switch (r.op) {
      case '=':
        return v === r.values[0];
      case '!=':
        return v !== r.values[0];
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case '!exists':
        return v === undefined;
    }
  });
}

/** A predicate for `labelSelector` and `fieldSelector` (fields: metadata.name, metadata.namespace). */
export function objectFilter(labelSelector: string | null, fieldSelector: string | null): (obj: Obj) => boolean {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector ? parseLabelSelector(fieldSelector) : [];
  for (const f of fields) if (f.key !== 'metadata.name' && f.key !== 'metadata.namespace') throw badRequest(`field label not supported: ${f.key}`);
  return (obj) => {
    const meta = asObj(obj.metadata);
    const objLabels = asObj(meta.labels);
    return (
      matches(labels, (k) => (typeof objLabels[k] === 'string' ? objLabels[k] : undefined)) &&
      matches(fields, (k) => (k === 'metadata.name' ? str(meta.name) : str(meta.namespace, '')))
    );
  };
}
