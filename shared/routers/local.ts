import type { DeployContext } from '../ports/deploy-target.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { TrafficRouter } from '../ports/traffic-router.js';
import type { DaemonClient } from '../targets/local/client.js';
import { LocalOutcomesSource } from '../targets/local/outcomes.js';

/**
 * The local target's embedded proxy as a router: the daemon splits each request by weight and
 * records every outcome (entry port and side ports alike), so it also counts probes.
 */
export class LocalProxyRouter implements TrafficRouter {
  readonly name = 'local';

  constructor(private readonly client: DaemonClient) {}

  async setWeight(percent: number, _context?: DeployContext): Promise<void> {
    await this.client.setWeight(percent);
  }

  async reset(_context?: DeployContext): Promise<void> {
    if (await this.client.ping()) await this.client.setWeight(0);
  }

  async currentWeight(): Promise<number | null> {
    return (await this.client.ping())?.weight ?? null;
  }

  requestCounter(): SignalSource {
    return new LocalOutcomesSource({ client: this.client, expectDaemon: true });
  }
}
