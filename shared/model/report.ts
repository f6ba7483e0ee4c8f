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
  /** The samples the judge was fed, look by look, so the step can be judged again (`shipgate replay`). */
  evidence?: StepEvidence;
}

/** What the canary of a step was compared with: live stable traffic, the stable requests of the earlier steps, or absolute bounds. */
export type BaselineKind = 'live' | 'earlier-steps' | 'absolute';

/**
 * The samples one step's judge was fed, as compact columns (shared/engine/sample-log.ts encodes
 * and decodes them). Latencies are kept to 0.1 ms and finish times to 1 ms, which is what the
 * engine's judge saw, so a replay with the same settings decides exactly as the rollout did.
 */
export interface StepEvidence {
  /** The encoding of the columns below. */
  format: 1;
  baseline: BaselineKind;
  /** Epoch ms when the step began: the first sample's finish time counts from here. */
  t0: number;
  /**
   * One entry per look, comma-separated: `<ms since the step began>:<samples fed at that look>`,
   * followed by `:<canary>:<total>` (requests counted by the routers so far this step) when `routers` is set.
   */
  looks: string;
  /** The routers whose canary share is checked at each look (named as in the share sentence); absent when none. */
  routers?: string;
  /** One letter per sample, in the order fed: `c` canary, `s` stable; upper case when it failed (`ok: false`). */
  sides: string;
  /** Latency per sample in tenths of a millisecond, comma-separated (empty when a sample had none). */
  latency: string;
  /** Finish time per sample: ms after the previous sample's (the first: after t0), comma-separated; `=` before an absolute value. */
  at: string;
  /** HTTP status per sample, run-length encoded: `200*37,500,200*12`. */
  status: string;
  /** The report's sample budget ran out during this step (or before it): the record is incomplete and cannot be replayed. */
  truncated?: true;
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
  /** The pull request reverting the failed commits (revert-pr: true). */
  revertPrUrl?: string;
  /** Deployed inside a freeze window with override-freeze: which window and why. */
  freezeOverride?: FreezeOverride;
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

/** A freeze window overridden by override-freeze, as the ledger, the report and the summary keep it. */
export interface FreezeOverride {
  window: string;
  /** ISO times of the window's current occurrence. */
  start: string;
  end: string;
  reason: string;
}
