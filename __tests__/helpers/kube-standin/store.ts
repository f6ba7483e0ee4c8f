/**
 * The stand-in's object store, with kube-apiserver's write semantics: a cluster-wide
 * resourceVersion that increases on every write, optimistic concurrency (a write carrying a stale
 * `metadata.resourceVersion` is a 409 Conflict), `metadata.generation` bumped when anything but
 * metadata and status changes, status kept apart from spec writes (the status subresource),
 * defaulting, validation (422 Invalid), and a history of watch events.
 */
import { randomUUID } from 'node:crypto';
import { asObj, clone, deepEqual, isObj, type Obj, str } from './json.js';
import { alreadyExists, badRequest, conflict, invalid, notFound, patchDoesNotApply, unsupportedMediaType, type StatusCause } from './errors.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch.js';
import { apiVersionOf, applyDefaults, resolveResource, resourceForObject, schemaCheck, semanticCheck, SMP_SCHEMAS, type ResourceDef } from './resources.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface StoreEvent {
  type: WatchEventType;
  def: ResourceDef;
  /** The object as of this event (its metadata.resourceVersion is `rv`). */
  object: Obj;
  rv: number;
}

/** Schema-validation counts: every object the stand-in stored was checked; `rejected` writes were refused. */
export interface ValidationStats {
  checked: number;
  rejected: number;
}

export interface WriteOptions {
  /** `?dryRun=All`: everything but storing. */
  dryRun?: boolean;
}

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json'
} as const;

const gr = (def: ResourceDef): { group: string; resource: string } => ({ group: def.group, resource: def.plural });
const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const keyOf = (def: ResourceDef, namespace: string | undefined, name: string): string =>
  `${def.group}/${def.plural}/${def.namespaced ? (namespace ?? '') : ''}/${name}`;
const withoutMetaAndStatus = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'metadata' && k !== 'status'));

export class KubeStore {
  private readonly objects = new Map<string, Obj>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private rv = 1000;
  private readonly stats: ValidationStats = { checked: 0, rejected: 0 };

  /** The current (latest) resourceVersion, as list responses report it. */
  resourceVersion(): number {
    return this.rv;
  }

