import type { RolloutReport } from '../model/report.js';

/** What happened, told to the outside world. */
export type RolloutEvent =
  | { type: 'started'; environment: string; version: string; deploymentId: string; logUrl?: string; statusCommit?: string }
  | { type: 'finished'; report: RolloutReport; logUrl?: string; deploymentUrl?: string; statusCommit?: string };

export interface NotifyResult {
  /** e.g. the incident issue's URL. */
  url?: string;
}

/**
 * Port: commit statuses, check runs, incident issues, webhooks. A notifier failure is reported
 * (warning) but never changes where traffic goes.
 */
export interface Notifier {
  readonly name: string;
  notify(event: RolloutEvent): Promise<NotifyResult | void>;
}
