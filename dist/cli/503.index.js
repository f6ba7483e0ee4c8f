export const id = 503;
export const ids = [503];
export const modules = {

/***/ 5585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PO: () => (/* binding */ errorStatus),
/* harmony export */   Pm: () => (/* binding */ explainGitHubError),
/* harmony export */   kt: () => (/* binding */ isRateLimitError)
/* harmony export */ });
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4896);

/** Scopes Shipgate only reads. */
const READ_ONLY = new Set(['contents', 'actions']);
function errorStatus(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : undefined;
}
/** True for primary (remaining 0) and secondary ("secondary rate limit") limits, on 403 or 429. */
function isRateLimitError(err) {
    const e = err;
    if (!e || (e.status !== 403 && e.status !== 429))
        return false;
    if (e.response?.headers?.['x-ratelimit-remaining'] === '0')
        return true;
    return /rate limit/i.test(e.message ?? '') || e.status === 429;
}
/** One sentence a workflow author can act on; never includes the token or request headers. */
function explainGitHubError(err, what, scope) {
    const status = errorStatus(err);
    const raw = err instanceof Error ? err.message : String(err);
    const detail = (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLogText */ .dD)(raw, 200);
    if (status === 401) {
        return `GitHub refused to ${what} (401): the token is invalid or expired; pass a valid \`github-token\`.`;
    }
    if (status !== undefined && isRateLimitError(err)) {
        return `GitHub refused to ${what} (${status}): the API rate limit was exceeded and did not clear in time (${detail}).`;
    }
    if (status === 403) {
        return `GitHub refused to ${what} (403): the workflow needs \`permissions: ${scope}: ${READ_ONLY.has(scope) ? 'read' : 'write'}\`.`;
    }
    if (status === 404) {
        return `GitHub could not ${what} (404): the repository or resource was not found, or the token cannot see it (the workflow needs \`permissions: ${scope}: ${READ_ONLY.has(scope) ? 'read' : 'write'}\`).`;
    }
    if (status === 409 || status === 422) {
        return `GitHub rejected the request to ${what} (${status}): ${detail}.`;
    }
    if (status !== undefined && status >= 500) {
        return `GitHub is unavailable: could not ${what} after retries (${status}: ${detail}).`;
    }
    return `Could not ${what}: ${detail}.`;
}


/***/ }),

/***/ 7611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ES: () => (/* binding */ buildLedger),
  UA: () => (/* binding */ buildNotifiers),
  k0: () => (/* binding */ buildTarget),
  gz: () => (/* binding */ gitHubAccess),
  JT: () => (/* binding */ resolveStateDir),
  bB: () => (/* binding */ signalFactory)
});

