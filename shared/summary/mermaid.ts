/** Mermaid xychart-beta blocks (GitHub renders them in job summaries, issues and check runs). */
export function xyChart(options: { title: string; xLabels: string[]; yTitle: string; yMax?: number; bars?: number[]; lines: number[][] }): string {
  const fmt = (xs: number[]) => `[${xs.map((x) => (Number.isFinite(x) ? round(x) : 0)).join(', ')}]`;
  const all = [...(options.bars ?? []), ...options.lines.flat()].filter(Number.isFinite);
  const yMax = options.yMax ?? Math.max(1, ...all) * 1.1;
  const out = [
    '```mermaid',
    'xychart-beta',
    `  title "${options.title.replace(/"/g, "'")}"`,
    `  x-axis [${options.xLabels.map((l) => `"${l.replace(/"/g, "'")}"`).join(', ')}]`,
    `  y-axis "${options.yTitle}" 0 --> ${round(yMax)}`
  ];
  if (options.bars) out.push(`  bar ${fmt(options.bars)}`);
  for (const l of options.lines) out.push(`  line ${fmt(l)}`);
  out.push('```');
  return out.join('\n');
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
