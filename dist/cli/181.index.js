export const id = 181;
export const ids = [181];
export const modules = {

/***/ 1248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GL: () => (/* binding */ EvidenceRecorder),
/* harmony export */   K3: () => (/* binding */ SampleBudget),
/* harmony export */   ai: () => (/* binding */ normaliseSamples),
/* harmony export */   dB: () => (/* binding */ MAX_EVIDENCE_SAMPLES),
/* harmony export */   kw: () => (/* binding */ decodeEvidence),
/* harmony export */   oe: () => (/* binding */ EvidenceError)
/* harmony export */ });
/* unused harmony export normaliseSample */
/**
 * The record of what a step's judge was fed, look by look (StepEvidence in shared/model/report.ts),
 * so `shipgate replay` can judge the step again with other settings. Pure data: no I/O.
 *
 * The engine feeds its judge `normaliseSamples(fresh)`: latencies to 0.1 ms, finish times to
 * 1 ms. Those are exactly the values the record keeps, so a replay with the same settings sees
 * the same numbers and decides the same way at every look.
 */
/** Samples a report keeps at most over all its steps (about 2 MB of JSON). */
const MAX_EVIDENCE_SAMPLES = 200_000;
/** What is left of a report's sample budget; shared by the recorders of one rollout. */
class SampleBudget {
    left;
    constructor(left = MAX_EVIDENCE_SAMPLES) {
        this.left = left;
    }
}
/** A sample as the judge is given it: latency to 0.1 ms, finish time to 1 ms (the same object when nothing changes). */
function normaliseSample(s) {
    // `+ 0` turns -0 into 0, as the record reads it back.
    const latencyMs = typeof s.latencyMs === 'number' && Number.isFinite(s.latencyMs) ? Math.round(s.latencyMs * 10) / 10 + 0 : s.latencyMs;
    const at = Number.isFinite(s.at) ? Math.round(s.at) + 0 : s.at;
    return Object.is(latencyMs, s.latencyMs) && Object.is(at, s.at) ? s : { ...s, latencyMs, at };
}
function normaliseSamples(samples) {
    return samples.map(normaliseSample);
}
/** Records one step's looks into a StepEvidence, within the rollout's sample budget. */
class EvidenceRecorder {
    baseline;
    t0;
    budget;
    routers;
    looks = [];
    sides = [];
    latency = [];
    at = [];
    status = [];
    lastAt;
    runStatus = null;
    runLength = 0;
    truncated = false;
    constructor(baseline, t0, budget = new SampleBudget(), routers) {
        this.baseline = baseline;
        this.t0 = t0;
        this.budget = budget;
        this.routers = routers;
        this.lastAt = t0;
    }
    /** Records a look: `samples` as the judge was fed them (normalised), `share` the routers' counts so far. */
    look(atMs, samples, share) {
        if (this.truncated)
            return;
        if (samples.length > this.budget.left) {
            // A look is recorded whole or not at all; nothing after it is recorded either.
            this.truncated = true;
            this.budget.left = 0;
            return;
        }
        this.budget.left -= samples.length;
        this.looks.push(`${atMs}:${samples.length}${this.routers !== undefined ? `:${share?.canary ?? 0}:${share?.total ?? 0}` : ''}`);
        for (const raw of samples) {
            const s = normaliseSample(raw);
            const letter = s.side === 'canary' ? 'c' : 's';
            this.sides.push(s.ok ? letter : letter.toUpperCase());
            this.latency.push(latencyToken(s.latencyMs));
            if (Number.isFinite(s.at)) {
                this.at.push(String(s.at - this.lastAt));
                this.lastAt = s.at;
            }
            else {
                this.at.push(`=${s.at}`);
            }
            this.addStatus(s.status);
        }
    }
    evidence() {
        const status = [...this.status];
        if (this.runLength > 0)
            status.push(runToken(this.runStatus, this.runLength));
        return {
            format: 1,
            baseline: this.baseline,
            t0: this.t0,
            looks: this.looks.join(','),
            ...(this.routers !== undefined ? { routers: this.routers } : {}),
            sides: this.sides.join(''),
            latency: this.latency.join(','),
            at: this.at.join(','),
            status: status.join(','),
            ...(this.truncated ? { truncated: true } : {})
        };
    }
    addStatus(status) {
        if (this.runLength > 0 && Object.is(status, this.runStatus)) {
            this.runLength++;
            return;
        }
        if (this.runLength > 0)
            this.status.push(runToken(this.runStatus, this.runLength));
        this.runStatus = status;
        this.runLength = 1;
    }
}
function latencyToken(latencyMs) {
    if (typeof latencyMs !== 'number')
        return '';
    // Finite values are whole tenths after normalising; NaN and ±Infinity are written as such.
    return Number.isFinite(latencyMs) ? String(Math.round(latencyMs * 10)) : String(latencyMs);
}
function runToken(status, n) {
    return n === 1 ? String(status) : `${status}*${n}`;
}
/** A record that cannot be read back (a hand-edited or damaged report). */
class EvidenceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'EvidenceError';
    }
}
/** The looks of a step's record, each with the samples as the judge was fed them. Throws EvidenceError on a damaged record. */
function decodeEvidence(e) {
    const damaged = (what) => new EvidenceError(`its ${what} does not read back`);
    if (e.format !== 1)
        throw new EvidenceError(`its format ${JSON.stringify(e.format)} is not one this version reads (1)`);
    if (typeof e.sides !== 'string' || typeof e.looks !== 'string' || !Number.isFinite(e.t0))
        throw damaged('record');
    const n = e.sides.length;
    const tokens = (text, what) => {
        if (typeof text !== 'string')
            throw damaged(what);
        const list = n === 0 ? (text === '' ? [] : [text]) : text.split(',');
        if (list.length !== n)
            throw damaged(what);
        return list;
    };
    const latency = tokens(e.latency, 'latency column');
    const at = tokens(e.at, 'finish-time column');
    const status = statusColumn(e.status, n);
    const samples = [];
    let lastAt = e.t0;
    for (let i = 0; i < n; i++) {
        const letter = e.sides[i];
        const side = letter === 'c' || letter === 'C' ? 'canary' : letter === 's' || letter === 'S' ? 'stable' : null;
        if (side === null)
            throw damaged('sides column');
        const l = latency[i];
        const latencyMs = l === '' ? null : Number(l) / 10;
        const a = at[i];
        let finish;
        if (a.startsWith('='))
            finish = Number(a.slice(1));
        else {
            finish = lastAt + Number(a);
            lastAt = finish;
        }
        if (Number.isNaN(latencyMs) && l !== 'NaN')
            throw damaged('latency column');
        if (Number.isNaN(finish) && a !== '=NaN')
            throw damaged('finish-time column');
        samples.push({ side, ok: letter === 'c' || letter === 's', status: status[i], latencyMs, at: finish });
    }
    const looks = [];
    let next = 0;
    for (const entry of e.looks === '' ? [] : e.looks.split(',')) {
        const parts = entry.split(':').map(Number);
        const expected = e.routers !== undefined ? 4 : 2;
        if (parts.length !== expected || parts.some((p) => !Number.isFinite(p)) || parts[1] < 0 || !Number.isInteger(parts[1]))
            throw damaged('looks column');
        const count = parts[1];
        if (next + count > n)
            throw damaged('looks column');
        looks.push({
            atMs: parts[0],
            samples: samples.slice(next, next + count),
            ...(e.routers !== undefined ? { share: { canary: parts[2], total: parts[3] } } : {})
        });
        next += count;
    }
    if (next !== n)
        throw damaged('looks column');
    return looks;
}
function statusColumn(text, n) {
    if (typeof text !== 'string')
        throw new EvidenceError('its status column does not read back');
    const out = [];
    for (const token of text === '' ? [] : text.split(',')) {
        const star = token.indexOf('*');
        const value = Number(star < 0 ? token : token.slice(0, star));
        const times = star < 0 ? 1 : Number(token.slice(star + 1));
        if (!Number.isInteger(times) || times < 1 || out.length + times > n)
            throw new EvidenceError('its status column does not read back');
        for (let i = 0; i < times; i++)
            out.push(value);
    }
    if (out.length !== n)
        throw new EvidenceError('its status column does not read back');
    return out;
}


