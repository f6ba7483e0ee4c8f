export const id = 510;
export const ids = [510];
export const modules = {

/***/ 3413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ processAlive),
/* harmony export */   x: () => (/* binding */ groupAlive)
/* harmony export */ });
/** Signal 0 probes without signalling; EPERM still means the target exists (someone else's). */
function exists(target) {
    try {
        process.kill(target, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
function processAlive(pid) {
    return pid > 0 && exists(pid);
}
/** Whether any process of the group is left. */
function groupAlive(pgid) {
    return pgid > 0 && exists(-pgid);
}


/***/ }),

/***/ 831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ childEnv)
/* harmony export */ });
/** Variables a `run:` step does not get: action inputs (tokens) and the runner's own credentials. */
const WITHHELD_FROM_STEPS = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/;
/** All that a service of the local target gets from its daemon. */
const SERVICE_KEYS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'USER', 'TZ'];
/** All that the daemon gets from the action (SHIPGATE_DEBUG turns on its debug log). */
const DAEMON_KEYS = [...SERVICE_KEYS, 'SHIPGATE_DEBUG'];
/** Used when the base has no PATH, for the kinds that run commands through bash. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';
const RULES = {
    step: { keep: (key) => !WITHHELD_FROM_STEPS.test(key), defaultPath: true },
    daemon: { keep: (key) => DAEMON_KEYS.includes(key), defaultPath: false },
    service: { keep: (key) => SERVICE_KEYS.includes(key), defaultPath: true },
    tool: { keep: () => true, defaultPath: false }
};
function childEnv(base, options) {
    const rule = RULES[options.kind];
    const env = {};
    for (const [key, value] of Object.entries(base))
        if (value !== undefined && rule.keep(key))
            env[key] = value;
    if (rule.defaultPath)
        env.PATH ??= DEFAULT_PATH;
    return { ...env, ...options.extra };
}


/***/ }),

/***/ 1098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ waitGone),
/* harmony export */   a7: () => (/* binding */ signalProcess),
/* harmony export */   gv: () => (/* binding */ stopGroup),
/* harmony export */   i8: () => (/* binding */ signalGroup)
/* harmony export */ });
/* harmony import */ var _util_sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8464);
/* harmony import */ var _alive_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3413);


/** How long a stopped group gets between SIGTERM and SIGKILL, unless the caller says otherwise. */
const GRACE_MS = 3000;
/** Signals one process; a process that is already gone is not an error. */
function signalProcess(pid, signal) {
    if (pid <= 0)
        return;
    try {
        process.kill(pid, signal);
    }
    catch {
        // already gone
    }
}
/** Signals every process of a group (a child spawned `detached` leads its own); a gone group is not an error. */
function signalGroup(pgid, signal) {
    if (pgid <= 0)
        return;
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // already gone
    }
}
/**
 * Stops a whole process group: SIGTERM, then SIGKILL after the grace period. Resolves once no
 * process of the group is left (or after the SIGKILL had a moment to land).
 */
async function stopGroup(pgid, graceMs = GRACE_MS) {
    if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid))
            return;
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(50);
    }
    signalGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 40 && (0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid); i++)
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(25);
}
/** Waits up to `ms` for a process to exit; true when it is gone. */
async function waitGone(pid, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .processAlive */ .F)(pid))
            return true;
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(50);
    }
    return !(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .processAlive */ .F)(pid);
}


/***/ }),

/***/ 1129:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalTarget: () => (/* binding */ LocalTarget),
  localStateDir: () => (/* reexport */ local_paths/* localStateDir */.Ok),
  stopLocal: () => (/* binding */ stopLocal)
});

// UNUSED EXPORTS: DaemonClient, DaemonNotRunning, LocalOutcomesSource, resolveDaemonEntry

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./shared/process/alive.ts
var alive = __webpack_require__(3413);
// EXTERNAL MODULE: ./shared/process/env.ts
var env = __webpack_require__(831);
// EXTERNAL MODULE: ./shared/process/signal.ts
var signal = __webpack_require__(1098);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/util/log.ts
var log = __webpack_require__(8109);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: ./shared/targets/local/paths.ts
var local_paths = __webpack_require__(3291);
;// CONCATENATED MODULE: ./shared/targets/local/client.ts



