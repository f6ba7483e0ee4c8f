export const id = 591;
export const ids = [591];
export const modules = {

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


/***/ })

};
