export const id = 358;
export const ids = [358];
export const modules = {

/***/ 2358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ReplayError: () => (/* binding */ ReplayError),
/* harmony export */   renderReplay: () => (/* binding */ renderReplay),
/* harmony export */   replayReport: () => (/* binding */ replayReport),
/* harmony export */   replaySettingsText: () => (/* binding */ replaySettingsText)
/* harmony export */ });
/* harmony import */ var _judges_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6559);
/* harmony import */ var _judges_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9104);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4896);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8515);
/* harmony import */ var _sample_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1248);
/* harmony import */ var _step_rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2518);






/**
 * `shipgate replay <report.json>`: judges a recorded rollout's samples again with other settings
 * (another tolerance, α, judge…) and says whether the decision would change. The steps are
 * replayed look by look with the engine's rules (step-rules.ts): the same judge per step (one
 * carried across live steps), the same look boundaries, the same router-share check, the same
 * end of a step at its duration, and on-inconclusive from the plan.
 *
 * A replay can only use what was recorded: a step the replayed judge decides sooner ends there
 * (the next step's recorded looks follow), and one it would have decided later than the rollout
 * did ends with the record, undecided.
 */
/** A report that cannot be replayed: one sentence why. */
class ReplayError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReplayError';
    }
}
/** Judges a recorded rollout's samples again with `overrides` of its analysis settings. Throws ReplayError with one sentence. */
function replayReport(report, overrides = {}, factories = { createJudge: _judges_index_js__WEBPACK_IMPORTED_MODULE_0__/* .createJudge */ .qU, createFirstReleaseJudge: _judges_index_js__WEBPACK_IMPORTED_MODULE_0__/* .createFirstReleaseJudge */ .$p }) {
    const { plan, records } = readReport(report);
    const policy = { ...plan.analysis, ...defined(overrides) };
    const replayedSteps = new Map();
    const replayedWalk = walk(report, plan, policy, (step, carried) => {
        const r = replayStep(step, records.get(step), plan, policy, factories, carried, report.firstRelease === true);
        replayedSteps.set(step, r);
        return r;
    });
    // What the recorded verdicts led to by the same rules (the report's result may come from something else, e.g. a failing command).
    const recordedWalk = walk(report, plan, plan.analysis, (step) => ({
        decision: step.verdict.decision,
        decidedByPolicy: step.decidedByPolicy,
        endOfRecord: false
    }));
    const steps = report.steps.map((s) => {
        const replayed = replayedSteps.get(s) ?? null;
        const looks = records.get(s);
        return {
            index: s.index,
            weight: s.weight,
            ...(s.wave !== undefined ? { wave: s.wave } : {}),
            baseline: s.evidence?.baseline ?? 'live',
            recorded: {
                decision: s.verdict.decision,
                reason: s.verdict.reason,
                decidedByPolicy: s.decidedByPolicy,
                atMs: looks.length ? looks[looks.length - 1].atMs : 0,
                samples: s.verdict.samples
            },
            replayed,
            changed: replayed === null || replayed.decision !== s.verdict.decision || replayed.endOfRecord
        };
    });
    const changed = replayedWalk.result !== recordedWalk.result || steps.some((s) => s.changed);
    return {
        environment: report.environment,
        deploymentId: report.deploymentId,
        version: report.release.version,
        previousVersion: report.previous?.version ?? null,
        policy: { recorded: plan.analysis, replayed: policy },
        steps,
        recorded: { result: report.result, reason: report.reason },
        replayed: replayedWalk,
        changed
    };
}
/** The plan and every step's decoded record, or the sentence saying why the report cannot be replayed. */
function readReport(report) {
    if (report === null || typeof report !== 'object' || report.schema !== 'shipgate/rollout-report@1' || !Array.isArray(report.steps)) {
        throw new ReplayError('This is not a Shipgate rollout report (its "schema" is not shipgate/rollout-report@1).');
    }
    const recorded = report.plan;
    if (!recorded)
        throw new ReplayError('The report has no plan on record (it is the report of a promote, abort or restore, not of a rollout), so there is nothing to replay.');
    // Reports written before `beta` existed (1.0.0) were judged with the pass bound at alpha.
    const plan = {
        ...recorded,
        analysis: { ...recorded.analysis, beta: recorded.analysis.beta ?? recorded.analysis.alpha }
    };
    if (report.steps.length === 0)
        throw new ReplayError('No step of this rollout was analysed (it ended before its first step), so there is nothing to replay.');
    const records = new Map();
    for (const step of report.steps) {
        const e = step.evidence;
        const which = `step ${step.index + 1} (${step.weight} %${step.wave !== undefined ? `, wave ${step.wave + 1}` : ''})`;
        if (!e) {
            throw new ReplayError(`The report keeps no samples for ${which}: it was written by an older version of Shipgate, or without its samples, so it cannot be replayed.`);
        }
        if (e.truncated) {
            throw new ReplayError(`The report's samples stop at ${which}: a report keeps at most ${(0,_judges_format_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(_sample_log_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_EVIDENCE_SAMPLES */ .dB)} samples and this rollout saw more, so it cannot be replayed exactly.`);
        }
        try {
            records.set(step, (0,_sample_log_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeEvidence */ .kw)(e));
        }
        catch (err) {
            if (!(err instanceof _sample_log_js__WEBPACK_IMPORTED_MODULE_1__/* .EvidenceError */ .oe))
                throw err;
            throw new ReplayError(`The report's record of ${which} is damaged (${err.message}), so it cannot be replayed.`);
        }
    }
    return { plan, records };
}
/** The overrides that are set (an undefined one leaves the recorded value). */
function defined(overrides) {
    return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
}
/** One step judged again from its record. */
function replayStep(step, looks, plan, policy, factories, carried, firstRelease) {
    const e = step.evidence;
    // The first release is judged by the first-release judge whatever the baseline, and carries nothing (as judgeFirstRelease).
    const judge = (0,_step_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .startStepJudge */ .Yd)(e.baseline, policy, { index: step.index, weight: step.weight }, firstRelease ? { createJudge: factories.createFirstReleaseJudge, createFirstReleaseJudge: factories.createFirstReleaseJudge } : factories, firstRelease ? undefined : carried);
    let last = null;
    let atMs = 0;
    let n = 0;
    for (const look of looks) {
        n++;
        atMs = look.atMs;
        last = (0,_step_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .judgeLook */ .FD)(judge, look.samples, {
            elapsedMs: look.atMs,
            stepDurationMs: plan.stepDurationMs,
            weight: step.weight,
            routers: e.routers,
            share: look.share
        });
        if (last.done)
            break;
    }
    const verdict = last?.verdict ?? judge.verdict(false);
    const done = last?.done ?? false;
    return {
        decision: verdict.decision,
        reason: done ? verdict.reason : `${verdict.reason.replace(/\.\s*$/, '')}; the record ends at ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(atMs)}, before this judge decided.`,
        checks: verdict.checks,
        statistics: judge.statistics(),
        atMs,
        looks: n,
        samples: verdict.samples,
        decidedByPolicy: verdict.decision === 'continue' && (last?.final ?? false),
        endOfRecord: !done
    };
}
/**
 * The engine's walk over the steps (rollout.ts walkWaves, walkSteps, judgeFirstRelease) on
 * recorded steps: each wave in turn with its own carried judge; the first step of a first release
 * decides alone; `pause` before the last step ends the run paused; a failed step rolls back
 * (fails, without auto-rollback). Only the decisions are modelled, not the target's commands.
 */
