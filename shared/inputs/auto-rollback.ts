import { InputError } from './input-error.js';
import type { Inputs } from './parse.js';
import { parseWaves, type WaveInputs } from './waves.js';
import { parseCommon, parseTarget, type CommonInputs, type TargetKind } from './common.js';
import {
  parseNotify,
  parseTargetSettings,
  parseTraffic,
  type CommandTargetInputs,
  type LocalTargetInputs,
  type NotifyInputs,
  type TrafficInputs
} from './canary-deploy.js';

export interface AutoRollbackInputs extends CommonInputs {
  toVersion: string;
  reason: string;
  target: TargetKind;
  local: LocalTargetInputs;
  command: CommandTargetInputs;
  traffic: TrafficInputs;
  waves: WaveInputs[] | null;
  notify: NotifyInputs;
}

export function parseAutoRollbackInputs(inputs: Inputs): AutoRollbackInputs {
  const common = parseCommon(inputs);
  const target = parseTarget(inputs);
  const toVersion = inputs.get('to-version');
  const { local, command } = parseTargetSettings(inputs);
  const waves = parseWaves(inputs, target, 'restore');
  const traffic = parseTraffic(inputs, target, { settings: !waves });
  if (target === 'command' && !waves && !command.rollbackCommand) {
    throw new InputError('rollback-command', '', 'the command target needs a rollback command to restore a version');
  }
  const reason = inputs.get('reason') || 'manual rollback';
  if (reason.length > 1000) throw inputs.error('reason', `${reason.slice(0, 20)}…`, 'keep the reason under 1,000 characters');
  return {
    ...common,
    toVersion,
    reason,
    target,
    local,
    command,
    traffic,
    waves,
    notify: parseNotify(inputs)
  };
}
