import type { Sample } from '../model/sample.js';

/**
 * Port: where evidence comes from. `read` returns the samples observed since the previous read
 * (an empty array means "no data yet", never "healthy").
 */
export interface SignalSource {
  readonly name: string;
  /** Called once when a step starts (reset cursors, take counter baselines). */
  start(step: { weight: number; startedAt: number }): Promise<void>;
  read(): Promise<Sample[]>;
  stop(): Promise<void>;
}

/** Traffic generators (active probes) are also signal sources; this marks whether they count. */
export interface TrafficGenerator extends SignalSource {
  /** When false, the generator only makes traffic and `read` returns nothing (another source counts it). */
  readonly counts: boolean;
}
