export const id = 28;
export const ids = [28];
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


/***/ })

};