/** The control socket did not answer: no daemon runs for this state dir. */
class DaemonNotRunning extends Error {
}
/** Talks to a local target daemon over its Unix socket (HTTP/JSON). */
class DaemonClient {
    stateDir;
    constructor(stateDir) {
        this.stateDir = (0,local_paths/* statePaths */.mt)(stateDir).root;
    }
    /** The recorded socket wins (the daemon may have had another temp dir); else the computed one. */
    get socketPath() {
        const paths = (0,local_paths/* statePaths */.mt)(this.stateDir);
        try {
            const info = JSON.parse((0,external_node_fs_.readFileSync)(paths.daemonInfo, 'utf8'));
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
            const req = external_node_http_default().request({
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
    samples(after, limit, timeoutMs = 10_000) {
        const q = `after=${Math.max(0, Math.floor(after))}${limit ? `&limit=${limit}` : ''}`;
        return this.request('GET', `/samples?${q}`, undefined, { timeoutMs });
    }
    shutdown() {
        return this.request('POST', '/shutdown', {}, { timeoutMs: 5000 });
    }
}

;// CONCATENATED MODULE: ./shared/targets/local/liveness.ts




/**
 * Liveness that does not mistake a zombie for a running process. A daemon killed outright leaves
 * its pid, and its versions' pids once they are stopped, as zombies until the machine's init
 * reaps them (a second or two under some container inits): signal 0 still succeeds on those, so
 * a restarted daemon would wait for a lock holder or a process group that runs nothing.
 * Linux tells through /proc; elsewhere signal 0 decides alone.
 */
/** "R", "S", "Z", ... from /proc/<pid>/stat; null when /proc cannot tell. */
function procState(pid) {
    try {
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
    }
    catch {
        return null;
    }
}
const dead = (state) => state === 'Z' || state === 'X' || state === 'x';
/** The process exists and is not a zombie. */
function processRunning(pid) {
    if (!(0,alive/* processAlive */.F)(pid))
        return false;
    const st = procState(pid);
    return st === null || !dead(st.state);
}
/** Some process of the group exists and is not a zombie. */
function groupRunning(pgid) {
    if (!groupAlive(pgid))
        return false;
    let entries;
    try {
        entries = readdirSync('/proc');
    }
    catch {
        return true;
    }
    let seen = false;
    for (const name of entries) {
        if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57)
            continue;
        const st = procState(Number(name));
        if (!st || st.pgrp !== pgid)
            continue;
        seen = true;
        if (!dead(st.state))
            return true;
    }
    // Signal 0 saw the group but /proc shows none of it: trust /proc only when it showed members.
    return !seen && entries.length === 0;
}
/** SIGTERM to a group, SIGKILL after the grace period; resolves once nothing of it runs. */
async function stopRunningGroup(pgid, graceMs = 3000) {
    if (!groupRunning(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!groupRunning(pgid))
            return;
        await sleep(50);
    }
    signalGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 40 && groupRunning(pgid); i++)
        await sleep(25);
}

;// CONCATENATED MODULE: ./shared/targets/local/outcomes.ts


/** How long one read waits for the daemon: a look comes every second, a lost daemon must show at the next one. */
const READ_TIMEOUT_MS = 3000;
/**
 * Every request the local target's proxy saw (customer traffic through the entry port and probes
 * through the side ports), attributed to canary or stable. Reads only what is new since start().
 *
 * The daemon that answered at start() must answer every read: when it is gone (killed, crashed,
 * hung) or another one answers (restarted, its counts begun again), read() throws at once with
 * one sentence, so the step ends as a target failure instead of the judge waiting on counts that
 * no longer move.
 */
class LocalOutcomesSource {
    name = 'local-proxy';
    client;
    expectDaemon;
    cursor = 0;
    /** The daemon seen at start(); null when none ran then. */
    daemonPid = null;
    constructor(options) {
        const o = typeof options === 'string' ? { stateDir: options } : options;
        if (o.client)
            this.client = o.client;
        else if (o.stateDir)
            this.client = new DaemonClient(o.stateDir);
        else
            throw new Error('LocalOutcomesSource needs the local target state dir or a client.');
        this.expectDaemon = o.expectDaemon ?? false;
    }
    /** Only what happens from now on counts; no daemon yet means nothing happened yet (unless one is expected). */
    async start(_step) {
        const s = await this.client.ping(5000);
        if (!s && this.expectDaemon) {
            throw new Error(`The local target's daemon for ${this.client.stateDir} is not running at the start of the step, so its proxy neither serves the entry port nor counts requests.`);
        }
        this.cursor = s?.lastSeq ?? 0;
        this.daemonPid = s?.pid ?? null;
    }
    /** [] when no daemon ran at start(); throws when the daemon seen at start() is gone or was replaced. */
    async read() {
        const out = [];
        for (;;) {
            let page;
            try {
                page = await this.client.samples(this.cursor, undefined, READ_TIMEOUT_MS);
            }
            catch (err) {
                if (this.daemonPid === null)
                    break;
                throw this.lost(err);
            }
            if (this.daemonPid !== null && page.pid !== undefined && page.pid !== this.daemonPid) {
                throw new Error(`The local target's daemon was restarted during the step (pid ${this.daemonPid}, now ${page.pid}): the proxy was down meanwhile and its request counts began again, so the step cannot be judged.`);
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
    lost(err) {
        const pid = this.daemonPid;
        const how = processRunning(pid) ? `its control socket does not answer (${err.message.replace(/\.\s*$/, '')})` : 'its process has exited';
        return new Error(`The local target's daemon (pid ${pid}) stopped during the step: ${how}, so its proxy no longer serves the entry port nor counts requests.`, { cause: err });
    }
}

;// CONCATENATED MODULE: ./shared/routers/local.ts

/**
 * The local target's embedded proxy as a router: the daemon splits each request by weight and
 * records every outcome (entry port and side ports alike), so it also counts probes.
 */
class LocalProxyRouter {
    client;
    name = 'local';
    constructor(client) {
        this.client = client;
    }
    async setWeight(percent, _context) {
        await this.client.setWeight(percent);
    }
    async reset(_context) {
        if (await this.client.ping())
            await this.client.setWeight(0);
    }
    async currentWeight() {
        return (await this.client.ping())?.weight ?? null;
    }
    requestCounter() {
        return new LocalOutcomesSource({ client: this.client, expectDaemon: true });
    }
}

;// CONCATENATED MODULE: ./shared/targets/local/processes.ts










let nextId = 1;
/**
 * Where the service finds its files: a .tar.gz/.tgz is unpacked into releases/<version>/ (reused
 * when the recorded digest matches), a directory is used as is, a plain file gives its folder.
 */
async function prepareArtifact(release, paths, reuseDigest) {
    const artifact = release.artifact;
    if (!artifact)
        return undefined;
    const abs = path.resolve(artifact);
    const dir = path.join(paths.releases, fileSafeName(release.version));
    let stat;
    try {
        stat = await fs.stat(abs);
    }
    catch {
        // The build's archive lived in its job's RUNNER_TEMP, gone once that job ended; the copy
        // unpacked here when the version first ran (its digest checked then) is the target's own.
        if (/\.(tar\.gz|tgz)$/i.test(abs) && (await exists(dir)))
            return dir;
        throw new Error(`The artifact of ${release.version} does not exist: ${abs} (it lived in the build job's RUNNER_TEMP, and this machine never unpacked it).`);
    }
    if (stat.isDirectory())
        return abs;
    if (!/\.(tar\.gz|tgz)$/i.test(abs))
        return path.dirname(abs);
    if (reuseDigest && release.digest && reuseDigest === release.digest && (await exists(dir)))
        return dir;
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await new Promise((resolve, reject) => {
        // GNU tar drops leading "/" and "../" from member names, so nothing lands outside `dir`.
        execFile('tar', ['-xzf', abs, '-C', dir, '--no-same-owner'], { env: childEnv(process.env, { kind: 'tool' }), timeout: 120_000 }, (err, _out, stderr) => {
            if (err)
                reject(new Error(`Could not unpack the artifact of ${release.version} (${abs}): ${escapeLogText(String(stderr || err.message), 300)}`));
            else
                resolve();
        });
    });
    return dir;
}
async function exists(p) {
    try {
        await fs.access(p);
        return true;
    }
    catch {
        return false;
    }
}
/** A free loopback port (never 8080, which is reserved on these runners). */
async function freePort() {
    for (let i = 0; i < 20; i++) {
        const port = await new Promise((resolve, reject) => {
            const srv = net.createServer();
            srv.once('error', reject);
            srv.listen(0, '127.0.0.1', () => {
                const addr = srv.address();
                const p = typeof addr === 'object' && addr ? addr.port : 0;
                srv.close(() => resolve(p));
            });
        });
        if (port !== 8080 && port > 0)
            return port;
    }
    throw new Error('Could not find a free loopback port.');
}
/** A service's own values; the rest of its environment is the `service` allow-list (see childEnv). */
function serviceVariables(spec, port) {
    return {
        PORT: String(port),
        SHIPGATE_VERSION: spec.release.version,
        SERVICE_VERSION: spec.release.version,
        SHIPGATE_ENVIRONMENT: spec.environment,
        SHIPGATE_ARTIFACT: spec.release.artifact ? path.resolve(spec.release.artifact) : '',
        SHIPGATE_ARTIFACT_DIR: spec.artifactDir ?? '',
        SHIPGATE_DIGEST: spec.release.digest ?? ''
    };
}
/**
 * Starts one version in its own process group and waits until it answers HTTP. On any failure
 * the group is killed before the error is thrown, so a failed start leaves nothing running.
 */
async function startVersion(spec, options) {
    if (!spec.startCommand.trim()) {
        throw new Error(`No start command for ${spec.release.version}: set the input start-command (e.g. "node server.js"); the service gets its port in $PORT.`);
    }
    const port = await freePort();
    await fs.mkdir(options.paths.logs, { recursive: true, mode: 0o700 });
    const logFile = path.join(options.paths.logs, `${fileSafeName(spec.release.version)}.log`);
    const fd = openSync(logFile, 'a', 0o600);
    let child;
    try {
        child = spawn('bash', ['-c', spec.startCommand], {
            detached: true,
            cwd: spec.workingDirectory,
            env: childEnv(process.env, { kind: 'service', extra: serviceVariables(spec, port) }),
            stdio: ['ignore', fd, fd]
        });
    }
    finally {
        closeSync(fd);
    }
    const running = {
        id: nextId++,
        spec,
        pid: child.pid ?? 0,
        port,
        url: `http://127.0.0.1:${port}`,
        logFile,
        startedAt: new Date().toISOString(),
        alive: true,
        exit: null,
        child,
        exited: Promise.resolve()
    };
    running.exited = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
            running.alive = false;
            running.exit = { code, signal };
            resolve();
        });
        child.once('error', (err) => {
            running.alive = false;
            running.exit = { code: null, signal: null };
            running.spawnError = err.message;
            resolve();
        });
    });
    try {
        await waitReady(running, options);
        return running;
    }
    catch (err) {
        await stopVersion(running);
        throw err;
    }
}
async function waitReady(rv, options) {
    const version = rv.spec.release.version;
    const deadline = Date.now() + options.readyTimeoutMs;
    while (Date.now() < deadline) {
        if (options.signal?.aborted)
            throw new Error(`The start of ${version} was cancelled.`);
        if (!rv.alive) {
            const how = rv.spawnError ? `could not be started (${escapeLogText(rv.spawnError, 200)})` : `exited ${describeExit(rv.exit)} before it became ready`;
            throw new Error(`Version ${version} ${how}.${await logTail(rv.logFile)}`);
        }
        const health = await probe(rv.port, '/healthz');
        // Any answer below 500 counts (a service without /healthz says 404): it listens and serves.
        if (health !== null && health < 500)
            return;
        // A /healthz that fails may be a catch-all route in trouble; an answer on `/` still shows life.
        if (health !== null) {
            const root = await probe(rv.port, '/');
            if (root !== null && root < 500)
                return;
        }
        await sleep(100, options.signal);
    }
    throw new Error(`The start command of ${version} did not answer on port ${rv.port} within ${formatSeconds(options.readyTimeoutMs)}; see ${rv.logFile}. (It must listen on 127.0.0.1:$PORT and answer GET /healthz or / below 500.)${await logTail(rv.logFile)}`);
}
function describeExit(exit) {
    if (!exit)
        return 'for an unknown reason';
    return exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`;
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
/** The last lines of a version's log, escaped (the service's output is untrusted). */
async function logTail(file) {
    try {
        const text = await fs.readFile(file, 'utf8');
        const lines = text.trimEnd().split('\n').slice(-5).join('\n');
        return lines ? ` Last lines of ${file}: ${escapeLogText(lines, 600)}` : ` Its log (${file}) is empty.`;
    }
    catch {
        return '';
    }
}
function probe(port, urlPath) {
    return new Promise((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? null));
            res.on('error', () => resolve(res.statusCode ?? null));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(null));
    });
}
/**
 * Guards against a recycled pid before signalling a group this process did not start: the
 * process must carry the version in its environment. True when /proc cannot tell.
 */
function isOurService(pid, version) {
    let environ;
    try {
        environ = (0,external_node_fs_.readFileSync)(`/proc/${pid}/environ`, 'utf8');
    }
    catch {
        return true;
    }
    return environ.split('\0').includes(`SHIPGATE_VERSION=${version}`);
}
/**
 * Stops a version's whole process group (SIGTERM, then SIGKILL after the grace period), then
 * waits up to a second for its exit to be seen.
 */
async function stopVersion(rv, graceMs) {
    await stopGroup(rv.pid, graceMs);
    let timer;
    await Promise.race([rv.exited, new Promise((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
}

;// CONCATENATED MODULE: ./shared/targets/local/protocol.ts
/** The control API's messages (HTTP/JSON over the daemon's Unix socket). */
/** An error the control API answers with a 4xx or 503 (the caller's mistake, or a daemon going away), not a 500. */
class RequestError extends Error {
    status;
    constructor(message, status = 409) {
        super(message);
        this.status = status;
    }
}
/** The entry port is taken by another process. */
class PortInUseError extends Error {
    port;
    code = 'EADDRINUSE';
    constructor(port) {
        super(`proxy-port ${port} is already in use on 127.0.0.1 (another process listens there): stop that process, choose another proxy-port, or 0 for a free one.`);
        this.port = port;
    }
}

;// CONCATENATED MODULE: ./shared/targets/local/index.ts




















const DEFAULT_READY_MS = 15_000;
const DAEMON_START_MS = 20_000;
/**
 * Runs every version on this machine behind a weighted proxy. The proxy and the versions live in
 * a detached daemon, because each workflow step is its own process and traffic must keep flowing
 * between steps.
 */
class LocalTarget {
    options;
    name = 'local';
    client;
    /** Its embedded proxy: splits traffic and counts every request. */
    router;
    log;
    readyTimeoutMs;
    constructor(options) {
        this.options = options;
        this.client = new DaemonClient(options.stateDir);
        this.router = new LocalProxyRouter(this.client);
        this.log = options.logger ?? log/* silentLogger */.qq;
        this.readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_MS;
    }
    get workingDirectory() {
        return external_node_path_default().resolve(this.options.workingDirectory ?? process.cwd());
    }
    /**
     * Before anything is recorded or started: a proxy-port that another process holds (when the
     * daemon has yet to start), and a version to restore that this machine cannot start (never ran
     * it, and no artifact of it is here). Starts nothing.
     */
    async preflight(intent = {}) {
        const running = await this.client.ping();
        const wanted = this.options.proxyPort ?? 0;
        if (!running && wanted)
            await checkPortFree(wanted);
        if (intent.restore)
            this.checkCanRestore(intent.restore, running);
    }
    /** Throws one sentence when `release` can be neither switched to nor started again here. */
    checkCanRestore(release, running) {
        const version = release.version;
        if (running && [running.stable, running.canary].some((v) => v?.alive && v.release.version === version))
            return;
        const paths = (0,local_paths/* statePaths */.mt)(this.options.stateDir);
        const registry = readRegistry(paths.registry);
        const known = registry.get(version);
        const env = this.options.environment;
        if (known) {
            const gone = missingArtifact({ ...known.release, ...definedOnly(release) }, paths, known.artifactDir);
            if (gone)
                throw new Error(`Cannot roll back ${env} to ${version}: the local target ran it on this machine, but its artifact ${gone} is gone and no unpacked copy of it is left in ${paths.releases}.`);
            if (known.workingDirectory && !(0,external_node_fs_.existsSync)(known.workingDirectory)) {
                throw new Error(`Cannot roll back ${env} to ${version}: the local target ran it from ${known.workingDirectory}, which is gone, so its start command cannot run there again.`);
            }
            return;
        }
        const others = [...registry.keys()].filter((v) => v !== version);
        const knows = others.length ? `it has run ${others.join(', ')}` : 'it has run no version';
        if (release.artifact && !missingArtifact(release, paths)) {
            if (!this.options.startCommand.trim())
                throw new Error(`Cannot roll back ${env} to ${version}: the local target never ran it on this machine (${knows}) and no start-command was given to start its artifact ${release.artifact}.`);
            return;
        }
        const why = release.artifact ? `its artifact ${release.artifact} is not on this machine` : 'no artifact of it is known';
        throw new Error(`Cannot roll back ${env} to ${version}: the local target never ran ${version} on this machine (${knows}) and ${why}, so there is nothing to start; give a to-version it has run.`);
    }
    /** A daemon this call started is stopped again when the deploy fails and it serves nothing. */
    async deployCanary(release, context) {
        const daemon = await this.daemon();
        let s;
        try {
            s = await this.client.deploy({
                release,
                startCommand: this.options.startCommand,
                workingDirectory: this.workingDirectory,
                environment: context.environment || this.options.environment,
                readyTimeoutMs: this.readyTimeoutMs,
                deploymentId: context.deploymentId
            }, context.signal);
        }
        catch (err) {
            if (daemon.mine)
                await this.stopIfIdle(daemon.status.pid);
            throw err;
        }
        const stableNote = s.stable ? `beside stable ${s.stable.release.version}` : 'with no stable version yet (first release)';
        this.log.info(`Local target: ${release.version} runs as canary at 0 % ${stableNote} (pid ${s.canary?.pid}, log ${s.canary?.logFile}).`);
    }
    async setWeight(percent, context) {
        await this.router.setWeight(percent, context);
        this.log.debug(`Local target: canary weight ${percent} %.`);
    }
    /**
     * A daemon that died since (a paused canary promoted hours later, after a crash or a reboot)
     * is started again first: it restores the canary at its weight, which is then promoted.
     */
    async promote(_context) {
        if (!(await this.client.ping()))
            await this.startDaemon();
        const s = await this.client.promote();
        this.log.info(`Local target: ${s.stable?.release.version ?? '?'} is stable at 100 %.`);
    }
    /**
     * Ignores the context's AbortSignal: a rollback runs to the end. When no daemon runs, one is
     * started (it restores what the last one ran, on the same entry port); if the rollback then
     * fails and that daemon serves nothing, it is stopped again: a failed call leaves no daemon.
     */
    async rollback(toRelease, _context) {
        if (!toRelease && !(await this.client.ping()))
            return;
        const started = await this.daemon();
        let s;
        try {
            s = await this.client.rollback({
                release: toRelease,
                startCommand: this.options.startCommand,
                workingDirectory: this.workingDirectory,
                environment: this.options.environment,
                readyTimeoutMs: this.readyTimeoutMs
            });
        }
        catch (err) {
            if (started.mine)
                await this.stopIfIdle(started.status.pid);
            throw err;
        }
        this.log.info(`Local target: all traffic on ${s.stable?.release.version ?? 'nothing (no stable version)'}.`);
    }
    /** Stops the daemon `pid` (one this call started) when no version of it is alive. */
    async stopIfIdle(pid) {
        const now = await this.client.ping();
        if (!now || now.pid !== pid || now.stable?.alive || now.canary?.alive)
            return;
        await stopLocal(this.options.stateDir).catch((err) => this.log.warning(`Local target: could not stop the daemon ${pid} this step started: ${(0,util_escape/* escapeLogText */.dD)(err.message)}`));
        this.log.info(`Local target: stopped the daemon ${pid} this step started, as it serves nothing.`);
    }
    async status() {
        const s = await this.client.ping(5000);
        if (!s)
            return { stable: null, canary: null, weight: 0 };
        const url = (port) => `http://127.0.0.1:${port}/`;
        return {
            stable: s.stable?.release ?? null,
            canary: s.canary?.release ?? null,
            weight: s.weight,
            urls: {
                entry: url(s.ports.entry),
                ...(s.stable ? { stable: url(s.ports.stable) } : {}),
                ...(s.canary ? { canary: url(s.ports.canary) } : {})
            }
        };
    }
    /**
     * The proxy records every request to the versions (customers through the entry port, probes
     * through the side ports), so it counts them; unless the canary is reached at a canary-url of
     * its own, which may bypass the proxy: then the probes count.
     */
    requestCounter(options = {}) {
        return options.canaryUrl ? null : this.router.requestCounter();
    }
    /** The daemon's full view (pids, ports, liveness), or null when it is not running. */
    details() {
        return this.client.ping(5000);
    }
    /** Reuses the daemon when its socket answers; else starts one detached and waits for it. */
    async ensureDaemon() {
        return (await this.daemon()).status;
    }
    /** As ensureDaemon; `mine` when this call started it. */
    async daemon() {
        const running = await this.client.ping();
        if (running) {
            const wanted = this.options.proxyPort ?? 0;
            if (wanted && wanted !== running.ports.entry) {
                this.log.warning(`Local target: the proxy already runs on port ${running.ports.entry}; proxy-port ${wanted} applies when it is next started.`);
            }
            return { status: running, mine: false };
        }
        return this.startDaemon();
    }
    /**
     * Starts a daemon detached and waits for its socket. `mine` is false when another process's
     * daemon won the race. A daemon that died (no clean stop) is named, with what the new one
     * restores on which port.
     */
    async startDaemon() {
        const paths = (0,local_paths/* statePaths */.mt)(this.options.stateDir);
        await external_node_fs_.promises.mkdir(paths.root, { recursive: true, mode: 0o700 });
        await external_node_fs_.promises.chmod(paths.root, 0o700);
        const before = {
            info: readJson(paths.daemonInfo),
            roles: readJson(paths.roles),
            entry: readJson(paths.entry)?.port ?? 0
        };
        const entry = resolveDaemonEntry();
        const logStart = fileSize(paths.daemonLog);
        const fd = (0,external_node_fs_.openSync)(paths.daemonLog, 'a', 0o600);
        let exited = null;
        let childPid;
        try {
            const child = (0,external_node_child_process_.spawn)(process.execPath, [...entry.execArgv, entry.script, '--state-dir', paths.root, '--proxy-port', String(this.options.proxyPort ?? 0)], {
                detached: true,
                cwd: paths.root,
                env: (0,env/* childEnv */.g)(process.env, { kind: 'daemon' }),
                stdio: ['ignore', fd, fd]
            });
            childPid = child.pid ?? 0;
            child.once('exit', (code) => (exited = { code }));
            child.once('error', () => (exited = { code: null }));
            child.unref();
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        const deadline = Date.now() + DAEMON_START_MS;
        while (Date.now() < deadline) {
            const s = await this.client.ping(1000);
            if (s) {
                this.announce(s, before, paths.daemonLog);
                return { status: s, mine: s.pid === childPid };
            }
            const gone = exited;
            // Exit 0 means another daemon won the race for the socket: keep pinging for it.
            if (gone && gone.code !== 0)
                break;
            await new Promise((r) => setTimeout(r, 100));
        }
        // A daemon that never answered must not linger.
        if (childPid && !exited && (0,alive/* processAlive */.F)(childPid)) {
            (0,signal/* signalProcess */.a7)(childPid, 'SIGTERM');
            if (!(await (0,signal/* waitGone */.Bl)(childPid, 5000)))
                (0,signal/* signalProcess */.a7)(childPid, 'SIGKILL');
        }
        const reason = daemonFailure(paths.daemonLog, logStart);
        throw new Error(reason
            ? `The local target daemon did not start: ${reason}`
            : `The local target daemon did not start (${entry.kind} entry ${entry.script}).${tail(paths.daemonLog)}`);
    }
    announce(s, before, logFile) {
        const held = [
            before.roles?.stable && `stable ${before.roles.stable.version}`,
            before.roles?.canary && `canary ${before.roles.canary.version} at ${before.roles.weight ?? 0} %`
        ].filter(Boolean);
        if (before.info && held.length) {
            // daemon.json is removed by a clean stop: still there, the last daemon died.
            this.log.warning(`Local target: the daemon of ${this.options.environment} (pid ${before.info.pid}) had stopped without shutting down; daemon ${s.pid} took its place on ${s.ports.entry === before.info.proxyPort ? 'the same' : 'another'} entry port ${s.ports.entry} and restores ${held.join(' and ')}.`);
        }
        else {
            this.log.info(`Local target: daemon ${s.pid} started; proxy on http://127.0.0.1:${s.ports.entry} (log ${logFile}).`);
        }
        if (before.entry && before.entry !== s.ports.entry && !this.options.proxyPort) {
            this.log.warning(`Local target: the entry port moved from ${before.entry} to ${s.ports.entry} because ${before.entry} was taken by another process.`);
        }
    }
}
/** Fails with one sentence when another process listens on 127.0.0.1:port. */
async function checkPortFree(port) {
    await new Promise((resolve, reject) => {
        const srv = external_node_net_default().createServer();
        srv.once('error', (err) => {
            if (err.code === 'EADDRINUSE')
                reject(new PortInUseError(port));
            else
                reject(new Error(`proxy-port ${port} cannot be used on 127.0.0.1 (${err.code ?? err.message}): choose another proxy-port, or 0 for a free one.`));
        });
        srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve()));
    });
}
/** The artifact path that is missing, or null when the version's files are here (or it needs none). */
function missingArtifact(release, paths, artifactDir) {
    if (!release.artifact)
        return null;
    const abs = external_node_path_default().resolve(release.artifact);
    if ((0,external_node_fs_.existsSync)(abs))
        return null;
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(paths.releases, (0,local_paths/* fileSafeName */.t_)(release.version))))
        return null;
    if (artifactDir && (0,external_node_fs_.existsSync)(artifactDir))
        return null;
    return abs;
}
function readRegistry(file) {
    const map = new Map();
    for (const e of readJson(file)?.versions ?? [])
        if (e?.release?.version)
            map.set(e.release.version, e);
    return map;
}
function definedOnly(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
}
function fileSize(file) {
    try {
        return (0,external_node_fs_.statSync)(file).size;
    }
    catch {
        return 0;
    }
}
/** The sentence the daemon wrote last when it failed ("... daemon failed: <sentence>"), from `offset` on. */
function daemonFailure(file, offset) {
    try {
        const text = (0,external_node_fs_.readFileSync)(file).subarray(offset).toString('utf8');
        const lines = text.trimEnd().split('\n').reverse();
        const failed = lines.find((l) => / error local target daemon failed: /.test(l));
        return failed ? (0,util_escape/* escapeLogText */.dD)(failed.replace(/^.* error local target daemon failed: /, ''), 600) : null;
    }
    catch {
        return null;
    }
}
function tail(file) {
    try {
        const lines = (0,external_node_fs_.readFileSync)(file, 'utf8').trimEnd().split('\n').slice(-5).join('\n');
        return lines ? ` Last lines of ${file}: ${(0,util_escape/* escapeLogText */.dD)(lines, 800)}` : '';
    }
    catch {
        return '';
    }
}
/**
 * Where the daemon's code is: SHIPGATE_LOCAL_DAEMON_ENTRY, else the sibling bundle
 * dist/local-daemon/index.js (actions run from dist/<action>/index.js), else the TypeScript
 * source through tsx (tests and `node --import tsx` runs).
 */
