export const id = 806;
export const ids = [806,28,591];
export const modules = {

/***/ 1028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   activeFreeze: () => (/* binding */ activeFreeze),
/* harmony export */   currentOccurrence: () => (/* binding */ currentOccurrence),
/* harmony export */   nextFreeze: () => (/* binding */ nextFreeze)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2286);

/**
 * How far before the latest opening an earlier one can still end later. With calendar days in a
 * duration, an opening just before a DST change back (fall) can end later than one just after it;
 * no zone has turned its clocks back by more than this.
 */
const FALL_BACK_SPAN_MS = 3 * 3_600_000;
/** At most this many earlier openings are looked at for that (a pattern opening every minute has 180). */
const FALL_BACK_OPENINGS = 200;
/**
 * The freeze at `now`: the first window of the list that covers it (its current opening), with the
 * other covering windows in `alsoActive`; null when deploys may go ahead. A window covers `now` when
 * an opening is at or before it and ends after it: start <= now < end.
 */
function activeFreeze(windows, now) {
    const t = typeof now === 'number' ? now : now.getTime();
    const covering = windows.map((w) => occurrenceAt(w, t)).filter((o) => o !== null);
    if (covering.length === 0)
        return null;
    const [first, ...others] = covering;
    return { ...first, alsoActive: others };
}
/**
 * The next opening of any window that starts after `now` and no later than `horizonDays` days after
 * it (the earliest; on a tie the first in the list), or null. A window that covers `now` counts only
 * with a later opening.
 */
function nextFreeze(windows, now, horizonDays = 30) {
    const t = typeof now === 'number' ? now : now.getTime();
    const limit = t + horizonDays * 86_400_000;
    let best = null;
    for (const w of windows) {
        const start = w.kind === 'dates' ? (w.from > t ? w.from : null) : w.schedule.nextAfter(t);
        if (start === null || start > limit || (best && start >= best.start.getTime()))
            continue;
        best = occurrence(w, start, w.kind === 'dates' ? w.to : (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .addDuration */ .Gw)(start, w.duration, w.timezone));
    }
    return best;
}
/** The opening of a window that covers `t`, or null. */
function currentOccurrence(w, now) {
    const t = typeof now === 'number' ? now : now.getTime();
    return occurrenceAt(w, t);
}
function occurrenceAt(w, t) {
    if (w.kind === 'dates')
        return w.from <= t && t < w.to ? occurrence(w, w.from, w.to) : null;
    return currentCronOccurrence(w, t);
}
function currentCronOccurrence(w, t) {
    // Openings share one duration, so the latest opening ends last (elapsed time only): it alone decides.
    const latest = w.schedule.latestAtOrBefore(t);
    if (latest === null)
        return null;
    const end = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .addDuration */ .Gw)(latest, w.duration, w.timezone);
    if (t < end)
        return occurrence(w, latest, end);
    if (w.duration.days === 0)
        return null;
    // Calendar days: an opening shortly before the latest may end later (see FALL_BACK_SPAN_MS).
    let start = latest;
    for (let i = 0; i < FALL_BACK_OPENINGS; i++) {
        start = w.schedule.latestAtOrBefore(start - 1);
        if (start === null || start < latest - FALL_BACK_SPAN_MS)
            break;
        const e = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .addDuration */ .Gw)(start, w.duration, w.timezone);
        if (t < e)
            return occurrence(w, start, e);
    }
    return null;
}
function occurrence(window, start, end) {
    return { window, ...(window.reason !== undefined ? { reason: window.reason } : {}), start: new Date(start), end: new Date(end) };
}


/***/ }),

/***/ 9591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cronPhrase: () => (/* binding */ cronPhrase),
/* harmony export */   describeFreeze: () => (/* binding */ describeFreeze),
/* harmony export */   describeFreezeMarkdown: () => (/* binding */ describeFreezeMarkdown),
/* harmony export */   describeNextFreeze: () => (/* binding */ describeNextFreeze)
/* harmony export */ });
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4896);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2286);
/* harmony import */ var _zone_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4288);



const LOG = {
    text: (s, max) => (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(s, max),
    strong: (s) => s,
    name: (w) => (w.named ? `"${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(w.name, 80)}"` : (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(w.name, 160)),
    // Escaped part by part; once more as a whole, so that no two parts can meet as `::`.
    finish: (s) => (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(s, 4000)
};
const MARKDOWN = {
    text: (s, max) => (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(s, max),
    strong: (s) => `**${s}**`,
    name: (w) => (w.named ? `**${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(w.name, 80)}**` : (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(w.name, 160)),
    finish: (s) => s
};
/**
 * The sentence that fails a rollout inside a freeze, for a log line (user text escaped, one line):
 * `production is frozen by "weekend" (every Friday 17:00 Europe/Berlin for 64 h; now from Fri 11 Dec
 * 2026 17:00 to Mon 14 Dec 2026 09:00 Europe/Berlin): No deploys over the weekend.`
 */
function describeFreeze(active, environment) {
    return sentence(active, environment, LOG);
}
/** The same sentence for a Markdown summary (user text escaped for Markdown, environment and name in bold). */
function describeFreezeMarkdown(active, environment) {
    return sentence(active, environment, MARKDOWN);
}
/**
 * The next window for a plan, for a log line: `The next freeze of production is "weekend" from Fri
 * 18 Dec 2026 17:00 to Mon 21 Dec 2026 09:00 Europe/Berlin (every Friday 17:00 Europe/Berlin for 64 h):
 * No deploys over the weekend.`
 */
function describeNextFreeze(next, environment, markdown = false) {
    const s = markdown ? MARKDOWN : LOG;
    const w = next.window;
    const when = `from ${span(next, true, s)}`;
    const what = w.kind === 'cron' ? ` (${schedule(w, s)})` : '';
    const name = w.named ? `${s.name(w)} ` : '';
    return s.finish(`The next freeze of ${s.strong(s.text(environment, 100))} is ${name}${when}${what}${reasonTail(w, s)}`);
}
function sentence(active, environment, s) {
    const w = active.window;
    const by = w.named ? ` by ${s.name(w)}` : '';
    const inner = w.kind === 'cron' ? `${schedule(w, s)}; now from ${span(active, true, s)}` : `from ${span(active, false, s)}`;
    const also = active.alsoActive.length > 0 ? `; also frozen by ${active.alsoActive.map((o) => s.name(o.window)).join(', ')}` : '';
    return s.finish(`${s.strong(s.text(environment, 100))} is frozen${by} (${inner}${also})${reasonTail(w, s)}`);
}
function reasonTail(w, s) {
    if (w.reason === undefined)
        return '.';
    const reason = s.text(w.reason, 300);
    return `: ${reason}${/[.!?…]$/.test(reason) ? '' : '.'}`;
}
/** `every Friday 17:00 Europe/Berlin for 64 h`, or `cron "…" Europe/Berlin for 64 h` when it reads as no simple phrase. */
function schedule(w, s) {
    const phrase = cronPhrase(w.cron) ?? `cron "${s.text(w.cron, 100)}"`;
    return `${phrase} ${s.text(w.timezone, 64)} for ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(w.duration)}`;
}
/**
 * Start and end of an opening in the window's zone: `Fri 11 Dec 2026 17:00 to Mon 14 Dec 2026 09:00
 * Europe/Berlin`; whole days of a date window as `Sun 20 Dec 2026 to Mon 4 Jan 2027 inclusive, UTC`.
 */
function span(o, times, s) {
    const w = o.window;
    const zone = w.timezone;
    const label = s.text(zone, 64);
    if (!times && w.kind === 'dates' && w.wholeDays)
        return `${day(o.start.getTime(), zone)} to ${day(o.end.getTime() - 1, zone)} inclusive, ${label}`;
    return `${day(o.start.getTime(), zone)} ${clock(o.start.getTime(), zone)} to ${day(o.end.getTime(), zone)} ${clock(o.end.getTime(), zone)} ${label}`;
}
const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function day(instant, zone) {
    const p = (0,_zone_js__WEBPACK_IMPORTED_MODULE_1__/* .localParts */ .IY)(instant, zone);
    return `${WEEKDAY_SHORT[p.weekday]} ${p.day} ${MONTH_SHORT[p.month - 1]} ${p.year}`;
}
function clock(instant, zone) {
    const p = (0,_zone_js__WEBPACK_IMPORTED_MODULE_1__/* .localParts */ .IY)(instant, zone);
    return `${hhmm(p.hour, p.minute)}`;
}
function hhmm(hour, minute) {
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
const NICKNAME_PATTERNS = {
    '@yearly': '0 0 1 1 *',
    '@annually': '0 0 1 1 *',
    '@monthly': '0 0 1 * *',
    '@weekly': '0 0 * * 0',
    '@daily': '0 0 * * *',
    '@midnight': '0 0 * * *',
    '@hourly': '0 * * * *'
};
const DAY_NAMES = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/**
 * A pattern in words when it is one of the common shapes (a time of day on every day, on days of the
 * week, on a day of the month, or on a date each year), else null.
 */
function cronPhrase(pattern) {
    const fields = (NICKNAME_PATTERNS[pattern.toLowerCase()] ?? pattern).split(' ');
    if (fields.length !== 5)
        return null;
    const [minute, hour, dom, month, dow] = fields;
    if (!/^\d{1,2}$/.test(minute))
        return null;
    if (hour === '*' && dom === '*' && month === '*' && dow === '*')
        return Number(minute) === 0 ? 'every hour on the hour' : `every hour at minute ${Number(minute)}`;
    if (!/^\d{1,2}$/.test(hour))
        return null;
    const at = hhmm(Number(hour), Number(minute));
    if (dom === '*' && month === '*') {
        const days = weekdays(dow);
        return days === null ? null : `every ${days} ${at}`;
    }
    if (dow !== '*' || !/^\d{1,2}$/.test(dom))
        return null;
    if (month === '*')
        return `on day ${Number(dom)} of every month ${at}`;
    const m = /^\d{1,2}$/.test(month) ? Number(month) - 1 : MONTH_NAMES.indexOf(month.toUpperCase());
    return m >= 0 && m < 12 ? `every ${Number(dom)} ${MONTH_LONG[m]} ${at}` : null;
}
/** `day`, `Friday`, `Saturday and Sunday`, `Monday to Friday`, `Monday, Wednesday and Friday`, or null. */
function weekdays(field) {
    if (field === '*')
        return 'day';
    const one = (t) => {
        const n = /^\d$/.test(t) ? Number(t) : DAY_NAMES[t.toUpperCase()];
        return n === undefined || n > 7 ? null : n % 7;
    };
    const parts = [];
    for (const token of field.split(',')) {
        const range = token.split('-');
        const ends = range.map(one);
        if (ends.some((n) => n === null) || ends.length > 2)
            return null;
        parts.push(ends.length === 2 ? `${WEEKDAY_LONG[ends[0]]} to ${WEEKDAY_LONG[ends[1]]}` : WEEKDAY_LONG[ends[0]]);
    }
    return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}


/***/ }),

/***/ 2286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Gw: () => (/* binding */ addDuration),
/* harmony export */   UD: () => (/* binding */ MAX_DURATION_DAYS),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/* harmony import */ var _zone_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4288);

/** The longest window: a year and a day (a freeze longer than that is not a window). */
const MAX_DURATION_DAYS = 366;
const DURATION = /^(?:(\d{1,4})w)?(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m)?$/;
/** `30m`, `12h`, `2d`, `1w`, `2d12h` (units in that order, each at most once); null when not one, zero or too long. */
function parseDuration(text) {
    const compact = text.replace(/\s+/g, '');
    const m = DURATION.exec(compact);
    if (!m || compact === '')
        return null;
    const [w, d, h, min] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const days = w * 7 + d;
    const minutes = h * 60 + min;
    const total = days * 1440 + minutes;
    if (total <= 0 || total > MAX_DURATION_DAYS * 1440)
        return null;
    return { days, minutes, text: compact };
}
/** The instant a window that opens at `start` closes (exclusive). */
function addDuration(start, duration, timeZone) {
    let end = start;
    if (duration.days > 0) {
        const p = (0,_zone_js__WEBPACK_IMPORTED_MODULE_0__/* .localParts */ .IY)(start, timeZone);
        const ms = start - Math.floor(start / 1000) * 1000;
        end = (0,_zone_js__WEBPACK_IMPORTED_MODULE_0__/* .zonedToInstant */ .f9)({ ...p, day: p.day + duration.days }, timeZone) + ms;
    }
    return end + duration.minutes * 60_000;
}
/** The duration for a sentence: `64 h`, `2 d 12 h`, `30 min`, `1 d 1 h 30 min`. */
function formatDuration(duration) {
    const parts = [];
    if (duration.days > 0)
        parts.push(`${duration.days} d`);
    const h = Math.floor(duration.minutes / 60);
    const m = duration.minutes % 60;
    if (h > 0)
        parts.push(`${h} h`);
    if (m > 0)
        parts.push(`${m} min`);
    return parts.join(' ');
}


/***/ }),

/***/ 4288:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IY: () => (/* binding */ localParts),
/* harmony export */   f9: () => (/* binding */ zonedToInstant),
/* harmony export */   g4: () => (/* binding */ canonicalTimeZone)
/* harmony export */ });
/* unused harmony export offsetAt */
/**
 * Wall-clock time in an IANA time zone, through Intl only (no tz database of our own): the fields of
 * an instant in a zone, and the instant of a local date-time (DST gaps and repeated hours resolved as
 * Temporal's `compatible` does: a time in a gap moves forward by the gap, a repeated time is its
 * first occurrence).
 */
