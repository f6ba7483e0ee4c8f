export const id = 590;
export const ids = [590];
export const modules = {

/***/ 590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PrometheusSource: () => (/* binding */ PrometheusSource),
/* harmony export */   promqlString: () => (/* binding */ promqlString),
/* harmony export */   renderQuery: () => (/* binding */ renderQuery)
/* harmony export */ });
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8109);

/** A PromQL string literal: the version goes inside double quotes. */
function promqlString(value) {
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
function renderQuery(template, version) {
    return template.replace(/\{\{\s*version\s*\}\}/g, promqlString(version));
}
/**
 * Evidence from Prometheus counters. Each read turns the counters' increase since the previous
 * read into synthetic samples (one per request), so the same judge works on metrics: errors from
 * the error counter, latencies from histogram bucket increases at each bucket's upper bound
 * (+Inf counts as twice the largest finite bound). No series yet means no samples, never "healthy".
 */
class PrometheusSource {
    options;
    name = 'prometheus';
    last = new Map();
    logger;
    constructor(options) {
        this.options = options;
        this.logger = options.logger ?? _util_log_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    }
    async start() {
        for (const side of ['canary', 'stable'])
            this.last.set(side, await this.counters(side));
    }
    async read() {
        const out = [];
        for (const side of ['canary', 'stable']) {
            const now = await this.counters(side);
            if (!now)
                continue;
            const before = this.last.get(side);
            this.last.set(side, now);
            if (!before || now.requests < before.requests)
                continue; // first sight or a counter reset: new baseline
            out.push(...synthesize(side, before, now));
        }
        return out;
    }
    async stop() { }
    version(side) {
        return side === 'canary' ? this.options.canaryVersion : this.options.stableVersion;
    }
    async counters(side) {
        const v = this.version(side);
        if (!v)
            return null;
        try {
            const [req, err, buckets] = await Promise.all([
                this.query(renderQuery(this.options.requestsQuery, v)),
                this.query(renderQuery(this.options.errorsQuery, v)),
                this.options.latencyBucketsQuery ? this.query(renderQuery(this.options.latencyBucketsQuery, v)) : Promise.resolve([])
            ]);
            if (req.length === 0)
                return null;
            const map = new Map();
            for (const s of buckets) {
                const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le);
                if (!Number.isNaN(le))
                    map.set(le, Number(s.value[1]));
            }
            return { requests: Number(req[0].value[1]), errors: err.length ? Number(err[0].value[1]) : 0, buckets: map };
        }
        catch (err) {
            this.logger.warning(`Prometheus query for ${side} failed: ${err.message}`);
            return null;
        }
    }
    async query(promql) {
        const url = `${this.options.url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(promql)}`;
        const res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
        const body = (await res.json());
        if (body.status !== 'success' || !body.data)
            throw new Error(`Prometheus answered ${res.status}: ${String(body.error ?? 'no data').slice(0, 200)}`);
        return body.data.result;
    }
}
function synthesize(side, before, now) {
    const n = Math.round(now.requests - before.requests);
    const e = Math.min(n, Math.max(0, Math.round(now.errors - before.errors)));
    if (n <= 0)
        return [];
    // Latencies: increases per bucket, spread over the requests (largest first, so errors get no bias).
    const bounds = [...now.buckets.keys()].sort((a, b) => a - b);
    const finite = bounds.filter(Number.isFinite);
    const maxFinite = finite.length ? finite[finite.length - 1] : 1;
    const latencies = [];
    let prev = 0;
    for (const le of bounds) {
        const cum = (now.buckets.get(le) ?? 0) - (before.buckets.get(le) ?? 0);
        const inBucket = Math.max(0, Math.round(cum - prev));
        prev = Math.max(prev, cum);
        const ms = (Number.isFinite(le) ? le : maxFinite * 2) * 1000;
        for (let i = 0; i < inBucket && latencies.length < n; i++)
            latencies.push(ms);
    }
    while (latencies.length < n)
        latencies.push(NaN);
    const at = Date.now();
    const out = [];
    // Interleave errors evenly so a pairing judge sees them spread over the interval.
    for (let i = 0; i < n; i++) {
        const bad = Math.floor(((i + 1) * e) / n) > Math.floor((i * e) / n);
        const lat = latencies[(i * 7919) % n];
        out.push({ side, ok: !bad, status: bad ? 500 : 200, latencyMs: Number.isNaN(lat) ? 0 : lat, at, source: 'prometheus' });
    }
    return out;
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
