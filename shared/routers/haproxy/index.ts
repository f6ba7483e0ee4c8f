import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Side } from '../../model/sample.js';
import type { DeployContext } from '../../ports/deploy-target.js';
import type { SignalSource } from '../../ports/signal-source.js';
import type { TrafficRouter } from '../../ports/traffic-router.js';
import { HaproxyStatsSource } from '../../signals/haproxy-stats.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { escapeLogText } from '../../util/escape.js';
import type { Logger } from '../../util/log.js';
import { checkHaproxyName, HaproxyRuntimeApi, HaproxySocketError, replyText } from './runtime-api.js';
import { findRow, outOfRotation, parseShowStat, serverNames, type StatRow } from './stat-csv.js';

export interface HaproxyRouterOptions {
  /** haproxy-socket: the runtime API socket, declared `stats socket <path> level admin`. */
  socket: string;
  /** haproxy-backend */
  backend: string;
  /** haproxy-stable-server: a server of the backend. */
  stableServer: string;
  /** haproxy-canary-server: a server of the backend. */
  canaryServer: string;
  /**
   * haproxy-state-file: when set, `show servers state` is written here after every change, so a
   * reload with `server-state-file` + `load-server-state-from-file` keeps the weights.
   */
  stateFile?: string;
  logger: Logger;
  /** Per socket command; default 5 s. */
  timeoutMs?: number;
}

/** Absolute HAProxy weights of the two servers. */
export interface Weights {
  canary: number;
  stable: number;
}

/** HAProxy weights are relative to each other: canary p and stable 100 − p give the canary exactly p %. */
export function weightsFor(percent: number): Weights {
  return { canary: percent, stable: 100 - percent };
}

/** The canary's share of the requests in percent, rounded; 0 when both weights are 0 (no server takes anything). */
export function canaryShare(w: Weights): number {
  const total = w.canary + w.stable;
  return total === 0 ? 0 : Math.round((w.canary * 100) / total);
}

/** One `set weight`, in the order they are sent. */
export interface WeightSet {
  side: Side;
  weight: number;
}

/**
 * In which order to send the two `set weight` commands. Between them, one mixed state is live:
 * canary-first leaves (new canary, old stable), stable-first (old canary, new stable). Both mixed
 * shares lie between the old and the new share (the sums stay 100 apart from one side's change),
 * so neither order overshoots on paper.
 * - A mixed state where both weights are 0 sends every request to no server (HAProxy answers 503
 *   "no server available"; measured on 2.6): going 100 → 0 canary-first, or 0 → 100 stable-first,
 *   would do that. Such an order is never chosen.
 * - A canary-first mixed state that gives the canary more than both the old and the new share
 *   (from 0/0, a state nobody normalised) is not chosen either.
 * - Otherwise the canary's weight changes first. Lowering stable's weight first under roundrobin
 *   sent 95–100 % of requests to the canary for 1–1.5 s in 2 of 6 trials on 2.6 (and 4 of 10
 *   changes to 50 % in `npm run bench:routers`); canary-first gave 49–51 % in every trial.
 * Servers whose weight does not change get no command.
 */
export function planWeightChange(current: Weights, target: Weights): WeightSet[] {
  const canary: WeightSet = { side: 'canary', weight: target.canary };
  const stable: WeightSet = { side: 'stable', weight: target.stable };
  const canaryChanges = current.canary !== target.canary;
  const stableChanges = current.stable !== target.stable;
  if (!canaryChanges) return stableChanges ? [stable] : [];
  if (!stableChanges) return [canary];
  const mixed = target.canary + current.stable;
  const share = (w: Weights) => (w.canary + w.stable === 0 ? 0 : w.canary / (w.canary + w.stable));
  // Canary-first, unless its mixed state has no server or gives the canary more than both the old and the new share.
  const overshoots = mixed === 0 || target.canary / mixed > Math.max(share(current), share(target));
  return overshoots ? [stable, canary] : [canary, stable];
}

