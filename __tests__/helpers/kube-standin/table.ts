/**
 * Server-side printing: `kubectl get` (without -o) asks for a meta.k8s.io/v1 Table and prints its
 * cells. The columns are those kube-apiserver prints for these kinds (HTTPRoute: the CRD's
 * printer columns), the cells computed the same way.
 */
import { asObj, isObj, type Obj, str } from './json.js';
import { selectorString } from './store.js';
import type { ResourceDef } from './resources.js';

interface Column {
  name: string;
  type: 'string' | 'integer';
  format?: string;
  priority?: number;
  description: string;
  cell: (o: Obj) => string | number;
}

const meta = (o: Obj): Obj => asObj(o.metadata);
const spec = (o: Obj): Obj => asObj(o.spec);
const status = (o: Obj): Obj => asObj(o.status);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** duration.HumanDuration, as kubectl's AGE column shows it. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 8 && h % 24 !== 0 ? `${d}d${h % 24}h` : `${d}d`;
}

const age = (o: Obj): string => {
  const t = Date.parse(str(meta(o).creationTimestamp, ''));
  return Number.isNaN(t) ? '<unknown>' : humanDuration(Date.now() - t);
};
const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  cell: (o) => String(meta(o).name)
};
const AGE: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp of the object.', cell: age };

const COLUMNS: Record<string, Column[]> = {
  Deployment: [
    NAME,
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: (o) => `${Number(status(o).readyReplicas ?? 0)}/${Number(spec(o).replicas ?? 0)}`
    },
    {
      name: 'Up-to-date',
      type: 'integer',
      description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      cell: (o) => Number(status(o).updatedReplicas ?? 0)
    },
    {
      name: 'Available',
      type: 'integer',
      description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      cell: (o) => Number(status(o).availableReplicas ?? 0)
    },
    AGE,
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      description: 'Names of each container in the template.',
      cell: (o) =>
        containers(o)
          .map((c) => String(c.name))
          .join(',')
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      description: 'Images referenced by each container in the template.',
      cell: (o) =>
        containers(o)
          .map((c) => String(c.image))
          .join(',')
    },
    { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods.', cell: (o) => selectorString(spec(o).selector) }
  ],
  Service: [
    NAME,
    { name: 'Type', type: 'string', description: 'The type of the service.', cell: (o) => str(spec(o).type, 'ClusterIP') },
    { name: 'Cluster-IP', type: 'string', description: 'The cluster IP of the service.', cell: (o) => str(spec(o).clusterIP, '<none>') },
    { name: 'External-IP', type: 'string', description: 'The external IP of the service.', cell: () => '<none>' },
    {
      name: 'Port(s)',
      type: 'string',
      description: 'The ports of the service.',
      cell: (o) =>
        list(spec(o).ports)
          .map((p) => `${String(p.port)}/${str(p.protocol, 'TCP')}`)
          .join(',') || '<none>'
    },
    AGE,
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'The selector of the service.',
      cell: (o) =>
        Object.entries(asObj(spec(o).selector))
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',') || '<none>'
    }
  ],
  Ingress: [
    NAME,
    { name: 'Class', type: 'string', description: 'The name of the IngressClass resource.', cell: (o) => str(spec(o).ingressClassName, '<none>') },
    {
      name: 'Hosts',
      type: 'string',
      description: 'Hosts that incoming requests are matched against.',
      cell: (o) =>
        list(spec(o).rules)
          .map((r) => str(r.host, '*'))
          .join(',') || '*'
    },
    { name: 'Address', type: 'string', description: 'Address is a list containing ingress points for the load-balancer', cell: () => '' },
    { name: 'Ports', type: 'string', description: 'Ports of TLS configurations that open', cell: (o) => (list(spec(o).tls).length ? '80, 443' : '80') },
    AGE
  ],
  HTTPRoute: [NAME, { name: 'Hostnames', type: 'string', description: '', cell: (o) => JSON.stringify(spec(o).hostnames ?? '') }, AGE],
  Namespace: [NAME, { name: 'Status', type: 'string', description: 'The status of the namespace', cell: (o) => str(status(o).phase, 'Active') }, AGE]
};

const containers = (o: Obj): Obj[] => list(asObj(asObj(spec(o).template).spec).containers);

/** Does this Accept header ask for a Table? Returns the meta.k8s.io version to answer with. */
export function wantsTable(accept: string): 'v1' | 'v1beta1' | undefined {
  if (accept.includes('as=Table;v=v1;g=meta.k8s.io')) return 'v1';
  if (accept.includes('as=Table;v=v1beta1;g=meta.k8s.io')) return 'v1beta1';
  return undefined;
}

export function toTable(def: ResourceDef, objects: Obj[], resourceVersion: string, version: 'v1' | 'v1beta1', includeObject: string | null): Obj {
  const cols = COLUMNS[def.kind];
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: { resourceVersion },
    columnDefinitions: cols.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o)),
      ...(includeObject === 'None'
        ? {}
        : { object: includeObject === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta(o) } })
    }))
  };
}
