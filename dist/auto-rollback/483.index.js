export const id = 483;
export const ids = [483];
export const modules = {

/***/ 3483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HaproxyRouter: () => (/* binding */ HaproxyRouter)
});

// UNUSED EXPORTS: HaproxySocketError, canaryShare, planWeightChange, weightsFor

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./shared/routers/haproxy/runtime-api.ts

/** Longest reply kept: a `show stat` of a very large configuration, not an unbounded stream. */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;
/** The socket could not be reached or did not answer in time (as opposed to answering with an error text). */
class HaproxySocketError extends Error {
    name = 'HaproxySocketError';
}
/**
 * HAProxy's runtime API over its Unix `stats socket`. Non-interactive use: one command per
 * connection, HAProxy answers and closes, so the reply is everything read until the close.
 * Success is usually an empty reply; failures are text ("No such server."), which the caller
 * judges, since some commands answer with data.
 */
class HaproxyRuntimeApi {
    socket;
    timeoutMs;
    constructor(socket, timeoutMs = 5000) {
        this.socket = socket;
        this.timeoutMs = timeoutMs;
    }
    /** Sends one command, resolves with HAProxy's whole reply (trailing blank line included). */
    send(command) {
        // A line break would smuggle in a second command; callers validate names, this is the backstop.
        if (/[\r\n]/.test(command)) {
            return Promise.reject(new Error(`refusing to send ${JSON.stringify(command)} to haproxy-socket ${this.socket}: a command is one line`));
        }
        return new Promise((resolve, reject) => {
            const chunks = [];
            let size = 0;
            let settled = false;
            const conn = external_node_net_default().createConnection({ path: this.socket });
            const finish = (err) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                conn.destroy();
                if (err)
                    reject(err);
                else
                    resolve(Buffer.concat(chunks).toString('utf8'));
            };
            const timer = setTimeout(() => finish(new HaproxySocketError(`haproxy-socket ${this.socket} did not answer "${command}" within ${this.timeoutMs} ms.`)), this.timeoutMs);
            conn.on('connect', () => conn.write(`${command}\n`));
            conn.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_REPLY_BYTES) {
                    finish(new HaproxySocketError(`haproxy-socket ${this.socket} answered "${command}" with more than ${MAX_REPLY_BYTES} bytes.`));
                    return;
                }
                chunks.push(chunk);
            });
            conn.on('end', () => finish(null));
            conn.on('error', (err) => finish(new HaproxySocketError(`haproxy-socket ${this.socket} could not be asked "${command}": ${err.message}.`)));
            // A close without an end (a reset): whatever arrived is not a whole reply.
            conn.on('close', () => finish(new HaproxySocketError(`haproxy-socket ${this.socket} closed the connection before answering "${command}".`)));
        });
    }
}
/** A reply as one trimmed line of text, for messages and comparisons. */
function replyText(reply) {
    return reply.trim().replace(/\s*\n\s*/g, ' ');
}
/**
 * HAProxy allows only letters, digits, `-`, `_`, `.` and `:` in proxy and server names; anything
 * else (a space, `;`, `/`) would change the meaning of a runtime API command, so it is refused
 * before a command is built.
 */
function checkHaproxyName(input, value) {
    if (!/^[A-Za-z0-9_.:-]+$/.test(value)) {
        throw new Error(`${input} ${JSON.stringify(value)} is not a HAProxy name: use letters, digits, '-', '_', '.' and ':' only.`);
    }
}

;// CONCATENATED MODULE: ./shared/routers/haproxy/stat-csv.ts
/**
 * HAProxy's `show stat` CSV, read by header names: the column order changes between versions
 * (2.6 has about 100 columns; `hrsp_5xx` is the 44th there), the names do not.
 */
/**
 * Splits one CSV line. HAProxy quotes a field that holds a comma or a quote (a check
 * description, say) with double quotes, doubling quotes inside. A line break inside a field
 * would split its row; no field Shipgate reads can hold one.
 */
