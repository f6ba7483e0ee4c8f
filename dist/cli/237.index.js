export const id = 237;
export const ids = [237];
export const modules = {

/***/ 6237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ProbeTraffic: () => (/* binding */ ProbeTraffic)
});

;// CONCATENATED MODULE: ./shared/util/http-body.ts
/** What is read of an untrusted response body: enough to judge and show it, never all of it. */
const BODY_READ_CAP = 64 * 1024;
/**
 * Reads at most `cap` bytes of the body as text, then cancels the stream so the rest is never
 * downloaded (a 100 MB error page costs 64 KiB, not 100 MB).
 */
async function readCapped(res, cap = BODY_READ_CAP) {
    if (!res.body)
        return '';
    // fetch's Response types its body loosely (ReadableStream<any>); it yields bytes.
    const reader = res.body.getReader();
    const chunks = [];
    let size = 0;
    try {
        while (size < cap) {
            const { done, value } = await reader.read();
            if (done)
                break;
            chunks.push(value);
            size += value.byteLength;
        }
    }
    finally {
        if (size >= cap)
            await reader.cancel().catch(() => { });
        reader.releaseLock();
    }
    return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, cap));
}
/** Drops a body without reading it (frees the connection; nothing is buffered). */
async function discardBody(res) {
    await res.body?.cancel().catch(() => { });
}

// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/inputs/secrets.ts
var secrets = __webpack_require__(4083);
;// CONCATENATED MODULE: ./shared/signals/probes.ts



/** A failing response's body is untrusted and only a hint: keep its start. */
const DETAIL_CHARS = 200;
/** Bytes read of an error body for its detail (UTF-8: enough for DETAIL_CHARS characters). */
const DETAIL_BYTES = 4 * DETAIL_CHARS;
/** stop() waits this long past the timeout for in-flight probes, then lets them go. */
const STOP_GRACE_MS = 1000;
/**
 * Active probes: GET requests at a steady rate to the canary and the stable URL. A probe is ok
 * when a response with status < 500 arrives in time; connection errors and timeouts are failures.
 */
class ProbeTraffic {
    options;
    name = 'probes';
    counts;
    lanes = [];
    pending = new Set();
    samples = [];
    running = false;
    intervalMs;
    cap;
    /** A probed service may echo the credentials it was sent: details never carry a header secret. */
    redact;
    /** Probes reach each version at its own URL whatever the weight; they report only when they count. */
    covers() {
        if (!this.counts)
            return [];
        return [...(this.options.canaryUrl ? ['canary'] : []), ...(this.options.stableUrl ? ['stable'] : [])];
    }
    constructor(options) {
        this.options = options;
        if (!(options.rate > 0) || !Number.isFinite(options.rate))
            throw new Error(`probe rate must be a positive number of requests per second, got ${options.rate}`);
        this.counts = options.counts;
        this.redact = (0,secrets/* redactor */.$p)([...(0,secrets/* headerSecrets */.n3)(options.headers ?? {}), ...(options.secrets ?? [])]);
        this.intervalMs = 1000 / options.rate;
        this.cap = options.maxInFlight ?? Math.min(64, Math.max(2, Math.ceil((options.rate * options.timeoutMs) / 1000)));
        if (options.canaryUrl)
            this.lanes.push({ side: 'canary', url: options.canaryUrl, inFlight: 0, timer: null, skipped: 0 });
        if (options.stableUrl)
            this.lanes.push({ side: 'stable', url: options.stableUrl, inFlight: 0, timer: null, skipped: 0 });
    }
    start(_step) {
        if (this.running)
            return Promise.resolve();
        this.running = true;
        const t0 = performance.now();
        // Lanes are offset by a fraction of the interval so canary and stable probes interleave.
        this.lanes.forEach((lane, i) => this.schedule(lane, t0 + (i * this.intervalMs) / this.lanes.length, 0));
        return Promise.resolve();
    }
    read() {
        const out = this.samples;
        this.samples = [];
        return Promise.resolve(this.counts ? out : []);
    }
    async stop() {
        this.running = false;
        for (const lane of this.lanes) {
            if (lane.timer)
                clearTimeout(lane.timer);
            lane.timer = null;
            if (lane.skipped > 0)
                this.options.logger?.warning(`Probes to the ${lane.side} skipped ${lane.skipped} requests: ${this.cap} were already in flight (the service answers slower than the probe rate).`);
            lane.skipped = 0;
        }
        if (this.pending.size === 0)
            return;
        let timer;
        const bound = new Promise((resolve) => {
            timer = setTimeout(resolve, this.options.timeoutMs + STOP_GRACE_MS);
        });
        await Promise.race([Promise.allSettled([...this.pending]), bound]);
        clearTimeout(timer);
    }
    /** Fires probe k at t0 + k·interval; scheduling against the start keeps the rate from drifting. */
    schedule(lane, t0, k) {
        if (!this.running)
            return;
        const delay = Math.max(0, t0 + k * this.intervalMs - performance.now());
        lane.timer = setTimeout(() => {
            if (!this.running)
                return;
            // After a stall (a blocked event loop), skip the missed slots instead of bursting.
            const due = Math.max(k + 1, Math.floor((performance.now() - t0) / this.intervalMs) + 1);
            this.fire(lane);
            this.schedule(lane, t0, due);
        }, delay);
    }
    fire(lane) {
        if (lane.inFlight >= this.cap) {
            lane.skipped++;
            return;
        }
        lane.inFlight++;
        const p = this.probe(lane).finally(() => {
            lane.inFlight--;
            this.pending.delete(p);
        });
        this.pending.add(p);
    }
    async probe(lane) {
        const started = performance.now();
        let sample;
        try {
            const res = await fetch(lane.url, { headers: this.options.headers, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
            const ok = res.status < 500;
            let detail;
            // Only the start of an error body is kept: a probed service may answer with any size.
            if (ok)
                await discardBody(res);
            else
                detail = this.redact(await readCapped(res, DETAIL_BYTES)).slice(0, DETAIL_CHARS);
            sample = {
                side: lane.side,
                ok,
                status: res.status,
                latencyMs: performance.now() - started,
                at: Date.now(),
                source: 'probe',
                ...(detail !== undefined ? { detail } : {})
            };
        }
        catch (err) {
            const detail = this.redact(describe(err, this.options.timeoutMs)).slice(0, DETAIL_CHARS);
            this.options.logger?.debug(`probe to the ${lane.side} failed: ${(0,util_escape/* escapeLogText */.dD)(detail)}`);
            sample = { side: lane.side, ok: false, status: 0, latencyMs: performance.now() - started, at: Date.now(), source: 'probe', detail };
        }
        // Probes that end during stop() still count (stop() waits for them); without `counts` nothing
        // is kept, so an unread buffer cannot grow.
        if (this.counts)
            this.samples.push(sample);
    }
}
/** Why a probe got no response. Duck-typed: fetch's DOMException is not an Error in every realm (jest's VM). */
function describe(err, timeoutMs) {
    if (typeof err !== 'object' || err === null)
        return String(err);
    const e = err;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
        return `no response within ${timeoutMs} ms`;
    const message = typeof e.message === 'string' ? e.message : Object.prototype.toString.call(err);
    if (typeof e.cause === 'object' && e.cause !== null) {
        const cause = e.cause;
        const why = typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : '';
        if (why)
            return `${message}: ${why}`;
    }
    return message;
}


/***/ })

};