/***/ }),

/***/ 2518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FD: () => (/* binding */ judgeLook),
  Yd: () => (/* binding */ startStepJudge),
  fh: () => (/* binding */ stepOutcome)
});

// EXTERNAL MODULE: ./shared/judges/format.ts
var format = __webpack_require__(9104);
;// CONCATENATED MODULE: ./shared/judges/share.ts

/**
 * How unlikely a shortfall must be before it fails the step: the Chernoff bound on the binomial
 * lower tail must fall below this. With looks every second for an hour that is still far below α
 * for a router that does send the canary its share.
 */
const SHORTFALL_BOUND = 1e-6;
/** Kullback–Leibler divergence of Bernoulli(q) from Bernoulli(p). */
function kl(q, p) {
    const term = (a, b) => (a === 0 ? 0 : a * Math.log(a / b));
    return term(q, p) + term(1 - q, 1 - p);
}
/**
 * Checks that a router which sees real traffic sends the canary its share: `canary` of `total`
 * router-counted requests at a step of `weight` %. A canary that gets far fewer than its share
 * (e.g. a `down` server, a health check that failed, a misconfigured upstream) is not being
 * judged on customers at all, so that is itself a failure. Returns the sentence, or null.
 *
 * The test is one-sided and gross on purpose: fewer than half the expected requests AND a
 * Chernoff bound exp(−n·KL(c/n ‖ p)) on P(X ≤ c) below SHORTFALL_BOUND.
 */
function shareShortfall(canary, total, weight, router) {
    if (weight <= 0 || weight >= 100 || total <= 0)
        return null;
    const p = weight / 100;
    const expected = total * p;
    if (canary >= expected / 2)
        return null;
    const bound = Math.exp(-total * kl(canary / total, p));
    if (bound >= SHORTFALL_BOUND)
        return null;
    return `the canary got ${(0,format/* count */.U9)(canary)} of ${(0,format/* count */.U9)(total)} requests through ${router} at ${weight} % (about ${(0,format/* count */.U9)(Math.round(expected))} expected): the router is not sending it its share`;
}

;// CONCATENATED MODULE: ./shared/engine/step-rules.ts

/**
 * The judge of one step, told that the step begins. Live comparisons reuse the rollout's judge when
 * it has beginStep (docs/judge.md); a judge without it is made per step, and so is the one
 * comparing with recorded stable requests, which an earlier step's judge has already seen.
 * Absolute bounds (no stable requests at all) take the first-release judge.
 */
function startStepJudge(kind, policy, step, factories, carried) {
    let judge;
    if (kind === 'absolute')
        judge = factories.createFirstReleaseJudge(policy);
    else if (kind === 'live' && carried?.judge)
        judge = carried.judge;
    else {
        judge = factories.createJudge(policy);
        if (kind === 'live' && carried && judge.beginStep)
            carried.judge = judge;
    }
    judge.beginStep?.({ index: step.index, weight: step.weight });
    return judge;
}
/**
 * One look: the judge is fed the look's samples and asked for its verdict. A router that sees
 * real traffic (its name in `routers`) and does not send the canary its share fails the step
 * whatever the judge says (shareShortfall).
 */
function judgeLook(judge, samples, look) {
    judge.observe(samples);
    const final = look.elapsedMs >= look.stepDurationMs;
    let verdict = judge.verdict(final);
    const shortfall = look.routers ? shareShortfall(look.share?.canary ?? 0, look.share?.total ?? 0, look.weight, look.routers) : null;
    if (shortfall && verdict.decision !== 'fail')
        verdict = { ...verdict, decision: 'fail', reason: `${shortfall.charAt(0).toUpperCase()}${shortfall.slice(1)}.` };
    return { verdict, final, done: verdict.decision !== 'continue' || final };
}
function stepOutcome(decision, onInconclusive) {
    if (decision === 'pass' || decision === 'fail')
        return decision;
    return onInconclusive === 'rollback' ? 'inconclusive-rollback' : onInconclusive === 'pause' ? 'inconclusive-pause' : 'inconclusive-promote';
}


/***/ }),

/***/ 9104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oe: () => (/* binding */ pct),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   WR: () => (/* binding */ points),
/* harmony export */   ms: () => (/* binding */ ms),
/* harmony export */   tG: () => (/* binding */ evalue),
/* harmony export */   ys: () => (/* binding */ alphaText)
/* harmony export */ });
/** Number formatting shared by the judges' explanation sentences. */
function pct(x) {
    const v = x * 100;
    return `${v >= 10 || v === 0 ? v.toFixed(1) : v.toFixed(2).replace(/0$/, '')} %`;
}
/** Tolerances are stated in points (an absolute difference of two rates). */
function points(x) {
    return `${+(x * 100).toFixed(2)} pt`;
}
function count(n) {
    return n.toLocaleString('en-US');
}
function evalue(logE) {
    const e = Math.exp(logE);
    if (!Number.isFinite(e))
        return '> 1e300';
    if (e >= 1e6)
        return e.toExponential(1);
    if (e >= 100)
        return e.toFixed(0);
    if (e >= 10)
        return e.toFixed(1);
    return e.toFixed(2);
}
function alphaText(a) {
    return `${+(a * 100).toPrecision(2)} %`;
}
function ms(x) {
    return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}


/***/ }),

/***/ 6559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $p: () => (/* binding */ createFirstReleaseJudge),
  qU: () => (/* binding */ createJudge)
});

// UNUSED EXPORTS: AbsoluteJudge, SequentialJudge, ThresholdsJudge

;// CONCATENATED MODULE: ./shared/judges/betting.ts
/**
 * Betting e-processes for the mean of a paired difference D ∈ {−1, 0, 1}.
 *
 * For a fixed bet λ the wealth Π (1 + λ·(D_i − θ)) is a nonnegative supermartingale whenever
 * E[D_i | past] ≤ θ (and λ ≤ 1/(1+θ) keeps every factor ≥ 0); a mixture of such wealths over a
 * grid of bets is one too, so Ville's inequality bounds P(ever ≥ 1/α) by α under the null —
 * however often anyone looks. Because D takes three values, the wealth of every fixed bet is a
 * function of three counts, so the whole mixture is recomputed from counts at each look: no
 * per-sample state, no tuning per scenario.
 */
/** Number of bets in the mixture: fine enough that the mixture behaves like a continuous prior. */
const GRID = 48;
const cache = new Map();
function factors(theta, above) {
    const key = `${above ? 'a' : 'b'}${theta}`;
    let f = cache.get(key);
    if (f)
        return f;
    // Bets stay strictly inside (0, λmax): at λmax one unlucky pair would zero the wealth.
    const lmax = above ? 1 / (1 + theta) : 1 / (1 - theta);
    const sign = above ? 1 : -1;
    f = { up: new Float64Array(GRID), down: new Float64Array(GRID), zero: new Float64Array(GRID) };
    for (let j = 0; j < GRID; j++) {
        const l = (lmax * (j + 1)) / (GRID + 1);
        f.up[j] = Math.log1p(sign * l * (1 - theta));
        f.down[j] = Math.log1p(-sign * l * (1 + theta));
        f.zero[j] = Math.log1p(-sign * l * theta);
    }
    if (cache.size > 64)
        cache.clear();
    cache.set(key, f);
    return f;
}
function mixture(c, f) {
    let m = -Infinity;
    const logs = new Float64Array(GRID);
    for (let j = 0; j < GRID; j++) {
        const v = c.up * f.up[j] + c.down * f.down[j] + c.zero * f.zero[j];
        logs[j] = v;
        if (v > m)
            m = v;
    }
    if (m === -Infinity)
        return m;
    let s = 0;
    for (let j = 0; j < GRID; j++)
        s += Math.exp(logs[j] - m);
    return m + Math.log(s / GRID);
}
/**
 * log e-value against H0: E[D] ≤ θ ("the canary is not worse than stable by more than θ").
 * Large when D keeps coming out above θ.
 */
