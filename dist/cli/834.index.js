export const id = 834;
export const ids = [834];
export const modules = {

/***/ 834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FileLedger: () => (/* binding */ FileLedger)
});

// UNUSED EXPORTS: LEDGER_SCHEMA, parseLedger

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./shared/util/atomic-write.ts



/**
 * Writes a file so that readers see the old or the new content, never half of it: a temp file
 * in the same directory and a rename. With `durable` (the default) the data and the rename are
 * also fsynced, so a machine crash cannot lose a record; state rewritten on every traffic shift
 * can skip that cost.
 */
async function writeFileAtomic(file, text, options = {}) {
    const durable = options.durable ?? true;
    await external_node_fs_.promises.mkdir(external_node_path_default().dirname(file), { recursive: true });
    const tmp = external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
    const h = await external_node_fs_.promises.open(tmp, 'wx', options.mode ?? 0o644);
    try {
        await h.writeFile(text);
        if (durable)
            await h.sync();
    }
    finally {
        await h.close();
    }
    try {
        await external_node_fs_.promises.rename(tmp, file);
    }
    catch (err) {
        await external_node_fs_.promises.rm(tmp, { force: true });
        throw err;
    }
    if (!durable)
        return;
    // Make the rename itself durable; not every platform can open a directory.
    try {
        const dir = await external_node_fs_.promises.open(external_node_path_default().dirname(file), 'r');
        await dir.sync().finally(() => dir.close());
    }
    catch {
        // best effort
    }
}

// EXTERNAL MODULE: ./shared/process/alive.ts
var alive = __webpack_require__(413);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./shared/ledgers/progress.ts
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

;// CONCATENATED MODULE: ./shared/ledgers/owner.ts


/** This process as the owner of a rollout it begins. */
function currentOwner(env, runUrl) {
    return {
        ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID, runAttempt: env.GITHUB_RUN_ATTEMPT || '1' } : {}),
        ...(runUrl ? { runUrl } : {}),
        host: os.hostname(),
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
    if (owner.host !== external_node_os_default().hostname())
        return { state: 'unknown', detail: `it runs on another machine (${owner.host})` };
    if (owner.pid === process.pid)
        return { state: 'running', detail: 'it is this process' };
    return (0,alive/* processAlive */.F)(owner.pid)
        ? { state: 'running', detail: `process ${owner.pid} is still running` }
        : { state: 'over', detail: `process ${owner.pid} has ended` };
}
/** Whether `owner` is `me` (same process on the same machine, in the same run). */
function isOwnedBy(me, owner) {
    return owner.host === me.host && owner.pid === me.pid && (owner.runId ?? '') === (me.runId ?? '');
}

;// CONCATENATED MODULE: ./shared/util/duration.ts
/** Parses `30s`, `2m`, `1h`, `500ms` or a bare number of seconds into milliseconds; null if malformed. */
function parseDuration(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
    if (!m)
        return null;
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
    return Math.round(n * factor);
}
/**
 * `measured` (default): a duration that was measured, for people (`850 ms`, `4.2 s`, `10 min 0 s`).
 * `input`: a limit as an input is written (`500ms`, `30s`, `10m`, `6h`), the largest whole unit.
 */
function formatDuration(ms, style = 'measured') {
    if (style === 'input') {
        if (ms === 0)
            return '0s';
        if (ms % 3_600_000 === 0)
            return `${ms / 3_600_000}h`;
        if (ms % 60_000 === 0)
            return `${ms / 60_000}m`;
        if (ms % 1000 === 0)
            return `${ms / 1000}s`;
        return `${ms}ms`;
    }
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    // Round to whole seconds first, so 599.6 s reads "10 min 0 s", not "9 min 60 s".
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

;// CONCATENATED MODULE: ./shared/ledgers/file.ts









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
        this.file = external_node_path_default().resolve(options.path);
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
        return { lastGood, active: activeRollouts(history), history };
    }
    /** The file has no run registry: the owner's process tells (on this machine). */
    ownerState(owner) {
        return Promise.resolve(processOwnerState(owner));
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
            text = await external_node_fs_.promises.readFile(this.file, 'utf8');
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
        await external_node_fs_.promises.mkdir(external_node_path_default().dirname(this.file), { recursive: true });
        const release = await this.lock();
        try {
            const data = await this.read();
            const result = change(data);
            await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`);
            return result;
        }
        finally {
            await release();
        }
    }
    async lock() {
        const waitMs = this.options.lockWaitMs ?? 15_000;
        const staleMs = this.options.staleLockMs ?? 30_000;
        const info = { pid: process.pid, host: external_node_os_default().hostname(), token: (0,external_node_crypto_.randomBytes)(8).toString('hex'), at: new Date().toISOString() };
        const deadline = Date.now() + waitMs;
        for (let attempt = 0;; attempt++) {
            try {
                const h = await external_node_fs_.promises.open(this.lockFile, 'wx');
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
                        await external_node_fs_.promises.rm(this.lockFile, { force: true });
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
                throw new Error(`Could not lock the ledger file ${this.file} within ${formatDuration(waitMs)}: ${this.lockFile} is held by another process (delete it if no Shipgate run is active).`);
            }
            await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 2) + Math.random() * 10));
        }
    }
    /** Takes over a lock whose owner is gone or that is older than `staleMs`; true if it did. */
    async breakStaleLock(staleMs) {
        let st;
        try {
            st = await external_node_fs_.promises.stat(this.lockFile);
        }
        catch {
            return true; // released meanwhile: try again at once
        }
        const held = await readLock(this.lockFile);
        // A lock file without content may be one being written right now: only age can make it stale.
        const ownerGone = held !== null && held.host === external_node_os_default().hostname() && !(0,alive/* processAlive */.F)(held.pid);
        if (!ownerGone && Date.now() - st.mtimeMs <= staleMs)
            return false;
        // Rename first: of several processes that saw the same stale lock, only one wins.
        const aside = `${this.lockFile}.stale-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        try {
            await external_node_fs_.promises.rename(this.lockFile, aside);
        }
        catch {
            return true;
        }
        const moved = await readLock(aside);
        if (held && moved && moved.token !== held.token) {
            // We moved a fresh lock that replaced the stale one: put it back if nobody took the place.
            await external_node_fs_.promises.link(aside, this.lockFile).catch(() => { });
        }
        await external_node_fs_.promises.rm(aside, { force: true });
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
        const info = JSON.parse(await external_node_fs_.promises.readFile(file, 'utf8'));
        return typeof info?.pid === 'number' && typeof info.token === 'string' ? info : null;
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 413:
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


/***/ })

};
