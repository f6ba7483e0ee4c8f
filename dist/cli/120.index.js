export const id = 120;
export const ids = [120];
export const modules = {

/***/ 831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ childEnv)
/* harmony export */ });
/** Variables a `run:` step does not get: action inputs (tokens) and the runner's own credentials. */
const WITHHELD_FROM_STEPS = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/;
/** All that a service of the local target gets from its daemon. */
const SERVICE_KEYS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'USER', 'TZ'];
/** All that the daemon gets from the action (SHIPGATE_DEBUG turns on its debug log). */
const DAEMON_KEYS = [...SERVICE_KEYS, 'SHIPGATE_DEBUG'];
/** Used when the base has no PATH, for the kinds that run commands through bash. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';
const RULES = {
    step: { keep: (key) => !WITHHELD_FROM_STEPS.test(key), defaultPath: true },
    daemon: { keep: (key) => DAEMON_KEYS.includes(key), defaultPath: false },
    service: { keep: (key) => SERVICE_KEYS.includes(key), defaultPath: true },
    tool: { keep: () => true, defaultPath: false }
};
function childEnv(base, options) {
    const rule = RULES[options.kind];
    const env = {};
    for (const [key, value] of Object.entries(base))
        if (value !== undefined && rule.keep(key))
            env[key] = value;
    if (rule.defaultPath)
        env.PATH ??= DEFAULT_PATH;
    return { ...env, ...options.extra };
}


/***/ }),

/***/ 1120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubernetesTarget: () => (/* binding */ KubernetesTarget)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./shared/process/env.ts
var env = __webpack_require__(831);
// EXTERNAL MODULE: ./shared/util/duration.ts
var duration = __webpack_require__(8515);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
;// CONCATENATED MODULE: ./shared/targets/kubernetes/kubectl.ts




/** Why a kubectl command failed, with kubectl's first error line kept apart for callers that decide on it. */
class KubectlError extends Error {
    verb;
    ref;
    reason;
    exitCode;
    timedOut;
    constructor(message, 
    /** The verb as in the message: `get`, `apply`, `patch`, `scale`, `delete`, `roll out`. */
    verb, ref, 
    /** kubectl's first error line, escaped ('' when it printed none). */
    reason, exitCode, timedOut) {
        super(message);
        this.verb = verb;
        this.ref = ref;
        this.reason = reason;
        this.exitCode = exitCode;
        this.timedOut = timedOut;
        this.name = 'KubectlError';
    }
    /**
     * The API server refused a write because the object changed: a 409, or a JSON patch whose `test`
     * failed. The API server answers a failed test with a 422 that kubectl prints as "The request is
     * invalid: the server rejected our request due to an error in our request" (the detail is in the
     * status causes); kubectl's own patch code says "testing value … failed: test failed".
     */
    get conflict() {
        return /\(Conflict\)|\b409\b|the object has been modified|test failed|testing value|unable to test|missing path|the server rejected our request due to an error in our request|Expected replicas to be/i.test(this.reason);
    }
    get notFound() {
        return /\(NotFound\)|not found/i.test(this.reason);
    }
}
/** Most that is kept of kubectl's output (a `get -o json` of one object is far below). */
const MAX_STDOUT = 32 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
/** rollout status is given its own `--timeout`; the process gets this much longer before it is stopped. */
const ROLLOUT_GRACE_MS = 30_000;
const KILL_GRACE_MS = 2000;
/**
 * kubectl, always with an argument array (never a shell): `kubectl [--context C] [-n NS] <args>`.
 * JSON in (`apply -f -` on stdin, `-p` patches) and out (`-o json`). Every failure is one sentence
 * naming the object, e.g. `kubectl could not patch httproute/web in namespace prod: <first error line>`.
 */
