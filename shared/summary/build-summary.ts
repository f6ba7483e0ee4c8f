import type { BuildOutcome } from '../model/release.js';
import { escapeMarkdown } from '../util/escape.js';

/** The job summary of the build action: the release it made and what went into it. */
export function renderBuildSummary(out: BuildOutcome): string {
  const shown = out.files
    .slice(0, 20)
    .map((f) => `\`${escapeMarkdown(f)}\``)
    .join(', ');
  return [
    `## 📦 Shipgate build: ${escapeMarkdown(out.release.version)}`,
    '',
    '| | |',
    '|---|---|',
    `| Version | ${escapeMarkdown(out.release.version)} |`,
    `| Digest | \`${out.release.digest}\` |`,
    `| Commit | ${escapeMarkdown(out.release.commit || '—')} |`,
    `| Build time | ${(out.durationMs / 1000).toFixed(1)} s |`,
    `| Artifact | ${out.files.length} files, ${(out.sizeBytes / 1024).toFixed(1)} KiB |`,
    `| Manifest | \`${escapeMarkdown(out.manifestPath)}\` |`,
    '',
    `Files: ${shown}${out.files.length > 20 ? `, … (${out.files.length - 20} more)` : ''}`,
    ''
  ].join('\n');
}
