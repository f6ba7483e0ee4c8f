export const id = 717;
export const ids = [717];
export const modules = {

/***/ 6566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ CancelledError),
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
/** The job was cancelled (SIGINT/SIGTERM from the runner, or an AbortSignal). */
class CancelledError extends Error {
    constructor(message = 'the job was cancelled') {
        super(message);
        this.name = 'CancelledError';
    }
}
function errorMessage(err) {
    const m = err instanceof Error ? err.message : String(err);
    return m.replace(/\.\s*$/, '');
}


/***/ }),

/***/ 3717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FleetTarget: () => (/* binding */ FleetTarget)
});

;// CONCATENATED MODULE: ./shared/signals/merged.ts
/** Several sources read as one: a fleet wave's routers, each counting its own host's requests. */
class MergedSource {
    sources;
    name;
    seesProbes;
    constructor(sources) {
        this.sources = sources;
        if (sources.length === 0)
            throw new Error('MergedSource needs at least one source.');
        this.name = sources[0].name;
        // Probes must count themselves unless every router also counts them.
        this.seesProbes = sources.every((s) => s.seesProbes !== false);
    }
    async start(step) {
        await Promise.all(this.sources.map((s) => s.start(step)));
    }
    async read() {
        return (await Promise.all(this.sources.map((s) => s.read()))).flat();
    }
    async stop() {
        await Promise.allSettled(this.sources.map((s) => s.stop()));
    }
    covers(weight) {
        const sides = new Set();
        for (const s of this.sources)
            for (const side of s.covers?.(weight) ?? ['canary', 'stable'])
                sides.add(side);
        return [...sides];
    }
}

// EXTERNAL MODULE: ./shared/engine/errors.ts
var errors = __webpack_require__(6566);
;// CONCATENATED MODULE: ./shared/targets/fleet.ts


/**
 * A fleet in waves as one target: every call acts on the current wave's members (at most
 * maxParallel at a time), and a rollback restores the current wave and every wave this run
 * promoted, newest first. A rollback from a run that started no wave (an orphan retired, an abort
 * from another run) restores every wave, newest first: whatever ran, stable is everywhere again.
 */
class FleetTarget {
    fleetWaves;
    logger;
    name = 'fleet';
    fleet = this;
    current = -1;
    promoted = [];
    rolledBack = [];
    constructor(fleetWaves, logger) {
        this.fleetWaves = fleetWaves;
        this.logger = logger;
        if (fleetWaves.length === 0 || fleetWaves.some((w) => w.members.length === 0))
            throw new Error('A fleet needs at least one wave, each with a target.');
    }
    get waves() {
        return this.fleetWaves.map((w) => ({ name: w.name, targets: w.members.map((m) => m.name) }));
    }
    begin(index) {
        if (index < 0 || index >= this.fleetWaves.length)
            throw new Error(`There is no wave ${index + 1} in this fleet.`);
        this.current = index;
    }
    lastRolledBack() {
        return this.rolledBack;
    }
    wave() {
        return this.fleetWaves[Math.max(0, this.current)];
    }
    async preflight(intent) {
        for (const w of this.fleetWaves)
            await this.each(w, 'check', (m) => m.target.preflight?.(intent));
    }
    async deployCanary(release, context) {
        if (this.current < 0)
            this.current = 0;
        await this.each(this.wave(), 'start the canary on', (m) => m.target.deployCanary(release, context));
    }
    async setWeight(percent, context) {
        await this.each(this.wave(), `move to ${percent} %`, (m) => m.target.setWeight(percent, context));
    }
    async promote(context) {
        await this.each(this.wave(), 'promote', (m) => m.target.promote(context));
        if (!this.promoted.includes(this.current))
            this.promoted.push(Math.max(0, this.current));
    }
    /** Every wave to restore is tried even when one fails; the error names each target that failed. */
    async rollback(toRelease, context) {
        const order = this.current < 0 ? this.fleetWaves.map((_, i) => i).reverse() : [this.current, ...this.promoted.filter((i) => i !== this.current).sort((a, b) => b - a)];
        this.rolledBack = [];
        const failures = [];
        for (const i of order) {
            const w = this.fleetWaves[i];
            try {
                await this.each(w, 'restore', (m) => m.target.rollback(toRelease, { ...context, signal: undefined }), { keepGoing: true });
                this.rolledBack.push(w.name);
                this.logger.info(`Wave ${w.name}: traffic is back on ${toRelease?.version ?? 'the stable version'} on ${w.members.map((m) => m.name).join(', ')}.`);
            }
            catch (err) {
                failures.push((0,errors/* errorMessage */.g)(err));
            }
        }
        if (failures.length)
            throw new Error(failures.join('; '));
    }
    /** The current wave's view (the first wave before any began): stable as all members agree, a canary when any runs one. */
    async status() {
        const all = await Promise.all(this.wave().members.map((m) => m.target.status()));
        const withCanary = all.find((s) => s.canary);
        return { stable: all[0].stable, canary: withCanary?.canary ?? null, weight: Math.max(...all.map((s) => s.weight)) };
    }
    requestCounter(options) {
        const sources = this.wave()
            .members.map((m) => m.target.requestCounter?.(options) ?? null)
            .filter((s) => s !== null);
        return sources.length ? new MergedSource(sources) : null;
    }
    /** Runs `fn` on the wave's members, maxParallel at a time; throws one sentence naming every member that failed. */
    async each(wave, verb, fn, options = {}) {
        const failed = [];
        const queue = [...wave.members];
        const worker = async () => {
            for (let m = queue.shift(); m; m = queue.shift()) {
                if (failed.length && !options.keepGoing)
                    return;
                try {
                    await fn(m);
                }
                catch (err) {
                    failed.push(`${m.name}: ${(0,errors/* errorMessage */.g)(err)}`);
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(wave.maxParallel, wave.members.length) }, worker));
        if (failed.length)
            throw new Error(`Wave ${wave.name} could not ${verb} ${failed.length === 1 ? 'target' : 'targets'} ${failed.join('; ')}`);
    }
}


/***/ })

};