function splitCsvLine(line) {
    const out = [];
    let i = 0;
    for (;;) {
        let value = '';
        if (line[i] === '"') {
            i++;
            for (;;) {
                const q = line.indexOf('"', i);
                if (q === -1) {
                    value += line.slice(i);
                    i = line.length;
                    break;
                }
                value += line.slice(i, q);
                if (line[q + 1] === '"') {
                    value += '"';
                    i = q + 2;
                }
                else {
                    i = q + 1;
                    break;
                }
            }
            const comma = line.indexOf(',', i);
            i = comma === -1 ? line.length + 1 : comma + 1;
        }
        else {
            const comma = line.indexOf(',', i);
            if (comma === -1) {
                value = line.slice(i);
                i = line.length + 1;
            }
            else {
                value = line.slice(i, comma);
                i = comma + 1;
            }
        }
        out.push(value);
        if (i > line.length)
            return out;
    }
}
/**
 * Parses the whole reply of `show stat`. The header line starts with `# `; every line ends with a
 * comma (so the last, empty column is dropped). Throws one sentence when there is no header.
 */
function parseShowStat(text) {
    const lines = text.split(/\r?\n/);
    const headerAt = lines.findIndex((l) => l.startsWith('# '));
    if (headerAt === -1)
        throw new Error(`the reply to show stat has no "# pxname,svname,..." header line: ${JSON.stringify(text.slice(0, 200))}`);
    const names = splitCsvLine(lines[headerAt].slice(2));
    const rows = [];
    for (const line of lines.slice(headerAt + 1)) {
        if (line.trim() === '')
            continue;
        const values = splitCsvLine(line);
        const row = {};
        names.forEach((name, k) => {
            if (name !== '')
                row[name] = values[k] ?? '';
        });
        rows.push(row);
    }
    return rows;
}
/** The row of `svname` (a server name, or `BACKEND`/`FRONTEND`) in proxy `pxname`, if any. */
function findRow(rows, pxname, svname) {
    return rows.find((r) => r.pxname === pxname && r.svname === svname);
}
/** Server names of backend `pxname` (its BACKEND/FRONTEND summary rows left out). */
function serverNames(rows, pxname) {
    return rows.filter((r) => r.pxname === pxname && r.svname !== 'BACKEND' && r.svname !== 'FRONTEND').map((r) => r.svname);
}
function num(value) {
    if (value === undefined || value.trim() === '')
        return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
}
/** The fields Shipgate uses from one row; empty counters read as 0, empty averages as null. */
function serverStats(row) {
    const reqTot = num(row.req_tot);
    const stot = num(row.stot);
    return {
        pxname: row.pxname ?? '',
        svname: row.svname ?? '',
        requests: reqTot ?? stot ?? 0,
        requestsFromStot: reqTot === null && stot !== null,
        sessions: stot,
        http5xx: num(row.hrsp_5xx) ?? 0,
        connectionErrors: num(row.econ) ?? 0,
        responseErrors: num(row.eresp) ?? 0,
        rtimeMs: num(row.rtime),
        ttimeMs: num(row.ttime),
        status: row.status ?? '',
        weight: num(row.weight),
        algo: row.algo ?? ''
    };
}
/** Picks one server's stats out of a `show stat` reply; undefined when the row is absent. */
function pickServer(rows, backend, server) {
    const row = findRow(rows, backend, server);
    return row ? serverStats(row) : undefined;
}
/**
 * Whether a server with this status takes no new traffic whatever its weight: forced or inherited
 * maintenance (`MAINT`, `MAINT(via)`, `MAINT (resolution)`), `DRAIN`, `NOLB`, or down by checks.
 */
function outOfRotation(status) {
    return /^(MAINT|DRAIN|NOLB|DOWN)/.test(status);
}

;// CONCATENATED MODULE: ./shared/signals/haproxy-stats.ts



function snapshotOf(pid, s) {
    return {
        pid,
        requests: s.requests,
        requestsFromStot: s.requestsFromStot,
        http5xx: s.http5xx,
        connectionErrors: s.connectionErrors,
        responseErrors: s.responseErrors
    };
}
/**
 * Counter increases between two snapshots. Counters restart from 0 when HAProxy reloads: when the
 * process changed or any counter went down, the increase is the new value. (Checking every counter
 * and the pid, not each counter alone: after a reload one counter can already be past its old
 * value while another is not, and mixing the two would invent or lose errors.)
 *
 * HAProxy 2.6 counts a server's `req_tot` when its response arrives, so a refused connection
 * (`econ`) or a response that broke off (`eresp`) is not in it (measured: 25 refused connections
 * left `req_tot` unchanged and raised `econ` and `stot` by 25): they are added to the requests.
 * `stot` (the fallback when `req_tot` is empty) already counts them.
 */
