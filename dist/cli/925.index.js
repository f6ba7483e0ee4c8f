export const id = 925;
export const ids = [925];
export const modules = {

/***/ 5925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileLedger: () => (/* binding */ FileLedger)
/* harmony export */ });
/* unused harmony exports LEDGER_SCHEMA, parseLedger */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5816);
/* harmony import */ var _process_alive_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3413);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6407);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7476);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8515);









const LEDGER_SCHEMA = 'shipgate/ledger@1';
/**
 * A ledger in one JSON file, for local use and CI systems other than GitHub. Writers take an
 * O_EXCL lock file next to it and replace the file atomically (temp file, fsync, rename), so
 * concurrent writers lose nothing and readers never see a partial file.
 */
class FileLedger {
    options;
    name = 'file';
    get where() {
        return `the ledger file ${this.file}`;
    }
    file;
    lockFile;
    constructor(options) {
        this.options = options;
        this.file = node_path__WEBPACK_IMPORTED_MODULE_4___default().resolve(options.path);
        this.lockFile = `${this.file}.lock`;
    }
    async begin(o) {
        return this.update((data) => {
            const now = new Date().toISOString();
            const record = {
                id: String(data.nextId++),
                environment: o.environment,
                release: { ...o.release },
                state: 'in_progress',
                kind: o.kind,
                createdAt: now,
                updatedAt: now,
                description: o.description,
                ...(o.logUrl ? { logUrl: o.logUrl } : {}),
                ...(o.environmentUrl ? { environmentUrl: o.environmentUrl } : {}),
                ...(o.payload ? { payload: o.payload } : {}),
                ...(o.rollout ? { rollout: o.rollout } : {}),
                ...(o.progress ? { progress: o.progress } : {})
            };
            (data.environments[o.environment] ??= []).push(record);
            return toPublic(record);
        });
    }
    async record(id, state, details) {
        await this.update((data) => {
            const found = findRecord(data, id);
            if (!found)
                throw new Error(`Deployment ${id} is not in the ledger file ${this.file}.`);
            const now = new Date().toISOString();
            found.state = state;
            found.description = details.description;
            found.updatedAt = now;
            if (details.logUrl)
                found.logUrl = details.logUrl;
            if (details.environmentUrl)
                found.environmentUrl = details.environmentUrl;
            // Only an unfinished rollout has a progress.
            if ((state === 'in_progress' || state === 'pending') && details.progress)
                found.progress = details.progress;
            else
                delete found.progress;
            // Recorded explicitly (inactive, failure, ...): no longer an automatic supersession.
            delete found.supersededBy;
            if (state === 'success') {
                for (const other of data.environments[found.environment] ?? []) {
                    if (other.id !== id && other.state === 'success') {
                        other.state = 'inactive';
                        other.supersededBy = id;
                        other.updatedAt = now;
                    }
                }
            }
        });
    }
    /**
     * The newest deployment that succeeded and was not marked otherwise since: `success`, or made
     * `inactive` only because a newer success replaced it. Needed for "the last good version other
     * than the failing one", which is usually an older, superseded success.
     */
    async lastGood(environment, options = {}) {
        const list = (await this.read()).environments[environment] ?? [];
        for (let i = list.length - 1; i >= 0; i--) {
            const r = list[i];
            if (options.excludeVersion !== undefined && r.release.version === options.excludeVersion)
                continue;
            if (r.state === 'success' || (r.state === 'inactive' && r.supersededBy !== undefined))
                return toPublic(r);
        }
        return null;
    }
    async view(environment, options = {}) {
        const [lastGood, history] = await Promise.all([this.lastGood(environment, options), this.history(environment, 30)]);
        return { lastGood, active: (0,_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .activeRollouts */ .NC)(history), history };
    }
    /** The file has no run registry: the owner's process tells (on this machine). */
    ownerState(owner) {
        return Promise.resolve((0,_owner_js__WEBPACK_IMPORTED_MODULE_5__/* .processOwnerState */ .yx)(owner));
    }
    async history(environment, limit = 10) {
        const list = (await this.read()).environments[environment] ?? [];
        return list
            .slice(Math.max(0, list.length - Math.max(0, limit)))
            .reverse()
            .map(toPublic);
    }
    /** Every environment the file knows. */
    async environments() {
        return Object.keys((await this.read()).environments).sort();
    }
    async read() {
        let text;
        try {
            text = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(this.file, 'utf8');
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOENT')
                return { schema: LEDGER_SCHEMA, nextId: 1, environments: {} };
            throw new Error(`The ledger file ${this.file} could not be read (${code ?? 'error'}).`, { cause: err });
        }
        return parseLedger(text, this.file);
    }
    async update(change) {
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.mkdir(node_path__WEBPACK_IMPORTED_MODULE_4___default().dirname(this.file), { recursive: true });
        const release = await this.lock();
        try {
            const data = await this.read();
            const result = change(data);
            await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__/* .writeFileAtomic */ .Z)(this.file, `${JSON.stringify(data, null, 2)}\n`);
            return result;
        }
        finally {
            await release();
        }
    }
    async lock() {
        const waitMs = this.options.lockWaitMs ?? 15_000;
        const staleMs = this.options.staleLockMs ?? 30_000;
        const info = { pid: process.pid, host: node_os__WEBPACK_IMPORTED_MODULE_3___default().hostname(), token: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex'), at: new Date().toISOString() };
        const deadline = Date.now() + waitMs;
        for (let attempt = 0;; attempt++) {
            try {
                const h = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.open(this.lockFile, 'wx');
                try {
                    await h.writeFile(JSON.stringify(info));
                }
                finally {
                    await h.close();
                }
                return async () => {
                    // Only remove the lock if it is still ours (it may have been taken over as stale).
                    const now = await readLock(this.lockFile);
                    if (now?.token === info.token)
                        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(this.lockFile, { force: true });
                };
            }
            catch (err) {
                if (err.code !== 'EEXIST') {
                    throw new Error(`Could not lock the ledger file ${this.file} (${err.code ?? 'error'}).`, { cause: err });
                }
            }
            if (await this.breakStaleLock(staleMs))
                continue;
            if (Date.now() > deadline) {
                throw new Error(`Could not lock the ledger file ${this.file} within ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a)(waitMs)}: ${this.lockFile} is held by another process (delete it if no Shipgate run is active).`);
            }
            await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 2) + Math.random() * 10));
        }
    }
    /** Takes over a lock whose owner is gone or that is older than `staleMs`; true if it did. */
    async breakStaleLock(staleMs) {
        let st;
        try {
            st = await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.stat(this.lockFile);
        }
        catch {
            return true; // released meanwhile: try again at once
        }
        const held = await readLock(this.lockFile);
        // A lock file without content may be one being written right now: only age can make it stale.
        const ownerGone = held !== null && held.host === node_os__WEBPACK_IMPORTED_MODULE_3___default().hostname() && !(0,_process_alive_js__WEBPACK_IMPORTED_MODULE_8__/* .processAlive */ .F)(held.pid);
        if (!ownerGone && Date.now() - st.mtimeMs <= staleMs)
            return false;
        // Rename first: of several processes that saw the same stale lock, only one wins.
        const aside = `${this.lockFile}.stale-${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
        try {
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rename(this.lockFile, aside);
        }
        catch {
            return true;
        }
        const moved = await readLock(aside);
        if (held && moved && moved.token !== held.token) {
            // We moved a fresh lock that replaced the stale one: put it back if nobody took the place.
            await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.link(aside, this.lockFile).catch(() => { });
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.rm(aside, { force: true });
        return true;
    }
}
function toPublic(r) {
    const { payload: _p, supersededBy: _s, ...rest } = r;
    return { ...rest, release: { ...r.release } };
}
function findRecord(data, id) {
    for (const list of Object.values(data.environments)) {
        const r = list.find((x) => x.id === id);
        if (r)
            return r;
    }
    return undefined;
}
const STATES = new Set(['pending', 'in_progress', 'success', 'failure', 'error', 'inactive']);
function parseLedger(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new Error(`The ledger file ${file} is not valid JSON (it may be corrupted): fix or delete it.`);
    }
    const bad = (what) => {
        throw new Error(`The ledger file ${file} is not a valid Shipgate ledger: ${what}.`);
    };
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        bad('it is not a JSON object');
    const d = data;
    if (d.schema !== LEDGER_SCHEMA)
        bad(`"schema" must be "${LEDGER_SCHEMA}"`);
    if (typeof d.environments !== 'object' || d.environments === null || Array.isArray(d.environments))
        bad('"environments" must be an object');
    let maxId = 0;
    for (const [env, list] of Object.entries(d.environments)) {
        if (!Array.isArray(list))
            bad(`"environments.${env}" must be an array`);
        for (const r of list) {
            if (typeof r !== 'object' ||
                r === null ||
                typeof r.id !== 'string' ||
                !STATES.has(r.state) ||
                typeof r.release?.version !== 'string') {
                bad(`a record of "${env}" lacks an id, a valid state or a release version`);
            }
            maxId = Math.max(maxId, Number(r.id) || 0);
        }
    }
    const nextId = typeof d.nextId === 'number' && d.nextId > maxId ? d.nextId : maxId + 1;
    return { schema: LEDGER_SCHEMA, nextId, environments: d.environments };
}
async function readLock(file) {
    try {
        const info = JSON.parse(await node_fs__WEBPACK_IMPORTED_MODULE_2__.promises.readFile(file, 'utf8'));
        return typeof info?.pid === 'number' && typeof info.token === 'string' ? info : null;
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 7476:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D0: () => (/* binding */ isOwnedBy),
/* harmony export */   Hc: () => (/* binding */ ownerName),
/* harmony export */   Hf: () => (/* binding */ currentOwner),
/* harmony export */   yx: () => (/* binding */ processOwnerState)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _process_alive_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3413);


/** This process as the owner of a rollout it begins. */
function currentOwner(env, runUrl) {
    return {
        ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID, runAttempt: env.GITHUB_RUN_ATTEMPT || '1' } : {}),
        ...(runUrl ? { runUrl } : {}),
        host: node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname(),
        pid: process.pid
    };
}
/** How an owner is named in sentences: its run's URL, else its process. */
function ownerName(owner) {
    if (!owner)
        return 'a run that recorded no owner';
    if (owner.runUrl)
        return `run ${owner.runUrl}`;
    if (owner.runId)
        return `run ${owner.runId}`;
    return `process ${owner.pid} on ${owner.host}`;
}
/** Same machine: the process tells. Another machine: nobody here can tell. */
function processOwnerState(owner) {
    if (owner.host !== node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname())
        return { state: 'unknown', detail: `it runs on another machine (${owner.host})` };
    if (owner.pid === process.pid)
        return { state: 'running', detail: 'it is this process' };
    return (0,_process_alive_js__WEBPACK_IMPORTED_MODULE_1__/* .processAlive */ .F)(owner.pid)
        ? { state: 'running', detail: `process ${owner.pid} is still running` }
        : { state: 'over', detail: `process ${owner.pid} has ended` };
}
/** Whether `owner` is `me` (same process on the same machine, in the same run). */
function isOwnedBy(me, owner) {
    return owner.host === me.host && owner.pid === me.pid && (owner.runId ?? '') === (me.runId ?? '');
}


/***/ }),

/***/ 6407:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lf: () => (/* binding */ beganBefore),
/* harmony export */   NC: () => (/* binding */ activeRollouts),
/* harmony export */   TS: () => (/* binding */ parseProgress),
/* harmony export */   WU: () => (/* binding */ rolloutFromPayload),
/* harmony export */   vk: () => (/* binding */ describeProgress)
/* harmony export */ });
/**
 * Deployment statuses carry only a description, so the progress of a rollout is written at its
 * start in a fixed, readable form ("50 % · step 2/3 · paused — ...") and read back from it.
 */
const PREFIX = /^(\d{1,3}) % · step (\d{1,2})\/(\d{1,2})(?: · wave (\d{1,3})\/(\d{1,3}))?( · paused)? — /;
function describeProgress(p, text) {
    return `${p.weight} % · step ${p.step}/${p.steps}${p.wave ? ` · wave ${p.wave}/${p.waves}` : ''}${p.paused ? ' · paused' : ''} — ${text}`;
}
function parseProgress(description) {
    const m = PREFIX.exec(description ?? '');
    if (!m)
        return undefined;
    return { weight: Number(m[1]), step: Number(m[2]), steps: Number(m[3]), paused: !!m[6], ...(m[4] ? { wave: Number(m[4]), waves: Number(m[5]) } : {}) };
}
/** The rollout data kept in a deployment payload, if it is there and well formed. */
function rolloutFromPayload(p) {
    const r = p.rollout;
    if (!r || typeof r !== 'object' || !r.plan || typeof r.plan !== 'object' || !Array.isArray(r.plan.steps))
        return undefined;
    if (!r.owner || typeof r.owner !== 'object' || typeof r.owner.host !== 'string')
        return undefined;
    const previous = r.previous && typeof r.previous === 'object' && typeof r.previous.version === 'string' ? r.previous : null;
    return {
        plan: r.plan,
        previous,
        owner: r.owner,
        target: typeof r.target === 'string' ? r.target : '',
        ...(typeof r.statusCommit === 'string' ? { statusCommit: r.statusCommit } : {})
    };
}
/** Rollouts that have not finished (in progress, waiting or paused), oldest first. */
function activeRollouts(newestFirst) {
    return newestFirst.filter((r) => r.kind === 'rollout' && (r.state === 'in_progress' || r.state === 'pending')).reverse();
}
/** Which of two records began first (ids grow in both ledgers; the creation time breaks ties). */
function beganBefore(a, b) {
    const na = Number(a.id), nb = Number(b.id);
    if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb)
        return na < nb;
    return a.createdAt < b.createdAt;
}


/***/ }),

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