class Kubectl {
    options;
    constructor(options) {
        this.options = options;
    }
    get binary() {
        return this.options.kubectl || 'kubectl';
    }
    /** ` in namespace prod` or ` in the context's default namespace`, for sentences. */
    get where() {
        return this.options.namespace ? ` in namespace ${this.options.namespace}` : " in the kube-context's default namespace";
    }
    /** The global flags every command starts with. */
    globalArgs() {
        const args = [];
        if (this.options.context)
            args.push('--context', this.options.context);
        if (this.options.namespace)
            args.push('-n', this.options.namespace);
        return args;
    }
    /** The object as JSON; throws (NotFound included) when kubectl cannot read it. */
    async get(ref, signal) {
        const out = await this.run(['get', ref, '-o', 'json'], { verb: 'get', ref, signal });
        const obj = parseSingle(out);
        if (!obj)
            throw new KubectlError(`kubectl could not get ${ref}${this.where}: it printed no object.`, 'get', ref, '', 0, false);
        return obj;
    }
    /** The object as JSON, or null when it does not exist (`--ignore-not-found`). */
    async find(ref, signal) {
        const out = await this.run(['get', ref, '--ignore-not-found', '-o', 'json'], { verb: 'get', ref, signal });
        return parseSingle(out);
    }
    /**
     * Creates or updates the object (`apply -f -`, the JSON on stdin). `--validate=false`: kubectl
     * would otherwise download the server's OpenAPI document to check the object on the client; the
     * API server checks it anyway (a 422 on a schema violation), and every object Shipgate builds is
     * validated against the Kubernetes schemas in its tests.
     */
    async apply(obj, signal) {
        const ref = `${String(obj.kind ?? 'object').toLowerCase()}/${obj.metadata?.name ?? ''}`;
        await this.run(['apply', '--validate=false', '-f', '-'], { verb: 'apply', ref, stdin: JSON.stringify(obj), signal });
    }
    /** Patches the object and returns it as the API server stored it (`-o json`). */
    async patch(ref, type, patch, signal) {
        const out = await this.run(['patch', ref, `--type=${type}`, '-p', JSON.stringify(patch), '-o', 'json'], { verb: 'patch', ref, signal });
        return parseSingle(out);
    }
    /** `scale --replicas=N`, with `--current-replicas` as a precondition when given (a concurrent change fails it). */
    async scale(ref, replicas, currentReplicas, signal) {
        const args = ['scale', ref];
        if (currentReplicas !== undefined)
            args.push(`--current-replicas=${currentReplicas}`);
        args.push(`--replicas=${replicas}`);
        await this.run(args, { verb: 'scale', ref, signal });
    }
    /** Deletes the object; one that is already gone is not an error (`--ignore-not-found`). */
    async delete(ref, signal) {
        await this.run(['delete', ref, '--ignore-not-found'], { verb: 'delete', ref, signal });
    }
    /**
     * Waits until the Deployment's rollout is complete (`rollout status --timeout`); a rollout that
     * does not finish in time is one sentence: "deployment/web-canary in namespace prod did not
     * become ready within 5m: …".
     */
    async rolloutStatus(ref, timeoutMs, signal) {
        const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
        try {
            await this.run(['rollout', 'status', ref, `--timeout=${seconds}s`], { verb: 'roll out', ref, timeoutMs: timeoutMs + ROLLOUT_GRACE_MS, signal });
        }
        catch (err) {
            if (!(err instanceof KubectlError))
                throw err;
            if (err.timedOut || /timed out|exceeded its progress deadline/i.test(err.reason)) {
                throw new KubectlError(`${ref}${this.where} did not become ready within ${(0,duration/* formatDuration */.a)(seconds * 1000, 'input')} (kubectl rollout status): ${err.reason || 'kubectl was stopped'}.`, err.verb, err.ref, err.reason, err.exitCode, true);
            }
            throw err;
        }
    }
    /** Runs `kubectl <global flags> <args>` and returns its stdout; throws a KubectlError on any failure. */
    run(args, options) {
        const argv = [...this.globalArgs(), ...args];
        const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const what = `${options.ref}${this.where}`;
        const fail = (reason, exitCode, timedOut, detail) => new KubectlError(`kubectl could not ${options.verb} ${what}: ${detail ?? (reason || `it exited with code ${exitCode}`)}.`, options.verb, options.ref, reason, exitCode, timedOut);
        this.options.logger.debug((0,util_escape/* escapeLogText */.dD)(`kubectl ${argv.map(quoteForLog).join(' ')}`, 1000));
        return new Promise((resolve, reject) => {
            if (options.signal?.aborted) {
                reject(fail('', null, false, 'the job was cancelled'));
                return;
            }
            const child = (0,external_node_child_process_.spawn)(this.binary, argv, {
                env: (0,env/* childEnv */.g)(this.options.env, { kind: 'step' }),
                stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
                shell: false,
                windowsHide: true
            });
            const out = [];
            let outBytes = 0;
            let err = '';
            let timedOut = false;
            let aborted = false;
            let tooLong = false;
            let killTimer;
            const stop = () => {
                if (killTimer)
                    return;
                child.kill('SIGTERM');
                killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
            };
            const timer = setTimeout(() => {
                timedOut = true;
                stop();
            }, timeoutMs);
            const onAbort = () => {
                aborted = true;
                stop();
            };
            options.signal?.addEventListener('abort', onAbort, { once: true });
            child.stdout?.on('data', (chunk) => {
                outBytes += chunk.length;
                if (outBytes > MAX_STDOUT) {
                    tooLong = true;
                    stop();
                }
                else
                    out.push(chunk);
            });
            child.stderr?.on('data', (chunk) => {
                if (err.length < MAX_STDERR)
                    err += chunk.toString('utf8');
            });
            if (options.stdin !== undefined && child.stdin) {
                // kubectl may exit before reading stdin (a bad flag): that EPIPE is not the error to report.
                child.stdin.on('error', () => undefined);
                child.stdin.end(options.stdin);
            }
            const finish = () => {
                clearTimeout(timer);
                if (killTimer)
                    clearTimeout(killTimer);
                options.signal?.removeEventListener('abort', onAbort);
            };
            child.on('error', (e) => {
                finish();
                const detail = e.code === 'ENOENT'
                    ? `${JSON.stringify(this.binary)} was not found (install kubectl on the runner or put it on PATH)`
                    : `${JSON.stringify(this.binary)} could not be started (${e.code ?? e.message})`;
                reject(fail('', null, false, detail));
            });
            child.on('close', (code, signal) => {
                finish();
                const reason = firstErrorLine(err);
                if (timedOut)
                    reject(fail(reason, code, true, `no answer within ${(0,duration/* formatDuration */.a)(timeoutMs, 'input')}, kubectl was stopped${reason ? ` (${reason})` : ''}`));
                else if (aborted)
                    reject(fail(reason, code, false, 'the job was cancelled'));
                else if (tooLong)
                    reject(fail(reason, code, false, `its output passed ${MAX_STDOUT} bytes`));
                else if (code === 0)
                    resolve(Buffer.concat(out).toString('utf8'));
                else
                    reject(fail(reason, code, false, code === null ? `kubectl was killed by ${signal ?? 'a signal'}${reason ? ` (${reason})` : ''}` : undefined));
            });
        });
    }
}
/** `get -o json` of one name: the object; nothing (with --ignore-not-found) or an empty List: null. */
function parseSingle(stdout) {
    const text = stdout.trim();
    if (!text)
        return null;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new Error(`kubectl printed something other than JSON: ${(0,util_escape/* escapeLogText */.dD)(text, 200)}`);
    }
    if (typeof data !== 'object' || data === null)
        throw new Error(`kubectl printed JSON that is not an object: ${(0,util_escape/* escapeLogText */.dD)(text, 200)}`);
    const list = data;
    if (typeof list.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items)) {
        if (list.items.length === 0)
            return null;
        return list.items[0];
    }
    return data;
}
/**
 * The line of kubectl's stderr that says what went wrong: `error: …`, `Error from server (…): …`,
 * `The connection to the server … was refused`; client-go's log lines (`E0102 03:04:05.678 …`)
 * come before it and are skipped. Escaped: it may quote values from the cluster.
 */
function firstErrorLine(stderr) {
    const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const klog = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}/;
    const line = lines.find((l) => /^(error|Error from server|The connection to the server|Unable to connect|the server |The request is invalid|The \w+ ".*" is invalid)/i.test(l)) ??
        lines.find((l) => !klog.test(l)) ??
        lines[0] ??
        '';
    return (0,util_escape/* escapeLogText */.dD)(line.replace(/\.$/, ''), 300);
}
function quoteForLog(arg) {
    return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.length > 200 ? `${arg.slice(0, 200)}…` : arg}'`;
}

;// CONCATENATED MODULE: ./shared/targets/kubernetes/objects.ts

/** On the canary's metadata, selector and pod template: tells its pods apart and finds it again from a fresh runner. */
const TRACK_LABEL = 'shipgate.dev/track';
const CANARY_TRACK = 'canary';
/** The release (version) a Deployment runs, set on the canary and, once promoted, on the stable Deployment. */
const RELEASE_ANNOTATION = 'shipgate.dev/release';
const DEPLOYMENT_ID_ANNOTATION = 'shipgate.dev/deployment-id';
/** The release's artifact digest, when it has one. */
const DIGEST_ANNOTATION = 'shipgate.dev/digest';
/** The image the release annotation belongs to: when someone changes the image outside Shipgate, the annotation is stale and not believed. */
const IMAGE_ANNOTATION = 'shipgate.dev/image';
/** On the canary: the stable Deployment's replicas when the canary was created (the replicas router's total). */
const STABLE_REPLICAS_ANNOTATION = 'shipgate.dev/stable-replicas';
/** On the stable Deployment while a promotion runs: what it ran before, so a failed promotion can be undone. */
const PREVIOUS_IMAGE_ANNOTATION = 'shipgate.dev/previous-image';
const PREVIOUS_RELEASE_ANNOTATION = 'shipgate.dev/previous-release';
const NGINX_CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
const NGINX_CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';
function canaryName(name) {
    return `${name}-canary`;
}
/** Server-set fields and client bookkeeping that must not be copied into a new object. */
const SERVER_METADATA = [
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'managedFields',
    'generation',
    'selfLink',
    'ownerReferences',
    'deletionTimestamp',
    'finalizers'
];
/**
 * Annotations and labels of the stable object that would misdescribe a copy: kubectl's and the
 * Deployment controller's bookkeeping, Helm's ownership, Argo CD's tracking (Argo CD would prune a
 * copy carrying them), and Shipgate's own (set afresh).
 */
