export const id = 612;
export const ids = [612,40,515];
export const modules = {

/***/ 6655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ realClock)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6566);

const realClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .c());
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(t);
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .c());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    })
};


/***/ }),

/***/ 5120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L7: () => (/* binding */ REVERT_PR_NOTIFIER),
/* harmony export */   _p: () => (/* binding */ INCIDENT_NOTIFIER),
/* harmony export */   x9: () => (/* binding */ notifyAll)
/* harmony export */ });
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6566);


/**
 * Tells every notifier; a failing one is a warning and never stops the others (nor moves
 * traffic). Returns the URL each notifier gave back, by notifier name. The incident issue's URL
 * is put on the finished report as soon as it is known, so notifiers after it (the revert PR)
 * can link it.
 */
async function notifyAll(notifiers, event, logger) {
    const urls = {};
    for (const n of notifiers) {
        try {
            const r = await n.notify(event);
            if (r && r.url) {
                urls[n.name] = r.url;
                if (n.name === INCIDENT_NOTIFIER && event.type === 'finished')
                    event.report.incidentUrl = r.url;
            }
        }
        catch (err) {
            logger.warning(`The ${n.name} notifier failed: ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .dD)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(err))}.`);
        }
    }
    return urls;
}
/** The notifier whose URL is the report's incident link (notifiers/incident-issue.ts). */
const INCIDENT_NOTIFIER = 'incident-issue';
/** The notifier whose URL is the report's revert pull request (notifiers/revert-pr.ts). */
const REVERT_PR_NOTIFIER = 'revert-pr';


/***/ }),

/***/ 8231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fi: () => (/* binding */ abortCanary),
/* harmony export */   Hy: () => (/* binding */ restoreVersion),
/* harmony export */   zG: () => (/* binding */ promoteCanary)
/* harmony export */ });
/* unused harmony export finishAbandoned */
/* harmony import */ var _ledgers_owner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7476);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4896);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6566);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7283);





/**
 * Finds the environment's unfinished rollout through the ledger, so an operation works from any
 * runner, hours later. A rollout whose run is still going is refused: that run decides it.
 */
async function findCanary(deps, verb) {
    const env = deps.environment;
    const view = await deps.ledger.view(env);
    const status = await deps.target.status();
    const record = view.active.at(-1) ?? null;
    if (record) {
        if (!record.progress?.paused && record.rollout?.owner && !(0,_ledgers_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .isOwnedBy */ .D0)(deps.owner, record.rollout.owner)) {
            const owner = await deps.ledger.ownerState(record.rollout.owner);
            if (owner.state !== 'over') {
                throw new Error(`The canary ${record.release.version} in ${env} is still being rolled out by ${(0,_ledgers_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .ownerName */ .Hc)(record.rollout.owner)} (${owner.detail}): let it finish or pause, or cancel that run (its cancellation rolls back) instead of ${verb === 'promote' ? 'promoting' : 'aborting'} it here.`);
            }
        }
        const good = await deps.ledger.lastGood(env, { excludeVersion: record.release.version }).catch(() => view.lastGood);
        const stable = good?.release ?? record.rollout?.previous ?? status.stable;
        const weight = record.progress?.weight ?? (status.canary?.version === record.release.version ? status.weight : 0);
        if (status.canary && status.canary.version !== record.release.version) {
            deps.logger.warning(`The ${deps.target.name} target runs a canary of ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeLogText */ .dD)(status.canary.version)}, but the ledger's unfinished rollout is ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeLogText */ .dD)(record.release.version)}: acting on the ledger's.`);
        }
        return { record, release: record.release, stable, weight, view };
    }
    if (status.canary) {
        deps.logger.warning(`${deps.ledger.where} has no unfinished rollout of ${env}, but the ${deps.target.name} target runs a canary of ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeLogText */ .dD)(status.canary.version)}: acting on it.`);
        return { record: null, release: status.canary, stable: status.stable ?? view.lastGood?.release ?? null, weight: status.weight, view };
    }
    throw new Error(`There is no canary in progress in ${env} to ${verb}: ${deps.ledger.where} has no unfinished rollout of it.`);
}
/** `action: promote`: the canary becomes stable at 100 % (the person is the judge). */
async function promoteCanary(deps, options = {}) {
    const clock = deps.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .realClock */ .d;
    const startedAt = new Date(clock.now()).toISOString();
    const found = await findCanary(deps, 'promote');
    const id = found.record?.id ?? '';
    await deps.target.promote(ctx(deps.environment, id, found.release, found.stable, 100));
    const over = options.freezeOverride;
    const reason = `${found.release.version} was promoted by hand from ${found.weight} %${over ? `, overriding freeze ${over.window}: ${over.reason}` : ''}.`;
    if (found.record)
        await safeRecord(deps, found.record.id, 'success', reason);
    const timeline = [event(clock, 'promoted', `${found.release.version} promoted by hand from ${found.weight} %`)];
    if (over)
        timeline.unshift(event(clock, 'freeze-overridden', `freeze ${over.window} (${over.start} to ${over.end}): ${over.reason}`));
    return finish(deps, found, { result: 'promoted', reason, weight: 100, rollbackMs: null, startedAt, timeline, freezeOverride: over });
}
/** `action: abort`: the canary is retired and stable takes all traffic. */
async function abortCanary(deps, why = 'aborted by hand') {
    const clock = deps.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .realClock */ .d;
    const startedAt = new Date(clock.now()).toISOString();
    const found = await findCanary(deps, 'abort');
    const id = found.record?.id ?? '';
    const t0 = clock.now();
    await deps.target.rollback(found.stable, ctx(deps.environment, id, found.release, found.stable, 0));
    const rollbackMs = clock.now() - t0;
    const reason = `${found.release.version} was ${why} at ${found.weight} %; traffic is back on ${found.stable?.version ?? 'the stable version'}.`;
    if (found.record)
        await safeRecord(deps, found.record.id, 'failure', reason);
    return finish(deps, found, { result: 'rolled-back', reason, weight: 0, rollbackMs, startedAt, timeline: [event(clock, 'rolled-back', reason)] });
}
/**
 * auto-rollback: restores `toVersion`, or the last known good version that is not the failing one.
 * With nothing to restore it throws before changing anything.
 */