function counterDelta(before, now) {
    const restarted = before.pid !== now.pid ||
        now.requests < before.requests ||
        now.http5xx < before.http5xx ||
        now.connectionErrors < before.connectionErrors ||
        now.responseErrors < before.responseErrors;
    const d = (k) => (restarted ? now[k] : now[k] - before[k]);
    const connectionErrors = d('connectionErrors');
    const responseErrors = d('responseErrors');
    const answered = d('requests');
    const requests = now.requestsFromStot ? answered : answered + connectionErrors + responseErrors;
    // A 5xx is one of the answered requests; never more errors than requests.
    const http5xx = Math.min(d('http5xx'), answered);
    const failedTransport = Math.min(connectionErrors + responseErrors, requests - http5xx);
    const conn = Math.min(connectionErrors, failedTransport);
    return { requests, http5xx, connectionErrors: conn, responseErrors: failedTransport - conn, restarted };
}
/** Scales a delta down to at most `cap` requests, keeping each kind's share. */
function thin(delta, cap) {
    if (delta.requests <= cap)
        return delta;
    const scale = (n) => Math.round((n * cap) / delta.requests);
    const http5xx = scale(delta.http5xx);
    const connectionErrors = Math.min(scale(delta.connectionErrors), cap - http5xx);
    const responseErrors = Math.min(scale(delta.responseErrors), cap - http5xx - connectionErrors);
    return { requests: cap, http5xx, connectionErrors, responseErrors, restarted: delta.restarted };
}
/**
 * Evidence from HAProxy's per-server counters (`show stat`): each read turns the increase since
 * the previous read into synthetic samples, one per request, so the same judge works on it.
 * 5xx responses, refused connections and broken responses are failures. The samples carry no
 * latency: HAProxy keeps only `ttime`, the average over a server's last 1,024 requests, which is not
 * one request's time (and it follows the load, so comparing it across weights misleads). Latency is
 * judged from sources that time each request (probes, nginx's log, Prometheus).
 */