const NOT_COPIED_ANNOTATIONS = /^(kubectl\.kubernetes\.io\/last-applied-configuration|deployment\.kubernetes\.io\/|meta\.helm\.sh\/|argocd\.argoproj\.io\/|shipgate\.dev\/)/;
const NOT_COPIED_LABELS = /^(app\.kubernetes\.io\/instance$|argocd\.argoproj\.io\/)/;
function copyMeta(from, name) {
    const labels = Object.fromEntries(Object.entries(from?.labels ?? {}).filter(([k]) => !NOT_COPIED_LABELS.test(k)));
    const annotations = Object.fromEntries(Object.entries(from?.annotations ?? {}).filter(([k]) => !NOT_COPIED_ANNOTATIONS.test(k)));
    const meta = { name, labels, annotations };
    if (from?.namespace)
        meta.namespace = from.namespace;
    return meta;
}
/** An image reference with nothing a shell, YAML or a flag parser would read specially (no whitespace, quotes, `;`, `$`, …). */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/;
/** A Docker tag. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Returns the image when it is a plain image reference; else throws one sentence naming where it came from. */
function checkImage(image, source) {
    if (!IMAGE_REF.test(image) || image.includes('//') || image.endsWith(':') || image.endsWith('/')) {
        throw new Error(`The image ${JSON.stringify((0,util_escape/* escapeLogText */.dD)(image, 200))} (${source}) is not an image reference: use registry/name:tag or name@sha256:digest, with letters, digits and . _ / : @ - only.`);
    }
    return image;
}
/** The tag of an image reference (`ghcr.io/acme/web:1.2` → `1.2`), or null when it has none. */
function imageTag(image) {
    const noDigest = image.split('@')[0];
    const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
    const colon = last.indexOf(':');
    return colon < 0 ? null : last.slice(colon + 1) || null;
}
/** The image with its tag (and digest) replaced: `localhost:5000/web:1.0@sha256:…` → `localhost:5000/web:<tag>`. */
function withTag(image, tag) {
    const noDigest = image.split('@')[0];
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.indexOf(':', slash + 1);
    return `${colon < 0 ? noDigest : noDigest.slice(0, colon)}:${tag}`;
}
/**
 * The canary's image: the `image` input (`{{version}}` replaced by the version), else the release's
 * own image, else the stable container's image with the version as its tag. Always checked.
 */
function resolveImage(input, release, stableImage) {
    if (input)
        return checkImage(input.split('{{version}}').join(release.version), 'the image input');
    if (release.image)
        return checkImage(release.image, `the image of release ${(0,util_escape/* escapeLogText */.dD)(release.version, 100)}`);
    if (!stableImage)
        throw new Error('The stable container has no image to take the repository from: set the image input.');
    if (!IMAGE_TAG.test(release.version)) {
        throw new Error(`The release version ${JSON.stringify((0,util_escape/* escapeLogText */.dD)(release.version, 100))} cannot be an image tag (letters, digits and _ . - only, at most 128): set the image input, e.g. ghcr.io/acme/web:{{version}}.`);
    }
    return checkImage(withTag(stableImage, release.version), "the stable container's image with the release version as its tag");
}
/**
 * The container the image is set on: the named one, or the pod's only container. `subject` names
 * the Deployment in the sentence (`deployment/web in namespace prod`).
 */
function findContainer(deployment, container, subject) {
    const containers = deployment.spec?.template?.spec?.containers ?? [];
    if (container) {
        const found = containers.find((c) => c.name === container);
        if (!found) {
            throw new Error(`${subject} has no container ${JSON.stringify(container)} (its containers: ${containers.map((c) => (0,util_escape/* escapeLogText */.dD)(c.name, 63)).join(', ') || 'none'}): set the container input to one of them.`);
        }
        return found;
    }
    if (containers.length !== 1) {
        throw new Error(`${subject} has ${containers.length} containers (${containers.map((c) => (0,util_escape/* escapeLogText */.dD)(c.name, 63)).join(', ') || 'none'}): set the container input to the one whose image Shipgate sets.`);
    }
    return containers[0];
}
/**
 * The canary Deployment: a copy of the stable one under another name, with the image set on the
 * container and `shipgate.dev/track: canary` on its metadata, selector and pod template (so its
 * pods are its own, and a canary-service can select them). Server fields (status, resourceVersion,
 * uid, creationTimestamp, managedFields, …) are dropped, and `paused` with them.
 */
function buildCanaryDeployment(stable, o) {
    const spec = structuredClone(stable.spec ?? {});
    delete spec.paused;
    spec.replicas = o.replicas;
    spec.selector = { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, [TRACK_LABEL]: CANARY_TRACK } };
    const template = spec.template ?? {};
    const templateMeta = { ...template.metadata, labels: { ...template.metadata?.labels, [TRACK_LABEL]: CANARY_TRACK } };
    for (const key of SERVER_METADATA)
        delete templateMeta[key];
    spec.template = { ...template, metadata: templateMeta };
    const container = spec.template.spec?.containers?.find((c) => c.name === o.container);
    if (!container)
        throw new Error(`The stable Deployment has no container ${JSON.stringify(o.container)}.`);
    container.image = o.image;
    const metadata = copyMeta(stable.metadata, o.name);
    metadata.labels = { ...metadata.labels, [TRACK_LABEL]: CANARY_TRACK };
    metadata.annotations = {
        ...metadata.annotations,
        [RELEASE_ANNOTATION]: o.release.version,
        [DEPLOYMENT_ID_ANNOTATION]: o.deploymentId,
        [IMAGE_ANNOTATION]: o.image,
        [STABLE_REPLICAS_ANNOTATION]: String(o.stableReplicas),
        ...(o.release.digest ? { [DIGEST_ANNOTATION]: o.release.digest } : {})
    };
    return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}
function isShipgateCanary(d) {
    return d.metadata?.labels?.[TRACK_LABEL] === CANARY_TRACK;
}
/**
 * Strategic merge patch of the stable Deployment for a promotion (containers merge by name): the
 * image on the container, the release annotations, and what ran before.
 */
