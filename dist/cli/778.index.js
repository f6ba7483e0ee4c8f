export const id = 778;
export const ids = [778,40];
export const modules = {

/***/ 3778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CheckRunNotifier: () => (/* binding */ CheckRunNotifier)
/* harmony export */ });
/* unused harmony export clipOutput */
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5585);
/* harmony import */ var _commit_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5040);


const MAX_OUTPUT = 65_535;
/** Clips Markdown under GitHub's output limit without splitting a surrogate pair. */
function clipOutput(text, max = MAX_OUTPUT) {
    if (text.length <= max)
        return text;
    const note = '\n\n… (truncated; the full report is in the job summary and the report artifact)';
    let cut = max - note.length;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        cut--;
    return text.slice(0, cut) + note;
}
/**
 * Optional check run beside the commit status. The commit status is the reliable gate: a check
 * run created with GITHUB_TOKEN may land in another workflow's check suite.
 */
class CheckRunNotifier {
    o;
    name = 'check-run';
    id = null;
    constructor(o) {
        this.o = o;
    }
    async notify(event) {
        const { owner, repo, statusSha } = this.o.ctx;
        const detailsUrl = event.logUrl ?? this.o.ctx.runUrl;
        try {
            if (event.type === 'started') {
                const res = await this.o.client.rest.checks.create({
                    owner,
                    repo,
                    name: this.o.name,
                    head_sha: statusSha,
                    status: 'in_progress',
                    external_id: event.deploymentId,
                    ...(detailsUrl ? { details_url: detailsUrl } : {}),
                    output: { title: `Rolling out ${event.version}`, summary: `Canary rollout of ${event.version} to ${event.environment} is in progress.` }
                });
                this.id = res.data.id;
                return;
            }
            const r = event.report;
            const conclusion = r.result === 'promoted' ? 'success' : r.result === 'paused' ? 'neutral' : 'failure';
            const output = {
                title: (0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .statusDescription */ .$U)(r),
                summary: clipOutput(r.reason ? `${(0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .statusDescription */ .$U)(r)}\n\n${r.reason}` : (0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .statusDescription */ .$U)(r)),
                text: clipOutput(this.o.renderMarkdown(r))
            };
            if (this.id !== null) {
                await this.o.client.rest.checks.update({
                    owner,
                    repo,
                    check_run_id: this.id,
                    status: 'completed',
                    conclusion,
                    completed_at: new Date().toISOString(),
                    output
                });
            }
            else {
                await this.o.client.rest.checks.create({
                    owner,
                    repo,
                    name: this.o.name,
                    head_sha: statusSha,
                    status: 'completed',
                    conclusion,
                    completed_at: new Date().toISOString(),
                    external_id: r.deploymentId,
                    ...(detailsUrl ? { details_url: detailsUrl } : {}),
                    output
                });
            }
        }
        catch (err) {
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainGitHubError */ .Pm)(err, `publish the check run ${this.o.name}`, 'checks'), { cause: err });
        }
    }
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


/***/ })

};
