/** In-memory repository state the stand-in answers from; shaped like GitHub's JSON. */
import { StandinGit } from './git.js';

export interface StandinDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
  /** Reads left before this status becomes visible (read-after-write lag). */
  hiddenReads: number;
}

export interface StandinDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  updated_at: string;
  statuses: StandinDeploymentStatus[];
  hiddenReads: number;
}

export interface StandinCommitStatus {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
}
export interface StandinCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url?: string;
  external_id?: string;
  output: { title?: string; summary?: string; text?: string };
  started_at: string;
  completed_at: string | null;
}
export interface StandinComment {
  id: number;
  body: string;
  created_at: string;
}
export interface StandinIssue {
  number: number;
  id: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  comments: StandinComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Lists left before it shows up (read-after-write lag). */ hiddenReads?: number;
}
/** A pull request: an issue (same number space, labels, comments) with a head and a base branch. */
export interface StandinPull extends StandinIssue {
  /** Branch names in this repository. */
  head: string;
  base: string;
  draft: boolean;
  maintainer_can_modify: boolean;
}
export interface StandinLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}
export interface StandinCommit {
  sha: string;
  message: string;
}
export type StandinRunStatus = 'queued' | 'in_progress' | 'completed';
export type StandinRunConclusion = 'success' | 'failure' | 'cancelled' | null;
export interface StandinWorkflowRun {
  id: number;
  name: string;
  head_sha: string;
  run_attempt: number;
  status: StandinRunStatus;
  conclusion: StandinRunConclusion;
  created_at: string;
  updated_at: string;
}

export class StandinState {
  readonly deployments: StandinDeployment[] = [];
  readonly commitStatuses: StandinCommitStatus[] = [];
  readonly checkRuns: StandinCheckRun[] = [];
  readonly issues: StandinIssue[] = [];
  readonly labels: StandinLabel[] = [];
  readonly pulls: StandinPull[] = [];
  /**
   * The repository's Git objects and refs (Git Data API, compare, get-commit, pulls); seed a
   * history with `git.commitFiles(branch, message, changes)`. Separate from `commits` below.
   */
  readonly git = new StandinGit(() => this.now());
  /** Linear history, oldest first; compare answers from it. */
  readonly commits: StandinCommit[] = [];
  /** Workflow runs by id; set them with setRun(). */
  readonly runs = new Map<number, StandinWorkflowRun>();
  private nextId = 1000;
  private clock = Date.parse('2026-01-01T00:00:00Z');

  id(): number {
    return ++this.nextId;
  }

  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextNumber(): number {
    return this.issues.length + this.pulls.length + 1;
  }

  /** An issue or a pull request by number. */
  issueOrPull(n: number): StandinIssue | StandinPull | undefined {
    return this.issues.find((i) => i.number === n) ?? this.pulls.find((p) => p.number === n);
  }

  /** Strictly increasing timestamps, so newest-first ordering is never a tie. */
  now(): string {
    this.clock = Math.max(this.clock + 1000, Math.floor(Date.now() / 1000) * 1000);
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Appends n fake commits and returns their shas (oldest first). */
  seedCommits(n: number, prefix = 'change'): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const sha = Array.from({ length: 40 }, (_, j) => ((this.commits.length * 7 + i * 13 + j * 31 + 5) % 16).toString(16)).join('');
      const unique = `${(this.commits.length + 1).toString(16).padStart(6, '0')}${sha.slice(6)}`;
      this.commits.push({ sha: unique, message: `${prefix} ${this.commits.length + 1}\n\nbody of the commit` });
      out.push(unique);
    }
    return out;
  }

  /**
   * Creates workflow run `runId`, or moves an existing one to `status` (keeping its created_at).
   * `conclusion` defaults to 'success' for a completed run and to null otherwise; like GitHub, a run
   * that is not completed has no conclusion, so giving one throws.
   */
  setRun(runId: number, status: StandinRunStatus, conclusion?: StandinRunConclusion): StandinWorkflowRun {
    const c = conclusion === undefined ? (status === 'completed' ? 'success' : null) : conclusion;
    if (status !== 'completed' && c !== null) throw new Error(`setRun(${runId}): a ${status} run has no conclusion (got ${c})`);
    const t = this.now();
    const run = this.runs.get(runId) ?? {
      id: runId,
      name: 'CI',
      head_sha: this.commits.at(-1)?.sha ?? 'f'.repeat(40),
      run_attempt: 1,
      status,
      conclusion: c,
      created_at: t,
      updated_at: t
    };
    Object.assign(run, { status, conclusion: c, updated_at: t });
    this.runs.set(runId, run);
    return run;
  }

  latestVisibleStatus(d: StandinDeployment): StandinDeploymentStatus | undefined {
    return [...d.statuses].reverse().find((s) => s.hiddenReads <= 0);
  }

  openIssues(labels: string[]): StandinIssue[] {
    return this.issues.filter((i) => i.state === 'open' && labels.every((l) => i.labels.includes(l)));
  }
}