function logEvalueAbove(c, theta) {
    return mixture(c, factors(theta, true));
}
/**
 * log e-value against H0: E[D] ≥ θ ("the canary is worse than stable by θ or more").
 * Large when D keeps coming out below θ.
 */
function logEvalueBelow(c, theta) {
    if (theta >= 1)
        return 0; // no distribution of D has a mean above 1: nothing to bet against
    return mixture(c, factors(theta, false));
}
// Local bindings: a global lookup of Math per call is slow inside jest's module sandbox.
const { exp, log, log1p } = Math;
function prior(parts) {
    const fractions = [];
    const logWeights = [];
    for (const p of parts) {
        for (const f of p.fractions) {
            fractions.push(f);
            logWeights.push(Math.log(p.weight / p.fractions.length));
        }
    }
    return { fractions: Float64Array.from(fractions), logWeights: Float64Array.from(logWeights) };
}
const even = (n) => Array.from({ length: n }, (_, j) => (j + 1) / (n + 1));
/** 48 bets spread evenly strictly inside (0, λmax), equal weights: the mixture of the count-based tests above. */
const EVEN_BETS = prior([{ fractions: even(GRID), weight: 1 }]);
/**
 * For a rate compared with a block of k ≥ 4 stable requests: D = 1[canary bad] − (share of the
 * block that is bad) rarely falls below −1/k when errors are rare, so against a clear excess the
 * best fixed bet sits at the cap λmax (the cap only guards against D = −1). Three quarters of the
 * stake go on 40 even bets, one quarter on 8 bets just under the cap (1 − λ/λmax from 0.1 % to 3 %,
 * log-spaced). About 10 % fewer samples than EVEN_BETS at k = 9, 5 % more at k = 1, so the
 * sequential judge uses it only for stakes whose first block has k ≥ 4 (docs/judge.md).
 */
const CAP_HEAVY_BETS = prior([
    { fractions: even(40), weight: 0.75 },
    { fractions: Array.from({ length: 8 }, (_, j) => 1 - 0.001 * Math.pow(30, j / 7)), weight: 0.25 }
]);
/** Largest bet that keeps every factor ≥ 0 for D ∈ [−1, 1]; 0 when there is nothing to bet against. */
function capFor(theta, direction) {
    if (direction === 'above')
        return theta <= -1 ? 0 : 1 / (1 + theta);
    return theta >= 1 ? 0 : 1 / (1 - theta);
}
/**
 * A betting e-process for the mean of D ∈ [−1, 1] whose values need not be −1, 0 or 1 (a canary
 * request against the mean of a block of stable requests): one running log-wealth per bet of the
 * prior, so the state is fixed-size however long it runs.
 *
 * 'above' bets against H0: E[D | past] ≤ θ (wealth × (1 + λ(D − θ))); 'below' against
 * H0: E[D | past] ≥ θ (wealth × (1 − λ(D − θ))). Under its H0 each bet's wealth is a nonnegative
 * supermartingale, and so is the mixture: Ville's inequality bounds P(ever ≥ 1/a) by a.
 */
class Gambler {
    theta;
    direction;
    bets;
    logW;
    lambdas;
    /** log factor per bet, per value of D seen (values repeat from look to look); shared by gamblers alike. */
    factorCache;
    constructor(theta, direction, bets = EVEN_BETS) {
        this.theta = theta;
        this.direction = direction;
        this.bets = bets;
        const cap = capFor(theta, direction);
        this.lambdas = bets.fractions.map((f) => f * cap);
        this.logW = new Float64Array(bets.fractions.length);
        this.factorCache = factorCacheFor(`${direction}${theta}`, bets);
    }
    /** Bets on `times` independent draws of D that all came out as `d`. */
    bet(d, times = 1) {
        const f = this.factors(d);
        for (let j = 0; j < f.length; j++)
            this.logW[j] += times * f[j];
    }
    /** log of the mixture's wealth (0 at the start). */
    logWealth() {
        const w = this.logW;
        const lw = this.bets.logWeights;
        let m = -Infinity;
        for (let j = 0; j < w.length; j++)
            if (w[j] + lw[j] > m)
                m = w[j] + lw[j];
        if (m === -Infinity)
            return m;
        let s = 0;
        for (let j = 0; j < w.length; j++)
            s += exp(w[j] + lw[j] - m);
        return m + log(s);
    }
    factors(d) {
        let f = this.factorCache.get(d);
        if (f)
            return f;
        const sign = this.direction === 'above' ? 1 : -1;
        f = this.lambdas.map((l) => log1p(sign * l * (d - this.theta)));
        if (this.factorCache.size >= 256)
            this.factorCache.clear();
        this.factorCache.set(d, f);
        return f;
    }
}
const factorCaches = new WeakMap();
/** The factor cache of gamblers with the same prior, direction and θ (at most 16 kept per prior). */
function factorCacheFor(key, bets) {
    let byKey = factorCaches.get(bets);
    if (!byKey) {
        byKey = new Map();
        factorCaches.set(bets, byKey);
    }
    let cache = byKey.get(key);
    if (!cache) {
        if (byKey.size >= 16)
            byKey.clear();
        cache = new Map();
        byKey.set(key, cache);
    }
    return cache;
}
/** Share of the stake held back for step i ≥ 1 (1/8, 1/16, …); the first step gets the remaining 3/4. */
const reserveFor = (step) => Math.pow(2, -(step + 2));
/** Steps after this many get no fresh stake (their share stays in cash, which keeps the sum valid). */
const MAX_STAKES = 16;
/**
 * The fail side's e-process across the steps of a rollout: a gambler who stakes 3/4 of the initial
 * unit at the first step and keeps the rest in cash, staking a further 1/8, 1/16, … when each later
 * step begins. The first stake's wealth carries across steps; each later stake bets only on its
 * step and after it, so a canary that turns bad at a later step is not held back by the wealth the
 * first stake lost while it was healthy. The total Σ stake_i · W_i + cash is a nonnegative
 * supermartingale starting at 1 under H0 (a fixed mixture of ones that are), so Ville's inequality
 * still bounds P(ever ≥ 1/a) by a over the whole rollout.
 *
 * A stake picks its prior when it places its first bet, from the split of that block (`beginBlock`):
 * the split is known before the block's outcomes and does not depend on them, so the prior is
 * fixed before anything it bets on is seen.
 */
class StakedGambler {
    theta;
    direction;
    /** gambler null: staked at a step that has not bet yet (its share still counts as cash). */
    stakes = [];
    cash = 1;
    k = 1;
    choose;
    constructor(theta, direction, prior = EVEN_BETS) {
        this.theta = theta;
        this.direction = direction;
        this.choose = typeof prior === 'function' ? prior : () => prior;
        this.stake(0.75);
    }
    /** A new step begins: stake its reserve. */
    nextStep() {
        if (this.stakes.length < MAX_STAKES)
            this.stake(reserveFor(this.stakes.length));
    }
    /** A block is about to be bet on; its split is k requests of the larger side per request of the smaller. */
    beginBlock(k) {
        this.k = k;
    }
    bet(d, times = 1) {
        for (const s of this.stakes) {
            s.gambler ??= new Gambler(this.theta, this.direction, this.choose(this.k));
            s.gambler.bet(d, times);
        }
    }
    logWealth() {
        let cash = this.cash;
        const terms = [];
        for (const s of this.stakes) {
            if (s.gambler)
                terms.push(log(s.share) + s.gambler.logWealth());
            else
                cash += s.share;
        }
        if (cash > 0)
            terms.push(log(cash));
        const m = Math.max(...terms);
        if (m === -Infinity)
            return m;
        return m + log(terms.reduce((acc, t) => acc + exp(t - m), 0));
    }
    stake(share) {
        this.cash -= share;
        this.stakes.push({ share, gambler: null });
    }
}

