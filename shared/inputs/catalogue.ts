/**
 * Every input and output of every Shipgate action, defined once.
 *
 * The parsers (shared/inputs/*.ts) take their defaults, ranges and allowed values from here, and
 * `scripts/generate.mjs` writes from it every `action.yml`, `schema/shipgate.schema.json`, the
 * README's input/output tables and `docs/inputs.md` (`npm run build` runs it; a test fails on drift).
 * Names are the public interface: never rename one.
 */
import { DEFAULT_ERRORS_QUERY, DEFAULT_LATENCY_BUCKETS_QUERY, DEFAULT_REQUESTS_QUERY } from '../signals/prometheus-queries.js';

export type ActionName = 'rollout' | 'build' | 'canary-deploy' | 'smoke-test' | 'auto-rollback';
/** In the order the docs list them. */
export const ACTION_NAMES: readonly ActionName[] = ['rollout', 'build', 'canary-deploy', 'smoke-test', 'auto-rollback'];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** How an input's text is read and checked (see shared/inputs/parse.ts). */
export type InputType =
  | { readonly kind: 'string' }
  /** A bash command, trusted like a `run:` step; values reach it only as environment variables. */
  | { readonly kind: 'command' }
  /** `mustBe: 'directory'`: an existing folder, checked against the workspace before anything starts. */
  | { readonly kind: 'path'; readonly mustBe?: 'directory' }
  /** An environment name: up to 63 letters, digits, ".", "_" or "-". */
  | { readonly kind: 'name' }
  /** A release version: 1 to 64 letters, digits, ".", "_", "+" or "-". */
  | { readonly kind: 'version' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly unit?: string }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly unit?: string }
  /** An absolute share: `0.01`, `1%` or `1 %`, from 0 to `max`. */
  | { readonly kind: 'fraction'; readonly max: number }
  /** A relative margin: `20%` or `0.2`, up to 1000 %. */
  | { readonly kind: 'percent' }
  | { readonly kind: 'duration'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'url' }
  /** One URL per line (commas also separate). */
  | { readonly kind: 'urls' }
  /** One item per line (`#` starts a comment line). */
  | { readonly kind: 'lines' }
  /** Canary weights such as `10,50,100`, optionally with `pause` before the final 100. */
  | { readonly kind: 'steps' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** HTTP status codes or ranges: `200-399`, `200,204`. */
  | { readonly kind: 'status-ranges' }
  /** GitHub handles: `@octocat @my-org/oncall`. */
  | { readonly kind: 'mentions' }
  /** Request headers, one `Name: value` per line. */
  | { readonly kind: 'headers' }
  /** A PromQL query containing `{{version}}`. */
  | { readonly kind: 'promql' };

export type InputKind = InputType['kind'];

/** What differs for one action: its own wording, or no default rule. */
export interface PerAction {
  readonly description?: string;
  /** '' removes the input's defaultNote for this action. */
  readonly defaultNote?: string;
}

export interface InputSpec {
  readonly type: InputType;
  /**
   * The value the parsers use when neither the workflow nor the config file gives one, written as
   * a user would write it ('' = none; `defaultNote` then says what happens instead).
   */
  readonly default: string;
  /** When the default is a rule rather than a value (e.g. "derived from the commit"). */
  readonly defaultNote?: string;
  /**
   * The `default:` of action.yml when it must differ from `default` (e.g. `${{ github.token }}`).
   * Otherwise inputs the config file may set get `default: ""` (the runner fills every input that
   * has a default, and an input given by the runner wins over the file) and state their real
   * default in the description; the others get `default`.
   */
  readonly actionDefault?: string;
  readonly description: string;
  readonly perAction?: Partial<Record<ActionName, PerAction>>;
  /** The actions that take it. */
  readonly actions: readonly ActionName[];
  /** The actions for which action.yml marks it `required: true`. */
  readonly required?: readonly ActionName[];
  /** Masked, never written anywhere, and never allowed in the config file. */
  readonly secret?: boolean;
  /** May `.github/shipgate.yml` (top level and `environments.<name>`) set it? */
  readonly config: boolean;
}

export interface OutputSpec {
  readonly description: string;
  readonly perAction?: Partial<Record<ActionName, { readonly description: string }>>;
  readonly actions: readonly ActionName[];
}

export interface ActionSpec {
  /** Where its action.yml lives. */
  readonly file: string;
  /** How a workflow refers to it. */
  readonly uses: string;
  readonly name: string;
  readonly description: string;
  readonly author: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly runs: { readonly using: 'node24'; readonly main: string; readonly post?: string; readonly 'post-if'?: string };
}

export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';

/**
 * Keys a target of a wave (`waves[].targets[]` in the config file) may set for itself: how its
 * versions start and retire and how its traffic is split. They win over the workflow and the file.
 */
export const WAVE_TARGET_INPUTS = [
  'traffic',
  'working-directory',
  'deploy-command',
  'promote-command',
  'rollback-command',
  'command-timeout',
  'nginx-conf',
  'nginx-upstream',
  'stable-server',
  'canary-server',
  'nginx-test-command',
  'nginx-reload-command',
  'nginx-access-log',
  'haproxy-socket',
  'haproxy-backend',
  'haproxy-stable-server',
  'haproxy-canary-server',
  'haproxy-state-file'
] as const;

const ALL: readonly ActionName[] = ['rollout', 'build', 'canary-deploy', 'smoke-test', 'auto-rollback'];
/** Actions that roll a canary out. */
const DEPLOYS: readonly ActionName[] = ['rollout', 'canary-deploy'];
/** Actions that drive a target and a ledger. */
const TARGETED: readonly ActionName[] = ['rollout', 'canary-deploy', 'auto-rollback'];

export const ACTIONS: Readonly<Record<ActionName, ActionSpec>> = {
  rollout: {
    file: 'action.yml',
    uses: 'shipgate/shipgate@v1',
    name: 'Shipgate rollout',
    description:
      'The whole rollout in one step: build (optional), canary deploy, analysis against the live stable version, then promote or roll back automatically.',
    author: 'Shipgate',
    branding: { icon: 'shield', color: 'green' },
    runs: { using: 'node24', main: 'dist/rollout/index.js', post: 'dist/rollout/index.js', 'post-if': 'always()' }
  },
  build: {
    file: 'actions/build/action.yml',
    uses: 'shipgate/shipgate/actions/build@v1',
    name: 'Shipgate build',
    description: 'Build the code, package the artifact reproducibly, compute its sha256 digest and write the release manifest.',
    author: 'Shipgate',
    branding: { icon: 'package', color: 'blue' },
    runs: { using: 'node24', main: '../../dist/build/index.js' }
  },
  'canary-deploy': {
    file: 'actions/canary-deploy/action.yml',
    uses: 'shipgate/shipgate/actions/canary-deploy@v1',
    name: 'Shipgate canary deploy',
    description: 'Deploy a canary, shift traffic step by step while a judge compares it with stable, then promote it or roll it back automatically.',
    author: 'Shipgate',
    branding: { icon: 'git-merge', color: 'green' },
    runs: { using: 'node24', main: '../../dist/canary-deploy/index.js', post: '../../dist/canary-deploy/index.js', 'post-if': 'always()' }
  },
  'smoke-test': {
    file: 'actions/smoke-test/action.yml',
    uses: 'shipgate/shipgate/actions/smoke-test@v1',
    name: 'Shipgate smoke test',
    description: 'Concurrent HTTP checks with retries, timeouts, expected statuses, body match and a latency bound; optionally a merge-gating commit status.',
    author: 'Shipgate',
    branding: { icon: 'check-circle', color: 'green' },
    runs: { using: 'node24', main: '../../dist/smoke-test/index.js' }
  },
  'auto-rollback': {
    file: 'actions/auto-rollback/action.yml',
    uses: 'shipgate/shipgate/actions/auto-rollback@v1',
    name: 'Shipgate auto-rollback',
    description: 'Restore the last known good version (or a chosen one), record it and run the incident playbook.',
    author: 'Shipgate',
    branding: { icon: 'rotate-ccw', color: 'red' },
    runs: { using: 'node24', main: '../../dist/auto-rollback/index.js' }
  }
};

/** Every input, in the order action.yml files and docs list them. */
export const INPUTS = {
  // What to release
  command: {
    type: { kind: 'command' },
    default: '',
    description: 'Build command, run with bash like a run: step.',
    actions: ['build'],
    required: ['build'],
    config: false
  },
  'build-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Optional build command (bash); when set, the build runs first and its manifest is deployed.',
    actions: ['rollout'],
    config: true
  },
  artifact: {
    type: { kind: 'lines' },
    default: '',
    description: 'Files or globs (one per line) packaged into the release archive.',
    perAction: { rollout: { description: 'Files or globs packaged by the build (with build-command).' } },
    actions: ['rollout', 'build'],
    required: ['build'],
    config: true
  },
  version: {
    type: { kind: 'version' },
    default: '',
    description: 'Version to deploy (or give manifest).',
    perAction: { build: { description: 'Release version.', defaultNote: 'derived from the commit (`sha-<7 hex>`)' } },
    actions: ['rollout', 'build', 'canary-deploy'],
    config: false
  },
  manifest: {
    type: { kind: 'path' },
    default: '',
    description: 'Path of the release manifest written by the build action.',
    perAction: { rollout: { description: 'Path of a release manifest to deploy (instead of version or build-command).' } },
    actions: ['rollout', 'canary-deploy'],
    config: false
  },
  action: {
    type: { kind: 'enum', values: ['deploy', 'promote', 'abort'] },
    default: 'deploy',
    description:
      '`deploy` a new canary, or `promote` / `abort` the canary in progress (found through the ledger, from any run; a successful abort ends the step successfully, with result rolled-back).',
    actions: DEPLOYS,
    config: false
  },
  'to-version': {
    type: { kind: 'version' },
    default: '',
    defaultNote: "the ledger's last known good version (never the failing one)",
    description: 'Version to restore.',
    actions: ['auto-rollback'],
    config: false
  },
  reason: {
    type: { kind: 'string' },
    default: '',
    defaultNote: '`manual rollback` for auto-rollback',
    description: 'Why; written to the summary, the ledger and the incident.',
    perAction: {
      rollout: { description: 'Why a freeze window is overridden (required with override-freeze); written to the summary and the ledger.', defaultNote: '' },
      'canary-deploy': {
        description: 'Why a freeze window is overridden (required with override-freeze); written to the summary and the ledger.',
        defaultNote: ''
      }
    },
    actions: ['rollout', 'canary-deploy', 'auto-rollback'],
    config: false
  },
  'override-freeze': {
    type: { kind: 'boolean' },
    default: 'false',
    description:
      'Deploy or promote inside a freeze window of the config file (`freeze`) anyway; needs a `reason`, and the override is recorded in the ledger and the summary. Rollbacks and aborts are never blocked by a freeze.',
    actions: DEPLOYS,
    config: false
  },
  // What a smoke test checks
  url: {
    type: { kind: 'urls' },
    default: '',
    description: 'URL(s) to check, one per line; no user name or password in a URL (send credentials in headers).',
    actions: ['smoke-test'],
    required: ['smoke-test'],
    config: false
  },
  'expect-status': {
    type: { kind: 'status-ranges' },
    default: '200-399',
    description: 'Accepted status codes or ranges, e.g. 200-399 or 200,204.',
    actions: ['smoke-test'],
    config: true
  },
  'expect-body': {
    type: { kind: 'string' },
    default: '',
    description:
      'Text the body must contain, or /regex/flags (RE2 syntax, flags i, m, s): matched in linear time, so no pattern can stall on a hostile body; backreferences and lookarounds are not supported.',
    actions: ['smoke-test'],
    config: true
  },
  // Where
  environment: {
    type: { kind: 'name' },
    default: 'production',
    description: 'The deployment environment (GitHub environment name).',
    perAction: { 'smoke-test': { description: 'Environment named in the summary and status.' } },
    actions: ['rollout', 'canary-deploy', 'smoke-test', 'auto-rollback'],
    config: false
  },
  target: {
    type: { kind: 'enum', values: ['local', 'command', 'nginx', 'haproxy', 'kubernetes'] },
    default: 'local',
    description:
      'What starts and retires versions: `local` (embedded proxy and processes), `command` (your commands) or `kubernetes` (a canary copy of your Deployment, through kubectl). Pick who splits traffic with `traffic`.',
    actions: TARGETED,
    config: true
  },
  traffic: {
    type: { kind: 'enum', values: ['local', 'command', 'nginx', 'haproxy', 'replicas', 'gateway-api', 'ingress-nginx'] },
    default: '',
    defaultNote: '`local` for the local target, `command` (the shift-command) for the command target, `replicas` for the kubernetes target',
    description:
      "Who splits traffic between stable and canary: `local` (the local target's proxy), `command` (your shift-command), `nginx` (Shipgate rewrites nginx-conf and reloads nginx) or `haproxy` (the runtime API on haproxy-socket). nginx and HAProxy also count customer requests as evidence.",
    actions: TARGETED,
    config: true
  },
  'working-directory': {
    type: { kind: 'path', mustBe: 'directory' },
    default: '.',
    description: 'Directory the start command or target commands run in; it must exist when the step starts.',
    perAction: {
      build: { description: 'Directory the build runs in; it must exist when the step starts.' },
      rollout: {
        description: 'Directory the build (with build-command), the start command and the target commands run in; it must exist when the step starts.'
      }
    },
    actions: ['rollout', 'build', 'canary-deploy', 'auto-rollback'],
    config: true
  },
  'start-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Local target: command that starts one version; it gets $PORT, $SHIPGATE_VERSION and $SHIPGATE_ARTIFACT_DIR.',
    actions: TARGETED,
    config: true
  },
  'proxy-port': {
    type: { kind: 'integer', min: 0, max: 65535 },
    default: '0',
    description: 'Local target: loopback port of the weighted proxy (0 picks a free port; 8080 is refused).',
    actions: TARGETED,
    config: true
  },
  'deploy-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Command target: starts the canary. Values arrive only as SHIPGATE_* environment variables.',
    actions: TARGETED,
    config: true
  },
  'shift-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Command target: sets the canary weight ($SHIPGATE_WEIGHT).',
    actions: TARGETED,
    config: true
  },
  'promote-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Command target: makes the canary the stable version.',
    actions: TARGETED,
    config: true
  },
  'rollback-command': {
    type: { kind: 'command' },
    default: '',
    description: 'Command target: puts all traffic back on $SHIPGATE_PREVIOUS_VERSION and removes the canary.',
    actions: TARGETED,
    config: true
  },
  'command-timeout': {
    type: { kind: 'duration', minMs: SECOND, maxMs: 6 * HOUR },
    default: '10m',
    description: 'Command target: the longest one command may run (e.g. 10m).',
    actions: TARGETED,
    config: true
  },
  // Routers
  'nginx-conf': {
    type: { kind: 'path' },
    default: '',
    description:
      'traffic: nginx — the file Shipgate owns and rewrites at every step: one `upstream` block, `include`d by your nginx config (which Shipgate never touches).',
    actions: TARGETED,
    config: true
  },
  'nginx-upstream': {
    type: { kind: 'string' },
    default: 'shipgate',
    description: 'traffic: nginx — the name of the upstream block in nginx-conf (your `proxy_pass http://<name>;`).',
    actions: TARGETED,
    config: true
  },
  'stable-server': {
    type: { kind: 'string' },
    default: '',
    description: 'traffic: nginx — `host:port` of the server running the stable version.',
    actions: TARGETED,
    config: true
  },
  'canary-server': {
    type: { kind: 'string' },
    default: '',
    description: 'traffic: nginx — `host:port` of the server the deploy-command starts the canary on.',
    actions: TARGETED,
    config: true
  },
  'nginx-test-command': {
    type: { kind: 'command' },
    default: 'nginx -t',
    description: 'traffic: nginx — checks the configuration after nginx-conf is rewritten; when it fails the previous file is put back and the step fails.',
    actions: TARGETED,
    config: true
  },
  'nginx-reload-command': {
    type: { kind: 'command' },
    default: 'nginx -s reload',
    description: 'traffic: nginx — reloads nginx once per weight change (e.g. `ssh web1 sudo nginx -s reload` for a remote host).',
    actions: TARGETED,
    config: true
  },
  'nginx-access-log': {
    type: { kind: 'path' },
    default: '',
    description:
      'traffic: nginx — the JSON access log (log_format shipgate_json, see the README) whose lines are judged as customer requests, mapped to versions by upstream_addr.',
    actions: TARGETED,
    config: true
  },
  'haproxy-socket': {
    type: { kind: 'path' },
    default: '',
    description: 'traffic: haproxy — the runtime API socket (`stats socket … level admin`).',
    actions: TARGETED,
    config: true
  },
  'haproxy-backend': {
    type: { kind: 'string' },
    default: '',
    description: 'traffic: haproxy — the backend holding the stable and canary servers (its `balance` must be dynamic, e.g. roundrobin).',
    actions: TARGETED,
    config: true
  },
  'haproxy-stable-server': {
    type: { kind: 'string' },
    default: 'stable',
    description: 'traffic: haproxy — the name of the stable server in haproxy-backend.',
    actions: TARGETED,
    config: true
  },
  'haproxy-canary-server': {
    type: { kind: 'string' },
    default: 'canary',
    description: 'traffic: haproxy — the name of the canary server in haproxy-backend.',
    actions: TARGETED,
    config: true
  },
  'haproxy-state-file': {
    type: { kind: 'path' },
    default: '',
    description:
      'traffic: haproxy — where `show servers state` is saved after every change, so a reload with `load-server-state-from-file` keeps the weights (optional).',
    actions: TARGETED,
    config: true
  },
  // Kubernetes (kubectl with the job's kubeconfig)
  namespace: {
    type: { kind: 'string' },
    default: '',
    defaultNote: "the kubeconfig context's namespace",
    description: 'target: kubernetes — the namespace of the Deployment, Services, HTTPRoute and Ingress.',
    actions: TARGETED,
    config: true
  },
  'kube-context': {
    type: { kind: 'string' },
    default: '',
    defaultNote: "the kubeconfig's current context",
    description: "target: kubernetes — the kubeconfig context kubectl uses (the job's KUBECONFIG, set up by your login step: EKS, GKE, AKS, exec plugins).",
    actions: TARGETED,
    config: true
  },
  deployment: {
    type: { kind: 'string' },
    default: '',
    description: 'target: kubernetes — the stable Deployment; the canary is `<deployment>-canary`, a copy with the new image.',
    actions: TARGETED,
    config: true
  },
  container: {
    type: { kind: 'string' },
    default: '',
    defaultNote: "the Deployment's only container",
    description: 'target: kubernetes — the container whose image is set (required when the pod has several).',
    actions: TARGETED,
    config: true
  },
  image: {
    type: { kind: 'string' },
    default: '',
    defaultNote: "the stable container's image with the release version as its tag",
    description: 'target: kubernetes — the image of the release; `{{version}}` is replaced by the version (e.g. ghcr.io/acme/web:{{version}}).',
    actions: TARGETED,
    config: true
  },
  service: {
    type: { kind: 'string' },
    default: '',
    description: 'target: kubernetes — the stable Service (traffic: gateway-api and ingress-nginx).',
    actions: TARGETED,
    config: true
  },
  'canary-service': {
    type: { kind: 'string' },
    default: '',
    description: 'target: kubernetes — the Service selecting the canary pods (label shipgate.dev/track: canary).',
    actions: TARGETED,
    config: true
  },
  httproute: {
    type: { kind: 'string' },
    default: '',
    description: 'traffic: gateway-api — the HTTPRoute whose backendRef weights Shipgate sets.',
    actions: TARGETED,
    config: true
  },
  ingress: {
    type: { kind: 'string' },
    default: '',
    description: 'traffic: ingress-nginx — the stable Ingress; Shipgate creates `<ingress>-canary` with canary-weight annotations.',
    actions: TARGETED,
    config: true
  },
  'rollout-timeout': {
    type: { kind: 'duration', minMs: SECOND, maxMs: 6 * HOUR },
    default: '5m',
    description: 'target: kubernetes — how long a Deployment may take to become ready (kubectl rollout status) before the target fails.',
    actions: TARGETED,
    config: true
  },
  // The plan
  steps: {
    type: { kind: 'steps' },
    default: '10,50,100',
    description:
      'Canary weights in percent, strictly increasing, ending at 100; `pause` just before the final 100 (10,50,pause,100) ends the run paused until action: promote or abort.',
    actions: DEPLOYS,
    config: true
  },
  'step-duration': {
    type: { kind: 'duration', minMs: SECOND, maxMs: 6 * HOUR },
    default: '60s',
    description: 'The longest one step may take (e.g. 60s); the judge may decide sooner.',
    actions: DEPLOYS,
    config: true
  },
  'auto-rollback': {
    type: { kind: 'boolean' },
    default: 'true',
    description: 'Roll back automatically when a step fails (when false the canary is moved to 0 % and left running).',
    actions: DEPLOYS,
    config: true
  },
  'lock-timeout': {
    type: { kind: 'duration', minMs: 0, maxMs: 6 * HOUR },
    default: '10m',
    description:
      "How long a deploy waits for another run's unfinished rollout of the environment before refusing (e.g. 10m; 0 refuses at once). A rollout whose run is over is retired instead.",
    actions: DEPLOYS,
    config: true
  },
  // Analysis
  'canary-url': {
    type: { kind: 'url' },
    default: '',
    description:
      'Where probes reach the canary, directly rather than through the router (with the command target required unless prometheus-url, an nginx-access-log or HAProxy counts requests, or probe-rate is 0; the local target knows its own).',
    actions: DEPLOYS,
    config: true
  },
  'stable-url': {
    type: { kind: 'url' },
    default: '',
    description: 'Where probes reach the stable version.',
    actions: DEPLOYS,
    config: true
  },
  'probe-path': {
    type: { kind: 'string' },
    default: '/',
    description: 'Path probed on canary-url and stable-url.',
    actions: DEPLOYS,
    config: true
  },
  'probe-rate': {
    type: { kind: 'number', min: 0, max: 1000, unit: 'requests per second' },
    default: '50',
    description:
      'Requests per second sent to each of the canary and the stable version during a step (the step ends as soon as the judge decides); 0 turns probes off, to judge only what the router or metrics see.',
    actions: DEPLOYS,
    config: true
  },
  'error-tolerance': {
    type: { kind: 'fraction', max: 0.5 },
    default: '0.01',
    description: "How much worse than stable the canary's error rate may be, absolute (0.01 or 1%).",
    actions: DEPLOYS,
    config: true
  },
  'latency-tolerance': {
    type: { kind: 'percent' },
    default: '20%',
    description: 'How much slower than stable the canary may be (e.g. 20%).',
    actions: DEPLOYS,
    config: true
  },
  'max-latency': {
    type: { kind: 'integer', min: 1, max: 600_000, unit: 'ms' },
    default: '',
    description: 'Optional latency bound in ms: requests slower than this count as slow.',
    perAction: { 'smoke-test': { description: 'Slowest acceptable response in ms.' } },
    actions: ['rollout', 'canary-deploy', 'smoke-test'],
    config: true
  },
  judge: {
    type: { kind: 'enum', values: ['sequential', 'thresholds'] },
    default: 'sequential',
    description: '`sequential` (anytime-valid test against the live stable version) or `thresholds` (fixed comparison).',
    actions: DEPLOYS,
    config: true
  },
  alpha: {
    type: { kind: 'number', min: 0.0001, max: 0.2 },
    default: '0.01',
    description: 'False-rollback budget of the sequential judge (0.0001 to 0.2).',
    actions: DEPLOYS,
    config: true
  },
  beta: {
    type: { kind: 'number', min: 0.0001, max: 0.2 },
    default: '0.05',
    description: 'False-pass budget of the sequential judge: the chance that a canary worse than a tolerance passes (0.0001 to 0.2).',
    actions: DEPLOYS,
    config: true
  },
  'min-samples': {
    type: { kind: 'integer', min: 1, max: 1_000_000 },
    default: '50',
    description: 'Samples per version needed before a step can pass.',
    actions: DEPLOYS,
    config: true
  },
  'on-inconclusive': {
    type: { kind: 'enum', values: ['rollback', 'promote', 'pause'] },
    default: 'rollback',
    description: 'What a step that runs out of time without a decision does: `rollback`, `promote` or `pause`.',
    actions: DEPLOYS,
    config: true
  },
  'prometheus-url': {
    type: { kind: 'url' },
    default: '',
    description: 'Prometheus base URL; when set, the judge reads its evidence from PromQL.',
    actions: DEPLOYS,
    config: true
  },
  'prometheus-requests-query': {
    type: { kind: 'promql' },
    default: DEFAULT_REQUESTS_QUERY,
    description:
      "PromQL for a version's request counter; {{version}} is replaced by the version (with target: kubernetes, {{service}} by the stable or canary Service, for metrics labelled by Service such as ingress-nginx's).",
    actions: DEPLOYS,
    config: true
  },
  'prometheus-errors-query': {
    type: { kind: 'promql' },
    default: DEFAULT_ERRORS_QUERY,
    description: "PromQL for a version's error counter.",
    actions: DEPLOYS,
    config: true
  },
  'prometheus-latency-query': {
    type: { kind: 'promql' },
    default: DEFAULT_LATENCY_BUCKETS_QUERY,
    description: "PromQL for a version's latency histogram buckets.",
    actions: DEPLOYS,
    config: true
  },
  // How a smoke test checks
  requests: {
    type: { kind: 'integer', min: 1, max: 10_000 },
    default: '1',
    description: 'Requests per URL.',
    actions: ['smoke-test'],
    config: true
  },
  concurrency: {
    type: { kind: 'integer', min: 1, max: 256 },
    default: '4',
    description: 'Requests in flight at once.',
    actions: ['smoke-test'],
    config: true
  },
  timeout: {
    type: { kind: 'duration', minMs: 100, maxMs: 5 * MINUTE },
    default: '10s',
    description: 'Per-request timeout (e.g. 10s).',
    actions: ['smoke-test'],
    config: true
  },
  retries: {
    type: { kind: 'integer', min: 0, max: 20 },
    default: '2',
    description: 'Retries per request before it counts as failed.',
    actions: ['smoke-test'],
    config: true
  },
  'retry-delay': {
    type: { kind: 'duration', minMs: 0, maxMs: 5 * MINUTE },
    default: '1s',
    description: 'Wait between retries (e.g. 1s).',
    actions: ['smoke-test'],
    config: true
  },
  headers: {
    type: { kind: 'headers' },
    default: '',
    description:
      'Extra request headers, one `Name: value` per line, in Latin-1; each value and each token of it (such as the part after Bearer) is masked, and redacted from response bodies shown in the summary and the report.',
    actions: ['smoke-test'],
    secret: true,
    config: false
  },
  // Telling people
  'status-context': {
    type: { kind: 'string' },
    default: '',
    defaultNote: '`shipgate/<environment>`',
    description: 'Commit status context for merge gating (on the PR head commit for pull_request events); `off` disables it.',
    perAction: { 'smoke-test': { description: 'When set, publish a commit status with this context for merge gating.', defaultNote: '' } },
    actions: ['rollout', 'canary-deploy', 'smoke-test', 'auto-rollback'],
    config: true
  },
  'check-run': {
    type: { kind: 'boolean' },
    default: 'false',
    description: 'Also publish a check run with the summary.',
    actions: TARGETED,
    config: true
  },
  incident: {
    type: { kind: 'boolean' },
    default: 'true',
    description: 'Open (or update) an incident issue when a rollout rolls back, and close it on the next promotion.',
    actions: TARGETED,
    config: true
  },
  mention: {
    type: { kind: 'mentions' },
    default: '',
    description: 'Users or teams to mention in the incident, e.g. @octocat @my-org/oncall.',
    actions: TARGETED,
    config: true
  },
  'revert-pr': {
    type: { kind: 'boolean' },
    default: 'false',
    description:
      'After an automatic rollback, open (or update) a pull request that reverts the commits between the last good version and the failed one, through the Git Data API; needs `contents: write` and `pull-requests: write`.',
    actions: DEPLOYS,
    config: true
  },
  dora: {
    type: { kind: 'boolean' },
    default: 'false',
    description:
      "After the rollout, compute the environment's DORA metrics over the last 90 days from the ledger (docs/dora.md): a table and a chart in the summary, JSON in the `dora` output.",
    actions: ['rollout'],
    config: true
  },
  webhook: {
    type: { kind: 'url' },
    default: '',
    description: 'Slack-compatible webhook URL told about the outcome (a secret: pass it from secrets).',
    actions: TARGETED,
    secret: true,
    config: false
  },
  // The GitHub deployment
  'environment-url': {
    type: { kind: 'url' },
    default: '',
    description: 'URL of the deployed environment, shown on the deployment.',
    actions: DEPLOYS,
    config: true
  },
  'production-environment': {
    type: { kind: 'boolean' },
    default: '',
    defaultNote: "GitHub's rule (true for production)",
    description: 'Mark the GitHub environment as production.',
    actions: DEPLOYS,
    config: true
  },
  'transient-environment': {
    type: { kind: 'boolean' },
    default: 'false',
    description: 'Mark the GitHub environment as transient.',
    actions: DEPLOYS,
    config: true
  },
  'github-token': {
    type: { kind: 'string' },
    default: '',
    actionDefault: '${{ github.token }}',
    description:
      'Token for the Deployments, Statuses, Checks, Issues and Actions APIs. Needs `deployments: write`, `statuses: write`, `issues: write`, `actions: read` (to tell a live rollout of another run from an orphan) and `checks: write` with check-run.',
    perAction: { 'smoke-test': { description: 'Token for the commit status (needs `statuses: write`).' } },
    actions: ['rollout', 'canary-deploy', 'smoke-test', 'auto-rollback'],
    secret: true,
    config: false
  },
  // Files and state
  config: {
    type: { kind: 'path' },
    default: '',
    defaultNote: `\`${DEFAULT_CONFIG_PATH}\` when it exists`,
    description: 'Path of the config file, inside the workspace; its keys are input names (see schema/shipgate.schema.json).',
    actions: ALL,
    config: false
  },
  ledger: {
    type: { kind: 'enum', values: ['auto', 'github', 'file'] },
    default: 'auto',
    description: 'Where deployments are recorded: `auto` (GitHub Deployments when a token and API are available, else a file), `github` or `file`.',
    actions: TARGETED,
    config: true
  },
  'ledger-file': {
    type: { kind: 'path' },
    default: '',
    defaultNote: '`ledger.json` in state-dir',
    description: 'JSON file of the file ledger (on self-hosted runners or other CI: a path that outlives the job).',
    actions: TARGETED,
    config: true
  },
  'state-dir': {
    type: { kind: 'path' },
    default: '',
    defaultNote: '`$XDG_STATE_HOME/shipgate` or `~/.local/state/shipgate` (never RUNNER_TEMP or the checkout)',
    description: "Folder for what outlives runs on this machine: the local target's daemon and state, and the default file ledger.",
    actions: TARGETED,
    config: true
  }
} as const satisfies Record<string, InputSpec>;