function promotionPatch(o) {
    return {
        metadata: {
            annotations: {
                [RELEASE_ANNOTATION]: o.release.version,
                [DEPLOYMENT_ID_ANNOTATION]: o.deploymentId,
                [IMAGE_ANNOTATION]: o.image,
                [PREVIOUS_IMAGE_ANNOTATION]: o.previousImage,
                // null deletes the key in a merge patch.
                [DIGEST_ANNOTATION]: o.release.digest ?? null,
                [PREVIOUS_RELEASE_ANNOTATION]: o.previousRelease
            }
        },
        spec: {
            ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
            template: { spec: { containers: [{ name: o.container, image: o.image }] } }
        }
    };
}
/** Strategic merge patch undoing a promotion that did not finish: the previous image and release back. */
function restorePatch(container, previousImage, previousRelease) {
    return {
        metadata: {
            annotations: {
                [RELEASE_ANNOTATION]: previousRelease,
                [IMAGE_ANNOTATION]: previousImage,
                [DEPLOYMENT_ID_ANNOTATION]: null,
                [DIGEST_ANNOTATION]: null,
                [PREVIOUS_IMAGE_ANNOTATION]: null,
                [PREVIOUS_RELEASE_ANNOTATION]: null
            }
        },
        spec: { template: { spec: { containers: [{ name: container, image: previousImage }] } } }
    };
}
/**
 * The release a Deployment runs, read back from the cluster: the release annotation while it
 * belongs to the image the container runs, else the image's tag (else the image itself).
 */
function releaseOf(d, container) {
    const image = container?.image;
    const ann = d.metadata?.annotations ?? {};
    const release = ann[RELEASE_ANNOTATION];
    if (release && (!image || !ann[IMAGE_ANNOTATION] || ann[IMAGE_ANNOTATION] === image)) {
        return { version: release, ...(ann[DIGEST_ANNOTATION] ? { digest: ann[DIGEST_ANNOTATION] } : {}) };
    }
    if (!image)
        return null;
    return { version: imageTag(image) ?? image };
}
function isServiceRef(ref, name, namespace) {
    return (ref.name === name &&
        (ref.kind ?? 'Service') === 'Service' &&
        (ref.group ?? '') === '' &&
        (ref.namespace === undefined || namespace === undefined || ref.namespace === namespace));
}
/**
 * The backendRefs of `service` and `canaryService` in the route's rules. Every rule naming one
 * must name the other (else a weight could send a share to nothing or skip one); at least one rule
 * must name both. `subject` names the route in sentences.
 */
function routeBackends(route, service, canaryService, subject) {
    const found = [];
    const rules = route.spec?.rules ?? [];
    const ns = route.metadata?.namespace;
    rules.forEach((rule, i) => {
        const inRule = [];
        (rule.backendRefs ?? []).forEach((ref, j) => {
            const side = isServiceRef(ref, service, ns) ? 'stable' : isServiceRef(ref, canaryService, ns) ? 'canary' : null;
            if (!side)
                return;
            if (inRule.some((b) => b.side === side)) {
                throw new Error(`${subject} names Service ${(0,util_escape/* escapeLogText */.dD)(ref.name, 253)} twice in rule ${i + 1}: keep one backendRef per Service so its weight is its share.`);
            }
            inRule.push({ rule: i, ref: j, side, name: ref.name, weight: ref.weight });
        });
        if (inRule.length === 1) {
            const [has, lacks] = inRule[0].side === 'stable' ? [service, canaryService] : [canaryService, service];
            throw new Error(`${subject} names Service ${(0,util_escape/* escapeLogText */.dD)(has, 253)} but not ${(0,util_escape/* escapeLogText */.dD)(lacks, 253)} in rule ${i + 1}: add a backendRef to ${(0,util_escape/* escapeLogText */.dD)(lacks, 253)} (weight 0) beside it.`);
        }
        found.push(...inRule);
    });
    if (found.length === 0) {
        throw new Error(`${subject} has no rule whose backendRefs name both Service ${(0,util_escape/* escapeLogText */.dD)(service, 253)} (service) and Service ${(0,util_escape/* escapeLogText */.dD)(canaryService, 253)} (canary-service).`);
    }
    return found;
}
/**
 * The JSON patch that gives the canary `weight` % in every rule naming both Services: first a
 * `test` of each backendRef's name and of its current weight (so a concurrent edit makes the API
 * server refuse the whole patch), then the new weights. Empty when the weights are already so.
 */
function gatewayWeightPatch(route, o) {
    const backends = routeBackends(route, o.service, o.canaryService, o.subject);
    const want = (b) => (b.side === 'canary' ? o.weight : 100 - o.weight);
    if (backends.every((b) => b.weight === want(b)))
        return [];
    const tests = [];
    const sets = [];
    for (const b of backends) {
        const path = `/spec/rules/${b.rule}/backendRefs/${b.ref}`;
        tests.push({ op: 'test', path: `${path}/name`, value: b.name });
        if (b.weight !== undefined)
            tests.push({ op: 'test', path: `${path}/weight`, value: b.weight });
        // `add` on a member that exists replaces it (RFC 6902 4.1): it also sets a weight left unset.
        if (want(b) !== b.weight)
            sets.push({ op: b.weight === undefined ? 'add' : 'replace', path: `${path}/weight`, value: want(b) });
    }
    return [...tests, ...sets];
}
/** The canary's share in percent from the first rule naming both Services; null when the route has none. */
function routeWeight(route, service, canaryService) {
    let backends;
    try {
        backends = routeBackends(route, service, canaryService, 'the route');
    }
    catch {
        return null;
    }
    const first = backends[0].rule;
    const weightOf = (side) => backends.find((b) => b.rule === first && b.side === side)?.weight ?? 1;
    const canary = weightOf('canary');
    const total = canary + weightOf('stable');
    return total === 0 ? 0 : Math.round((canary * 100) / total);
}
/**
 * The ingress-nginx canary Ingress: a copy of the stable Ingress named `name`, each backend that
 * points at `service` (every Service backend when `service` is not given) pointed at
 * `canaryService`, with `nginx.ingress.kubernetes.io/canary: "true"` and `canary-weight`.
 */
function buildCanaryIngress(stable, o) {
    const spec = structuredClone(stable.spec ?? {});
    let moved = 0;
    const move = (backend) => {
        if (!backend?.service)
            return;
        if (o.service && backend.service.name !== o.service)
            return;
        backend.service.name = o.canaryService;
        moved++;
    };
    move(spec.defaultBackend);
    for (const rule of spec.rules ?? [])
        for (const p of rule.http?.paths ?? [])
            move(p.backend);
    if (moved === 0) {
        throw new Error(o.service
            ? `${o.subject} has no backend pointing at Service ${(0,util_escape/* escapeLogText */.dD)(o.service, 253)} (service): name the Service its rules send traffic to.`
            : `${o.subject} has no Service backend to point at the canary-service.`);
    }
    const metadata = copyMeta(stable.metadata, o.name);
    for (const key of Object.keys(metadata.annotations ?? {}))
        if (key.startsWith('nginx.ingress.kubernetes.io/canary'))
            delete metadata.annotations[key];
    metadata.labels = { ...metadata.labels, [TRACK_LABEL]: CANARY_TRACK };
    metadata.annotations = { ...metadata.annotations, [NGINX_CANARY_ANNOTATION]: 'true', [NGINX_CANARY_WEIGHT_ANNOTATION]: String(o.weight) };
    return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec };
}
/** Merge patch setting the canary Ingress's weight. */
function ingressWeightPatch(weight) {
    return { metadata: { annotations: { [NGINX_CANARY_WEIGHT_ANNOTATION]: String(weight) } } };
}
/** The canary Ingress's weight (0 when it is not marked as a canary or has no weight). */
function ingressWeight(ingress) {
    const ann = ingress.metadata?.annotations ?? {};
    if (ann[NGINX_CANARY_ANNOTATION] !== 'true')
        return 0;
    const w = Number(ann[NGINX_CANARY_WEIGHT_ANNOTATION] ?? '0');
    return Number.isFinite(w) ? Math.max(0, Math.min(100, Math.round(w))) : 0;
}

