// Valid inputs for each action and each action's parsing as its glue calls it: the base that the
// input tests and the property tests vary one input (or several) from.
import { inputsOf, type ActionName, type InputName } from '../../shared/inputs/catalogue.js';
import { parseAutoRollbackInputs } from '../../shared/inputs/auto-rollback.js';
import { parseBuildInputs } from '../../shared/inputs/build.js';
import { parseCanaryDeployInputs } from '../../shared/inputs/canary-deploy.js';
import type { Inputs } from '../../shared/inputs/parse.js';
import { parseSmokeTestInputs } from '../../shared/inputs/smoke-test.js';

/** A folder that `working-directory` names in the samples: create it in the test's workspace. */
export const SAMPLE_DIR = 'service';

/** A valid value for every input (the secrets are fake); a new input fails the type check until it has one. */
export const SAMPLES: Record<InputName, string> = {
  command: 'make',
  'build-command': 'make',
  artifact: 'dist/**\npackage.json',
  version: 'v1.2.3',
  manifest: 'out/manifest.json',
  action: 'deploy',
  'to-version': 'v1.2.2',
  reason: 'a test',
  'override-freeze': 'false',
  url: 'http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b',
  'expect-status': '200-299',
  'expect-body': 'ok',
  environment: 'staging',
  target: 'command',
  'working-directory': SAMPLE_DIR,
  'start-command': 'node server.js',
  'proxy-port': '18080',
  'deploy-command': './deploy.sh',
  'shift-command': './weight.sh',
  'promote-command': './promote.sh',
  'rollback-command': './rollback.sh',
  'command-timeout': '2m',
  traffic: 'command',
  'nginx-conf': 'nginx/shipgate.conf',
  'nginx-upstream': 'app',
  'stable-server': '127.0.0.1:9001',
  'canary-server': '127.0.0.1:9002',
  'nginx-test-command': 'nginx -t',
  'nginx-reload-command': 'nginx -s reload',
  'nginx-access-log': 'nginx/access.log',
  'haproxy-socket': '/run/haproxy/admin.sock',
  'haproxy-backend': 'app',
  'haproxy-stable-server': 'blue',
  'haproxy-canary-server': 'green',
  'haproxy-state-file': '/var/lib/haproxy/state',
  namespace: 'shop',
  'kube-context': 'prod-eu',
  deployment: 'web',
  container: 'app',
  image: 'ghcr.io/acme/web:{{version}}',
  service: 'web',
  'canary-service': 'web-canary',
  httproute: 'web',
  ingress: 'web',
  'rollout-timeout': '3m',
  steps: '10,50,pause,100',
  'step-duration': '30s',
  'auto-rollback': 'false',
  'lock-timeout': '0',
  'canary-url': 'http://127.0.0.1:9/canary',
  'stable-url': 'http://127.0.0.1:9/stable',
  'probe-path': '/healthz',
  'probe-rate': '5',
  'error-tolerance': '1%',
  'latency-tolerance': '0.5',
  'max-latency': '800',
  judge: 'thresholds',
  alpha: '0.05',
  beta: '0.1',
  'min-samples': '20',
  'on-inconclusive': 'pause',
  'prometheus-url': 'http://127.0.0.1:9090',
  'prometheus-requests-query': 'sum(a{v="{{version}}"})',
  'prometheus-errors-query': 'sum(b{v="{{version}}"})',
  'prometheus-latency-query': 'sum by (le) (c{v="{{version}}"})',
  requests: '3',
  concurrency: '2',
  timeout: '2s',
  retries: '0',
  'retry-delay': '0',
  headers: 'X-Token: abc-def-123',
  'status-context': 'ci/shipgate',
  'check-run': 'true',
  incident: 'false',
  'revert-pr': 'true',
  dora: 'true',
  mention: '@octocat @my-org/oncall',
  webhook: 'https://hooks.example/T000/B000/xyzzy',
  'environment-url': 'https://staging.example',
  'production-environment': 'false',
  'transient-environment': 'true',
  'github-token': 'ghs_fakefakefake123',
  config: '',
  ledger: 'file',
  'ledger-file': 'ledger.json',
  'state-dir': 'state'
};

/** The valid sample of every input the action takes. */
export function samplesFor(action: ActionName, over: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(inputsOf(action).map((i) => [i.name, SAMPLES[i.name as InputName]])), ...over };
}

/** Each action's parsing, as its glue calls it (the root action parses the build's and canary-deploy's inputs). */
export const PARSERS: Record<ActionName, (inputs: Inputs) => unknown> = {
  build: (i) => parseBuildInputs(i),
  'canary-deploy': (i) => parseCanaryDeployInputs(i),
  'smoke-test': (i) => parseSmokeTestInputs(i),
  'auto-rollback': (i) => parseAutoRollbackInputs(i),
  rollout: (i) => {
    const build = parseBuildInputs(i, 'build-command');
    return parseCanaryDeployInputs(i, { versionFromBuild: build.command !== '' });
  }
};