async function restoreVersion(deps, options) {
    const env = deps.environment;
    const clock = deps.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .realClock */ .d;
    const startedAt = new Date(clock.now()).toISOString();
    const view = await deps.ledger.view(env);
    const status = await deps.target.status();
    const history = view.history;
    const newest = history[0];
    const active = view.active.at(-1);
    if (active && !active.progress?.paused && active.rollout?.owner && !(0,_ledgers_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .isOwnedBy */ .D0)(deps.owner, active.rollout.owner)) {
        const owner = await deps.ledger.ownerState(active.rollout.owner);
        if (owner.state !== 'over') {
            throw new Error(`The canary ${active.release.version} in ${env} is still being rolled out by ${(0,_ledgers_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .ownerName */ .Hc)(active.rollout.owner)} (${owner.detail}): cancel that run (its cancellation rolls back) rather than rolling back beside it.`);
        }
    }
    const failing = active?.release ?? status.canary ?? (newest && newest.state !== 'success' ? newest.release : (status.stable ?? newest?.release ?? null));
    let to;
    if (options.toVersion) {
        // Reuse what the ledger knows of that version (artifact, digest) so the target can start it again.
        to = history.find((r) => r.release.version === options.toVersion)?.release ?? { version: options.toVersion };
    }
    else {
        const good = await deps.ledger.lastGood(env, { excludeVersion: failing?.version });
        to = good?.release ?? null;
    }
    if (!to) {
        throw new Error(`No known good version of ${env} to roll back to${failing ? ` (the failing version ${failing.version} is excluded)` : ''} in ${deps.ledger.where}: give "to-version", or deploy a good version first.`);
    }
    // A version the target cannot start again is refused here, before anything is recorded or started.
    await deps.target.preflight?.({ restore: to });
    const record = await deps.ledger.begin({
        environment: env,
        release: to,
        kind: 'rollback',
        description: `Rollback to ${to.version}: ${options.reason}`.slice(0, 140),
        payload: { reason: options.reason, failingVersion: failing?.version ?? null },
        logUrl: deps.logUrl,
        environmentUrl: deps.environmentUrl
    });
    const found = { record, release: failing ?? to, stable: to, weight: 0, view };
    const t0 = clock.now();
    try {
        await deps.target.rollback(to, ctx(env, record.id, failing ?? to, to, 0));
    }
    catch (err) {
        const why = `restoring ${to.version} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err)}`;
        await safeRecord(deps, record.id, 'error', why);
        // The playbook still runs: a failed restore is exactly when people must be told.
        const message = `Rollback of ${env} to ${to.version} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err)}; check the target by hand.`;
        await finish(deps, found, { result: 'failed', reason: message, weight: 0, rollbackMs: null, startedAt, timeline: [event(clock, 'rollback-failed', why)] });
        throw new Error(message, { cause: err });
    }
    const rollbackMs = clock.now() - t0;
    const reason = `Rolled back ${env} to ${to.version}${failing && failing.version !== to.version ? ` from ${failing.version}` : ''}: ${options.reason}.`;
    await safeRecord(deps, record.id, 'success', reason);
    // The version that failed must not count as good any more, nor stay unfinished.
    for (const r of history) {
        if (r.id === record.id || !failing || r.release.version !== failing.version)
            continue;
        if (r.state === 'success' || r.state === 'in_progress' || r.state === 'pending') {
            await safeRecord(deps, r.id, 'failure', `Rolled back to ${to.version}: ${options.reason}`);
        }
        break;
    }
    const report = await finish(deps, found, {
        result: 'rolled-back',
        reason,
        weight: 0,
        rollbackMs,
        startedAt,
        timeline: [event(clock, 'rolled-back', `traffic on ${to.version} at 100 % (${rollbackMs} ms)`)]
    });
    return { report, restored: to };
}
/**
 * The post step of a rollout whose main step was stopped: if the ledger still shows the rollout
 * unfinished (and not paused), stable takes all traffic again and the record says why.
 * Returns null when there was nothing to do.
 */
