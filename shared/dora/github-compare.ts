import type { GitHubClient } from '../github/client.js';
import { errorStatus, explainGitHubError } from '../github/errors.js';
import type { CommitTime, CommitTimes } from '../ports/commit-times.js';
import { escapeLogText } from '../util/escape.js';

export interface GitHubCompareOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Most commits read per range (default 1000, ten requests): GitHub lists a compare 100 a page. */
  maxCommits?: number;
}

const PER_PAGE = 100;
const SHA = /^[0-9a-f]{4,64}$/i;

interface ApiCommit {
  sha: string;
  commit: { committer?: { date?: string } | null; author?: { date?: string } | null };
}

/** Commit times from the GitHub API (compare and get-a-commit), for runs without a full checkout. */
export class GitHubCompareCommitTimes implements CommitTimes {
  readonly where: string;

  constructor(private readonly options: GitHubCompareOptions) {
    this.where = `GitHub commits of ${options.owner}/${options.repo}`;
  }

  async range(commit: string, previous?: string): Promise<CommitTime[]> {
    for (const sha of previous === undefined ? [commit] : [commit, previous]) {
      if (!SHA.test(sha)) throw new Error(`The commit "${escapeLogText(sha, 80)}" is not a commit SHA (hexadecimal), so GitHub cannot look it up.`);
    }
    const { client, owner, repo } = this.options;
    if (previous === undefined) {
      try {
        const res = await client.rest.repos.getCommit({ owner, repo, ref: commit, per_page: 1 });
        return [toCommitTime(res.data)];
      } catch (err) {
        throw new Error(this.explain(err, `read the commit ${commit} of ${owner}/${repo}`), { cause: err });
      }
    }
    const max = Math.max(1, this.options.maxCommits ?? 1000);
    const out: CommitTime[] = [];
    // Three dots: the commits reachable from `commit` and not from `previous`, as git's `previous..commit`.
    const basehead = `${previous}...${commit}`;
    for (let page = 1; out.length < max; page++) {
      let data: { total_commits: number; commits: ApiCommit[] };
      try {
        data = (await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: PER_PAGE, page })).data;
      } catch (err) {
        throw new Error(this.explain(err, `compare ${basehead} in ${owner}/${repo}`), { cause: err });
      }
      out.push(...data.commits.slice(0, max - out.length).map(toCommitTime));
      if (data.commits.length < PER_PAGE || out.length >= Math.min(max, data.total_commits)) break;
    }
    return out;
  }

  private explain(err: unknown, what: string): string {
    const sentence = explainGitHubError(err, what, 'contents');
    // A 404 or 422 on a commit usually means the commit is gone (force push) or never was pushed.
    const status = errorStatus(err);
    return status === 404 || status === 422
      ? `${sentence.replace(/\.$/, '')}; a commit that was never pushed or was force-pushed away also answers so.`
      : sentence;
  }
}

function toCommitTime(c: ApiCommit): CommitTime {
  const committedAt = c.commit.committer?.date ?? c.commit.author?.date;
  const authoredAt = c.commit.author?.date ?? committedAt;
  if (!committedAt || !authoredAt) throw new Error(`GitHub returned the commit ${c.sha} without a date.`);
  return { sha: c.sha, committedAt: new Date(committedAt).toISOString(), authoredAt: new Date(authoredAt).toISOString() };
}