const formatters = new Map();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;
/** Names of IANA zones as written (Area/Location, UTC, Etc/GMT+1); offsets such as +01:00 are not zones. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]{0,40}(?:\/[A-Za-z0-9_+-]{1,40}){0,2}$/;
/** The zone's canonical spelling (e.g. `europe/berlin` → `Europe/Berlin`), or null when Intl knows no such zone. */
function canonicalTimeZone(name) {
    if (!ZONE_NAME.test(name))
        return null;
    try {
        return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    }
    catch {
        return null;
    }
}
function formatter(timeZone) {
    let f = formatters.get(timeZone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            weekday: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        formatters.set(timeZone, f);
    }
    return f;
}
/** The wall-clock fields of an instant in a zone. */
function localParts(instant, timeZone) {
    const out = {};
    for (const p of formatter(timeZone).formatToParts(instant))
        out[p.type] = p.value;
    return {
        year: Number(out.year),
        month: Number(out.month),
        day: Number(out.day),
        hour: Number(out.hour) % 24,
        minute: Number(out.minute),
        second: Number(out.second),
        weekday: WEEKDAYS.indexOf(out.weekday)
    };
}
/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
function offsetAt(instant, timeZone) {
    const p = localParts(instant, timeZone);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wall - Math.floor(instant / 1000) * 1000;
}
/**
 * The instant of a local date-time in a zone. Fields may overflow (day 32 is the next month's first),
 * as Date.UTC allows. A time that does not exist (DST gap) is moved forward by the gap; a time that
 * occurs twice is the first of the two.
 */
function zonedToInstant(t, timeZone) {
    const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    // At most one transition within a day on either side: the offsets before and after it.
    const before = offsetAt(wall - DAY_MS, timeZone);
    const after = offsetAt(wall + DAY_MS, timeZone);
    const valid = [wall - before, wall - after].filter((i) => offsetAt(i, timeZone) === wall - i);
    if (valid.length > 0)
        return Math.min(...valid);
    // In a gap: read the wall time with the offset in force before it, which lands after the gap.
    return wall - before;
}


/***/ }),

/***/ 8806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  canaryDeploy: () => (/* binding */ canaryDeploy)
});

// UNUSED EXPORTS: canaryDeployPost, publish

// EXTERNAL MODULE: ./shared/model/plan.ts
var plan = __webpack_require__(1349);
// EXTERNAL MODULE: ./shared/inputs/canary-deploy.ts + 2 modules
var canary_deploy = __webpack_require__(3063);
// EXTERNAL MODULE: ./shared/ledgers/owner.ts
var ledgers_owner = __webpack_require__(7476);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/util/duration.ts
var duration = __webpack_require__(8515);
// EXTERNAL MODULE: ./shared/util/stats.ts
var stats = __webpack_require__(7908);
// EXTERNAL MODULE: ./shared/judges/format.ts
var format = __webpack_require__(9104);
// EXTERNAL MODULE: ./shared/engine/clock.ts
var clock = __webpack_require__(6655);
// EXTERNAL MODULE: ./shared/engine/errors.ts
var errors = __webpack_require__(6566);
// EXTERNAL MODULE: ./shared/engine/notify.ts
var notify = __webpack_require__(5120);
// EXTERNAL MODULE: ./shared/engine/report.ts
var engine_report = __webpack_require__(7283);
// EXTERNAL MODULE: ./shared/ledgers/progress.ts
var progress = __webpack_require__(6407);
;// CONCATENATED MODULE: ./shared/engine/settle.ts





/** A rollout waits for a person: nothing may be deployed over it. */
class PausedRolloutError extends Error {
}
/** Another run's rollout did not finish within lock-timeout. */
class LockTimeoutError extends Error {
}
const POLL_MS = 5000;
/**
 * Clears the way for a rollout of `environment`: the ledger's unfinished rollouts that began
 * before `mine` (all of them when mine has not begun) are settled first.
 * - Older than the last good deployment: a record nobody finished; closed as error, traffic untouched.
 * - Its run is over (killed runner, no post step): an orphan; stable goes back to 100 % and the
 *   record says error, why and who retired it.
 * - Paused: refused (a person has to promote or abort it).
 * - Its run is going (or cannot be checked): waited for, up to lock-timeout, then refused naming it.
 */
