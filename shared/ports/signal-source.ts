import type { Sample, Side } from '../model/sample.js';

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
  /**
   * The versions this source reports at a step of this weight; absent: both. A router's counter
   * sees no stable request at 100 %, and the engine then judges against earlier evidence.
   */
  covers?(weight: number): readonly Side[];
  /**
   * Whether requests sent straight to canary-url / stable-url are counted by this source too
   * (Prometheus, the local proxy's side ports): then probes only make traffic. nginx and HAProxy
   * see only the requests that pass through them, so probes count themselves. Absent: true.
   */
  readonly seesProbes?: boolean;
}

/** Traffic generators (active probes) are also signal sources; this marks whether they count. */
export interface TrafficGenerator extends SignalSource {
  /** When false, the generator only makes traffic and `read` returns nothing (another source counts it). */
  readonly counts: boolean;
}
