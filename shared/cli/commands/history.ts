import type { DeploymentRecord } from '../../ports/ledger.js';
import type { ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';
import { environments, openLedger } from './ledger.js';

/** Deployments recorded in the ledger, newest first. */
export async function historyCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const { common, ledger } = await openLedger(rt);
  const envs = environments(common, args.inputs.environment);
  const all: DeploymentRecord[] = [];
  for (const env of envs) all.push(...(await ledger.history(env, 50)));
  all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const text = all.length
    ? all
        .map(
          (r) =>
            `${r.id.padStart(4)}  ${r.createdAt}  ${r.environment.padEnd(12)}  ${r.kind.padEnd(8)}  ${r.release.version.padEnd(16)}  ${r.state.padEnd(11)}  ${r.description ?? ''}`
        )
        .join('\n')
    : `No deployments of ${envs.join(', ')} in ${ledger.where}.`;
  return { json: all, text };
}
