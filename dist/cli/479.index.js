export const id = 479;
export const ids = [479];
export const modules = {

/***/ 6566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ CancelledError),
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
/** The job was cancelled (SIGINT/SIGTERM from the runner, or an AbortSignal). */
class CancelledError extends Error {
    constructor(message = 'the job was cancelled') {
        super(message);
        this.name = 'CancelledError';
    }
}
function errorMessage(err) {
    const m = err instanceof Error ? err.message : String(err);
    return m.replace(/\.\s*$/, '');
}


/***/ }),

/***/ 3063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N4: () => (/* binding */ checkCommandTarget),
  IQ: () => (/* binding */ parseCanaryDeployInputs),
  VW: () => (/* binding */ parseNotify),
  ae: () => (/* binding */ parseTargetSettings),
  D7: () => (/* binding */ parseTraffic)
});

// UNUSED EXPORTS: parseAnalysis

// EXTERNAL MODULE: ./shared/inputs/input-error.ts
var input_error = __webpack_require__(6033);
// EXTERNAL MODULE: ./shared/inputs/common.ts
var inputs_common = __webpack_require__(1297);
// EXTERNAL MODULE: ./shared/inputs/waves.ts
var inputs_waves = __webpack_require__(1472);
;// CONCATENATED MODULE: ./shared/inputs/freeze.ts

function parseFreezeInputs(inputs) {
    const override = inputs.get('override-freeze');
    const reason = inputs.get('reason');
    if (override && !reason)
        throw new input_error/* MissingInputError */.f1('reason', 'override-freeze needs a reason, which the ledger and the summary record');
    if (reason.length > 1000)
        throw inputs.error('reason', `${reason.slice(0, 20)}…`, 'keep the reason under 1,000 characters');
    return { windows: inputs.freezeWindows(), override, reason };
}

;// CONCATENATED MODULE: ./shared/inputs/kubernetes.ts

/** Object names: DNS-1123 subdomains (what the API server accepts for these kinds). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Namespaces and container names: DNS-1123 labels. */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** An image reference (registry/path:tag@digest), `{{version}}` allowed; nothing a shell or YAML would read specially. */
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@{}-]{0,254}$/;
/** Context names are free text in a kubeconfig: printable, no spaces at the ends. */
const CONTEXT = /^[\x21-\x7e](?:[\x20-\x7e]{0,251}[\x21-\x7e])?$/;
/** Every Kubernetes input, checked when given; what the target and router need is required only with target: kubernetes. */
function parseKubernetes(inputs, options) {
    const k = {
        namespace: inputs.get('namespace'),
        context: inputs.get('kube-context'),
        deployment: inputs.get('deployment'),
        container: inputs.get('container'),
        image: inputs.get('image'),
        service: inputs.get('service'),
        canaryService: inputs.get('canary-service'),
        httproute: inputs.get('httproute'),
        ingress: inputs.get('ingress'),
        rolloutTimeoutMs: inputs.get('rollout-timeout')
    };
    const check = (name, value, pattern, allowed) => {
        if (value && (value.length > 253 || !pattern.test(value)))
            throw inputs.error(name, value, allowed);
    };
    check('namespace', k.namespace, LABEL, 'use a namespace name: up to 63 lower-case letters, digits or "-"');
    check('container', k.container, LABEL, 'use a container name: up to 63 lower-case letters, digits or "-"');
    check('kube-context', k.context, CONTEXT, 'use the name of a context in your kubeconfig (printable characters)');
    check('image', k.image, IMAGE, 'use an image reference such as ghcr.io/acme/web:{{version}} (letters, digits and . _ / : @ - only)');
    for (const [name, value] of [
        ['deployment', k.deployment],
        ['service', k.service],
        ['canary-service', k.canaryService],
        ['httproute', k.httproute],
        ['ingress', k.ingress]
    ]) {
        check(name, value, OBJECT_NAME, 'use an object name: lower-case letters, digits, "-" and "."');
    }
    if (!options.required)
        return k;
    if (!k.deployment)
        throw new input_error/* MissingInputError */.f1('deployment', 'target: kubernetes needs the stable Deployment to copy the canary from');
    if (options.traffic === 'gateway-api') {
        if (!k.httproute)
            throw new input_error/* MissingInputError */.f1('httproute', 'traffic: gateway-api sets the backendRef weights of this HTTPRoute');
        if (!k.service)
            throw new input_error/* MissingInputError */.f1('service', "traffic: gateway-api needs the stable Service named in the HTTPRoute's backendRefs");
        if (!k.canaryService)
            throw new input_error/* MissingInputError */.f1('canary-service', "traffic: gateway-api needs the canary Service named in the HTTPRoute's backendRefs");
    }
    if (options.traffic === 'ingress-nginx') {
        if (!k.ingress)
            throw new input_error/* MissingInputError */.f1('ingress', 'traffic: ingress-nginx copies this Ingress into <ingress>-canary');
        if (!k.canaryService)
            throw new input_error/* MissingInputError */.f1('canary-service', 'traffic: ingress-nginx points the canary Ingress at this Service');
    }
    return k;
}

