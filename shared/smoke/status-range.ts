/** An inclusive range of HTTP status codes. */
export interface StatusRange {
  min: number;
  max: number;
}

/**
 * Parses `200-399`, `200,204`, `2xx` or any mix separated by commas or spaces
 * (e.g. `200-299, 301 404`). Codes must be 100–599 and a range must not run backwards.
 * Returns null when the text is invalid or empty.
 */
export function parseStatusRanges(text: string): StatusRange[] | null {
  const items = text.split(/[\s,]+/).filter(Boolean);
  if (items.length === 0) return null;
  const out: StatusRange[] = [];
  for (const item of items) {
    let m: RegExpExecArray | null;
    if ((m = /^([1-5])xx$/i.exec(item))) {
      out.push({ min: Number(m[1]) * 100, max: Number(m[1]) * 100 + 99 });
    } else if ((m = /^(\d{3})(?:-(\d{3}))?$/.exec(item))) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (min < 100 || max > 599 || min > max) return null;
      out.push({ min, max });
    } else {
      return null;
    }
  }
  return out;
}

export function statusAllowed(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((r) => status >= r.min && status <= r.max);
}

/** `200-399` / `200, 204`: for sentences and summaries. */
export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)).join(', ');
}
