/**
 * A commit that reverts a range of commits, made with GitHub's Git Data API (no clone): the files
 * that changed between the last good commit and the failed one are set back to their state in the
 * good commit, on top of the branch's current tip. Files changed on the branch since the failed
 * commit stay as they are; when one of the reverted files changed there too, no commit is made
 * (a revert that needs a merge is left to people, never half done).
 */
import type { GitHubClient } from './client.js';
import { errorStatus } from './errors.js';

/** GitHub's compare lists at most 300 files: a longer list may be cut short. */
export const COMPARE_FILE_LIMIT = 300;

type Mode = '100644' | '100755' | '040000' | '160000' | '120000';
interface Entry {
  mode: Mode;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface RangeCommit {
  sha: string;
  /** First line of the message (untrusted text). */
  subject: string;
}

export interface RevertedFile {
  path: string;
  /** `restored`: set back to its content in the good commit; `deleted`: it did not exist there. */
  action: 'restored' | 'deleted';
  /** For a file the range renamed: its name after the rename (restored under the old one). */
  renamedTo?: string;
}

export interface RevertRequest {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Branch the revert goes on top of (its current tip). */
  base: string;
  good: string;
  bad: string;
  /** The revert commit's message, given the commits of the range (oldest first, up to 250) and how many there are in all. */
  message(commits: RangeCommit[], total: number): string;
}

export type RevertOutcome =
  | { made: false; why: string }
  | {
      made: true;
      /** The new commit (its only parent is `head`). */
      commit: string;
      tree: string;
      head: string;
      commits: RangeCommit[];
      totalCommits: number;
      files: RevertedFile[];
    };

const short = (sha: string): string => sha.slice(0, 7);
const same = (a: Entry | null, b: Entry | null): boolean => (a === null ? b === null : b !== null && a.sha === b.sha && a.mode === b.mode && a.type === b.type);

/** Which error a step of the revert failed with: the caller explains it. */
export class RevertStepError extends Error {
  constructor(
    readonly step: string,
    cause: unknown
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new RevertStepError(what, err);
  }
}

/**
 * Reads entries by path under root trees: one recursive listing per root, and when GitHub cuts
 * that listing short (over 100,000 entries or 7 MB), a walk through the path's directories.
 */
class TreeReader {
  private readonly listings = new Map<string, Map<string, Entry> | null>();
  private readonly dirs = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly client: GitHubClient,
    private readonly owner: string,
    private readonly repo: string
  ) {}

  private async list(treeSha: string, recursive: boolean): Promise<{ entries: Map<string, Entry>; truncated: boolean }> {
    const res = await this.client.rest.git.getTree({ owner: this.owner, repo: this.repo, tree_sha: treeSha, ...(recursive ? { recursive: 'true' } : {}) });
    const entries = new Map<string, Entry>();
    for (const e of res.data.tree)
      if (e.path && e.sha && e.mode && e.type) entries.set(e.path, { mode: e.mode as Mode, type: e.type as Entry['type'], sha: e.sha });
    return { entries, truncated: res.data.truncated };
  }

  async entry(root: string, path: string): Promise<Entry | null> {
    if (!this.listings.has(root)) {
      const { entries, truncated } = await this.list(root, true);
      this.listings.set(root, truncated ? null : entries);
    }
    const listing = this.listings.get(root);
    if (listing) return listing.get(path) ?? null;
    let tree = root;
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      if (!this.dirs.has(tree)) this.dirs.set(tree, (await this.list(tree, false)).entries);
      const e = this.dirs.get(tree)!.get(parts[i]);
      if (!e || i === parts.length - 1) return e ?? null;
      if (e.type !== 'tree') return null;
      tree = e.sha;
    }
    return null;
  }
}

/**
 * Makes the revert commit, or says in one sentence why there is none. Errors of GitHub calls are
 * thrown as RevertStepError naming the step.
 */
