export const id = 281;
export const ids = [281];
export const modules = {

/***/ 2281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planCommand: () => (/* binding */ planCommand)
});

// EXTERNAL MODULE: ./shared/inputs/canary-deploy.ts + 2 modules
var canary_deploy = __webpack_require__(3063);
// EXTERNAL MODULE: ./shared/inputs/build.ts
var inputs_build = __webpack_require__(782);
// EXTERNAL MODULE: ./shared/model/plan.ts
var plan = __webpack_require__(1349);
// EXTERNAL MODULE: ./shared/glue/composition.ts + 3 modules
var composition = __webpack_require__(7611);
;// CONCATENATED MODULE: ./shared/glue/permissions.ts
/**
 * The least `permissions:` a rollout with these inputs needs on GitHub (a workflow that names one
 * scope sets every other to none). Nothing when GitHub is not used at all.
 */
function permissionsFor(inputs, extra) {
    if (!extra.usesGitHub)
        return [];
    const out = [{ scope: 'contents', level: 'read', why: 'check out the code' }];
    if (inputs.ledger !== 'file') {
        out.push({ scope: 'deployments', level: 'write', why: 'the ledger: GitHub Deployments of the environment' });
        out.push({ scope: 'actions', level: 'read', why: "tell another run's live rollout from an orphan" });
    }
    if (inputs.notify.statusContext !== 'off')
        out.push({ scope: 'statuses', level: 'write', why: `the commit status ${inputs.notify.statusContext || `shipgate/${inputs.environment}`} (merge gate)` });
    if (inputs.notify.checkRun)
        out.push({ scope: 'checks', level: 'write', why: 'the check run with the evidence' });
    if (inputs.notify.incident)
        out.push({ scope: 'issues', level: 'write', why: 'the incident issue after a rollback' });
    if (extra.revertPr) {
        const contents = out.find((p) => p.scope === 'contents');
        if (contents) {
            contents.level = 'write';
            contents.why = 'check out the code; the revert commit and its branch';
        }
        out.push({ scope: 'pull-requests', level: 'write', why: 'the revert PR after an automatic rollback' });
    }
    return out;
}
/** The `permissions:` block to paste into a workflow. */
function permissionsYaml(perms) {
    if (perms.length === 0)
        return 'permissions: {}';
    return ['permissions:', ...perms.map((p) => `  ${p.scope}: ${p.level}`.padEnd(28) + `# ${p.why}`)].join('\n');
}

// EXTERNAL MODULE: ./shared/engine/errors.ts
var errors = __webpack_require__(6566);
// EXTERNAL MODULE: ./shared/judges/format.ts
var format = __webpack_require__(9104);
;// CONCATENATED MODULE: ./shared/cli/commands/plan.ts