;// CONCATENATED MODULE: ./shared/routers/kubernetes/replicas.ts

/**
 * The weight as replica counts out of the stable Deployment's replicas at the start (`total`), as
 * in Argo Rollouts' basic canary: 0 → all on stable; 100 → all on the canary; in between the canary
 * gets round(total·w/100) pods but at least 1, and stable keeps the rest but at least 1 (so the
 * two may add up to total + 1 for a small total).
 */
function replicaSplit(total, weight) {
    if (weight <= 0)
        return { canary: 0, stable: total };
    if (weight >= 100)
        return { canary: total, stable: 0 };
    const canary = Math.max(1, Math.round((total * weight) / 100));
    return { canary, stable: Math.max(1, total - canary) };
}
/** The canary's share of the pods in percent (what a Service selecting both sends it, pod for pod). */
function replicaShare(split) {
    const total = split.canary + split.stable;
    return total === 0 ? 0 : Math.round((split.canary * 100) / total);
}
/**
 * `traffic: replicas`: one Service selects the pods of both Deployments, and the weight is the
 * share of pods. Scaling up comes first and is waited for (`rollout status`), so capacity never
 * dips below what the step needs; each scale carries `--current-replicas` so a concurrent change
 * (an HPA, a person) fails the step instead of being overwritten. The total comes from the
 * canary's `shipgate.dev/stable-replicas` annotation, so a fresh runner splits the same way.
 */
class ReplicasRouter {
    options;
    name = 'replicas';
    constructor(options) {
        this.options = options;
    }
    get stableRef() {
        return `deployment/${this.options.deployment}`;
    }
    get canaryRef() {
        return `deployment/${canaryName(this.options.deployment)}`;
    }
    async setWeight(percent, context) {
        checkPercent(percent);
        const k = this.options.kubectl;
        const signal = context.signal;
        const canary = await k.find(this.canaryRef, signal);
        if (!canary || !isShipgateCanary(canary)) {
            throw new Error(`replicas: ${this.canaryRef}${k.where} ${canary ? 'is not a Shipgate canary' : 'does not exist'}, so the canary cannot be given ${percent} %.`);
        }
        const stable = await k.get(this.stableRef, signal);
        const total = replicaTotal(canary, stable);
        const now = { canary: canary.spec?.replicas ?? 1, stable: stable.spec?.replicas ?? 1 };
        const next = replicaSplit(total, percent);
        const timeout = this.options.rolloutTimeoutMs;
        // Up before down: the side that grows is ready before the other shrinks.
        if (next.canary > now.canary) {
            await k.scale(this.canaryRef, next.canary, now.canary, signal);
            await k.rolloutStatus(this.canaryRef, timeout, signal);
        }
        if (next.stable !== now.stable) {
            await k.scale(this.stableRef, next.stable, now.stable, signal);
            if (next.stable > now.stable)
                await k.rolloutStatus(this.stableRef, timeout, signal);
        }
        if (next.canary < now.canary)
            await k.scale(this.canaryRef, next.canary, now.canary, signal);
        this.options.logger.info(`replicas: canary ${percent} % asked — ${next.canary} canary and ${next.stable} stable pods of ${total} (${replicaShare(next)} % of the pods)${next.canary === now.canary && next.stable === now.stable ? ', already so' : ''}.`);
    }
    /**
     * The canary to 0 pods first (that alone takes it out of the Service), then stable back to its
     * total — except from 100 %, where stable has no pods: then stable is scaled up and waited for
     * first. Every step is tried even when one fails; ignores cancellation; nothing to do without a canary.
     */
    async reset(_context) {
        const k = this.options.kubectl;
        const canary = await k.find(this.canaryRef);
        if (!canary) {
            this.options.logger.debug(`replicas: no ${this.canaryRef}${k.where}; nothing to scale.`);
            return;
        }
        if (!isShipgateCanary(canary))
            throw new Error(`replicas: ${this.canaryRef}${k.where} is not a Shipgate canary (no label shipgate.dev/track=canary): it was left alone.`);
        const stable = await k.get(this.stableRef);
        const total = replicaTotal(canary, stable);
        const errors = [];
        const canaryDown = async () => {
            if ((canary.spec?.replicas ?? 1) !== 0)
                await k.scale(this.canaryRef, 0).catch((e) => void errors.push(e));
        };
        const stableUp = async () => {
            if ((stable.spec?.replicas ?? 1) !== total)
                await k.scale(this.stableRef, total).catch((e) => void errors.push(e));
        };
        if ((stable.spec?.replicas ?? 1) === 0 && (canary.spec?.replicas ?? 1) > 0) {
            // At 100 % stable has no pods: taking the canary's first would leave the Service with none.
            await stableUp();
            if (!errors.length)
                await k.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs).catch((e) => void errors.push(e));
            await canaryDown();
        }
        else {
            await canaryDown();
            await stableUp();
        }
        if (errors.length)
            throw errors[0];
        this.options.logger.info(`replicas: canary 0 % — 0 canary and ${total} stable pods.`);
    }
    async currentWeight() {
        const k = this.options.kubectl;
        try {
            const canary = await k.find(this.canaryRef);
            if (!canary || !isShipgateCanary(canary))
                return 0;
            const stable = await k.get(this.stableRef);
            return replicaShare({ canary: canary.spec?.replicas ?? 1, stable: stable.spec?.replicas ?? 1 });
        }
        catch (err) {
            this.options.logger.debug(`replicas: cannot read the replica counts: ${err instanceof Error ? err.message : String(err)}`);
            return null;
        }
    }
}
/** The total from the canary's annotation; without one (an older canary), the pods of both now. */
function replicaTotal(canary, stable) {
    const n = Number(canary.metadata?.annotations?.[STABLE_REPLICAS_ANNOTATION]);
    if (Number.isInteger(n) && n > 0)
        return n;
    return Math.max(1, (stable.spec?.replicas ?? 1) + (canary.spec?.replicas ?? 0));
}
function checkPercent(percent) {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100)
        throw new Error(`The canary weight ${percent} is not a whole percentage from 0 to 100.`);
}

;// CONCATENATED MODULE: ./shared/routers/kubernetes/gateway-api.ts




/**
 * `traffic: gateway-api`: the weights of the HTTPRoute's backendRefs to `service` (100 − w) and
 * `canary-service` (w), in every rule naming both, set by one JSON patch whose `test` operations
 * check each backendRef's name and current weight: a concurrent edit makes the API server refuse
 * the whole patch. Then the route is read again and the patch built anew, once; a second refusal
 * fails the step. The patched route kubectl returns is checked to carry the weights asked for.
 */
