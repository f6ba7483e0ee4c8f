import type { RolloutPlan } from '../model/plan.js';
import type { Release } from '../model/release.js';

export type DeploymentState = 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/**
 * Who drives a rollout: the workflow run (on GitHub Actions) and the process. Another run uses it
 * to tell a live rollout from an orphan whose runner is gone.
 */
export interface RunOwner {
  /** GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT, when the rollout runs on GitHub Actions. */
  runId?: string;
  runAttempt?: string;
  /** Link to the run's log (named in "waiting for" and "refused" sentences). */
  runUrl?: string;
  host: string;
  pid: number;
}

/**
 * What another run needs to act on a rollout that it did not start (promote, abort, retire):
 * kept with the deployment when it begins (GitHub: the deployment payload).
 */
export interface RolloutRecordData {
  plan: RolloutPlan;
  /** The stable release when the rollout began (what rollback restores). */
  previous: Release | null;
  owner: RunOwner;
  /** Target kind the rollout was started with (local, command, ...). */
  target: string;
  /** The commit the merge-gating status was posted on, so a later promote or abort resolves it. */
  statusCommit?: string;
}

/** Where a rollout stands; recorded with every weight change. */
export interface RolloutProgress {
  /** Canary weight in percent. */
  weight: number;
  /** 1-based index of the current step (0 before the first one). */
  step: number;
  steps: number;
  /** True when the rollout waits for a person (`pause` step or on-inconclusive: pause). */
  paused: boolean;
  /** A fleet: the wave in progress (1-based) and how many there are. */
  wave?: number;
  waves?: number;
}

export interface DeploymentRecord {
  id: string;
  environment: string;
  release: Release;
  state: DeploymentState;
  /** 'rollout' for a canary rollout, 'rollback' for a restore by auto-rollback. */
  kind: 'rollout' | 'rollback';
  createdAt: string;
  updatedAt: string;
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
  /** Rollouts: the plan, the previous release and the owner (absent on records written before them). */
  rollout?: RolloutRecordData;
  /** Rollouts: the latest recorded weight and step. */
  progress?: RolloutProgress;
}

export interface BeginOptions {
  environment: string;
  release: Release;
  kind: 'rollout' | 'rollback';
  description: string;
  rollout?: RolloutRecordData;
  progress?: RolloutProgress;
  /** Extra JSON kept with the deployment (e.g. a rollback's reason). */
  payload?: Record<string, unknown>;
  logUrl?: string;
  environmentUrl?: string;
}

export interface RecordDetails {
  description: string;
  logUrl?: string;
  environmentUrl?: string;
  /** With in_progress: where the rollout stands now. */
  progress?: RolloutProgress;
}

/** An environment as the ledger knows it. */
export interface EnvironmentView {
  /** The last known good deployment (never of `excludeVersion`). */
  lastGood: DeploymentRecord | null;
  /** Rollouts not finished (in progress, waiting or paused), oldest first. */
  active: DeploymentRecord[];
  /** Newest first (the window the view was computed from). */
  history: DeploymentRecord[];
}

/** What another run's owner is doing. */
export type OwnerState = { state: 'running' | 'over'; detail: string } | { state: 'unknown'; detail: string };

/** Port: where deployments and their outcomes are kept (GitHub Deployments, a JSON file). */
export interface Ledger {
  readonly name: string;
  /** Where the ledger is, for sentences ("GitHub Deployments of acme/shop", a file path). */
  readonly where: string;
  begin(options: BeginOptions): Promise<DeploymentRecord>;
  record(id: string, state: DeploymentState, details: RecordDetails): Promise<void>;
  /** The newest deployment of the environment whose state is success (never `exclude`). */
  lastGood(environment: string, options?: { excludeVersion?: string }): Promise<DeploymentRecord | null>;
  /** Newest first. */
  history(environment: string, limit?: number): Promise<DeploymentRecord[]>;
  /** Last good and unfinished rollouts in one read. */
  view(environment: string, options?: { excludeVersion?: string }): Promise<EnvironmentView>;
  /** Whether the run that owns a rollout is still going (GitHub: the Actions API; else its process). */
  ownerState(owner: RunOwner): Promise<OwnerState>;
}
