export const id = 602;
export const ids = [602];
export const modules = {

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


/***/ }),

/***/ 4602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   statusCommand: () => (/* binding */ statusCommand)
/* harmony export */ });
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7761);

/** What is live, in progress or paused per environment, from the ledger (never from this machine's memory). */
async function statusCommand(rt, args) {
    const { common, ledger } = await (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .openLedger */ .a)(rt);
    const out = [];
    for (const env of (0,_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .environments */ .d)(common, args.inputs.environment))
        out.push(summarise(env, await ledger.view(env)));
    const text = out.map(render).join('\n\n') + `\n\n(${ledger.where})`;
    return { json: { ledger: ledger.where, environments: out }, text };
}
function summarise(environment, view) {
    const last = view.history[0] ?? null;
    return {
        environment,
        live: view.lastGood
            ? { version: view.lastGood.release.version, deploymentId: view.lastGood.id, since: view.lastGood.updatedAt, commit: view.lastGood.release.commit }
            : null,
        unfinished: view.active.map((r) => ({
            version: r.release.version,
            deploymentId: r.id,
            state: r.state,
            weight: r.progress?.weight ?? null,
            step: r.progress ? `${r.progress.step}/${r.progress.steps}` : null,
            paused: r.progress?.paused === true,
            startedAt: r.createdAt,
            logUrl: r.logUrl
        })),
        last: last
            ? { version: last.release.version, deploymentId: last.id, kind: last.kind, state: last.state, at: last.updatedAt, description: last.description }
            : null
    };
}
function render(s) {
    const lines = [`${s.environment}`];
    lines.push(`  live:   ${s.live ? `${s.live.version} (deployment ${s.live.deploymentId}, since ${s.live.since})` : 'nothing known to be good yet'}`);
    if (s.unfinished.length === 0)
        lines.push('  canary: none');
    for (const u of s.unfinished) {
        const where = u.weight === null ? u.state : `${u.weight} % at step ${u.step}`;
        lines.push(`  canary: ${u.version} (deployment ${u.deploymentId}) ${u.paused ? `PAUSED at ${where}: shipgate promote or shipgate abort` : `in progress, ${where}`}, started ${u.startedAt}${u.logUrl ? `, ${u.logUrl}` : ''}`);
    }
    if (s.last && s.last.deploymentId !== s.live?.deploymentId && !s.unfinished.some((u) => u.deploymentId === s.last?.deploymentId))
        lines.push(`  last:   ${s.last.kind} of ${s.last.version} ended ${s.last.state} at ${s.last.at}${s.last.description ? `: ${s.last.description}` : ''}`);
    return lines.join('\n');
}


/***/ })

};
