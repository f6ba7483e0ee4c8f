// In-memory stand-ins for the engine's ports: unit tests of the state machine only. Integration
// and bundle tests use the real adapters.
import type { Release } from '../../shared/model/release.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Verdict } from '../../shared/model/verdict.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../../shared/ports/deploy-target.js';
import type { Judge } from '../../shared/ports/judge.js';
import type {
  BeginOptions,
  DeploymentRecord,
  DeploymentState,
  EnvironmentView,
  Ledger,
  OwnerState,
  RecordDetails,
  RunOwner
} from '../../shared/ports/ledger.js';
import { activeRollouts } from '../../shared/ledgers/progress.js';
import type { Notifier, NotifyResult, RolloutEvent } from '../../shared/ports/notifier.js';
import type { SignalSource } from '../../shared/ports/signal-source.js';
import type { Clock } from '../../shared/engine/clock.js';
import { CancelledError } from '../../shared/engine/errors.js';
import type { EngineDeps } from '../../shared/engine/rollout.js';
import type { OperationDeps } from '../../shared/engine/operations.js';
import type { RolloutPlan } from '../../shared/model/plan.js';
import { silentLogger } from '../../shared/util/log.js';

export class FakeTarget implements DeployTarget {
  readonly name = 'fake';
  stable: Release | null;
  canary: Release | null = null;
  weight = 0;
  calls: string[] = [];
  /** The context of each call, in the order of `calls`. */
  contexts: DeployContext[] = [];
  failOn: string | null = null;
  constructor(stable: Release | null) {
    this.stable = stable;
  }
  /** Records the call, then rejects if it is the one to fail, else applies `effect` (synchronously). */
  private call(call: string, context: DeployContext, effect: () => void): Promise<void> {
    this.calls.push(call);
    this.contexts.push(context);
    if (this.failOn && call.startsWith(this.failOn)) return Promise.reject(new Error(`the ${this.failOn} command exited with code 3`));
    effect();
    return Promise.resolve();
  }
  deployCanary(release: Release, ctx: DeployContext) {
    return this.call(`deploy ${release.version}`, ctx, () => {
      this.canary = release;
    });
  }
  setWeight(p: number, ctx: DeployContext) {
    return this.call(`weight ${p}`, ctx, () => {
      this.weight = p;
    });
  }
  promote(ctx: DeployContext) {
    return this.call('promote', ctx, () => {
      this.stable = this.canary;
      this.canary = null;
      this.weight = 0;
    });
  }
  rollback(to: Release | null, ctx: DeployContext) {
    return this.call(`rollback ${to?.version ?? 'none'}`, ctx, () => {
      this.stable = to;
      this.canary = null;
      this.weight = 0;
    });
  }
  status(): Promise<TargetStatus> {
    return Promise.resolve({ stable: this.stable, canary: this.canary, weight: this.weight, urls: {} });
  }
  /** The context of the latest call starting with `prefix` ('promote', 'rollback v1', ...). */
  contextOf(prefix: string): DeployContext | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) if (this.calls[i].startsWith(prefix)) return this.contexts[i];
    return undefined;
  }
}

