import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommitTime, CommitTimes } from '../ports/commit-times.js';
import { escapeLogText } from '../util/escape.js';

export interface GitLogOptions {
  /** A checkout with the history to measure (actions/checkout with `fetch-depth: 0`). */
  cwd: string;
  /** The git executable (default `git` on the PATH). */
  git?: string;
  /** Most commits read per range (default 5000): a bound on a range that spans years. */
  maxCommits?: number;
  timeoutMs?: number;
}

/** A commit as the ledger holds it: hex only, so it can never be read as an option by git. */
const SHA = /^[0-9a-f]{4,64}$/i;

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Commit times from `git log` in a local checkout. */
export class GitLogCommitTimes implements CommitTimes {
  readonly where: string;
  private readonly cwd: string;

  constructor(private readonly options: GitLogOptions) {
    this.cwd = path.resolve(options.cwd);
    this.where = `git log in ${this.cwd}`;
  }

  async range(commit: string, previous?: string): Promise<CommitTime[]> {
    for (const sha of previous === undefined ? [commit] : [commit, previous]) {
      if (!SHA.test(sha)) throw new Error(`The commit "${escapeLogText(sha, 80)}" is not a commit SHA (hexadecimal), so git log cannot read it.`);
    }
    await this.verify(commit);
    if (previous !== undefined) await this.verify(previous);
    const format = '--format=%H%x09%cI%x09%aI';
    const args =
      previous === undefined
        ? ['log', '--max-count=1', format, commit, '--']
        : ['log', `--max-count=${this.options.maxCommits ?? 5000}`, format, `${previous}..${commit}`, '--'];
    const r = await this.git(args);
    if (r.code !== 0) throw new Error(this.failure(r, `read the commits ${previous === undefined ? commit : `${previous}..${commit}`}`));
    return r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const [sha, committedAt, authoredAt] = line.split('\t');
        return { sha, committedAt: new Date(committedAt).toISOString(), authoredAt: new Date(authoredAt).toISOString() };
      });
  }

  private async verify(sha: string): Promise<void> {
    const r = await this.git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
    if (r.code === 0) return;
    if (r.code === 1 && !/not a git repository/i.test(r.stderr)) {
      throw new Error(
        `The commit ${sha} is not in the git repository at ${this.cwd}: check out the full history (actions/checkout with fetch-depth: 0), or the commit was removed by a force push.`
      );
    }
    throw new Error(this.failure(r, `find the commit ${sha}`));
  }

  private failure(r: GitResult, what: string): string {
    if (/not a git repository/i.test(r.stderr)) {
      return `${this.cwd} is not a git repository: run the DORA report in a checkout with the full history (actions/checkout with fetch-depth: 0), or read commit times from GitHub instead.`;
    }
    return `git could not ${what} in ${this.cwd} (exit ${r.code}): ${escapeLogText(r.stderr.trim() || r.stdout.trim(), 300)}`;
  }

  private git(args: string[]): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      execFile(
        this.options.git ?? 'git',
        args,
        {
          cwd: this.cwd,
          // English messages to recognise; no pager, no prompt.
          env: { ...process.env, LC_ALL: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: this.options.timeoutMs ?? 60_000,
          windowsHide: true
        },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
          if (e && typeof e.code === 'string') {
            const why =
              e.code !== 'ENOENT'
                ? e.message
                : existsSync(this.cwd)
                  ? `${this.options.git ?? 'git'} was not found (is git installed?)`
                  : 'the directory does not exist';
            reject(new Error(`Could not run git in ${this.cwd}: ${escapeLogText(why, 300)}.`));
            return;
          }
          if (e?.killed) {
            reject(new Error(`git ${args[0]} in ${this.cwd} did not finish within ${this.options.timeoutMs ?? 60_000} ms.`));
            return;
          }
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
        }
      );
    });
  }
}