;// CONCATENATED MODULE: ./shared/judges/blocks.ts
/** Samples of a lone side wait at most this long (by their `at`) for the other side. */
const MAX_WAIT_MS = 2000;
/**
 * A look that brings only one side closes the block only once it spans this long: when the engine
 * looks after every request, blocks still hold about a second of traffic, not a run of one
 * side against a single request of the other.
 */
const MIN_BLOCK_MS = 1000;
/** And at most this many per side (the oldest go first), so memory stays bounded at any rate. */
const MAX_WAITING = 10_000;
/**
 * Turns the samples of each look into a block that is compared at once. Nothing queues from block
 * to block: every block takes all the samples that arrived since the previous one. A look that
 * brings both sides closes a block. When a look brings samples of only one side, they wait and join
 * the next block, which closes once both sides are there and it spans MIN_BLOCK_MS (by the samples'
 * `at`); a sample waits at most MAX_WAIT_MS, and at most MAX_WAITING wait per side; older ones are
 * dropped. So a canary request is only ever compared with stable requests from around its time,
 * also when the engine looks after every request, and the state is bounded by the traffic of
 * MAX_WAIT_MS.
 */
class LookBlocks {
    waiting = { canary: [], stable: [] };
    newest = -Infinity;
    droppedCount = 0;
    /** The block to compare now, or null while one side has no samples. */
    take(samples) {
        const canary = this.waiting.canary;
        const stable = this.waiting.stable;
        let freshCanary = false;
        let freshStable = false;
        for (const s of samples) {
            if (s.side === 'canary') {
                canary.push(s);
                freshCanary = true;
            }
            else {
                stable.push(s);
                freshStable = true;
            }
            if (s.at > this.newest)
                this.newest = s.at;
        }
        const both = canary.length > 0 && stable.length > 0;
        if (both && ((freshCanary && freshStable) || this.newest - oldest(canary, stable) >= MIN_BLOCK_MS)) {
            this.waiting = { canary: [], stable: [] };
            return { canary: byArrival(canary), stable: byArrival(stable) };
        }
        this.waiting = { canary: this.recent(canary), stable: this.recent(stable) };
        return null;
    }
    /** A step boundary: waiting samples belong to the previous weight and are dropped. */
    drop() {
        this.droppedCount += this.waiting.canary.length + this.waiting.stable.length;
        this.waiting = { canary: [], stable: [] };
    }
    /** Samples waiting for the other side, per side. */
    waitingCount() {
        return { canary: this.waiting.canary.length, stable: this.waiting.stable.length };
    }
    /** Samples never compared: they waited too long (or too many) for the other side, or a step ended. */
    dropped() {
        return this.droppedCount;
    }
    recent(samples) {
        const since = this.newest - MAX_WAIT_MS;
        let kept = samples.length > 0 && samples.some((s) => s.at < since) ? samples.filter((s) => s.at >= since) : samples;
        if (kept.length > MAX_WAITING)
            kept = byArrival(kept).slice(kept.length - MAX_WAITING);
        this.droppedCount += samples.length - kept.length;
        return kept;
    }
}
function oldest(a, b) {
    let t = Infinity;
    for (const s of a)
        if (s.at < t)
            t = s.at;
    for (const s of b)
        if (s.at < t)
            t = s.at;
    return t;
}
function byArrival(samples) {
    for (let i = 1; i < samples.length; i++)
        if (samples[i].at < samples[i - 1].at)
            return samples.sort((a, b) => a.at - b.at);
    return samples;
}
/**
 * Time-aligned units of one block. With m canary and n stable samples (each side in arrival
 * order), the block is cut into g = min(m, n) units: unit j holds the canary samples with ranks
 * [⌊jm/g⌋, ⌊(j+1)m/g⌋) and the stable samples with ranks [⌊jn/g⌋, ⌊(j+1)n/g⌋). At k stable
 * requests per canary request each unit is one canary request and the ≈ k stable requests that
 * arrived around it; at a weight above 50 % the roles swap. Units share no sample, so given the
 * arrivals their outcomes are independent.
 *
 * For 0/1 flags (bad or not) per sample, adds D = (share of the unit's canary samples flagged) −
 * (share of its stable samples flagged) ∈ [−1, 1] to `into` (value → count). Returns g.
 */
function unitDifferences(canary, stable, into) {
    const m = canary.length;
    const n = stable.length;
    const g = m < n ? m : n;
    if (g === 0)
        return 0;
    let ci = 0;
    let si = 0;
    for (let j = 0; j < g; j++) {
        const cEnd = (((j + 1) * m) / g) | 0;
        const sEnd = (((j + 1) * n) / g) | 0;
        const cSize = cEnd - ci;
        const sSize = sEnd - si;
        let cBad = 0;
        let sBad = 0;
        for (; ci < cEnd; ci++)
            cBad += canary[ci];
        for (; si < sEnd; si++)
            sBad += stable[si];
        const d = cBad / cSize - sBad / sSize;
        into.set(d, (into.get(d) ?? 0) + 1);
    }
    return g;
}

;// CONCATENATED MODULE: ./shared/judges/latency-sketch.ts
/** Latencies below this land in the first bin (0 ms included). */
const MIN_MS = 0.01;
/** Bin edges grow by 1 %: a quantile is read to within 1 %. */
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
/** 0.01 ms · 1.01^2083 ≈ 10⁷ ms (2.8 h): anything slower lands in the last bin. */
const BINS = 2083;
/**
 * Quantiles of the most recent latencies in fixed memory: counts in log-spaced bins (1 % wide),
 * kept in two generations of `generation` values each; a full generation replaces the older one,
 * so a quantile reflects the last `generation` to 2 × `generation` values and follows drift.
 */
class RecentLatencies {
    generation;
    older = new Float64Array(BINS);
    newer = new Float64Array(BINS);
    olderCount = 0;
    newerCount = 0;
    constructor(generation = 2000) {
        this.generation = generation;
    }
    add(ms) {
        this.newer[binOf(ms)]++;
        if (++this.newerCount < this.generation)
            return;
        const spare = this.older;
        spare.fill(0);
        this.older = this.newer;
        this.olderCount = this.newerCount;
        this.newer = spare;
        this.newerCount = 0;
    }
    /** Values the quantile is read from. */
    get count() {
        return this.olderCount + this.newerCount;
    }
    /** Nearest-rank q-quantile (the upper edge of its bin), or null with no values. */
    quantile(q) {
        const total = this.count;
        if (total === 0)
            return null;
        const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
        let seen = 0;
        for (let i = 0; i < BINS; i++) {
            seen += this.older[i] + this.newer[i];
            if (seen >= rank)
                return MIN_MS * Math.pow(RATIO, i + 1);
        }
        return MIN_MS * Math.pow(RATIO, BINS);
    }
}
// Local bindings: a global lookup of Math per call is slow inside jest's module sandbox.
const { floor, log: latency_sketch_log } = Math;
function binOf(ms) {
    if (!(ms > MIN_MS))
        return 0;
    const i = floor(latency_sketch_log(ms / MIN_MS) / LOG_RATIO);
    return i < BINS ? i : BINS - 1;
}

// EXTERNAL MODULE: ./shared/judges/format.ts
var format = __webpack_require__(9104);
;// CONCATENATED MODULE: ./shared/judges/sequential.ts




/**
 * With `max-latency` set, a request slower than it is slow, and the canary may have at most this
 * many more points of slow requests than stable (the absolute judge holds the canary's own share to
 * it). A version whose p95 sits exactly on the line has 5 % of its requests above it.
 */
const LATENCY_SHARE_TOLERANCE = 0.05;
/** Stable latencies needed before the reference p95 means anything; earlier blocks only seed it. */
const LATENCY_WARMUP = 20;
/** The reference p95 follows the most recent 2,000 to 4,000 compared stable requests, so slow drifts of both sides cancel. */
const REFERENCE_GENERATION = 2000;
/**
 * Latencies reach the judge rounded: to 0.1 ms by the engine (sample-log.ts), to whole ms by
 * nginx's $request_time. With a stable line U and rounding of at most r either way, a canary within
 * tolerance (C ≤ (1 + tol)·S in distribution) has P(C rounded > L) ≤ P(S rounded > U) only for
 * L ≥ (1 + tol)·(U + r) + r. Without the margin, a fast service (U of a few ms at 1 ms resolution)
 * has its canary and stable judged at the same rounded value, and a canary 5 % slower is rolled back.
 */
