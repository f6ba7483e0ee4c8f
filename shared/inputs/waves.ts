import { waveTargetSource } from './config-file.js';
import { ConfigFileError, MissingInputError } from './input-error.js';
import type { Inputs } from './parse.js';
import type { TargetKind } from './common.js';
import { checkCommandTarget, parseTargetSettings, parseTraffic, type CanaryAction, type CommandTargetInputs, type TrafficInputs } from './canary-deploy.js';

/** One target of a wave: its own commands and router settings (its keys over the shared ones). */
export interface WaveTargetInputs {
  name: string;
  command: CommandTargetInputs;
  traffic: TrafficInputs;
}

export interface WaveInputs {
  name: string;
  /** Targets of the wave changed at the same time. */
  maxParallel: number;
  targets: WaveTargetInputs[];
}

/**
 * The fleet's waves (config file `waves:`), each target checked like a single command target, or
 * null when there are none. The schema has checked the shape already.
 */
export function parseWaves(inputs: Inputs, target: TargetKind, action: CanaryAction | 'restore'): WaveInputs[] | null {
  const raw = inputs.waves();
  if (!raw) return null;
  if (target !== 'command') {
    throw new ConfigFileError(
      `The config file sets waves, but target is ${target}: a fleet runs the command target on each of its targets (target: command), with traffic: nginx, haproxy or command.`
    );
  }
  if (action === 'deploy' && inputs.get('steps').pauseBeforeLast) {
    throw new ConfigFileError(
      'The config file sets waves and steps hold pause: a fleet runs every wave in one run, so remove pause from steps (or use on-inconclusive: rollback).'
    );
  }
  if (action === 'deploy' && inputs.get('on-inconclusive') === 'pause') {
    throw new ConfigFileError(
      'The config file sets waves and on-inconclusive is pause: a fleet runs every wave in one run, so use on-inconclusive: rollback or promote.'
    );
  }
  const seen = new Set<string>();
  const waveNames = new Set<string>();
  for (const w of raw) {
    if (waveNames.has(w.name.toLowerCase())) throw new ConfigFileError(`The config file names the wave ${w.name} twice: give every wave its own name.`);
    waveNames.add(w.name.toLowerCase());
  }
  return raw.map((w) => ({
    name: w.name,
    maxParallel: w['max-parallel'] ?? w.targets.length,
    targets: w.targets.map((t) => {
      const key = t.name.toLowerCase();
      if (seen.has(key)) throw new ConfigFileError(`The config file names the wave target ${t.name} twice: give every target of the fleet its own name.`);
      seen.add(key);
      const own = inputs.withOverrides(waveTargetSource(t));
      try {
        const { command } = parseTargetSettings(own);
        const traffic = parseTraffic(own, 'command');
        checkCommandTarget(own, command, traffic, action);
        return { name: t.name, command, traffic };
      } catch (err) {
        // A missing value names no place in the file: say which target lacks it.
        if (err instanceof MissingInputError)
          throw new ConfigFileError(`${err.message.replace(/\.$/, '')} (wave ${w.name}, target ${t.name} in the config file).`);
        throw err;
      }
    })
  }));
}
