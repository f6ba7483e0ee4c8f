export const id = 590;
export const ids = [590];
export const modules = {

/***/ 590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_ERRORS_QUERY: () => (/* reexport safe */ _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__.lD),
/* harmony export */   DEFAULT_LATENCY_BUCKETS_QUERY: () => (/* reexport safe */ _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__.wx),
/* harmony export */   DEFAULT_REQUESTS_QUERY: () => (/* reexport safe */ _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__.sI),
/* harmony export */   PrometheusSource: () => (/* binding */ PrometheusSource),
/* harmony export */   escapePromQLString: () => (/* binding */ escapePromQLString),
/* harmony export */   renderQuery: () => (/* binding */ renderQuery)
/* harmony export */ });
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);
/* harmony import */ var _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9883);



/** A value inside a PromQL double-quoted string literal. */
function escapePromQLString(value) {
    return value
        .replace(/[\\"]/g, (c) => `\\${c}`)
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
        .replace(/\t/g, '\\t');
}
function renderQuery(template, version, service = '') {
    return template.split('{{version}}').join(escapePromQLString(version)).split('{{service}}').join(escapePromQLString(service));
}
/**
 * Evidence from Prometheus counters: each read turns the increase of the request, error and
 * latency-bucket counters since the previous read into synthetic samples, so the same judge works
 * on it. A request's latency is interpolated inside its bucket (the +Inf bucket reaches twice the
 * largest finite bound) — coarse, but canary and stable are read through the same buckets.
 */
class PrometheusSource {
    options;
    name = 'prometheus';
    last = new Map();
    queries;
    sides;
    warnedNoLatency = false;
    warnedUnreachable = false;
    shuffleState = 0x2545f491;
    constructor(options) {
        this.options = options;
        this.queries = {
            requests: options.requestsQuery || _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_REQUESTS_QUERY */ .sI,
            errors: options.errorsQuery || _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_ERRORS_QUERY */ .lD,
            buckets: options.latencyBucketsQuery || _prometheus_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_LATENCY_BUCKETS_QUERY */ .wx
        };
        this.sides = [
            { side: 'canary', version: options.canaryVersion, service: options.services?.canary ?? '' },
            { side: 'stable', version: options.stableVersion, service: options.services?.stable ?? '' }
        ].filter((s) => s.version !== '');
    }
    async start() {
        for (const { side, version, service } of this.sides) {
            try {
                this.last.set(side, await this.snapshot(version, service));
            }
            catch (err) {
                this.unreachable(err);
                this.last.set(side, null);
            }
        }
    }
    async read() {
        const out = [];
        for (const { side, version, service } of this.sides) {
            let now;
            try {
                now = await this.snapshot(version, service);
            }
            catch (err) {
                // Prometheus away for a moment is "no data", not a verdict; the next read catches up.
                this.unreachable(err);
                continue;
            }
            const before = this.last.get(side) ?? null;
            if (now.requests === null)
                continue; // no series (or no scrape) yet: nothing to count from
            this.last.set(side, now);
            // No baseline (the series appeared after start) or a counter reset: this read is the new baseline.
            if (before === null || before.requests === null || now.requests < before.requests || now.errors < before.errors)
                continue;
            out.push(...this.synthesise(side, before, now));
        }
        return out;
    }
    async stop() {
        // Nothing is held open between reads.
    }
    synthesise(side, before, now) {
        let requests = Math.round(now.requests - before.requests);
        let errors = Math.min(requests, Math.max(0, Math.round(now.errors - before.errors)));
        if (requests <= 0)
            return [];
        const cap = this.options.maxSamplesPerRead ?? 5000;
        if (requests > cap) {
            errors = Math.round((errors * cap) / requests);
            requests = cap;
        }
        const latencies = this.latencies(before, now, requests);
        // Errors spread evenly, then a fixed shuffle: the judge pairs samples in order, and sorted
        // latencies or clustered errors would pair one side's slowest with the other's slowest.
        const at = Date.now();
        const samples = [];
        for (let i = 0; i < requests; i++) {
            const bad = errors > 0 && Math.floor(((i + 1) * errors) / requests) > Math.floor((i * errors) / requests);
            samples.push({ side, ok: !bad, status: bad ? 500 : 200, latencyMs: latencies[i], at, source: 'prometheus' });
        }
        this.shuffle(samples);
        return samples;
    }
    /** `n` latencies in ms drawn from the bucket increases, in bucket order. */
    latencies(before, now, n) {
        const bounds = [...now.buckets.keys()].sort((a, b) => a - b);
        const finite = bounds.filter((b) => Number.isFinite(b));
        const top = finite.length ? finite[finite.length - 1] * 2 : 0;
        const values = [];
        let prev = 0;
        let lower = 0;
        for (const b of bounds) {
            const inc = Math.max(0, (now.buckets.get(b) ?? 0) - (before.buckets.get(b) ?? 0));
            const own = Math.max(0, inc - prev);
            prev = Math.max(prev, inc);
            const upper = Number.isFinite(b) ? b : top;
            if (own > 0)
                values.push({ lo: lower * 1000, ms: upper * 1000, count: own });
            lower = upper;
        }
        const total = values.reduce((s, v) => s + v.count, 0);
        if (total === 0) {
            if (!this.warnedNoLatency) {
                this.options.logger?.warning('Prometheus returned no latency histogram increase: latency is not judged from Prometheus (check prometheus-latency-query).');
                this.warnedNoLatency = true;
            }
            return new Array(n).fill(0);
        }
        // Map request i to quantile (i + 0.5)/n of the histogram, interpolated linearly inside its
        // bucket as histogram_quantile does: at the bucket's upper bound every request of a bucket
        // would tie, and a latency check comparing canary and stable around a percentile could then
        // never tell two equal services apart.
        const out = [];
        let k = 0, acc = values[0].count;
        for (let i = 0; i < n; i++) {
            const target = ((i + 0.5) / n) * total;
            while (target > acc && k < values.length - 1)
                acc += values[++k].count;
            const v = values[k];
            const within = Math.min(1, Math.max(0, (target - (acc - v.count)) / v.count));
            out.push(v.lo + (v.ms - v.lo) * within);
        }
        return out;
    }
    shuffle(xs) {
        for (let i = xs.length - 1; i > 0; i--) {
            this.shuffleState = (Math.imul(this.shuffleState, 1664525) + 1013904223) >>> 0;
            const j = this.shuffleState % (i + 1);
            [xs[i], xs[j]] = [xs[j], xs[i]];
        }
    }
    async snapshot(version, service) {
        // One evaluation time for the three queries, so they describe the same scrape.
        const time = Date.now() / 1000;
        const [req, err, buckets] = await Promise.all([
            this.query(renderQuery(this.queries.requests, version, service), time),
            this.query(renderQuery(this.queries.errors, version, service), time),
            this.query(renderQuery(this.queries.buckets, version, service), time)
        ]);
        const requests = req.length ? sumValues(req) : null;
        const map = new Map();
        for (const r of buckets) {
            const le = r.metric.le;
            if (le === undefined)
                continue;
            const bound = le === '+Inf' ? Infinity : Number(le);
            if (!Number.isNaN(bound))
                map.set(bound, (map.get(bound) ?? 0) + Number(r.value[1]));
        }
        // A missing error series means no 5xx so far (the series appears with the first one).
        return { requests, errors: err.length ? sumValues(err) : 0, buckets: map };
    }
    async query(promql, time) {
        const base = this.options.url.replace(/\/+$/, '');
        const url = `${base}/api/v1/query?query=${encodeURIComponent(promql)}&time=${time.toFixed(3)}`;
        const res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
        const text = await res.text();
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new Error(`Prometheus answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
        }
        if (body.status !== 'success')
            throw new Error(`Prometheus rejected the query ${promql}: ${body.errorType ?? res.status}: ${body.error ?? ''}`);
        const data = body.data;
        if (!data)
            return [];
        if (data.resultType === 'scalar')
            return [{ metric: {}, value: data.result }];
        if (data.resultType !== 'vector')
            throw new Error(`the query ${promql} returned a ${data.resultType}, not an instant vector`);
        return data.result;
    }
    unreachable(err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (!this.warnedUnreachable)
            this.options.logger?.warning(`Prometheus read failed (no data this look): ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .dD)(msg)}`);
        else
            this.options.logger?.debug(`Prometheus read failed: ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .dD)(msg)}`);
        this.warnedUnreachable = true;
    }
}
function sumValues(items) {
    let s = 0;
    for (const it of items) {
        const v = Number(it.value[1]);
        if (Number.isFinite(v))
            s += v;
    }
    return s;
}


/***/ })

};