async function finishAbandoned(deps, handover) {
    const clock = deps.clock ?? realClock;
    const startedAt = new Date(clock.now()).toISOString();
    let view = null;
    try {
        view = await deps.ledger.view(deps.environment);
    }
    catch (err) {
        deps.logger.warning(`Could not read ${escapeLogText(deps.ledger.where)} (${escapeLogText(errorMessage(err))}): restoring from what the main step handed over.`);
    }
    const record = view?.history.find((r) => r.id === handover.id) ?? null;
    if (record && record.state !== 'in_progress' && record.state !== 'pending')
        return null;
    if (record?.progress?.paused)
        return null;
    const stable = handover.previous ?? record?.rollout?.previous ?? null;
    const release = record?.release ?? { version: handover.version };
    deps.logger.warning(`The rollout of ${escapeLogText(release.version)} (deployment ${handover.id}) did not finish: restoring ${escapeLogText(stable?.version ?? 'the previous version')}.`);
    const status = await deps.target.status();
    const t0 = clock.now();
    if (status.canary || status.stable?.version !== stable?.version) {
        await deps.target.rollback(stable, ctx(deps.environment, handover.id, release, stable, 0));
    }
    const rollbackMs = clock.now() - t0;
    const reason = `The job ended before the rollout of ${release.version} finished; traffic is back on ${stable?.version ?? 'the previous version'}.`;
    await safeRecord(deps, handover.id, 'failure', reason);
    const found = { record, release, stable, weight: 0, view: view ?? { lastGood: null, active: [], history: [] } };
    return finish(deps, found, {
        result: 'rolled-back',
        reason,
        weight: 0,
        rollbackMs,
        startedAt,
        timeline: [event(clock, 'rolled-back', 'post step after the main step was stopped')]
    });
}
async function safeRecord(deps, id, state, description) {
    try {
        await deps.ledger.record(id, state, { description, logUrl: deps.logUrl, environmentUrl: deps.environmentUrl });
    }
    catch (err) {
        deps.logger.warning(`Could not record ${state} for deployment ${id}: ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeLogText */ .dD)((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err))}.`);
    }
}
function ctx(environment, deploymentId, release, previous, weight) {
    return {
        environment,
        deploymentId,
        version: release.version,
        previousVersion: previous?.version ?? '',
        weight,
        artifact: release.artifact,
        digest: release.digest
    };
}
function event(clock, name, detail) {
    return { at: new Date(clock.now()).toISOString(), event: name, detail };
}
async function finish(deps, found, r) {
    const clock = deps.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .realClock */ .d;
    const report = (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .buildReport */ .F)({
        environment: deps.environment,
        deploymentId: found.record?.id ?? '',
        result: r.result,
        reason: r.reason,
        release: found.release,
        previous: found.stable,
        plan: found.record?.rollout?.plan ?? null,
        timeline: r.timeline,
        startedAt: r.startedAt,
        finishedAt: new Date(clock.now()).toISOString(),
        weight: r.weight,
        rollbackMs: r.rollbackMs,
        freezeOverride: r.freezeOverride
    });
    return (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .announce */ .i)(report, {
        notifiers: deps.notifiers,
        logger: deps.logger,
        logUrl: deps.logUrl,
        deploymentUrl: deps.deploymentUrl,
        statusCommit: found.record?.rollout?.statusCommit
    });
}


/***/ }),

/***/ 7283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ buildReport),
/* harmony export */   i: () => (/* binding */ announce)
/* harmony export */ });
/* harmony import */ var _notify_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5120);