class GatewayApiRouter {
    options;
    name = 'gateway-api';
    constructor(options) {
        this.options = options;
        if (options.service === options.canaryService) {
            throw new Error(`canary-service ${JSON.stringify(options.canaryService)} is also the service: name two different Services.`);
        }
    }
    get ref() {
        return `httproute/${this.options.httproute}`;
    }
    get subject() {
        return `${this.ref}${this.options.kubectl.where}`;
    }
    async preflight() {
        const route = await this.options.kubectl.get(this.ref);
        routeBackends(route, this.options.service, this.options.canaryService, this.subject);
    }
    async setWeight(percent, context) {
        checkPercent(percent);
        await this.apply(percent, context.signal);
    }
    /** Weight 0 (stable 100); ignores cancellation; safe twice (a route already so is not patched). */
    async reset(_context) {
        await this.apply(0, undefined);
    }
    async currentWeight() {
        try {
            return routeWeight(await this.options.kubectl.get(this.ref), this.options.service, this.options.canaryService);
        }
        catch (err) {
            this.options.logger.debug(`gateway-api: cannot read ${this.subject}: ${err instanceof Error ? err.message : String(err)}`);
            return null;
        }
    }
    async apply(percent, signal) {
        const k = this.options.kubectl;
        const { service, canaryService } = this.options;
        for (let attempt = 1;; attempt++) {
            const route = await k.get(this.ref, signal);
            const patch = gatewayWeightPatch(route, { service, canaryService, weight: percent, subject: this.subject });
            if (patch.length === 0) {
                this.options.logger.info(`gateway-api: canary ${percent} % — ${this.subject} already sends ${100 - percent} to ${service} and ${percent} to ${canaryService}.`);
                return;
            }
            let patched;
            try {
                patched = await k.patch(this.ref, 'json', patch, signal);
            }
            catch (err) {
                if (!(err instanceof KubectlError) || !err.conflict)
                    throw err;
                if (attempt >= 2) {
                    throw new Error(`gateway-api: ${this.subject} changed while its weights were being set to canary ${percent} %, again after it was read anew, so the API server refused the guarded patch twice: ${err.reason}.`, { cause: err });
                }
                this.options.logger.warning(`gateway-api: ${this.subject} changed since it was read (${err.reason}); reading it again and retrying once.`);
                continue;
            }
            const now = patched ? routeWeight(patched, service, canaryService) : null;
            if (patched && now !== percent) {
                throw new Error(`gateway-api: ${this.subject} was patched to canary ${percent} %, but the API server returned it at ${now === null ? 'no readable weight' : `${now} %`}.`);
            }
            const rules = new Set(patch.filter((op) => op.op !== 'test').map((op) => op.path.split('/')[3])).size;
            this.options.logger.info(`gateway-api: canary ${percent} % — ${this.subject} weights ${(0,util_escape/* escapeLogText */.dD)(service, 253)} ${100 - percent} / ${(0,util_escape/* escapeLogText */.dD)(canaryService, 253)} ${percent} in ${rules} rule${rules === 1 ? '' : 's'}, guarded by test operations.`);
            return;
        }
    }
}

;// CONCATENATED MODULE: ./shared/routers/kubernetes/ingress-nginx.ts



/**
 * `traffic: ingress-nginx`: a `<ingress>-canary` Ingress, copied from the stable one with its
 * backends pointed at `canary-service` and the annotations `nginx.ingress.kubernetes.io/canary:
 * "true"` and `canary-weight: "<w>"` (ingress-nginx's canary by weight). Each step applies the
 * whole copy again (so it follows changes to the stable Ingress). A reset sets the weight to 0,
 * then deletes the copy. The ingress-nginx project has been retired: prefer gateway-api.
 */
class IngressNginxRouter {
    options;
    name = 'ingress-nginx';
    constructor(options) {
        this.options = options;
    }
    get stableRef() {
        return `ingress/${this.options.ingress}`;
    }
    get canaryRef() {
        return `ingress/${canaryName(this.options.ingress)}`;
    }
    where(ref) {
        return `${ref}${this.options.kubectl.where}`;
    }
    async preflight() {
        this.build(await this.options.kubectl.get(this.stableRef), 0);
        await this.ownCanary();
    }
    async setWeight(percent, context) {
        checkPercent(percent);
        const k = this.options.kubectl;
        const stable = await k.get(this.stableRef, context.signal);
        await this.ownCanary(context.signal);
        await k.apply(this.build(stable, percent), context.signal);
        this.options.logger.info(`ingress-nginx: canary ${percent} % — ${this.where(this.canaryRef)} applied with canary-weight "${percent}", sending to ${(0,util_escape/* escapeLogText */.dD)(this.options.canaryService, 253)}.`);
    }
    /**
     * canary-weight "0" first (ingress-nginx applies it without a reload), then the canary Ingress is
     * deleted. When the weight cannot be set the deletion is still tried: once it is gone no request
     * reaches the canary either. Ignores cancellation; safe twice.
     */
    async reset(_context) {
        const k = this.options.kubectl;
        const canary = await this.ownCanary();
        if (!canary) {
            this.options.logger.debug(`ingress-nginx: no ${this.where(this.canaryRef)}; nothing to reset.`);
            return;
        }
        if (ingressWeight(canary) !== 0) {
            try {
                await k.patch(this.canaryRef, 'merge', ingressWeightPatch(0));
            }
            catch (err) {
                this.options.logger.warning(`ingress-nginx: ${err instanceof Error ? err.message : String(err)} Deleting the canary Ingress anyway.`);
            }
        }
        await k.delete(this.canaryRef);
        this.options.logger.info(`ingress-nginx: canary 0 % — ${this.where(this.canaryRef)} set to canary-weight "0" and deleted.`);
    }
    async currentWeight() {
        try {
            const canary = await this.options.kubectl.find(this.canaryRef);
            return canary && isShipgateCanary(canary) ? ingressWeight(canary) : 0;
        }
        catch (err) {
            this.options.logger.debug(`ingress-nginx: cannot read ${this.where(this.canaryRef)}: ${err instanceof Error ? err.message : String(err)}`);
            return null;
        }
    }
    /** The canary Ingress when it exists; throws when an Ingress of that name is not Shipgate's (it is never overwritten or deleted). */
    async ownCanary(signal) {
        const canary = await this.options.kubectl.find(this.canaryRef, signal);
        if (canary && !isShipgateCanary(canary)) {
            throw new Error(`ingress-nginx: ${this.where(this.canaryRef)} exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another ingress.`);
        }
        return canary;
    }
    build(stable, weight) {
        const { service, canaryService } = this.options;
        return buildCanaryIngress(stable, { name: canaryName(this.options.ingress), service, canaryService, weight, subject: this.where(this.stableRef) });
    }
}

;// CONCATENATED MODULE: ./shared/targets/kubernetes/index.ts






