/**
 * Text from probed services, commands and users is untrusted. These make it inert before it
 * reaches a log line (where `::` starts a workflow command), a Markdown summary or an issue.
 */

/** For log lines: no line may start a workflow command, and no control characters survive. */
export function escapeLogText(text: string, max = 500): string {
  const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
  return (
    clipped
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '\uFFFD')
      .replace(/\r?\n/g, ' ⏎ ')
      .replace(/::/g, ': :')
  );
}

/** For Markdown (summaries, issues, check runs): inline, single line, no markup, no mentions. */
export function escapeMarkdown(text: string, max = 300): string {
  return escapeLogText(text, max)
    .replace(/[\\`*_{}[\]()<>#+!|~^$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/@/g, '@\u200b');
}

/** For a fenced code block in Markdown: the fence itself cannot be closed from inside. */
export function escapeCodeBlock(text: string, max = 2000): string {
  const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
  return clipped.replace(/`/g, 'ˋ').replace(/::/g, ': :').replace(/@/g, '@\u200b');
}