/** The one report shape every lifecycle path (rollout, promote, abort, restore, post step) returns. */
function buildReport(f) {
    return {
        schema: 'shipgate/rollout-report@1',
        environment: f.environment,
        deploymentId: f.deploymentId,
        result: f.result,
        reason: f.reason,
        release: f.release,
        previous: f.previous,
        plan: f.plan,
        steps: f.steps ?? [],
        timeline: f.timeline,
        startedAt: f.startedAt,
        finishedAt: f.finishedAt,
        weight: f.weight,
        rollbackMs: f.rollbackMs,
        ...(f.settled && f.settled.length ? { settled: f.settled } : {}),
        ...(f.firstRelease ? { firstRelease: true } : {}),
        ...(f.waves && f.waves.length ? { waves: f.waves } : {}),
        ...(f.freezeOverride ? { freezeOverride: f.freezeOverride } : {})
    };
}
/** Tells every notifier that the rollout finished; keeps the incident URL one of them gave back. */
async function announce(report, c) {
    const urls = await (0,_notify_js__WEBPACK_IMPORTED_MODULE_0__/* .notifyAll */ .x9)(c.notifiers, {
        type: 'finished',
        report,
        logUrl: c.logUrl,
        deploymentUrl: report.deploymentId ? c.deploymentUrl?.(report.deploymentId) : undefined,
        ...(c.statusCommit ? { statusCommit: c.statusCommit } : {})
    }, c.logger);
    if (urls[_notify_js__WEBPACK_IMPORTED_MODULE_0__/* .INCIDENT_NOTIFIER */ ._p])
        report.incidentUrl = urls[_notify_js__WEBPACK_IMPORTED_MODULE_0__/* .INCIDENT_NOTIFIER */ ._p];
    if (urls[_notify_js__WEBPACK_IMPORTED_MODULE_0__/* .REVERT_PR_NOTIFIER */ .L7])
        report.revertPrUrl = urls[_notify_js__WEBPACK_IMPORTED_MODULE_0__/* .REVERT_PR_NOTIFIER */ .L7];
    return report;
}


/***/ }),

/***/ 7476:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D0: () => (/* binding */ isOwnedBy),
/* harmony export */   Hc: () => (/* binding */ ownerName),
/* harmony export */   Hf: () => (/* binding */ currentOwner),
/* harmony export */   yx: () => (/* binding */ processOwnerState)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _process_alive_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3413);


/** This process as the owner of a rollout it begins. */
function currentOwner(env, runUrl) {
    return {
        ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID, runAttempt: env.GITHUB_RUN_ATTEMPT || '1' } : {}),
        ...(runUrl ? { runUrl } : {}),
        host: node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname(),
        pid: process.pid
    };
}
/** How an owner is named in sentences: its run's URL, else its process. */
function ownerName(owner) {
    if (!owner)
        return 'a run that recorded no owner';
    if (owner.runUrl)
        return `run ${owner.runUrl}`;
    if (owner.runId)
        return `run ${owner.runId}`;
    return `process ${owner.pid} on ${owner.host}`;
}
/** Same machine: the process tells. Another machine: nobody here can tell. */
function processOwnerState(owner) {
    if (owner.host !== node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname())
        return { state: 'unknown', detail: `it runs on another machine (${owner.host})` };
    if (owner.pid === process.pid)
        return { state: 'running', detail: 'it is this process' };
    return (0,_process_alive_js__WEBPACK_IMPORTED_MODULE_1__/* .processAlive */ .F)(owner.pid)
        ? { state: 'running', detail: `process ${owner.pid} is still running` }
        : { state: 'over', detail: `process ${owner.pid} has ended` };
}
/** Whether `owner` is `me` (same process on the same machine, in the same run). */
function isOwnedBy(me, owner) {
    return owner.host === me.host && owner.pid === me.pid && (owner.runId ?? '') === (me.runId ?? '');
}


/***/ }),

/***/ 5040:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ statusDescription),
/* harmony export */   CommitStatusNotifier: () => (/* binding */ CommitStatusNotifier)
/* harmony export */ });
/* unused harmony exports postCommitStatus, commitStatusStateFor */
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5585);

/** GitHub rejects status descriptions over 140 characters. */
function clip(text, max = 140) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
/**
 * Posts one commit status on ctx.statusSha (the PR head for pull_request events, so branch
 * protection can require the context). Throws one explained sentence on failure.
 */