async function settleOthers(d, options = {}) {
    const started = d.clock.now();
    const notes = [];
    let announced = '';
    for (;;) {
        const view = await d.ledger.view(d.environment, { excludeVersion: options.excludeVersion });
        const mine = options.mine;
        const others = view.active.filter((r) => r.id !== mine?.id && (!mine || (0,progress/* beganBefore */.Lf)(r, mine)));
        const waiting = [];
        for (const r of others) {
            const newerGood = view.history.find((h) => h.state === 'success' && (0,progress/* beganBefore */.Lf)(r, h));
            if (newerGood) {
                notes.push(await closeStale(d, r, newerGood));
                continue;
            }
            if (r.progress?.paused) {
                throw new PausedRolloutError(`A canary of ${r.release.version} is paused in ${d.environment} at ${r.progress.weight} % (deployment ${r.id}): promote or abort it (canary-deploy with action: promote | abort) before deploying${options.excludeVersion ? ` ${options.excludeVersion}` : ' another version'}.`);
            }
            const owner = r.rollout?.owner ? await d.ledger.ownerState(r.rollout.owner) : { state: 'over', detail: 'it recorded no owner' };
            if (owner.state === 'over') {
                notes.push(await retireOrphan(d, r, owner.detail, view));
                continue;
            }
            waiting.push({ record: r, owner });
        }
        if (waiting.length === 0) {
            if (notes.length === 0)
                return { view, notes };
            // The records just closed changed the view.
            return { view: await d.ledger.view(d.environment, { excludeVersion: options.excludeVersion }), notes };
        }
        const first = waiting[0];
        const who = (0,ledgers_owner/* ownerName */.Hc)(first.record.rollout?.owner);
        const waited = d.clock.now() - started;
        if (waited >= d.lockTimeoutMs) {
            throw new LockTimeoutError(`${cap(who)} is rolling out ${first.record.release.version} in ${d.environment} (deployment ${first.record.id}; ${first.owner.detail}) and did not finish within lock-timeout (${(0,duration/* formatDuration */.a)(d.lockTimeoutMs)}): wait for it, cancel it, or use a concurrency group so runs queue.`);
        }
        if (announced !== first.record.id) {
            announced = first.record.id;
            d.logger.info(`Waiting for ${(0,util_escape/* escapeLogText */.dD)(who)}, which is rolling out ${(0,util_escape/* escapeLogText */.dD)(first.record.release.version)} in ${d.environment} (up to ${(0,duration/* formatDuration */.a)(d.lockTimeoutMs - waited)} more).`);
        }
        await d.clock.sleep(Math.min(POLL_MS, Math.max(1, d.lockTimeoutMs - waited)), d.signal);
    }
}
async function closeStale(d, r, newer) {
    const note = `Closed deployment ${r.id} (${r.release.version}): it never finished, and ${newer.release.version} (deployment ${newer.id}) was deployed after it.`;
    await d.ledger.record(r.id, 'error', { description: `Never finished; superseded by ${newer.release.version} (deployment ${newer.id}). Closed by ${d.me}.` });
    d.logger.warning(note);
    return note;
}
/** Stable back to 100 %, then the record says what happened. Throws when the target cannot restore. */
async function retireOrphan(d, r, why, view) {
    const status = await d.target.status();
    // What the orphan replaced is stable (the view's last good excludes the version about to deploy).
    const stable = status.stable ?? r.rollout?.previous ?? view.lastGood?.release ?? null;
    const at = r.progress?.weight ?? (status.canary?.version === r.release.version ? status.weight : 0);
    const owner = (0,ledgers_owner/* ownerName */.Hc)(r.rollout?.owner);
    d.logger.warning(`Deployment ${r.id} (${(0,util_escape/* escapeLogText */.dD)(r.release.version)} at ${at} %) was left unfinished by ${(0,util_escape/* escapeLogText */.dD)(owner)} (${(0,util_escape/* escapeLogText */.dD)(why)}): restoring ${(0,util_escape/* escapeLogText */.dD)(stable?.version ?? 'the stable version')} before going on.`);
    try {
        await d.target.rollback(stable, {
            environment: d.environment,
            deploymentId: r.id,
            version: r.release.version,
            previousVersion: stable?.version ?? '',
            weight: 0,
            artifact: r.release.artifact,
            digest: r.release.digest
        });
    }
    catch (err) {
        throw new Error(`Deployment ${r.id} (${r.release.version}) was left unfinished by ${owner}, and restoring ${stable?.version ?? 'stable'} failed: ${(0,errors/* errorMessage */.g)(err)}; check the target by hand.`, { cause: err });
    }
    const note = `Retired deployment ${r.id} (${r.release.version} at ${at} %) left by ${owner} (${why}): traffic is back on ${stable?.version ?? 'the stable version'}.`;
    await d.ledger.record(r.id, 'error', { description: `Orphaned at ${at} % (${why}); traffic back on ${stable?.version ?? 'stable'}. Retired by ${d.me}.` });
    return note;
}
function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

// EXTERNAL MODULE: ./shared/engine/sample-log.ts
var sample_log = __webpack_require__(1248);
// EXTERNAL MODULE: ./shared/engine/step-rules.ts + 1 modules
var step_rules = __webpack_require__(2518);
;// CONCATENATED MODULE: ./shared/engine/rollout.ts