export type InputName = keyof typeof INPUTS;

/** Every output, in the order action.yml files and docs list them. */
export const OUTPUTS: Readonly<Record<string, OutputSpec>> = {
  'deployment-id': {
    description: 'Ledger id of the deployment.',
    perAction: { 'auto-rollback': { description: 'Ledger id of the rollback deployment.' } },
    actions: ['rollout', 'canary-deploy', 'auto-rollback']
  },
  result: { description: 'promoted, rolled-back, failed or paused.', actions: DEPLOYS },
  weight: { description: 'Canary weight in percent when the step ended.', actions: DEPLOYS },
  'previous-version': { description: 'The stable version before this rollout.', actions: DEPLOYS },
  'rolled-back-to': { description: 'The version now serving.', actions: ['auto-rollback'] },
  passed: { description: 'true or false.', actions: ['smoke-test'] },
  failures: { description: 'Number of failed requests.', actions: ['smoke-test'] },
  report: {
    description: 'Path of the JSON rollout report.',
    perAction: { 'smoke-test': { description: 'Path of the JSON smoke-test report.' } },
    actions: ['rollout', 'canary-deploy', 'smoke-test']
  },
  'incident-url': {
    description: 'URL of the incident issue opened or updated (when the rollout rolled back).',
    perAction: { 'auto-rollback': { description: 'URL of the incident issue.' } },
    actions: ['rollout', 'canary-deploy', 'auto-rollback']
  },
  'revert-pr-url': {
    description: 'URL of the revert pull request opened or updated (revert-pr: true, after an automatic rollback).',
    actions: DEPLOYS
  },
  dora: {
    description: 'The DORA metrics of the environment as JSON (schema shipgate/dora@1), with dora: true.',
    actions: ['rollout']
  },
  version: {
    description: 'The release version.',
    perAction: { rollout: { description: 'The version rolled out.' } },
    actions: ['rollout', 'build']
  },
  digest: {
    description: '`sha256:<hex>` of the artifact.',
    perAction: { rollout: { description: 'sha256 digest of the artifact, when built.' } },
    actions: ['rollout', 'build']
  },
  manifest: { description: 'Path of the release manifest JSON.', actions: ['build'] },
  'duration-ms': { description: 'How long the build command took, in ms.', actions: ['build'] },
  artifact: { description: 'Path of the packaged artifact.', actions: ['build'] }
};