function resolveDaemonEntry() {
    const fromEnv = process.env.SHIPGATE_LOCAL_DAEMON_ENTRY;
    if (fromEnv) {
        const script = external_node_path_default().resolve(fromEnv);
        return { kind: 'env', execArgv: script.endsWith('.ts') ? ['--import', tsxLoader()] : [], script };
    }
    // Kept in variables so the bundler does not treat the URLs as assets to copy.
    const here = import.meta.url;
    const bundleRel = '../local-daemon/index.js';
    const bundle = (0,external_node_url_.fileURLToPath)(new URL(bundleRel, here));
    if ((0,external_node_fs_.existsSync)(bundle))
        return { kind: 'bundle', execArgv: [], script: bundle };
    const sourceRel = './daemon-main.ts';
    const source = (0,external_node_url_.fileURLToPath)(new URL(sourceRel, here));
    if (!(0,external_node_fs_.existsSync)(source)) {
        throw new Error(`The local target daemon is missing: expected ${bundle} next to this bundle (npm run build makes it), or set SHIPGATE_LOCAL_DAEMON_ENTRY.`);
    }
    return { kind: 'source', execArgv: ['--import', tsxLoader()], script: source };
}
function tsxLoader() {
    try {
        const require = (0,external_node_module_.createRequire)(import.meta.url);
        const dir = external_node_path_default().dirname(require.resolve('tsx/package.json'));
        return (0,external_node_url_.pathToFileURL)(external_node_path_default().join(dir, 'dist', 'loader.mjs')).href;
    }
    catch {
        return 'tsx';
    }
}
/**
 * Stops the local target of one state dir: the daemon, every version's process group, the
 * socket. Afterwards nothing of it runs. Safe when nothing runs.
 */
