import type { AnalysisPolicy } from '../model/plan.js';
import { InputError } from './input-error.js';
import { Inputs } from './parse.js';
import { mapSource } from './source.js';

/** The analysis settings `shipgate replay` may change, by input name, and where each goes in the policy. */
export const REPLAY_OVERRIDES = {
  'error-tolerance': 'errorTolerance',
  'latency-tolerance': 'latencyTolerance',
  alpha: 'alpha',
  beta: 'beta',
  'min-samples': 'minSamples',
  'max-latency': 'maxLatencyMs',
  judge: 'judge',
  'on-inconclusive': 'onInconclusive'
} as const satisfies Record<string, keyof AnalysisPolicy>;

export type ReplayOverrideName = keyof typeof REPLAY_OVERRIDES;

/**
 * The replay's settings, named and written as the action's inputs (`error-tolerance: 5%`,
 * `alpha: 0.001`, …) and read by the same typed parsing, so a bad value gets the action's own
 * sentence. Values left empty keep the recorded setting. Throws InputError.
 */
export function parseReplayOverrides(values: Record<string, string>): Partial<AnalysisPolicy> {
  const inputs = new Inputs(mapSource(values));
  const names = Object.keys(REPLAY_OVERRIDES);
  const out: Partial<Record<keyof AnalysisPolicy, unknown>> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (!Object.prototype.hasOwnProperty.call(REPLAY_OVERRIDES, name)) {
      throw new InputError(name, raw, `a replay can change only ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);
    }
    if (raw.trim() === '') continue;
    out[REPLAY_OVERRIDES[name as ReplayOverrideName]] = inputs.get(name as ReplayOverrideName);
  }
  return out as Partial<AnalysisPolicy>;
}
