// In-memory stand-ins for the engine's ports: unit tests of the state machine only. Integration
// and bundle tests use the real adapters.
import type { Release } from '../../shared/model/release.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Verdict } from '../../shared/model/verdict.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../../shared/ports/deploy-target.js';
import type { Judge } from '../../shared/ports/judge.js';
import type { BeginOptions, DeploymentRecord, DeploymentState, Ledger } from '../../shared/ports/ledger.js';
import type { Notifier, RolloutEvent } from '../../shared/ports/notifier.js';
import type { SignalSource } from '../../shared/ports/signal-source.js';
import type { Clock } from '../../shared/engine/clock.js';
import { CancelledError } from '../../shared/engine/errors.js';

export class FakeTarget implements DeployTarget {
  readonly name = 'fake';
  stable: Release | null;
  canary: Release | null = null;
  weight = 0;
  calls: string[] = [];
  failOn: string | null = null;
  constructor(stable: Release | null) {
    this.stable = stable;
  }
  private maybeFail(call: string) {
    this.calls.push(call);
    if (this.failOn && call.startsWith(this.failOn)) throw new Error(`the ${this.failOn} command exited with code 3`);
  }
  async deployCanary(release: Release, _ctx: DeployContext) {
    this.maybeFail(`deploy ${release.version}`);
    this.canary = release;
  }
  async setWeight(p: number) {
    this.maybeFail(`weight ${p}`);
    this.weight = p;
  }
  async promote() {
    this.maybeFail('promote');
    this.stable = this.canary;
    this.canary = null;
    this.weight = 0;
  }
  async rollback(to: Release | null) {
    this.maybeFail(`rollback ${to?.version ?? 'none'}`);
    this.stable = to;
    this.canary = null;
    this.weight = 0;
  }
  async status(): Promise<TargetStatus> {
    return { stable: this.stable, canary: this.canary, weight: this.weight, urls: {} };
  }
}

export class MemoryLedger implements Ledger {
  readonly name = 'memory';
  records: DeploymentRecord[] = [];
  async begin(o: BeginOptions) {
    const now = new Date().toISOString();
    const r: DeploymentRecord = { id: String(this.records.length + 1), environment: o.environment, release: o.release, state: 'in_progress', kind: o.kind, createdAt: now, updatedAt: now, description: o.description };
    this.records.unshift(r);
    return r;
  }
  async record(id: string, state: DeploymentState, d: { description: string }) {
    const r = this.records.find((x) => x.id === id);
    if (!r) throw new Error(`no deployment ${id}`);
    r.state = state;
    r.description = d.description;
  }
  async lastGood(env: string, o?: { excludeVersion?: string }) {
    return this.records.find((r) => r.environment === env && r.state === 'success' && r.release.version !== o?.excludeVersion) ?? null;
  }
  async history(env: string, limit = 30) {
    return this.records.filter((r) => r.environment === env).slice(0, limit);
  }
}

/** A judge that answers from a script: the n-th verdict of step s. */
export function scriptedJudge(script: ('pass' | 'fail' | 'continue')[][]) {
  let step = -1;
  return () => {
    step++;
    const mine = script[Math.min(step, script.length - 1)];
    let look = 0;
    const judge: Judge = {
      name: 'scripted',
      observe(_s: readonly Sample[]) {},
      verdict(): Verdict {
        const d = mine[Math.min(look++, mine.length - 1)];
        return { decision: d, reason: `scripted ${d}`, checks: [], samples: { canary: 0, stable: 0 } };
      },
      statistics: () => ({ 'error-rate': look })
    };
    return judge;
  };
}

export class ListSource implements SignalSource {
  readonly name = 'list';
  constructor(private readonly samples: Sample[]) {}
  async start() {}
  async read() {
    return this.samples.splice(0, 10);
  }
  async stop() {}
}

export class RecordingNotifier implements Notifier {
  readonly name = 'recording';
  events: RolloutEvent[] = [];
  async notify(e: RolloutEvent) {
    this.events.push(e);
    return e.type === 'finished' && e.report.result === 'rolled-back' ? { url: 'https://example.test/issues/1' } : undefined;
  }
}

/** Time moves only when the engine sleeps, so tests never wait. */
export function fakeClock(): Clock & { t: number } {
  const c = {
    t: 1_700_000_000_000,
    now: () => c.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new CancelledError();
      c.t += ms;
      await Promise.resolve();
      if (signal?.aborted) throw new CancelledError();
    }
  };
  return c;
}
