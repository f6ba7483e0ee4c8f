/**
 * The kinds the stand-in serves, and what kube-apiserver knows about each: discovery entries,
 * strategic-merge patch metadata, defaulting, and validation (the OpenAPI schemas through the
 * `kubernetes-models` packages, plus a few of the Go-side rules those schemas do not carry).
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { asObj, getPath, isObj, type Obj } from './json.js';
import type { StatusCause } from './errors.js';
import type { SmpSchema } from './patch.js';

export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  /** 'deployments' */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: ('status' | 'scale')[];
  /** Built into kube-apiserver (strategic merge patch allowed); false for CRDs such as HTTPRoute. */
  builtIn: boolean;
  /** metadata.generation is kept (incremented when anything but metadata and status changes). */
  generation: boolean;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: readonly ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status'],
    builtIn: true,
    generation: false
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: VERBS,
    subresources: ['status'],
    builtIn: true,
    generation: false
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    verbs: VERBS,
    subresources: ['scale', 'status'],
    builtIn: true,
    generation: true
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    singular: 'ingress',
    namespaced: true,
    shortNames: ['ing'],
    categories: [],
    verbs: VERBS,
    subresources: ['status'],
    builtIn: true,
    generation: true
  },
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
    singular: 'httproute',
    namespaced: true,
    shortNames: [],
    categories: ['gateway-api'],
    verbs: VERBS,
    subresources: ['status'],
    builtIn: false,
    generation: true
  }
];

export const apiVersionOf = (def: ResourceDef): string => (def.group ? `${def.group}/${def.version}` : def.version);

/** Finds a kind by plural, singular, kind or short name ('deployments', 'deploy', 'Deployment'), case-insensitive. */
export function resolveResource(name: string): ResourceDef {
  const n = name.toLowerCase();
  const def = RESOURCES.find((r) => r.plural === n || r.singular === n || r.kind.toLowerCase() === n || r.shortNames.includes(n));
  if (!def) throw new Error(`kube stand-in: unknown resource ${name} (serves ${RESOURCES.map((r) => r.plural).join(', ')})`);
  return def;
}

export function resourceForObject(obj: Obj): ResourceDef | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === obj.apiVersion && r.kind === obj.kind);
}

// ---------------------------------------------------------------------------------------------
// Discovery

/** GET /api (legacy form). */
export const apiVersionsDoc = (hostPort: string): Obj => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }]
});

const groups = (): string[] => [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];

/** GET /apis (legacy form). */
export const apiGroupListDoc = (): Obj => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: groups().map((name) => {
    const gv = { groupVersion: `${name}/v1`, version: 'v1' };
    return { name, versions: [gv], preferredVersion: gv };
  })
});

/** GET /apis/<group> */
export function apiGroupDoc(group: string): Obj | undefined {
  if (!groups().includes(group)) return undefined;
  const gv = { groupVersion: `${group}/v1`, version: 'v1' };
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [gv], preferredVersion: gv };
}

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];
const scaleKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

/** GET /api/v1 or /apis/<group>/<version> (legacy form): an APIResourceList. */
export function apiResourceListDoc(group: string, version: string): Obj | undefined {
  const defs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (defs.length === 0) return undefined;
  const resources: Obj[] = [];
  for (const r of defs) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {})
    });
    for (const sub of r.subresources) {
      resources.push({
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(sub === 'scale' ? scaleKind : {}),
        kind: sub === 'scale' ? 'Scale' : r.kind,
        verbs: SUBRESOURCE_VERBS
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) for /api (core) or /apis. */
export function aggregatedDiscoveryDoc(core: boolean, apiVersion: 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1'): Obj {
  const names = core ? [''] : groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion,
    metadata: {},
    items: names.map((group) => ({
      metadata: { ...(group ? { name: group } : {}), creationTimestamp: null },
      versions: [
        {
          version: 'v1',
          resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
            resource: r.plural,
            responseKind: { group: r.group, version: r.version, kind: r.kind },
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.singular,
            verbs: r.verbs,
            ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
            ...(r.categories.length ? { categories: r.categories } : {}),
            subresources: r.subresources.map((sub) => ({
              subresource: sub,
              responseKind: sub === 'scale' ? scaleKind : { group: r.group, version: r.version, kind: r.kind },
              verbs: SUBRESOURCE_VERBS
            }))
          })),
          freshness: 'Current'
        }
      ]
    }))
  };
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch metadata (from the patchStrategy/patchMergeKey tags of k8s.io/api)

