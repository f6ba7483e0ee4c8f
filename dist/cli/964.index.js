export const id = 964;
export const ids = [964];
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

/***/ 1132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ runBash)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4896);
/* harmony import */ var _alive_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3413);
/* harmony import */ var _signal_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1098);




/** How long to wait for the pipes to drain after bash exits: background children may hold them open. */
const DRAIN_MS = 250;
/**
 * Runs `bash -e -o pipefail -c <command>` in its own process group, streaming each output line to
 * the logger (escaped: command output is untrusted). Never throws for a non-zero exit; callers
 * turn the result into their own sentence.
 */
function runBash(options) {
    const started = Date.now();
    const grace = options.killGraceMs ?? 2000;
    return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
            resolve({ exitCode: null, exitSignal: null, timedOut: false, aborted: true, durationMs: 0 });
            return;
        }
        // detached: the command gets its own process group, so a timeout can stop its children too.
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('bash', ['-e', '-o', 'pipefail', '-c', options.command], {
            cwd: options.cwd,
            env: options.env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        if (child.pid !== undefined)
            options.onStart?.(child.pid);
        let timedOut = false;
        let aborted = false;
        let killTimer;
        const stopChild = () => {
            if (killTimer || child.pid === undefined)
                return;
            (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGKILL'), grace);
        };
        const timer = options.timeoutMs && options.timeoutMs > 0
            ? setTimeout(() => {
                timedOut = true;
                stopChild();
            }, options.timeoutMs)
            : undefined;
        const onAbort = () => {
            aborted = true;
            stopChild();
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const prefix = options.linePrefix ?? '';
        const streams = [child.stdout, child.stderr].map((s) => lineStream(s, (line) => options.logger.info(`${prefix}${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(line)}`)));
        child.once('error', (err) => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            reject(new Error(`Could not start bash: ${err.message}.`));
        });
        child.once('exit', (code, sig) => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            const finish = async () => {
                // A stopped group is waited for: bash may be gone while a child that ignores SIGTERM lives
                // on until the SIGKILL lands. Nothing that follows (a rollback) may race what was stopped.
                if (killTimer && child.pid !== undefined) {
                    const deadline = Date.now() + grace + 2000;
                    while ((0,_alive_js__WEBPACK_IMPORTED_MODULE_3__/* .groupAlive */ .x)(child.pid) && Date.now() < deadline)
                        await new Promise((r) => setTimeout(r, 50));
                    clearTimeout(killTimer);
                    if ((0,_alive_js__WEBPACK_IMPORTED_MODULE_3__/* .groupAlive */ .x)(child.pid))
                        (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGKILL');
                }
                for (const s of streams)
                    s.flush();
                resolve({ exitCode: code, exitSignal: sig, timedOut, aborted, durationMs: Date.now() - started });
            };
            // Wait briefly for the output to drain; a background child holding the pipe must not block us.
            let pending = 2;
            const drained = () => {
                if (--pending === 0) {
                    clearTimeout(drainTimer);
                    void finish();
                }
            };
            const drainTimer = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                pending = -1;
                void finish();
            }, DRAIN_MS);
            for (const s of [child.stdout, child.stderr]) {
                if (!s || s.readableEnded || s.destroyed)
                    drained();
                else
                    s.once('close', drained);
            }
        });
    });
}
function lineStream(stream, onLine) {
    let buf = '';
    let flushed = false;
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
            onLine(buf.slice(0, i).replace(/\r$/, ''));
            buf = buf.slice(i + 1);
        }
        // A command printing without newlines must not grow memory without bound.
        if (buf.length > 64 * 1024) {
            onLine(buf);
            buf = '';
        }
    });
    return {
        flush() {
            if (flushed)
                return;
            flushed = true;
            if (buf)
                onLine(buf);
            buf = '';
        }
    };
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

/***/ 4964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NginxRouter: () => (/* binding */ NginxRouter)
});

