import { describe, expect, test } from '@jest/globals';
import { Inputs } from '../../../shared/inputs/parse.js';
import { mapSource } from '../../../shared/inputs/source.js';
import { parseCanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { renderQuery } from '../../../shared/signals/prometheus.js';

const KUBE = {
  version: 'v2',
  target: 'kubernetes',
  deployment: 'web',
  'canary-url': 'http://127.0.0.1:9/c',
  'stable-url': 'http://127.0.0.1:9/s'
};
const deploy = (values: Record<string, string>) => parseCanaryDeployInputs(new Inputs(mapSource({ ...KUBE, ...values })));
const message = (values: Record<string, string>): string => {
  try {
    deploy(values);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

describe('target: kubernetes inputs', () => {
  test('defaults: traffic replicas, kubeconfig context and namespace, image from the stable one, 5m readiness', () => {
    const d = deploy({});
    expect(d.target).toBe('kubernetes');
    expect(d.traffic.kind).toBe('replicas');
    expect(d.traffic.kubernetes).toMatchObject({ namespace: '', context: '', deployment: 'web', image: '', rolloutTimeoutMs: 300_000 });
  });

  test('each router names what it needs, in one sentence', () => {
    expect(message({ traffic: 'gateway-api' })).toBe('Input "httproute" is missing: traffic: gateway-api sets the backendRef weights of this HTTPRoute.');
    expect(message({ traffic: 'gateway-api', httproute: 'web' })).toMatch(/^Input "service" is missing/);
    expect(message({ traffic: 'ingress-nginx' })).toMatch(/^Input "ingress" is missing/);
    expect(message({ traffic: 'ingress-nginx', ingress: 'web' })).toMatch(/^Input "canary-service" is missing/);
    expect(message({ traffic: 'haproxy' })).toBe('Input "traffic" has value "haproxy": with target: kubernetes use replicas, gateway-api or ingress-nginx.');
    expect(message({ target: 'command', traffic: 'replicas', 'deploy-command': 'd', 'rollback-command': 'r' })).toMatch(
      /^Input "traffic" has value "replicas": replicas splits traffic inside a Kubernetes cluster/
    );
  });

  test('names that would reach kubectl are checked: object names, namespaces, images, contexts', () => {
    expect(message({ deployment: 'Web' })).toMatch(/^Input "deployment" has value "Web": use an object name/);
    expect(message({ namespace: 'a_b' })).toMatch(/^Input "namespace" has value "a_b"/);
    expect(message({ image: 'web:v1 --dry-run' })).toMatch(/^Input "image" has value "web:v1 --dry-run": use an image reference/);
    expect(message({ 'kube-context': 'prod\nother' })).toMatch(/^Input "kube-context"/);
    expect(deploy({ image: 'ghcr.io/acme/web:{{version}}', 'kube-context': 'arn:aws:eks:eu-west-1:1:cluster/prod' }).traffic.kubernetes.image).toBe(
      'ghcr.io/acme/web:{{version}}'
    );
  });

  test('with probes off something else must count: Prometheus', () => {
    expect(message({ 'probe-rate': '0' })).toMatch(/^Input "probe-rate" has value "0": with probes off nothing would count requests/);
    expect(deploy({ 'probe-rate': '0', 'prometheus-url': 'http://127.0.0.1:9090' }).plan.probeRate).toBe(0);
  });
});

describe('{{service}} in Prometheus queries (metrics labelled by Service, e.g. ingress-nginx)', () => {
  const q = 'sum(nginx_ingress_controller_requests{service="{{service}}"})';
  test('accepted with target: kubernetes and both Services; refused otherwise', () => {
    const ok = deploy({
      traffic: 'ingress-nginx',
      ingress: 'web',
      service: 'web',
      'canary-service': 'web-canary',
      'prometheus-url': 'http://127.0.0.1:9090',
      'prometheus-requests-query': q,
      'prometheus-errors-query': q.replace('})', ',status=~"5.."})')
    });
    expect(ok.prometheus?.requestsQuery).toBe(q);
    expect(message({ 'prometheus-url': 'http://127.0.0.1:9090', 'prometheus-requests-query': q })).toMatch(
      /^Input "prometheus-requests-query" has value .*: \{\{service\}\} names the stable or canary Service/
    );
  });

  test('rendered per side as an escaped PromQL string', () => {
    expect(renderQuery(q, 'v2', 'web-canary')).toBe('sum(nginx_ingress_controller_requests{service="web-canary"})');
    expect(renderQuery('x{v="{{version}}",s="{{service}}"}', 'v"1', 'a\\b')).toBe('x{v="v\\"1",s="a\\\\b"}');
  });
});
