import type { Sample } from '../../model/sample.js';
import type { SignalSource } from '../../ports/signal-source.js';
import { DaemonClient } from './client.js';

export interface LocalOutcomesOptions {
  /** The local target's state dir (its daemon records every request through the proxy). */
  stateDir?: string;
  client?: DaemonClient;
}

/**
 * Every request the local target's proxy saw (customer traffic through the entry port and probes
 * through the side ports), attributed to canary or stable. Reads only what is new since start().
 */
export class LocalOutcomesSource implements SignalSource {
  readonly name = 'local-proxy';
  private readonly client: DaemonClient;
  private cursor = 0;

  constructor(options: LocalOutcomesOptions | string) {
    const o = typeof options === 'string' ? { stateDir: options } : options;
    if (o.client) this.client = o.client;
    else if (o.stateDir) this.client = new DaemonClient(o.stateDir);
    else throw new Error('LocalOutcomesSource needs the local target state dir or a client.');
  }

  /** Only what happens from now on counts; no daemon yet means nothing happened yet. */
  async start(_step?: { weight: number; startedAt: number }): Promise<void> {
    const s = await this.client.ping(5000);
    this.cursor = s?.lastSeq ?? 0;
  }

  /** [] when the daemon cannot be reached: "no data", which the judge never reads as healthy. */
  async read(): Promise<Sample[]> {
    const out: Sample[] = [];
    for (;;) {
      let page;
      try {
        page = await this.client.samples(this.cursor);
      } catch {
        break;
      }
      for (const r of page.records) {
        out.push({
          side: r.side,
          ok: r.status > 0 && r.status < 500,
          status: r.status,
          latencyMs: r.latencyMs,
          at: r.at,
          source: this.name,
          ...(r.detail !== undefined ? { detail: r.detail } : {})
        });
      }
      this.cursor = page.last;
      if (!page.more || page.records.length === 0) break;
    }
    return out;
  }

  async stop(): Promise<void> {}
}
