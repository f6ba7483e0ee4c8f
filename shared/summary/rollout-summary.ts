import type { RolloutReport, StepReport } from '../model/report.js';
import type { SideStats } from '../model/sample.js';
import { escapeMarkdown } from '../util/escape.js';
import { formatDuration } from '../util/duration.js';
import { xyChart } from './mermaid.js';

const ICON: Record<string, string> = { promoted: '✅', 'rolled-back': '↩️', failed: '❌', paused: '⏸️' };

/** The job summary (and check-run text) of a rollout: what happened, why, and the evidence. */
export function renderRolloutSummary(report: RolloutReport, options: { title?: string; reportPath?: string } = {}): string {
  const out: string[] = [];
  const title = options.title ?? `Shipgate rollout of ${report.release.version} to ${report.environment}`;
  out.push(`## ${ICON[report.result] ?? ''} ${escapeMarkdown(title)}: ${report.result}`);
  out.push('');
  out.push(`**Why:** ${escapeMarkdown(report.reason, 1000)}`);
  out.push('');
  if (report.firstRelease) {
    out.push(
      '> **First release:** there was nothing to compare with (no stable version on the target or in the ledger, and no stable-url), so the canary was held to absolute bounds only: error rate within error-tolerance, and latency within max-latency when set.',
      ''
    );
  }
  if (report.result === 'paused') {
    out.push(
      `> **Waiting for a person:** run canary-deploy for ${escapeMarkdown(report.environment)} with \`action: promote\` (to 100 %) or \`action: abort\` (back to ${escapeMarkdown(report.previous?.version ?? 'stable')}), from any run: the ledger holds the canary. The commit status stays pending until then.`,
      ''
    );
  }
  if (report.settled?.length) {
    out.push('**Settled first** (unfinished rollouts of other runs):', '');
    for (const n of report.settled) out.push(`- ${escapeMarkdown(n, 400)}`);
    out.push('');
  }
  out.push(
    `| | |\n|---|---|\n| Environment | ${escapeMarkdown(report.environment)} |\n| Version | ${escapeMarkdown(report.release.version)}${report.release.digest ? ` (\`${report.release.digest.slice(0, 19)}…\`)` : ''} |\n| Previous stable | ${escapeMarkdown(report.previous?.version ?? '—')} |\n| Deployment | ${escapeMarkdown(report.deploymentId || '—')} |\n| Final canary weight | ${report.weight} % |` +
      (report.rollbackMs !== null ? `\n| Verdict → stable at 100 % | ${report.rollbackMs} ms |` : '') +
      (report.incidentUrl ? `\n| Incident | ${report.incidentUrl} |` : '') +
      (report.revertPrUrl ? `\n| Revert PR | ${report.revertPrUrl} |` : '') +
      (report.freezeOverride
        ? `\n| Freeze overridden | ${escapeMarkdown(report.freezeOverride.window)} (${report.freezeOverride.start} to ${report.freezeOverride.end}): ${escapeMarkdown(report.freezeOverride.reason, 300)} |`
        : '')
  );
  if (report.waves?.length) {
    out.push('', '### Waves', '', '| Wave | Targets | Result | Steps |', '|---|---|---|---|');
    report.waves.forEach((w, i) => {
      const steps = w.steps.map((k) => `${report.steps[k]?.weight ?? '?'} %`).join(', ') || '—';
      out.push(`| ${i + 1}. ${escapeMarkdown(w.name)} | ${escapeMarkdown(w.targets.join(', '))} | ${WAVE_RESULTS[w.result]} | ${steps} |`);
    });
  }
  if (report.steps.length) {
    out.push('', '### Steps', '');
    out.push('| Step | Weight | Canary requests | Stable requests | Canary errors | Stable errors | Canary p95 | Stable p95 | Verdict | Reason |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
    for (const s of report.steps) out.push(stepRow(s));
    const notes = report.steps.flatMap((s) => {
      const lines: string[] = [];
      const where = s.wave !== undefined && report.waves?.[s.wave] ? `, wave ${escapeMarkdown(report.waves[s.wave].name)}` : '';
      if (s.sources && Object.keys(s.sources).length) {
        const list = Object.entries(s.sources).map(([name, n]) => `${escapeMarkdown(SOURCE_NAMES[name] ?? name)}: ${n}`);
        lines.push(`- Step ${s.index + 1} (${s.weight} %${where}) evidence — ${list.join(', ')}`);
      }
      if (s.baseline) lines.push(`- Step ${s.index + 1} (${s.weight} %${where}) baseline — ${escapeMarkdown(s.baseline, 400)}`);
      return lines;
    });
    if (notes.length) out.push('', ...notes);
    out.push('', evidenceTable(report.steps[report.steps.length - 1]));
    out.push('', weightChart(report));
    const last = report.steps[report.steps.length - 1];
    if (last.looks.length > 1) out.push('', evidenceChart(last));
    const failing = report.steps.flatMap((s) => s.failingSamples ?? []).slice(0, 5);
    if (failing.length) {
      out.push('', '<details><summary>Sample failing canary responses (untrusted text, escaped)</summary>', '');
      for (const f of failing) out.push(`- ${f.status || 'no response'}: ${escapeMarkdown(f.detail || '(empty)', 200)}`);
      out.push('', '</details>');
    }
  }
  if (report.timeline.length) {
    out.push('', '### Timeline', '', '| Time (UTC) | Event | Detail |', '|---|---|---|');
    for (const e of report.timeline) out.push(`| ${e.at.slice(11, 23)} | ${escapeMarkdown(e.event)} | ${escapeMarkdown(e.detail ?? '', 400)} |`);
  }
  if (options.reportPath) out.push('', `Full JSON report: \`${escapeMarkdown(options.reportPath)}\``);
  return out.join('\n') + '\n';
}

