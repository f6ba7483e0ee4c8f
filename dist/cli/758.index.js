export const id = 758;
export const ids = [758,377];
export const modules = {

/***/ 3377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubCompareCommitTimes: () => (/* reexport */ GitHubCompareCommitTimes),
  GitLogCommitTimes: () => (/* reexport */ GitLogCommitTimes),
  SinceError: () => (/* reexport */ SinceError),
  doraReport: () => (/* binding */ doraReport),
  parseSince: () => (/* reexport */ parseSince),
  renderJson: () => (/* reexport */ renderJson),
  renderMarkdown: () => (/* reexport */ renderMarkdown),
  renderMermaid: () => (/* reexport */ renderMermaid)
});

;// CONCATENATED MODULE: ./shared/dora/history.ts
/**
 * Reads an environment's history back to `since`. Ledger.history only takes a count (newest
 * first), so the count grows until the oldest record returned is older than `since`, the ledger
 * has no more, or `maxLimit` is reached.
 */
async function loadHistory(ledger, environment, since, options = {}) {
    const max = Math.max(1, options.maxLimit ?? 3200);
    let limit = Math.min(max, Math.max(1, options.initialLimit ?? 50));
    const start = since.getTime();
    for (;;) {
        const list = await ledger.history(environment, limit);
        const oldest = list.at(-1);
        const exhausted = list.length < limit;
        const pastSince = oldest !== undefined && Date.parse(oldest.createdAt) < start;
        if (pastSince || exhausted || limit >= max) {
            const chronological = [...list].sort(byCreated);
            return {
                records: chronological.filter((r) => Date.parse(r.createdAt) >= start),
                earlier: chronological.filter((r) => Date.parse(r.createdAt) < start),
                // Both ledgers page through their whole history up to the limit asked for, so fewer
                // records than asked means there are no older ones.
                reachedSince: pastSince || exhausted,
                exhausted
            };
        }
        limit = Math.min(max, limit * 2);
    }
}
/** Oldest first; ties by numeric id (ids grow with time in both ledgers). */
function byCreated(a, b) {
    const d = Date.parse(a.createdAt) - Date.parse(b.createdAt);
    if (d !== 0)
        return d;
    const na = Number(a.id);
    const nb = Number(b.id);
    return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.id.localeCompare(b.id);
}

;// CONCATENATED MODULE: ./shared/dora/classify.ts

const ms = (iso) => Date.parse(iso);
const succeeded = (r) => r.state === 'success' || r.state === 'inactive';
/**
 * Classifies the window's records. `earlier` (records before the window) is only read: it says
 * which commit was live when the window opened and which rollout an early rollback restored.
 */