/** A dry run: what `shipgate rollout` (or the root action) would do with these flags and config. Nothing is deployed or recorded. */
async function planCommand(rt, _args) {
    const inputs = await rt.inputs();
    const build = (0,inputs_build/* parseBuildInputs */.p)(inputs, 'build-command');
    const c = (0,canary_deploy/* parseCanaryDeployInputs */.IQ)(inputs, { versionFromBuild: true });
    const gh = (0,composition/* gitHubAccess */.gz)(rt, c.githubToken);
    const view = {
        environment: c.environment,
        version: c.version || (c.manifest ? `from ${c.manifest}` : null),
        build: build.command ? build.command : null,
        steps: `${(0,plan/* stepsText */.b)(c.plan)} %`,
        stepDuration: `${Math.round(c.plan.stepDurationMs / 1000)} s per step at most (analysis may decide sooner)`,
        target: targetText(c),
        router: c.waves
            ? `${c.waves.length} waves: ${c.waves.map((w) => `${w.name} (${w.targets.map((t) => t.name).join(', ')})`).join(' → ')}`
            : routerText(c.traffic, c),
        signals: signalsText(c),
        judge: judgeText(c),
        notifications: notificationsText(c, gh !== null),
        ledger: await ledgerView(rt, c, gh),
        freeze: await freezeText(c),
        permissions: permissionsFor(c, { usesGitHub: gh !== null }),
        firstChanges: firstChanges(c, build.command)
    };
    return { json: view, text: render(view) };
}
/** Whether a freeze would stop this rollout now, and the next window. */
async function freezeText(c) {
    if (c.freeze.windows.length === 0)
        return [];
    const [{ activeFreeze, nextFreeze }, { describeFreeze, describeNextFreeze }] = await Promise.all([
        __webpack_require__.e(/* import() */ 28).then(__webpack_require__.bind(__webpack_require__, 1028)),
        __webpack_require__.e(/* import() */ 591).then(__webpack_require__.bind(__webpack_require__, 9591))
    ]);
    const now = new Date();
    const active = activeFreeze(c.freeze.windows, now);
    const next = nextFreeze(c.freeze.windows, now);
    const out = [];
    if (active)
        out.push(`${describeFreeze(active, c.environment)} ${c.freeze.override ? 'override-freeze is set: the rollout would go ahead and record the override.' : 'The rollout would be refused before anything is deployed.'}`);
    else
        out.push(`${c.environment} is not frozen now (${c.freeze.windows.length} window${c.freeze.windows.length === 1 ? '' : 's'} in the config file).`);
    if (next)
        out.push(describeNextFreeze(next, c.environment));
    return out;
}
function targetText(c) {
    switch (c.target) {
        case 'local':
            return `local: each version started with \`${c.local.startCommand}\` behind the local proxy${c.local.proxyPort ? ` on port ${c.local.proxyPort}` : ''}`;
        case 'kubernetes': {
            const k = c.traffic.kubernetes;
            return `kubernetes: Deployment ${k.deployment} in namespace ${k.namespace || '(kubectl default)'}${k.context ? `, context ${k.context}` : ''}; canary Deployment ${k.deployment}-canary`;
        }
        default:
            return `command: deploy-command \`${c.command.deployCommand}\`${c.command.promoteCommand ? `, promote-command \`${c.command.promoteCommand}\`` : ''}${c.command.rollbackCommand ? `, rollback-command \`${c.command.rollbackCommand}\`` : ''}`;
    }
}
function routerText(t, c) {
    switch (t.kind) {
        case 'nginx':
            return `nginx: weights of upstream ${t.nginx.upstream} in ${t.nginx.conf} (stable ${t.nginx.stableServer}, canary ${t.nginx.canaryServer}), checked with \`${t.nginx.testCommand}\`, reloaded with \`${t.nginx.reloadCommand}\``;
        case 'haproxy':
            return `haproxy: server weights of backend ${t.haproxy.backend} through the runtime API at ${t.haproxy.socket} (stable ${t.haproxy.stableServer}, canary ${t.haproxy.canaryServer})`;
        case 'local':
            return 'the local proxy (weighted per request)';
        case 'command':
            return c.command.shiftCommand ? `shift-command \`${c.command.shiftCommand}\` with SHIPGATE_WEIGHT` : 'none (the target has no traffic split)';
        default:
            return kubeRouter(t);
    }
}
/** The router in a few words, for a sentence. */
function routerName(t, c) {
    if (t.kind === 'local')
        return 'the local proxy';
    if (t.kind === 'command')
        return c.command.shiftCommand ? 'the shift-command' : 'the target';
    if (t.kind === 'nginx' || t.kind === 'haproxy')
        return t.kind === 'nginx' ? 'nginx' : 'HAProxy';
    return t.kubernetes.httproute ? 'the HTTPRoute' : t.kubernetes.ingress ? 'the canary Ingress' : 'the replica ratio';
}
function kubeRouter(t) {
    const k = t.kubernetes;
    if (k.httproute)
        return `Gateway API: backendRef weights of HTTPRoute ${k.httproute} (Services ${k.service} and ${k.canaryService})`;
    if (k.ingress)
        return `ingress-nginx: canary Ingress with canary-weight beside ${k.ingress}`;
    return 'replica ratio of the two Deployments behind one Service (coarse: weights round to whole pods)';
}
function signalsText(c) {
    const out = [];
    const counted = c.prometheus !== null || (c.traffic.kind === 'nginx' && c.traffic.nginx.accessLog !== '') || c.traffic.kind === 'haproxy' || c.target === 'local';
    if (c.plan.probeRate > 0)
        out.push(`probes: ${c.plan.probeRate}/s to each of canary and stable at ${c.probePath}${c.canaryUrl ? ` (canary-url ${c.canaryUrl}` : ' (the target’s URLs'}${c.stableUrl ? `, stable-url ${c.stableUrl})` : ')'}${counted ? ', generating traffic' : ', counted as evidence'}`);
    if (c.prometheus)
        out.push(`Prometheus at ${c.prometheus.url}: requests, errors${c.prometheus.latencyQuery ? ' and latency buckets' : ''} per version`);
    else if (c.traffic.kind === 'nginx' && c.traffic.nginx.accessLog)
        out.push(`nginx access log ${c.traffic.nginx.accessLog}: every customer request, per upstream server`);
    else if (c.traffic.kind === 'haproxy')
        out.push("HAProxy's per-server counters (errors only: HAProxy keeps no per-request latency)");
    else if (c.target === 'local')
        out.push('the local proxy: every request it forwards');
    if (out.length === 0)
        out.push('none: with probe-rate 0 and no counter the canary cannot be judged');
    return out;
}
function judgeText(c) {
    const a = c.plan.analysis;
    const lat = a.maxLatencyMs !== undefined
        ? `a request slower than ${a.maxLatencyMs} ms is slow`
        : `latency within ${+(a.latencyTolerance * 100).toFixed(1)} % of stable's p95`;
    return [
        `${a.judge}${a.judge === 'sequential' ? ` (anytime-valid over the whole rollout: α ${(0,format/* alphaText */.ys)(a.alpha)} to roll back a canary within tolerance, β ${(0,format/* alphaText */.ys)(a.beta)} to pass one worse than it)` : ' (fixed thresholds at the end of each step)'}`,
        `error rate within ${(0,format/* points */.WR)(a.errorTolerance)} of stable; ${lat}`,
        `at least ${a.minSamples} requests per side before a step can pass; when a step ends undecided: ${a.onInconclusive}`,
        c.plan.autoRollback ? 'a failing step rolls back automatically' : 'auto-rollback is off: a failing step stops and waits for a person'
    ];
}
function notificationsText(c, github) {
    const out = [];
    if (github) {
        if (c.notify.statusContext !== 'off')
            out.push(`commit status ${c.notify.statusContext || `shipgate/${c.environment}`}`);
        if (c.notify.checkRun)
            out.push('check run with the evidence');
        if (c.notify.incident)
            out.push(`incident issue on rollback${c.notify.mention.length ? `, mentioning ${c.notify.mention.join(' ')}` : ''}`);
    }
    else
        out.push('no GitHub (no GITHUB_TOKEN and repository): no status, check run or incident issue');
    if (c.notify.webhook)
        out.push('webhook (URL hidden)');
    return out;
}
async function ledgerView(rt, c, gh) {
    try {
        const ledger = await (0,composition/* buildLedger */.ES)(rt, c.ledger, c.ledgerFile, (0,composition/* resolveStateDir */.JT)(rt, c.stateDir), gh);
        const view = await ledger.view(c.environment);
        return {
            where: ledger.where,
            live: view.lastGood ? `${view.lastGood.release.version} (deployment ${view.lastGood.id})` : null,
            unfinished: view.active.map((r) => `${r.release.version} (deployment ${r.id}, ${r.progress ? `${r.progress.weight} %${r.progress.paused ? ', paused' : ''}` : r.state})`)
        };
    }
    catch (err) {
        return { error: (0,errors/* errorMessage */.g)(err) };
    }
}
function firstChanges(c, buildCommand) {
    const version = c.version || '(the built version)';
    const out = [];
    if (buildCommand)
        out.push(`run the build command \`${buildCommand}\` and package the artifact`);
    out.push(`record deployment of ${version} to ${c.environment} in the ledger (in progress)`);
    if (c.waves)
        out.push(`wave ${c.waves[0].name}: deploy ${version} beside stable on ${c.waves[0].targets.map((t) => t.name).join(', ')}`);
    else if (c.target === 'local')
        out.push(`start ${version} with \`${c.local.startCommand}\` (its port in $PORT) beside stable`);
    else if (c.target === 'kubernetes')
        out.push(`apply Deployment ${c.traffic.kubernetes.deployment}-canary running ${version} and wait for it to be ready`);
    else
        out.push(`run \`${c.command.deployCommand}\` with SHIPGATE_VERSION=${version}`);
    out.push(`send ${c.plan.steps[0]} % of traffic to the canary through ${c.waves ? 'the wave’s router' : routerName(c.traffic, c)} and start judging`);
    return out;
}
function render(v) {
    const list = (xs) => xs.map((x) => `  - ${x}`).join('\n');
    const ledger = 'error' in v.ledger
        ? `  not readable: ${v.ledger.error}`
        : `  ${v.ledger.where}\n  live now: ${v.ledger.live ?? 'nothing (a first release)'}${v.ledger.unfinished.length ? `\n  unfinished (settled or waited for first): ${v.ledger.unfinished.join('; ')}` : ''}`;
    return [
        `Plan for ${v.environment}: ${v.version ?? 'no version given (--version, --manifest or --build-command)'} — dry run, nothing changes`,
        v.build ? `\nBuild\n  ${v.build}` : '',
        `\nSteps\n  ${v.steps}, ${v.stepDuration}`,
        `\nTarget\n  ${v.target}`,
        `\nTraffic\n  ${v.router}`,
        `\nSignals\n${list(v.signals)}`,
        `\nJudge\n${list(v.judge)}`,
        `\nNotifications\n${list(v.notifications)}`,
        `\nLedger\n${ledger}`,
        v.freeze.length ? `\nFreeze windows\n${list(v.freeze)}` : '',
        `\nPermissions the workflow needs\n${v.permissions.length ? permissionsYaml(v.permissions).replace(/^/gm, '  ') : '  none on GitHub'}`,
        `\nFirst changes\n${v.firstChanges.map((x, i) => `  ${i + 1}. ${x}`).join('\n')}`
    ]
        .filter(Boolean)
        .join('\n');
}