async function postCommitStatus(client, ctx, s) {
    try {
        await client.rest.repos.createCommitStatus({
            owner: ctx.owner,
            repo: ctx.repo,
            sha: ctx.statusSha,
            state: s.state,
            context: s.context,
            description: clip(s.description),
            ...(s.targetUrl ? { target_url: s.targetUrl } : {})
        });
    }
    catch (err) {
        throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainGitHubError */ .Pm)(err, `set the commit status ${s.context}`, 'statuses'), { cause: err });
    }
}
const pct = (x) => `${(x * 100).toFixed(1)} %`;
/** e.g. "v2 rolled back at 10 %: canary error rate 30.0 % vs 0.9 % (tolerance 1 pt)". */
function statusDescription(report) {
    const v = report.release.version;
    const failing = report.steps.flatMap((s) => s.verdict.checks.map((c) => ({ c, weight: s.weight }))).find(({ c }) => c.decision === 'fail');
    const evidence = failing
        ? failing.c.signal === 'error-rate'
            ? `canary error rate ${pct(failing.c.canary)} vs ${pct(failing.c.stable)} (tolerance ${(failing.c.tolerance * 100).toFixed(1).replace(/\.0$/, '')} pt)`
            : `${failing.c.signal} canary ${failing.c.canary.toFixed(3)} vs ${failing.c.stable.toFixed(3)} (tolerance ${failing.c.tolerance})`
        : report.reason;
    switch (report.result) {
        case 'promoted':
            return clip(`${v} promoted to 100 % in ${report.environment}`);
        case 'rolled-back':
            return clip(`${v} rolled back at ${report.weight} %: ${evidence}`);
        case 'failed':
            return clip(`${v} failed: ${report.reason}`);
        case 'paused':
            return clip(`${v} paused at ${report.weight} %: ${report.reason}`);
    }
}
/** The commit status a rollout's result leaves on the commit (a paused rollout stays pending). */
function commitStatusStateFor(result) {
    return result === 'promoted' ? 'success' : result === 'rolled-back' ? 'failure' : result === 'failed' ? 'error' : 'pending';
}
class CommitStatusNotifier {
    o;
    name = 'commit-status';
    constructor(o) {
        this.o = o;
    }
    async notify(event) {
        const environment = event.type === 'started' ? event.environment : event.report.environment;
        const context = this.o.context ?? `shipgate/${environment}`;
        const targetUrl = event.logUrl ?? this.o.ctx.runUrl;
        if (event.type === 'started') {
            await postCommitStatus(this.o.client, this.o.ctx, {
                context,
                state: 'pending',
                description: `Rolling out ${event.version} to ${environment}`,
                targetUrl
            });
            return;
        }
        // A promote or abort from another run resolves the status where the rollout posted it.
        const ctx = event.statusCommit ? { ...this.o.ctx, statusSha: event.statusCommit } : this.o.ctx;
        await postCommitStatus(this.o.client, ctx, {
            context,
            state: commitStatusStateFor(event.report.result),
            description: statusDescription(event.report),
            targetUrl
        });
    }
}


/***/ }),

/***/ 2515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WebhookNotifier: () => (/* binding */ WebhookNotifier),
/* harmony export */   d: () => (/* binding */ webhookSecrets)
/* harmony export */ });
/* unused harmony export webhookBody */
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);
/* harmony import */ var _commit_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5040);


/**
 * The secrets in a webhook URL: the URL, and its path (with the query), whose last segment is the
 * key of a Slack-style hook; a path or segment shorter than 8 characters is not a secret of its own.
 */