const objectMeta: SmpSchema = { fields: { finalizers: { mergeScalars: true }, ownerReferences: { mergeKey: 'uid' } } };
const container: SmpSchema = {
  fields: {
    ports: { mergeKey: 'containerPort' },
    env: { mergeKey: 'name' },
    volumeMounts: { mergeKey: 'mountPath' },
    volumeDevices: { mergeKey: 'devicePath' }
  }
};
const podSpec: SmpSchema = {
  fields: {
    containers: { mergeKey: 'name', items: container },
    initContainers: { mergeKey: 'name', items: container },
    ephemeralContainers: { mergeKey: 'name', items: container },
    volumes: { mergeKey: 'name', items: { retainKeys: true } },
    imagePullSecrets: { mergeKey: 'name' },
    hostAliases: { mergeKey: 'ip' },
    topologySpreadConstraints: { mergeKey: 'topologyKey' },
    resourceClaims: { mergeKey: 'name', items: { retainKeys: true } },
    schedulingGates: { mergeKey: 'name' }
  }
};
const conditions: SmpSchema = { mergeKey: 'type' };

export const SMP_SCHEMAS: Record<string, SmpSchema> = {
  Deployment: {
    fields: {
      metadata: objectMeta,
      spec: { fields: { strategy: { retainKeys: true }, template: { fields: { metadata: objectMeta, spec: podSpec } } } },
      status: { fields: { conditions } }
    }
  },
  Service: { fields: { metadata: objectMeta, spec: { fields: { ports: { mergeKey: 'port' } } }, status: { fields: { conditions } } } },
  Ingress: { fields: { metadata: objectMeta } },
  Namespace: { fields: { metadata: objectMeta, status: { fields: { conditions } } } },
  Scale: { fields: { metadata: objectMeta } }
};

// ---------------------------------------------------------------------------------------------
// Defaulting (what kube-apiserver fills in on write; for HTTPRoute, the CRD schema's defaults)

const setDefault = (o: Obj, key: string, value: unknown): void => {
  if (o[key] === undefined || o[key] === null) o[key] = value;
};
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    const image = typeof c.image === 'string' ? c.image : '';
    const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
    setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
    for (const p of objects(c.ports)) setDefault(p, 'protocol', 'TCP');
  }
}

let nextClusterIp = 10;