/** Runs one rollout: pending → canary(step i) → promoted | rolled-back | failed | paused. */
async function runRollout(plan, release, deps) {
    const run = new RolloutRun(plan, release, deps);
    return run.execute();
}
class RolloutRun {
    plan;
    release;
    deps;
    clock;
    timeline = [];
    steps = [];
    settled = [];
    startedAt;
    deploymentId = '';
    previous = null;
    weight = 0;
    canaryDeployed = false;
    firstRelease = false;
    rollbackMs = null;
    constructor(plan, release, deps) {
        this.plan = plan;
        this.release = release;
        this.deps = deps;
        this.clock = deps.clock ?? clock/* realClock */.d;
        this.startedAt = this.clock.now();
    }
    get env() {
        return this.plan.environment;
    }
    async execute() {
        const { target, ledger, logger } = this.deps;
        const env = this.env;
        const settle = {
            environment: env,
            target,
            ledger,
            logger,
            clock: this.clock,
            lockTimeoutMs: this.deps.lockTimeoutMs,
            signal: this.deps.signal,
            // Named in ledger descriptions (140 characters; the status's log_url links this run).
            me: `${this.deps.owner.runId ? `run ${this.deps.owner.runId}` : (0,ledgers_owner/* ownerName */.Hc)(this.deps.owner)} deploying ${this.release.version}`
        };
        await target.preflight?.(); // before anything is settled, recorded or started
        // The ledger, not this runner's memory, says what is live and what is unfinished.
        const before = await settleOthers(settle, { excludeVersion: this.release.version });
        this.noteSettled(before.notes);
        let status = await target.status();
        if (status.canary && !before.view.active.some((r) => r.release.version === status.canary?.version)) {
            await this.retireUnrecordedCanary(status, before.view.lastGood?.release ?? null);
            status = await target.status();
        }
        const live = status.stable ?? before.view.history.find((r) => r.state === 'success')?.release ?? null;
        if (live && live.version === this.release.version && !status.canary) {
            this.previous = live;
            this.event('noop', `${this.release.version} is already the stable version of ${env}`);
            return this.finishReport('promoted', `${this.release.version} is already live in ${env}; nothing to do.`);
        }
        this.previous = status.stable ?? before.view.lastGood?.release ?? null;
        const record = await ledger.begin({
            environment: env,
            release: this.release,
            kind: 'rollout',
            description: `Canary ${this.release.version} (steps ${(0,plan/* stepsText */.b)(this.plan, ', ')} %)${this.deps.freezeOverride ? `, overriding freeze ${this.deps.freezeOverride.window}` : ''}`,
            ...(this.deps.freezeOverride ? { payload: { freezeOverride: this.deps.freezeOverride } } : {}),
            rollout: {
                plan: this.plan,
                previous: this.previous,
                owner: this.deps.owner,
                target: target.name,
                ...(this.deps.statusCommit ? { statusCommit: this.deps.statusCommit } : {})
            },
            progress: { weight: 0, step: 0, steps: this.plan.steps.length, paused: false },
            logUrl: this.deps.logUrl,
            environmentUrl: this.deps.environmentUrl
        });
        this.deploymentId = record.id;
        this.deps.onDeploymentStarted?.({ deploymentId: record.id, previous: this.previous, release: this.release });
        // Two runs may have begun at once: the one that began first goes on, the other waits for it.
        if (!(await this.waitForEarlierRuns(settle, record))) {
            return this.finishReport('failed', this.refusal);
        }
        this.event('started', `deployment ${record.id}: ${this.previous?.version ?? 'nothing'} → ${this.release.version}`);
        if (this.deps.freezeOverride)
            this.event('freeze-overridden', `freeze ${this.deps.freezeOverride.window} (${this.deps.freezeOverride.start} to ${this.deps.freezeOverride.end}): ${this.deps.freezeOverride.reason}`);
        await (0,notify/* notifyAll */.x9)(this.deps.notifiers, { type: 'started', environment: env, version: this.release.version, deploymentId: record.id, logUrl: this.deps.logUrl }, logger);
        let outcome;
        try {
            outcome = await this.walkWaves();
        }
        catch (err) {
            const cancelled = err instanceof errors/* CancelledError */.c || this.deps.signal?.aborted;
            const why = cancelled ? 'the job was cancelled' : (0,errors/* errorMessage */.g)(err);
            logger.warning(`Rolling back ${this.release.version}: ${(0,util_escape/* escapeLogText */.dD)(why)}.`);
            const at = this.weight;
            const restored = await this.restoreStable(why);
            const result = cancelled && restored ? 'rolled-back' : 'failed';
            const reason = this.wavePrefix() +
                (restored
                    ? `${cancelled ? 'Cancelled' : 'Failed'} at ${at} %: ${why}; traffic is back on ${this.stableName()}${this.wavesRestored()}.`
                    : `Failed at ${at} %: ${why}; ${this.restoreFailure()}`);
            await this.recordOutcome(result === 'rolled-back' ? 'failure' : 'error', reason);
            return this.finishReport(result, reason);
        }
        const unrecorded = await this.recordOutcome(deploymentStateFor(outcome.result), outcome.reason, outcome.result === 'paused');
        if (unrecorded && outcome.result === 'paused') {
            // Nobody could find this pause to promote or abort it: the canary must not keep its traffic.
            const at = this.weight;
            const restored = await this.restoreStable(`the pause could not be recorded: ${unrecorded}`);
            const reason = restored
                ? `Could not pause at ${at} %: ${unrecorded}; traffic is back on ${this.stableName()}.`
                : `Could not pause at ${at} %: ${unrecorded}; ${this.restoreFailure()}`;
            await this.recordOutcome('error', reason);
            return this.finishReport('failed', reason);
        }
        if (unrecorded && outcome.result === 'promoted') {
            // Traffic is where it must be (the new stable at 100 %), but the ledger still calls the
            // rollout unfinished: the step fails so that somebody records it (the report's timeline says so).
            this.event('outcome-unrecorded', unrecorded);
            const reason = `${this.release.version} was promoted to 100 %, but ${lowerFirst(unrecorded)}; until it is recorded (re-run the job), the next rollout takes it for unfinished and restores ${this.previous?.version ?? 'the previous version'} first.`;
            return this.finishReport('promoted', reason);
        }
        return this.finishReport(outcome.result, outcome.reason);
    }
    /** The end of a sentence saying that restoring stable failed, and why. */
    restoreFailure() {
        return `restoring ${this.previous?.version ?? 'stable'} also failed (${this.restoreError}) — check the target by hand.`;
    }
    restoreError = '';
    refusal = '';
    /** False (with the deployment closed as error) when an earlier run's rollout blocks this one. */
    async waitForEarlierRuns(settle, mine) {
        try {
            const after = await settleOthers(settle, { mine, excludeVersion: this.release.version });
            this.noteSettled(after.notes);
            const waited = after.notes.length > 0 || after.view.lastGood?.release.version !== (this.previous?.version ?? undefined);
            if (waited) {
                // Whatever the earlier run did is now stable.
                const status = await this.deps.target.status();
                this.previous = status.stable ?? after.view.lastGood?.release ?? this.previous;
                // The post step must restore what is stable now, not what was before the wait.
                this.deps.onDeploymentStarted?.({ deploymentId: mine.id, previous: this.previous, release: this.release });
            }
            return true;
        }
        catch (err) {
            if (err instanceof errors/* CancelledError */.c)
                this.refusal = `Cancelled while waiting for another run's rollout of ${this.env}; nothing was deployed.`;
            else
                this.refusal = `${(0,errors/* errorMessage */.g)(err)}; ${this.release.version} was not deployed.`;
            this.event('refused', this.refusal);
            await this.recordOutcome('error', this.refusal);
            return false;
        }
    }
    /** A canary the target runs but no unfinished ledger record owns: put stable back first. */
    async retireUnrecordedCanary(status, lastGood) {
        const canary = status.canary;
        const stable = status.stable ?? lastGood;
        const note = `The ${this.deps.target.name} target still ran a canary of ${canary.version} at ${status.weight} % that no unfinished rollout in the ledger owns: traffic was put back on ${stable?.version ?? 'the stable version'} first.`;
        this.deps.logger.warning((0,util_escape/* escapeLogText */.dD)(note));
        await this.deps.target.rollback(stable, {
            environment: this.env,
            deploymentId: '',
            version: canary.version,
            previousVersion: stable?.version ?? '',
            weight: 0,
            artifact: canary.artifact,
            digest: canary.digest
        });
        this.noteSettled([note]);
    }
    noteSettled(notes) {
        for (const n of notes) {
            this.settled.push(n);
            this.event('settled', n);
        }
    }
    /**
     * One target: deploy, walk the steps, promote. A fleet: the same once per wave; the next wave
     * starts only after the previous one is promoted, and a failure restores the current wave and
     * every earlier one (the fleet target's rollback), newest first.
     */
    async walkWaves() {
        const fleet = this.deps.target.fleet;
        const count = fleet?.waves.length ?? 1;
        const baseline = this.previous !== null || this.deps.stableUrlGiven === true;
        let outcome = { result: 'failed', reason: 'no wave ran' };
        for (let w = 0; w < count; w++) {
            this.checkCancelled();
            if (fleet) {
                fleet.begin(w);
                this.wave = w;
                this.waveResults[w] = 'started';
                this.event('wave', `wave ${w + 1}/${count} (${fleet.waves[w].name}): ${fleet.waves[w].targets.join(', ')}`);
                this.deps.logger.info(`Wave ${w + 1}/${count} (${(0,util_escape/* escapeLogText */.dD)(fleet.waves[w].name)}): ${(0,util_escape/* escapeLogText */.dD)(fleet.waves[w].targets.join(', '))}.`);
            }
            this.canaryDeployed = true;
            this.weight = 0;
            // Each wave's 100 % step is compared with its own hosts' stable requests.
            this.stableEvidence.length = 0;
            this.stableEvidenceWeights.length = 0;
            await this.deps.target.deployCanary(this.release, this.context(0));
            this.event('canary-started', `${this.release.version} is running beside ${this.previous?.version ?? 'nothing'} at 0 %`);
            outcome = baseline ? await this.walkSteps() : await this.judgeFirstRelease();
            if (!fleet)
                return outcome;
            if (outcome.result !== 'promoted') {
                return { result: outcome.result, reason: `${this.wavePrefix()}${outcome.reason.replace(/\.$/, '')}${this.wavesRestored()}.` };
            }
            this.waveResults[w] = 'promoted';
            this.event('wave-promoted', `wave ${w + 1}/${count} (${fleet.waves[w].name}) runs ${this.release.version}`);
            if (w < count - 1) {
                const n = this.plan.steps.length;
                await this.recordProgress(`Wave ${fleet.waves[w].name} promoted to ${this.release.version}; next: ${fleet.waves[w + 1].name}`, {
                    weight: 100,
                    step: n,
                    steps: n,
                    paused: false,
                    ...this.waveProgress()
                });
            }
        }
        if (!fleet)
            return outcome;
        return {
            result: 'promoted',
            reason: `${this.release.version} was promoted in all ${count} waves (${fleet.waves.map((w) => w.name).join(' → ')}): ${outcome.reason}`
        };
    }
    /** Index of the wave in progress (fleets only). */
    wave = -1;
    waveResults = [];
    wavePrefix() {
        const fleet = this.deps.target.fleet;
        if (!fleet || this.wave < 0)
            return '';
        return `Wave ${this.wave + 1}/${fleet.waves.length} (${fleet.waves[this.wave].name}): `;
    }
    /** This run's own restore (not an orphan's retired before it began). */
    restoreAttempted = false;
    restoreFailed = false;
    restoredWaves = [];
    /** " in waves b and a (newest first)" after a fleet's rollback that succeeded. */
    wavesRestored() {
        if (this.restoreFailed)
            return '';
        const names = this.restoredWaves;
        return names.length ? ` in ${names.length === 1 ? 'wave' : 'waves'} ${names.join(' and ')}${names.length > 1 ? ' (newest first)' : ''}` : '';
    }
    waveReports() {
        const fleet = this.deps.target.fleet;
        if (!fleet)
            return undefined;
        const restored = new Set(this.restoredWaves);
        const result = (name, i) => {
            const state = this.waveResults[i];
            if (!state)
                return 'not-started';
            if (!this.restoreAttempted)
                return state === 'promoted' ? 'promoted' : 'failed';
            return restored.has(name) ? 'rolled-back' : 'failed';
        };
        return fleet.waves.map((w, i) => ({
            name: w.name,
            targets: [...w.targets],
            result: result(w.name, i),
            steps: this.steps.flatMap((s, k) => (s.wave === i ? [k] : []))
        }));
    }
    /**
     * No baseline at all (no stable on the target or in the ledger, no stable-url): the canary is
     * held to absolute bounds over the first step instead of being compared with anything.
     */
    async judgeFirstRelease() {
        this.firstRelease = true;
        const weight = this.plan.steps[0];
        await this.shift(0, weight);
        this.deps.logger.info(`Nothing to compare ${this.release.version} with (first release of ${this.env}): checking it against absolute bounds at ${weight} % for up to ${(0,duration/* formatDuration */.a)(this.plan.stepDurationMs)}.`);
        const step = await this.analyseStep({ index: 0, weight }, this.deps.createFirstReleaseJudge);
        this.steps.push(step);
        const v = step.verdict;
        const why = v.reason.replace(/\.\s*$/, '');
        this.deps.logger.info(`First-release verdict: ${v.decision === 'continue' ? 'inconclusive' : v.decision} — ${(0,util_escape/* escapeLogText */.dD)(v.reason)}`);
        if (v.decision === 'fail') {
            this.event('verdict-fail', v.reason);
            return this.failVerdict(why);
        }
        const outcome = (0,step_rules/* stepOutcome */.fh)(v.decision, this.plan.analysis.onInconclusive);
        if (outcome !== 'pass') {
            const policy = this.plan.analysis.onInconclusive;
            this.event('inconclusive', `${v.reason} (on-inconclusive: ${policy})`);
            if (outcome === 'inconclusive-rollback')
                return this.failVerdict(`first release inconclusive at ${weight} % and on-inconclusive is rollback: ${why}`);
            if (outcome === 'inconclusive-pause')
                return this.pause(0, weight, `the first release was inconclusive at ${weight} %: ${why}`);
            await this.promoteNow();
            return {
                result: 'promoted',
                reason: `${this.release.version} was promoted without a decision as the first release of ${this.env}: the absolute checks at ${weight} % ended inconclusive (${why}) and on-inconclusive is promote.`
            };
        }
        this.event('verdict-pass', v.reason);
        if (this.plan.pauseBeforeLast)
            return this.pause(0, weight, `the first release passed the absolute checks at ${weight} % (${why}) and the plan pauses before 100 %`);
        await this.promoteNow();
        return {
            result: 'promoted',
            reason: `${this.release.version} is the first release of ${this.env}: with nothing to compare with, it was held to absolute bounds at ${weight} % and stayed within them over ${v.samples.canary} requests; promoted.`
        };
    }
    async walkSteps() {
        const { logger } = this.deps;
        const n = this.plan.steps.length;
        const undecided = [];
        // One judge for the rollout (this wave's): a judge with beginStep carries its evidence across steps.
        const carried = {};
        for (let i = 0; i < n; i++) {
            this.checkCancelled();
            const weight = this.plan.steps[i];
            if (this.plan.pauseBeforeLast && i === n - 1) {
                return this.pause(i - 1, this.weight, `the plan pauses before ${weight} %`);
            }
            await this.shift(i, weight);
            logger.info(`Step ${i + 1}/${n}: ${this.release.version} at ${weight} % — analysing for up to ${(0,duration/* formatDuration */.a)(this.plan.stepDurationMs)}`);
            const step = await this.analyseStep({ index: i, weight }, this.deps.createJudge, carried);
            this.steps.push(step);
            const v = step.verdict;
            const why = v.reason.replace(/\.\s*$/, '');
            logger.info(`Step ${i + 1} verdict: ${v.decision === 'continue' ? 'inconclusive' : v.decision} — ${(0,util_escape/* escapeLogText */.dD)(v.reason)}`);
            if (v.decision === 'fail') {
                this.event('verdict-fail', v.reason);
                return this.failVerdict(why);
            }
            const outcome = (0,step_rules/* stepOutcome */.fh)(v.decision, this.plan.analysis.onInconclusive);
            if (outcome !== 'pass') {
                const policy = this.plan.analysis.onInconclusive;
                this.event('inconclusive', `${v.reason} (on-inconclusive: ${policy})`);
                if (outcome === 'inconclusive-rollback')
                    return this.failVerdict(`inconclusive at ${weight} % and on-inconclusive is rollback: ${why}`);
                if (outcome === 'inconclusive-pause')
                    return this.pause(i, weight, `inconclusive at ${weight} %: ${why}`);
                undecided.push(weight);
            }
            else {
                this.event('verdict-pass', v.reason);
            }
        }
        await this.promoteNow();
        const all = (0,plan/* stepsText */.b)(this.plan);
        if (undecided.length === 0)
            return { result: 'promoted', reason: `${this.release.version} passed every step (${all} %) and was promoted.` };
        if (undecided.length === n) {
            return {
                result: 'promoted',
                reason: `${this.release.version} was promoted without a decision: every step (${all} %) ended inconclusive, and on-inconclusive is promote.`
            };
        }
        return {
            result: 'promoted',
            reason: `${this.release.version} was promoted: the steps at ${undecided.join(', ')} % ended inconclusive (on-inconclusive is promote) and the others passed.`
        };
    }
    /** The run ends here; the canary keeps its weight until someone promotes or aborts it. */
    pause(stepIndex, weight, why) {
        this.event('paused', `waiting at ${weight} % for action: promote or abort`);
        this.pausedAt = { stepIndex, weight };
        return { result: 'paused', reason: `Paused at ${weight} %: ${why}; finish it with canary-deploy action: promote (to 100 %) or action: abort.` };
    }
    pausedAt = null;
    async shift(i, weight) {
        await this.deps.target.setWeight(weight, this.context(weight));
        this.weight = weight;
        this.event('weight', `canary at ${weight} %`);
        await this.recordProgress(`Canary ${this.release.version} at ${weight} %`, {
            weight,
            step: i + 1,
            steps: this.plan.steps.length,
            paused: false,
            ...this.waveProgress()
        });
    }
    waveProgress() {
        const fleet = this.deps.target.fleet;
        return fleet && this.wave >= 0 ? { wave: this.wave + 1, waves: fleet.waves.length } : {};
    }
    async promoteNow() {
        await this.deps.target.promote(this.context(100));
        this.weight = 100;
        this.event('promoted', `${this.release.version} is now stable`);
    }
    async failVerdict(why) {
        const at = this.weight;
        if (!this.plan.autoRollback) {
            // Even without auto-rollback no user traffic stays on a failing canary: it keeps running at 0 % for inspection.
            await this.deps.target.setWeight(0, this.context(0));
            this.weight = 0;
            this.event('held', 'auto-rollback is false: canary kept at 0 % for inspection');
            return {
                result: 'failed',
                reason: `Canary failed at ${at} %: ${why}; auto-rollback is false, so it was moved to 0 % and left running (abort it when done).`
            };
        }
        const restored = await this.restoreStable(why);
        if (!restored)
            return { result: 'failed', reason: `Canary failed at ${at} %: ${why}; ${this.restoreFailure()}` };
        return { result: 'rolled-back', reason: `Rolled back at ${at} %: ${why}.` };
    }
    /** Puts all traffic back on the previous version; never throws. */
    async restoreStable(why) {
        if (!this.canaryDeployed)
            return true;
        const t0 = this.clock.now();
        this.restoreAttempted = true;
        let trafficMs = null;
        try {
            // A fleet restores several waves: traffic is back when the last of them is.
            const onTrafficRestored = () => void (trafficMs = this.clock.now() - t0);
            await this.deps.target.rollback(this.previous, { ...this.context(0), signal: undefined, onTrafficRestored });
            this.restoredWaves = [...(this.deps.target.fleet?.lastRolledBack() ?? [])];
            const doneMs = this.clock.now() - t0;
            this.rollbackMs = trafficMs ?? doneMs;
            this.weight = 0;
            this.event('rolled-back', `traffic on ${this.stableName()} at 100 %${this.wavesRestored()} (${this.rollbackMs} ms) — ${why}`);
            if (trafficMs !== null)
                this.event('canary-retired', `the rollback-command finished ${doneMs} ms after the verdict`);
            return true;
        }
        catch (err) {
            // A fleet tries every wave: those restored are named, the others reported failed.
            this.restoredWaves = [...(this.deps.target.fleet?.lastRolledBack() ?? [])];
            this.restoreFailed = true;
            this.restoreError = (0,errors/* errorMessage */.g)(err);
            this.event('rollback-failed', (0,errors/* errorMessage */.g)(err));
            this.deps.logger.warning(`Rollback failed: ${(0,util_escape/* escapeLogText */.dD)((0,errors/* errorMessage */.g)(err))}.`);
            return false;
        }
    }
    stableName() {
        if (this.previous)
            return this.previous.version;
        return this.deps.stableUrlGiven ? 'the version behind stable-url' : 'nothing (it was the first release, so no version serves traffic)';
    }
    async analyseStep(step, createJudge, carried) {
        const clock = this.clock;
        const startedAt = clock.now();
        const status = await this.deps.target.status();
        const sources = this.deps.signalSources(step, status, this.release, this.previous);
        await Promise.all(sources.map((s) => s.start({ weight: step.weight, startedAt })));
        const baseline = this.baselineFor(step, sources);
        // The same rules pick the judge when a recorded rollout is replayed (step-rules.ts).
        const judge = (0,step_rules/* startStepJudge */.Yd)(baseline.kind, this.plan.analysis, step, { createJudge, createFirstReleaseJudge: this.deps.createFirstReleaseJudge }, carried);
        if (baseline.note)
            this.deps.logger.info(baseline.note);
        // Routers that see only customers' requests (not probes) must send the canary its share.
        // (A source's samples carry its name in `source`.)
        const routers = new Set(sources.filter((s) => s.seesProbes === false).map((s) => s.name));
        const routersText = routers.size ? [...routers].join(' and ') : undefined;
        const share = { canary: 0, total: 0 };
        const samples = [];
        const looks = [];
        // What the judge is fed, look by look, kept in the report so `shipgate replay` can judge it again.
        const evidence = new sample_log/* EvidenceRecorder */.GL(baseline.kind, startedAt, this.evidenceBudget, routersText);
        let replayed = 0;
        let verdict;
        let final;
        try {
            for (;;) {
                await clock.sleep(this.plan.lookIntervalMs, this.deps.signal);
                const batches = await Promise.all(sources.map((s) => s.read()));
                const fresh = batches.flat();
                if (baseline.kind === 'earlier-steps') {
                    // Each canary request is paired with the next stable request recorded at the earlier steps.
                    const pool = this.stableEvidence;
                    const add = [];
                    for (const c of fresh) {
                        if (c.side !== 'canary' || replayed >= pool.length)
                            continue;
                        add.push({ ...pool[replayed++], at: c.at, source: 'earlier-steps' });
                    }
                    fresh.push(...add);
                }
                samples.push(...fresh);
                for (const f of fresh) {
                    if (f.source === undefined || !routers.has(f.source))
                        continue;
                    share.total++;
                    if (f.side === 'canary')
                        share.canary++;
                }
                const elapsedMs = clock.now() - startedAt;
                // Latencies to 0.1 ms and finish times to 1 ms: what the record keeps (sample-log.ts).
                const judged = (0,sample_log/* normaliseSamples */.ai)(fresh);
                evidence.look(elapsedMs, judged, routersText ? share : undefined);
                const seen = (0,step_rules/* judgeLook */.FD)(judge, judged, { elapsedMs, stepDurationMs: this.plan.stepDurationMs, weight: step.weight, routers: routersText, share });
                verdict = seen.verdict;
                final = seen.final;
                const entry = look(elapsedMs, samples, judge.statistics());
                looks.push(entry);
                this.tellLook(step, entry, verdict);
                if (seen.done)
                    break;
            }
        }
        finally {
            await Promise.allSettled(sources.map((s) => s.stop()));
        }
        const canary = samples.filter((s) => s.side === 'canary');
        const stable = samples.filter((s) => s.side === 'stable');
        if (baseline.kind === 'live')
            this.keepStableEvidence(stable, step.weight);
        return {
            index: step.index,
            weight: step.weight,
            startedAt: new Date(startedAt).toISOString(),
            durationMs: clock.now() - startedAt,
            canary: (0,stats/* sideStats */.J)(canary),
            stable: (0,stats/* sideStats */.J)(stable),
            verdict,
            looks: thin(looks, 120),
            decidedByPolicy: verdict.decision === 'continue' && final,
            baseline: baseline.note ? baseline.note : undefined,
            ...(this.wave >= 0 ? { wave: this.wave } : {}),
            sources: countBy(samples),
            failingSamples: canary
                .filter((s) => !s.ok)
                .slice(0, 5)
                .map((s) => ({ status: s.status, detail: s.detail ?? '' })),
            evidence: evidence.evidence()
        };
    }
    /** The report's sample budget, shared by every step's record. */
    evidenceBudget = new sample_log/* SampleBudget */.K3();
    /** Tells the onLook hook about a look; a hook that throws changes nothing. */
    tellLook(step, entry, verdict) {
        const hook = this.deps.onLook;
        if (!hook)
            return;
        try {
            hook({
                step: step.index + 1,
                steps: this.plan.steps.length,
                weight: step.weight,
                ...(this.wave >= 0 ? { wave: this.wave + 1 } : {}),
                atMs: entry.atMs,
                stepDurationMs: this.plan.stepDurationMs,
                canary: entry.canarySamples,
                stable: entry.stableSamples,
                statistics: entry.statistics,
                decision: verdict.decision
            });
        }
        catch {
            // A progress line that cannot be drawn is no reason to change the rollout.
        }
    }
    /**
     * What the canary is compared with at this step. Normally live stable traffic. At 100 % a router
     * that counts real requests sees no stable request (and without stable-url nothing probes
     * stable): the canary is then compared with the stable requests recorded at the earlier steps,
     * or, when there are none, held to the absolute bounds of a first release.
     */
    baselineFor(step, sources) {
        const live = sources.some((s) => (s.covers?.(step.weight) ?? ['canary', 'stable']).includes('stable'));
        if (live || sources.length === 0)
            return { kind: 'live' };
        if (this.stableEvidence.length > 0) {
            return {
                kind: 'earlier-steps',
                note: `At ${step.weight} % no stable request is seen, so the canary is compared with the ${(0,format/* count */.U9)(this.stableEvidence.length)} stable requests recorded at ${this.stableEvidenceWeights.join(' % and ')} %.`
            };
        }
        return {
            kind: 'absolute',
            note: `At ${step.weight} % no stable request is seen and no earlier step recorded any, so the canary is held to absolute bounds (error-tolerance${this.plan.analysis.maxLatencyMs !== undefined ? ', max-latency' : ''}).`
        };
    }
    /** Stable requests seen at the steps so far (the most recent STABLE_EVIDENCE_MAX): the baseline at 100 %. */
    stableEvidence = [];
    stableEvidenceWeights = [];
    keepStableEvidence(stable, weight) {
        if (stable.length === 0)
            return;
        this.stableEvidence.push(...stable);
        if (this.stableEvidence.length > STABLE_EVIDENCE_MAX)
            this.stableEvidence.splice(0, this.stableEvidence.length - STABLE_EVIDENCE_MAX);
        if (!this.stableEvidenceWeights.includes(weight))
            this.stableEvidenceWeights.push(weight);
    }
    /**
     * Every weight change is in the ledger, so another run knows where the canary stands. One that
     * cannot be recorded stops the rollout (the caller rolls back): no more users go to a canary the
     * ledger does not know about.
     */
    async recordProgress(description, progress) {
        try {
            await this.deps.ledger.record(this.deploymentId, 'in_progress', {
                description,
                progress,
                logUrl: this.deps.logUrl,
                environmentUrl: this.deps.environmentUrl
            });
        }
        catch (err) {
            this.event('ledger-failed', (0,errors/* errorMessage */.g)(err));
            throw err;
        }
    }
    /** Records how the rollout ended; returns why it could not be recorded (a warning), else null. */
    async recordOutcome(state, reason, paused = false) {
        try {
            const progress = paused && this.pausedAt ? { weight: this.pausedAt.weight, step: this.pausedAt.stepIndex + 1, steps: this.plan.steps.length, paused: true } : undefined;
            await this.deps.ledger.record(this.deploymentId, state, {
                description: reason,
                progress,
                logUrl: this.deps.logUrl,
                environmentUrl: this.deps.environmentUrl
            });
            return null;
        }
        catch (err) {
            this.event('ledger-failed', (0,errors/* errorMessage */.g)(err));
            this.deps.logger.warning(`Could not record the outcome in the ${this.deps.ledger.name} ledger: ${(0,util_escape/* escapeLogText */.dD)((0,errors/* errorMessage */.g)(err))}.`);
            return (0,errors/* errorMessage */.g)(err);
        }
    }
    async finishReport(result, reason) {
        const redact = this.deps.redact ?? ((t) => t);
        const report = (0,engine_report/* buildReport */.F)({
            environment: this.env,
            deploymentId: this.deploymentId,
            result,
            reason: redact(reason),
            release: this.release,
            previous: this.previous,
            plan: this.plan,
            steps: this.steps.map((s) => ({ ...s, failingSamples: s.failingSamples?.map((f) => ({ ...f, detail: redact(f.detail) })) })),
            timeline: this.timeline.map((e) => (e.detail === undefined ? e : { ...e, detail: redact(e.detail) })),
            startedAt: new Date(this.startedAt).toISOString(),
            finishedAt: new Date(this.clock.now()).toISOString(),
            weight: result === 'promoted' ? 100 : this.weight,
            rollbackMs: this.rollbackMs,
            settled: this.settled,
            firstRelease: this.firstRelease,
            waves: this.waveReports(),
            freezeOverride: this.deps.freezeOverride
        });
        if (!this.deploymentId)
            return report;
        return (0,engine_report/* announce */.i)(report, { notifiers: this.deps.notifiers, logger: this.deps.logger, logUrl: this.deps.logUrl, deploymentUrl: this.deps.deploymentUrl });
    }
    context(weight) {
        return {
            environment: this.env,
            deploymentId: this.deploymentId,
            version: this.release.version,
            previousVersion: this.previous?.version ?? '',
            weight,
            artifact: this.release.artifact,
            digest: this.release.digest,
            signal: this.deps.signal
        };
    }
    checkCancelled() {
        if (this.deps.signal?.aborted)
            throw new errors/* CancelledError */.c();
    }
    event(event, detail) {
        this.timeline.push({ at: new Date(this.clock.now()).toISOString(), event, detail });
    }
}
function countBy(samples) {
    const out = {};
    for (const s of samples) {
        const k = s.source ?? 'unknown';
        out[k] = (out[k] ?? 0) + 1;
    }
    return out;
}
/** Stable samples kept for the 100 % step's comparison (about 2 MB at most). */
const STABLE_EVIDENCE_MAX = 20_000;
/** "GitHub is …" stays; "Could not …" becomes "could not …" inside a sentence. */
function lowerFirst(text) {
    return /^[A-Z][a-z]/.test(text) && !/^GitHub\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
function look(atMs, samples, statistics) {
    let cn = 0, ce = 0, sn = 0, se = 0;
    for (const s of samples) {
        if (s.side === 'canary') {
            cn++;
            if (!s.ok)
                ce++;
        }
        else {
            sn++;
            if (!s.ok)
                se++;
        }
    }
    return { atMs, canarySamples: cn, stableSamples: sn, canaryErrorRate: cn ? ce / cn : 0, stableErrorRate: sn ? se / sn : 0, statistics };
}
/** The deployment state a rollout's result leaves in the ledger. */
function deploymentStateFor(result) {
    switch (result) {
        case 'promoted':
            return 'success';
        case 'rolled-back':
            return 'failure';
        case 'paused':
            return 'in_progress';
        default:
            return 'error';
    }
}
/** Keeps at most `max` looks (first and last kept) so reports stay small on long steps. */
function thin(looks, max) {
    if (looks.length <= max)
        return looks;
    const out = [];
    const stride = (looks.length - 1) / (max - 1);
    for (let i = 0; i < max; i++)
        out.push(looks[Math.round(i * stride)]);
    return out;
}

// EXTERNAL MODULE: ./shared/engine/operations.ts
var engine_operations = __webpack_require__(8231);
// EXTERNAL MODULE: ./shared/judges/index.ts + 6 modules
var judges = __webpack_require__(6559);
// EXTERNAL MODULE: ./shared/summary/rollout-summary.ts + 1 modules
var rollout_summary = __webpack_require__(7584);
// EXTERNAL MODULE: ./shared/inputs/secrets.ts
var secrets = __webpack_require__(4083);
// EXTERNAL MODULE: ./shared/notifiers/webhook.ts
var webhook = __webpack_require__(2515);
// EXTERNAL MODULE: ./shared/glue/composition.ts + 3 modules
var composition = __webpack_require__(7611);
// EXTERNAL MODULE: ./shared/glue/release.ts
var glue_release = __webpack_require__(1335);
// EXTERNAL MODULE: ./shared/glue/freeze.ts
var freeze = __webpack_require__(9083);
;// CONCATENATED MODULE: ./shared/glue/canary-deploy.ts













/** Handed from the main step to its post step (RUNNER_TEMP-free: the runner's state file). */
const STATE_DEPLOYMENT = 'shipgate-deployment';
const STATE_FINISHED = 'shipgate-finished';
/** Builds every adapter the lifecycle needs from the inputs: the composition root of canary-deploy. */
async function wire(rt, inputs) {
    // The runner hides only the exact strings it is told: the webhook's key on its own too.
    for (const secret of (0,webhook/* webhookSecrets */.d)(inputs.notify.webhook))
        rt.mask(secret);
    const gh = (0,composition/* gitHubAccess */.gz)(rt, inputs.githubToken);
    const stateDir = (0,composition/* resolveStateDir */.JT)(rt, inputs.stateDir);
    const ledger = await (0,composition/* buildLedger */.ES)(rt, inputs.ledger, inputs.ledgerFile, stateDir, gh, {
        productionEnvironment: inputs.productionEnvironment,
        transientEnvironment: inputs.transientEnvironment
    });
    const target = await (0,composition/* buildTarget */.k0)(rt, inputs.target, inputs.environment, stateDir, inputs.local, inputs.command, inputs.traffic, inputs.waves);
    const notifiers = await (0,composition/* buildNotifiers */.UA)(rt, inputs.environment, inputs.notify, gh, (r) => (0,rollout_summary/* renderRolloutSummary */.Q)(r));
    const logUrl = gh?.ctx.runUrl;
    const deploymentUrl = (id) => gh && ledger.name === 'github'
        ? `${gh.ctx.serverUrl}/${gh.ctx.owner}/${gh.ctx.repo}/deployments/${encodeURIComponent(inputs.environment)}#${id}`
        : undefined;
    const operations = {
        environment: inputs.environment,
        target,
        ledger,
        notifiers,
        logger: rt.logger,
        owner: (0,ledgers_owner/* currentOwner */.Hf)(rt.env, logUrl),
        logUrl,
        environmentUrl: inputs.environmentUrl,
        deploymentUrl
    };
    return { gh, operations };
}
/** canary-deploy (and the root action after its build): deploy | promote | abort. */
async function canaryDeploy(rt, parsed, built) {
    const inputs = parsed ?? (0,canary_deploy/* parseCanaryDeployInputs */.IQ)(await rt.inputs());
    let report;
    try {
        report = await lifecycle(rt, inputs, built);
    }
    catch (err) {
        // Refused or broken before there was a report (the ledger unreadable, a paused canary, a
        // deployment GitHub would not create): nothing was deployed, and `result` still says failed.
        rt.setOutput('result', 'failed');
        throw err;
    }
    rt.saveState(STATE_FINISHED, 'true');
    // A release manager's abort that backed the canary out did what was asked: the step succeeds.
    await publish(rt, report, { rolledBackIsFailure: inputs.action !== 'abort' });
    return report;
}
async function lifecycle(rt, inputs, built) {
    // A freeze stops deploys and promotions before anything changes; an abort is never blocked.
    const freezeOverride = inputs.action === 'abort' ? undefined : (0,freeze/* checkFreeze */.E)(inputs.freeze, inputs.environment, new Date(), rt.logger);
    const { gh, operations } = await wire(rt, inputs);
    let report;
    if (inputs.action === 'promote') {
        report = await (0,engine_operations/* promoteCanary */.zG)(operations, { freezeOverride });
    }
    else if (inputs.action === 'abort') {
        report = await (0,engine_operations/* abortCanary */.Fi)(operations);
    }
    else {
        const release = built ?? (await (0,glue_release/* resolveRelease */.C)(rt.workspace, { version: inputs.version, manifest: inputs.manifest, commit: rt.env.GITHUB_SHA }));
        const signalSources = await (0,composition/* signalFactory */.bB)(rt, operations.target, {
            canaryUrl: inputs.canaryUrl,
            stableUrl: inputs.stableUrl,
            probePath: inputs.probePath,
            probeRate: inputs.plan.probeRate,
            prometheus: inputs.prometheus,
            services: inputs.target === 'kubernetes' && inputs.traffic.kubernetes.service && inputs.traffic.kubernetes.canaryService
                ? { canary: inputs.traffic.kubernetes.canaryService, stable: inputs.traffic.kubernetes.service }
                : undefined
        });
        const { target, ledger } = operations;
        rt.logger.info(`Shipgate: rolling out ${release.version} to ${inputs.environment} with the ${target.name} target${trafficText(inputs)}, ${ledger.name} ledger (${(0,util_escape/* escapeLogText */.dD)(ledger.where)}), ${inputs.plan.analysis.judge} judge; steps ${(0,plan/* stepsText */.b)(inputs.plan)} %.`);
        report = await runRollout(inputs.plan, release, {
            ...operations,
            freezeOverride,
            createJudge: judges/* createJudge */.qU,
            createFirstReleaseJudge: judges/* createFirstReleaseJudge */.$p,
            signalSources,
            stableUrlGiven: !!inputs.stableUrl,
            lockTimeoutMs: inputs.lockTimeoutMs,
            statusCommit: gh?.ctx.statusSha,
            signal: rt.signal,
            redact: (0,secrets/* redactor */.$p)([inputs.githubToken, ...(0,webhook/* webhookSecrets */.d)(inputs.notify.webhook)]),
            onLook: rt.progress ? (look) => rt.progress?.(look) : undefined,
            onDeploymentStarted: (info) => rt.saveState(STATE_DEPLOYMENT, JSON.stringify({ id: info.deploymentId, version: info.release.version, previous: info.previous }))
        });
    }
    return report;
}
/** ", traffic: nginx" or ", 2 waves of 3 targets" for the opening log line. */
function trafficText(inputs) {
    if (inputs.waves)
        return ` (${inputs.waves.length} waves, ${inputs.waves.reduce((n, w) => n + w.targets.length, 0)} targets)`;
    return inputs.traffic.kind === inputs.target ? '' : ` (traffic: ${inputs.traffic.kind})`;
}
/** Outputs, report file, summary; a rolled-back or failed rollout fails the step after them. */
async function publish(rt, report, options = {}) {
    const file = rt.writeReport(`${report.environment}-${report.deploymentId || 'none'}-${Date.now()}.json`, report);
    rt.setOutput('deployment-id', report.deploymentId);
    rt.setOutput('result', report.result);
    rt.setOutput('weight', report.weight);
    rt.setOutput('previous-version', report.previous?.version ?? '');
    rt.setOutput('report', file);
    rt.setOutput('incident-url', report.incidentUrl ?? '');
    rt.setOutput('revert-pr-url', report.revertPrUrl ?? '');
    await rt.summary((0,rollout_summary/* renderRolloutSummary */.Q)(report, { reportPath: file }));
    rt.logger.info(`Result: ${report.result} — ${(0,util_escape/* escapeLogText */.dD)(report.reason, 1000)}`);
    rt.logger.info(`Report: ${file}`);
    // A promotion the ledger could not record leaves the ledger wrong about what is live: someone must act.
    const unrecorded = report.timeline.some((e) => e.event === 'outcome-unrecorded');
    if (report.result === 'failed' || (report.result === 'rolled-back' && options.rolledBackIsFailure !== false) || unrecorded) {
        process.exitCode = 1;
        throw new Error(report.reason);
    }
}
/**
 * The post step: runs even when the main step was killed. If the rollout it started is still
 * unfinished in the ledger, stable takes all traffic again and the ledger says why.
 */
async function canaryDeployPost(rt) {
    const saved = rt.getState(STATE_DEPLOYMENT);
    if (!saved || rt.getState(STATE_FINISHED) === 'true')
        return;
    const handover = JSON.parse(saved);
    const inputs = parseCanaryDeployInputs(await rt.inputs(), { versionFromBuild: true });
    const { operations } = await wire(rt, inputs);
    const report = await finishAbandoned(operations, handover);
    if (report)
        await rt.summary(renderRolloutSummary(report));
}


/***/ }),