// UNUSED EXPORTS: buildRouter

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./shared/github/context.ts

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
function readEvent(path) {
    if (!path)
        return null;
    try {
        const parsed = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return parsed && typeof parsed === 'object' ? parsed : null;
    }
    catch {
        return null;
    }
}
function prHeadSha(event) {
    const pr = event?.pull_request;
    const sha = pr?.head?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
}
/** A whole number of ms within [min, max] from the environment, else undefined (ignored). */
function msFromEnv(value, min, max) {
    if (!value || !/^\d+$/.test(value.trim()))
        return undefined;
    const n = Number(value.trim());
    return n >= min && n <= max ? n : undefined;
}
/** null when there is no token or the runner did not say which API and repository to talk to. */
function readGitHubContext(env, token) {
    const apiUrl = env.GITHUB_API_URL?.replace(/\/+$/, '');
    const repository = env.GITHUB_REPOSITORY;
    if (!token || !apiUrl || !repository)
        return null;
    const [owner, repo, ...rest] = repository.split('/');
    if (!owner || !repo || rest.length)
        return null;
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const graphqlUrl = (env.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`).replace(/\/+$/, '');
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const sha = env.GITHUB_SHA ?? '';
    const statusSha = (PR_EVENTS.has(eventName) ? prHeadSha(readEvent(env.GITHUB_EVENT_PATH)) : undefined) ?? sha;
    const runId = env.GITHUB_RUN_ID || undefined;
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
    const runUrl = runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${attempt > 1 ? `/attempts/${attempt}` : ''}` : undefined;
    return {
        apiUrl,
        serverUrl,
        graphqlUrl,
        owner,
        repo,
        token,
        sha,
        statusSha,
        ref: env.GITHUB_REF ?? '',
        runId,
        runUrl,
        eventName,
        actor: env.GITHUB_ACTOR || undefined,
        requestTimeoutMs: msFromEnv(env.SHIPGATE_GITHUB_TIMEOUT, 100, 10 * 60_000),
        retryDelayMs: msFromEnv(env.SHIPGATE_GITHUB_RETRY_DELAY, 0, 60_000)
    };
}

// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(9988);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/github/errors.ts
var errors = __webpack_require__(5585);
;// CONCATENATED MODULE: ./shared/github/client.ts





const ShipgateOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
// 409 and 429 are absent from plugin-retry's defaults: a 409 will not heal by repeating the
// same request, and 429 is a rate limit handled below with its retry-after.
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/** How long GitHub asked us to wait, in ms. */
function rateLimitWaitMs(err, now = Date.now()) {
    const headers = err.response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined)
        return retryAfter * 1000;
    if (/secondary rate limit/i.test(err.message))
        return 60_000;
    if (headers['x-ratelimit-remaining'] === '0') {
        const reset = Number(headers['x-ratelimit-reset']) * 1000;
        if (Number.isFinite(reset) && reset > 0)
            return Math.max(0, reset - now) + 1000;
    }
    return 60_000;
}
function timeoutFetch(timeoutMs) {
    return async (input, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            return await fetch(input, { ...init, signal });
        }
        catch (err) {
            if (timeout.aborted && !init?.signal?.aborted) {
                // Not named AbortError, so @octokit/request wraps it as a retryable network failure.
                const e = new Error(`GitHub did not answer within ${timeoutMs} ms`);
                e.name = 'TimeoutError';
                throw e;
            }
            throw err;
        }
    };
}
/** The one Octokit every Shipgate module uses: retries, rate limits, timeouts, no token in logs. */
function createGitHubClient(ctx, options) {
    const { logger } = options;
    const rateLimitRetries = options.rateLimitRetries ?? 3;
    const maxWait = options.maxRateLimitWaitMs ?? 5 * 60_000;
    const octokit = new ShipgateOctokit({
        auth: ctx.token,
        baseUrl: ctx.apiUrl,
        userAgent: options.userAgent ?? 'shipgate',
        log: {
            debug: () => { },
            info: () => { },
            warn: (m) => logger.debug((0,util_escape/* escapeLogText */.dD)(m)),
            error: (m) => logger.debug((0,util_escape/* escapeLogText */.dD)(m))
        },
        request: { fetch: timeoutFetch(options.timeoutMs ?? ctx.requestTimeoutMs ?? 10_000) },
        retry: { doNotRetry: DO_NOT_RETRY, retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? ctx.retryDelayMs ?? 1000 },
        throttle: {
            enabled: options.throttle?.enabled ?? true,
            // Declining here hands the error to the wrap below, so rate limits behave the same with
            // throttling on or off.
            onRateLimit: () => false,
            onSecondaryRateLimit: () => false
        }
    });
    // Registered last, so it runs first. plugin-retry keeps its retry count on options.request,
    // which endpoint merging shares between calls; without a fresh object per call, a second
    // failing request waits as if it were on its fifth retry. before-after-hook hands every hook
    // the same options object (whatever a hook passes on is ignored), so the property is replaced
    // in place rather than passed down.
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 0;; attempt++) {
            requestOptions.request = { ...requestOptions.request, retryCount: 0 };
            try {
                return await request(requestOptions);
            }
            catch (err) {
                if (!(0,errors/* isRateLimitError */.kt)(err) || attempt >= rateLimitRetries)
                    throw err;
                const wait = rateLimitWaitMs(err);
                if (wait > maxWait)
                    throw err;
                logger.warning(`GitHub rate limit on ${requestOptions.method} ${new URL(requestOptions.url, 'http://x').pathname}: waiting ${Math.ceil(wait / 1000)} s before retrying.`);
                await new Promise((r) => setTimeout(r, wait));
            }
        }
    });
    return octokit;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./shared/util/state-dir.ts


