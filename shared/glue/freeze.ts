import type { FreezeInputs } from '../inputs/freeze.js';
import type { FreezeOverride } from '../model/report.js';
import { activeFreeze } from '../freeze/active.js';
import { describeFreeze } from '../freeze/describe.js';
import type { Logger } from '../util/log.js';

/** A rollout or a promotion refused by a freeze window: nothing was deployed. */
export class FrozenError extends Error {}

/**
 * Before anything is deployed or promoted: inside a freeze window the run stops with one sentence
 * naming the window, unless override-freeze (with a reason) says to go on, which is then recorded.
 * Aborts and rollbacks never come here: restoring stable is never blocked.
 */
export function checkFreeze(freeze: FreezeInputs, environment: string, now: Date, logger: Logger): FreezeOverride | undefined {
  const active = activeFreeze(freeze.windows, now);
  if (!active) return undefined;
  const sentence = describeFreeze(active, environment);
  if (!freeze.override) {
    throw new FrozenError(
      `${sentence.replace(/\.$/, '')}. Nothing was deployed; to deploy anyway, set override-freeze: true with a reason (rollbacks and aborts are never blocked).`
    );
  }
  logger.warning(`Freeze overridden: ${sentence} Reason given: ${freeze.reason}`);
  return { window: active.window.name, start: active.start.toISOString(), end: active.end.toISOString(), reason: freeze.reason };
}