export class MemoryLedger implements Ledger {
  readonly name = 'memory';
  readonly where = 'the memory ledger';
  records: DeploymentRecord[] = [];
  /** What ownerState answers, per owner pid (default: over). */
  owners = new Map<number, OwnerState>();
  begin(o: BeginOptions): Promise<DeploymentRecord> {
    const now = new Date().toISOString();
    const r: DeploymentRecord = {
      id: String(this.records.length + 1),
      environment: o.environment,
      release: o.release,
      state: 'in_progress',
      kind: o.kind,
      createdAt: now,
      updatedAt: now,
      description: o.description,
      ...(o.rollout ? { rollout: o.rollout } : {}),
      ...(o.progress ? { progress: o.progress } : {})
    };
    this.records.unshift(r);
    return Promise.resolve({ ...r });
  }
  record(id: string, state: DeploymentState, d: RecordDetails): Promise<void> {
    const r = this.records.find((x) => x.id === id);
    if (!r) return Promise.reject(new Error(`no deployment ${id}`));
    r.state = state;
    r.description = d.description;
    if ((state === 'in_progress' || state === 'pending') && d.progress) r.progress = d.progress;
    else delete r.progress;
    return Promise.resolve();
  }
  lastGood(env: string, o?: { excludeVersion?: string }): Promise<DeploymentRecord | null> {
    return Promise.resolve(this.records.find((r) => r.environment === env && r.state === 'success' && r.release.version !== o?.excludeVersion) ?? null);
  }
  history(env: string, limit = 30): Promise<DeploymentRecord[]> {
    return Promise.resolve(
      this.records
        .filter((r) => r.environment === env)
        .slice(0, limit)
        .map((r) => ({ ...r }))
    );
  }
  async view(env: string, o?: { excludeVersion?: string }): Promise<EnvironmentView> {
    const history = await this.history(env, 30);
    return { lastGood: await this.lastGood(env, o), active: activeRollouts(history), history };
  }
  ownerState(owner: RunOwner): Promise<OwnerState> {
    return Promise.resolve(this.owners.get(owner.pid) ?? { state: 'over', detail: `process ${owner.pid} has ended` });
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
  read() {
    return Promise.resolve(this.samples.splice(0, 10));
  }
  async stop() {}
}

export class RecordingNotifier implements Notifier {
  // Answers a rollback as the incident-issue notifier does (its URL becomes the report's incident link).
  readonly name = 'incident-issue';
  events: RolloutEvent[] = [];
  notify(e: RolloutEvent): Promise<NotifyResult | undefined> {
    this.events.push(e);
    return Promise.resolve(e.type === 'finished' && e.report.result === 'rolled-back' ? { url: 'https://example.test/issues/1' } : undefined);
  }
}

/** A clock whose functions are plain properties: tests wrap and replace `sleep`. */
export interface FakeClock extends Clock {
  t: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Time moves only when the engine sleeps, so tests never wait. */
export function fakeClock(): FakeClock {
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

// ---- Builders shared by the engine tests --------------------------------------------------

/** The run under test. */
export const ME: RunOwner = { host: 'runner-1', pid: 1 };

/** Another run (another runner process); its liveness comes from MemoryLedger.owners. */
export function otherOwner(pid: number, extra: Partial<RunOwner> = {}): RunOwner {
  return { host: 'runner-2', pid, ...extra };
}

/** A plan for production: steps 10/50/100, 5 s per step, a look every second. */
export function enginePlan(analysis: Partial<RolloutPlan['analysis']> = {}, over: Partial<Omit<RolloutPlan, 'analysis'>> = {}): RolloutPlan {
  return {
    environment: 'production',
    steps: [10, 50, 100],
    stepDurationMs: 5000,
    probeRate: 0,
    lookIntervalMs: 1000,
    autoRollback: true,
    ...over,
    analysis: {
      judge: 'sequential',
      errorTolerance: 0.01,
      latencyTolerance: 0.2,
      alpha: 0.01,
      beta: 0.05,
      minSamples: 1,
      onInconclusive: 'rollback',
      ...analysis
    }
  };
}

/** A first-release judge that must not be used (the test fails loudly if it is). */
export const noFirstReleaseJudge = (): Judge => {
  throw new Error('createFirstReleaseJudge was called, but a baseline exists');
};

/** EngineDeps over the fakes: one failing canary sample per step, a fake clock, owner ME. */
export function engineDeps(target: FakeTarget, ledger: MemoryLedger, judge: ReturnType<typeof scriptedJudge>, extra: Partial<EngineDeps> = {}): EngineDeps {
  return {
    target,
    ledger,
    createJudge: judge,
    createFirstReleaseJudge: noFirstReleaseJudge,
    signalSources: () => [new ListSource([{ side: 'canary', ok: false, status: 500, latencyMs: 3, at: 0, detail: '<b>boom</b>' }])],
    notifiers: [],
    logger: silentLogger,
    owner: ME,
    lockTimeoutMs: 20_000,
    clock: fakeClock(),
    ...extra
  };
}

/** OperationDeps (promote, abort, restore, post step) for production over the fakes. */
export function operationDeps(target: FakeTarget, ledger: MemoryLedger, extra: Partial<OperationDeps> = {}): OperationDeps {
  return { environment: 'production', target, ledger, notifiers: [], logger: silentLogger, owner: ME, clock: fakeClock(), ...extra };
}

/** A finished deployment of `version` in production. */
export async function recordDeployment(ledger: MemoryLedger, version: string, state: DeploymentState = 'success'): Promise<DeploymentRecord> {
  const r = await ledger.begin({ environment: 'production', release: { version }, kind: 'rollout', description: '' });
  await ledger.record(r.id, state, { description: state });
  return r;
}

/** A ledger whose last good deployment of production is `version`, and a target running it. */
export async function ledgerWithStable(version = 'v1'): Promise<{ ledger: MemoryLedger; target: FakeTarget }> {
  const ledger = new MemoryLedger();
  await recordDeployment(ledger, version);
  return { ledger, target: new FakeTarget({ version }) };
}

/** An unfinished rollout of `version` in production, begun by `owner`, at `weight` (paused or not). */
export async function beginRollout(
  ledger: MemoryLedger,
  version: string,
  o: { owner: RunOwner; weight?: number; paused?: boolean; previous?: Release | null; plan?: RolloutPlan }
): Promise<DeploymentRecord> {
  const plan = o.plan ?? enginePlan();
  const weight = o.weight ?? 0;
  return ledger.begin({
    environment: 'production',
    release: { version },
    kind: 'rollout',
    description: `Canary ${version}`,
    rollout: { plan, previous: o.previous === undefined ? { version: 'v1' } : o.previous, owner: o.owner, target: 'fake' },
    progress: { weight, step: weight ? plan.steps.indexOf(weight) + 1 : 0, steps: plan.steps.length, paused: o.paused ?? false }
  });
}