/**
 * Where Shipgate keeps what must outlive a run on this machine (the local target's daemon and
 * state, the default file ledger): a per-user state folder, never RUNNER_TEMP (emptied after
 * every job) nor the checkout (fresh every job). $XDG_STATE_HOME/shipgate, else
 * ~/.local/state/shipgate.
 */
function defaultStateDir(env) {
    const xdg = env.XDG_STATE_HOME;
    if (xdg && external_node_path_default().isAbsolute(xdg))
        return external_node_path_default().join(xdg, 'shipgate');
    const home = env.HOME || external_node_os_default().homedir();
    return external_node_path_default().join(home, '.local', 'state', 'shipgate');
}

;// CONCATENATED MODULE: ./shared/glue/composition.ts
// The composition root: the one place that knows every adapter by name and builds the ones the
// inputs ask for (ledger, target, notifiers, signal sources). Each action's glue asks it.




/** The folder for state that outlives runs: the `state-dir` input, else the per-user default. */
function resolveStateDir(rt, input) {
    return input ? external_node_path_default().resolve(rt.workspace, input) : defaultStateDir(rt.env);
}
function gitHubAccess(rt, token) {
    rt.mask(token);
    const ctx = readGitHubContext(rt.env, token);
    if (!ctx)
        return null;
    return { ctx, client: createGitHubClient(ctx, { logger: rt.logger }) };
}
async function buildLedger(rt, kind, ledgerFile, stateDir, gh, options = {}) {
    if (kind === 'github' && !gh) {
        throw new Error('Input "ledger" is "github" but no GitHub API is available: set github-token (and run on GitHub Actions, where GITHUB_API_URL and GITHUB_REPOSITORY are set).');
    }
    if (gh && kind !== 'file') {
        const { GitHubLedger } = await __webpack_require__.e(/* import() */ 648).then(__webpack_require__.bind(__webpack_require__, 3648));
        return new GitHubLedger({ client: gh.client, ctx: gh.ctx, logger: rt.logger, ...options });
    }
    const { FileLedger } = await __webpack_require__.e(/* import() */ 925).then(__webpack_require__.bind(__webpack_require__, 5925));
    const file = ledgerFile ? external_node_path_default().resolve(rt.workspace, ledgerFile) : external_node_path_default().join(stateDir, 'ledger.json');
    if (rt.env.RUNNER_ENVIRONMENT === 'github-hosted') {
        rt.logger.warning(`The file ledger ${file} is on a GitHub-hosted runner and is gone when this job ends, so the next run will not know what is live: use ledger: github (permissions: deployments: write), or a ledger-file on storage that outlives the job.`);
    }
    return new FileLedger({ path: file });
}
async function buildTarget(rt, kind, environment, stateDir, local, command, traffic, waves) {
    if (kind === 'local') {
        const { LocalTarget, localStateDir } = await __webpack_require__.e(/* import() */ 129).then(__webpack_require__.bind(__webpack_require__, 1129));
        return new LocalTarget({
            stateDir: localStateDir(stateDir, environment),
            environment,
            startCommand: local.startCommand,
            workingDirectory: external_node_path_default().resolve(rt.workspace, local.workingDirectory),
            proxyPort: local.proxyPort,
            logger: rt.logger
        });
    }
    if (kind === 'kubernetes') {
        if (!traffic)
            throw new Error('The kubernetes target needs its traffic settings.');
        const { KubernetesTarget } = await __webpack_require__.e(/* import() */ 120).then(__webpack_require__.bind(__webpack_require__, 1120));
        const k = traffic.kubernetes;
        return new KubernetesTarget({
            namespace: k.namespace,
            context: k.context || undefined,
            deployment: k.deployment,
            container: k.container,
            image: k.image || undefined,
            service: k.service || undefined,
            canaryService: k.canaryService || undefined,
            httproute: k.httproute || undefined,
            ingress: k.ingress || undefined,
            traffic: traffic.kind,
            rolloutTimeoutMs: k.rolloutTimeoutMs,
            logger: rt.logger,
            // kubectl reuses whatever auth the workflow set up (KUBECONFIG, exec plugins' credentials).
            env: rt.env
        });
    }
    if (waves) {
        const { FleetTarget } = await __webpack_require__.e(/* import() */ 717).then(__webpack_require__.bind(__webpack_require__, 3717));
        const fleet = [];
        for (const w of waves) {
            const members = [];
            for (const t of w.targets) {
                // Commands tell which host they act on from SHIPGATE_TARGET; log lines are marked with it.
                const member = { name: t.name, wave: w.name };
                members.push({ name: t.name, target: await commandTarget(rt, t.command, t.traffic, external_node_path_default().join(environment, `${t.name}.json`), member) });
            }
            fleet.push({ name: w.name, maxParallel: w.maxParallel, members });
        }
        return new FleetTarget(fleet, rt.logger);
    }
    return commandTarget(rt, command, traffic, `${environment}.json`);
}
/** One command target with its router; `member` names it within a fleet. */
async function commandTarget(rt, command, traffic, stateFile, member) {
    const { CommandTarget } = await __webpack_require__.e(/* import() */ 532).then(__webpack_require__.bind(__webpack_require__, 4532));
    const prefix = member ? `[${member.name}] ` : '';
    return new CommandTarget({
        deployCommand: command.deployCommand,
        shiftCommand: command.shiftCommand || undefined,
        promoteCommand: command.promoteCommand || undefined,
        rollbackCommand: command.rollbackCommand,
        cwd: external_node_path_default().resolve(rt.workspace, command.workingDirectory),
        timeoutMs: command.commandTimeoutMs,
        logger: member ? prefixed(rt.logger, prefix) : rt.logger,
        // Commands see the step's environment through the Runtime, like the build command.
        env: member ? { ...rt.env, SHIPGATE_WAVE: member.wave, SHIPGATE_TARGET: member.name } : rt.env,
        // A cache of this job's view only: the ledger is what another run trusts.
        statePath: external_node_path_default().join(rt.stateRoot(), 'command', stateFile),
        router: traffic ? await buildRouter(rt, traffic, command, prefix) : undefined
    });
}
/** nginx or HAProxy for the command target; undefined for the shift-command (the target's own). */
async function buildRouter(rt, traffic, command, logPrefix = '') {
    const logger = logPrefix ? prefixed(rt.logger, logPrefix) : rt.logger;
    const inWorkspace = (p) => (p ? external_node_path_default().resolve(rt.workspace, p) : undefined);
    if (traffic.kind === 'nginx') {
        const { NginxRouter } = await __webpack_require__.e(/* import() */ 964).then(__webpack_require__.bind(__webpack_require__, 4964));
        const n = traffic.nginx;
        return new NginxRouter({
            confPath: external_node_path_default().resolve(rt.workspace, n.conf),
            upstream: n.upstream,
            stableServer: n.stableServer,
            canaryServer: n.canaryServer,
            testCommand: n.testCommand,
            reloadCommand: n.reloadCommand,
            accessLog: inWorkspace(n.accessLog),
            cwd: external_node_path_default().resolve(rt.workspace, command.workingDirectory),
            env: rt.env,
            logger,
            timeoutMs: command.commandTimeoutMs
        });
    }
    if (traffic.kind === 'haproxy') {
        const { HaproxyRouter } = await __webpack_require__.e(/* import() */ 483).then(__webpack_require__.bind(__webpack_require__, 3483));
        const h = traffic.haproxy;
        return new HaproxyRouter({
            socket: external_node_path_default().resolve(rt.workspace, h.socket),
            backend: h.backend,
            stableServer: h.stableServer,
            canaryServer: h.canaryServer,
            stateFile: inWorkspace(h.stateFile),
            logger
        });
    }
    return undefined;
}
async function buildNotifiers(rt, environment, notify, gh, renderMarkdown) {
    const out = [];
    if (gh) {
        const context = notify.statusContext || `shipgate/${environment}`;
        if (notify.statusContext !== 'off') {
            const { CommitStatusNotifier } = await __webpack_require__.e(/* import() */ 40).then(__webpack_require__.bind(__webpack_require__, 5040));
            out.push(new CommitStatusNotifier({ client: gh.client, ctx: gh.ctx, context, logger: rt.logger }));
        }
        if (notify.checkRun) {
            const { CheckRunNotifier } = await __webpack_require__.e(/* import() */ 778).then(__webpack_require__.bind(__webpack_require__, 3778));
            out.push(new CheckRunNotifier({
                client: gh.client,
                ctx: gh.ctx,
                name: context === 'off' ? `shipgate/${environment}` : context,
                renderMarkdown,
                logger: rt.logger
            }));
        }
        if (notify.incident) {
            const { IncidentIssueNotifier } = await __webpack_require__.e(/* import() */ 368).then(__webpack_require__.bind(__webpack_require__, 1368));
            out.push(new IncidentIssueNotifier({ client: gh.client, ctx: gh.ctx, environment, mention: notify.mention, logger: rt.logger }));
        }
        // After the incident issue, so the pull request can link it.
        if (notify.revertPr) {
            const { RevertPrNotifier } = await __webpack_require__.e(/* import() */ 472).then(__webpack_require__.bind(__webpack_require__, 8472));
            out.push(new RevertPrNotifier({ client: gh.client, ctx: gh.ctx, environment, logger: rt.logger }));
        }
    }
    if (!gh && notify.revertPr)
        rt.logger.warning('revert-pr is set, but no GitHub API is available (github-token and the repository): no revert pull request will be opened.');
    if (notify.webhook) {
        rt.mask(notify.webhook);
        const { WebhookNotifier } = await __webpack_require__.e(/* import() */ 515).then(__webpack_require__.bind(__webpack_require__, 2515));
        out.push(new WebhookNotifier({ url: notify.webhook, logger: rt.logger }));
    }
    return out;
}
/**
 * Evidence for one step. Probes generate traffic at probe-rate; whichever source sees every
 * request counts it (Prometheus, else the target's own router when it has one, else the probes
 * themselves), so no request is counted twice.
 */
