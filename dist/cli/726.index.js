export const id = 726;
export const ids = [726];
export const modules = {

/***/ 6726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   validateCommand: () => (/* binding */ validateCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _inputs_catalogue_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2539);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9006);




/** `validate`: every problem of the config file with its line and column; exit 1 when there is one. */
async function validateCommand(rt, args) {
    const shown = args.inputs.config || args.command[1] || _inputs_catalogue_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_CONFIG_PATH */ .Bi;
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(rt.workspace, shown);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        throw new Error(`No config file ${shown}${args.inputs.config || args.command[1] ? '' : ' (the default; name another with --config)'}.`);
    const { validateConfigText } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(463), __webpack_require__.e(860)]).then(__webpack_require__.bind(__webpack_require__, 6860));
    const problems = validateConfigText((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    const text = problems.length ? problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n') : `${shown} is valid.`;
    if (problems.length) {
        // The problems are the output; the exit code says the file is not usable.
        throw new _args_js__WEBPACK_IMPORTED_MODULE_3__/* .FindingsError */ .NH(`${shown} has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, {
            json: { file: shown, valid: false, problems },
            text
        });
    }
    return { json: { file: shown, valid: true, problems: [] }, text };
}


/***/ })

};