/***/ 9083:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ checkFreeze)
/* harmony export */ });
/* unused harmony export FrozenError */
/* harmony import */ var _freeze_active_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1028);
/* harmony import */ var _freeze_describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9591);


/** A rollout or a promotion refused by a freeze window: nothing was deployed. */
class FrozenError extends Error {
}
/**
 * Before anything is deployed or promoted: inside a freeze window the run stops with one sentence
 * naming the window, unless override-freeze (with a reason) says to go on, which is then recorded.
 * Aborts and rollbacks never come here: restoring stable is never blocked.
 */
function checkFreeze(freeze, environment, now, logger) {
    const active = (0,_freeze_active_js__WEBPACK_IMPORTED_MODULE_0__.activeFreeze)(freeze.windows, now);
    if (!active)
        return undefined;
    const sentence = (0,_freeze_describe_js__WEBPACK_IMPORTED_MODULE_1__.describeFreeze)(active, environment);
    if (!freeze.override) {
        throw new FrozenError(`${sentence.replace(/\.$/, '')}. Nothing was deployed; to deploy anyway, set override-freeze: true with a reason (rollbacks and aborts are never blocked).`);
    }
    logger.warning(`Freeze overridden: ${sentence} Reason given: ${freeze.reason}`);
    return { window: active.window.name, start: active.start.toISOString(), end: active.end.toISOString(), reason: freeze.reason };
}


