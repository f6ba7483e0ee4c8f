import type { SmokeTestResult } from '../smoke/smoke-run.js';
import { escapeMarkdown } from '../util/escape.js';

/** The job summary of the smoke-test action (Markdown); every piece of untrusted text is escaped. */
export function renderSmokeSummary(result: SmokeTestResult): string {
  const total = result.results.reduce((n, r) => n + r.requests, 0);
  const head = result.passed
    ? `## ✅ Smoke test passed: ${total} of ${total} requests`
    : `## ❌ Smoke test failed: ${result.failures} of ${total} requests did not meet expectations`;
  const rows = result.results.map((r) => {
    const statuses = Object.entries(r.statuses)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${escapeMarkdown(k)}×${n}`)
      .join(', ');
    const failure = r.firstFailure
      ? `${escapeMarkdown(r.firstFailure.reason, 200)}${r.firstFailure.bodyStart ? `: ${escapeMarkdown(r.firstFailure.bodyStart, 120)}` : ''}`
      : '—';
    return `| ${escapeMarkdown(r.url, 200)} | ${r.requests} | ${r.passed} | ${r.failed} | ${r.p50Ms} ms | ${r.p95Ms} ms | ${r.maxMs} ms | ${statuses} | ${failure} |`;
  });
  return [
    head,
    '',
    '| URL | Requests | Passed | Failed | p50 | p95 | Max | Statuses | First failure |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
    '',
    `Took ${(result.durationMs / 1000).toFixed(1)} s.`,
    ''
  ].join('\n');
}
