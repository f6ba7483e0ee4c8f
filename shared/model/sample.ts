/** One observed request outcome, attributed to a version. Signal sources produce these. */
export type Side = 'canary' | 'stable';

export interface Sample {
  side: Side;
  /** false for a 5xx, a connection error or a timeout. */
  ok: boolean;
  /** HTTP status, 0 when no response arrived. */
  status: number;
  /**
   * How long this request took; null when the source sees no per-request latency (HAProxy's
   * counters carry only a moving average over many requests, which is not one request's time).
   */
  latencyMs: number | null;
  /** Epoch ms when the request finished. */
  at: number;
  /** Where it came from (probe, local-proxy, prometheus): for the evidence table only. */
  source?: string;
  /** Start of a failing response's body or the error message; untrusted text. */
  detail?: string;
}

export interface SideStats {
  requests: number;
  errors: number;
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}
