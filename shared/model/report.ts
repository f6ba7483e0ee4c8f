import type { Release } from './release.js';
import type { RolloutPlan } from './plan.js';
import type { SideStats } from './sample.js';
import type { Verdict } from './verdict.js';

export type RolloutResult = 'promoted' | 'rolled-back' | 'failed' | 'paused';

/** One look of the judge during a step: the evidence trace the chart is drawn from. */
export interface Look {
  atMs: number;
  canarySamples: number;
  stableSamples: number;
  canaryErrorRate: number;
  stableErrorRate: number;
  /** log(e-value) or statistic per check, keyed by signal. */
  statistics: Record<string, number>;
}

export interface StepReport {
  index: number;
  weight: number;
  startedAt: string;
  durationMs: number;
  canary: SideStats;
  stable: SideStats;
  verdict: Verdict;
  looks: Look[];
  /** True when the step ran out of time and on-inconclusive decided. */
  decidedByPolicy: boolean;
  /** Set when the canary was not compared with live stable traffic: what it was compared with instead. */
  baseline?: string;
  /** The fleet wave this step belonged to (0-based), for fleets. */
  wave?: number;
  /** Samples per signal source (`nginx`, `haproxy`, `probes`, `prometheus`, `local-proxy`, `earlier-steps`). */
  sources?: Record<string, number>;
  /** A few failing canary responses (status and the start of the body): untrusted text. */
  failingSamples?: { status: number; detail: string }[];
}

export interface TimelineEvent {
  at: string;
  event: string;
  detail?: string;
}

export interface RolloutReport {
  schema: 'shipgate/rollout-report@1';
  environment: string;
  deploymentId: string;
  result: RolloutResult;
  reason: string;
  release: Release;
  previous: Release | null;
  /** null when an operation acted on a rollout whose plan is not on record. */
  plan: RolloutPlan | null;
  steps: StepReport[];
  timeline: TimelineEvent[];
  startedAt: string;
  finishedAt: string;
  /** Canary weight when the run ended. */
  weight: number;
  /** From the failing verdict (or error) to stable at 100 %; null when nothing was rolled back. */
  rollbackMs: number | null;
  incidentUrl?: string;
  /** Unfinished rollouts of other runs that this run settled before its own (one sentence each). */
  settled?: string[];
  /** Nothing to compare with: the canary was held to absolute bounds only. */
  firstRelease?: boolean;
  /** A fleet rolled out in waves: how each wave ended. */
  waves?: WaveReport[];
}

export interface WaveReport {
  name: string;
  targets: string[];
  /** `promoted`, `rolled-back` (restored because it or a later wave failed), `failed` (restoring failed too) or `not-started`. */
  result: 'promoted' | 'rolled-back' | 'failed' | 'not-started';
  /** Steps of this wave, as indexes into the report's steps. */
  steps: number[];
}