// UNUSED EXPORTS: RELOAD_SETTLE_MS

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/util/atomic-write.ts
var atomic_write = __webpack_require__(5816);
// EXTERNAL MODULE: ./shared/process/bash.ts
var bash = __webpack_require__(1132);
// EXTERNAL MODULE: ./shared/process/env.ts
var env = __webpack_require__(831);
// EXTERNAL MODULE: ./shared/util/sleep.ts
var sleep = __webpack_require__(8464);
// EXTERNAL MODULE: external "node:dns/promises"
var promises_ = __webpack_require__(1553);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./shared/routers/nginx/render.ts
// The one file Shipgate owns in an nginx setup: an `upstream` block the user's config includes.
// Pure: no I/O, so what nginx will be asked to load can be tested line by line.
/** The machine-readable line that lets currentWeight() read the applied weight back from the file. */
const WEIGHT_MARK = '# shipgate-weight:';
/** nginx weights are integers; percentages are honoured to two decimals (12.5 % → 7/1 after gcd). */
const SCALE = 100;
// What may reach the nginx file: a name or address and a port, nothing nginx would parse as more
// (no spaces, `;`, `{`, quotes), so an input can never add a directive.
const UPSTREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;
/** `host:port`, `1.2.3.4:port` or `[::1]:port`; null when it is none of these. */
function parseHostPort(value) {
    const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
    if (!m)
        return null;
    const port = Number(m[3]);
    if (port < 1 || port > 65535)
        return null;
    if (m[1] !== undefined)
        return IPV6.test(m[1]) && m[1].includes(':') ? { host: m[1], port } : null;
    return HOST_NAME.test(m[2]) ? { host: m[2], port } : null;
}
/** Whether `name` can be an upstream's name in nginx's config. */
function validUpstreamName(name) {
    return UPSTREAM_NAME.test(name);
}
function gcd(a, b) {
    while (b)
        [a, b] = [b, a % b];
    return a;
}
/** Throws one sentence when `percent` is not a share nginx can be given. */
function checkWeight(percent) {
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
        throw new Error(`nginx: the canary weight ${String(percent)} is not a percentage between 0 and 100.`);
    }
}
/**
 * Integer weights for a canary share: nginx rejects `weight=0`, so the idle side is `down`; between
 * the ends the two weights are reduced by their gcd (10 % → 9 and 1), so nginx's smooth weighted
 * round-robin repeats after as few requests as possible and the split holds over short windows.
 */
function splitWeights(percent) {
    checkWeight(percent);
    const canary = Math.round(percent * SCALE);
    const stable = 100 * SCALE - canary;
    if (canary === 0)
        return { stable: 1, canary: 'down' };
    if (stable === 0)
        return { stable: 'down', canary: 1 };
    const d = gcd(stable, canary);
    return { stable: stable / d, canary: canary / d };
}
function checkSpec(spec) {
    if (!validUpstreamName(spec.upstream)) {
        throw new Error(`Input "nginx-upstream" has value "${spec.upstream}": use letters, digits, '_', '-' and '.' only.`);
    }
    for (const [input, value] of [
        ['stable-server', spec.stableServer],
        ['canary-server', spec.canaryServer]
    ]) {
        if (!parseHostPort(value))
            throw new Error(`Input "${input}" has value "${value}": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.`);
    }
}
function serverLine(server, weight, comment) {
    // max_fails=0: nginx would otherwise take a failing canary out for fail_timeout (10 s) and send
    // its share to stable, hiding the canary's errors from both the split and the evidence.
    const params = weight === 'down' ? 'down' : `weight=${weight} max_fails=0`;
    return `    server ${server.trim()} ${params}; # ${comment}`;
}
function share(percent) {
    return `${Number(percent.toFixed(2))} %`;
}
/**
 * The whole file: a header saying who owns it, the weight as a machine-readable comment, and one
 * upstream block with both servers. Deterministic (no timestamps), so unchanged content can be
 * recognised and an identical rewrite skipped.
 */
