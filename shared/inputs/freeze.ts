import type { FreezeWindow } from '../freeze/windows.js';
import { MissingInputError } from './input-error.js';
import type { Inputs } from './parse.js';

export interface FreezeInputs {
  /** The config file's windows for this environment. */
  windows: readonly FreezeWindow[];
  /** override-freeze: deploy inside a window anyway (recorded). */
  override: boolean;
  /** Why; required with override. */
  reason: string;
}

export function parseFreezeInputs(inputs: Inputs): FreezeInputs {
  const override = inputs.get('override-freeze');
  const reason = inputs.get('reason');
  if (override && !reason) throw new MissingInputError('reason', 'override-freeze needs a reason, which the ledger and the summary record');
  if (reason.length > 1000) throw inputs.error('reason', `${reason.slice(0, 20)}…`, 'keep the reason under 1,000 characters');
  return { windows: inputs.freezeWindows(), override, reason };
}
