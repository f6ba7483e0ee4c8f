import type { Release } from '../model/release.js';
import type { DeployContext, DeployTarget, FleetControl, PreflightIntent, TargetStatus } from '../ports/deploy-target.js';
import type { SignalSource } from '../ports/signal-source.js';
import { MergedSource } from '../signals/merged.js';
import { errorMessage } from '../engine/errors.js';
import type { Logger } from '../util/log.js';

export interface FleetMember {
  name: string;
  target: DeployTarget;
}

export interface FleetWave {
  name: string;
  /** Members changed at the same time. */
  maxParallel: number;
  members: FleetMember[];
}

/**
 * A fleet in waves as one target: every call acts on the current wave's members (at most
 * maxParallel at a time), and a rollback restores the current wave and every wave this run
 * promoted, newest first. A rollback from a run that started no wave (an orphan retired, an abort
 * from another run) restores every wave, newest first: whatever ran, stable is everywhere again.
 */
export class FleetTarget implements DeployTarget, FleetControl {
  readonly name = 'fleet';
  readonly fleet: FleetControl = this;
  private current = -1;
  private readonly promoted: number[] = [];
  private rolledBack: string[] = [];

  constructor(
    private readonly fleetWaves: readonly FleetWave[],
    private readonly logger: Logger
  ) {
    if (fleetWaves.length === 0 || fleetWaves.some((w) => w.members.length === 0)) throw new Error('A fleet needs at least one wave, each with a target.');
  }

  get waves(): readonly { name: string; targets: readonly string[] }[] {
    return this.fleetWaves.map((w) => ({ name: w.name, targets: w.members.map((m) => m.name) }));
  }

  begin(index: number): void {
    if (index < 0 || index >= this.fleetWaves.length) throw new Error(`There is no wave ${index + 1} in this fleet.`);
    this.current = index;
  }

  lastRolledBack(): readonly string[] {
    return this.rolledBack;
  }

  private wave(): FleetWave {
    return this.fleetWaves[Math.max(0, this.current)];
  }

  async preflight(intent?: PreflightIntent): Promise<void> {
    for (const w of this.fleetWaves) await this.each(w, 'check', (m) => m.target.preflight?.(intent));
  }

  async deployCanary(release: Release, context: DeployContext): Promise<void> {
    if (this.current < 0) this.current = 0;
    await this.each(this.wave(), 'start the canary on', (m) => m.target.deployCanary(release, context));
  }

  async setWeight(percent: number, context: DeployContext): Promise<void> {
    await this.each(this.wave(), `move to ${percent} %`, (m) => m.target.setWeight(percent, context));
  }

  async promote(context: DeployContext): Promise<void> {
    await this.each(this.wave(), 'promote', (m) => m.target.promote(context));
    if (!this.promoted.includes(this.current)) this.promoted.push(Math.max(0, this.current));
  }

  /** Every wave to restore is tried even when one fails; the error names each target that failed. */
  async rollback(toRelease: Release | null, context: DeployContext): Promise<void> {
    const order =
      this.current < 0 ? this.fleetWaves.map((_, i) => i).reverse() : [this.current, ...this.promoted.filter((i) => i !== this.current).sort((a, b) => b - a)];
    this.rolledBack = [];
    const failures: string[] = [];
    for (const i of order) {
      const w = this.fleetWaves[i];
      try {
        await this.each(w, 'restore', (m) => m.target.rollback(toRelease, { ...context, signal: undefined }), { keepGoing: true });
        this.rolledBack.push(w.name);
        this.logger.info(`Wave ${w.name}: traffic is back on ${toRelease?.version ?? 'the stable version'} on ${w.members.map((m) => m.name).join(', ')}.`);
      } catch (err) {
        failures.push(errorMessage(err));
      }
    }
    if (failures.length) throw new Error(failures.join('; '));
  }

  /** The current wave's view (the first wave before any began): stable as all members agree, a canary when any runs one. */
  async status(): Promise<TargetStatus> {
    const all = await Promise.all(this.wave().members.map((m) => m.target.status()));
    const withCanary = all.find((s) => s.canary);
    return { stable: all[0].stable, canary: withCanary?.canary ?? null, weight: Math.max(...all.map((s) => s.weight)) };
  }

  requestCounter(options: { canaryUrl?: string }): SignalSource | null {
    const sources = this.wave()
      .members.map((m) => m.target.requestCounter?.(options) ?? null)
      .filter((s): s is SignalSource => s !== null);
    return sources.length ? new MergedSource(sources) : null;
  }

  /** Runs `fn` on the wave's members, maxParallel at a time; throws one sentence naming every member that failed. */
  private async each(wave: FleetWave, verb: string, fn: (m: FleetMember) => Promise<void> | undefined, options: { keepGoing?: boolean } = {}): Promise<void> {
    const failed: string[] = [];
    const queue = [...wave.members];
    const worker = async (): Promise<void> => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        if (failed.length && !options.keepGoing) return;
        try {
          await fn(m);
        } catch (err) {
          failed.push(`${m.name}: ${errorMessage(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(wave.maxParallel, wave.members.length) }, worker));
    if (failed.length) throw new Error(`Wave ${wave.name} could not ${verb} ${failed.length === 1 ? 'target' : 'targets'} ${failed.join('; ')}`);
  }
}