function renderUpstream(spec) {
    checkSpec(spec);
    const w = splitWeights(spec.weight);
    const canaryShare = Math.round(spec.weight * SCALE) / SCALE;
    return [
        '# Written by Shipgate (nginx traffic router). Do not edit: every weight change rewrites this file.',
        '# Include it in the http block of your nginx configuration and proxy_pass to the upstream below.',
        `${WEIGHT_MARK} ${canaryShare}`,
        `upstream ${spec.upstream} {`,
        serverLine(spec.stableServer, w.stable, `stable, ${share(100 - canaryShare)}`),
        serverLine(spec.canaryServer, w.canary, `canary, ${share(canaryShare)}`),
        '}',
        ''
    ].join('\n');
}
/** The canary weight a rendered file records, or null when the file holds no (valid) mark. */
function parseWeight(text) {
    for (const line of text.split('\n')) {
        const trimmed = line.trim();
        if (!trimmed.startsWith(WEIGHT_MARK))
            continue;
        const raw = trimmed.slice(WEIGHT_MARK.length).trim();
        if (!/^\d{1,3}(?:\.\d+)?$/.test(raw))
            return null;
        const n = Number(raw);
        return n >= 0 && n <= 100 ? n : null;
    }
    return null;
}
/** For log lines: `canary 10 % (weight 1 of 10), stable 90 %`. */
function describeSplit(percent) {
    const w = splitWeights(percent);
    const canaryShare = Math.round(percent * SCALE) / SCALE;
    const canary = w.canary === 'down' ? 'down' : w.stable === 'down' ? 'all requests' : `weight ${w.canary} of ${w.canary + w.stable}`;
    const stable = w.stable === 'down' ? ' (down)' : '';
    return `canary ${share(canaryShare)} (${canary}), stable ${share(100 - canaryShare)}${stable}`;
}

;// CONCATENATED MODULE: ./shared/signals/nginx-access-log.ts





const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_SAMPLES = 20_000;
/** A line longer than this is no access-log line: dropped rather than buffered without bound. */
const MAX_LINE_BYTES = 64 * 1024;
/** How long after a reload starts an upstream-less 502/504/499 is put down to the reload. */
const RELOAD_WINDOW_MS = 1000;
/** What nginx answers when a request dies with a worker being replaced, before any upstream answered. */
const RELOAD_STATUSES = new Set([499, 502, 504]);
/**
 * The requests nginx forwarded, read from its JSON access log and attributed to canary or stable
 * by `upstream_addr`. Each read takes the complete lines written since the previous one.
 *
 * Retries: `upstream_addr` and `upstream_status` then hold several values (`a, b`, or `a : b`
 * after an internal redirect). The last server tried is the one whose answer the customer got,
 * so the sample is that server's, with its status; earlier attempts were hidden from the customer
 * and are not counted (with `proxy_next_upstream off`, as Shipgate asks, there are none).
 */
