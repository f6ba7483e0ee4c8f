export const id = 348;
export const ids = [348];
export const modules = {

/***/ 6348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   doraCommand: () => (/* binding */ doraCommand)
/* harmony export */ });
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7761);

/**
 * `dora`: the four DORA metrics of each environment from the ledger, with commit times from the
 * GitHub API when the ledger is GitHub's (no checkout needed), else from `git log` here.
 */
async function doraCommand(rt, args) {
    const { common, ledger, gh } = await (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .openLedger */ .a)(rt);
    const dora = await __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 3377));
    const now = args.cli.until ? dora.parseSince(args.cli.until, new Date()) : new Date();
    const commits = gh
        ? new dora.GitHubCompareCommitTimes({ client: gh.client, owner: gh.ctx.owner, repo: gh.ctx.repo })
        : new dora.GitLogCommitTimes({ cwd: rt.workspace });
    const reports = [];
    for (const environment of (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .environments */ .d)(common, args.inputs.environment))
        reports.push(await dora.doraReport({ ledger, commits, environment, since: args.cli.since ?? '90d', now }));
    // Markdown reads well on a terminal too, and goes into a job summary as it is (--markdown).
    const text = reports.map((r) => dora.renderMarkdown(r)).join('\n\n');
    return { json: reports.length === 1 ? reports[0] : reports, text };
}


/***/ }),

/***/ 7761:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ openLedger),
/* harmony export */   d: () => (/* binding */ environments)
/* harmony export */ });
/* harmony import */ var _inputs_common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1297);
/* harmony import */ var _glue_composition_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7611);


/** The ledger the actions would use with these flags and config: GitHub Deployments with GITHUB_TOKEN and --repo, else the file. */
async function openLedger(rt) {
    const common = (0,_inputs_common_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCommon */ .dw)(await rt.inputs());
    const gh = (0,_glue_composition_js__WEBPACK_IMPORTED_MODULE_1__/* .gitHubAccess */ .gz)(rt, common.githubToken);
    const ledger = await (0,_glue_composition_js__WEBPACK_IMPORTED_MODULE_1__/* .buildLedger */ .ES)(rt, common.ledger, common.ledgerFile, (0,_glue_composition_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveStateDir */ .JT)(rt, common.stateDir), gh);
    return { common, ledger, gh };
}
/** `--environment a,b` or the configured one. */
function environments(common, flag) {
    const list = (flag ?? common.environment)
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
    return [...new Set(list)];
}


/***/ })

};
