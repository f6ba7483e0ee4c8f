export const id = 707;
export const ids = [707];
export const modules = {

/***/ 4707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployCommand: () => (/* binding */ deployCommand)
/* harmony export */ });
/**
 * rollout, promote, abort, rollback: the actions' own glue, run with the CLI's runtime, so a
 * rollout from GitLab CI, Jenkins or a laptop is the same rollout as from a workflow.
 */
async function deployCommand(rt, args, verb) {
    if (verb === 'rollback') {
        const { autoRollbackAction } = await Promise.all(/* import() */[__webpack_require__.e(167), __webpack_require__.e(503), __webpack_require__.e(479), __webpack_require__.e(612), __webpack_require__.e(132)]).then(__webpack_require__.bind(__webpack_require__, 4132));
        return autoRollbackAction(rt);
    }
    if (verb === 'rollout') {
        if (args.inputs.action && args.inputs.action !== 'deploy')
            throw new Error(`--action ${args.inputs.action} does not go with "shipgate rollout": use "shipgate ${args.inputs.action}".`);
        const { rolloutAction } = await Promise.all(/* import() */[__webpack_require__.e(167), __webpack_require__.e(503), __webpack_require__.e(479), __webpack_require__.e(181), __webpack_require__.e(612), __webpack_require__.e(806), __webpack_require__.e(924)]).then(__webpack_require__.bind(__webpack_require__, 5924));
        return rolloutAction(rt);
    }
    const { canaryDeploy } = await Promise.all(/* import() */[__webpack_require__.e(167), __webpack_require__.e(503), __webpack_require__.e(479), __webpack_require__.e(181), __webpack_require__.e(612), __webpack_require__.e(806)]).then(__webpack_require__.bind(__webpack_require__, 8806));
    await canaryDeploy(rt);
}


/***/ })

};
