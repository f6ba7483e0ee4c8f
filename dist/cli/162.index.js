export const id = 162;
export const ids = [162];
export const modules = {

/***/ 1162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   historyCommand: () => (/* binding */ historyCommand)
/* harmony export */ });
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7761);

/** Deployments recorded in the ledger, newest first. */
async function historyCommand(rt, args) {
    const { common, ledger } = await (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .openLedger */ .a)(rt);
    const envs = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .environments */ .d)(common, args.inputs.environment);
    const all = [];
    for (const env of envs)
        all.push(...(await ledger.history(env, 50)));
    all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const text = all.length
        ? all
            .map((r) => `${r.id.padStart(4)}  ${r.createdAt}  ${r.environment.padEnd(12)}  ${r.kind.padEnd(8)}  ${r.release.version.padEnd(16)}  ${r.state.padEnd(11)}  ${r.description ?? ''}`)
            .join('\n')
        : `No deployments of ${envs.join(', ')} in ${ledger.where}.`;
    return { json: all, text };
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