function webhookSecrets(url) {
    const out = new Set();
    if (!url.trim())
        return [];
    out.add(url.trim());
    if (URL.canParse(url)) {
        const u = new URL(url);
        const credentials = urlCredentials(u);
        if (credentials) {
            out.add(credentials);
            const password = credentials.slice(credentials.indexOf(':') + 1);
            if (password.length >= 4)
                out.add(password);
            out.add(Buffer.from(credentials).toString('base64'));
        }
        const secretPath = `${u.pathname}${u.search}`;
        if (secretPath.length >= 8)
            out.add(secretPath);
        const last = u.pathname.split('/').filter(Boolean).at(-1);
        if (last && last.length >= 8)
            out.add(last);
    }
    return [...out];
}
/** `user:password` of a URL, decoded ('' when it has none). */
function urlCredentials(u) {
    const decode = (part) => {
        try {
            return decodeURIComponent(part);
        }
        catch {
            return part;
        }
    };
    return u.username || u.password ? `${decode(u.username)}:${decode(u.password)}` : '';
}
/** Slack mrkdwn: only &, < and > are special; untrusted text cannot form links or mentions. */
function slackEscape(text) {
    return (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .dD)(text, 500).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function webhookBody(report, logUrl) {
    const icon = report.result === 'promoted' ? ':white_check_mark:' : report.result === 'paused' ? ':double_vertical_bar:' : ':rotating_light:';
    const text = `${icon} Shipgate ${slackEscape(report.environment)}: ${slackEscape((0,_commit_status_js__WEBPACK_IMPORTED_MODULE_0__/* .statusDescription */ .$U)(report))}`;
    const fields = [
        `*Result:* ${report.result}`,
        `*Version:* ${slackEscape(report.release.version)}`,
        `*Previous:* ${slackEscape(report.previous?.version ?? 'none')}`,
        `*Weight:* ${report.weight} %`
    ];
    const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text } },
        { type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: f })) },
        { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(report.reason) }] }
    ];
    if (logUrl && /^https?:\/\//.test(logUrl))
        blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open run' }, url: logUrl }] });
    return { text, blocks };
}
/** Posts a Slack-compatible message; a failure is a warning and never changes the rollout. */
class WebhookNotifier {
    o;
    name = 'webhook';
    constructor(o) {
        this.o = o;
        if (!/^https?:\/\//.test(o.url))
            throw new Error('The webhook URL must start with https:// (or http://).');
    }
    async notify(event) {
        if (event.type !== 'finished')
            return;
        if (this.o.results && !this.o.results.includes(event.report.result))
            return;
        try {
            // fetch refuses a URL with credentials: they go in a Basic header, as curl sends them.
            const target = new URL(this.o.url);
            const credentials = urlCredentials(target);
            target.username = '';
            target.password = '';
            const res = await fetch(target, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}) },
                body: JSON.stringify(webhookBody(event.report, event.logUrl)),
                signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
                redirect: 'error'
            });
            await res.arrayBuffer().catch(() => undefined);
            if (!res.ok)
                this.o.logger.warning(`The webhook answered ${res.status}; the notification was not delivered.`);
        }
        catch (err) {
            // The error text of fetch can contain the URL: say only what kind of failure it was.
            const kind = err.name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs ?? 10_000} ms` : 'the request failed';
            this.o.logger.warning(`The webhook notification was not delivered: ${kind}.`);
        }
    }
}


/***/ }),

/***/ 3413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ processAlive),
/* harmony export */   x: () => (/* binding */ groupAlive)
/* harmony export */ });
/** Signal 0 probes without signalling; EPERM still means the target exists (someone else's). */
function exists(target) {
    try {
        process.kill(target, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
function processAlive(pid) {
    return pid > 0 && exists(pid);
}
/** Whether any process of the group is left. */
function groupAlive(pgid) {
    return pgid > 0 && exists(-pgid);
}


/***/ }),

/***/ 7584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q: () => (/* binding */ renderRolloutSummary)
});

// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/util/duration.ts
var duration = __webpack_require__(8515);
;// CONCATENATED MODULE: ./shared/summary/mermaid.ts
/** Mermaid xychart-beta blocks (GitHub renders them in job summaries, issues and check runs). */
function xyChart(options) {
    const fmt = (xs) => `[${xs.map((x) => (Number.isFinite(x) ? round(x) : 0)).join(', ')}]`;
    const all = [...(options.bars ?? []), ...options.lines.flat()].filter(Number.isFinite);
    const yMax = options.yMax ?? Math.max(1, ...all) * 1.1;
    const out = [
        '```mermaid',
        'xychart-beta',
        `  title "${options.title.replace(/"/g, "'")}"`,
        `  x-axis [${options.xLabels.map((l) => `"${l.replace(/"/g, "'")}"`).join(', ')}]`,
        `  y-axis "${options.yTitle}" 0 --> ${round(yMax)}`
    ];
    if (options.bars)
        out.push(`  bar ${fmt(options.bars)}`);
    for (const l of options.lines)
        out.push(`  line ${fmt(l)}`);
    out.push('```');
    return out.join('\n');
}
function round(x) {
    return Math.round(x * 100) / 100;
}

;// CONCATENATED MODULE: ./shared/summary/rollout-summary.ts