;// CONCATENATED MODULE: ./shared/inputs/canary-deploy.ts





/** How often the judge looks at the evidence (at most once a step). Not an input. */
const LOOK_INTERVAL_MS = 1000;
function parseAnalysis(inputs) {
    return {
        judge: inputs.get('judge'),
        errorTolerance: inputs.get('error-tolerance'),
        latencyTolerance: inputs.get('latency-tolerance'),
        maxLatencyMs: inputs.get('max-latency'),
        alpha: inputs.get('alpha'),
        beta: inputs.get('beta'),
        minSamples: inputs.get('min-samples'),
        onInconclusive: inputs.get('on-inconclusive')
    };
}
/**
 * `versionFromBuild`: the root action builds first, so a deploy may name neither version nor
 * manifest (the build decides the version).
 */
function parseCanaryDeployInputs(inputs, options = {}) {
    const common = (0,inputs_common/* parseCommon */.dw)(inputs);
    const action = inputs.get('action');
    const target = (0,inputs_common/* parseTarget */.hu)(inputs);
    const version = inputs.get('version');
    const manifest = inputs.get('manifest');
    if (action === 'deploy' && !version && !manifest && !options.versionFromBuild) {
        throw new input_error/* MissingInputError */.f1('version', 'a deploy needs "version" or "manifest" (the build action\'s manifest output)');
    }
    const { local, command } = parseTargetSettings(inputs);
    const waves = (0,inputs_waves/* parseWaves */.a)(inputs, target, action);
    // With waves each target has its own router settings (checked in parseWaves).
    const traffic = parseTraffic(inputs, target, { settings: !waves });
    if (target === 'local' && action === 'deploy' && !local.startCommand) {
        throw new input_error/* MissingInputError */.f1('start-command', 'the local target starts each version with it (e.g. "node server.js"; the port is in $PORT)');
    }
    if (target === 'command' && !waves)
        checkCommandTarget(inputs, command, traffic, action);
    const stepDurationMs = inputs.get('step-duration');
    const plan = {
        environment: common.environment,
        ...inputs.get('steps'),
        stepDurationMs,
        probeRate: inputs.get('probe-rate'),
        lookIntervalMs: Math.min(LOOK_INTERVAL_MS, stepDurationMs),
        analysis: parseAnalysis(inputs),
        autoRollback: inputs.get('auto-rollback')
    };
    const canaryUrl = inputs.get('canary-url');
    const stableUrl = inputs.get('stable-url');
    const counts = (t) => (t.kind === 'nginx' && t.nginx.accessLog !== '') || t.kind === 'haproxy';
    const routerCounts = waves ? waves.every((w) => w.targets.every((t) => counts(t.traffic))) : counts(traffic);
    const counted = Boolean(inputs.raw('prometheus-url')) || routerCounts;
    if (target !== 'local' && action === 'deploy') {
        if (plan.probeRate === 0 && !counted) {
            throw inputs.error('probe-rate', '0', 'with probes off nothing would count requests: give prometheus-url, or use traffic: nginx with nginx-access-log, or traffic: haproxy');
        }
        if (plan.probeRate > 0 && (!canaryUrl || !stableUrl) && !counted) {
            throw new input_error/* MissingInputError */.f1(canaryUrl ? 'stable-url' : 'canary-url', `the ${target} target cannot find the versions by itself: give canary-url and stable-url, or prometheus-url${target === 'command' ? ', or let nginx (nginx-access-log) or HAProxy count requests' : ''}, or set probe-rate: 0`);
        }
    }
    const promUrl = inputs.get('prometheus-url');
    const prometheus = promUrl
        ? {
            url: promUrl,
            requestsQuery: inputs.get('prometheus-requests-query'),
            errorsQuery: inputs.get('prometheus-errors-query'),
            latencyQuery: inputs.get('prometheus-latency-query')
        }
        : null;
    if (prometheus) {
        for (const [name, q] of [
            ['prometheus-requests-query', prometheus.requestsQuery],
            ['prometheus-errors-query', prometheus.errorsQuery]
        ]) {
            const byService = q.includes('{{service}}');
            if (!q.includes('{{version}}') && !byService) {
                throw inputs.error(name, q, 'the query must contain {{version}} where the version label goes (or {{service}} with target: kubernetes)');
            }
            if (byService && (target !== 'kubernetes' || !traffic.kubernetes.service || !traffic.kubernetes.canaryService)) {
                throw inputs.error(name, q, '{{service}} names the stable or canary Service: use it with target: kubernetes and both service and canary-service set');
            }
        }
    }
    const probePath = inputs.get('probe-path');
    if (!probePath.startsWith('/'))
        throw inputs.error('probe-path', probePath, 'use a path that starts with "/"');
    return {
        ...common,
        action,
        version,
        manifest,
        target,
        local,
        command,
        traffic,
        waves,
        canaryUrl,
        stableUrl,
        probePath,
        prometheus,
        plan,
        notify: { ...parseNotify(inputs), revertPr: inputs.get('revert-pr') },
        environmentUrl: inputs.get('environment-url'),
        productionEnvironment: inputs.get('production-environment'),
        transientEnvironment: inputs.get('transient-environment'),
        lockTimeoutMs: inputs.get('lock-timeout'),
        freeze: parseFreezeInputs(inputs)
    };
}
/** Settings of both targets (each action checks what its target and action require). */
function parseTargetSettings(inputs) {
    const workingDirectory = inputs.get('working-directory');
    const local = {
        startCommand: inputs.get('start-command'),
        workingDirectory,
        proxyPort: inputs.get('proxy-port')
    };
    if (local.proxyPort === 8080) {
        throw inputs.error('proxy-port', '8080', "port 8080 is reserved on these runners (kubectl's default); pick another port or 0 for a free one");
    }
    const command = {
        deployCommand: inputs.get('deploy-command'),
        shiftCommand: inputs.get('shift-command'),
        promoteCommand: inputs.get('promote-command'),
        rollbackCommand: inputs.get('rollback-command'),
        commandTimeoutMs: inputs.get('command-timeout'),
        workingDirectory
    };
    return { local, command };
}
/** What the command target needs for `action`, with the router picked. */
function checkCommandTarget(inputs, command, traffic, action) {
    if (action === 'deploy' && !command.deployCommand)
        throw new input_error/* MissingInputError */.f1('deploy-command', 'the command target needs it to start a canary');
    if (!command.rollbackCommand)
        throw new input_error/* MissingInputError */.f1('rollback-command', 'the command target needs it to restore stable when a canary fails');
    if (traffic.kind === 'nginx' || traffic.kind === 'haproxy') {
        if (command.shiftCommand) {
            throw inputs.error('shift-command', command.shiftCommand, `with traffic: ${traffic.kind} Shipgate moves the weights itself; remove shift-command`);
        }
        if (action !== 'abort' && action !== 'restore' && !command.promoteCommand) {
            throw new input_error/* MissingInputError */.f1('promote-command', `with traffic: ${traffic.kind} a promotion redeploys the stable server with the new version (the promote-command), then moves traffic back to it and takes the canary server out of rotation`);
        }
    }
}
/** `host:port`, `[v6]:port` or `unix:/path` as nginx writes servers. */
const NGINX_SERVER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$|^unix:\/[^\s;{}'"]+$/;
/** HAProxy names: they go into runtime API commands, where spaces and ";" would start another. */
const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const NGINX_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** `traffic` and the settings of the router it picks; everything it needs is checked here. */
function parseTraffic(inputs, target, options = {}) {
    const given = inputs.get('traffic');
    const kind = given || (target === 'local' ? 'local' : target === 'command' ? 'command' : 'replicas');
    const kubeRouter = kind === 'replicas' || kind === 'gateway-api' || kind === 'ingress-nginx';
    if (target === 'local' && kind !== 'local') {
        throw inputs.error('traffic', kind, 'the local target splits traffic with its own proxy: leave traffic empty or set it to local (or use target: command)');
    }
    if (target === 'command' && kind === 'local') {
        throw inputs.error('traffic', kind, "the local router is the local target's own proxy: use command (your shift-command), nginx or haproxy");
    }
    if (target !== 'kubernetes' && kubeRouter) {
        throw inputs.error('traffic', kind, `${kind} splits traffic inside a Kubernetes cluster: use it with target: kubernetes`);
    }
    if (target === 'kubernetes' && !kubeRouter) {
        throw inputs.error('traffic', kind, 'with target: kubernetes use replicas, gateway-api or ingress-nginx');
    }
    const kubernetes = parseKubernetes(inputs, { required: target === 'kubernetes' && options.settings !== false, traffic: kind });
    const nginx = {
        conf: inputs.get('nginx-conf'),
        upstream: inputs.get('nginx-upstream'),
        stableServer: inputs.get('stable-server'),
        canaryServer: inputs.get('canary-server'),
        testCommand: inputs.get('nginx-test-command'),
        reloadCommand: inputs.get('nginx-reload-command'),
        accessLog: inputs.get('nginx-access-log')
    };
    const haproxy = {
        socket: inputs.get('haproxy-socket'),
        backend: inputs.get('haproxy-backend'),
        stableServer: inputs.get('haproxy-stable-server'),
        canaryServer: inputs.get('haproxy-canary-server'),
        stateFile: inputs.get('haproxy-state-file')
    };
    if (options.settings === false)
        return { kind, nginx, haproxy, kubernetes };
    if (kind === 'nginx') {
        if (!nginx.conf)
            throw new input_error/* MissingInputError */.f1('nginx-conf', 'traffic: nginx needs the file Shipgate owns (an upstream block your nginx config includes)');
        for (const [name, value] of [
            ['stable-server', nginx.stableServer],
            ['canary-server', nginx.canaryServer]
        ]) {
            if (!value)
                throw new input_error/* MissingInputError */.f1(name, 'traffic: nginx needs both servers as host:port');
            const port = /:(\d+)$/.exec(value)?.[1];
            if (!NGINX_SERVER.test(value) || (!value.startsWith('unix:') && !(Number(port) >= 1 && Number(port) <= 65535))) {
                throw inputs.error(name, value, 'use host:port with a port from 1 to 65535 (e.g. 10.0.0.5:8081 or [::1]:8081) or unix:/path');
            }
        }
        if (nginx.stableServer === nginx.canaryServer)
            throw inputs.error('canary-server', nginx.canaryServer, 'it must differ from stable-server');
        if (!NGINX_NAME.test(nginx.upstream))
            throw inputs.error('nginx-upstream', nginx.upstream, 'use up to 64 letters, digits, ".", "_" or "-"');
        if (!nginx.testCommand.trim())
            throw new input_error/* MissingInputError */.f1('nginx-test-command', 'Shipgate checks every rewritten file before reloading');
        if (!nginx.reloadCommand.trim())
            throw new input_error/* MissingInputError */.f1('nginx-reload-command', 'Shipgate reloads nginx after every weight change');
    }
    if (kind === 'haproxy') {
        if (!haproxy.socket)
            throw new input_error/* MissingInputError */.f1('haproxy-socket', 'traffic: haproxy drives the runtime API (`stats socket <path> level admin`)');
        if (!haproxy.backend)
            throw new input_error/* MissingInputError */.f1('haproxy-backend', 'traffic: haproxy needs the backend holding the stable and canary servers');
        for (const [name, value] of [
            ['haproxy-backend', haproxy.backend],
            ['haproxy-stable-server', haproxy.stableServer],
            ['haproxy-canary-server', haproxy.canaryServer]
        ]) {
            if (!HAPROXY_NAME.test(value))
                throw inputs.error(name, value, 'use up to 64 letters, digits, ".", "_", ":" or "-" (as in haproxy.cfg)');
        }
        if (haproxy.stableServer === haproxy.canaryServer)
            throw inputs.error('haproxy-canary-server', haproxy.canaryServer, 'it must differ from haproxy-stable-server');
    }
    return { kind, nginx, haproxy, kubernetes };
}
function parseNotify(inputs) {
    const webhook = inputs.raw('webhook');
    if (webhook) {
        const protocol = URL.canParse(webhook) ? new URL(webhook).protocol : '';
        const ok = protocol === 'https:' || protocol === 'http:';
        // The URL is a secret: never echo it.
        if (!ok)
            throw new input_error/* InputError */.dz('webhook', '***', 'use an absolute https:// URL (the value is hidden because webhook URLs are secrets)');
    }
    return {
        statusContext: inputs.get('status-context'),
        checkRun: inputs.get('check-run'),
        incident: inputs.get('incident'),
        mention: (0,inputs_common/* parseMentions */.Xs)(inputs),
        webhook,
        revertPr: false
    };
}


/***/ }),