async function signalFactory(rt, target, options) {
    const [{ ProbeTraffic }, { PrometheusSource }] = await Promise.all([__webpack_require__.e(/* import() */ 237).then(__webpack_require__.bind(__webpack_require__, 6237)), __webpack_require__.e(/* import() */ 590).then(__webpack_require__.bind(__webpack_require__, 590))]);
    return (_step, status, release, previous) => {
        const canaryBase = options.canaryUrl ?? status.urls?.canary;
        const stableBase = options.stableUrl ?? status.urls?.stable;
        const counter = options.prometheus
            ? new PrometheusSource({
                url: options.prometheus.url,
                canaryVersion: release.version,
                stableVersion: previous?.version ?? '',
                requestsQuery: options.prometheus.requestsQuery,
                errorsQuery: options.prometheus.errorsQuery,
                latencyBucketsQuery: options.prometheus.latencyQuery || undefined,
                services: options.services,
                logger: rt.logger
            })
            : (target.requestCounter?.({ canaryUrl: options.canaryUrl }) ?? null);
        const sources = [];
        if (options.probeRate > 0 && (canaryBase || stableBase)) {
            sources.push(new ProbeTraffic({
                canaryUrl: canaryBase ? joinUrl(canaryBase, options.probePath) : undefined,
                stableUrl: stableBase ? joinUrl(stableBase, options.probePath) : undefined,
                rate: options.probeRate,
                timeoutMs: 5000,
                // nginx and HAProxy count only what passes through them; probes go to the servers directly.
                counts: counter === null || counter.seesProbes === false,
                logger: rt.logger
            }));
        }
        if (counter)
            sources.push(counter);
        return sources;
    };
}
/** Log lines of one fleet target, marked with its name. */
function prefixed(logger, prefix) {
    return { info: (m) => logger.info(prefix + m), warning: (m) => logger.warning(prefix + m), debug: (m) => logger.debug(prefix + m) };
}
function joinUrl(base, p) {
    const u = new URL(base);
    if (p === '/')
        return u.toString();
    u.pathname = (u.pathname.replace(/\/$/, '') + p).replace(/\/\/+/g, '/');
    return u.toString();
}


