import type { CommitTimes } from '../../ports/commit-times.js';
import type { ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';
import { environments, openLedger } from './ledger.js';

/**
 * `dora`: the four DORA metrics of each environment from the ledger, with commit times from the
 * GitHub API when the ledger is GitHub's (no checkout needed), else from `git log` here.
 */
export async function doraCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const { common, ledger, gh } = await openLedger(rt);
  const dora = await import('../../dora/index.js');
  const now = args.cli.until ? dora.parseSince(args.cli.until, new Date()) : new Date();
  const commits: CommitTimes = gh
    ? new dora.GitHubCompareCommitTimes({ client: gh.client, owner: gh.ctx.owner, repo: gh.ctx.repo })
    : new dora.GitLogCommitTimes({ cwd: rt.workspace });
  const reports = [];
  for (const environment of environments(common, args.inputs.environment))
    reports.push(await dora.doraReport({ ledger, commits, environment, since: args.cli.since ?? '90d', now }));
  // Markdown reads well on a terminal too, and goes into a job summary as it is (--markdown).
  const text = reports.map((r) => dora.renderMarkdown(r)).join('\n\n');
  return { json: reports.length === 1 ? reports[0] : reports, text };
}