/***/ 1472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ parseWaves)
/* harmony export */ });
/* harmony import */ var _config_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1157);
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6033);
/* harmony import */ var _canary_deploy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3063);



/**
 * The fleet's waves (config file `waves:`), each target checked like a single command target, or
 * null when there are none. The schema has checked the shape already.
 */
function parseWaves(inputs, target, action) {
    const raw = inputs.waves();
    if (!raw)
        return null;
    if (target !== 'command') {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x(`The config file sets waves, but target is ${target}: a fleet runs the command target on each of its targets (target: command), with traffic: nginx, haproxy or command.`);
    }
    if (action === 'deploy' && inputs.get('steps').pauseBeforeLast) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x('The config file sets waves and steps hold pause: a fleet runs every wave in one run, so remove pause from steps (or use on-inconclusive: rollback).');
    }
    if (action === 'deploy' && inputs.get('on-inconclusive') === 'pause') {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x('The config file sets waves and on-inconclusive is pause: a fleet runs every wave in one run, so use on-inconclusive: rollback or promote.');
    }
    const seen = new Set();
    const waveNames = new Set();
    for (const w of raw) {
        if (waveNames.has(w.name.toLowerCase()))
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x(`The config file names the wave ${w.name} twice: give every wave its own name.`);
        waveNames.add(w.name.toLowerCase());
    }
    return raw.map((w) => ({
        name: w.name,
        maxParallel: w['max-parallel'] ?? w.targets.length,
        targets: w.targets.map((t) => {
            const key = t.name.toLowerCase();
            if (seen.has(key))
                throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x(`The config file names the wave target ${t.name} twice: give every target of the fleet its own name.`);
            seen.add(key);
            const own = inputs.withOverrides((0,_config_file_js__WEBPACK_IMPORTED_MODULE_0__/* .waveTargetSource */ .AX)(t));
            try {
                const { command } = (0,_canary_deploy_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTargetSettings */ .ae)(own);
                const traffic = (0,_canary_deploy_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTraffic */ .D7)(own, 'command');
                (0,_canary_deploy_js__WEBPACK_IMPORTED_MODULE_2__/* .checkCommandTarget */ .N4)(own, command, traffic, action);
                return { name: t.name, command, traffic };
            }
            catch (err) {
                // A missing value names no place in the file: say which target lacks it.
                if (err instanceof _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MissingInputError */ .f1)
                    throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigFileError */ .x(`${err.message.replace(/\.$/, '')} (wave ${w.name}, target ${t.name} in the config file).`);
                throw err;
            }
        })
    }));
}


/***/ })

};