/**
 * `target: kubernetes`, driving kubectl with the job's kubeconfig. The workload is two
 * Deployments: the stable one (the user's) and `<deployment>-canary`, a copy with the new image,
 * labelled `shipgate.dev/track: canary` and annotated with the release and deployment id. Traffic
 * is split by the router (`traffic`): replica counts, HTTPRoute weights or an ingress-nginx canary
 * Ingress. Nothing is kept on the runner: status is read back from the cluster, so a fresh runner
 * can promote, abort or retire a canary whose run died. Every kubectl failure fails the target
 * with one sentence naming the object.
 */
class KubernetesTarget {
    options;
    name = 'kubernetes';
    kubectl;
    router;
    traffic;
    constructor(options) {
        this.options = options;
        if (!options.deployment)
            throw new Error('target: kubernetes needs the deployment input (the stable Deployment to copy the canary from).');
        if (canaryName(options.deployment).length > 253)
            throw new Error(`The deployment name is too long for a "-canary" copy (at most 246 characters).`);
        this.traffic = options.traffic ?? 'replicas';
        this.kubectl = new Kubectl({
            kubectl: options.kubectl,
            context: options.context || undefined,
            namespace: options.namespace || undefined,
            env: options.env,
            timeoutMs: options.timeoutMs,
            logger: options.logger
        });
        const { logger } = options;
        const kubectl = this.kubectl;
        if (this.traffic === 'gateway-api') {
            const { httproute, service, canaryService } = options;
            if (!httproute)
                throw new Error('traffic: gateway-api needs the httproute input (the HTTPRoute whose backendRef weights Shipgate sets).');
            if (!service)
                throw new Error("traffic: gateway-api needs the service input (the stable Service named in the HTTPRoute's backendRefs).");
            if (!canaryService)
                throw new Error("traffic: gateway-api needs the canary-service input (the canary Service named in the HTTPRoute's backendRefs).");
            this.router = new GatewayApiRouter({ kubectl, httproute, service, canaryService, logger });
        }
        else if (this.traffic === 'ingress-nginx') {
            const { ingress, service, canaryService } = options;
            if (!ingress)
                throw new Error('traffic: ingress-nginx needs the ingress input (the stable Ingress copied into <ingress>-canary).');
            if (!canaryService)
                throw new Error('traffic: ingress-nginx needs the canary-service input (where the canary Ingress sends requests).');
            this.router = new IngressNginxRouter({ kubectl, ingress, service: service || undefined, canaryService, logger });
        }
        else {
            this.router = new ReplicasRouter({ kubectl, deployment: options.deployment, rolloutTimeoutMs: options.rolloutTimeoutMs, logger });
        }
    }
    get stableRef() {
        return `deployment/${this.options.deployment}`;
    }
    get canaryRef() {
        return `deployment/${canaryName(this.options.deployment)}`;
    }
    subject(ref) {
        return `${ref}${this.kubectl.where}`;
    }
    /** Reads the stable Deployment and its container, and lets the router check its objects. A restore needs only the router. */
    async preflight(intent) {
        if (!intent || !('restore' in intent)) {
            const stable = await this.kubectl.get(this.stableRef);
            findContainer(stable, this.options.container, this.subject(this.stableRef));
            if (this.traffic === 'replicas' && (stable.spec?.replicas ?? 1) < 1) {
                throw new Error(`${this.subject(this.stableRef)} has 0 replicas: traffic: replicas splits the stable Deployment's replicas, so scale it up first.`);
            }
            await this.ownCanary();
        }
        await this.router.preflight?.();
    }
    /**
     * Applies `<deployment>-canary` (a copy of the stable Deployment with the release's image) and
     * waits for its rollout. With traffic: replicas it starts at 0 pods (weight 0: the shared Service
     * must send it nothing) and each setWeight waits for the pods it adds; with the other routers it
     * has the stable Deployment's replicas, ready before any weight reaches it.
     */
    async deployCanary(release, context) {
        const k = this.kubectl;
        const signal = context.signal;
        const stable = await k.get(this.stableRef, signal);
        const container = findContainer(stable, this.options.container, this.subject(this.stableRef));
        const image = resolveImage(this.options.image, release, container.image);
        const existing = await this.ownCanary(signal);
        // A canary left by a run that died keeps the total it split: the stable Deployment may be scaled down by it.
        const left = Number(existing?.metadata?.annotations?.[STABLE_REPLICAS_ANNOTATION]);
        const stableReplicas = Number.isInteger(left) && left > 0 ? left : (stable.spec?.replicas ?? 1);
        if (existing) {
            const ann = existing.metadata?.annotations ?? {};
            this.options.logger.warning(`kubernetes: ${this.subject(this.canaryRef)} is left from deployment ${(0,util_escape/* escapeLogText */.dD)(ann[DEPLOYMENT_ID_ANNOTATION] ?? 'unknown', 100)} (release ${(0,util_escape/* escapeLogText */.dD)(ann[RELEASE_ANNOTATION] ?? 'unknown', 100)}): replacing it.`);
        }
        if (this.traffic === 'replicas' && stableReplicas < 1) {
            throw new Error(`${this.subject(this.stableRef)} has 0 replicas: traffic: replicas splits the stable Deployment's replicas, so scale it up first.`);
        }
        const canary = buildCanaryDeployment(stable, {
            name: canaryName(this.options.deployment),
            container: container.name,
            image,
            release,
            deploymentId: context.deploymentId,
            replicas: this.traffic === 'replicas' ? 0 : stableReplicas,
            stableReplicas
        });
        await k.apply(canary, signal);
        await k.rolloutStatus(this.canaryRef, this.options.rolloutTimeoutMs, signal);
        this.options.logger.info(`kubernetes: ${this.subject(this.canaryRef)} runs ${(0,util_escape/* escapeLogText */.dD)(image, 300)} (release ${(0,util_escape/* escapeLogText */.dD)(release.version, 100)}) with ${canary.spec?.replicas} replicas, rolled out; weight 0 %.`);
    }
    async setWeight(percent, context) {
        checkPercent(percent);
        if (context.signal?.aborted)
            throw new Error(`The canary weight was not changed to ${percent} %: the job was cancelled.`);
        await this.router.setWeight(percent, context);
    }
    /**
     * The stable Deployment gets the canary's image (a strategic merge patch on the container, with
     * the release annotations; with traffic: replicas also its full replica count), its rollout is
     * waited for, the weight goes back to stable (router reset), and the canary is deleted. The
     * patch records what ran before (`shipgate.dev/previous-image`), so a rollback after a promotion
     * that failed half-way puts it back.
     */
    async promote(context) {
        const k = this.kubectl;
        const signal = context.signal;
        const canary = await this.ownCanary(signal);
        const stable = await k.get(this.stableRef, signal);
        const stableContainer = findContainer(stable, this.options.container, this.subject(this.stableRef));
        if (!canary) {
            if (releaseOf(stable, stableContainer)?.version === context.version && stable.metadata?.annotations?.[RELEASE_ANNOTATION] === context.version) {
                // A promotion that got as far as deleting the canary: only the traffic is made sure of.
                await this.router.reset({ ...context, weight: 0, signal: undefined });
                this.options.logger.info(`kubernetes: ${this.subject(this.stableRef)} already runs release ${(0,util_escape/* escapeLogText */.dD)(context.version, 100)}; nothing left to promote.`);
                return;
            }
            throw new Error(`${this.subject(this.canaryRef)} does not exist, so there is no canary to promote to release ${(0,util_escape/* escapeLogText */.dD)(context.version, 100)}.`);
        }
        const canaryContainer = findContainer(canary, stableContainer.name, this.subject(this.canaryRef));
        const release = releaseOf(canary, canaryContainer);
        if (!release || !canaryContainer.image)
            throw new Error(`${this.subject(this.canaryRef)} has no image on container ${stableContainer.name} to promote.`);
        if (release.version !== context.version) {
            throw new Error(`${this.subject(this.canaryRef)} runs release ${(0,util_escape/* escapeLogText */.dD)(release.version, 100)}, not ${(0,util_escape/* escapeLogText */.dD)(context.version, 100)}: another run replaced it, so it is not promoted.`);
        }
        const ann = stable.metadata?.annotations ?? {};
        // Promoting again after a failed attempt: what ran before is what the first attempt recorded.
        const retry = ann[RELEASE_ANNOTATION] === release.version && !!ann[PREVIOUS_IMAGE_ANNOTATION];
        const previousImage = retry ? ann[PREVIOUS_IMAGE_ANNOTATION] : (stableContainer.image ?? '');
        const previousRelease = retry ? (ann[PREVIOUS_RELEASE_ANNOTATION] ?? null) : (releaseOf(stable, stableContainer)?.version ?? null);
        const patch = promotionPatch({
            container: stableContainer.name,
            image: canaryContainer.image,
            release,
            deploymentId: context.deploymentId,
            replicas: this.traffic === 'replicas' ? replicaTotal(canary, stable) : undefined,
            previousImage,
            previousRelease
        });
        await k.patch(this.stableRef, 'strategic', patch, signal);
        this.options.logger.info(`kubernetes: ${this.subject(this.stableRef)} set to ${(0,util_escape/* escapeLogText */.dD)(canaryContainer.image, 300)} (release ${(0,util_escape/* escapeLogText */.dD)(release.version, 100)}); waiting for its rollout.`);
        await k.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs, signal);
        await this.router.reset({ ...context, weight: 0, signal: undefined });
        await k.delete(this.canaryRef);
        this.options.logger.info(`kubernetes: release ${(0,util_escape/* escapeLogText */.dD)(release.version, 100)} promoted; ${this.subject(this.canaryRef)} deleted.`);
    }
    /**
     * Weight 0 first (router reset, then onTrafficRestored), then the canary Deployment is deleted.
     * When the reset fails the canary is kept (deleting it would turn its share of the traffic into
     * errors with gateway-api and ingress-nginx) and the error is thrown. A stable Deployment that a
     * failed promotion of this release already changed is put back to the image it ran before.
     * Ignores cancellation; safe twice.
     */
    async rollback(toRelease, context) {
        const k = this.kubectl;
        const quiet = { ...context, weight: 0, signal: undefined };
        await this.router.reset(quiet);
        context.onTrafficRestored?.();
        const errors = [];
        try {
            const canary = await this.ownCanary();
            if (canary) {
                await k.delete(this.canaryRef);
                this.options.logger.info(`kubernetes: ${this.subject(this.canaryRef)} deleted.`);
            }
        }
        catch (err) {
            errors.push(err);
        }
        try {
            await this.undoPromotion(toRelease, context);
        }
        catch (err) {
            errors.push(err);
        }
        if (errors.length)
            throw errors[0];
    }
    /** Puts back the stable Deployment's previous image when a promotion of this release changed it and did not finish. */
    async undoPromotion(toRelease, context) {
        const stable = await this.kubectl.find(this.stableRef);
        const ann = stable?.metadata?.annotations ?? {};
        const previousImage = ann[PREVIOUS_IMAGE_ANNOTATION];
        if (!stable || ann[RELEASE_ANNOTATION] !== context.version || !previousImage || toRelease?.version === context.version)
            return;
        const container = findContainer(stable, this.options.container, this.subject(this.stableRef));
        const previousRelease = ann[PREVIOUS_RELEASE_ANNOTATION] ?? null;
        await this.kubectl.patch(this.stableRef, 'strategic', restorePatch(container.name, previousImage, previousRelease));
        this.options.logger.info(`kubernetes: ${this.subject(this.stableRef)} was already changed to release ${(0,util_escape/* escapeLogText */.dD)(context.version, 100)} by the promotion; put back to ${(0,util_escape/* escapeLogText */.dD)(previousImage, 300)}.`);
        await this.kubectl.rolloutStatus(this.stableRef, this.options.rolloutTimeoutMs);
    }
    /**
     * Read back from the cluster: stable from the stable Deployment (its release annotation, while
     * it belongs to the image it runs; else the image tag), the canary from `<deployment>-canary`'s
     * labels and annotations (null when there is none, or it is not Shipgate's), the weight from the
     * router.
     */
    async status() {
        const stable = await this.kubectl.find(this.stableRef);
        const info = await this.canaryInfo();
        let weight = 0;
        if (info) {
            const w = await this.router.currentWeight?.();
            if (w === null || w === undefined)
                this.options.logger.debug(`kubernetes: ${this.router.name} could not tell the canary's weight; reporting 0 %.`);
            weight = w ?? 0;
        }
        return { stable: stable ? releaseOf(stable, this.containerOf(stable)) : null, canary: info?.release ?? null, weight };
    }
    /** The canary Deployment as it describes itself, or null when there is none (or it is not Shipgate's). */
    async canaryInfo() {
        const canary = await this.kubectl.find(this.canaryRef);
        if (!canary || !isShipgateCanary(canary))
            return null;
        const container = this.containerOf(canary);
        const ann = canary.metadata?.annotations ?? {};
        const release = releaseOf(canary, container) ?? { version: 'unknown' };
        return {
            release,
            deploymentId: ann[DEPLOYMENT_ID_ANNOTATION] ?? null,
            image: container?.image ?? ann[IMAGE_ANNOTATION] ?? null,
            replicas: canary.spec?.replicas ?? 1
        };
    }
    containerOf(d) {
        try {
            return findContainer(d, this.options.container, this.subject(this.stableRef));
        }
        catch {
            return undefined;
        }
    }
    /** The canary Deployment when it exists; throws when a Deployment of that name is not Shipgate's (it is never replaced or deleted). */
    async ownCanary(signal) {
        const canary = await this.kubectl.find(this.canaryRef, signal);
        if (canary && !isShipgateCanary(canary)) {
            throw new Error(`${this.subject(this.canaryRef)} exists but is not a Shipgate canary (no label shipgate.dev/track=canary): rename it, or choose another deployment.`);
        }
        return canary;
    }
}


/***/ })

};