class HaproxyStatsSource {
    options;
    name = 'haproxy';
    /** HAProxy counts only the requests that pass through it: requests sent straight to canary-url do not show here. */
    seesProbes = false;
    api;
    last = new Map();
    sides;
    warnedUnreachable = false;
    warnedMissing = new Set();
    shuffleState = 0x2545f491;
    constructor(options) {
        this.options = options;
        checkHaproxyName('haproxy-backend', options.backend);
        checkHaproxyName('haproxy-stable-server', options.stableServer);
        checkHaproxyName('haproxy-canary-server', options.canaryServer);
        this.api = new HaproxyRuntimeApi(options.socket, options.timeoutMs ?? 5000);
        this.sides = [
            { side: 'canary', server: options.canaryServer },
            { side: 'stable', server: options.stableServer }
        ];
    }
    /** At 100 % HAProxy sends stable nothing, at 0 % the canary nothing: only the other side has evidence. */
    covers(weight) {
        if (weight >= 100)
            return ['canary'];
        if (weight <= 0)
            return ['stable'];
        return ['canary', 'stable'];
    }
    async start(_step) {
        const snaps = await this.snapshots();
        for (const { side } of this.sides)
            this.last.set(side, snaps?.get(side) ?? null);
    }
    async read() {
        const snaps = await this.snapshots();
        // HAProxy away for a moment is "no data", not a verdict; the next read counts from the last baseline.
        if (!snaps)
            return [];
        const out = [];
        const at = Date.now();
        for (const { side } of this.sides) {
            const now = snaps.get(side);
            if (!now)
                continue;
            const before = this.last.get(side) ?? null;
            this.last.set(side, now);
            // No baseline yet (unreachable at start, or the server appeared later): this read is the baseline.
            if (!before)
                continue;
            const delta = counterDelta(before, now);
            if (delta.restarted)
                this.options.logger?.debug(`haproxy: counters of ${(0,util_escape/* escapeLogText */.dD)(this.serverOf(side))} restarted (a reload); counting from 0`);
            out.push(...this.synthesise(side, thin(delta, this.options.maxSamplesPerRead ?? 5000), at));
        }
        return out;
    }
    async stop() {
        // Nothing is held open between reads.
    }
    serverOf(side) {
        return side === 'canary' ? this.options.canaryServer : this.options.stableServer;
    }
    synthesise(side, delta, at) {
        const n = delta.requests;
        if (n <= 0)
            return [];
        // No per-request latency (see the class comment).
        const latencyMs = null;
        const samples = [];
        const kinds = [
            { count: delta.http5xx, status: 500, detail: 'HTTP 5xx via haproxy' },
            { count: delta.connectionErrors, status: 0, detail: 'connection to the server failed via haproxy (econ)' },
            { count: delta.responseErrors, status: 0, detail: 'the server response broke off or timed out via haproxy (eresp)' }
        ];
        for (const k of kinds) {
            for (let i = 0; i < k.count; i++)
                samples.push({ side, ok: false, status: k.status, latencyMs, at, source: 'haproxy', detail: k.detail });
        }
        while (samples.length < n)
            samples.push({ side, ok: true, status: 200, latencyMs, at, source: 'haproxy' });
        // The judge pairs canary and stable samples in order: clustered errors would pair badly.
        this.shuffle(samples);
        return samples;
    }
    shuffle(xs) {
        for (let i = xs.length - 1; i > 0; i--) {
            this.shuffleState = (Math.imul(this.shuffleState, 1664525) + 1013904223) >>> 0;
            const j = this.shuffleState % (i + 1);
            [xs[i], xs[j]] = [xs[j], xs[i]];
        }
    }
    /** Both servers' counters now, or null when the socket did not answer. */
    async snapshots() {
        let pid;
        let text;
        try {
            pid = /^Pid:\s*(\S+)/m.exec(await this.api.send('show info'))?.[1] ?? '';
            // Type 4 = servers only: a small reply even when the configuration has many proxies.
            text = await this.api.send(`show stat ${this.options.backend} 4 -1`);
        }
        catch (err) {
            this.unreachable(err);
            return null;
        }
        let rows;
        try {
            rows = parseShowStat(text);
        }
        catch (err) {
            // "No such proxy." and friends: the backend is gone (or misnamed); that is no data too.
            this.unreachable(err);
            return null;
        }
        const out = new Map();
        for (const { side, server } of this.sides) {
            const stats = pickServer(rows, this.options.backend, server);
            if (stats)
                out.set(side, snapshotOf(pid, stats));
            else if (!this.warnedMissing.has(side)) {
                this.warnedMissing.add(side);
                this.options.logger?.warning(`haproxy: server ${(0,util_escape/* escapeLogText */.dD)(server)} is not in backend ${(0,util_escape/* escapeLogText */.dD)(this.options.backend)}'s show stat: no ${side} evidence from HAProxy.`);
            }
        }
        return out;
    }
    unreachable(err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (!this.warnedUnreachable)
            this.options.logger?.warning(`HAProxy stats read failed (no data this look): ${(0,util_escape/* escapeLogText */.dD)(msg)}`);
        else
            this.options.logger?.debug(`HAProxy stats read failed: ${(0,util_escape/* escapeLogText */.dD)(msg)}`);
        this.warnedUnreachable = true;
    }
}

// EXTERNAL MODULE: ./shared/util/atomic-write.ts
var atomic_write = __webpack_require__(5816);
;// CONCATENATED MODULE: ./shared/routers/haproxy/index.ts







/** HAProxy weights are relative to each other: canary p and stable 100 − p give the canary exactly p %. */
function weightsFor(percent) {
    return { canary: percent, stable: 100 - percent };
}
/** The canary's share of the requests in percent, rounded; 0 when both weights are 0 (no server takes anything). */
function canaryShare(w) {
    const total = w.canary + w.stable;
    return total === 0 ? 0 : Math.round((w.canary * 100) / total);
}
/**
 * In which order to send the two `set weight` commands. Between them, one mixed state is live:
 * canary-first leaves (new canary, old stable), stable-first (old canary, new stable). Both mixed
 * shares lie between the old and the new share (the sums stay 100 apart from one side's change),
 * so neither order overshoots on paper.
 * - A mixed state where both weights are 0 sends every request to no server (HAProxy answers 503
 *   "no server available"; measured on 2.6): going 100 → 0 canary-first, or 0 → 100 stable-first,
 *   would do that. Such an order is never chosen.
 * - A canary-first mixed state that gives the canary more than both the old and the new share
 *   (from 0/0, a state nobody normalised) is not chosen either.
 * - Otherwise the canary's weight changes first. Lowering stable's weight first under roundrobin
 *   sent 95–100 % of requests to the canary for 1–1.5 s in 2 of 6 trials on 2.6 (and 4 of 10
 *   changes to 50 % in `npm run bench:routers`); canary-first gave 49–51 % in every trial.
 * Servers whose weight does not change get no command.
 */