/***/ }),

/***/ 782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ parseBuildInputs)
/* harmony export */ });
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6033);

/** `commandInput` is `command` for the build action and `build-command` for the root action. */
function parseBuildInputs(inputs, commandInput = 'command') {
    const command = inputs.get(commandInput);
    const artifact = inputs
        .get('artifact')
        .flatMap((l) => l.split(/\s*,\s*/))
        .filter(Boolean);
    if (commandInput === 'command' && !command)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .MissingInputError */ .f1('command', 'it is the build command, run with bash (e.g. "npm ci && npm run build")');
    if (command && artifact.length === 0)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .MissingInputError */ .f1('artifact', 'name the files or globs to package, one per line (e.g. dist/**)');
    for (const a of artifact) {
        if (a.startsWith('/') || a.split('/').includes('..')) {
            throw inputs.error('artifact', a, 'use paths or globs inside the working directory (no absolute paths, no "..")');
        }
    }
    const version = inputs.get('version');
    return { command, workingDirectory: inputs.get('working-directory'), artifact, version };
}


/***/ }),

/***/ 9104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oe: () => (/* binding */ pct),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   WR: () => (/* binding */ points),
/* harmony export */   ms: () => (/* binding */ ms),
/* harmony export */   tG: () => (/* binding */ evalue),
/* harmony export */   ys: () => (/* binding */ alphaText)
/* harmony export */ });
/** Number formatting shared by the judges' explanation sentences. */
function pct(x) {
    const v = x * 100;
    return `${v >= 10 || v === 0 ? v.toFixed(1) : v.toFixed(2).replace(/0$/, '')} %`;
}
/** Tolerances are stated in points (an absolute difference of two rates). */
function points(x) {
    return `${+(x * 100).toFixed(2)} pt`;
}
function count(n) {
    return n.toLocaleString('en-US');
}
function evalue(logE) {
    const e = Math.exp(logE);
    if (!Number.isFinite(e))
        return '> 1e300';
    if (e >= 1e6)
        return e.toExponential(1);
    if (e >= 100)
        return e.toFixed(0);
    if (e >= 10)
        return e.toFixed(1);
    return e.toFixed(2);
}
function alphaText(a) {
    return `${+(a * 100).toPrecision(2)} %`;
}
function ms(x) {
    return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}


/***/ }),

/***/ 1349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ stepsText)
/* harmony export */ });
/** The plan's steps as the user wrote them: "10 → 50 → pause → 100". */
function stepsText(plan, sep = ' → ') {
    const parts = plan.steps.map(String);
    if (plan.pauseBeforeLast && parts.length > 0)
        parts.splice(parts.length - 1, 0, 'pause');
    return parts.join(sep);
}


/***/ })

};
