import type { Release } from '../model/release.js';
import type { SignalSource } from './signal-source.js';

/** What runs where, as the target sees it. */
export interface TargetStatus {
  stable: Release | null;
  canary: Release | null;
  /** Canary weight in percent (0 when there is no canary). */
  weight: number;
  /** Where probes should go, when the target knows (the local target's side ports). */
  urls?: { canary?: string; stable?: string; entry?: string };
}

/**
 * Port: the platform traffic runs on. Every method may throw; the engine answers any throw after
 * deployCanary by calling rollback.
 */
export interface DeployTarget {
  readonly name: string;
  /**
   * Checks, before anything is recorded in the ledger or started, that the target can do what
   * the run is about to ask (e.g. its port is free; it can start `restore` again); throws one
   * sentence when it cannot. Changes nothing. Absent: nothing to check.
   */
  preflight?(intent?: PreflightIntent): Promise<void>;
  /** Starts the canary beside stable, at weight 0. */
  deployCanary(release: Release, context: DeployContext): Promise<void>;
  setWeight(percent: number, context: DeployContext): Promise<void>;
  /** Makes the canary the stable version at 100 % and retires the old stable. */
  promote(context: DeployContext): Promise<void>;
  /**
   * Puts all traffic on `toRelease` (normally the current stable) and retires the canary.
   * Must work after a cancellation and be safe to call twice.
   */
  rollback(toRelease: Release | null, context: DeployContext): Promise<void>;
  status(): Promise<TargetStatus>;
  /**
   * A source that counts every request the target's own router sees, for a target that has one
   * (the local proxy); null or absent when something else must count (metrics, else probes).
   * `canaryUrl` is the canary-url input: requests sent there may bypass the target's router.
   */
  requestCounter?(options: { canaryUrl?: string }): SignalSource | null;
  /** Present when the target is a fleet rolled out in waves: the engine runs the steps once per wave. */
  readonly fleet?: FleetControl;
}

/** How the engine walks a fleet: one wave after another, each deployed, analysed and promoted. */
export interface FleetControl {
  readonly waves: readonly { name: string; targets: readonly string[] }[];
  /** From now on deployCanary, setWeight, promote and requestCounter act on this wave. */
  begin(index: number): void;
  /** The waves the last rollback restored, newest first (names). */
  lastRolledBack(): readonly string[];
}

/** What the run is about to ask of the target (nothing named: a rollout). */
export interface PreflightIntent {
  /** A rollback is about to put all traffic on this version. */
  restore?: Release | null;
}

/** Values a target passes to user commands (command target) or records (local target). */
export interface DeployContext {
  environment: string;
  deploymentId: string;
  version: string;
  previousVersion: string;
  weight: number;
  artifact?: string;
  digest?: string;
  /** Aborted when the job is cancelled; rollback ignores it. */
  signal?: AbortSignal;
  /**
   * Called by a rollback as soon as stable takes all traffic (a router reset), before slower work
   * such as retiring the canary: the engine times the rollback to this moment.
   */
  onTrafficRestored?(): void;
}