/***/ }),

/***/ 1335:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ resolveRelease)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _release_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8331);


/** The release to deploy: from the build action's manifest, or a bare version. */
async function resolveRelease(workspace, options) {
    if (options.manifest) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(workspace, options.manifest);
        const m = await (0,_release_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .readManifest */ .WI)(file);
        if (options.version && options.version !== m.version) {
            throw new Error(`Input "version" is ${JSON.stringify(options.version)} but the manifest ${options.manifest} is for ${m.version}: give one of them, or make them agree.`);
        }
        return { version: m.version, digest: m.digest, commit: m.commit, artifact: node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(node_path__WEBPACK_IMPORTED_MODULE_0___default().dirname(file), m.artifact), createdAt: m.createdAt };
    }
    return { version: options.version, commit: options.commit };
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

/***/ 1349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ stepsText)
/* harmony export */ });
/** The plan's steps as the user wrote them: "10 → 50 → pause → 100". */
function stepsText(plan, sep = ' → ') {
    const parts = plan.steps.map(String);
    if (plan.pauseBeforeLast && parts.length > 0)
        parts.splice(parts.length - 1, 0, 'pause');
    return parts.join(sep);
}


/***/ }),

/***/ 8331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   WI: () => (/* binding */ readManifest)
/* harmony export */ });
/* unused harmony exports MANIFEST_SCHEMA, validateManifest */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1952);
/* harmony import */ var _util_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5816);