const ICON = { promoted: '✅', 'rolled-back': '↩️', failed: '❌', paused: '⏸️' };
/** The job summary (and check-run text) of a rollout: what happened, why, and the evidence. */
function renderRolloutSummary(report, options = {}) {
    const out = [];
    const title = options.title ?? `Shipgate rollout of ${report.release.version} to ${report.environment}`;
    out.push(`## ${ICON[report.result] ?? ''} ${(0,util_escape/* escapeMarkdown */.FV)(title)}: ${report.result}`);
    out.push('');
    out.push(`**Why:** ${(0,util_escape/* escapeMarkdown */.FV)(report.reason, 1000)}`);
    out.push('');
    if (report.firstRelease) {
        out.push('> **First release:** there was nothing to compare with (no stable version on the target or in the ledger, and no stable-url), so the canary was held to absolute bounds only: error rate within error-tolerance, and latency within max-latency when set.', '');
    }
    if (report.result === 'paused') {
        out.push(`> **Waiting for a person:** run canary-deploy for ${(0,util_escape/* escapeMarkdown */.FV)(report.environment)} with \`action: promote\` (to 100 %) or \`action: abort\` (back to ${(0,util_escape/* escapeMarkdown */.FV)(report.previous?.version ?? 'stable')}), from any run: the ledger holds the canary. The commit status stays pending until then.`, '');
    }
    if (report.settled?.length) {
        out.push('**Settled first** (unfinished rollouts of other runs):', '');
        for (const n of report.settled)
            out.push(`- ${(0,util_escape/* escapeMarkdown */.FV)(n, 400)}`);
        out.push('');
    }
    out.push(`| | |\n|---|---|\n| Environment | ${(0,util_escape/* escapeMarkdown */.FV)(report.environment)} |\n| Version | ${(0,util_escape/* escapeMarkdown */.FV)(report.release.version)}${report.release.digest ? ` (\`${report.release.digest.slice(0, 19)}…\`)` : ''} |\n| Previous stable | ${(0,util_escape/* escapeMarkdown */.FV)(report.previous?.version ?? '—')} |\n| Deployment | ${(0,util_escape/* escapeMarkdown */.FV)(report.deploymentId || '—')} |\n| Final canary weight | ${report.weight} % |` +
        (report.rollbackMs !== null ? `\n| Verdict → stable at 100 % | ${report.rollbackMs} ms |` : '') +
        (report.incidentUrl ? `\n| Incident | ${report.incidentUrl} |` : '') +
        (report.revertPrUrl ? `\n| Revert PR | ${report.revertPrUrl} |` : '') +
        (report.freezeOverride
            ? `\n| Freeze overridden | ${(0,util_escape/* escapeMarkdown */.FV)(report.freezeOverride.window)} (${report.freezeOverride.start} to ${report.freezeOverride.end}): ${(0,util_escape/* escapeMarkdown */.FV)(report.freezeOverride.reason, 300)} |`
            : ''));
    if (report.waves?.length) {
        out.push('', '### Waves', '', '| Wave | Targets | Result | Steps |', '|---|---|---|---|');
        report.waves.forEach((w, i) => {
            const steps = w.steps.map((k) => `${report.steps[k]?.weight ?? '?'} %`).join(', ') || '—';
            out.push(`| ${i + 1}. ${(0,util_escape/* escapeMarkdown */.FV)(w.name)} | ${(0,util_escape/* escapeMarkdown */.FV)(w.targets.join(', '))} | ${WAVE_RESULTS[w.result]} | ${steps} |`);
        });
    }
    if (report.steps.length) {
        out.push('', '### Steps', '');
        out.push('| Step | Weight | Canary requests | Stable requests | Canary errors | Stable errors | Canary p95 | Stable p95 | Verdict | Reason |');
        out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
        for (const s of report.steps)
            out.push(stepRow(s));
        const notes = report.steps.flatMap((s) => {
            const lines = [];
            const where = s.wave !== undefined && report.waves?.[s.wave] ? `, wave ${(0,util_escape/* escapeMarkdown */.FV)(report.waves[s.wave].name)}` : '';
            if (s.sources && Object.keys(s.sources).length) {
                const list = Object.entries(s.sources).map(([name, n]) => `${(0,util_escape/* escapeMarkdown */.FV)(SOURCE_NAMES[name] ?? name)}: ${n}`);
                lines.push(`- Step ${s.index + 1} (${s.weight} %${where}) evidence — ${list.join(', ')}`);
            }
            if (s.baseline)
                lines.push(`- Step ${s.index + 1} (${s.weight} %${where}) baseline — ${(0,util_escape/* escapeMarkdown */.FV)(s.baseline, 400)}`);
            return lines;
        });
        if (notes.length)
            out.push('', ...notes);
        out.push('', evidenceTable(report.steps[report.steps.length - 1]));
        out.push('', weightChart(report));
        const last = report.steps[report.steps.length - 1];
        if (last.looks.length > 1)
            out.push('', evidenceChart(last));
        const failing = report.steps.flatMap((s) => s.failingSamples ?? []).slice(0, 5);
        if (failing.length) {
            out.push('', '<details><summary>Sample failing canary responses (untrusted text, escaped)</summary>', '');
            for (const f of failing)
                out.push(`- ${f.status || 'no response'}: ${(0,util_escape/* escapeMarkdown */.FV)(f.detail || '(empty)', 200)}`);
            out.push('', '</details>');
        }
    }
    if (report.timeline.length) {
        out.push('', '### Timeline', '', '| Time (UTC) | Event | Detail |', '|---|---|---|');
        for (const e of report.timeline)
            out.push(`| ${e.at.slice(11, 23)} | ${(0,util_escape/* escapeMarkdown */.FV)(e.event)} | ${(0,util_escape/* escapeMarkdown */.FV)(e.detail ?? '', 400)} |`);
    }
    if (options.reportPath)
        out.push('', `Full JSON report: \`${(0,util_escape/* escapeMarkdown */.FV)(options.reportPath)}\``);
    return out.join('\n') + '\n';
}
const WAVE_RESULTS = {
    promoted: 'promoted',
    'rolled-back': 'rolled back',
    failed: 'failed (restoring failed too: check by hand)',
    'not-started': 'not started'
};
/** How each signal source reads in the summary. */
const SOURCE_NAMES = {
    nginx: 'customer requests in the nginx access log',
    haproxy: 'customer requests counted by HAProxy',
    'local-proxy': 'requests through the local proxy',
    probe: 'probes',
    prometheus: 'Prometheus counters',
    'earlier-steps': 'stable requests recorded at earlier steps'
};
function pct(x) {
    return `${(x * 100).toFixed(x < 0.001 && x > 0 ? 2 : 1)} %`;
}
function ms(x) {
    return x === null ? '—' : `${Math.round(x)} ms`;
}
function errs(s) {
    return s.requests ? `${pct(s.errorRate)} (${s.errors})` : '—';
}
function stepRow(s) {
    const v = s.verdict.decision === 'continue' ? (s.decidedByPolicy ? 'inconclusive' : '…') : s.verdict.decision;
    return `| ${s.index + 1} | ${s.weight} % | ${s.canary.requests} | ${s.stable.requests} | ${errs(s.canary)} | ${errs(s.stable)} | ${ms(s.canary.p95Ms)} | ${ms(s.stable.p95Ms)} | ${v} (${(0,duration/* formatDuration */.a)(s.durationMs)}) | ${(0,util_escape/* escapeMarkdown */.FV)(s.verdict.reason, 300)} |`;
}
function evidenceTable(s) {
    const rows = [
        `**Evidence of the deciding step (${s.weight} %)** — canary p50/p95/p99 ${ms(s.canary.p50Ms)} / ${ms(s.canary.p95Ms)} / ${ms(s.canary.p99Ms)}, stable ${ms(s.stable.p50Ms)} / ${ms(s.stable.p95Ms)} / ${ms(s.stable.p99Ms)}`,
        '',
        '| Check | Decision | Canary | Stable | Tolerance | Statistic | Boundary | Explanation |',
        '|---|---|---:|---:|---:|---:|---:|---|'
    ];
    for (const c of s.verdict.checks) {
        rows.push(`| ${(0,util_escape/* escapeMarkdown */.FV)(c.signal)} | ${c.decision} | ${num(c.canary)} | ${num(c.stable)} | ${num(c.tolerance)} | ${num(c.statistic)} | ${num(c.boundary)} | ${(0,util_escape/* escapeMarkdown */.FV)(c.explanation, 400)} |`);
    }
    return rows.join('\n');
}
function num(x) {
    if (!Number.isFinite(x))
        return String(x);
    if (Math.abs(x) >= 1000)
        return x.toExponential(2);
    return String(Math.round(x * 10000) / 10000);
}
function weightChart(report) {
    const labels = report.steps.map((s) => `${s.weight}%`);
    return xyChart({
        title: 'Canary weight (bars, %) and error rate (lines: canary, stable; %)',
        xLabels: labels,
        yTitle: '%',
        yMax: 100,
        bars: report.steps.map((s) => s.weight),
        lines: [report.steps.map((s) => s.canary.errorRate * 100), report.steps.map((s) => s.stable.errorRate * 100)]
    });
}
function evidenceChart(s) {
    const keys = Object.keys(s.looks[s.looks.length - 1].statistics);
    const looks = s.looks.length > 30 ? s.looks.filter((_, i) => i % Math.ceil(s.looks.length / 30) === 0 || i === s.looks.length - 1) : s.looks;
    return xyChart({
        title: `Evidence over time at ${s.weight} % (log e-value per check: ${keys.join(', ')}; a check decides when its line crosses its boundary, log of the boundary in the table)`,
        xLabels: looks.map((l) => `${(l.atMs / 1000).toFixed(0)}s`),
        yTitle: 'log e-value',
        yMax: Math.max(6, ...looks.flatMap((l) => Object.values(l.statistics)).filter(Number.isFinite)) * 1.1,
        lines: keys.map((k) => looks.map((l) => Math.max(0, l.statistics[k] ?? 0)))
    });
}


/***/ })

};
