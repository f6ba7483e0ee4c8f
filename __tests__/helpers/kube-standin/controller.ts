/**
 * What the Deployment controller and the kubelets would do, reduced to timing: after a spec
 * change (a new metadata.generation), the Deployment's status is first "observed" (observedGeneration
 * catches up, the new pods exist but none is available), then, after the ready delay, every
 * replica is updated, ready and available. A Deployment whose delay is Infinity never becomes
 * ready; if its spec.progressDeadlineSeconds passes first, Progressing turns False with reason
 * ProgressDeadlineExceeded, as the real controller reports it.
 */
import { asObj, type Obj, str } from './json.js';
import { dropZeros, readyDeploymentStatus, replicaSetName, type KubeStore, type StoreEvent } from './store.js';
import type { ResourceDef } from './resources.js';

/** How long after a change the controller's first status write lands. */
const OBSERVE_DELAY_MS = 10;
const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

interface Rollout {
  def: ResourceDef;
  namespace: string;
  name: string;
  generation: number;
  startedAt: number;
  timers: NodeJS.Timeout[];
  readyTimer?: NodeJS.Timeout;
}

export class DeploymentController {
  private readonly rollouts = new Map<string, Rollout>();
  private readonly delays = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly store: KubeStore,
    private defaultDelayMs: number
  ) {
    this.unsubscribe = store.subscribe((e) => this.onEvent(e));
  }

  /** Ready delay for Deployments named `name` (any namespace, or 'namespace/name'); Infinity: never ready. Applies to a rollout in flight too. */
  setReadyDelayMs(name: string, ms: number): void {
    this.delays.set(name, ms);
    for (const r of this.rollouts.values()) if (r.name === name || `${r.namespace}/${r.name}` === name) this.scheduleReady(r);
  }

  setDefaultReadyDelayMs(ms: number): void {
    this.defaultDelayMs = ms;
  }

  /** Deployments still rolling out, as 'namespace/name'. */
  pending(): string[] {
    return [...this.rollouts.values()].map((r) => `${r.namespace}/${r.name}`);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const r of this.rollouts.values()) this.clear(r);
    this.rollouts.clear();
  }

  private delayFor(namespace: string, name: string): number {
    return this.delays.get(`${namespace}/${name}`) ?? this.delays.get(name) ?? this.defaultDelayMs;
  }

  private onEvent(e: StoreEvent): void {
    if (e.def.kind !== 'Deployment' || this.closed) return;
    const meta = asObj(e.object.metadata);
    const key = `${str(meta.namespace)}/${str(meta.name)}`;
    const existing = this.rollouts.get(key);
    if (e.type === 'DELETED') {
      if (existing) this.clear(existing);
      this.rollouts.delete(key);
      return;
    }
    const generation = Number(meta.generation ?? 0);
    if (isRolledOut(e.object)) {
      // Rolled out for this generation (by this controller, or written by a test): nothing pending.
      if (existing) this.clear(existing);
      this.rollouts.delete(key);
      return;
    }
    if (existing && existing.generation === generation) return;
    if (Number(asObj(e.object.status).observedGeneration ?? -1) === generation && !existing) return;
    if (existing) this.clear(existing);
    const r: Rollout = { def: e.def, namespace: str(meta.namespace), name: str(meta.name), generation, startedAt: Date.now(), timers: [] };
    this.rollouts.set(key, r);
    r.timers.push(setTimeout(() => this.write(r, (d) => progressingStatus(d)), OBSERVE_DELAY_MS));
    const deadlineSeconds = Number(asObj(e.object.spec).progressDeadlineSeconds ?? 600);
    r.timers.push(setTimeout(() => this.write(r, (d) => deadlineExceededStatus(d)), Math.max(OBSERVE_DELAY_MS + 1, deadlineSeconds * 1000)));
    this.scheduleReady(r);
  }

  private scheduleReady(r: Rollout): void {
    if (r.readyTimer) clearTimeout(r.readyTimer);
    r.readyTimer = undefined;
    const delay = this.delayFor(r.namespace, r.name);
    if (!Number.isFinite(delay) || delay < 0) return;
    const wait = Math.max(OBSERVE_DELAY_MS + 1, r.startedAt + delay - Date.now());
    r.readyTimer = setTimeout(() => {
      this.write(r, (d) => readyDeploymentStatus(d));
      this.clear(r);
      this.rollouts.delete(`${r.namespace}/${r.name}`);
    }, wait);
  }

  private write(r: Rollout, status: (d: Obj) => Obj): void {
    if (this.closed || this.rollouts.get(`${r.namespace}/${r.name}`) !== r) return;
    try {
      const d = this.store.read(r.def, r.namespace, r.name);
      if (Number(asObj(d.metadata).generation) !== r.generation) return;
      this.store.writeStatus(r.def, r.namespace, r.name, status(d));
    } catch {
      // Deleted meanwhile: nothing to report.
    }
  }

  private clear(r: Rollout): void {
    for (const t of r.timers) clearTimeout(t);
    if (r.readyTimer) clearTimeout(r.readyTimer);
    r.timers = [];
    r.readyTimer = undefined;
  }
}

function isRolledOut(d: Obj): boolean {
  const status = asObj(d.status);
  const replicas = Number(asObj(d.spec).replicas ?? 1);
  const n = (k: string): number => Number(status[k] ?? 0);
  return (
    Number(status.observedGeneration ?? -1) === Number(asObj(d.metadata).generation ?? 0) &&
    n('replicas') === replicas &&
    n('updatedReplicas') === replicas &&
    n('availableReplicas') === replicas
  );
}

/** Observed, pods created, none available yet. */
function progressingStatus(d: Obj): Obj {
  const replicas = Number(asObj(d.spec).replicas ?? 1);
  const t = now();
  return dropZeros({
    observedGeneration: asObj(d.metadata).generation,
    replicas,
    updatedReplicas: replicas,
    unavailableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.'
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${replicaSetName(d)}" is progressing.`
      }
    ]
  });
}

function deadlineExceededStatus(d: Obj): Obj {
  const status = progressingStatus(d);
  const t = now();
  status.conditions = [
    (status.conditions as Obj[])[0],
    {
      type: 'Progressing',
      status: 'False',
      lastUpdateTime: t,
      lastTransitionTime: t,
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${replicaSetName(d)}" has timed out progressing.`
    }
  ];
  return status;
}
