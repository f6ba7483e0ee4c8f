/**
 * A small in-memory Git object store for the GitHub stand-in: blobs, trees and commits hashed as
 * Git hashes them (SHA-1 of "<type> <size>\0<body>"), and refs. Enough for the Git Data API
 * (refs, commits, trees, blobs), compare and get-commit; tests seed a history with commitFiles().
 */
import { createHash } from 'node:crypto';

export type GitMode = '100644' | '100755' | '040000' | '160000' | '120000';
export type GitEntryType = 'blob' | 'tree' | 'commit';

/** One entry of a tree object (name is a single path component). */
export interface GitTreeEntry {
  name: string;
  mode: GitMode;
  type: GitEntryType;
  sha: string;
}
/** An entry reached by a path from a root tree. */
export interface GitPathEntry {
  mode: GitMode;
  type: GitEntryType;
  sha: string;
}
export interface GitPerson {
  name: string;
  email: string;
  date: string;
}
export interface GitBlob {
  kind: 'blob';
  sha: string;
  content: Buffer;
}
export interface GitTree {
  kind: 'tree';
  sha: string;
  entries: GitTreeEntry[];
}
export interface GitCommit {
  kind: 'commit';
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
  /** Creation order in this store: the stand-in lists commits oldest first by it. */
  seq: number;
}
export type GitObject = GitBlob | GitTree | GitCommit;

/** What compare and get-commit list per file, as GitHub names it. */
export interface GitDiffEntry {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'changed';
  previous_filename?: string;
  /** The blob after the change (before it, for removed files). */
  sha: string;
  additions: number;
  deletions: number;
}

/**
 * A change for commitFiles(): new text content, null to delete, or an object to set the mode
 * (e.g. '100755'), or to move a file (`from`: the old path; content defaults to the old one).
 */
export type FileChange = string | null | { content?: string; mode?: GitMode; from?: string };

/** A Git-level refusal with the status and message GitHub answers with. */
export class GitError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

const MODE_TYPE: Record<GitMode, GitEntryType> = { '100644': 'blob', '100755': 'blob', '120000': 'blob', '040000': 'tree', '160000': 'commit' };
const EMPTY_PERSON: GitPerson = { name: 'Dev', email: 'dev@example.test', date: '2026-01-01T00:00:00Z' };

function gitHash(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

/** Git orders tree entries by name, a tree's name compared as if it ended in '/'. */
function entryKey(e: GitTreeEntry): string {
  return e.type === 'tree' ? `${e.name}/` : e.name;
}

/** A path component Git and GitHub accept. */
function checkPath(path: string): string[] {
  const parts = path.split('/');
  if (!path || parts.some((p) => p === '' || p === '.' || p === '..' || p.toLowerCase() === '.git' || p.includes('\0')))
    throw new GitError(422, `tree.path contains a malformed path component: ${JSON.stringify(path)}`);
  return parts;
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}
function lineCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines(text)) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}
/** Lines only in a, lines only in b (as multisets): a rough additions/deletions count. */
function lineDelta(a: string, b: string): { added: number; removed: number; common: number } {
  const ca = lineCounts(a);
  const cb = lineCounts(b);
  let common = 0;
  for (const [l, n] of ca) common += Math.min(n, cb.get(l) ?? 0);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0);
  return { added: total(cb) - common, removed: total(ca) - common, common };
}

export class StandinGit {
  readonly objects = new Map<string, GitObject>();
  /** Full ref name ("refs/heads/main") to a commit sha. */
  readonly refs = new Map<string, string>();
  defaultBranch = 'main';
  /** GET git/trees?recursive answers at most this many entries and says `truncated` (GitHub: 100,000). */
  recursiveTreeLimit = 100_000;
  private seq = 0;

  constructor(private readonly now: () => string = () => EMPTY_PERSON.date) {}

  // ---------------------------------------------------------------- objects

  writeBlob(content: string | Buffer): string {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha = gitHash('blob', body);
    if (!this.objects.has(sha)) this.objects.set(sha, { kind: 'blob', sha, content: body });
    return sha;
  }

  writeTree(entries: GitTreeEntry[]): string {
    const seen = new Set<string>();
    for (const e of entries) {
      if (MODE_TYPE[e.mode] !== e.type) throw new GitError(422, `tree.mode ${e.mode} does not fit type ${e.type}`);
      if (seen.has(e.name)) throw new GitError(422, `duplicate tree entry ${e.name}`);
      seen.add(e.name);
      if (e.type !== 'commit' && this.objects.get(e.sha)?.kind !== e.type) throw new GitError(422, `tree.sha ${e.sha} is not a valid ${e.type}`);
    }
    const sorted = [...entries].sort((a, b) => (entryKey(a) < entryKey(b) ? -1 : entryKey(a) > entryKey(b) ? 1 : 0));
    const body = Buffer.concat(sorted.flatMap((e) => [Buffer.from(`${e.mode.replace(/^0/, '')} ${e.name}\0`), Buffer.from(e.sha, 'hex')]));
    const sha = gitHash('tree', body);
    if (!this.objects.has(sha)) this.objects.set(sha, { kind: 'tree', sha, entries: sorted });
    return sha;
  }