/** Fills defaults in place. `previous` is the stored object on updates (Service keeps its allocated IPs). */
export function applyDefaults(def: ResourceDef, obj: Obj, previous?: Obj): void {
  const spec = asObj(obj.spec);
  switch (def.kind) {
    case 'Deployment': {
      obj.spec = spec;
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', { type: 'RollingUpdate' });
      const strategy = asObj(spec.strategy);
      setDefault(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') {
        const ru = asObj(strategy.rollingUpdate);
        setDefault(ru, 'maxUnavailable', '25%');
        setDefault(ru, 'maxSurge', '25%');
        strategy.rollingUpdate = ru;
      }
      spec.strategy = strategy;
      const template = asObj(spec.template);
      if (isObj(template.spec)) defaultPodSpec(template.spec);
      break;
    }
    case 'Service': {
      obj.spec = spec;
      setDefault(spec, 'type', 'ClusterIP');
      setDefault(spec, 'sessionAffinity', 'None');
      for (const p of objects(spec.ports)) {
        setDefault(p, 'protocol', 'TCP');
        setDefault(p, 'targetPort', p.port);
      }
      if (spec.type !== 'ExternalName') {
        const prevSpec = asObj(previous?.spec);
        if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = prevSpec.clusterIP ?? `10.96.0.${nextClusterIp++ % 250}`;
        setDefault(spec, 'clusterIPs', [spec.clusterIP]);
        setDefault(spec, 'ipFamilies', ['IPv4']);
        setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
        setDefault(spec, 'internalTrafficPolicy', 'Cluster');
      }
      setDefault(obj, 'status', { loadBalancer: {} });
      break;
    }
    case 'Ingress':
      setDefault(obj, 'status', { loadBalancer: {} });
      break;
    case 'Namespace':
      obj.spec = { finalizers: ['kubernetes'], ...spec };
      setDefault(obj, 'status', { phase: 'Active' });
      break;
    case 'HTTPRoute': {
      obj.spec = spec;
      for (const ref of objects(spec.parentRefs)) {
        setDefault(ref, 'group', 'gateway.networking.k8s.io');
        setDefault(ref, 'kind', 'Gateway');
      }
      setDefault(spec, 'rules', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
      for (const rule of objects(spec.rules)) {
        setDefault(rule, 'matches', [{ path: { type: 'PathPrefix', value: '/' } }]);
        for (const m of objects(rule.matches)) {
          setDefault(m, 'path', { type: 'PathPrefix', value: '/' });
          const path = asObj(m.path);
          setDefault(path, 'type', 'PathPrefix');
          setDefault(path, 'value', '/');
        }
        for (const ref of objects(rule.backendRefs)) {
          setDefault(ref, 'group', '');
          setDefault(ref, 'kind', 'Service');
          setDefault(ref, 'weight', 1);
        }
      }
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

interface Validatable {
  validate(): void;
}
type ModelClass = new (data?: never) => Validatable;
const MODELS: Record<string, ModelClass> = { Deployment, Service, Ingress, Namespace, HTTPRoute };

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** '/spec/template/spec/containers/0/image' → 'spec.template.spec.containers[0].image' */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, t) => (/^\d+$/.test(t) ? `${acc}[${t}]` : acc ? `${acc}.${t}` : t), '');
}

const show = (v: unknown): string => (isObj(v) || Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' ? JSON.stringify(v) : String(v));

/** A schema (type) failure of a built-in kind is a decode error in kube-apiserver (400), not a 422. */
export interface SchemaResult {
  causes: StatusCause[];
  /** Type mismatches: kube-apiserver fails to decode a built-in kind with these before validating. */
  typeErrors: string[];
}

/** Checks `obj` against its kind's OpenAPI schema (kubernetes-models / @kubernetes-models/gateway-api). */
export function schemaCheck(def: ResourceDef, obj: Obj): SchemaResult {
  const Model = MODELS[def.kind];
  const causes: StatusCause[] = [];
  const typeErrors: string[] = [];
  try {
    new Model(obj as never).validate();
  } catch (e) {
    const errors = (e as { errors?: AjvError[] }).errors;
    if (!errors) throw e;
    for (const err of errors) {
      const at = fieldPath(err.instancePath);
      const value = getPath(
        obj,
        err.instancePath
          .split('/')
          .filter(Boolean)
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      );
      if (err.keyword === 'required') {
        const missing = String(err.params.missingProperty);
        causes.push({ reason: 'FieldValueRequired', field: at ? `${at}.${missing}` : missing, message: 'Required value' });
      } else if (err.keyword === 'enum') {
        const allowed = (err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        causes.push({ reason: 'FieldValueNotSupported', field: at, message: `Unsupported value: ${show(value)}: supported values: ${allowed}` });
      } else if (err.keyword === 'type' && def.builtIn) {
        typeErrors.push(`${at}: expected ${String(err.params.type)}, got ${show(value)}`);
      } else {
        causes.push({ reason: 'FieldValueInvalid', field: at, message: `Invalid value: ${show(value)}: ${at} in body ${err.message ?? err.keyword}` });
      }
    }
  }
  return { causes, typeErrors };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Does a LabelSelector (matchLabels/matchExpressions) select these labels? */
export function selectorMatches(selector: Obj, labels: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(asObj(selector.matchLabels))) if (labels[k] !== v) return false;
  for (const e of objects(selector.matchExpressions)) {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    const has = key in labels;
    if (e.operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The Go-side rules kube-apiserver applies that OpenAPI schemas do not express (a useful subset). */
export function semanticCheck(def: ResourceDef, obj: Obj, previous?: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const bad = (field: string, value: unknown, message: string): void => {
    causes.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}: ${message}` });
  };
  const required = (field: string, detail = ''): void => {
    causes.push({ reason: 'FieldValueRequired', field, message: `Required value${detail ? `: ${detail}` : ''}` });
  };
  const meta = asObj(obj.metadata);
  const name = meta.name;
  if (typeof name !== 'string' || name === '') required('metadata.name', 'name or generateName is required');
  else if (def.kind === 'Service' && (!DNS1035_LABEL.test(name) || name.length > 63))
    bad(
      'metadata.name',
      name,
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
    );
  else if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253)
    bad(
      'metadata.name',
      name,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    );
  for (const [k, v] of Object.entries(asObj(meta.labels)))
    if (typeof v === 'string' && (!LABEL_VALUE.test(v) || v.length > 63))
      bad(`metadata.labels`, v, `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.' (label ${k})`);

  if (def.kind === 'Deployment') {
    const spec = asObj(obj.spec);
    if (typeof spec.replicas === 'number' && spec.replicas < 0) bad('spec.replicas', spec.replicas, 'must be greater than or equal to 0');
    const selector = spec.selector;
    const template = asObj(spec.template);
    const labels = asObj(asObj(template.metadata).labels);
    if (!isObj(selector)) required('spec.selector');
    else if (Object.keys(asObj(selector.matchLabels)).length === 0 && objects(selector.matchExpressions).length === 0)
      bad('spec.selector', selector, 'empty selector is invalid for deployment');
    else if (!selectorMatches(selector, labels)) bad('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
    if (previous && isObj(selector) && JSON.stringify(selector) !== JSON.stringify(asObj(previous.spec).selector))
      bad('spec.selector', selector, 'field is immutable');
    const podSpec = asObj(template.spec);
    const containers = objects(podSpec.containers);
    if (containers.length === 0) required('spec.template.spec.containers');
    const seen = new Set<string>();
    containers.forEach((c, i) => {
      const at = `spec.template.spec.containers[${i}]`;
      if (typeof c.name !== 'string' || c.name === '') required(`${at}.name`);
      else if (!DNS1123_LABEL.test(c.name)) bad(`${at}.name`, c.name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'");
      else if (seen.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', field: `${at}.name`, message: `Duplicate value: ${show(c.name)}` });
      else seen.add(c.name);
      if (typeof c.image !== 'string' || c.image.trim() === '') required(`${at}.image`);
    });
    if (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always')
      causes.push({
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.restartPolicy',
        message: `Unsupported value: ${show(podSpec.restartPolicy)}: supported values: "Always"`
      });
  }
  if (def.kind === 'Service') {
    const spec = asObj(obj.spec);
    const ports = objects(spec.ports);
    const headless = spec.clusterIP === 'None';
    if (ports.length === 0 && spec.type !== 'ExternalName' && !headless) required('spec.ports');
    ports.forEach((p, i) => {
      if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) bad(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive');
      if (ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) required(`spec.ports[${i}].name`);
    });
    const prevIp = asObj(previous?.spec).clusterIP;
    if (previous && prevIp !== undefined && spec.clusterIP !== prevIp) bad('spec.clusterIPs[0]', spec.clusterIP, 'may not change once set');
  }
  if (def.kind === 'Ingress') {
    for (const [i, rule] of objects(asObj(obj.spec).rules).entries())
      for (const [j, p] of objects(asObj(rule.http).paths).entries())
        if (p.pathType === undefined) required(`spec.rules[${i}].http.paths[${j}].pathType`, 'pathType must be specified');
  }
  return causes;
}
