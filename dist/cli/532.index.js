export const id = 532;
export const ids = [532];
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

/***/ 4532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CommandTarget: () => (/* binding */ CommandTarget)
});

// UNUSED EXPORTS: shipgateVariables

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./shared/routers/command.ts
/**
 * The user's shift-command as a router: it gets the weight in $SHIPGATE_WEIGHT. It sees no
 * requests, so the evidence comes from probes or Prometheus; a rollback is the rollback-command's
 * job (it puts all traffic back on stable), so reset has nothing of its own to do.
 */
class ShiftCommandRouter {
    shiftCommand;
    run;
    logger;
    name = 'command';
    constructor(shiftCommand, run, logger) {
        this.shiftCommand = shiftCommand;
        this.run = run;
        this.logger = logger;
    }
    async setWeight(percent, context) {
        if (this.shiftCommand?.trim()) {
            await this.run('shift-command', this.shiftCommand, { ...context, weight: percent });
        }
        else {
            this.logger.debug(`No shift-command is set: the canary weight ${percent} % is only recorded.`);
        }
    }
    async reset() { }
}

// EXTERNAL MODULE: ./shared/util/duration.ts
var duration = __webpack_require__(8515);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/util/atomic-write.ts
var atomic_write = __webpack_require__(5816);
// EXTERNAL MODULE: ./shared/process/bash.ts
var bash = __webpack_require__(1132);
// EXTERNAL MODULE: ./shared/process/env.ts
var env = __webpack_require__(831);
// EXTERNAL MODULE: ./shared/process/alive.ts
var alive = __webpack_require__(3413);
// EXTERNAL MODULE: ./shared/process/signal.ts
var signal = __webpack_require__(1098);
;// CONCATENATED MODULE: ./shared/targets/command.ts










const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/**
 * A target driven by the user's own shell commands. Each runs as `bash -e -o pipefail -c <command>`
 * in its own process group, with the values of the step given only through environment variables.
 */