  validationStats(): ValidationStats {
    return { ...this.stats };
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after resourceVersion `rv`; undefined when history no longer reaches back that far (410 Gone). */
  eventsSince(rv: number): StoreEvent[] | undefined {
    const oldest = this.history[0]?.rv ?? this.rv + 1;
    if (rv < oldest - 1 && rv < this.rv) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }

  // ---- test-facing access (clones in, clones out) ----

  /** The stored object, or undefined. `resource`: 'deployments', 'deploy', 'Deployment', ... */
  get(resource: string, namespace: string | undefined, name: string): Obj | undefined {
    const o = this.objects.get(keyOf(resolveResource(resource), namespace, name));
    return o && clone(o);
  }

  /** Stored objects of a kind, in one namespace or all, sorted by namespace and name. */
  list(resource: string, namespace?: string): Obj[] {
    return this.listDef(resolveResource(resource), namespace).map((o) => clone(o));
  }

  /**
   * Stores an object directly (test setup): created, or replaced whatever its resourceVersion.
   * Defaults and validation apply as for a request (a KubeError is thrown when invalid). With
   * `settle` (the default) a Deployment is stored already rolled out (status ready); with
   * `settle: false` it goes through the stand-in's rollout delay like a kubectl write.
   */
  put(object: Obj, options: { settle?: boolean } = {}): Obj {
    const def = resourceForObject(object);
    if (!def) throw new Error(`kube stand-in: cannot store ${String(object.apiVersion)} ${String(object.kind)}`);
    const meta = asObj(object.metadata);
    const ns = def.namespaced ? str(meta.namespace, 'default') : undefined;
    const name = str(meta.name);
    const body = clone(object);
    const m = asObj(body.metadata);
    delete m.resourceVersion;
    body.metadata = m;
    if (def.namespaced && !this.objects.has(keyOf(resolveResource('namespaces'), undefined, ns as string)))
      this.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const existing = this.objects.get(keyOf(def, ns, name));
    const statusIn = body.status;
    let stored = existing ? this.replace(def, ns, name, body) : this.create(def, ns, body);
    if (isObj(statusIn) && def.kind !== 'Deployment') stored = this.replace(def, ns, name, { ...stored, status: statusIn }, { subresource: 'status' });
    if (def.kind === 'Deployment' && (options.settle ?? true)) stored = this.writeStatus(def, ns, name, readyDeploymentStatus(stored));
    return stored;
  }

  /** Deletes directly (test setup); false when there was nothing to delete. */
  remove(resource: string, namespace: string | undefined, name: string): boolean {
    const def = resolveResource(resource);
    if (!this.objects.has(keyOf(def, namespace, name))) return false;
    this.delete(def, namespace, name);
    return true;
  }

  /** Re-checks every stored object against its schema and rules; lists the failures (there should be none). */
  validateAll(): { checked: number; failures: { object: string; problems: string[] }[] } {
    const failures: { object: string; problems: string[] }[] = [];
    for (const [key, o] of this.objects) {
      const def = resourceForObject(o) as ResourceDef;
      const { causes, typeErrors } = schemaCheck(def, o);
      const problems = [...typeErrors, ...causes.map((c) => `${c.field}: ${c.message}`), ...semanticCheck(def, o).map((c) => `${c.field}: ${c.message}`)];
      if (problems.length) failures.push({ object: key, problems });
    }
    return { checked: this.objects.size, failures };
  }

  // ---- REST semantics (what the HTTP layer calls) ----

  listDef(def: ResourceDef, namespace?: string): Obj[] {
    return [...this.objects.values()]
      .filter((o) => resourceForObject(o) === def && (namespace === undefined || !def.namespaced || asObj(o.metadata).namespace === namespace))
      .sort((a, b) => {
        const ma = asObj(a.metadata);
        const mb = asObj(b.metadata);
        return str(ma.namespace, '').localeCompare(str(mb.namespace, '')) || str(ma.name).localeCompare(str(mb.name));
      });
  }

  read(def: ResourceDef, namespace: string | undefined, name: string): Obj {
    const o = this.objects.get(keyOf(def, namespace, name));
    if (!o) throw notFound(gr(def), name);
    return o;
  }

  create(def: ResourceDef, namespace: string | undefined, body: unknown, options: WriteOptions = {}): Obj {
    const obj = this.checkBody(def, body);
    const meta = asObj(obj.metadata);
    if (def.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      if (!this.objects.has(keyOf(resolveResource('namespaces'), undefined, namespace as string)))
        throw notFound({ group: '', resource: 'namespaces' }, String(namespace));
      meta.namespace = namespace;
    } else delete meta.namespace;
    if ((meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName)
      meta.name = `${meta.generateName}${randomUUID().replace(/-/g, '').slice(0, 5)}`;
    const name = str(meta.name, '');
    if (name && this.objects.has(keyOf(def, namespace, name))) throw alreadyExists(gr(def), name);
    delete meta.resourceVersion;
    meta.uid = randomUUID();
    meta.creationTimestamp = now();
    if (def.generation) meta.generation = 1;
    else delete meta.generation;
    delete meta.deletionTimestamp;
    if (def.subresources.includes('status')) delete obj.status;
    obj.metadata = meta;
    applyDefaults(def, obj);
    this.validate(def, obj, undefined, 'create');
    if (options.dryRun) return obj;
    return this.commit('ADDED', def, obj);
  }

  /**
   * PUT: the whole object. A `metadata.resourceVersion` in the body must be the stored one (else
   * 409). Without `subresource`, status is kept as stored; with 'status', only status changes.
   */
  replace(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions & { subresource?: 'status'; patched?: boolean } = {}
  ): Obj {
    const current = this.read(def, namespace, name);
    const obj = this.checkBody(def, body);
    const meta = asObj(obj.metadata);
    if (meta.name !== undefined && meta.name !== name)
      throw badRequest(`the name of the object (${str(meta.name)}) does not match the name on the URL (${name})`);
    if (def.namespaced && meta.namespace !== undefined && meta.namespace !== namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const rv = meta.resourceVersion;
    if (rv !== undefined && rv !== '' && str(rv) !== asObj(current.metadata).resourceVersion) throw conflict(gr(def), name);
    let next: Obj;
    if (options.subresource === 'status') {
      next = { ...clone(current), status: obj.status };
    } else {
      const cm = asObj(current.metadata);
      next = { ...obj, metadata: { ...meta, name, ...(def.namespaced ? { namespace } : {}), uid: cm.uid, creationTimestamp: cm.creationTimestamp } };
      if (cm.generation !== undefined) asObj(next.metadata).generation = cm.generation;
      if (def.subresources.includes('status')) {
        if (current.status !== undefined) next.status = clone(current.status);
        else delete next.status;
      }
      applyDefaults(def, next, current);
      if (def.generation && !deepEqual(withoutMetaAndStatus(next), withoutMetaAndStatus(current)))
        asObj(next.metadata).generation = Number(cm.generation ?? 0) + 1;
    }
    this.validate(def, next, current, options.patched ? 'patch' : 'update');
    asObj(next.metadata).resourceVersion = asObj(current.metadata).resourceVersion;
    if (options.dryRun) return next;
    // A write that changes nothing is a no-op: no new resourceVersion, no watch event.
    if (deepEqual(next, current)) return clone(current);
    return this.commit('MODIFIED', def, next);
  }

  /** PATCH with one of the three patch types; `subresource: 'status'` patches status only. */
  patch(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    contentType: string,
    patch: unknown,
    options: WriteOptions & { subresource?: 'status' } = {}
  ): Obj {
    const current = this.read(def, namespace, name);
    const patched = this.applyPatch(def, clone(current), contentType, patch);
    // A resourceVersion the patch sets is a precondition (compared by replace()).
    const patchedMeta = asObj(patched.metadata);
    if (patchedMeta.resourceVersion === asObj(current.metadata).resourceVersion) delete patchedMeta.resourceVersion;
    const body = options.subresource === 'status' ? { ...clone(current), status: patched.status } : patched;
    return this.replace(def, namespace, name, body, { ...options, patched: true });
  }

  applyPatch(def: ResourceDef, current: Obj, contentType: string, patch: unknown, kindForSmp = def.kind): Obj {
    let out: unknown;
    try {
      if (contentType === PATCH_TYPES.json) out = applyJsonPatch(current, patch);
      else if (contentType === PATCH_TYPES.merge) out = applyMergePatch(current, patch);
      else if (contentType === PATCH_TYPES.strategic && def.builtIn) out = applyStrategicMergePatch(current, patch, SMP_SCHEMAS[kindForSmp] ?? {});
      else throw unsupportedMediaType(acceptedPatchTypes(def));
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      if (e.bad) throw badRequest(e.message);
      throw contentType === PATCH_TYPES.json ? patchDoesNotApply(e.message) : badRequest(e.message);
    }
    if (!isObj(out)) throw patchDoesNotApply('the patched document is not an object');
    return out;
  }

  /** GET .../deployments/<name>/scale: the autoscaling/v1 Scale view of a Deployment. */
  readScale(def: ResourceDef, namespace: string | undefined, name: string): Obj {
    return scaleOf(this.read(def, namespace, name));
  }

  /** PUT or PATCH .../scale: `body` is a Scale (PUT) or a patch of one (PATCH, with its content type). */
  writeScale(def: ResourceDef, namespace: string | undefined, name: string, body: unknown, options: WriteOptions & { patchType?: string } = {}): Obj {
    const current = this.read(def, namespace, name);
    const scale = options.patchType ? this.applyPatch(def, scaleOf(current), options.patchType, body, 'Scale') : asObj(body);
    const meta = asObj(scale.metadata);
    const currentRv = asObj(current.metadata).resourceVersion;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '' && meta.resourceVersion !== currentRv) throw conflict(gr(def), name);
    const replicas = asObj(scale.spec).replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      this.stats.rejected++;
      throw invalid('autoscaling', 'Scale', name, [
        { reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }
      ]);
    }
    const next = clone(current);
    asObj(next.spec).replicas = replicas;
    return scaleOf(this.replace(def, namespace, name, next, options));
  }

  /** DELETE: answers the `Status` kube-apiserver answers (Success, with the object's details). */
  delete(def: ResourceDef, namespace: string | undefined, name: string, options: WriteOptions & { uid?: string; resourceVersion?: string } = {}): Obj {
    const current = this.read(def, namespace, name);
    const meta = asObj(current.metadata);
    if (options.resourceVersion !== undefined && options.resourceVersion !== meta.resourceVersion) throw conflict(gr(def), name);
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name, ...(def.group ? { group: def.group } : {}), kind: def.plural, uid: meta.uid }
    };
    if (options.dryRun) return status;
    if (def.kind === 'Namespace')
      for (const o of [...this.objects.values()]) if (asObj(o.metadata).namespace === name) this.drop(resourceForObject(o) as ResourceDef, o);
    this.drop(def, current);
    return status;
  }

  /** Writes a status directly (the stand-in's own controllers). */
  writeStatus(def: ResourceDef, namespace: string | undefined, name: string, status: Obj): Obj {
    const current = this.read(def, namespace, name);
    if (deepEqual(current.status, status)) return clone(current);
    return this.replace(def, namespace, name, { ...clone(current), status }, { subresource: 'status' });
  }

  // ---- internals ----

  private drop(def: ResourceDef, current: Obj): void {
    const meta = asObj(current.metadata);
    this.objects.delete(keyOf(def, meta.namespace as string | undefined, str(meta.name)));
    const gone = clone(current);
    const rv = ++this.rv;
    asObj(gone.metadata).resourceVersion = str(rv);
    this.emit({ type: 'DELETED', def, object: gone, rv });
  }

  private checkBody(def: ResourceDef, body: unknown): Obj {
    if (!isObj(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    const obj = clone(body);
    if (obj.kind !== undefined && obj.kind !== def.kind)
      throw badRequest(`${str(obj.kind)} in version "${def.version}" cannot be handled as a ${def.kind}: the kind is wrong`);
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(def))
      throw badRequest(`the API version in the data (${str(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(def)})`);
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
    obj.metadata = asObj(obj.metadata);
    return obj;
  }

  /**
   * Schema and rules. A type mismatch in a built-in kind fails decoding: 400 for a POST or PUT
   * body, 422 (field `patch`) for the result of a patch, as kube-apiserver answers.
   */
  private validate(def: ResourceDef, obj: Obj, previous: Obj | undefined, verb: 'create' | 'update' | 'patch'): void {
    this.stats.checked++;
    const { causes, typeErrors } = schemaCheck(def, obj);
    if (typeErrors.length && verb !== 'patch') {
      this.stats.rejected++;
      throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${typeErrors.join('; ')}`);
    }
    const all: StatusCause[] = [
      ...typeErrors.map((t): StatusCause => ({ reason: 'FieldValueInvalid', field: 'patch', message: `Invalid value: ${t}` })),
      ...causes,
      ...semanticCheck(def, obj, previous)
    ];
    if (all.length) {
      this.stats.rejected++;
      throw invalid(def.group, def.kind, str(asObj(obj.metadata).name, ''), all);
    }
  }

  private commit(type: WatchEventType, def: ResourceDef, obj: Obj): Obj {
    const meta = asObj(obj.metadata);
    const rv = ++this.rv;
    meta.resourceVersion = str(rv);
    obj.metadata = meta;
    this.objects.set(keyOf(def, meta.namespace as string | undefined, str(meta.name)), obj);
    this.emit({ type, def, object: clone(obj), rv });
    return clone(obj);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > 5000) this.history.splice(0, this.history.length - 5000);
    for (const l of [...this.listeners]) l(e);
  }
}

export const acceptedPatchTypes = (def: ResourceDef): string[] =>
  def.builtIn ? [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.strategic] : [PATCH_TYPES.json, PATCH_TYPES.merge];

/** 'app=web,tier=front' from a LabelSelector, as `Scale.status.selector` carries it. */
export function selectorString(selector: unknown): string {
  const s = asObj(selector);
  const parts = Object.keys(asObj(s.matchLabels))
    .sort()
    .map((k) => `${k}=${String(asObj(s.matchLabels)[k])}`);
  for (const e of Array.isArray(s.matchExpressions) ? s.matchExpressions.filter(isObj) : []) {
    const values = Array.isArray(e.values) ? e.values.map(String).sort().join(',') : '';
    if (e.operator === 'In') parts.push(`${String(e.key)} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${String(e.key)} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(String(e.key));
    else if (e.operator === 'DoesNotExist') parts.push(`!${String(e.key)}`);
  }
  return parts.join(',');
}

function scaleOf(deployment: Obj): Obj {
  const m = asObj(deployment.metadata);
  const spec = asObj(deployment.spec);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas },
    status: { replicas: Number(asObj(deployment.status).replicas ?? 0), selector: selectorString(spec.selector) }
  };
}

/** The status of a Deployment whose pods are all up to date and available. */
export function readyDeploymentStatus(deployment: Obj): Obj {
  const replicas = Number(asObj(deployment.spec).replicas ?? 1);
  const t = now();
  return dropZeros({
    observedGeneration: asObj(deployment.metadata).generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.'
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${replicaSetName(deployment)}" has successfully progressed.`
      }
    ]
  });
}

/** Zero counts are omitted, as the Go types' `omitempty` omits them. */
export function dropZeros(status: Obj): Obj {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0 && v !== undefined));
}

/** '<deployment>-<pod-template-hash>', the hash derived from the pod template as the controller derives one. */
export function replicaSetName(deployment: Obj): string {
  const text = JSON.stringify(asObj(deployment.spec).template ?? {});
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 10; i++) {
    s += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) || Math.imul(h + i + 1, 2654435761) >>> 0;
  }
  return `${str(asObj(deployment.metadata).name)}-${s}`;
}