function walk(report, plan, policy, decide) {
    const plannedWaves = report.waves?.length ?? 1;
    const n = plan.steps.length;
    const failed = (why) => plan.autoRollback ? { result: 'rolled-back', reason: `Rolled back: ${why}.` } : { result: 'failed', reason: `Failed: ${why}.` };
    for (let w = 0; w < plannedWaves; w++) {
        const inWave = report.steps.filter((s) => (s.wave ?? 0) === w);
        const name = report.waves?.[w]?.name;
        const prefix = report.waves ? `wave ${w + 1}${name ? ` (${name})` : ''}: ` : '';
        if (inWave.length === 0)
            return { result: 'undecided', reason: `The replay would go on to ${prefix.replace(/: $/, '')}, which the report does not record.` };
        const carried = {};
        const steps = report.firstRelease ? 1 : n;
        for (let i = 0; i < steps; i++) {
            const weight = plan.steps[i];
            if (!report.firstRelease && plan.pauseBeforeLast && i === n - 1) {
                return { result: 'paused', reason: `Paused at ${plan.steps[i - 1]} %: ${prefix}the plan pauses before ${weight} %.` };
            }
            const step = inWave.find((s) => s.index === i);
            if (!step)
                return { result: 'undecided', reason: `The replay would go on to ${prefix}step ${i + 1} at ${weight} %, which the report does not record.` };
            const d = decide(step, carried);
            if (d.endOfRecord) {
                return {
                    result: 'undecided',
                    reason: `${cap(prefix)}the record of the step at ${weight} % ends before the replayed judge decided (the rollout decided it sooner).`
                };
            }
            const outcome = (0,_step_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .stepOutcome */ .fh)(d.decision, policy.onInconclusive);
            if (outcome === 'fail')
                return failed(`${prefix}the step at ${weight} % failed`);
            if (outcome === 'inconclusive-rollback')
                return failed(`${prefix}the step at ${weight} % was inconclusive and on-inconclusive is rollback`);
            if (outcome === 'inconclusive-pause')
                return { result: 'paused', reason: `Paused at ${weight} %: ${prefix}the step was inconclusive and on-inconclusive is pause.` };
            if (report.firstRelease && plan.pauseBeforeLast && outcome === 'pass') {
                return { result: 'paused', reason: `Paused at ${weight} %: ${prefix}the first release passed and the plan pauses before 100 %.` };
            }
        }
    }
    return { result: 'promoted', reason: report.waves ? `Promoted in all ${plannedWaves} waves.` : 'Promoted.' };
}
function cap(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
// ---- Rendering ---------------------------------------------------------------------------
const RESULT_WORDS = {
    promoted: 'promoted',
    'rolled-back': 'rolled back',
    failed: 'failed',
    paused: 'paused',
    undecided: 'undecided (beyond the record)'
};
const SETTINGS = [
    { key: 'judge', input: 'judge', show: String },
    { key: 'errorTolerance', input: 'error-tolerance', show: String },
    { key: 'latencyTolerance', input: 'latency-tolerance', show: (v) => `${+(v * 100).toPrecision(4)}%` },
    { key: 'maxLatencyMs', input: 'max-latency', show: (v) => (v === undefined ? 'none' : `${v} ms`) },
    { key: 'alpha', input: 'alpha', show: String },
    { key: 'beta', input: 'beta', show: String },
    { key: 'minSamples', input: 'min-samples', show: String },
    { key: 'onInconclusive', input: 'on-inconclusive', show: String }
];
/** The settings the replay changed, e.g. "error-tolerance 0.05 (was 0.01)"; "the recorded settings" when none. */
function replaySettingsText(result) {
    const changed = SETTINGS.filter((s) => result.policy.replayed[s.key] !== result.policy.recorded[s.key]).map((s) => `${s.input} ${s.show(result.policy.replayed[s.key])} (was ${s.show(result.policy.recorded[s.key])})`);
    return changed.length ? changed.join(', ') : 'the recorded settings';
}
function decisionWord(d, byPolicy) {
    if (d === 'continue')
        return byPolicy ? 'inconclusive' : 'undecided';
    return d;
}
/**
 * The replay as a table (step, weight, recorded, replayed, samples, reason) and a last line
 * saying whether the decision would change. Text from the report (versions, reasons: they may
 * quote probed services) is escaped for the log, or for Markdown with `markdown: true`.
 */
function renderReplay(result, options = {}) {
    const md = options.markdown === true;
    const esc = (t, max) => (md ? (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeMarkdown */ .FV)(t, max) : (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeLogText */ .dD)(t, max));
    const head = `Replay of deployment ${esc(result.deploymentId || '?', 40)} of ${esc(result.version, 80)} to ${esc(result.environment, 80)} with ${esc(replaySettingsText(result))}`;
    const header = ['Step', 'Weight', 'Recorded', 'Replayed', 'Samples (canary/stable)', 'Reason'];
    const rows = result.steps.map((s) => {
        const recorded = `${decisionWord(s.recorded.decision, s.recorded.decidedByPolicy)} at ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(s.recorded.atMs)}`;
        const r = s.replayed;
        const replayed = r ? `${decisionWord(r.decision, r.decidedByPolicy)} at ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(r.atMs)}` : 'not reached';
        const samples = r ? `${(0,_judges_format_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(r.samples.canary)}/${(0,_judges_format_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(r.samples.stable)}` : `${(0,_judges_format_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(s.recorded.samples.canary)}/${(0,_judges_format_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(s.recorded.samples.stable)}`;
        const reason = r ? r.reason : 'an earlier step ended the replayed rollout';
        return [
            `${s.wave !== undefined ? `${s.wave + 1}.` : ''}${s.index + 1}${s.changed ? ' *' : ''}`,
            `${s.weight} %`,
            recorded,
            replayed,
            samples,
            esc(reason, 300)
        ];
    });
    const recordedWord = RESULT_WORDS[result.recorded.result];
    const replayedWord = RESULT_WORDS[result.replayed.result];
    const last = result.changed
        ? `The decision would change: ${recordedWord} → ${replayedWord}${result.recorded.result === result.replayed.result ? ' (a step decides differently)' : ''}.`
        : 'The decision would be unchanged.';
    const outcome = `Recorded: ${recordedWord} — ${esc(result.recorded.reason)}\nReplayed: ${replayedWord} — ${esc(result.replayed.reason)}`;
    if (md) {
        const line = (cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
        return [`**${head}**`, '', line(header), line(header.map(() => '---')), ...rows.map(line), '', outcome.replace('\n', '  \n'), '', `**${last}**`, ''].join('\n');
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    return [head, '', line(header), ...rows.map(line), '', outcome, '', last, ''].join('\n');
}


/***/ })

};