function classify(history) {
    const inWindow = new Set(history.records);
    const all = [...(history.earlier ?? []), ...history.records].sort(byCreated);
    const rollbackRecords = all.filter((r) => r.kind === 'rollback');
    const restoredBy = new Map();
    const roles = new Map();
    // A rollback marks the version it backs out of `failure` after its own success is recorded
    // (shared/engine/operations.ts), so that version's record was updated at or after the rollback
    // finished. A canary the analysis rolled back was recorded before any later rollback began.
    for (const v of all) {
        if (v.kind !== 'rollout' || v.state !== 'failure')
            continue;
        const r = rollbackRecords.find((b) => succeeded(b) &&
            !roles.has(b) &&
            b.release.version !== v.release.version &&
            ms(b.createdAt) >= ms(v.createdAt) &&
            ms(b.createdAt) <= ms(v.updatedAt) &&
            ms(b.updatedAt) <= ms(v.updatedAt));
        if (r) {
            restoredBy.set(v, r);
            roles.set(r, 'restore');
        }
    }
    // The other rollbacks, by the rollout just before them.
    for (const b of rollbackRecords) {
        if (roles.has(b))
            continue;
        if (b.state === 'error' || b.state === 'failure') {
            roles.set(b, 'failed');
            continue;
        }
        if (!succeeded(b)) {
            roles.set(b, 'unfinished');
            continue;
        }
        const before = all.filter((r) => r.kind === 'rollout' && r !== b && byCreated(r, b) < 0 && r.release.version !== b.release.version).at(-1);
        if (before && succeeded(before) && !restoredBy.has(before)) {
            // Promoted, then backed out of, but the `failure` mark did not land (the rollback could
            // not record it): the rollback still says the version failed in production.
            restoredBy.set(before, b);
            roles.set(b, 'restore');
        }
        else if (before && before.state === 'failure' && !restoredBy.has(before)) {
            roles.set(b, 'follow-up');
        }
        else if (before && before.state === 'error') {
            roles.set(b, 'follow-up');
        }
        else {
            roles.set(b, 'unmatched');
        }
    }
    // Which commit was live before each rollout: promoted rollouts and successful rollbacks change
    // it; a rollout without a commit leaves the last known commit in place.
    let liveCommit;
    const rollouts = [];
    const rollbacks = [];
    for (const r of all) {
        if (r.kind === 'rollback') {
            if (succeeded(r) && r.release.commit)
                liveCommit = r.release.commit;
            if (inWindow.has(r))
                rollbacks.push({ record: r, role: roles.get(r) ?? 'unmatched' });
            continue;
        }
        const outcome = outcomeOf(r, restoredBy.has(r));
        const previousCommit = liveCommit ?? r.rollout?.previous?.commit;
        if ((outcome === 'promoted' || outcome === 'restored') && r.release.commit)
            liveCommit = r.release.commit;
        if (!inWindow.has(r))
            continue;
        const by = restoredBy.get(r);
        rollouts.push({
            record: r,
            outcome,
            paused: outcome === 'unfinished' && r.progress?.paused === true,
            ...(by ? { restoredBy: by } : {}),
            ...(previousCommit !== undefined ? { previousCommit } : {})
        });
    }
    return { rollouts, rollbacks };
}
function outcomeOf(r, restored) {
    if (restored)
        return 'restored';
    switch (r.state) {
        case 'success':
        case 'inactive':
            return 'promoted';
        case 'failure':
            return 'rolled-back';
        case 'error':
            return 'errored';
        default:
            return 'unfinished';
    }
}

// EXTERNAL MODULE: ./shared/util/stats.ts
var stats = __webpack_require__(7908);
;// CONCATENATED MODULE: ./shared/dora/bands.ts
const BANDS_SOURCE = 'Accelerate State of DevOps Report 2023 (DORA), software delivery performance levels';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/*
 * The 2023 report's table "Software delivery performance levels" gives each cluster's typical
 * values, not thresholds:
 *   deployment frequency: on demand | between once per day and once per week |
 *     between once per week and once per month | between once per week and once per month
 *   change lead time: less than one day | between one day and one week |
 *     between one week and one month | between one week and one month
 *   change failure rate: 5 % | 10 % | 15 % | 64 %
 *   failed deployment recovery time: less than one hour | less than one day |
 *     between one day and one week | between one month and six months
 * (The 2022 report found three clusters, no elite; the 2023 report has four again.)
 * Shipgate reads each row as upper bounds, in order, so every value has exactly one band (where
 * medium and low overlap, the slower side is low). docs/dora.md states the same table and source.
 */
/** Deployments per day over the window. */
function frequencyBand(perDay) {
    if (perDay >= 1)
        return 'elite';
    if (perDay >= 1 / 7)
        return 'high';
    if (perDay >= 1 / 30)
        return 'medium';
    return 'low';
}
/** Median lead time for changes. */
function leadTimeBand(medianMs) {
    if (medianMs < DAY)
        return 'elite';
    if (medianMs < 7 * DAY)
        return 'high';
    if (medianMs < 30 * DAY)
        return 'medium';
    return 'low';
}
/** Share of changes in production that failed (0..1). */
function failureRateBand(rate) {
    if (rate <= 0.05)
        return 'elite';
    if (rate <= 0.1)
        return 'high';
    if (rate <= 0.15)
        return 'medium';
    return 'low';
}
/** Median time to restore. */
function restoreBand(medianMs) {
    if (medianMs < HOUR)
        return 'elite';
    if (medianMs < DAY)
        return 'high';
    if (medianMs < 7 * DAY)
        return 'medium';
    return 'low';
}

