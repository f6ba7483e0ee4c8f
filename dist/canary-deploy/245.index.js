export const id = 245;
export const ids = [245];
export const modules = {

/***/ 4245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalOutcomesSource: () => (/* binding */ LocalOutcomesSource)
/* harmony export */ });
/* harmony import */ var _targets_local_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3076);

/**
 * Every request the local target's proxy saw (customer traffic through the entry port and probes
 * through the side ports), attributed to canary or stable. Reads only what is new since start().
 */
class LocalOutcomesSource {
    name = 'local-proxy';
    client;
    cursor = 0;
    constructor(options) {
        const o = typeof options === 'string' ? { stateDir: options } : options;
        if (o.client)
            this.client = o.client;
        else if (o.stateDir)
            this.client = new _targets_local_client_js__WEBPACK_IMPORTED_MODULE_0__/* .DaemonClient */ .k(o.stateDir);
        else
            throw new Error('LocalOutcomesSource needs the local target state dir or a client.');
    }
    /** Only what happens from now on counts; no daemon yet means nothing happened yet. */
    async start(_step) {
        const s = await this.client.ping(5000);
        this.cursor = s?.lastSeq ?? 0;
    }
    /** [] when the daemon cannot be reached: "no data", which the judge never reads as healthy. */
    async read() {
        const out = [];
        for (;;) {
            let page;
            try {
                page = await this.client.samples(this.cursor);
            }
            catch {
                break;
            }
            for (const r of page.records) {
                out.push({
                    side: r.side,
                    ok: r.status > 0 && r.status < 500,
                    status: r.status,
                    latencyMs: r.latencyMs,
                    at: r.at,
                    source: this.name,
                    ...(r.detail !== undefined ? { detail: r.detail } : {})
                });
            }
            this.cursor = page.last;
            if (!page.more || page.records.length === 0)
                break;
        }
        return out;
    }
    async stop() { }
}


/***/ }),

/***/ 3076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ DaemonClient)
/* harmony export */ });
/* unused harmony export DaemonNotRunning */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3291);



/** The control socket did not answer: no daemon runs for this state dir. */
class DaemonNotRunning extends Error {
}
/** Talks to a local target daemon over its Unix socket (HTTP/JSON). */
class DaemonClient {
    stateDir;
    constructor(stateDir) {
        this.stateDir = (0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .statePaths */ .mt)(stateDir).root;
    }
    /** The recorded socket wins (the daemon may have had another temp dir); else the computed one. */
    get socketPath() {
        const paths = (0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .statePaths */ .mt)(this.stateDir);
        try {
            const info = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(paths.daemonInfo, 'utf8'));
            const recorded = info.socket || info.socketPath;
            if (typeof recorded === 'string' && recorded)
                return recorded;
        }
        catch {
            // not started yet
        }
        return paths.socket;
    }
    request(method, urlPath, body, options = {}) {
        const text = body === undefined ? '' : JSON.stringify(body);
        return new Promise((resolve, reject) => {
            const req = node_http__WEBPACK_IMPORTED_MODULE_1___default().request({
                socketPath: this.socketPath,
                method,
                path: urlPath,
                headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
                timeout: options.timeoutMs ?? 30_000,
                signal: options.signal,
                agent: false
            }, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    let parsed;
                    try {
                        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
                    }
                    catch {
                        reject(new Error(`The local target daemon answered ${method} ${urlPath} with something that is not JSON (HTTP ${res.statusCode}).`));
                        return;
                    }
                    if ((res.statusCode ?? 500) >= 400) {
                        const message = parsed.error ?? `HTTP ${res.statusCode}`;
                        reject(new Error(message));
                    }
                    else
                        resolve(parsed);
                });
                res.on('error', reject);
            });
            req.on('timeout', () => req.destroy(new Error(`The local target daemon did not answer ${method} ${urlPath} within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s.`)));
            req.on('error', (err) => {
                if (err.name === 'AbortError')
                    reject(new Error(`The request ${method} ${urlPath} to the local target was cancelled.`));
                else if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')
                    reject(new DaemonNotRunning(`No local target daemon runs for ${this.stateDir}.`));
                else
                    reject(err);
            });
            req.end(text);
        });
    }
    async ping(timeoutMs = 2000) {
        try {
            return await this.request('GET', '/status', undefined, { timeoutMs });
        }
        catch {
            return null;
        }
    }
    status() {
        return this.request('GET', '/status', undefined, { timeoutMs: 10_000 });
    }
    deploy(body, signal) {
        // Covers the readiness wait plus unpacking a large artifact.
        return this.request('POST', '/deploy', body, { timeoutMs: body.readyTimeoutMs + 150_000, signal });
    }
    setWeight(percent) {
        return this.request('POST', '/weight', { percent });
    }
    promote() {
        return this.request('POST', '/promote', {}, { timeoutMs: 60_000 });
    }
    /** No AbortSignal on purpose: a rollback runs to the end even when the job is cancelled. */
    rollback(body) {
        return this.request('POST', '/rollback', body, { timeoutMs: body.readyTimeoutMs + 150_000 });
    }
    samples(after, limit) {
        const q = `after=${Math.max(0, Math.floor(after))}${limit ? `&limit=${limit}` : ''}`;
        return this.request('GET', `/samples?${q}`, undefined, { timeoutMs: 10_000 });
    }
    shutdown() {
        return this.request('POST', '/shutdown', {}, { timeoutMs: 5000 });
    }
}


/***/ }),

/***/ 3291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mt: () => (/* binding */ statePaths)
/* harmony export */ });
/* unused harmony exports socketPathFor, fileSafeName */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



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