const MANIFEST_SCHEMA = 'shipgate/release@1';
/** Writes the manifest atomically (temp file + rename), so a reader never sees half of it. */
async function writeManifest(file, manifest) {
    const checked = validateManifest(manifest, file);
    await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_1__/* .writeFileAtomic */ .Z)(file, `${JSON.stringify(checked, null, 2)}\n`);
}
async function readManifest(file) {
    let text;
    try {
        text = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new Error(code === 'ENOENT' ? `The release manifest ${file} does not exist.` : `The release manifest ${file} could not be read (${code ?? 'error'}).`, { cause: err });
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new Error(`The release manifest ${file} is not valid JSON.`);
    }
    return validateManifest(data, file);
}
/** Checks every field; throws one sentence naming the first bad field. Returns a clean copy. */
function validateManifest(data, file = 'given') {
    const bad = (field, what) => {
        throw new Error(`The release manifest ${file} is malformed: "${field}" ${what}.`);
    };
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        bad('(root)', 'must be a JSON object');
    const m = data;
    if (m.schema !== MANIFEST_SCHEMA)
        bad('schema', `must be "${MANIFEST_SCHEMA}"`);
    if (typeof m.version !== 'string' || !(0,_version_js__WEBPACK_IMPORTED_MODULE_2__/* .isValidVersion */ .ri)(m.version))
        bad('version', 'must be 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
    if (typeof m.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(m.digest))
        bad('digest', 'must be "sha256:" followed by 64 lowercase hex digits');
    if (typeof m.commit !== 'string')
        bad('commit', 'must be a string (empty when unknown)');
    if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt)))
        bad('createdAt', 'must be an ISO 8601 date');
    if (typeof m.artifact !== 'string' || m.artifact === '')
        bad('artifact', 'must be a non-empty path');
    if (!Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string'))
        bad('files', 'must be an array of paths');
    if (typeof m.sizeBytes !== 'number' || !Number.isInteger(m.sizeBytes) || m.sizeBytes < 0)
        bad('sizeBytes', 'must be a non-negative integer');
    return {
        schema: MANIFEST_SCHEMA,
        version: m.version,
        digest: m.digest,
        commit: m.commit,
        createdAt: m.createdAt,
        artifact: m.artifact,
        files: [...m.files],
        sizeBytes: m.sizeBytes
    };
}


/***/ }),

/***/ 1952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ui: () => (/* binding */ deriveVersion),
/* harmony export */   ri: () => (/* binding */ isValidVersion)
/* harmony export */ });
/* harmony import */ var _inputs_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(490);

// One regex for inputs and derived versions, so a derived version always passes input validation.

function isValidVersion(text) {
    return _inputs_version_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_PATTERN */ .Q.test(text);
}
/**
 * `sha-<7 hex>` from the commit, with `.<run>` appended when a run number is given (so rebuilding a
 * commit yields distinct versions only when asked). Without a usable sha: `build-<run>` or
 * `build-<UTC timestamp>`.
 */
function deriveVersion(source) {
    const sha = source.sha.trim().toLowerCase();
    const run = source.runNumber === undefined || source.runNumber === '' ? '' : String(source.runNumber).replace(/[^0-9]/g, '');
    if (/^[0-9a-f]{7,64}$/.test(sha))
        return `sha-${sha.slice(0, 7)}${run ? `.${run}` : ''}`;
    if (run)
        return `build-${run}`;
    return `build-${new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
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
