export const id = 778;
export const ids = [778];
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


/***/ })

};