/***/ }),

/***/ 1297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xs: () => (/* binding */ parseMentions),
/* harmony export */   dw: () => (/* binding */ parseCommon),
/* harmony export */   hu: () => (/* binding */ parseTarget)
/* harmony export */ });
/* unused harmony exports TARGETS_ALL, TARGETS_AVAILABLE, environmentName, parseHeaders */
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6033);
/* harmony import */ var _catalogue_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2539);


const TARGETS_ALL = _catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUTS */ .mc.target.type.values;
/** Targets built so far; the others are part of the contract but refused with a clear sentence. */
const TARGETS_AVAILABLE = ['local', 'command', 'kubernetes'];
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
function environmentName(inputs) {
    const env = inputs.get('environment');
    if (!ENV_NAME.test(env)) {
        throw inputs.error('environment', env, 'use up to 63 letters, digits, ".", "_" or "-", starting with a letter or digit');
    }
    return env;
}
function parseCommon(inputs) {
    return {
        environment: environmentName(inputs),
        githubToken: inputs.get('github-token'),
        config: inputs.get('config'),
        ledger: inputs.get('ledger'),
        ledgerFile: inputs.get('ledger-file'),
        stateDir: inputs.get('state-dir')
    };
}
function parseTarget(inputs) {
    const t = inputs.get('target');
    if (t === 'nginx' || t === 'haproxy') {
        throw inputs.error('target', t, `the target starts and retires versions (local, command or kubernetes); ${t} splits traffic, so use target: command with traffic: ${t}`);
    }
    if (!TARGETS_AVAILABLE.includes(t)) {
        throw inputs.error('target', t, `this version of Shipgate supports ${TARGETS_AVAILABLE.join(' and ')} (the ${t} target is not built yet)`);
    }
    return t;
}
const MENTION = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;
function parseMentions(inputs) {
    const raw = inputs.get('mention');
    const list = raw
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((m) => (m.startsWith('@') ? m : `@${m}`));
    for (const m of list) {
        if (!MENTION.test(m))
            throw inputs.error('mention', raw, 'use GitHub user or team handles such as @octocat or @my-org/oncall, separated by spaces or commas');
    }
    return list;
}
/** What a header value may hold: Latin-1 text (what HTTP carries) without control characters other than tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/**
 * One `Name: value` per line (blank lines and `#` comments skipped). Values may be secrets, and a
 * malformed line cannot be told apart from a value: a sentence about a bad line names the input and
 * the line's number, never any of its text.
 */
function parseHeaders(inputs) {
    const out = {};
    const raw = inputs.raw('headers').split(/\r?\n/);
    raw.forEach((text, i) => {
        const line = text.trim();
        if (!line || line.startsWith('#'))
            return;
        const hidden = `line ${i + 1}: ***`;
        // `s`: a value with a line separator (U+2028) in it is one value, refused below, not a bad line.
        const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/s.exec(line);
        if (!m)
            throw new InputError('headers', hidden, 'write one "Name: value" header per line (the line is hidden because header values may be secrets)');
        if (!HEADER_VALUE.test(m[2])) {
            throw new InputError('headers', hidden, 'a header value must be Latin-1 text without control characters, so encode other characters (e.g. percent-encoding or base64); the line is hidden because header values may be secrets');
        }
        out[m[1]] = m[2];
    });
    return out;
}


/***/ })

};
