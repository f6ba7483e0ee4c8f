export const id = 87;
export const ids = [87];
export const modules = {

/***/ 87:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   replayCommand: () => (/* binding */ replayCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _inputs_replay_overrides_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1759);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9006);




/** Reports are a few MB at most (the evidence is capped); anything far larger is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;
/** `replay <report.json>`: the recorded samples judged again with other analysis settings. */
async function replayCommand(rt, args) {
    const file = args.command[1];
    if (!file)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb('"shipgate replay" needs the report to replay: shipgate replay .shipgate/reports/<file>.json [--error-tolerance 2%] ...');
    const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(rt.workspace, file);
    let report;
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full).size > MAX_REPORT_BYTES)
            throw new Error('it is larger than 64 MiB, which no rollout report is');
        report = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(full, 'utf8'));
    }
    catch (err) {
        throw new Error(`Cannot read the report ${file}: ${err.message}.`, { cause: err });
    }
    if (report?.schema !== 'shipgate/rollout-report@1')
        throw new Error(`${file} is not a Shipgate rollout report (schema shipgate/rollout-report@1).`);
    const values = {};
    for (const [name, value] of Object.entries(args.inputs)) {
        if (value === undefined)
            continue;
        if (!(name in _inputs_replay_overrides_js__WEBPACK_IMPORTED_MODULE_2__.REPLAY_OVERRIDES))
            throw new _args_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`--${name} does not change a replay: it can change ${Object.keys(_inputs_replay_overrides_js__WEBPACK_IMPORTED_MODULE_2__.REPLAY_OVERRIDES)
                .map((n) => `--${n}`)
                .join(', ')}.`);
        values[name] = value;
    }
    const [{ parseReplayOverrides }, { replayReport, renderReplay }] = await Promise.all([
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 1759)),
        Promise.all(/* import() */[__webpack_require__.e(181), __webpack_require__.e(358)]).then(__webpack_require__.bind(__webpack_require__, 2358))
    ]);
    const result = replayReport(report, parseReplayOverrides(values));
    return { json: result, text: renderReplay(result) };
}


/***/ }),

/***/ 1759:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   REPLAY_OVERRIDES: () => (/* binding */ REPLAY_OVERRIDES),
/* harmony export */   parseReplayOverrides: () => (/* binding */ parseReplayOverrides)
/* harmony export */ });
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6033);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3841);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8229);



/** The analysis settings `shipgate replay` may change, by input name, and where each goes in the policy. */
const REPLAY_OVERRIDES = {
    'error-tolerance': 'errorTolerance',
    'latency-tolerance': 'latencyTolerance',
    alpha: 'alpha',
    beta: 'beta',
    'min-samples': 'minSamples',
    'max-latency': 'maxLatencyMs',
    judge: 'judge',
    'on-inconclusive': 'onInconclusive'
};
/**
 * The replay's settings, named and written as the action's inputs (`error-tolerance: 5%`,
 * `alpha: 0.001`, …) and read by the same typed parsing, so a bad value gets the action's own
 * sentence. Values left empty keep the recorded setting. Throws InputError.
 */
function parseReplayOverrides(values) {
    const inputs = new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .Inputs */ .G((0,_source_js__WEBPACK_IMPORTED_MODULE_2__/* .mapSource */ .GU)(values));
    const names = Object.keys(REPLAY_OVERRIDES);
    const out = {};
    for (const [name, raw] of Object.entries(values)) {
        if (!Object.prototype.hasOwnProperty.call(REPLAY_OVERRIDES, name)) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, raw, `a replay can change only ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);
        }
        if (raw.trim() === '')
            continue;
        out[REPLAY_OVERRIDES[name]] = inputs.get(name);
    }
    return out;
}


/***/ })

};
