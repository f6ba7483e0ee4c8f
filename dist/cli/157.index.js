export const id = 157;
export const ids = [157];
export const modules = {

/***/ 3157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   localCommand: () => (/* binding */ localCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1297);
/* harmony import */ var _glue_composition_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7611);
/* harmony import */ var _targets_local_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3291);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9006);





/** `local status` and `local stop`: the local target's daemon on this machine. */
async function localCommand(rt, args) {
    const sub = args.command[1];
    const common = (0,_inputs_common_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommon */ .dw)(await rt.inputs());
    const env = common.environment;
    const stateDir = (0,_targets_local_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .localStateDir */ .Ok)(node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve((0,_glue_composition_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveStateDir */ .JT)(rt, common.stateDir)), env);
    if (sub === 'status') {
        const { LocalTarget } = await __webpack_require__.e(/* import() */ 510).then(__webpack_require__.bind(__webpack_require__, 1129));
        const target = new LocalTarget({ stateDir, environment: env, startCommand: '', logger: rt.logger });
        const s = await target.status();
        return {
            json: s,
            text: `${env}: stable ${s.stable?.version ?? '—'}, canary ${s.canary?.version ?? '—'} at ${s.weight} %${s.urls?.entry ? `, entry ${s.urls.entry}` : ''}`
        };
    }
    if (sub === 'stop') {
        const { stopLocal } = await __webpack_require__.e(/* import() */ 510).then(__webpack_require__.bind(__webpack_require__, 1129));
        await stopLocal(stateDir);
        return { json: { environment: env, stopped: true }, text: `Stopped the local target of ${env}.` };
    }
    throw new _args_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb(`"shipgate local" takes status or stop${sub ? `, not "${sub.slice(0, 40)}"` : ''}.`);
}


/***/ }),

/***/ 3291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ok: () => (/* binding */ localStateDir),
/* harmony export */   mt: () => (/* binding */ statePaths),
/* harmony export */   t_: () => (/* binding */ fileSafeName)
/* harmony export */ });
/* unused harmony export socketPathFor */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * The local target's state dir for one environment, under the actions' state-dir
 * (`<stateRoot>/local/<environment>`): the one place that says where it is.
 */
function localStateDir(stateRoot, environment) {
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(stateRoot, 'local', environment);
}
/** Unix socket paths are limited to about 107 bytes; leave room. */
const MAX_SOCKET_PATH = 100;
function statePaths(stateDir) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(stateDir);
    return {
        root,
        socket: socketPathFor(root),
        daemonInfo: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.json'),
        lock: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.lock'),
        daemonLog: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.log'),
        registry: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'versions.json'),
        roles: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'roles.json'),
        entry: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'entry.json'),
        logs: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'logs'),
        releases: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'releases')
    };
}
/**
 * `<stateDir>/control.sock` when it fits; else a short dir under the temp dir derived from the
 * state dir, so every process computes the same path without reading anything first.
 */
function socketPathFor(stateDir) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(stateDir);
    const direct = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'control.sock');
    if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH)
        return direct;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(root).digest('hex').slice(0, 16);
    let base = node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir();
    if (Buffer.byteLength(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(base, `sg-${hash}`, 'control.sock')) > MAX_SOCKET_PATH)
        base = '/tmp';
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(base, `sg-${hash}`, 'control.sock');
}
/** A version name as a single, harmless path segment (logs/<v>.log, releases/<v>/). */
function fileSafeName(version) {
    const cleaned = version.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 100);
    return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}


/***/ })

};