function planWeightChange(current, target) {
    const canary = { side: 'canary', weight: target.canary };
    const stable = { side: 'stable', weight: target.stable };
    const canaryChanges = current.canary !== target.canary;
    const stableChanges = current.stable !== target.stable;
    if (!canaryChanges)
        return stableChanges ? [stable] : [];
    if (!stableChanges)
        return [canary];
    const mixed = target.canary + current.stable;
    const share = (w) => (w.canary + w.stable === 0 ? 0 : w.canary / (w.canary + w.stable));
    // Canary-first, unless its mixed state has no server or gives the canary more than both the old and the new share.
    const overshoots = mixed === 0 || target.canary / mixed > Math.max(share(current), share(target));
    return overshoots ? [stable, canary] : [canary, stable];
}
/**
 * HAProxy's runtime API as a traffic router: `set weight` on two servers of one backend, each
 * checked with `get weight`. Weights are absolute (0–256), so both servers are set: canary p,
 * stable 100 − p. A reset also puts the canary in `maint`, so not even a weight typo elsewhere
 * can send it traffic; the next setWeight brings it back with `state ready`.
 */
class HaproxyRouter {
    options;
    name = 'haproxy';
    api;
    constructor(options) {
        this.options = options;
        checkHaproxyName('haproxy-backend', options.backend);
        checkHaproxyName('haproxy-stable-server', options.stableServer);
        checkHaproxyName('haproxy-canary-server', options.canaryServer);
        if (options.stableServer === options.canaryServer) {
            throw new Error(`haproxy-canary-server ${JSON.stringify(options.canaryServer)} is also haproxy-stable-server: name two different servers of the backend.`);
        }
        this.api = new HaproxyRuntimeApi(options.socket, options.timeoutMs ?? 5000);
    }
    async preflight() {
        const { socket, backend, stableServer, canaryServer, stateFile } = this.options;
        const level = replyText(await this.api.send('show cli level'));
        // `show cli level` answers user, operator or admin; anything else is an older HAProxy: skip.
        if (level === 'user' || level === 'operator') {
            throw new Error(`haproxy-socket ${socket} is at level ${level}, but set weight needs "level admin" on its stats socket line.`);
        }
        // Type 2|4: the backend row (its algorithm) and its servers.
        const reply = await this.api.send(`show stat ${backend} 6 -1`);
        const rows = reply.startsWith('# ') ? parseShowStat(reply) : [];
        const backendRow = findRow(rows, backend, 'BACKEND');
        if (!backendRow) {
            const names = replyText(await this.api.send('show backend'))
                .replace(/^# name\s*/, '')
                .split(/\s+/)
                .filter(Boolean);
            throw new Error(`haproxy-backend ${JSON.stringify(backend)} is not a backend of the HAProxy at haproxy-socket ${socket} (its backends: ${names.join(', ') || 'none'}).`);
        }
        const servers = serverNames(rows, backend);
        for (const [input, server] of [
            ['haproxy-stable-server', stableServer],
            ['haproxy-canary-server', canaryServer]
        ]) {
            if (!servers.includes(server)) {
                throw new Error(`${input} ${JSON.stringify(server)} is not a server of haproxy-backend ${JSON.stringify(backend)} (its servers: ${servers.join(', ') || 'none'}).`);
            }
        }
        // static-rr takes only 0 % and 100 %; `first` fills servers in order and splits nothing. A
        // map-based hash (the default hash-type) is static too, but `show stat` names only the key
        // (source, uri, ...), not the hash type: HAProxy refuses the first set weight then, and
        // setWeight reports its sentence.
        const algo = backendRow.algo ?? '';
        if (algo === 'static-rr' || algo === 'first') {
            throw new Error(`haproxy-backend ${JSON.stringify(backend)} balances with ${algo}, which cannot split traffic by weight at runtime: use balance roundrobin (or leastconn, random).`);
        }
        if (stateFile !== undefined) {
            const dir = external_node_path_default().dirname(external_node_path_default().resolve(stateFile));
            try {
                await external_node_fs_.promises.access(dir, external_node_fs_.constants.W_OK);
            }
            catch {
                throw new Error(`haproxy-state-file ${stateFile} cannot be written: its folder ${dir} is missing or not writable.`);
            }
        }
    }
    async setWeight(percent, context) {
        if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
            throw new Error(`The canary weight ${percent} is not a whole percentage from 0 to 100.`);
        }
        if (context.signal?.aborted)
            throw new Error(`HAProxy weights were not changed to canary ${percent} %: the job was cancelled.`);
        const target = weightsFor(percent);
        const before = await this.weights();
        const stats = await this.stat();
        let current = before;
        // What has been changed so far, to put back if a later command is refused: a failed
        // setWeight leaves the weights (and the state file) as they were, not a mix of old and new.
        const undo = [];
        try {
            if (percent > 0 && /^(MAINT|DRAIN)/.test(this.status(stats, 'canary'))) {
                // Out of rotation after a reset: back in at weight 0 first, so it returns with no old weight.
                if (current.canary !== 0) {
                    await this.setChecked('canary', 0);
                    undo.push(() => this.setChecked('canary', before.canary));
                }
                current = { ...current, canary: 0 };
                await this.command(`set server ${this.ref('canary')} state ready`);
                undo.push(() => this.command(`set server ${this.ref('canary')} state maint`));
                const after = this.status(await this.stat(), 'canary');
                if (/^(MAINT|DRAIN)/.test(after)) {
                    throw new Error(`HAProxy kept haproxy-canary-server ${this.ref('canary')} ${(0,util_escape/* escapeLogText */.dD)(after)} after "set server ... state ready" on haproxy-socket ${this.options.socket}.`);
                }
                // With health checks a server may leave maint DOWN until its checks pass: that is HAProxy's call, not a refusal.
                if (outOfRotation(after)) {
                    this.options.logger.warning(`haproxy: canary server ${this.ref('canary')} is ${(0,util_escape/* escapeLogText */.dD)(after)} after leaving maint: it takes no requests until its health checks pass.`);
                }
            }
            for (const set of planWeightChange(current, target)) {
                const was = current[set.side];
                await this.setChecked(set.side, set.weight);
                undo.push(() => this.setChecked(set.side, was));
            }
            await this.saveState();
        }
        catch (err) {
            for (const step of undo.reverse()) {
                try {
                    await step();
                }
                catch (undoErr) {
                    this.options.logger.warning(`haproxy: could not put back the earlier setting: ${(0,util_escape/* escapeLogText */.dD)(undoErr instanceof Error ? undoErr.message : String(undoErr))}`);
                }
            }
            throw err;
        }
        this.warnIfStableOut(stats);
        this.options.logger.info(`haproxy: canary ${percent} % (weights ${target.canary}/${target.stable}), checked with get weight`);
    }
    /** Every step is tried even when one fails (a rollback must get as far as it can); the first failure is thrown at the end. */
    async reset(_context) {
        const errors = [];
        const attempt = async (step) => {
            try {
                await step();
            }
            catch (err) {
                errors.push(err);
            }
        };
        const target = weightsFor(0);
        await attempt(async () => {
            for (const set of planWeightChange(await this.weights(), target))
                await this.setChecked(set.side, set.weight);
        });
        await attempt(async () => {
            await this.command(`set server ${this.ref('canary')} state maint`);
            const status = this.status(await this.stat(), 'canary');
            if (!status.startsWith('MAINT')) {
                throw new Error(`HAProxy shows haproxy-canary-server ${this.ref('canary')} as ${(0,util_escape/* escapeLogText */.dD)(status)}, not MAINT, after "set server ... state maint" on haproxy-socket ${this.options.socket}.`);
            }
        });
        await attempt(() => this.saveState());
        if (errors.length)
            throw errors[0];
        this.options.logger.info(`haproxy: canary 0 % (weights ${target.canary}/${target.stable}, canary in maint), checked with get weight and show stat`);
    }
    async currentWeight() {
        try {
            const weights = await this.weights();
            const stats = await this.stat();
            if (outOfRotation(this.status(stats, 'canary')))
                return 0;
            if (outOfRotation(this.status(stats, 'stable')))
                return weights.canary > 0 ? 100 : 0;
            return canaryShare(weights);
        }
        catch (err) {
            this.options.logger.debug(`haproxy: cannot read the weights: ${(0,util_escape/* escapeLogText */.dD)(err instanceof Error ? err.message : String(err))}`);
            return null;
        }
    }
    requestCounter() {
        const { socket, backend, stableServer, canaryServer, logger, timeoutMs } = this.options;
        return new HaproxyStatsSource({ socket, backend, stableServer, canaryServer, logger, timeoutMs });
    }
    server(side) {
        return side === 'canary' ? this.options.canaryServer : this.options.stableServer;
    }
    ref(side) {
        return `${this.options.backend}/${this.server(side)}`;
    }
    /** A command whose only good answer is an empty one; any text is HAProxy refusing it. */
    async command(cmd) {
        const reply = replyText(await this.api.send(cmd));
        if (reply !== '')
            throw new Error(`HAProxy refused "${cmd}" on haproxy-socket ${this.options.socket}: ${(0,util_escape/* escapeLogText */.dD)(reply, 200)}`);
    }
    async setChecked(side, weight) {
        await this.command(`set weight ${this.ref(side)} ${weight}`);
        const now = await this.weightOf(side);
        if (now !== weight) {
            throw new Error(`HAProxy kept server ${this.ref(side)} at weight ${now} after "set weight ${this.ref(side)} ${weight}" on haproxy-socket ${this.options.socket}.`);
        }
    }
    /** `get weight` answers `10 (initial 100)`: the current weight, then the configured one. */
    async weightOf(side) {
        const reply = replyText(await this.api.send(`get weight ${this.ref(side)}`));
        const m = /^(\d+) \(initial \d+\)$/.exec(reply);
        if (!m)
            throw new Error(`HAProxy answered "get weight ${this.ref(side)}" on haproxy-socket ${this.options.socket} with ${JSON.stringify((0,util_escape/* escapeLogText */.dD)(reply, 200))}.`);
        return Number(m[1]);
    }
    async weights() {
        return { canary: await this.weightOf('canary'), stable: await this.weightOf('stable') };
    }
    /** The backend's server rows; throws when HAProxy answers with something other than CSV. */
    async stat() {
        const reply = await this.api.send(`show stat ${this.options.backend} 4 -1`);
        if (!reply.startsWith('# ')) {
            throw new Error(`HAProxy answered "show stat ${this.options.backend} 4 -1" on haproxy-socket ${this.options.socket} with ${JSON.stringify((0,util_escape/* escapeLogText */.dD)(replyText(reply), 200))}.`);
        }
        return parseShowStat(reply);
    }
    status(rows, side) {
        const row = findRow(rows, this.options.backend, this.server(side));
        if (!row)
            throw new Error(`haproxy-${side}-server ${JSON.stringify(this.server(side))} is not in show stat of haproxy-backend ${JSON.stringify(this.options.backend)}.`);
        return row.status ?? '';
    }
    /**
     * Stable down by its health checks (or put in maint by someone) takes nothing whatever its
     * weight, so the canary gets everything. Not thrown: the rollback that would follow puts the
     * canary in maint too, and then nothing answers at all.
     */
    warnIfStableOut(rows) {
        const status = this.status(rows, 'stable');
        if (outOfRotation(status)) {
            this.options.logger.warning(`haproxy: stable server ${(0,util_escape/* escapeLogText */.dD)(this.ref('stable'))} is ${(0,util_escape/* escapeLogText */.dD)(status)}, so HAProxy sends the canary every request, whatever the weights.`);
        }
    }
    /** `show servers state` (every backend, as HAProxy sees it now) into the state file, whole or not at all. */
    async saveState() {
        const file = this.options.stateFile;
        if (file === undefined)
            return;
        const state = await this.api.send('show servers state');
        // The format starts with its version line ("1"), then the "# be_id ..." header.
        if (!/^\d+\n# /.test(state)) {
            throw new Error(`HAProxy answered "show servers state" on haproxy-socket ${this.options.socket} with ${JSON.stringify((0,util_escape/* escapeLogText */.dD)(replyText(state), 200))}.`);
        }
        try {
            // Rewritten on every shift: no fsync (a crash loses at most the last shift's weights).
            await (0,atomic_write/* writeFileAtomic */.Z)(file, state, { durable: false });
        }
        catch (err) {
            throw new Error(`haproxy-state-file ${file} could not be written: ${err instanceof Error ? err.message : String(err)}.`, { cause: err });
        }
    }
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


/***/ })

};