/**
 * HAProxy's runtime API as a traffic router: `set weight` on two servers of one backend, each
 * checked with `get weight`. Weights are absolute (0–256), so both servers are set: canary p,
 * stable 100 − p. A reset also puts the canary in `maint`, so not even a weight typo elsewhere
 * can send it traffic; the next setWeight brings it back with `state ready`.
 */
export class HaproxyRouter implements TrafficRouter {
  readonly name = 'haproxy';
  private readonly api: HaproxyRuntimeApi;

  constructor(private readonly options: HaproxyRouterOptions) {
    checkHaproxyName('haproxy-backend', options.backend);
    checkHaproxyName('haproxy-stable-server', options.stableServer);
    checkHaproxyName('haproxy-canary-server', options.canaryServer);
    if (options.stableServer === options.canaryServer) {
      throw new Error(
        `haproxy-canary-server ${JSON.stringify(options.canaryServer)} is also haproxy-stable-server: name two different servers of the backend.`
      );
    }
    this.api = new HaproxyRuntimeApi(options.socket, options.timeoutMs ?? 5000);
  }

  async preflight(): Promise<void> {
    const { socket, backend, stableServer, canaryServer, stateFile } = this.options;
    const level = replyText(await this.api.send('show cli level'));
    // `show cli level` answers user, operator or admin; anything else is an older HAProxy: skip.
    if (level === 'user' || level === 'operator') {
      throw new Error(`haproxy-socket ${socket} is at level ${level}, but set weight needs "level admin" on its stats socket line.`);
    }
    // Type 2|4: the backend row (its algorithm) and its servers.
    const reply = await this.api.send(`show stat ${backend} 6 -1`);
    const rows = reply.startsWith('# ') ? parseShowStat(reply) : [];
    const backendRow = findRow(rows, backend, 'BACKEND');
    if (!backendRow) {
      const names = replyText(await this.api.send('show backend'))
        .replace(/^# name\s*/, '')
        .split(/\s+/)
        .filter(Boolean);
      throw new Error(
        `haproxy-backend ${JSON.stringify(backend)} is not a backend of the HAProxy at haproxy-socket ${socket} (its backends: ${names.join(', ') || 'none'}).`
      );
    }
    const servers = serverNames(rows, backend);
    for (const [input, server] of [
      ['haproxy-stable-server', stableServer],
      ['haproxy-canary-server', canaryServer]
    ] as const) {
      if (!servers.includes(server)) {
        throw new Error(
          `${input} ${JSON.stringify(server)} is not a server of haproxy-backend ${JSON.stringify(backend)} (its servers: ${servers.join(', ') || 'none'}).`
        );
      }
    }
    // static-rr takes only 0 % and 100 %; `first` fills servers in order and splits nothing. A
    // map-based hash (the default hash-type) is static too, but `show stat` names only the key
    // (source, uri, ...), not the hash type: HAProxy refuses the first set weight then, and
    // setWeight reports its sentence.
    const algo = backendRow.algo ?? '';
    if (algo === 'static-rr' || algo === 'first') {
      throw new Error(
        `haproxy-backend ${JSON.stringify(backend)} balances with ${algo}, which cannot split traffic by weight at runtime: use balance roundrobin (or leastconn, random).`
      );
    }
    if (stateFile !== undefined) {
      const dir = path.dirname(path.resolve(stateFile));
      try {
        await fs.access(dir, constants.W_OK);
      } catch {
        throw new Error(`haproxy-state-file ${stateFile} cannot be written: its folder ${dir} is missing or not writable.`);
      }
    }
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new Error(`The canary weight ${percent} is not a whole percentage from 0 to 100.`);
    }
    if (context.signal?.aborted) throw new Error(`HAProxy weights were not changed to canary ${percent} %: the job was cancelled.`);
    const target = weightsFor(percent);
    const before = await this.weights();
    const stats = await this.stat();
    let current = before;
    // What has been changed so far, to put back if a later command is refused: a failed
    // setWeight leaves the weights (and the state file) as they were, not a mix of old and new.
    const undo: (() => Promise<void>)[] = [];
    try {
      if (percent > 0 && /^(MAINT|DRAIN)/.test(this.status(stats, 'canary'))) {
        // Out of rotation after a reset: back in at weight 0 first, so it returns with no old weight.
        if (current.canary !== 0) {
          await this.setChecked('canary', 0);
          undo.push(() => this.setChecked('canary', before.canary));
        }
        current = { ...current, canary: 0 };
        await this.command(`set server ${this.ref('canary')} state ready`);
        undo.push(() => this.command(`set server ${this.ref('canary')} state maint`));
        const after = this.status(await this.stat(), 'canary');
        if (/^(MAINT|DRAIN)/.test(after)) {
          throw new Error(
            `HAProxy kept haproxy-canary-server ${this.ref('canary')} ${escapeLogText(after)} after "set server ... state ready" on haproxy-socket ${this.options.socket}.`
          );
        }
        // With health checks a server may leave maint DOWN until its checks pass: that is HAProxy's call, not a refusal.
        if (outOfRotation(after)) {
          this.options.logger.warning(
            `haproxy: canary server ${this.ref('canary')} is ${escapeLogText(after)} after leaving maint: it takes no requests until its health checks pass.`
          );
        }
      }
      for (const set of planWeightChange(current, target)) {
        const was = current[set.side];
        await this.setChecked(set.side, set.weight);
        undo.push(() => this.setChecked(set.side, was));
      }
      await this.saveState();
    } catch (err) {
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch (undoErr) {
          this.options.logger.warning(
            `haproxy: could not put back the earlier setting: ${escapeLogText(undoErr instanceof Error ? undoErr.message : String(undoErr))}`
          );
        }
      }
      throw err;
    }
    this.warnIfStableOut(stats);
    this.options.logger.info(`haproxy: canary ${percent} % (weights ${target.canary}/${target.stable}), checked with get weight`);
  }

  /** Every step is tried even when one fails (a rollback must get as far as it can); the first failure is thrown at the end. */
  async reset(_context: DeployContext): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    };
    const target = weightsFor(0);
    await attempt(async () => {
      for (const set of planWeightChange(await this.weights(), target)) await this.setChecked(set.side, set.weight);
    });
    await attempt(async () => {
      await this.command(`set server ${this.ref('canary')} state maint`);
      const status = this.status(await this.stat(), 'canary');
      if (!status.startsWith('MAINT')) {
        throw new Error(
          `HAProxy shows haproxy-canary-server ${this.ref('canary')} as ${escapeLogText(status)}, not MAINT, after "set server ... state maint" on haproxy-socket ${this.options.socket}.`
        );
      }
    });
    await attempt(() => this.saveState());
    if (errors.length) throw errors[0];
    this.options.logger.info(`haproxy: canary 0 % (weights ${target.canary}/${target.stable}, canary in maint), checked with get weight and show stat`);
  }

  async currentWeight(): Promise<number | null> {
    try {
      const weights = await this.weights();
      const stats = await this.stat();
      if (outOfRotation(this.status(stats, 'canary'))) return 0;
      if (outOfRotation(this.status(stats, 'stable'))) return weights.canary > 0 ? 100 : 0;
      return canaryShare(weights);
    } catch (err) {
      this.options.logger.debug(`haproxy: cannot read the weights: ${escapeLogText(err instanceof Error ? err.message : String(err))}`);
      return null;
    }
  }

  requestCounter(): SignalSource {
    const { socket, backend, stableServer, canaryServer, logger, timeoutMs } = this.options;
    return new HaproxyStatsSource({ socket, backend, stableServer, canaryServer, logger, timeoutMs });
  }

  private server(side: Side): string {
    return side === 'canary' ? this.options.canaryServer : this.options.stableServer;
  }

  private ref(side: Side): string {
    return `${this.options.backend}/${this.server(side)}`;
  }

  /** A command whose only good answer is an empty one; any text is HAProxy refusing it. */
  private async command(cmd: string): Promise<void> {
    const reply = replyText(await this.api.send(cmd));
    if (reply !== '') throw new Error(`HAProxy refused "${cmd}" on haproxy-socket ${this.options.socket}: ${escapeLogText(reply, 200)}`);
  }

  private async setChecked(side: Side, weight: number): Promise<void> {
    await this.command(`set weight ${this.ref(side)} ${weight}`);
    const now = await this.weightOf(side);
    if (now !== weight) {
      throw new Error(
        `HAProxy kept server ${this.ref(side)} at weight ${now} after "set weight ${this.ref(side)} ${weight}" on haproxy-socket ${this.options.socket}.`
      );
    }
  }

  /** `get weight` answers `10 (initial 100)`: the current weight, then the configured one. */
  private async weightOf(side: Side): Promise<number> {
    const reply = replyText(await this.api.send(`get weight ${this.ref(side)}`));
    const m = /^(\d+) \(initial \d+\)$/.exec(reply);
    if (!m)
      throw new Error(
        `HAProxy answered "get weight ${this.ref(side)}" on haproxy-socket ${this.options.socket} with ${JSON.stringify(escapeLogText(reply, 200))}.`
      );
    return Number(m[1]);
  }

  private async weights(): Promise<Weights> {
    return { canary: await this.weightOf('canary'), stable: await this.weightOf('stable') };
  }

  /** The backend's server rows; throws when HAProxy answers with something other than CSV. */
  private async stat(): Promise<StatRow[]> {
    const reply = await this.api.send(`show stat ${this.options.backend} 4 -1`);
    if (!reply.startsWith('# ')) {
      throw new Error(
        `HAProxy answered "show stat ${this.options.backend} 4 -1" on haproxy-socket ${this.options.socket} with ${JSON.stringify(escapeLogText(replyText(reply), 200))}.`
      );
    }
    return parseShowStat(reply);
  }

  private status(rows: readonly StatRow[], side: Side): string {
    const row = findRow(rows, this.options.backend, this.server(side));
    if (!row)
      throw new Error(
        `haproxy-${side}-server ${JSON.stringify(this.server(side))} is not in show stat of haproxy-backend ${JSON.stringify(this.options.backend)}.`
      );
    return row.status ?? '';
  }

  /**
   * Stable down by its health checks (or put in maint by someone) takes nothing whatever its
   * weight, so the canary gets everything. Not thrown: the rollback that would follow puts the
   * canary in maint too, and then nothing answers at all.
   */
  private warnIfStableOut(rows: readonly StatRow[]): void {
    const status = this.status(rows, 'stable');
    if (outOfRotation(status)) {
      this.options.logger.warning(
        `haproxy: stable server ${escapeLogText(this.ref('stable'))} is ${escapeLogText(status)}, so HAProxy sends the canary every request, whatever the weights.`
      );
    }
  }

  /** `show servers state` (every backend, as HAProxy sees it now) into the state file, whole or not at all. */
  private async saveState(): Promise<void> {
    const file = this.options.stateFile;
    if (file === undefined) return;
    const state = await this.api.send('show servers state');
    // The format starts with its version line ("1"), then the "# be_id ..." header.
    if (!/^\d+\n# /.test(state)) {
      throw new Error(
        `HAProxy answered "show servers state" on haproxy-socket ${this.options.socket} with ${JSON.stringify(escapeLogText(replyText(state), 200))}.`
      );
    }
    try {
      // Rewritten on every shift: no fsync (a crash loses at most the last shift's weights).
      await writeFileAtomic(file, state, { durable: false });
    } catch (err) {
      throw new Error(`haproxy-state-file ${file} could not be written: ${err instanceof Error ? err.message : String(err)}.`, { cause: err });
    }
  }
}

export { HaproxySocketError };
