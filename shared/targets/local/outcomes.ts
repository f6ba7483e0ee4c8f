import type { Sample } from '../../model/sample.js';
import type { SignalSource } from '../../ports/signal-source.js';
import { processRunning } from './liveness.js';
import { DaemonClient } from './client.js';

export interface LocalOutcomesOptions {
  /** The local target's state dir (its daemon records every request through the proxy). */
  stateDir?: string;
  client?: DaemonClient;
  /**
   * A daemon must be running when the step starts (the rollout engine's case: the canary was just
   * deployed there). Without it, no daemon at start means nothing happened yet.
   */
  expectDaemon?: boolean;
}

/** How long one read waits for the daemon: a look comes every second, a lost daemon must show at the next one. */
const READ_TIMEOUT_MS = 3000;

/**
 * Every request the local target's proxy saw (customer traffic through the entry port and probes
 * through the side ports), attributed to canary or stable. Reads only what is new since start().
 *
 * The daemon that answered at start() must answer every read: when it is gone (killed, crashed,
 * hung) or another one answers (restarted, its counts begun again), read() throws at once with
 * one sentence, so the step ends as a target failure instead of the judge waiting on counts that
 * no longer move.
 */
export class LocalOutcomesSource implements SignalSource {
  readonly name = 'local-proxy';
  private readonly client: DaemonClient;
  private readonly expectDaemon: boolean;
  private cursor = 0;
  /** The daemon seen at start(); null when none ran then. */
  private daemonPid: number | null = null;

  constructor(options: LocalOutcomesOptions | string) {
    const o = typeof options === 'string' ? { stateDir: options } : options;
    if (o.client) this.client = o.client;
    else if (o.stateDir) this.client = new DaemonClient(o.stateDir);
    else throw new Error('LocalOutcomesSource needs the local target state dir or a client.');
    this.expectDaemon = o.expectDaemon ?? false;
  }

  /** Only what happens from now on counts; no daemon yet means nothing happened yet (unless one is expected). */
  async start(_step?: { weight: number; startedAt: number }): Promise<void> {
    const s = await this.client.ping(5000);
    if (!s && this.expectDaemon) {
      throw new Error(
        `The local target's daemon for ${this.client.stateDir} is not running at the start of the step, so its proxy neither serves the entry port nor counts requests.`
      );
    }
    this.cursor = s?.lastSeq ?? 0;
    this.daemonPid = s?.pid ?? null;
  }

  /** [] when no daemon ran at start(); throws when the daemon seen at start() is gone or was replaced. */
  async read(): Promise<Sample[]> {
    const out: Sample[] = [];
    for (;;) {
      let page;
      try {
        page = await this.client.samples(this.cursor, undefined, READ_TIMEOUT_MS);
      } catch (err) {
        if (this.daemonPid === null) break;
        throw this.lost(err as Error);
      }
      if (this.daemonPid !== null && page.pid !== undefined && page.pid !== this.daemonPid) {
        throw new Error(
          `The local target's daemon was restarted during the step (pid ${this.daemonPid}, now ${page.pid}): the proxy was down meanwhile and its request counts began again, so the step cannot be judged.`
        );
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

  private lost(err: Error): Error {
    const pid = this.daemonPid as number;
    const how = processRunning(pid) ? `its control socket does not answer (${err.message.replace(/\.\s*$/, '')})` : 'its process has exited';
    return new Error(
      `The local target's daemon (pid ${pid}) stopped during the step: ${how}, so its proxy no longer serves the entry port nor counts requests.`,
      { cause: err }
    );
  }
}
