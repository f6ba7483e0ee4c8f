import type { DeployContext } from './deploy-target.js';
import type { SignalSource } from './signal-source.js';

/**
 * Port: who splits traffic between the stable and the canary version (the local proxy, the
 * user's shift-command, nginx, HAProxy). The workload — starting and retiring versions — is the
 * DeployTarget's job; a target hands every weight change to its router.
 *
 * Weights are the canary's share in percent: 0 takes the canary out of rotation (nginx `down`,
 * HAProxy weight 0), 100 sends it every request.
 */
export interface TrafficRouter {
  /** `local`, `command`, `nginx`, `haproxy`: used in log lines, the summary and the report. */
  readonly name: string;
  /**
   * Checks, before anything is recorded or started, that the router can be driven (its file is
   * writable, its socket answers, its servers exist); throws one sentence naming the input when
   * not. Changes nothing.
   */
  preflight?(): Promise<void>;
  /** Sends `percent` % of requests to the canary and the rest to stable; throws when the router refused it (nothing half-applied is left). */
  setWeight(percent: number, context: DeployContext): Promise<void>;
  /**
   * All traffic to stable, the canary out of rotation. Used by rollback and after a promotion;
   * ignores cancellation and is safe to call twice.
   */
  reset(context: DeployContext): Promise<void>;
  /** The canary's share as the router applies it now (read back from it), or null when it cannot tell. */
  currentWeight?(): Promise<number | null>;
  /**
   * A source counting the real requests this router forwards, attributed to canary and stable;
   * null or absent for a router that sees no requests (a shift-command).
   */
  requestCounter?(): SignalSource | null;
}