  writeCommit(c: { tree: string; parents: string[]; message: string; author?: Partial<GitPerson>; committer?: Partial<GitPerson> }): string {
    if (!this.tree(c.tree)) throw new GitError(422, `Tree SHA does not exist`);
    for (const p of c.parents) if (!this.commit(p)) throw new GitError(422, `Parent SHA does not exist or is not a commit object`);
    const date = this.now();
    const author: GitPerson = { ...EMPTY_PERSON, date, ...c.author };
    const committer: GitPerson = { ...author, date, ...c.committer };
    const person = (p: GitPerson): string => `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
    const text = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${person(author)}`, `committer ${person(committer)}`, '', c.message].join(
      '\n'
    );
    const sha = gitHash('commit', Buffer.from(text, 'utf8'));
    if (!this.objects.has(sha))
      this.objects.set(sha, { kind: 'commit', sha, tree: c.tree, parents: [...c.parents], message: c.message, author, committer, seq: ++this.seq });
    return sha;
  }

  blob(sha: string): GitBlob | undefined {
    const o = this.objects.get(sha);
    return o?.kind === 'blob' ? o : undefined;
  }
  tree(sha: string): GitTree | undefined {
    const o = this.objects.get(sha);
    return o?.kind === 'tree' ? o : undefined;
  }
  commit(sha: string): GitCommit | undefined {
    const o = this.objects.get(sha);
    return o?.kind === 'commit' ? o : undefined;
  }

  /** Every blob and submodule under a tree by path (with `withTrees`, subtrees too), in Git order. */
  flatten(treeSha: string, withTrees = false, prefix = ''): Map<string, GitPathEntry> {
    const out = new Map<string, GitPathEntry>();
    const t = this.tree(treeSha);
    if (!t) throw new GitError(404, 'Not Found');
    for (const e of t.entries) {
      const path = `${prefix}${e.name}`;
      if (e.type === 'tree') {
        if (withTrees) out.set(path, { mode: e.mode, type: e.type, sha: e.sha });
        for (const [p, v] of this.flatten(e.sha, withTrees, `${path}/`)) out.set(p, v);
      } else out.set(path, { mode: e.mode, type: e.type, sha: e.sha });
    }
    return out;
  }

  /** A tree of blobs and submodules given by path (subtrees are made as needed). */
  buildTree(files: Map<string, GitPathEntry>): string {
    const here: GitTreeEntry[] = [];
    const dirs = new Map<string, Map<string, GitPathEntry>>();
    for (const [path, e] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) here.push({ name: path, ...e });
      else {
        const dir = path.slice(0, slash);
        if (!dirs.has(dir)) dirs.set(dir, new Map());
        dirs.get(dir)!.set(path.slice(slash + 1), e);
      }
    }
    for (const [dir, sub] of dirs) {
      if (here.some((e) => e.name === dir)) throw new GitError(422, `tree.path ${dir} is both a file and a directory`);
      here.push({ name: dir, mode: '040000', type: 'tree', sha: this.buildTree(sub) });
    }
    return this.writeTree(here);
  }

  /**
   * Applies path edits to a base tree (null: start empty), as POST git/trees does: a path set to
   * an entry (a subtree replaces everything under the path), or null to delete it. Deleting a
   * path the base does not have is refused, as are malformed paths.
   */
  editTree(base: string | null, edits: { path: string; entry: GitPathEntry | null }[]): string {
    const files = base ? this.flatten(base) : new Map<string, GitPathEntry>();
    for (const { path, entry } of edits) {
      checkPath(path);
      const under = [...files.keys()].filter((p) => p.startsWith(`${path}/`));
      if (entry === null) {
        if (!files.has(path) && !under.length) throw new GitError(422, `GitRPC::BadObjectState: cannot delete ${path}: it does not exist in base_tree`);
        files.delete(path);
        for (const p of under) files.delete(p);
      } else if (entry.type === 'tree') {
        if (!this.tree(entry.sha)) throw new GitError(422, `tree.sha ${entry.sha} is not a valid tree`);
        files.delete(path);
        for (const p of under) files.delete(p);
        for (const [p, e] of this.flatten(entry.sha)) files.set(`${path}/${p}`, e);
      } else {
        if (entry.type === 'blob' && !this.blob(entry.sha)) throw new GitError(422, `tree.sha ${entry.sha} is not a valid blob`);
        if (MODE_TYPE[entry.mode] !== entry.type) throw new GitError(422, `tree.mode ${entry.mode} does not fit type ${entry.type}`);
        for (const p of under) files.delete(p);
        files.set(path, entry);
      }
    }
    return this.buildTree(files);
  }

  // ---------------------------------------------------------------- history

  /** A full sha, a unique abbreviation (≥ 7), a branch or tag name, "heads/x" or "refs/heads/x". */
  resolve(ref: string): string | undefined {
    for (const name of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(name);
      if (sha) return sha;
    }
    if (/^[0-9a-f]{40}$/.test(ref)) return this.commit(ref) ? ref : undefined;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const hits = [...this.objects.values()].filter((o) => o.kind === 'commit' && o.sha.startsWith(ref));
      return hits.length === 1 ? hits[0].sha : undefined;
    }
    return undefined;
  }

  /** The commit and everything reachable from it. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const todo = [sha];
    while (todo.length) {
      const s = todo.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      todo.push(...(this.commit(s)?.parents ?? []));
    }
    return seen;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor);
  }

  /** The newest common ancestor (good enough for the histories tests build). */
  mergeBase(a: string, b: string): string | undefined {
    const inA = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((s) => inA.has(s)).map((s) => this.commit(s)!);
    // A best common ancestor is no ancestor of another common one.
    const best = common.filter((c) => !common.some((o) => o !== c && this.isAncestor(c.sha, o.sha)));
    return best.sort((x, y) => y.seq - x.seq)[0]?.sha;
  }

  /** What changed from tree a (null: nothing) to tree b, sorted by file name; renames detected like Git's default (≥ 50 % similar). */
  diff(a: string | null, b: string): GitDiffEntry[] {
    const before = a ? this.flatten(a) : new Map<string, GitPathEntry>();
    const after = this.flatten(b);
    const text = (sha: string): string => this.blob(sha)?.content.toString('utf8') ?? '';
    const out: GitDiffEntry[] = [];
    const removed: string[] = [];
    const added: string[] = [];
    for (const [path, e] of after) {
      const old = before.get(path);
      if (!old) added.push(path);
      else if (old.sha !== e.sha) {
        const d = lineDelta(text(old.sha), text(e.sha));
        out.push({ filename: path, status: 'modified', sha: e.sha, additions: d.added, deletions: d.removed });
      } else if (old.mode !== e.mode) out.push({ filename: path, status: 'changed', sha: e.sha, additions: 0, deletions: 0 });
    }
    for (const path of before.keys()) if (!after.has(path)) removed.push(path);
    for (const to of [...added]) {
      const e = after.get(to)!;
      let from = removed.find((p) => before.get(p)!.sha === e.sha);
      if (!from && e.type === 'blob') {
        from = removed.find((p) => {
          const d = lineDelta(text(before.get(p)!.sha), text(e.sha));
          return d.common > 0 && d.common * 2 >= Math.max(d.common + d.added, d.common + d.removed);
        });
      }
      if (!from) continue;
      const d = lineDelta(text(before.get(from)!.sha), text(e.sha));
      out.push({ filename: to, status: 'renamed', previous_filename: from, sha: e.sha, additions: d.added, deletions: d.removed });
      removed.splice(removed.indexOf(from), 1);
      added.splice(added.indexOf(to), 1);
    }
    for (const path of added)
      out.push({ filename: path, status: 'added', sha: after.get(path)!.sha, additions: lines(text(after.get(path)!.sha)).length, deletions: 0 });
    for (const path of removed)
      out.push({ filename: path, status: 'removed', sha: before.get(path)!.sha, additions: 0, deletions: lines(text(before.get(path)!.sha)).length });
    return out.sort((x, y) => (x.filename < y.filename ? -1 : x.filename > y.filename ? 1 : 0));
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Commits `changes` on top of `branch` (created from nothing when it does not exist yet) and
   * moves the branch; returns the new commit's sha.
   */
  commitFiles(branch: string, message: string, changes: Record<string, FileChange>, author?: Partial<GitPerson>): string {
    const ref = branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
    const parent = this.refs.get(ref);
    const files = parent ? this.flatten(this.commit(parent)!.tree) : new Map<string, GitPathEntry>();
    for (const [path, change] of Object.entries(changes)) {
      checkPath(path);
      if (change === null) {
        if (!files.delete(path)) throw new Error(`commitFiles: ${path} does not exist on ${branch}`);
        continue;
      }
      const spec = typeof change === 'string' ? { content: change } : change;
      const old = spec.from ? files.get(spec.from) : files.get(path);
      if (spec.from) {
        if (!old) throw new Error(`commitFiles: ${spec.from} does not exist on ${branch}`);
        files.delete(spec.from);
      }
      const sha = spec.content !== undefined ? this.writeBlob(spec.content) : old?.sha;
      if (!sha) throw new Error(`commitFiles: no content for ${path}`);
      const mode = spec.mode ?? old?.mode ?? '100644';
      files.set(path, { mode, type: MODE_TYPE[mode], sha });
    }
    const tree = this.buildTree(files);
    const sha = this.writeCommit({ tree, parents: parent ? [parent] : [], message, author });
    this.refs.set(ref, sha);
    return sha;
  }

  /** The text of a file at a commit (undefined when absent). */
  readFile(commitSha: string, path: string): string | undefined {
    const c = this.commit(commitSha);
    if (!c) return undefined;
    const e = this.flatten(c.tree).get(path);
    return e ? this.blob(e.sha)?.content.toString('utf8') : undefined;
  }
}