const WAVE_RESULTS: Record<NonNullable<RolloutReport['waves']>[number]['result'], string> = {
  promoted: 'promoted',
  'rolled-back': 'rolled back',
  failed: 'failed (restoring failed too: check by hand)',
  'not-started': 'not started'
};

/** How each signal source reads in the summary. */
const SOURCE_NAMES: Record<string, string> = {
  nginx: 'customer requests in the nginx access log',
  haproxy: 'customer requests counted by HAProxy',
  'local-proxy': 'requests through the local proxy',
  probe: 'probes',
  prometheus: 'Prometheus counters',
  'earlier-steps': 'stable requests recorded at earlier steps'
};

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 && x > 0 ? 2 : 1)} %`;
}

function ms(x: number | null): string {
  return x === null ? '—' : `${Math.round(x)} ms`;
}

function errs(s: SideStats): string {
  return s.requests ? `${pct(s.errorRate)} (${s.errors})` : '—';
}

function stepRow(s: StepReport): string {
  const v = s.verdict.decision === 'continue' ? (s.decidedByPolicy ? 'inconclusive' : '…') : s.verdict.decision;
  return `| ${s.index + 1} | ${s.weight} % | ${s.canary.requests} | ${s.stable.requests} | ${errs(s.canary)} | ${errs(s.stable)} | ${ms(s.canary.p95Ms)} | ${ms(s.stable.p95Ms)} | ${v} (${formatDuration(s.durationMs)}) | ${escapeMarkdown(s.verdict.reason, 300)} |`;
}

function evidenceTable(s: StepReport): string {
  const rows = [
    `**Evidence of the deciding step (${s.weight} %)** — canary p50/p95/p99 ${ms(s.canary.p50Ms)} / ${ms(s.canary.p95Ms)} / ${ms(s.canary.p99Ms)}, stable ${ms(s.stable.p50Ms)} / ${ms(s.stable.p95Ms)} / ${ms(s.stable.p99Ms)}`,
    '',
    '| Check | Decision | Canary | Stable | Tolerance | Statistic | Boundary | Explanation |',
    '|---|---|---:|---:|---:|---:|---:|---|'
  ];
  for (const c of s.verdict.checks) {
    rows.push(
      `| ${escapeMarkdown(c.signal)} | ${c.decision} | ${num(c.canary)} | ${num(c.stable)} | ${num(c.tolerance)} | ${num(c.statistic)} | ${num(c.boundary)} | ${escapeMarkdown(c.explanation, 400)} |`
    );
  }
  return rows.join('\n');
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return x.toExponential(2);
  return String(Math.round(x * 10000) / 10000);
}

function weightChart(report: RolloutReport): string {
  const labels = report.steps.map((s) => `${s.weight}%`);
  return xyChart({
    title: 'Canary weight (bars, %) and error rate (lines: canary, stable; %)',
    xLabels: labels,
    yTitle: '%',
    yMax: 100,
    bars: report.steps.map((s) => s.weight),
    lines: [report.steps.map((s) => s.canary.errorRate * 100), report.steps.map((s) => s.stable.errorRate * 100)]
  });
}

function evidenceChart(s: StepReport): string {
  const keys = Object.keys(s.looks[s.looks.length - 1].statistics);
  const looks = s.looks.length > 30 ? s.looks.filter((_, i) => i % Math.ceil(s.looks.length / 30) === 0 || i === s.looks.length - 1) : s.looks;
  return xyChart({
    title: `Evidence over time at ${s.weight} % (log e-value per check: ${keys.join(', ')}; a check decides when its line crosses its boundary, log of the boundary in the table)`,
    xLabels: looks.map((l) => `${(l.atMs / 1000).toFixed(0)}s`),
    yTitle: 'log e-value',
    yMax: Math.max(6, ...looks.flatMap((l) => Object.values(l.statistics)).filter(Number.isFinite)) * 1.1,
    lines: keys.map((k) => looks.map((l) => Math.max(0, l.statistics[k] ?? 0)))
  });
}
