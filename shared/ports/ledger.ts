import type { Release } from '../model/release.js';

export type DeploymentState = 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

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
}

export interface BeginOptions {
  environment: string;
  release: Release;
  kind: 'rollout' | 'rollback';
  description: string;
  /** Arbitrary JSON kept with the deployment (the plan). */
  payload?: Record<string, unknown>;
  logUrl?: string;
  environmentUrl?: string;
}

/** Port: where deployments and their outcomes are kept (GitHub Deployments, a JSON file). */
export interface Ledger {
  readonly name: string;
  begin(options: BeginOptions): Promise<DeploymentRecord>;
  record(id: string, state: DeploymentState, details: { description: string; logUrl?: string; environmentUrl?: string }): Promise<void>;
  /** The newest deployment of the environment whose state is success (never `exclude`). */
  lastGood(environment: string, options?: { excludeVersion?: string }): Promise<DeploymentRecord | null>;
  /** Newest first. */
  history(environment: string, limit?: number): Promise<DeploymentRecord[]>;
}