async function stopLocal(stateDir) {
    const paths = (0,local_paths/* statePaths */.mt)(stateDir);
    const client = new DaemonClient(stateDir);
    const info = readJson(paths.daemonInfo);
    const before = readJson(paths.roles);
    const live = await client.ping();
    const daemonPid = live?.pid ?? info?.pid ?? null;
    if (live) {
        await client.shutdown().catch(() => { });
    }
    else if (daemonPid && processRunning(daemonPid) && isDaemonProcess(daemonPid)) {
        (0,signal/* signalProcess */.a7)(daemonPid, 'SIGTERM');
    }
    if (daemonPid) {
        if (!(await (0,signal/* waitGone */.Bl)(daemonPid, 20_000))) {
            (0,signal/* signalProcess */.a7)(daemonPid, 'SIGKILL');
            await (0,signal/* waitGone */.Bl)(daemonPid, 2000);
        }
    }
    // A daemon killed outright leaves its versions running: their groups are in roles.json.
    const orphansKilled = [];
    const pids = [live?.stable, live?.canary, before?.stable, before?.canary].flatMap((v) => v ? [{ pid: v.pid, version: 'release' in v ? v.release.version : v.version }] : []);
    for (const { pid, version } of pids) {
        if ((0,alive/* groupAlive */.x)(pid) && isOurService(pid, version)) {
            await (0,signal/* stopGroup */.gv)(pid);
            orphansKilled.push(pid);
        }
    }
    await external_node_fs_.promises.rm(client.socketPath, { force: true });
    await external_node_fs_.promises.rm(paths.socket, { force: true });
    await external_node_fs_.promises.rm(paths.daemonInfo, { force: true });
    if (!daemonPid || !processRunning(daemonPid))
        await external_node_fs_.promises.rm(paths.lock, { force: true });
    return { daemonPid, orphansKilled };
}
function readJson(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return null;
    }
}
/** Guards against a recycled pid: only signal a process that looks like our daemon. */
function isDaemonProcess(pid) {
    const cmdline = procFile(pid, 'cmdline');
    return cmdline === null ? (0,alive/* processAlive */.F)(pid) : /daemon-main|local-daemon|--state-dir/.test(cmdline);
}
/** null when /proc cannot tell (not Linux, or not readable). */
function procFile(pid, name) {
    try {
        return (0,external_node_fs_.readFileSync)(`/proc/${pid}/${name}`, 'utf8');
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** Waits `ms`, or less when the signal aborts (resolves either way: callers check the signal). */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ })

};