class NginxAccessLogSource {
    options;
    name = 'nginx';
    /** nginx counts only what passes through it; a probe sent straight to a server is not seen. */
    seesProbes = false;
    offset = 0;
    inode = null;
    partial = Buffer.alloc(0);
    sides = new Map();
    unparsable = 0;
    reloadErrorCount = 0;
    warnedUnparsable = false;
    warnedMissing = false;
    seed = 0x2545f491;
    constructor(options) {
        this.options = options;
    }
    /** nginx logs no stable request while the canary has them all, and none of the canary's at 0. */
    covers(weight) {
        if (weight >= 100)
            return ['canary'];
        if (weight <= 0)
            return ['stable'];
        return ['canary', 'stable'];
    }
    async start(_step) {
        // The step's requests are the lines written from now on.
        try {
            const st = await external_node_fs_.promises.stat(this.options.path);
            this.offset = st.size;
            this.inode = st.ino;
        }
        catch {
            this.offset = 0;
            this.inode = null;
        }
        this.partial = Buffer.alloc(0);
        this.sides.clear();
        // Canary last: were both servers to share an address, its lines could not be told apart; say so.
        const stable = await addressesOf(this.options.stableServer);
        const canary = await addressesOf(this.options.canaryServer);
        for (const a of stable)
            this.sides.set(a, 'stable');
        for (const a of canary) {
            if (this.sides.get(a) === 'stable') {
                this.sides.delete(a);
                this.options.logger?.warning(`nginx access log: stable-server and canary-server both resolve to ${a}; its lines cannot be attributed and are skipped.`);
            }
            else
                this.sides.set(a, 'canary');
        }
    }
    async read() {
        const chunk = await this.readChunk();
        if (chunk === null)
            return [];
        const data = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
        const end = data.lastIndexOf(0x0a);
        // An unfinished last line waits for the next read.
        this.partial = end < 0 ? data : data.subarray(end + 1);
        if (this.partial.length > MAX_LINE_BYTES) {
            this.partial = Buffer.alloc(0);
            this.unparsable++;
        }
        const reloads = this.options.reloads?.() ?? [];
        const samples = [];
        let reloadErrors = 0;
        const unparsableBefore = this.unparsable;
        if (end >= 0) {
            for (const raw of data.subarray(0, end).toString('utf8').split('\n')) {
                const line = raw.trim();
                if (!line)
                    continue;
                const parsed = this.parse(line, reloads);
                if (parsed === 'unparsable')
                    this.unparsable++;
                else if (parsed === 'reload')
                    reloadErrors++;
                else if (parsed)
                    samples.push(parsed);
            }
        }
        if (reloadErrors) {
            this.reloadErrorCount += reloadErrors;
            this.options.logger?.debug(`nginx access log: ${reloadErrors} request(s) failed at a reload instant without reaching a server; not counted against either version.`);
        }
        if (this.unparsable > unparsableBefore && !this.warnedUnparsable) {
            this.warnedUnparsable = true;
            this.options.logger?.warning(`nginx access log ${(0,util_escape/* escapeLogText */.dD)(this.options.path)}: ${this.unparsable - unparsableBefore} line(s) are not JSON objects with a status (use log_format shipgate_json … escape=json for this log); such lines are skipped.`);
        }
        return this.thin(samples);
    }
    stop() {
        // No handle stays open between reads.
        this.partial = Buffer.alloc(0);
        return Promise.resolve();
    }
    /** Upstream-less 502/504/499 lines seen just after a reload (not samples). */
    reloadErrors() {
        return this.reloadErrorCount;
    }
    /** Lines skipped because they were not the expected JSON. */
    unparsableLines() {
        return this.unparsable;
    }
    /**
     * At most maxSamplesPerRead samples a side, in log order. Which ones stay is drawn at random (a
     * fixed seed, so runs repeat): an even stride would alias with periodic errors and keep only them.
     */
    thin(samples) {
        const drop = new Set();
        for (const side of ['canary', 'stable']) {
            const mine = samples.filter((s) => s.side === side);
            // Partial Fisher–Yates: the first `excess` places end up holding the dropped ones.
            const excess = mine.length - this.maxSamples;
            for (let i = 0; i < excess; i++) {
                this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
                const j = i + (this.seed % (mine.length - i));
                [mine[i], mine[j]] = [mine[j], mine[i]];
                drop.add(mine[i]);
            }
        }
        return drop.size ? samples.filter((s) => !drop.has(s)) : samples;
    }
    get maxSamples() {
        return this.options.maxSamplesPerRead ?? DEFAULT_MAX_SAMPLES;
    }
    /** The bytes written since the last read (at most maxBytesPerRead), or null for none. */
    async readChunk() {
        let handle;
        try {
            handle = await external_node_fs_.promises.open(this.options.path, 'r');
        }
        catch (err) {
            if (!this.warnedMissing) {
                this.warnedMissing = true;
                this.options.logger?.warning(`nginx access log ${(0,util_escape/* escapeLogText */.dD)(this.options.path)} cannot be read (${err.code ?? 'error'}): no samples from nginx until it can.`);
            }
            return null;
        }
        try {
            const st = await handle.stat();
            // Rotated (another file now) or truncated: what the new file holds is all new.
            if ((this.inode !== null && st.ino !== this.inode) || st.size < this.offset) {
                this.options.logger?.debug(`nginx access log ${(0,util_escape/* escapeLogText */.dD)(this.options.path)} was rotated or truncated: reading it from the start.`);
                this.offset = 0;
                this.partial = Buffer.alloc(0);
            }
            this.inode = st.ino;
            const length = Math.min(st.size - this.offset, this.options.maxBytesPerRead ?? DEFAULT_MAX_BYTES);
            if (length <= 0)
                return null;
            const buf = Buffer.alloc(length);
            const { bytesRead } = await handle.read(buf, 0, length, this.offset);
            this.offset += bytesRead;
            return bytesRead ? buf.subarray(0, bytesRead) : null;
        }
        finally {
            await handle.close();
        }
    }
    /** A sample, 'reload' for a transport error at a reload instant, null for another server's line. */
    parse(line, reloads) {
        let o;
        try {
            o = JSON.parse(line);
        }
        catch {
            return 'unparsable';
        }
        if (typeof o !== 'object' || o === null || Array.isArray(o))
            return 'unparsable';
        const status = Number(nginx_access_log_text(o.status));
        if (!Number.isInteger(status) || status < 100 || status > 999)
            return 'unparsable';
        const at = timeOf(o);
        const upstreamStatus = lastValue(nginx_access_log_text(o.upstream_status));
        const answered = upstreamStatus !== undefined && /^\d{3}$/.test(upstreamStatus) ? Number(upstreamStatus) : null;
        // Whatever its upstream_addr: a request cut by a worker being replaced may not have reached a server.
        if (answered === null && RELOAD_STATUSES.has(status) && reloads.some((r) => at >= r && at <= r + RELOAD_WINDOW_MS))
            return 'reload';
        const addr = lastValue(nginx_access_log_text(o.upstream_addr));
        const side = addr === undefined ? undefined : this.sides.get(normalise(addr));
        if (!side)
            return null;
        const code = answered ?? status;
        const ok = code < 500;
        return {
            side,
            ok,
            status: code,
            latencyMs: latencyOf(o),
            at,
            source: 'nginx',
            ...(ok ? {} : { detail: `HTTP ${code} via nginx` })
        };
    }
}
function nginx_access_log_text(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    return undefined;
}
/** The last of `a, b : c` (retries, internal redirects); undefined for `-` or nothing. */
function lastValue(v) {
    if (v === undefined)
        return undefined;
    const last = v
        .split(/\s*,\s*|\s+:\s+/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .at(-1);
    return last === undefined || last === '-' ? undefined : last;
}
function timeOf(o) {
    const msec = Number(nginx_access_log_text(o.msec));
    if (nginx_access_log_text(o.msec) && Number.isFinite(msec))
        return Math.round(msec * 1000);
    const iso = nginx_access_log_text(o.time_iso8601);
    const parsed = iso ? Date.parse(iso) : NaN;
    return Number.isFinite(parsed) ? parsed : Date.now();
}
function latencyOf(o) {
    const request = nginx_access_log_text(o.request_time);
    if (request && Number.isFinite(Number(request)))
        return Number(request) * 1000;
    const upstream = lastValue(nginx_access_log_text(o.upstream_response_time));
    if (upstream && Number.isFinite(Number(upstream)))
        return Number(upstream) * 1000;
    return 0;
}
/** nginx writes addresses as `1.2.3.4:80` and `[::1]:80`; compare in that canonical form. */
function normalise(addr) {
    const hp = parseHostPort(addr);
    if (!hp)
        return addr.trim().toLowerCase();
    if ((0,external_node_net_.isIP)(hp.host) === 6)
        return `[${canonicalIPv6(hp.host)}]:${hp.port}`;
    return `${hp.host.toLowerCase().replace(/\.$/, '')}:${hp.port}`;
}
function canonicalIPv6(ip) {
    try {
        return new URL(`http://[${ip}]/`).hostname.replace(/^\[|\]$/g, '');
    }
    catch {
        return ip.toLowerCase();
    }
}
/**
 * The addresses a name resolves to, or null when it does not (within `timeoutMs`: a resolver that
 * does not answer must not hold a step up).
 */
async function lookupAll(host, timeoutMs = 2000) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
        timer.unref();
    });
    try {
        return await Promise.race([(0,promises_.lookup)(host, { all: true }).catch(() => null), timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Every form under which nginx may log a server: as given, and each address its name resolves to
 * (nginx resolves names when it loads its config, and logs the address). `localhost` also stands
 * for both loopback addresses, whichever the resolver lists.
 */
async function addressesOf(server) {
    const hp = parseHostPort(server);
    if (!hp)
        return [normalise(server)];
    const forms = new Set([normalise(server)]);
    if ((0,external_node_net_.isIP)(hp.host) === 0) {
        const host = hp.host.toLowerCase().replace(/\.$/, '');
        if (host === 'localhost') {
            forms.add(`127.0.0.1:${hp.port}`);
            forms.add(`[::1]:${hp.port}`);
        }
        // An unresolvable name is logged by nginx under no address of ours: its lines are skipped.
        for (const a of (await lookupAll(host)) ?? [])
            forms.add(normalise(a.family === 6 ? `[${a.address}]:${hp.port}` : `${a.address}:${hp.port}`));
    }
    return [...forms];
}

;// CONCATENATED MODULE: ./shared/routers/nginx/index.ts









const DEFAULT_TIMEOUT_MS = 60_000;
/** Lines of command output kept for the error sentence and the warning that follows a failure. */
const KEPT_LINES = 20;
/** Reload instants kept (a rollout has a handful of steps; a long-lived router must not grow without bound). */
const KEPT_RELOADS = 1000;
/**
 * Traffic split by nginx: Shipgate rewrites one file holding an `upstream` block (never the user's
 * own config), checks it with the test command and applies it with the reload command. nginx has
 * no dynamic upstream API in its open-source build, so every weight change is one reload.
 */
/** nginx's master waits 100 ms before the old workers stop taking requests; a margin on top. */
const RELOAD_SETTLE_MS = 150;
class NginxRouter {
    options;
    name = 'nginx';
    upstream;
    testCommand;
    reloadCommand;
    reloadTimes = [];
    /** Content this instance wrote, tested and reloaded last: only then may an identical rewrite be skipped. */
    applied = null;
    /** Weight changes run one at a time: two renames racing would leave nginx and the file disagreeing. */
    queue = Promise.resolve();
    constructor(options) {
        this.options = options;
        this.upstream = options.upstream?.trim() || 'shipgate';
        this.testCommand = options.testCommand?.trim() || 'nginx -t';
        this.reloadCommand = options.reloadCommand?.trim() || 'nginx -s reload';
    }
    async preflight() {
        const { confPath, accessLog } = this.options;
        if (!external_node_path_default().isAbsolute(confPath))
            throw new Error(`Input "nginx-conf" has value "${confPath}": it must be an absolute path.`);
        const dir = external_node_path_default().dirname(confPath);
        if (!(await isDirectory(dir)))
            throw new Error(`Input "nginx-conf" has value "${confPath}": its directory ${dir} does not exist.`);
        try {
            await external_node_fs_.promises.access(dir, external_node_fs_.constants.W_OK);
        }
        catch {
            throw new Error(`Input "nginx-conf" has value "${confPath}": its directory ${dir} is not writable, and Shipgate rewrites the file by renaming a new one into place.`);
        }
        if (await isDirectory(confPath))
            throw new Error(`Input "nginx-conf" has value "${confPath}": it is a directory, not a file.`);
        if (!validUpstreamName(this.upstream)) {
            throw new Error(`Input "nginx-upstream" has value "${this.upstream}": use letters, digits, '_', '-' and '.' only.`);
        }
        for (const [input, value] of [
            ['stable-server', this.options.stableServer],
            ['canary-server', this.options.canaryServer]
        ]) {
            if (!parseHostPort(value))
                throw new Error(`Input "${input}" has value "${value}": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.`);
        }
        if (this.options.stableServer.trim().toLowerCase() === this.options.canaryServer.trim().toLowerCase()) {
            throw new Error(`Input "canary-server" has value "${this.options.canaryServer}": it must differ from stable-server, or the split means nothing.`);
        }
        if (accessLog !== undefined && accessLog !== '') {
            if (!external_node_path_default().isAbsolute(accessLog))
                throw new Error(`Input "nginx-access-log" has value "${accessLog}": it must be an absolute path.`);
            if (!(await isDirectory(external_node_path_default().dirname(accessLog)))) {
                throw new Error(`Input "nginx-access-log" has value "${accessLog}": its directory ${external_node_path_default().dirname(accessLog)} does not exist.`);
            }
        }
        await this.warnAboutSeveralAddresses();
    }
    setWeight(percent, context) {
        return this.serialised(async () => {
            checkWeight(percent);
            if (context.signal?.aborted)
                throw new Error(`nginx: the canary weight was not changed to ${percent} %: the job was cancelled.`);
            await this.apply(percent, context.signal, false);
        });
    }
    /** Stable gets every request, the canary is `down`. Ignores cancellation: a rollback must finish. */
    reset(_context) {
        return this.serialised(() => this.apply(0, undefined, true));
    }
    async currentWeight() {
        try {
            return parseWeight(await external_node_fs_.promises.readFile(this.options.confPath, 'utf8'));
        }
        catch {
            return null;
        }
    }
    /** Epoch ms at which each reload command was started (a failed change's restoring reload too). */
    reloads() {
        return this.reloadTimes;
    }
    requestCounter() {
        if (!this.options.accessLog)
            return null;
        return new NginxAccessLogSource({
            path: this.options.accessLog,
            stableServer: this.options.stableServer,
            canaryServer: this.options.canaryServer,
            reloads: () => this.reloads(),
            logger: this.options.logger
        });
    }
    serialised(work) {
        const next = this.queue.then(work, work);
        this.queue = next.catch(() => undefined);
        return next;
    }
    async apply(percent, signal, skipIfApplied) {
        const file = this.options.confPath;
        const text = renderUpstream({ upstream: this.upstream, stableServer: this.options.stableServer, canaryServer: this.options.canaryServer, weight: percent });
        const { text: previous, mode } = await this.readPrevious();
        // Skipped only when this instance itself applied the same content: a file written by a process
        // that died before its reload says nothing about what nginx runs, so another run reloads anyway.
        if (skipIfApplied && previous === text && this.applied === text) {
            this.options.logger.info(`nginx: ${describeSplit(percent)} already applied; nothing to reload.`);
            return;
        }
        const started = Date.now();
        const appliedBefore = this.applied;
        this.applied = null;
        // Keeps the file's mode: nginx (or a group it runs as) must read it as before.
        await (0,atomic_write/* writeFileAtomic */.Z)(file, text, { durable: false, mode });
        const test = await this.run('nginx-test-command', this.testCommand, percent, signal);
        if (!succeeded(test.result)) {
            await this.putBack(previous, mode);
            // nginx was not reloaded: it still runs what it ran.
            this.applied = appliedBefore;
            this.warnOutput('nginx-test-command', test.lines);
            if (test.result.aborted) {
                throw new Error(`nginx-test-command was stopped for ${file} at weight ${percent} %: the job was cancelled; ${putBackText(previous)}, and nginx was not reloaded.`);
            }
            throw new Error(`nginx-test-command failed for ${file} at weight ${percent} % (${outcome(test.result, this.timeoutMs)}): ${firstProblem(test.lines)}; ${putBackText(previous)}, and nginx was not reloaded.`);
        }
        // The reload is not cancelled: the new file passed its test, and stopping a reload half-way
        // would leave the file and what nginx runs disagreeing.
        const reload = await this.run('nginx-reload-command', this.reloadCommand, percent, undefined);
        if (!succeeded(reload.result)) {
            await this.putBack(previous, mode);
            this.warnOutput('nginx-reload-command', reload.lines);
            const again = await this.run('nginx-reload-command', this.reloadCommand, previous === null ? null : parseWeight(previous), undefined);
            const after = succeeded(again.result)
                ? 'nginx was reloaded again'
                : `reloading it failed too (${outcome(again.result, this.timeoutMs)}: ${firstProblem(again.lines)})`;
            throw new Error(`nginx-reload-command failed for ${file} at weight ${percent} % (${outcome(reload.result, this.timeoutMs)}): ${firstProblem(reload.lines)}; ${putBackText(previous)} and ${after}.`);
        }
        // nginx's master starts the new workers, then waits 100 ms before telling the old ones to stop
        // taking requests (ngx_process_cycle.c): until then the old weights still apply. Only after that
        // may a rollback-command stop the canary, or the rollback be timed as done.
        await (0,sleep/* sleep */.y)(this.options.settleMs ?? RELOAD_SETTLE_MS);
        this.applied = text;
        this.options.logger.info(`nginx: ${describeSplit(percent)} — tested and reloaded in ${Date.now() - started} ms.`);
    }
    get timeoutMs() {
        return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    }
    /** The file's content and mode before a change; text null when there was none. */
    async readPrevious() {
        try {
            const mode = (await external_node_fs_.promises.stat(this.options.confPath)).mode & 0o777;
            return { text: await external_node_fs_.promises.readFile(this.options.confPath, 'utf8'), mode };
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOENT')
                return { text: null };
            throw new Error(`Input "nginx-conf" has value "${this.options.confPath}": the file could not be read (${code ?? 'error'}).`, { cause: err });
        }
    }
    async putBack(previous, mode) {
        if (previous === null)
            await external_node_fs_.promises.rm(this.options.confPath, { force: true });
        else
            await (0,atomic_write/* writeFileAtomic */.Z)(this.options.confPath, previous, { durable: false, mode });
    }
    /** `weight` is what the file holds while the command runs (null: unknown, SHIPGATE_WEIGHT is then empty). */
    async run(input, command, weight, signal) {
        const lines = [];
        const prefix = `[${input}] `;
        const base = this.options.logger;
        // A passing test prints "syntax is ok" on every step: the output goes to debug and is kept,
        // so a failure can quote it.
        const keeping = {
            info: (m) => {
                if (lines.length < KEPT_LINES)
                    lines.push(m.startsWith(prefix) ? m.slice(prefix.length) : m);
                base.debug(m);
            },
            warning: (m) => base.warning(m),
            debug: (m) => base.debug(m)
        };
        if (input === 'nginx-reload-command') {
            this.reloadTimes.push(Date.now());
            if (this.reloadTimes.length > KEPT_RELOADS)
                this.reloadTimes.splice(0, this.reloadTimes.length - KEPT_RELOADS);
        }
        const result = await (0,bash/* runBash */.i)({
            command,
            cwd: this.options.cwd,
            env: (0,env/* childEnv */.g)(this.options.env, {
                kind: 'step',
                extra: { SHIPGATE_NGINX_CONF: this.options.confPath, SHIPGATE_NGINX_UPSTREAM: this.upstream, SHIPGATE_WEIGHT: weight === null ? '' : String(weight) }
            }),
            logger: keeping,
            signal,
            timeoutMs: this.timeoutMs,
            linePrefix: prefix
        });
        return { result, lines };
    }
    warnOutput(input, lines) {
        for (const line of lines)
            this.options.logger.warning(`[${input}] ${line}`);
    }
    /**
     * nginx makes one server of every address a name resolves to, each with the full weight: a
     * canary named by a host with two addresses gets twice its share. Said once, before the rollout.
     */
    async warnAboutSeveralAddresses() {
        for (const [input, value] of [
            ['stable-server', this.options.stableServer],
            ['canary-server', this.options.canaryServer]
        ]) {
            const hp = parseHostPort(value);
            if (!hp || hp.host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(hp.host))
                continue;
            // A name that does not resolve is nginx -t's to report, in nginx's words.
            const addrs = (await lookupAll(hp.host)) ?? [];
            if (addrs.length > 1) {
                this.options.logger.warning(`nginx: ${input} ${(0,util_escape/* escapeLogText */.dD)(value)} resolves to ${addrs.length} addresses (${addrs.map((a) => a.address).join(', ')}); nginx gives each the full weight, so the split is not the one asked for: name the server by one address.`);
            }
        }
    }
}
async function isDirectory(p) {
    try {
        return (await external_node_fs_.promises.stat(p)).isDirectory();
    }
    catch {
        return false;
    }
}
function succeeded(r) {
    return r.exitCode === 0 && !r.timedOut && !r.aborted;
}
function outcome(r, timeoutMs) {
    if (r.timedOut)
        return `no answer within ${Math.round(timeoutMs / 1000)} s, stopped`;
    if (r.aborted)
        return 'cancelled';
    if (r.exitCode === null)
        return `killed by ${r.exitSignal ?? 'a signal'}`;
    return `exit ${r.exitCode}`;
}
/** nginx may print warnings before the error that matters; the first [emerg]/[alert]/[crit]/[error] line is the reason. */
function firstProblem(lines) {
    const line = lines.find((l) => /\[(emerg|alert|crit|error)\]/.test(l)) ?? lines.find((l) => l.trim() !== '');
    return line === undefined ? 'it printed nothing' : (0,util_escape/* escapeLogText */.dD)(withoutLogPrefix(line.trim()), 300);
}
/** With `-e stderr` nginx prefixes its error-log format (`2025/01/02 03:04:05 [emerg] 12#12: `): the time and pids say nothing here. */
function withoutLogPrefix(line) {
    return line.replace(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} (\[\w+\]) \d+#\d+: (?:\*\d+ )?/, 'nginx: $1 ');
}
function putBackText(previous) {
    return previous === null ? 'the new file was removed (there was none before)' : 'the previous file was put back';
}


/***/ }),

/***/ 5816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Writes a file so that readers see the old or the new content, never half of it: a temp file
 * in the same directory and a rename. With `durable` (the default) the data and the rename are
 * also fsynced, so a machine crash cannot lose a record; state rewritten on every traffic shift
 * can skip that cost.
 */
async function writeFileAtomic(file, text, options = {}) {
    const durable = options.durable ?? true;
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), { recursive: true });
    const tmp = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), `.${node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(file)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}.tmp`);
    const h = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.open(tmp, 'wx', options.mode ?? 0o644);
    try {
        await h.writeFile(text);
        if (durable)
            await h.sync();
    }
    finally {
        await h.close();
    }
    try {
        await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.rename(tmp, file);
    }
    catch (err) {
        await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.rm(tmp, { force: true });
        throw err;
    }
    if (!durable)
        return;
    // Make the rename itself durable; not every platform can open a directory.
    try {
        const dir = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.open(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), 'r');
        await dir.sync().finally(() => dir.close());
    }
    catch {
        // best effort
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