function failLine(stableLine, tolerance, resolution) {
    return (1 + tolerance) * (stableLine + resolution) + resolution;
}
/**
 * Sequential, anytime-valid comparison of canary and stable (docs/judge.md).
 *
 * Each look's samples form a block (a lone side's samples join the next one; blocks.ts): every
 * canary request is compared with the stable requests that arrived around it in the block,
 * D = 1[canary bad] − (share of its stable requests that are bad), for two notions of bad: an
 * error; a slow request (the roles swap when the canary has more requests). Two betting
 * e-processes per signal: one against "not worse than the tolerance" (rejecting it fails the
 * canary), one against "worse by the tolerance or more" (rejecting it passes the signal). α is split
 * between the signals on the fail side, so a canary within tolerance on both is rolled back with
 * probability ≤ α over the whole rollout, whenever the engine looks.
 *
 * Latency: the line T is stable's recent p95 × (1 + latencyTolerance); a canary request is slow
 * above T, a stable one above T / (1 + latencyTolerance). A canary at most (1 + latencyTolerance)×
 * slower than stable has no more requests above T than stable has above T / (1 + latencyTolerance),
 * whatever the shape of the tail, so the test needs no margin in points. The fail side also bets at
 * stable's median × (1 + latencyTolerance) (MedianLine), where a canary slower at every percentile
 * shows far more; the pass side keeps to the tail. For the fail side the canary's lines are widened
 * by the latencies' resolution (failLine).
 *
 * Across steps (beginStep) the e-processes keep running: the pass side's wealth carries, the fail
 * side stakes a reserve at each step (StakedGambler). A step passes once its own samples reach
 * minSamples per side, every signal's pass test is at or above 1/β during the step, and the pass
 * test over the step's own units is at least 1 (so a canary that turns bad is not passed on the
 * strength of earlier steps).
 */