const specs = INPUTS as Readonly<Record<string, InputSpec>>;

/** The spec of an input, or undefined for a name no action takes. */
export function inputSpec(name: string): InputSpec | undefined {
  return Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
}

/** The catalogue's default of an input ('' when it has none or is unknown). */
export function defaultOf(name: string): string {
  return inputSpec(name)?.default ?? '';
}

/** An input as one action sees it. */
export interface ActionInput {
  name: string;
  spec: InputSpec;
  description: string;
  /** The rule when there is no literal default ('' when none). */
  defaultNote: string;
  required: boolean;
}

export function inputsOf(action: ActionName): ActionInput[] {
  return Object.entries(specs)
    .filter(([, s]) => s.actions.includes(action))
    .map(([name, spec]) => ({
      name,
      spec,
      description: spec.perAction?.[action]?.description ?? spec.description,
      defaultNote: spec.perAction?.[action]?.defaultNote ?? spec.defaultNote ?? '',
      required: spec.required?.includes(action) ?? false
    }));
}

export function outputsOf(action: ActionName): { name: string; description: string }[] {
  return Object.entries(OUTPUTS)
    .filter(([, o]) => o.actions.includes(action))
    .map(([name, o]) => ({ name, description: o.perAction?.[action]?.description ?? o.description }));
}

/** Inputs the config file may set, in catalogue order. */
export function configInputs(): string[] {
  return Object.entries(specs)
    .filter(([, s]) => s.config && !s.secret)
    .map(([name]) => name);
}

export function secretInputs(): string[] {
  return Object.entries(specs)
    .filter(([, s]) => s.secret)
    .map(([name]) => name);
}
