import { InputError } from './input-error.js';
import { Inputs } from './parse.js';
import { parseCommon, parseTarget, type CommonInputs, type TargetKind } from './common.js';
import { parseNotify, type CommandTargetInputs, type LocalTargetInputs, type NotifyInputs } from './canary-deploy.js';
import { VERSION_PATTERN } from './version.js';

export interface AutoRollbackInputs extends CommonInputs {
  toVersion: string;
  reason: string;
  target: TargetKind;
  local: LocalTargetInputs;
  command: CommandTargetInputs;
  notify: NotifyInputs;
}

export function parseAutoRollbackInputs(inputs: Inputs): AutoRollbackInputs {
  const common = parseCommon(inputs);
  const target = parseTarget(inputs);
  const toVersion = inputs.string('to-version');
  if (toVersion && !VERSION_PATTERN.test(toVersion)) {
    throw new InputError('to-version', toVersion, 'use 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
  }
  const workingDirectory = inputs.string('working-directory', '.');
  const command: CommandTargetInputs = {
    deployCommand: inputs.string('deploy-command'),
    shiftCommand: inputs.string('shift-command'),
    promoteCommand: inputs.string('promote-command'),
    rollbackCommand: inputs.string('rollback-command'),
    commandTimeoutMs: inputs.duration('command-timeout', 600_000, 1000, 6 * 3_600_000),
    workingDirectory
  };
  if (target === 'command' && !command.rollbackCommand) {
    throw new InputError('rollback-command', '', 'the command target needs a rollback command to restore a version');
  }
  const reason = inputs.string('reason', 'manual rollback');
  if (reason.length > 1000) throw new InputError('reason', `${reason.slice(0, 20)}…`, 'keep the reason under 1,000 characters');
  return {
    ...common,
    toVersion,
    reason,
    target,
    local: { startCommand: inputs.string('start-command'), workingDirectory, proxyPort: inputs.integer('proxy-port', 0, 0, 65535) },
    command,
    notify: parseNotify(inputs)
  };
}
