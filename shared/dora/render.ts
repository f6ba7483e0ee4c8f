import { escapeLogText, escapeMarkdown } from '../util/escape.js';
import type { Band } from './bands.js';
import type { DoraReport } from './metrics.js';

/** A span for people: `45 s`, `20 min`, `6 h 5 min`, `3 d 2 h`. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const d = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${d} d` : `${d} d ${hours % 24} h`;
}

const percent = (rate: number): string => `${(rate * 100).toFixed(1).replace(/\.0$/, '')} %`;
const band = (b: Band | null): string => b ?? 'no data';

/**
 * Inside a Mermaid block a quote ends the string and a backtick could close the fence: record
 * text (the environment name) is reduced to one inert line.
 */
function mermaidText(text: string, max = 80): string {
  return escapeLogText(text, max)
    .replace(/["`\\]/g, "'")
    .replace(/[{}[\]<>;%#]/g, ' ');
}

/** The Markdown table of the four metrics, the weekly chart and the notes (job summary, `--markdown`). */
export function renderMarkdown(report: DoraReport): string {
  const env = escapeMarkdown(report.environment, 80);
  const df = report.deploymentFrequency;
  const lt = report.leadTime;
  const cfr = report.changeFailureRate;
  const ttr = report.timeToRestore;
  const rows = [
    [
      'Deployment frequency',
      df.deployments === 0 ? 'none' : `${df.perWeek} per week (${df.perDay} per day)`,
      `${plural(df.deployments, 'deployment')}, ${plural(df.attempts, 'rollout')} begun`,
      band(df.band)
    ],
    [
      'Lead time for changes',
      lt.medianMs === null ? 'no data' : `median ${formatSpan(lt.medianMs)}, p90 ${formatSpan(lt.p90Ms ?? lt.medianMs)}`,
      `${lt.commits} commits in ${lt.deployments} deployments`,
      band(lt.band)
    ],
    [
      'Change failure rate',
      cfr.rate === null ? 'no data' : percent(cfr.rate),
      `${cfr.failures} of ${cfr.changes} changes: ${cfr.rolledBackByAnalysis} rolled back by analysis, ${cfr.restoredAfterPromotion} restored after promotion`,
      band(cfr.band)
    ],
    [
      'Time to restore',
      ttr.medianMs === null ? 'no data' : `median ${formatSpan(ttr.medianMs)}, p90 ${formatSpan(ttr.p90Ms ?? ttr.medianMs)}`,
      `${plural(ttr.restores, 'restore')}: ${ttr.canary.restores} canary${ttr.canary.medianMs === null ? '' : ` (median ${formatSpan(ttr.canary.medianMs)})`}, ${ttr.afterPromotion.restores} after promotion${ttr.afterPromotion.medianMs === null ? '' : ` (median ${formatSpan(ttr.afterPromotion.medianMs)})`}`,
      band(ttr.band)
    ]
  ];
  const lines = [
    `### DORA metrics: ${env}, ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)} (${plural(report.window.days, 'day')})`,
    '',
    '| Metric | Value | Counted | Level |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Levels as in the ${escapeMarkdown(report.bandsSource)}; how each number is computed: docs/dora.md.`,
    '',
    renderMermaid(report),
    '',
    'Bars: rollouts that served production traffic (promoted, restored or rolled back by analysis) per ISO week; front bars: those that failed.'
  ];
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${escapeMarkdown(n, 600)}`));
  return `${lines.join('\n')}\n`;
}

/** A Mermaid `xychart-beta` block: per ISO week, changes in production and, in front, failures. */
export function renderMermaid(report: DoraReport): string {
  const weeks = report.weeks;
  const top = Math.max(1, ...weeks.map((w) => w.changes));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Changes and failures per week in ${mermaidText(report.environment)}"`,
    `  x-axis [${weeks.map((w) => `"${w.week}"`).join(', ')}]`,
    `  y-axis "Rollouts" 0 --> ${top}`,
    `  bar [${weeks.map((w) => w.changes).join(', ')}]`,
    `  bar [${weeks.map((w) => w.failures).join(', ')}]`,
    '```'
  ].join('\n');
}

/** The `dora` JSON (action output, `--json`). */
export function renderJson(report: DoraReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** "1 day", "3 days". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
