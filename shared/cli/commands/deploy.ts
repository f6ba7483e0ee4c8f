import type { CliRuntime } from '../runtime.js';
import type { ParsedArgs } from '../args.js';

export type DeployVerb = 'rollout' | 'promote' | 'abort' | 'rollback';

/**
 * rollout, promote, abort, rollback: the actions' own glue, run with the CLI's runtime, so a
 * rollout from GitLab CI, Jenkins or a laptop is the same rollout as from a workflow.
 */
export async function deployCommand(rt: CliRuntime, args: ParsedArgs, verb: DeployVerb): Promise<void> {
  if (verb === 'rollback') {
    const { autoRollbackAction } = await import('../../glue/auto-rollback.js');
    return autoRollbackAction(rt);
  }
  if (verb === 'rollout') {
    if (args.inputs.action && args.inputs.action !== 'deploy')
      throw new Error(`--action ${args.inputs.action} does not go with "shipgate rollout": use "shipgate ${args.inputs.action}".`);
    const { rolloutAction } = await import('../../glue/rollout.js');
    return rolloutAction(rt);
  }
  const { canaryDeploy } = await import('../../glue/canary-deploy.js');
  await canaryDeploy(rt);
}
