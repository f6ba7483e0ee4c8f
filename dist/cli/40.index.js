export const id = 40;
export const ids = [40];
export const modules = {

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
