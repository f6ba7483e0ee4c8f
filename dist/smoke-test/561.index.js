export const id = 561;
export const ids = [561];
export const modules = {

/***/ 5561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ProbeTraffic: () => (/* binding */ ProbeTraffic)
/* harmony export */ });
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8109);

/** Active probes: evenly spaced GETs to the canary and the stable URL while a step runs. */
class ProbeTraffic {
    options;
    name = 'probes';
    counts;
    buffer = [];
    timers = [];
    inFlight = new Map();
    pending = new Set();
    running = false;
    skipped = 0;
    sent = 0;
    constructor(options) {
        this.options = options;
        this.counts = options.counts;
    }
    async start() {
        if (this.running || this.options.rate <= 0)
            return;
        this.running = true;
        const interval = 1000 / this.options.rate;
        const targets = [['canary', this.options.canaryUrl], ['stable', this.options.stableUrl]];
        for (const [side, url] of targets) {
            if (!url)
                continue;
            this.inFlight.set(side, 0);
            // Both sides tick on the same schedule so their samples cover the same period.
            const timer = setInterval(() => this.fire(side, url), interval);
            this.timers.push(timer);
            this.fire(side, url);
        }
    }
    fire(side, url) {
        if (!this.running)
            return;
        const n = this.inFlight.get(side) ?? 0;
        if (n >= (this.options.maxInFlight ?? 64)) {
            this.skipped++;
            return;
        }
        this.inFlight.set(side, n + 1);
        this.sent++;
        const p = this.probe(side, url).finally(() => {
            this.inFlight.set(side, (this.inFlight.get(side) ?? 1) - 1);
            this.pending.delete(p);
        });
        this.pending.add(p);
    }
    async probe(side, url) {
        const t0 = performance.now();
        let status = 0;
        let detail;
        try {
            const res = await fetch(url, { headers: this.options.headers, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
            status = res.status;
            if (status >= 500)
                detail = (await res.text()).slice(0, 200);
            else
                await res.body?.cancel();
        }
        catch (err) {
            const e = err;
            detail = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : `connection failed: ${e.cause?.message ?? e.message}`;
        }
        if (!this.counts)
            return;
        this.buffer.push({ side, ok: status > 0 && status < 500, status, latencyMs: performance.now() - t0, at: Date.now(), source: 'probe', detail });
    }
    async read() {
        const out = this.buffer;
        this.buffer = [];
        return out;
    }
    async stop() {
        this.running = false;
        for (const t of this.timers)
            clearInterval(t);
        this.timers = [];
        // Bounded: a hung request cannot hold the step beyond its own timeout.
        await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, this.options.timeoutMs + 100).unref())]);
        if (this.skipped)
            (this.options.logger ?? _util_log_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q).debug(`probes skipped ${this.skipped} ticks because ${this.options.maxInFlight ?? 64} requests were already in flight`);
    }
}


/***/ }),

/***/ 8109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export consoleLogger */
const consoleLogger = {
    info: (m) => console.log(m),
    warning: (m) => console.warn(`warning: ${m}`),
    debug: (m) => { if (process.env.SHIPGATE_DEBUG)
        console.log(`debug: ${m}`); }
};
const silentLogger = { info() { }, warning() { }, debug() { } };


/***/ })

};