;// CONCATENATED MODULE: ./shared/dora/weeks.ts
const weeks_DAY = 86_400_000;
const WEEK = 7 * weeks_DAY;
/** The ISO 8601 week (weeks start on Monday, week 1 holds the year's first Thursday), in UTC. */
function isoWeek(atMs) {
    const day = Math.floor(atMs / weeks_DAY) * weeks_DAY;
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    const monday = day - weekday * weeks_DAY;
    const year = new Date(monday + 3 * weeks_DAY).getUTCFullYear(); // the Thursday's year
    const jan4 = Date.UTC(year, 0, 4);
    const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * weeks_DAY;
    const n = 1 + Math.round((monday - week1) / WEEK);
    return { label: `${year}-W${String(n).padStart(2, '0')}`, start: monday };
}
/** Every ISO week that overlaps [from, until), oldest first. */
function weeksBetween(fromMs, untilMs) {
    const out = [];
    for (let start = isoWeek(fromMs).start; start < untilMs; start += WEEK)
        out.push(isoWeek(start));
    return out;
}

;// CONCATENATED MODULE: ./shared/dora/metrics.ts



const DORA_SCHEMA = 'shipgate/dora@1';
/** The ranges whose commit times lead time needs (promoted rollouts that name a commit). */
function changeRanges(history) {
    return history.rollouts
        .filter((r) => r.outcome === 'promoted' && r.record.release.commit)
        .map((r) => ({
        deploymentId: r.record.id,
        commit: r.record.release.commit,
        ...(r.previousCommit !== undefined ? { previous: r.previousCommit } : {})
    }));
}
const metrics_DAY = 86_400_000;
const metrics_ms = (iso) => Date.parse(iso);
const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;
/** The four metrics from classified records and commit times: pure, no I/O. */
function computeMetrics(input) {
    const { history, now, since } = input;
    const notes = [...(input.notes ?? [])];
    const count = (o) => history.rollouts.filter((r) => r.outcome === o).length;
    const promoted = count('promoted');
    const restored = count('restored');
    const rolledBack = count('rolled-back');
    const unfinished = history.rollouts.filter((r) => r.outcome === 'unfinished');
    const days = (now.getTime() - since.getTime()) / metrics_DAY;
    // Deployment frequency: rollouts that went live.
    const deployments = promoted + restored;
    const perDay = days > 0 ? deployments / days : 0;
    // Lead time: each commit once, with the first promoted rollout that brought it.
    const seen = new Set();
    const leads = [];
    let leadDeployments = 0;
    let unread = 0;
    let early = 0;
    const commitsPer = new Map();
    for (const r of history.rollouts) {
        if (r.outcome !== 'promoted' || !r.record.release.commit)
            continue;
        const list = input.commits.get(r.record.id);
        if (list === undefined || list === null) {
            unread++;
            continue;
        }
        leadDeployments++;
        let n = 0;
        for (const c of list) {
            if (seen.has(c.sha))
                continue;
            seen.add(c.sha);
            n++;
            const lead = metrics_ms(r.record.createdAt) - metrics_ms(c.committedAt);
            if (lead < 0)
                early++;
            leads.push(Math.max(0, lead));
        }
        commitsPer.set(r.record.id, n);
    }
    leads.sort((a, b) => a - b);
    const leadMedian = (0,stats/* quantileSorted */.Z)(leads, 0.5);
    const withoutCommit = history.rollouts.filter((r) => r.outcome === 'promoted' && !r.record.release.commit);
    // Change failure rate and time to restore: one incident per failed rollout.
    const restoreOf = (r) => {
        if (r.outcome === 'rolled-back')
            return metrics_ms(r.record.updatedAt) - metrics_ms(r.record.createdAt);
        if (r.outcome === 'restored' && r.restoredBy)
            return metrics_ms(r.restoredBy.updatedAt) - metrics_ms(r.record.createdAt);
        return null;
    };
    const canaryRestores = sortedOf(history.rollouts.filter((r) => r.outcome === 'rolled-back').map(restoreOf));
    const promotedRestores = sortedOf(history.rollouts.filter((r) => r.outcome === 'restored').map(restoreOf));
    const restores = [...canaryRestores, ...promotedRestores].sort((a, b) => a - b);
    const restoreMedian = (0,stats/* quantileSorted */.Z)(restores, 0.5);
    const failures = rolledBack + restored;
    const changes = promoted + restored + rolledBack;
    const rate = changes > 0 ? failures / changes : null;
    const weeks = weeksBetween(since.getTime(), now.getTime()).map((w) => {
        const inWeek = history.rollouts.filter((r) => metrics_ms(r.record.createdAt) >= w.start && metrics_ms(r.record.createdAt) < w.start + 7 * metrics_DAY);
        const has = (...o) => inWeek.filter((r) => o.includes(r.outcome)).length;
        return {
            week: w.label,
            start: new Date(w.start).toISOString().slice(0, 10),
            deployments: has('promoted', 'restored'),
            changes: has('promoted', 'restored', 'rolled-back'),
            failures: has('restored', 'rolled-back')
        };
    });
    if (withoutCommit.length > 0) {
        notes.push(`${plural(withoutCommit.length, 'promoted rollout names', 'promoted rollouts name')} no commit (${list(withoutCommit.map((r) => r.record.release.version))}): counted as deployments; their commits are counted with the next promoted rollout that names one.`);
    }
    if (early > 0)
        notes.push(`${plural(early, 'commit is', 'commits are')} dated after the rollout that deployed it (clock skew): counted as 0.`);
    if (unfinished.length > 0) {
        notes.push(`${plural(unfinished.length, 'rollout is', 'rollouts are')} not finished (${list(unfinished.map((r) => `${r.record.release.version}${r.paused ? ', paused' : ''}`))}): counted as attempts only, until they end.`);
    }
    const errored = history.rollouts.filter((r) => r.outcome === 'errored');
    if (errored.length > 0) {
        notes.push(`${plural(errored.length, 'rollout', 'rollouts')} ended in error (${list(errored.map((r) => r.record.release.version))}): counted as attempts, not as changes or failures.`);
    }
    const unmatched = history.rollbacks.filter((b) => b.role === 'unmatched');
    if (unmatched.length > 0) {
        notes.push(`${plural(unmatched.length, 'rollback', 'rollbacks')} (to ${list(unmatched.map((b) => b.record.release.version))}) follow no rollout in the loaded history: not counted.`);
    }
    const failedRollbacks = history.rollbacks.filter((b) => b.role === 'failed');
    if (failedRollbacks.length > 0) {
        notes.push(`${plural(failedRollbacks.length, 'rollback', 'rollbacks')} failed (to ${list(failedRollbacks.map((b) => b.record.release.version))}).`);
    }
    return {
        schema: DORA_SCHEMA,
        environment: input.environment,
        window: { since: since.toISOString(), until: now.toISOString(), days: round(days, 2), historyReachesSince: input.historyReachesSince ?? true },
        bandsSource: BANDS_SOURCE,
        records: { rollouts: history.rollouts.length, rollbacks: history.rollbacks.length },
        outcomes: {
            promoted,
            restored,
            rolledBack,
            errored: errored.length,
            unfinished: unfinished.length,
            paused: unfinished.filter((r) => r.paused).length
        },
        deploymentFrequency: {
            deployments,
            attempts: history.rollouts.length,
            perDay: round(perDay, 3),
            perWeek: round(perDay * 7, 2),
            band: days > 0 ? frequencyBand(perDay) : null
        },
        leadTime: {
            deployments: leadDeployments,
            commits: leads.length,
            medianMs: leadMedian,
            p90Ms: (0,stats/* quantileSorted */.Z)(leads, 0.9),
            band: leadMedian === null ? null : leadTimeBand(leadMedian),
            deploymentsWithoutCommit: withoutCommit.length,
            rangesUnread: unread
        },
        changeFailureRate: {
            rate: rate === null ? null : round(rate, 4),
            failures,
            changes,
            rolledBackByAnalysis: rolledBack,
            restoredAfterPromotion: restored,
            band: rate === null ? null : failureRateBand(rate)
        },
        timeToRestore: {
            restores: restores.length,
            medianMs: restoreMedian,
            p90Ms: (0,stats/* quantileSorted */.Z)(restores, 0.9),
            band: restoreMedian === null ? null : restoreBand(restoreMedian),
            canary: { restores: canaryRestores.length, medianMs: (0,stats/* quantileSorted */.Z)(canaryRestores, 0.5) },
            afterPromotion: { restores: promotedRestores.length, medianMs: (0,stats/* quantileSorted */.Z)(promotedRestores, 0.5) }
        },
        weeks,
        deployments: history.rollouts.map((r) => ({
            id: r.record.id,
            version: r.record.release.version,
            commit: r.record.release.commit ?? null,
            createdAt: r.record.createdAt,
            outcome: r.outcome,
            paused: r.paused,
            commits: commitsPer.get(r.record.id) ?? null,
            restoredBy: r.restoredBy?.id ?? null,
            restoreMs: restoreOf(r)
        })),
        notes
    };
}
function sortedOf(values) {
    return values.filter((v) => v !== null).sort((a, b) => a - b);
}
function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
}
/** The first few, then how many more: a note stays one readable sentence. */
function list(items, max = 5) {
    return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

;// CONCATENATED MODULE: ./shared/dora/since.ts
const DAY_MS = 86_400_000;
/** Bad `--since` / `since` values: one sentence naming the value and what is allowed. */
class SinceError extends Error {
    constructor(value, why = '') {
        super(`"since" is ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}${why}: use a number of days or weeks before now (90d, 12w) or a date in the past (2026-09-01, or 2026-09-01T12:00:00Z).`);
        this.name = 'SinceError';
    }
}
/**
 * The start of the reporting window: `90d` and `12w` count back from `now`; a date
 * (`2026-09-01`) is midnight UTC, a timestamp needs its offset (`Z`, `+02:00`) so that a report
 * does not depend on the runner's time zone.
 */
function parseSince(text, now) {
    const value = text.trim();
    const span = /^(\d{1,5})\s*(d|w)$/i.exec(value);
    if (span) {
        const n = Number(span[1]);
        if (n === 0)
            throw new SinceError(text, ' (an empty window)');
        return new Date(now.getTime() - n * (span[2].toLowerCase() === 'w' ? 7 : 1) * DAY_MS);
    }
    const date = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
    if (!date)
        throw new SinceError(text);
    const [, y, m, d] = date;
    // Date.parse rolls 2026-02-30 over into March; a date that does not exist is a typo.
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) {
        throw new SinceError(text, ' (no such date)');
    }
    const at = date[4] ? new Date(value) : day;
    if (Number.isNaN(at.getTime()))
        throw new SinceError(text, ' (no such time)');
    if (at.getTime() >= now.getTime())
        throw new SinceError(text, ' (not in the past)');
    return at;
}

// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
;// CONCATENATED MODULE: ./shared/dora/render.ts

/** A span for people: `45 s`, `20 min`, `6 h 5 min`, `3 d 2 h`. */
function formatSpan(ms) {
    const minutes = Math.round(ms / 60_000);
    if (ms < 60_000)
        return `${Math.round(ms / 1000)} s`;
    if (minutes < 60)
        return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24)
        return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
    const d = Math.floor(hours / 24);
    return hours % 24 === 0 ? `${d} d` : `${d} d ${hours % 24} h`;
}
const percent = (rate) => `${(rate * 100).toFixed(1).replace(/\.0$/, '')} %`;
const band = (b) => b ?? 'no data';
/**
 * Inside a Mermaid block a quote ends the string and a backtick could close the fence: record
 * text (the environment name) is reduced to one inert line.
 */
function mermaidText(text, max = 80) {
    return (0,util_escape/* escapeLogText */.dD)(text, max)
        .replace(/["`\\]/g, "'")
        .replace(/[{}[\]<>;%#]/g, ' ');
}
/** The Markdown table of the four metrics, the weekly chart and the notes (job summary, `--markdown`). */
function renderMarkdown(report) {
    const env = (0,util_escape/* escapeMarkdown */.FV)(report.environment, 80);
    const df = report.deploymentFrequency;
    const lt = report.leadTime;
    const cfr = report.changeFailureRate;
    const ttr = report.timeToRestore;
    const rows = [
        [
            'Deployment frequency',
            df.deployments === 0 ? 'none' : `${df.perWeek} per week (${df.perDay} per day)`,
            `${render_plural(df.deployments, 'deployment')}, ${render_plural(df.attempts, 'rollout')} begun`,
            band(df.band)
        ],
        [
            'Lead time for changes',
            lt.medianMs === null ? 'no data' : `median ${formatSpan(lt.medianMs)}, p90 ${formatSpan(lt.p90Ms ?? lt.medianMs)}`,
            `${lt.commits} commits in ${lt.deployments} deployments`,
            band(lt.band)
        ],
        [
            'Change failure rate',
            cfr.rate === null ? 'no data' : percent(cfr.rate),
            `${cfr.failures} of ${cfr.changes} changes: ${cfr.rolledBackByAnalysis} rolled back by analysis, ${cfr.restoredAfterPromotion} restored after promotion`,
            band(cfr.band)
        ],
        [
            'Time to restore',
            ttr.medianMs === null ? 'no data' : `median ${formatSpan(ttr.medianMs)}, p90 ${formatSpan(ttr.p90Ms ?? ttr.medianMs)}`,
            `${render_plural(ttr.restores, 'restore')}: ${ttr.canary.restores} canary${ttr.canary.medianMs === null ? '' : ` (median ${formatSpan(ttr.canary.medianMs)})`}, ${ttr.afterPromotion.restores} after promotion${ttr.afterPromotion.medianMs === null ? '' : ` (median ${formatSpan(ttr.afterPromotion.medianMs)})`}`,
            band(ttr.band)
        ]
    ];
    const lines = [
        `### DORA metrics: ${env}, ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)} (${render_plural(report.window.days, 'day')})`,
        '',
        '| Metric | Value | Counted | Level |',
        '| --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r.join(' | ')} |`),
        '',
        `Levels as in the ${(0,util_escape/* escapeMarkdown */.FV)(report.bandsSource)}; how each number is computed: docs/dora.md.`,
        '',
        renderMermaid(report),
        '',
        'Bars: rollouts that served production traffic (promoted, restored or rolled back by analysis) per ISO week; front bars: those that failed.'
    ];
    if (report.notes.length > 0)
        lines.push('', ...report.notes.map((n) => `- ${(0,util_escape/* escapeMarkdown */.FV)(n, 600)}`));
    return `${lines.join('\n')}\n`;
}
/** A Mermaid `xychart-beta` block: per ISO week, changes in production and, in front, failures. */
function renderMermaid(report) {
    const weeks = report.weeks;
    const top = Math.max(1, ...weeks.map((w) => w.changes));
    return [
        '```mermaid',
        'xychart-beta',
        `  title "Changes and failures per week in ${mermaidText(report.environment)}"`,
        `  x-axis [${weeks.map((w) => `"${w.week}"`).join(', ')}]`,
        `  y-axis "Rollouts" 0 --> ${top}`,
        `  bar [${weeks.map((w) => w.changes).join(', ')}]`,
        `  bar [${weeks.map((w) => w.failures).join(', ')}]`,
        '```'
    ].join('\n');
}
/** The `dora` JSON (action output, `--json`). */
function renderJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}
/** "1 day", "3 days". */
function render_plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./shared/dora/git-log.ts




/** A commit as the ledger holds it: hex only, so it can never be read as an option by git. */
const SHA = /^[0-9a-f]{4,64}$/i;
/** Commit times from `git log` in a local checkout. */
class GitLogCommitTimes {
    options;
    where;
    cwd;
    constructor(options) {
        this.options = options;
        this.cwd = external_node_path_default().resolve(options.cwd);
        this.where = `git log in ${this.cwd}`;
    }
    async range(commit, previous) {
        for (const sha of previous === undefined ? [commit] : [commit, previous]) {
            if (!SHA.test(sha))
                throw new Error(`The commit "${(0,util_escape/* escapeLogText */.dD)(sha, 80)}" is not a commit SHA (hexadecimal), so git log cannot read it.`);
        }
        await this.verify(commit);
        if (previous !== undefined)
            await this.verify(previous);
        const format = '--format=%H%x09%cI%x09%aI';
        const args = previous === undefined
            ? ['log', '--max-count=1', format, commit, '--']
            : ['log', `--max-count=${this.options.maxCommits ?? 5000}`, format, `${previous}..${commit}`, '--'];
        const r = await this.git(args);
        if (r.code !== 0)
            throw new Error(this.failure(r, `read the commits ${previous === undefined ? commit : `${previous}..${commit}`}`));
        return r.stdout
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((line) => {
            const [sha, committedAt, authoredAt] = line.split('\t');
            return { sha, committedAt: new Date(committedAt).toISOString(), authoredAt: new Date(authoredAt).toISOString() };
        });
    }
    async verify(sha) {
        const r = await this.git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
        if (r.code === 0)
            return;
        if (r.code === 1 && !/not a git repository/i.test(r.stderr)) {
            throw new Error(`The commit ${sha} is not in the git repository at ${this.cwd}: check out the full history (actions/checkout with fetch-depth: 0), or the commit was removed by a force push.`);
        }
        throw new Error(this.failure(r, `find the commit ${sha}`));
    }
    failure(r, what) {
        if (/not a git repository/i.test(r.stderr)) {
            return `${this.cwd} is not a git repository: run the DORA report in a checkout with the full history (actions/checkout with fetch-depth: 0), or read commit times from GitHub instead.`;
        }
        return `git could not ${what} in ${this.cwd} (exit ${r.code}): ${(0,util_escape/* escapeLogText */.dD)(r.stderr.trim() || r.stdout.trim(), 300)}`;
    }
    git(args) {
        return new Promise((resolve, reject) => {
            (0,external_node_child_process_.execFile)(this.options.git ?? 'git', args, {
                cwd: this.cwd,
                // English messages to recognise; no pager, no prompt.
                env: { ...process.env, LC_ALL: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
                maxBuffer: 64 * 1024 * 1024,
                timeout: this.options.timeoutMs ?? 60_000,
                windowsHide: true
            }, (err, stdout, stderr) => {
                const e = err;
                if (e && typeof e.code === 'string') {
                    const why = e.code !== 'ENOENT'
                        ? e.message
                        : (0,external_node_fs_.existsSync)(this.cwd)
                            ? `${this.options.git ?? 'git'} was not found (is git installed?)`
                            : 'the directory does not exist';
                    reject(new Error(`Could not run git in ${this.cwd}: ${(0,util_escape/* escapeLogText */.dD)(why, 300)}.`));
                    return;
                }
                if (e?.killed) {
                    reject(new Error(`git ${args[0]} in ${this.cwd} did not finish within ${this.options.timeoutMs ?? 60_000} ms.`));
                    return;
                }
                resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
            });
        });
    }
}

// EXTERNAL MODULE: ./shared/github/errors.ts
var errors = __webpack_require__(5585);
;// CONCATENATED MODULE: ./shared/dora/github-compare.ts


const PER_PAGE = 100;
const github_compare_SHA = /^[0-9a-f]{4,64}$/i;
/** Commit times from the GitHub API (compare and get-a-commit), for runs without a full checkout. */
class GitHubCompareCommitTimes {
    options;
    where;
    constructor(options) {
        this.options = options;
        this.where = `GitHub commits of ${options.owner}/${options.repo}`;
    }
    async range(commit, previous) {
        for (const sha of previous === undefined ? [commit] : [commit, previous]) {
            if (!github_compare_SHA.test(sha))
                throw new Error(`The commit "${(0,util_escape/* escapeLogText */.dD)(sha, 80)}" is not a commit SHA (hexadecimal), so GitHub cannot look it up.`);
        }
        const { client, owner, repo } = this.options;
        if (previous === undefined) {
            try {
                const res = await client.rest.repos.getCommit({ owner, repo, ref: commit, per_page: 1 });
                return [toCommitTime(res.data)];
            }
            catch (err) {
                throw new Error(this.explain(err, `read the commit ${commit} of ${owner}/${repo}`), { cause: err });
            }
        }
        const max = Math.max(1, this.options.maxCommits ?? 1000);
        const out = [];
        // Three dots: the commits reachable from `commit` and not from `previous`, as git's `previous..commit`.
        const basehead = `${previous}...${commit}`;
        for (let page = 1; out.length < max; page++) {
            let data;
            try {
                data = (await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: PER_PAGE, page })).data;
            }
            catch (err) {
                throw new Error(this.explain(err, `compare ${basehead} in ${owner}/${repo}`), { cause: err });
            }
            out.push(...data.commits.slice(0, max - out.length).map(toCommitTime));
            if (data.commits.length < PER_PAGE || out.length >= Math.min(max, data.total_commits))
                break;
        }
        return out;
    }
    explain(err, what) {
        const sentence = (0,errors/* explainGitHubError */.Pm)(err, what, 'contents');
        // A 404 or 422 on a commit usually means the commit is gone (force push) or never was pushed.
        const status = (0,errors/* errorStatus */.PO)(err);
        return status === 404 || status === 422
            ? `${sentence.replace(/\.$/, '')}; a commit that was never pushed or was force-pushed away also answers so.`
            : sentence;
    }
}
function toCommitTime(c) {
    const committedAt = c.commit.committer?.date ?? c.commit.author?.date;
    const authoredAt = c.commit.author?.date ?? committedAt;
    if (!committedAt || !authoredAt)
        throw new Error(`GitHub returned the commit ${c.sha} without a date.`);
    return { sha: c.sha, committedAt: new Date(committedAt).toISOString(), authoredAt: new Date(authoredAt).toISOString() };
}

;// CONCATENATED MODULE: ./shared/dora/index.ts








/**
 * The DORA report of one environment: reads the ledger back to `since`, asks for the commit
 * times of every promoted change, and computes the four metrics (docs/dora.md says how).
 * A commit range that cannot be read is left out with a note; a ledger that cannot be read throws.
 */
async function doraReport(o) {
    const now = o.now ?? new Date();
    const since = typeof o.since === 'string' ? parseSince(o.since, now) : o.since;
    const loaded = await loadHistory(o.ledger, o.environment, since, o.history);
    const history = classify(loaded);
    const notes = [];
    if (!loaded.reachedSince) {
        const oldest = loaded.records[0]?.createdAt;
        const where = o.ledger.where.charAt(0).toUpperCase() + o.ledger.where.slice(1);
        notes.push(`${where} returned nothing older than ${oldest ?? 'now'} (${loaded.records.length} records): deployments before that, if any, are not counted.`);
    }
    const commits = new Map();
    // One range at a time: git and the GitHub API both prefer it, and ranges are few.
    for (const range of changeRanges(history)) {
        if (range.previous === range.commit) {
            commits.set(range.deploymentId, []);
            continue;
        }
        try {
            commits.set(range.deploymentId, await o.commits.range(range.commit, range.previous));
        }
        catch (err) {
            commits.set(range.deploymentId, null);
            notes.push(`Commits of deployment ${range.deploymentId} not counted: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    return computeMetrics({ environment: o.environment, since, now, history, commits, historyReachesSince: loaded.reachedSince, notes });
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