class SequentialJudge {
    policy;
    name = 'sequential';
    blocks = new LookBlocks();
    reference = new RecentLatencies(REFERENCE_GENERATION);
    errors;
    latency;
    failAlpha;
    passAlpha;
    lastLine = null;
    /** Whether every timed latency so far was a whole number of ms (then the resolution is 1 ms, else 0.1 ms). */
    wholeMs = true;
    /** Relative latency only: the median line's fail test, mixed half and half with the p95 line's. */
    median;
    /** Whether any block had timed requests of both sides (see observe). */
    latencyMeasured = false;
    /** Steps seen (1 until a second step begins after samples arrived). */
    steps = 1;
    stepHasSamples = false;
    stepCanary = 0;
    stepStable = 0;
    constructor(policy) {
        this.policy = policy;
        const relative = policy.maxLatencyMs === undefined;
        this.errors = check('error-rate', policy.errorTolerance, policy.errorTolerance, true);
        // Relative line: E[D] ≤ 0 is "within tolerance" (the tolerance is in the line); fixed line: 5 points.
        this.latency = relative ? check('latency', 0, policy.latencyTolerance, false) : check('latency', LATENCY_SHARE_TOLERANCE, LATENCY_SHARE_TOLERANCE, false);
        this.median = relative
            ? { fail: new StakedGambler(0, 'above', EVEN_BETS), logFail: 0, tailLogFail: 0, last: null, canary: 0, canaryBad: 0, stable: 0, stableBad: 0 }
            : null;
        // A rollback needs only one signal to fail, so the fail side splits α (Bonferroni); a pass
        // needs every signal to pass, so a canary bad on any signal passes with probability ≤ β, which
        // is a budget of its own (docs/judge.md, "α and β").
        this.failAlpha = policy.alpha / 2;
        this.passAlpha = policy.beta;
    }
    beginStep(_step) {
        if (!this.stepHasSamples)
            return;
        this.steps++;
        this.stepHasSamples = false;
        this.stepCanary = 0;
        this.stepStable = 0;
        this.blocks.drop();
        this.median?.fail.nextStep();
        for (const ch of [this.errors, this.latency]) {
            ch.fail.nextStep();
            ch.stepPass = new Gambler(ch.theta, 'below', EVEN_BETS);
            ch.passed = false;
        }
    }
    observe(samples) {
        for (const s of samples) {
            if (s.side === 'canary')
                this.stepCanary++;
            else
                this.stepStable++;
        }
        if (samples.length > 0)
            this.stepHasSamples = true;
        const block = this.blocks.take(samples);
        if (!block)
            return;
        compare(this.errors, block, (c) => !c.ok, (s) => !s.ok);
        // The line is fixed before this block is compared and depends only on stable requests of
        // earlier blocks: a predictable line keeps E[D | past] ≤ θ for a canary within tolerance.
        // Only requests timed one by one take part in the latency test: a source without per-request
        // latency (HAProxy's counters) says nothing about the tail, and a moving average given to every
        // request of a read would look like thousands of identical, perfectly correlated requests.
        const timed = { canary: block.canary.filter(hasLatency), stable: block.stable.filter(hasLatency) };
        if (timed.canary.length === 0 || timed.stable.length === 0)
            return;
        this.latencyMeasured = true;
        const line = this.line();
        this.lastLine = line ?? this.lastLine;
        if (line) {
            compare(this.latency, timed, (c) => c.latencyMs > line.canary, (s) => s.latencyMs > line.stable, line.canaryFail === line.canary ? undefined : (c) => c.latencyMs > line.canaryFail);
        }
        const mid = this.median && this.reference.count >= LATENCY_WARMUP ? this.medianLine() : null;
        if (this.median && mid) {
            const m = this.median;
            m.last = mid;
            const u = units(timed, (c) => c.latencyMs > mid.canaryFail, (s) => s.latencyMs > mid.stable);
            m.fail.beginBlock(u.k);
            for (const [d, times] of u.diffs)
                m.fail.bet(d, times);
            m.canary += u.canary;
            m.canaryBad += u.canaryBad;
            m.stable += u.stable;
            m.stableBad += u.stableBad;
        }
        if (this.policy.maxLatencyMs === undefined)
            for (const s of timed.stable)
                this.reference.add(s.latencyMs);
        // After the block: the resolution, like the lines, comes from earlier blocks only.
        if (this.wholeMs)
            this.wholeMs = timed.canary.every(isWholeMs) && timed.stable.every(isWholeMs);
    }
    /** How finely latencies are measured, as far as the judge can tell: 1 ms, or the engine's 0.1 ms. */
    resolution() {
        return this.wholeMs ? 1 : 0.1;
    }
    /** The checks a pass needs: latency only once some source has timed requests of both sides. */
    checks() {
        return this.latencyMeasured ? [this.errors, this.latency] : [this.errors];
    }
    verdict(final) {
        const checks = this.checks();
        for (const ch of checks) {
            ch.logFail = ch.fail.logWealth();
            if (ch === this.latency && this.median) {
                // Half the fail wealth on each line: the average of two e-processes for the same null is one.
                this.median.tailLogFail = ch.logFail;
                this.median.logFail = this.median.fail.logWealth();
                ch.logFail = logMeanExp(ch.logFail, this.median.logFail);
            }
            ch.logPass = ch.pass.logWealth();
            // Rejecting "worse by the tolerance or more" at any time is the event Ville's inequality
            // bounds, so a signal that has passed stays passed for the rest of the step.
            if (ch.logPass >= Math.log(1 / this.passAlpha))
                ch.passed = true;
            if (ch.logFail >= Math.log(1 / this.failAlpha))
                ch.failed = true;
        }
        const evidence = checks.map((ch) => this.evidence(ch));
        const samples = { canary: this.stepCanary, stable: this.stepStable };
        const failed = evidence.filter((e) => e.decision === 'fail');
        if (failed.length > 0) {
            return { decision: 'fail', reason: `The canary is worse than stable: ${failed.map((e) => e.explanation).join('; ')}.`, checks: evidence, samples };
        }
        const min = Math.max(1, this.policy.minSamples);
        const enough = this.stepCanary >= min && this.stepStable >= min;
        // A later step's own samples must lean towards within tolerance too (docs/judge.md): the
        // carried evidence alone would let a canary that turns bad at this step pass after minSamples.
        if (enough && checks.every((ch) => ch.passed && this.ownEvidenceAgrees(ch))) {
            return {
                decision: 'pass',
                reason: `The canary is within tolerance on ${this.latencyMeasured ? 'every signal' : 'its error rate'} over ${this.over()} (canary/stable)${this.latencyMeasured ? '' : '; no signal source timed individual requests, so latency was not compared'}.`,
                checks: evidence,
                samples
            };
        }
        return { decision: 'continue', reason: this.continueReason(final, enough), checks: evidence, samples };
    }
    /** At a later step, the pass test over the step's own units is at least 1 (at the first step it is the carried one). */
    ownEvidenceAgrees(ch) {
        return this.steps === 1 || ch.stepPass.logWealth() >= 0;
    }
    statistics() {
        return {
            'error-rate': this.errors.logFail,
            'error-rate.pass': this.errors.logPass,
            latency: this.latency.logFail,
            'latency.pass': this.latency.logPass
        };
    }
    /** "600/5,400 requests" (this step), with the evidence carried from earlier steps when there is some. */
    over() {
        const here = `${(0,format/* count */.U9)(this.stepCanary)}/${(0,format/* count */.U9)(this.stepStable)} requests`;
        if (this.steps === 1)
            return here;
        return `${here} in this step and ${(0,format/* count */.U9)(this.errors.canary)}/${(0,format/* count */.U9)(this.errors.stable)} compared since step 1`;
    }
    continueReason(final, enough) {
        if (this.stepCanary === 0 || this.stepStable === 0) {
            const missing = this.stepCanary === 0 && this.stepStable === 0 ? 'no samples' : this.stepCanary === 0 ? 'no canary samples' : 'no stable samples';
            return final ? `Inconclusive: ${missing} arrived during the step, so nothing can be compared.` : `Waiting for evidence: ${missing} yet.`;
        }
        const checks = this.checks();
        const why = !enough
            ? `fewer than ${(0,format/* count */.U9)(this.policy.minSamples)} samples per side in this step (${(0,format/* count */.U9)(this.stepCanary)}/${(0,format/* count */.U9)(this.stepStable)})`
            : checks.every((ch) => ch.passed)
                ? `every signal is within tolerance on the evidence since step 1, but this step's own ${(0,format/* count */.U9)(this.stepCanary)}/${(0,format/* count */.U9)(this.stepStable)} requests do not lean that way yet`
                : `the evidence over ${this.over()} shows neither a canary worse than the tolerance nor one within it (${this.undecided(checks)})`;
        return final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`;
    }
    /** "latency undecided; error rate within tolerance": which signal an inconclusive step still waits on. */
    undecided(checks) {
        const name = (ch) => (ch.signal === 'error-rate' ? 'error rate' : 'latency');
        const open = checks.filter((ch) => !ch.passed).map(name);
        const done = checks.filter((ch) => ch.passed).map(name);
        return `${open.join(' and ')} undecided${done.length > 0 ? `; ${done.join(' and ')} within tolerance` : ''}`;
    }
    evidence(ch) {
        const failBound = Math.log(1 / this.failAlpha);
        const passBound = Math.log(1 / this.passAlpha);
        const decision = ch.failed ? 'fail' : ch.passed ? 'pass' : 'continue';
        // Show the test nearer to its boundary, so the number explains the current state.
        const useFail = decision === 'fail' || (decision === 'continue' && ch.logFail / failBound >= ch.logPass / passBound);
        // The latency fail side bets on two lines; explain it by the one that holds more of its evidence.
        const m = this.median;
        const byMedian = ch === this.latency && m !== null && m.last !== null && useFail && m.logFail > m.tailLogFail;
        const counts = byMedian ? m : ch;
        const canary = rate(counts.canaryBad, counts.canary);
        const stable = rate(counts.stableBad, counts.stable);
        const over = `over ${(0,format/* count */.U9)(counts.canary)}/${(0,format/* count */.U9)(counts.stable)} requests${this.steps > 1 ? ' since step 1' : ''}`;
        const relative = this.policy.maxLatencyMs === undefined;
        const factor = +(1 + this.policy.latencyTolerance).toFixed(3);
        // The median line's counts are taken at its fail line (widened for rounding), the p95 line's at its central line.
        const mid = byMedian ? m.last : null;
        const shown = mid
            ? { line: mid, name: 'median', at: mid.canaryFail, margin: ' + rounding margin' }
            : { line: this.lastLine, name: 'p95', at: this.lastLine?.canary ?? 0, margin: '' };
        let what;
        if (ch.signal === 'error-rate')
            what = `canary error rate ${(0,format/* pct */.Oe)(canary)} vs stable ${(0,format/* pct */.Oe)(stable)} ${over}`;
        else if (shown.line === null)
            what = `no latency comparison yet (the stable reference needs ${LATENCY_WARMUP} requests)`;
        else if (!relative)
            what = `${(0,format/* pct */.Oe)(canary)} of canary vs ${(0,format/* pct */.Oe)(stable)} of stable requests slower than max-latency ${(0,format.ms)(shown.at)} ${over}`;
        else
            what = `${(0,format/* pct */.Oe)(canary)} of canary requests slower than ${(0,format.ms)(shown.at)} (stable ${shown.name} × ${factor}${shown.margin}) vs ${(0,format/* pct */.Oe)(stable)} of stable requests slower than ${(0,format.ms)(shown.line.stable)} (its ${shown.name}) ${over}`;
        const logE = useFail ? ch.logFail : ch.logPass;
        const bound = useFail ? failBound : passBound;
        const a = useFail ? this.failAlpha : this.passAlpha;
        const worse = ch.signal === 'latency' && relative
            ? `slower than stable by more than ${percent(this.policy.latencyTolerance)}`
            : `worse by more than ${(0,format/* points */.WR)(ch.tolerance)}`;
        const within = ch.signal === 'latency' && relative ? `within ${percent(this.policy.latencyTolerance)} of stable's latency` : `within ${(0,format/* points */.WR)(ch.tolerance)} of stable`;
        const tail = decision === 'fail' ? worse : decision === 'pass' ? within : `not yet shown ${useFail ? worse : within}`;
        const cmp = logE >= bound ? '≥' : '<';
        return {
            signal: ch.signal,
            decision,
            canary,
            stable,
            tolerance: ch.tolerance,
            statistic: Math.exp(logE),
            boundary: Math.exp(bound),
            explanation: `${what}; e-value ${(0,format/* evalue */.tG)(logE)} ${cmp} ${(0,format/* evalue */.tG)(bound)} (${useFail ? 'α' : 'β'} ${(0,format/* alphaText */.ys)(a)}): ${tail}`
        };
    }
    medianLine() {
        const p50 = this.reference.quantile(0.5) ?? 0;
        return { stable: p50, canaryFail: failLine(p50, this.policy.latencyTolerance, this.resolution()) };
    }
    line() {
        const max = this.policy.maxLatencyMs;
        // A fixed line is the same for both sides, so rounding moves both alike and the 5-point margin stays.
        if (max !== undefined)
            return { canary: max, stable: max, canaryFail: max };
        if (this.reference.count < LATENCY_WARMUP)
            return null;
        const p95 = this.reference.quantile(0.95) ?? 0;
        const tol = this.policy.latencyTolerance;
        return { canary: p95 * (1 + tol), stable: p95, canaryFail: failLine(p95, tol, this.resolution()) };
    }
}
function check(signal, theta, tolerance, capHeavy) {
    return {
        signal,
        theta,
        tolerance,
        // Error rates are small, so at k ≥ 4 stable requests per canary request (or the reverse) the
        // best bet against a clear excess sits at the cap (betting.ts); each stake picks its prior from
        // the split of the first block it bets on.
        fail: new StakedGambler(theta, 'above', capHeavy ? (k) => (k >= 4 ? CAP_HEAVY_BETS : EVEN_BETS) : EVEN_BETS),
        pass: new Gambler(theta, 'below', EVEN_BETS),
        stepPass: new Gambler(theta, 'below', EVEN_BETS),
        failed: false,
        passed: false,
        logFail: 0,
        logPass: 0,
        canary: 0,
        canaryBad: 0,
        stable: 0,
        stableBad: 0
    };
}
/** Bets both of a check's e-processes on the block's time-aligned units. */
function compare(ch, block, canaryBad, stableBad, canaryBadForFail) {
    const u = units(block, canaryBad, stableBad);
    // The fail test may draw the canary's line wider (rounded latencies, failLine); the pass test never does.
    const f = canaryBadForFail ? units(block, canaryBadForFail, stableBad) : u;
    ch.fail.beginBlock(f.k);
    for (const [d, times] of f.diffs)
        ch.fail.bet(d, times);
    for (const [d, times] of u.diffs) {
        ch.pass.bet(d, times);
        ch.stepPass.bet(d, times);
    }
    ch.canary += u.canary;
    ch.canaryBad += u.canaryBad;
    ch.stable += u.stable;
    ch.stableBad += u.stableBad;
}
/** A block's time-aligned units (D and how often it occurs), its split k, and the bad counts of each side. */
function units(block, canaryBad, stableBad) {
    const c = flags(block.canary, canaryBad);
    const s = flags(block.stable, stableBad);
    const diffs = new Map();
    unitDifferences(c.flags, s.flags, diffs);
    const m = c.flags.length;
    const n = s.flags.length;
    return { diffs, k: Math.max(m, n) / Math.min(m, n), canary: m, canaryBad: c.bad, stable: n, stableBad: s.bad };
}
/** log((e^a + e^b) / 2) without overflow. */
function logMeanExp(a, b) {
    const m = Math.max(a, b);
    if (m === -Infinity)
        return m;
    return m + Math.log((Math.exp(a - m) + Math.exp(b - m)) / 2);
}
function flags(samples, bad) {
    const out = new Uint8Array(samples.length);
    let n = 0;
    for (let i = 0; i < samples.length; i++) {
        if (bad(samples[i])) {
            out[i] = 1;
            n++;
        }
    }
    return { flags: out, bad: n };
}
function isWholeMs(s) {
    return Number.isInteger(s.latencyMs);
}
function hasLatency(s) {
    return s.latencyMs !== null;
}
function rate(k, n) {
    return n > 0 ? k / n : 0;
}
function percent(x) {
    return `${+(x * 100).toFixed(1)} %`;
}