export async function revertRange(r: RevertRequest): Promise<RevertOutcome> {
  const { client, owner, repo, base, good, bad } = r;
  const range = `${short(good)}..${short(bad)}`;

  const head = await step(`read the branch ${base}`, async () => (await client.rest.git.getRef({ owner, repo, ref: `heads/${base}` })).data.object.sha);

  const compare = async (from: string, to: string) => {
    try {
      return (await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${from}...${to}` })).data;
    } catch (err) {
      if (errorStatus(err) === 404) return null;
      throw new RevertStepError(`compare ${short(from)}...${short(to)}`, err);
    }
  };

  const range1 = await compare(good, bad);
  if (!range1) return { made: false, why: `GitHub knows no common history of ${short(good)} and ${short(bad)} in ${owner}/${repo} (compare answered 404).` };
  if (range1.status === 'identical') return { made: false, why: `${short(good)} and ${short(bad)} are the same commit.` };
  if (range1.status !== 'ahead')
    return {
      made: false,
      why: `${short(good)} is not an ancestor of ${short(bad)} (the history between them is ${range1.status}), so there is no range of commits to revert.`
    };
  const listed = range1.files ?? [];
  if (listed.length >= COMPARE_FILE_LIMIT)
    return {
      made: false,
      why: `${range} changes ${COMPARE_FILE_LIMIT} files or more, more than GitHub's compare can list, so Shipgate cannot be sure to revert all of them.`
    };
  const commits: RangeCommit[] = range1.commits.map((c) => ({ sha: c.sha, subject: c.commit.message.split('\n')[0] ?? '' }));

  if (head !== bad) {
    const since = await compare(bad, head);
    if (!since || (since.status !== 'ahead' && since.status !== 'identical'))
      return {
        made: false,
        why: `the failed commit ${short(bad)} is not in the history of ${base} (${since ? `compare says ${since.status}` : 'compare answered 404'}), so reverting it there would revert something else.`
      };
  }

  const trees = await step('read the commits of the range', async () => {
    const tree = async (sha: string): Promise<string> => (await client.rest.git.getCommit({ owner, repo, commit_sha: sha })).data.tree.sha;
    return { good: await tree(good), bad: await tree(bad), head: head === bad ? '' : await tree(head) };
  });
  const headTree = trees.head || trees.bad;

  // Every path the range touched (for renames, both names), compared entry by entry: a listed
  // path whose entry did not really change (a copy's source) is left alone.
  const renamedTo = new Map<string, string>();
  const paths = new Set<string>();
  for (const f of listed) {
    paths.add(f.filename);
    if (f.previous_filename) {
      paths.add(f.previous_filename);
      if (f.status === 'renamed') renamedTo.set(f.previous_filename, f.filename);
    }
  }
  const reader = new TreeReader(client, owner, repo);
  const toRevert: { path: string; good: Entry | null; bad: Entry | null; head: Entry | null }[] = [];
  await step('read the trees of the range', async () => {
    for (const path of [...paths].sort()) {
      // A directory in the good commit is restored file by file (its files are listed too).
      const g = await reader.entry(trees.good, path);
      const goodEntry = g?.type === 'tree' ? null : g;
      const badEntry = await reader.entry(trees.bad, path);
      if (same(goodEntry, badEntry)) continue;
      const headEntry = headTree === trees.bad ? badEntry : await reader.entry(headTree, path);
      toRevert.push({ path, good: goodEntry, bad: badEntry, head: headEntry });
    }
  });
  if (!toRevert.length) return { made: false, why: `no file differs between ${short(good)} and ${short(bad)}, so there is nothing to revert.` };
  if (toRevert.every((f) => same(f.head, f.good)))
    return { made: false, why: `${base} already has every file of ${range} as it was at ${short(good)} (already reverted).` };
  const conflicts = toRevert.filter((f) => !same(f.head, f.bad)).map((f) => f.path);
  if (conflicts.length) {
    const named = conflicts.slice(0, 5).join(', ') + (conflicts.length > 5 ? ` and ${conflicts.length - 5} more` : '');
    return {
      made: false,
      why: `${conflicts.length === 1 ? 'a file' : `${conflicts.length} files`} of ${range} changed again on ${base} since ${short(bad)} (${named}), so the revert needs a merge by hand.`
    };
  }

  // Deletions first, so a path that was a directory in one commit and a file in the other ends right.
  const edits = toRevert
    .map((f): { path: string; mode: Mode; type: Entry['type']; sha: string | null } =>
      f.good ? { path: f.path, mode: f.good.mode, type: f.good.type, sha: f.good.sha } : { path: f.path, mode: f.bad!.mode, type: f.bad!.type, sha: null }
    )
    .sort((a, b) => (a.sha === null ? 0 : 1) - (b.sha === null ? 0 : 1));
  const tree = await step(
    'write the reverted tree',
    async () => (await client.rest.git.createTree({ owner, repo, base_tree: headTree, tree: edits })).data.sha
  );
  const commit = await step(
    'write the revert commit',
    async () => (await client.rest.git.createCommit({ owner, repo, message: r.message(commits, range1.total_commits), tree, parents: [head] })).data.sha
  );
  return {
    made: true,
    commit,
    tree,
    head,
    commits,
    totalCommits: range1.total_commits,
    files: toRevert.map((f) => ({
      path: f.path,
      action: f.good ? 'restored' : 'deleted',
      ...(renamedTo.has(f.path) ? { renamedTo: renamedTo.get(f.path) } : {})
    }))
  };
}
