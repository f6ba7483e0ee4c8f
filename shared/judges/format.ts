/** Number formatting shared by the judges' explanation sentences. */

export function pct(x: number): string {
  const v = x * 100;
  return `${v >= 10 || v === 0 ? v.toFixed(1) : v.toFixed(2).replace(/0$/, '')} %`;
}

/** Tolerances are stated in points (an absolute difference of two rates). */
export function points(x: number): string {
  return `${+(x * 100).toFixed(2)} pt`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function evalue(logE: number): string {
  const e = Math.exp(logE);
  if (!Number.isFinite(e)) return '> 1e300';
  if (e >= 1e6) return e.toExponential(1);
  if (e >= 100) return e.toFixed(0);
  if (e >= 10) return e.toFixed(1);
  return e.toFixed(2);
}

export function alphaText(a: number): string {
  return `${+(a * 100).toPrecision(2)} %`;
}

export function ms(x: number): string {
  return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}
