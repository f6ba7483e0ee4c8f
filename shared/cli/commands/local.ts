import path from 'node:path';
import { parseCommon } from '../../inputs/common.js';
import { resolveStateDir } from '../../glue/composition.js';
import { localStateDir } from '../../targets/local/paths.js';
import { UsageError, type ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';

/** `local status` and `local stop`: the local target's daemon on this machine. */
export async function localCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const sub = args.command[1];
  const common = parseCommon(await rt.inputs());
  const env = common.environment;
  const stateDir = localStateDir(path.resolve(resolveStateDir(rt, common.stateDir)), env);
  if (sub === 'status') {
    const { LocalTarget } = await import('../../targets/local/index.js');
    const target = new LocalTarget({ stateDir, environment: env, startCommand: '', logger: rt.logger });
    const s = await target.status();
    return {
      json: s,
      text: `${env}: stable ${s.stable?.version ?? '—'}, canary ${s.canary?.version ?? '—'} at ${s.weight} %${s.urls?.entry ? `, entry ${s.urls.entry}` : ''}`
    };
  }
  if (sub === 'stop') {
    const { stopLocal } = await import('../../targets/local/index.js');
    await stopLocal(stateDir);
    return { json: { environment: env, stopped: true }, text: `Stopped the local target of ${env}.` };
  }
  throw new UsageError(`"shipgate local" takes status or stop${sub ? `, not "${sub.slice(0, 40)}"` : ''}.`);
}
