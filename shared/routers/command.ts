import type { DeployContext } from '../ports/deploy-target.js';
import type { TrafficRouter } from '../ports/traffic-router.js';
import type { Logger } from '../util/log.js';

/** Runs one of the command target's commands (its process-group and leftover handling included). */
export type RunCommand = (input: 'shift-command', command: string, context: DeployContext) => Promise<void>;

/**
 * The user's shift-command as a router: it gets the weight in $SHIPGATE_WEIGHT. It sees no
 * requests, so the evidence comes from probes or Prometheus; a rollback is the rollback-command's
 * job (it puts all traffic back on stable), so reset has nothing of its own to do.
 */
export class ShiftCommandRouter implements TrafficRouter {
  readonly name = 'command';

  constructor(
    private readonly shiftCommand: string | undefined,
    private readonly run: RunCommand,
    private readonly logger: Logger
  ) {}

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    if (this.shiftCommand?.trim()) {
      await this.run('shift-command', this.shiftCommand, { ...context, weight: percent });
    } else {
      this.logger.debug(`No shift-command is set: the canary weight ${percent} % is only recorded.`);
    }
  }

  async reset(): Promise<void> {}
}