class CommandTarget {
    options;
    name = 'command';
    router;
    constructor(options) {
        this.options = options;
        // A restore (auto-rollback, abort) needs only the rollback command; a deploy checks its own.
        if (!options.rollbackCommand.trim())
            throw new Error('The command target needs a rollback-command.');
        this.router =
            options.router ??
                new ShiftCommandRouter(options.shiftCommand, (input, command, context) => this.run(input, command, context, context.signal), options.logger);
    }
    /** A router that is not the shift-command: nginx or HAProxy split traffic between two fixed servers. */
    get serverRouter() {
        return this.router.name !== 'command';
    }
    async preflight() {
        await this.router.preflight?.();
    }
    requestCounter() {
        return this.router.requestCounter?.() ?? null;
    }
    async deployCanary(release, context) {
        if (!this.options.deployCommand.trim())
            throw new Error('The command target needs a deploy-command to start a canary.');
        const state = await this.readState();
        // Recorded before the command runs: a half-done deploy still has to be rolled back.
        await this.writeState({ ...state, canary: release, weight: 0 });
        await this.run('deploy-command', this.options.deployCommand, {
            ...context,
            version: release.version,
            weight: 0,
            artifact: release.artifact ?? context.artifact,
            digest: release.digest ?? context.digest
        }, context.signal);
    }
    async setWeight(percent, context) {
        await this.router.setWeight(percent, context);
        const state = await this.readState();
        await this.writeState({ ...state, weight: percent });
    }
    /**
     * With nginx or HAProxy the two servers keep their roles (the README's promotion model): the
     * canary server carries 100 % while the promote-command redeploys the stable server with the
     * new version; then traffic goes back to the stable server and the canary server leaves
     * rotation, so no request reaches a retired server.
     */
    async promote(context) {
        if (this.serverRouter) {
            if (!this.options.promoteCommand?.trim())
                throw new Error(`The promote-command is needed to promote with traffic: ${this.router.name}.`);
            if ((await this.router.currentWeight?.()) !== 100)
                await this.router.setWeight(100, { ...context, weight: 100 });
            await this.run('promote-command', this.options.promoteCommand, { ...context, weight: 100 }, context.signal);
            await this.router.reset({ ...context, weight: 0, signal: undefined });
        }
        else if (this.options.promoteCommand?.trim()) {
            await this.run('promote-command', this.options.promoteCommand, { ...context, weight: 100 }, context.signal);
        }
        else {
            this.options.logger.debug('No promote-command is set: the promotion is only recorded.');
        }
        const state = await this.readState();
        const promoted = state.canary ?? { version: context.version, artifact: context.artifact, digest: context.digest };
        await this.writeState({ ...state, stable: promoted, canary: null, weight: 0 });
    }
    /**
     * Runs even after cancellation (the context's signal is ignored), so traffic never stays on a
     * canary. SHIPGATE_PREVIOUS_VERSION, SHIPGATE_ARTIFACT and SHIPGATE_DIGEST describe the
     * version being restored; SHIPGATE_VERSION is the canary being removed.
     */
    async rollback(toRelease, context) {
        // Traffic first: the router takes the canary out of rotation at once (the rollback-command may
        // take minutes), and a router that fails does not stop the rollback-command from running.
        let routerError = null;
        if (this.serverRouter) {
            try {
                await this.router.reset({ ...context, weight: 0, signal: undefined });
                context.onTrafficRestored?.();
            }
            catch (err) {
                routerError = err instanceof Error ? err : new Error(String(err));
                this.options.logger.warning(`${this.router.name} could not take the canary out of rotation: ${(0,util_escape/* escapeLogText */.dD)(err.message)}`);
            }
        }
        await this.run('rollback-command', this.options.rollbackCommand, {
            ...context,
            previousVersion: toRelease?.version ?? context.previousVersion,
            weight: 0,
            artifact: toRelease ? toRelease.artifact : context.artifact,
            digest: toRelease ? toRelease.digest : context.digest
        }, undefined);
        if (routerError)
            throw routerError;
        const state = await this.readState();
        await this.writeState({ ...state, stable: toRelease, canary: null, weight: 0 });
    }
    async status() {
        const s = await this.readState();
        return { stable: s.stable, canary: s.canary, weight: s.canary ? s.weight : 0 };
    }
    async run(input, command, context, signal) {
        const at = input === 'shift-command' ? ` at weight ${context.weight} %` : '';
        if (signal?.aborted)
            throw new Error(`The ${input} was not run${at}: the job was cancelled.`);
        const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        await this.stopLeftover();
        const running = `${this.options.statePath}.running`;
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(running), { recursive: true });
        this.options.logger.info(`Running the ${input} (${(0,util_escape/* escapeLogText */.dD)(context.environment)}, version ${(0,util_escape/* escapeLogText */.dD)(context.version)}${at}).`);
        const r = await (0,bash/* runBash */.i)({
            command,
            cwd: this.options.cwd,
            env: (0,env/* childEnv */.g)(this.options.env ?? process.env, { kind: 'step', extra: shipgateVariables(context) }),
            logger: this.options.logger,
            signal,
            timeoutMs,
            killGraceMs: this.options.killGraceMs ?? 5000,
            linePrefix: `[${input}] `,
            // Written synchronously, so it is on disk before anything can kill this process.
            onStart: (pgid) => (0,external_node_fs_.writeFileSync)(running, JSON.stringify({ pgid, owner: process.pid, input, startedAt: new Date().toISOString() }))
        });
        await external_node_fs_.promises.rm(running, { force: true });
        if (r.timedOut)
            throw new Error(`The ${input} did not finish within ${formatLimit(timeoutMs)}${at} and was stopped.`);
        if (r.aborted)
            throw new Error(`The ${input} was cancelled${at}.`);
        if (r.exitCode === null)
            throw new Error(`The ${input} was killed by ${r.exitSignal ?? 'a signal'}${at}.`);
        if (r.exitCode !== 0)
            throw new Error(`The ${input} exited with code ${r.exitCode}${at}.`);
        this.options.logger.debug(`The ${input} finished in ${(0,duration/* formatDuration */.a)(r.durationMs)}.`);
    }
    /** Stops a command left running by a Shipgate process that is gone (a step killed outright). */
    async stopLeftover() {
        const file = `${this.options.statePath}.running`;
        let left;
        try {
            left = JSON.parse(await external_node_fs_.promises.readFile(file, 'utf8'));
        }
        catch {
            return;
        }
        if (Number.isInteger(left.pgid) && Number.isInteger(left.owner) && left.owner !== process.pid && !(0,alive/* processAlive */.F)(left.owner) && (0,alive/* groupAlive */.x)(left.pgid)) {
            this.options.logger.warning(`The ${(0,util_escape/* escapeLogText */.dD)(String(left.input))} started at ${(0,util_escape/* escapeLogText */.dD)(String(left.startedAt))} by a step that was stopped is still running (process group ${left.pgid}): stopping it first.`);
            await (0,signal/* stopGroup */.gv)(left.pgid, this.options.killGraceMs ?? 5000);
        }
        await external_node_fs_.promises.rm(file, { force: true });
    }
    async readState() {
        let text;
        try {
            text = await external_node_fs_.promises.readFile(this.options.statePath, 'utf8');
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return emptyState();
            throw new Error(`The command target's state file ${this.options.statePath} could not be read (${err.code ?? 'error'}).`, {
                cause: err
            });
        }
        let data;
        try {
            data = JSON.parse(text);
        }
        catch {
            throw new Error(`The command target's state file ${this.options.statePath} is not valid JSON: fix or delete it.`);
        }
        if (data?.schema !== 'shipgate/command-target@1' || typeof data.weight !== 'number' || !isReleaseOrNull(data.stable) || !isReleaseOrNull(data.canary)) {
            throw new Error(`The command target's state file ${this.options.statePath} is malformed: fix or delete it.`);
        }
        return data;
    }
    async writeState(state) {
        await (0,atomic_write/* writeFileAtomic */.Z)(this.options.statePath, `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`);
    }
}
/** A limit as the user wrote it (`10m`, `90s`), not as a measured duration (`10 min 0 s`). */
function formatLimit(ms) {
    if (ms >= 60_000 && ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms >= 1000 && ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms} ms`;
}
function emptyState() {
    return { schema: 'shipgate/command-target@1', stable: null, canary: null, weight: 0, updatedAt: new Date(0).toISOString() };
}
function isReleaseOrNull(v) {
    return v === null || (typeof v === 'object' && v !== null && typeof v.version === 'string');
}
/**
 * The values of one call, as the commands get them (empty when unknown, so a stale outer value
 * never leaks in). They are added to the step's environment (childEnv kind `step`).
 */
function shipgateVariables(context) {
    return {
        SHIPGATE_ENVIRONMENT: context.environment,
        SHIPGATE_VERSION: context.version,
        SHIPGATE_PREVIOUS_VERSION: context.previousVersion ?? '',
        SHIPGATE_WEIGHT: String(context.weight),
        SHIPGATE_DEPLOYMENT_ID: context.deploymentId,
        SHIPGATE_ARTIFACT: context.artifact ?? '',
        SHIPGATE_DIGEST: context.digest ?? ''
    };
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
