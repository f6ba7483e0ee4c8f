export const id = 6;
export const ids = [6];
export const modules = {

/***/ 6006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CommandTarget: () => (/* binding */ CommandTarget)
/* harmony export */ });
/* unused harmony export shipgateVariables */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8515);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4896);
/* harmony import */ var _util_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5816);
/* harmony import */ var _process_bash_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1132);
/* harmony import */ var _process_env_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(831);
/* harmony import */ var _process_alive_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3413);
/* harmony import */ var _process_signal_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7323);









const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/**
 * A target driven by the user's own shell commands. Each runs as `bash -e -o pipefail -c <command>`
 * in its own process group, with the values of the step given only through environment variables.
 */
class CommandTarget {
    options;
    name = 'command';
    constructor(options) {
        this.options = options;
        // A restore (auto-rollback, abort) needs only the rollback command; a deploy checks its own.
        if (!options.rollbackCommand.trim())
            throw new Error('The command target needs a rollback-command.');
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
        if (this.options.shiftCommand?.trim()) {
            await this.run('shift-command', this.options.shiftCommand, { ...context, weight: percent }, context.signal);
        }
        else {
            this.options.logger.debug(`No shift-command is set: the canary weight ${percent} % is only recorded.`);
        }
        const state = await this.readState();
        await this.writeState({ ...state, weight: percent });
    }
    async promote(context) {
        if (this.options.promoteCommand?.trim()) {
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
        await this.run('rollback-command', this.options.rollbackCommand, {
            ...context,
            previousVersion: toRelease?.version ?? context.previousVersion,
            weight: 0,
            artifact: toRelease ? toRelease.artifact : context.artifact,
            digest: toRelease ? toRelease.digest : context.digest
        }, undefined);
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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(running), { recursive: true });
        this.options.logger.info(`Running the ${input} (${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeLogText */ .dD)(context.environment)}, version ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeLogText */ .dD)(context.version)}${at}).`);
        const r = await (0,_process_bash_js__WEBPACK_IMPORTED_MODULE_3__/* .runBash */ .i)({
            command,
            cwd: this.options.cwd,
            env: (0,_process_env_js__WEBPACK_IMPORTED_MODULE_4__/* .childEnv */ .g)(this.options.env ?? process.env, { kind: 'step', extra: shipgateVariables(context) }),
            logger: this.options.logger,
            signal,
            timeoutMs,
            killGraceMs: this.options.killGraceMs ?? 5000,
            linePrefix: `[${input}] `,
            // Written synchronously, so it is on disk before anything can kill this process.
            onStart: (pgid) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(running, JSON.stringify({ pgid, owner: process.pid, input, startedAt: new Date().toISOString() }))
        });
        await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.rm(running, { force: true });
        if (r.timedOut)
            throw new Error(`The ${input} did not finish within ${formatLimit(timeoutMs)}${at} and was stopped.`);
        if (r.aborted)
            throw new Error(`The ${input} was cancelled${at}.`);
        if (r.exitCode === null)
            throw new Error(`The ${input} was killed by ${r.exitSignal ?? 'a signal'}${at}.`);
        if (r.exitCode !== 0)
            throw new Error(`The ${input} exited with code ${r.exitCode}${at}.`);
        this.options.logger.debug(`The ${input} finished in ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a)(r.durationMs)}.`);
    }
    /** Stops a command left running by a Shipgate process that is gone (a step killed outright). */
    async stopLeftover() {
        const file = `${this.options.statePath}.running`;
        let left;
        try {
            left = JSON.parse(await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8'));
        }
        catch {
            return;
        }
        if (Number.isInteger(left.pgid) && Number.isInteger(left.owner) && left.owner !== process.pid && !(0,_process_alive_js__WEBPACK_IMPORTED_MODULE_7__/* .processAlive */ .F)(left.owner) && (0,_process_alive_js__WEBPACK_IMPORTED_MODULE_7__/* .groupAlive */ .x)(left.pgid)) {
            this.options.logger.warning(`The ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeLogText */ .dD)(String(left.input))} started at ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeLogText */ .dD)(String(left.startedAt))} by a step that was stopped is still running (process group ${left.pgid}): stopping it first.`);
            await (0,_process_signal_js__WEBPACK_IMPORTED_MODULE_8__/* .stopGroup */ .gv)(left.pgid, this.options.killGraceMs ?? 5000);
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.rm(file, { force: true });
    }
    async readState() {
        let text;
        try {
            text = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(this.options.statePath, 'utf8');
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
        await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(this.options.statePath, `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`);
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


/***/ })

};