// EXTERNAL MODULE: ./shared/util/stats.ts
var stats = __webpack_require__(7908);
;// CONCATENATED MODULE: ./shared/judges/thresholds.ts


/**
 * Fixed comparison of the step's totals: fail when the canary's error rate exceeds stable's by
 * more than errorTolerance, or its p95 exceeds stable's p95 × (1 + latencyTolerance) (or
 * maxLatencyMs when set), once both sides have minSamples; pass at the final look when within.
 * Simple and predictable, but it has no error-rate guarantee when looked at repeatedly.
 */
class ThresholdsJudge {
    policy;
    name = 'thresholds';
    canaryN = 0;
    stableN = 0;
    canaryErrors = 0;
    stableErrors = 0;
    canaryLatency = [];
    stableLatency = [];
    sorted = true;
    last = { errorDiff: 0, latencyRatio: 0 };
    constructor(policy) {
        this.policy = policy;
    }
    observe(samples) {
        for (const s of samples) {
            if (s.side === 'canary') {
                this.canaryN++;
                if (!s.ok)
                    this.canaryErrors++;
                if (s.latencyMs !== null)
                    this.canaryLatency.push(s.latencyMs);
            }
            else {
                this.stableN++;
                if (!s.ok)
                    this.stableErrors++;
                if (s.latencyMs !== null)
                    this.stableLatency.push(s.latencyMs);
            }
        }
        if (samples.length > 0)
            this.sorted = false;
    }
    verdict(final) {
        if (!this.sorted) {
            this.canaryLatency.sort((a, b) => a - b);
            this.stableLatency.sort((a, b) => a - b);
            this.sorted = true;
        }
        const samples = { canary: this.canaryN, stable: this.stableN };
        const enough = this.canaryN >= Math.max(1, this.policy.minSamples) && this.stableN >= Math.max(1, this.policy.minSamples);
        const ce = this.canaryN ? this.canaryErrors / this.canaryN : 0;
        const se = this.stableN ? this.stableErrors / this.stableN : 0;
        const errorDiff = ce - se;
        const errorBad = errorDiff > this.policy.errorTolerance;
        const cp95 = (0,stats/* quantileSorted */.Z)(this.canaryLatency, 0.95);
        const sp95 = (0,stats/* quantileSorted */.Z)(this.stableLatency, 0.95);
        const limit = this.policy.maxLatencyMs ?? (sp95 === null ? null : sp95 * (1 + this.policy.latencyTolerance));
        const latencyBad = cp95 !== null && limit !== null && cp95 > limit;
        this.last = { errorDiff, latencyRatio: cp95 !== null && limit ? cp95 / limit : 0 };
        const over = `over ${(0,format/* count */.U9)(this.canaryN)}/${(0,format/* count */.U9)(this.stableN)} requests`;
        const decide = (bad) => (!enough ? 'continue' : bad ? 'fail' : final ? 'pass' : 'continue');
        const checks = [
            {
                signal: 'error-rate',
                decision: decide(errorBad),
                canary: ce,
                stable: se,
                tolerance: this.policy.errorTolerance,
                statistic: errorDiff,
                boundary: this.policy.errorTolerance,
                explanation: `canary error rate ${(0,format/* pct */.Oe)(ce)} vs stable ${(0,format/* pct */.Oe)(se)} ${over}; difference ${(0,format/* points */.WR)(errorDiff)} ${errorBad ? '>' : '≤'} ${(0,format/* points */.WR)(this.policy.errorTolerance)} allowed`
            },
            {
                signal: 'latency',
                decision: decide(latencyBad),
                canary: cp95 ?? 0,
                stable: sp95 ?? 0,
                tolerance: this.policy.latencyTolerance,
                statistic: cp95 ?? 0,
                boundary: limit ?? 0,
                explanation: cp95 === null || limit === null
                    ? 'no latency comparison yet'
                    : `canary p95 ${(0,format.ms)(cp95)} vs stable p95 ${(0,format.ms)(sp95 ?? 0)} ${over}; ${latencyBad ? 'above' : 'within'} the limit ${(0,format.ms)(limit)}${this.policy.maxLatencyMs !== undefined ? ' (max-latency)' : ` (stable p95 × ${+(1 + this.policy.latencyTolerance).toFixed(3)})`}`
            }
        ];
        const failed = checks.filter((c) => c.decision === 'fail');
        if (failed.length)
            return { decision: 'fail', reason: `The canary is worse than stable: ${failed.map((c) => c.explanation).join('; ')}.`, checks, samples };
        if (enough && final)
            return { decision: 'pass', reason: `The canary stayed within the thresholds ${over} (canary/stable).`, checks, samples };
        const why = this.canaryN === 0 && this.stableN === 0
            ? 'no samples'
            : !enough
                ? `fewer than ${(0,format/* count */.U9)(this.policy.minSamples)} samples per side (${(0,format/* count */.U9)(this.canaryN)}/${(0,format/* count */.U9)(this.stableN)})`
                : 'within the thresholds so far';
        return { decision: 'continue', reason: final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`, checks, samples };
    }
    statistics() {
        return { 'error-rate': this.last.errorDiff, latency: this.last.latencyRatio };
    }
}

;// CONCATENATED MODULE: ./shared/judges/absolute.ts



/**
 * Judge for the first release of an environment, when there is no stable version to compare with.
 *
 * Only canary samples count (stable samples are ignored). Each canary request gives D = 1 when it
 * is bad (an error; slower than `maxLatencyMs`), else 0, so E[D] is the canary's bad rate and the
 * betting e-processes of betting.ts test it against an absolute bound: `errorTolerance` for the
 * error rate, LATENCY_SHARE_TOLERANCE for the share of requests over `maxLatencyMs` (checked only
 * when that bound is set). Same α split as the sequential judge: a signal fails when the e-value
 * against "rate ≤ bound" reaches 2/α and passes (for good) when the e-value against
 * "rate ≥ bound" reaches 1/β; so a canary within its bounds is rolled back with probability ≤ α
 * however often the engine looks, and a canary at or over a bound passes with probability ≤ β.
 */
class AbsoluteJudge {
    policy;
    name = 'absolute';
    canaryN = 0;
    canaryErrors = 0;
    canarySlow = 0;
    errors;
    latency;
    failAlpha;
    passAlpha;
    constructor(policy) {
        this.policy = policy;
        const state = (signal, tolerance) => ({
            signal,
            counts: { up: 0, down: 0, zero: 0 },
            tolerance,
            passed: false,
            failed: false,
            logFail: 0,
            logPass: 0
        });
        this.errors = state('error-rate', policy.errorTolerance);
        this.latency = policy.maxLatencyMs === undefined ? null : state('latency', LATENCY_SHARE_TOLERANCE);
        this.failAlpha = policy.alpha / 2;
        this.passAlpha = policy.beta;
    }
    observe(samples) {
        const max = this.policy.maxLatencyMs;
        for (const s of samples) {
            if (s.side !== 'canary')
                continue;
            this.canaryN++;
            if (s.ok)
                this.errors.counts.zero++;
            else {
                this.canaryErrors++;
                this.errors.counts.up++;
            }
            if (this.latency && max !== undefined && s.latencyMs !== null) {
                if (s.latencyMs > max) {
                    this.canarySlow++;
                    this.latency.counts.up++;
                }
                else
                    this.latency.counts.zero++;
            }
        }
    }
    verdict(final) {
        const checks = this.checks();
        for (const ch of checks) {
            ch.logFail = logEvalueAbove(ch.counts, ch.tolerance);
            ch.logPass = logEvalueBelow(ch.counts, ch.tolerance);
            // Rejecting "at or over the bound" at any time is the event Ville's inequality bounds, so a
            // signal that has passed stays passed (and one that has failed stays failed).
            if (ch.logPass >= Math.log(1 / this.passAlpha))
                ch.passed = true;
            if (ch.logFail >= Math.log(1 / this.failAlpha))
                ch.failed = true;
        }
        const evidence = checks.map((ch) => this.evidence(ch));
        const samples = { canary: this.canaryN, stable: 0 };
        const failed = evidence.filter((e) => e.decision === 'fail');
        if (failed.length > 0) {
            return {
                decision: 'fail',
                reason: `The first release fails the absolute checks: ${failed.map((e) => e.explanation).join('; ')}.`,
                checks: evidence,
                samples
            };
        }
        const enough = this.canaryN >= Math.max(1, this.policy.minSamples);
        if (enough && checks.every((ch) => ch.passed)) {
            return {
                decision: 'pass',
                reason: `Nothing to compare with (first release): the canary is within the absolute bounds over ${(0,format/* count */.U9)(this.canaryN)} requests.`,
                checks: evidence,
                samples
            };
        }
        return { decision: 'continue', reason: this.continueReason(final, enough), checks: evidence, samples };
    }
    statistics() {
        const out = { 'error-rate': this.errors.logFail, 'error-rate.pass': this.errors.logPass };
        if (this.latency) {
            out.latency = this.latency.logFail;
            out['latency.pass'] = this.latency.logPass;
        }
        return out;
    }
    checks() {
        return this.latency ? [this.errors, this.latency] : [this.errors];
    }
    continueReason(final, enough) {
        if (this.canaryN === 0) {
            return final ? 'Inconclusive: no canary samples arrived during the step, so nothing can be checked.' : 'Waiting for evidence: no canary samples yet.';
        }
        const why = !enough
            ? `fewer than ${(0,format/* count */.U9)(this.policy.minSamples)} canary samples (${(0,format/* count */.U9)(this.canaryN)}), nothing to compare with (first release)`
            : `the evidence over ${(0,format/* count */.U9)(this.canaryN)} canary requests (first release, nothing to compare with) shows neither a canary over the absolute bounds nor one within them`;
        return final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`;
    }
    evidence(ch) {
        const failBound = Math.log(1 / this.failAlpha);
        const passBound = Math.log(1 / this.passAlpha);
        const decision = ch.failed ? 'fail' : ch.passed ? 'pass' : 'continue';
        const isError = ch.signal === 'error-rate';
        const canary = absolute_rate(isError ? this.canaryErrors : this.canarySlow, this.canaryN);
        const what = isError
            ? `canary error rate ${(0,format/* pct */.Oe)(canary)} over ${(0,format/* count */.U9)(this.canaryN)} requests (no stable to compare with)`
            : `${(0,format/* pct */.Oe)(canary)} of canary requests slower than max-latency ${(0,format.ms)(this.policy.maxLatencyMs ?? 0)} over ${(0,format/* count */.U9)(this.canaryN)} requests (no stable to compare with)`;
        // Show the test nearer to its boundary, so the number explains the current state.
        const useFail = decision === 'fail' || (decision === 'continue' && ch.logFail / failBound >= ch.logPass / passBound);
        const logE = useFail ? ch.logFail : ch.logPass;
        const bound = useFail ? failBound : passBound;
        const a = useFail ? this.failAlpha : this.passAlpha;
        const limit = `the absolute bound of ${(0,format/* pct */.Oe)(ch.tolerance)}`;
        const tail = decision === 'fail'
            ? `over ${limit}`
            : decision === 'pass'
                ? `within ${limit}`
                : useFail
                    ? `not yet shown over ${limit}`
                    : `not yet shown within ${limit}`;
        const cmp = logE >= bound ? '≥' : '<';
        return {
            signal: ch.signal,
            decision,
            canary,
            stable: 0,
            tolerance: ch.tolerance,
            statistic: Math.exp(logE),
            boundary: Math.exp(bound),
            explanation: `${what}; e-value ${(0,format/* evalue */.tG)(logE)} ${cmp} ${(0,format/* evalue */.tG)(bound)} (${useFail ? 'α' : 'β'} ${(0,format/* alphaText */.ys)(a)}): ${tail}`
        };
    }
}
function absolute_rate(k, n) {
    return n > 0 ? k / n : 0;
}

;// CONCATENATED MODULE: ./shared/judges/index.ts






/** The judge named by the policy; the sequential one unless `thresholds` is asked for. */
function createJudge(policy) {
    return policy.judge === 'thresholds' ? new ThresholdsJudge(policy) : new SequentialJudge(policy);
}
/** The judge of an environment's first release: no stable version, so absolute bounds on the canary alone. */
function createFirstReleaseJudge(policy) {
    return new AbsoluteJudge(policy);
}


/***/ }),

/***/ 7908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ sideStats),
/* harmony export */   Z: () => (/* binding */ quantileSorted)
/* harmony export */ });
/** Nearest-rank quantile of an ascending array. */
function quantileSorted(sorted, q) {
    if (sorted.length === 0)
        return null;
    const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[idx];
}
function sideStats(samples) {
    const lat = samples.flatMap((s) => (s.latencyMs === null ? [] : [s.latencyMs])).sort((a, b) => a - b);
    const errors = samples.filter((s) => !s.ok).length;
    return {
        requests: samples.length,
        errors,
        errorRate: samples.length ? errors / samples.length : 0,
        p50Ms: quantileSorted(lat, 0.5),
        p95Ms: quantileSorted(lat, 0.95),
        p99Ms: quantileSorted(lat, 0.99)
    };
}


/***/ })

};
