/** Parses `30s`, `2m`, `1h`, `500ms` or a bare number of seconds into milliseconds; null if malformed. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * factor);
}

/**
 * `measured` (default): a duration that was measured, for people (`850 ms`, `4.2 s`, `10 min 0 s`).
 * `input`: a limit as an input is written (`500ms`, `30s`, `10m`, `6h`), the largest whole unit.
 */
export function formatDuration(ms: number, style: 'measured' | 'input' = 'measured'): string {
  if (style === 'input') {
    if (ms === 0) return '0s';
    if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0) return `${ms / 60_000}m`;
    if (ms % 1000 === 0) return `${ms / 1000}s`;
    return `${ms}ms`;
  }
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  // Round to whole seconds first, so 599.6 s reads "10 min 0 s", not "9 min 60 s".
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
