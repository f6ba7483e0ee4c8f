import type { Notifier, RolloutEvent } from '../ports/notifier.js';
import type { RolloutReport } from '../model/report.js';
import type { Logger } from '../util/log.js';
import type { GitHubClient } from '../github/client.js';
import type { GitHubContext } from '../github/context.js';
import { explainGitHubError } from '../github/errors.js';
import { statusDescription } from './commit-status.js';

const MAX_OUTPUT = 65_535;

/** Clips Markdown under GitHub's output limit without splitting a surrogate pair. */
export function clipOutput(text: string, max = MAX_OUTPUT): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated; the full report is in the job summary and the report artifact)';
  let cut = max - note.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + note;
}

export interface CheckRunNotifierOptions {
  client: GitHubClient;
  ctx: GitHubContext;
  /** Check name; usually the status context, e.g. `shipgate/production`. */
  name: string;
  /** The summary renderer; its Markdown becomes the check's output text. */
  renderMarkdown: (report: RolloutReport) => string;
  logger: Logger;
}

/**
 * Optional check run beside the commit status. The commit status is the reliable gate: a check
 * run created with GITHUB_TOKEN may land in another workflow's check suite.
 */
export class CheckRunNotifier implements Notifier {
  readonly name = 'check-run';
  private id: number | null = null;
  constructor(private readonly o: CheckRunNotifierOptions) {}

  async notify(event: RolloutEvent): Promise<void> {
    const { owner, repo, statusSha } = this.o.ctx;
    const detailsUrl = event.logUrl ?? this.o.ctx.runUrl;
    try {
      if (event.type === 'started') {
        const res = await this.o.client.rest.checks.create({
          owner,
          repo,
          name: this.o.name,
          head_sha: statusSha,
          status: 'in_progress',
          external_id: event.deploymentId,
          ...(detailsUrl ? { details_url: detailsUrl } : {}),
          output: { title: `Rolling out ${event.version}`, summary: `Canary rollout of ${event.version} to ${event.environment} is in progress.` }
        });
        this.id = res.data.id;
        return;
      }
      const r = event.report;
      const conclusion = r.result === 'promoted' ? 'success' : r.result === 'paused' ? 'neutral' : 'failure';
      const output = {
        title: statusDescription(r),
        summary: clipOutput(r.reason ? `${statusDescription(r)}\n\n${r.reason}` : statusDescription(r)),
        text: clipOutput(this.o.renderMarkdown(r))
      };
      if (this.id !== null) {
        await this.o.client.rest.checks.update({
          owner,
          repo,
          check_run_id: this.id,
          status: 'completed',
          conclusion,
          completed_at: new Date().toISOString(),
          output
        });
      } else {
        await this.o.client.rest.checks.create({
          owner,
          repo,
          name: this.o.name,
          head_sha: statusSha,
          status: 'completed',
          conclusion,
          completed_at: new Date().toISOString(),
          external_id: r.deploymentId,
          ...(detailsUrl ? { details_url: detailsUrl } : {}),
          output
        });
      }
    } catch (err) {
      throw new Error(explainGitHubError(err, `publish the check run ${this.o.name}`, 'checks'), { cause: err });
    }
  }
}
