export const id = 515;
export const ids = [515,40];
export const modules = {

/***/ 5040:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ statusDescription),
/* harmony export */   CommitStatusNotifier: () => (/* binding */ CommitStatusNotifier)
/* harmony export */ });
/* unused harmony exports postCommitStatus, commitStatusStateFor */
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5585);

/** GitHub rejects status descriptions over 140 characters. */
function clip(text, max = 140) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
/**
 * Posts one commit status on ctx.statusSha (the PR head for pull_request events, so branch
 * protection can require the context). Throws one explained sentence on failure.
 */
async function postCommitStatus(client, ctx, s) {
    try {
        await client.rest.repos.createCommitStatus({
            owner: ctx.owner,
            repo: ctx.repo,
            sha: ctx.statusSha,
            state: s.state,
            context: s.context,
            description: clip(s.description),
            ...(s.targetUrl ? { target_url: s.targetUrl } : {})
        });
    }
    catch (err) {
        throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainGitHubError */ .Pm)(err, `set the commit status ${s.context}`, 'statuses'), { cause: err });
    }
}
const pct = (x) => `${(x * 100).toFixed(1)} %`;
/** e.g. "v2 rolled back at 10 %: canary error rate 30.0 % vs 0.9 % (tolerance 1 pt)". */
function statusDescription(report) {
    const v = report.release.version;
    const failing = report.steps.flatMap((s) => s.verdict.checks.map((c) => ({ c, weight: s.weight }))).find(({ c }) => c.decision === 'fail');
    const evidence = failing
        ? failing.c.signal === 'error-rate'
            ? `canary error rate ${pct(failing.c.canary)} vs ${pct(failing.c.stable)} (tolerance ${(failing.c.tolerance * 100).toFixed(1).replace(/\.0$/, '')} pt)`
            : `${failing.c.signal} canary ${failing.c.canary.toFixed(3)} vs ${failing.c.stable.toFixed(3)} (tolerance ${failing.c.tolerance})`
        : report.reason;
    switch (report.result) {
        case 'promoted':
            return clip(`${v} promoted to 100 % in ${report.environment}`);
        case 'rolled-back':
            return clip(`${v} rolled back at ${report.weight} %: ${evidence}`);
        case 'failed':
            return clip(`${v} failed: ${report.reason}`);
        case 'paused':
            return clip(`${v} paused at ${report.weight} %: ${report.reason}`);
    }
}
/** The commit status a rollout's result leaves on the commit (a paused rollout stays pending). */
function commitStatusStateFor(result) {
    return result === 'promoted' ? 'success' : result === 'rolled-back' ? 'failure' : result === 'failed' ? 'error' : 'pending';
}
class CommitStatusNotifier {
    o;
    name = 'commit-status';
    constructor(o) {
        this.o = o;
    }
    async notify(event) {
        const environment = event.type === 'started' ? event.environment : event.report.environment;
        const context = this.o.context ?? `shipgate/${environment}`;
        const targetUrl = event.logUrl ?? this.o.ctx.runUrl;
        if (event.type === 'started') {
            await postCommitStatus(this.o.client, this.o.ctx, {
                context,
                state: 'pending',
                description: `Rolling out ${event.version} to ${environment}`,
                targetUrl
            });
            return;
        }
        // A promote or abort from another run resolves the status where the rollout posted it.
        const ctx = event.statusCommit ? { ...this.o.ctx, statusSha: event.statusCommit } : this.o.ctx;
        await postCommitStatus(this.o.client, ctx, {
            context,
            state: commitStatusStateFor(event.report.result),
            description: statusDescription(event.report),
            targetUrl
        });
    }
}


/***/ }),

/***/ 2515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WebhookNotifier: () => (/* binding */ WebhookNotifier),
/* harmony export */   d: () => (/* binding */ webhookSecrets)
/* harmony export */ });
/* unused harmony export webhookBody */
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);
/* harmony import */ var _commit_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5040);


/**
 * The secrets in a webhook URL: the URL, and its path (with the query), whose last segment is the
 * key of a Slack-style hook; a path or segment shorter than 8 characters is not a secret of its own.
 */
function webhookSecrets(url) {
    const out = new Set();
    if (!url.trim())
        return [];
    out.add(url.trim());
    if (URL.canParse(url)) {
        const u = new URL(url);
        const credentials = urlCredentials(u);
        if (credentials) {
            out.add(credentials);
            const password = credentials.slice(credentials.indexOf(':') + 1);
            if (password.length >= 4)
                out.add(password);
            out.add(Buffer.from(credentials).toString('base64'));
        }
        const secretPath = `${u.pathname}${u.search}`;
        if (secretPath.length >= 8)
            out.add(secretPath);
        const last = u.pathname.split('/').filter(Boolean).at(-1);
        if (last && last.length >= 8)
            out.add(last);
    }
    return [...out];
}
/** `user:password` of a URL, decoded ('' when it has none). */
function urlCredentials(u) {
    const decode = (part) => {
        try {
            return decodeURIComponent(part);
        }
        catch {
            return part;
        }
    };
    return u.username || u.password ? `${decode(u.username)}:${decode(u.password)}` : '';
}
/** Slack mrkdwn: only &, < and > are special; untrusted text cannot form links or mentions. */
function slackEscape(text) {
    return (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLogText */ .dD)(text, 500).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function webhookBody(report, logUrl) {
    const icon = report.result === 'promoted' ? ':white_check_mark:' : report.result === 'paused' ? ':double_vertical_bar:' : ':rotating_light:';
    const text = `${icon} Shipgate ${slackEscape(report.environment)}: ${slackEscape((0,_commit_status_js__WEBPACK_IMPORTED_MODULE_0__/* .statusDescription */ .$U)(report))}`;
    const fields = [
        `*Result:* ${report.result}`,
        `*Version:* ${slackEscape(report.release.version)}`,
        `*Previous:* ${slackEscape(report.previous?.version ?? 'none')}`,
        `*Weight:* ${report.weight} %`
    ];
    const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text } },
        { type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: f })) },
        { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(report.reason) }] }
    ];
    if (logUrl && /^https?:\/\//.test(logUrl))
        blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open run' }, url: logUrl }] });
    return { text, blocks };
}
/** Posts a Slack-compatible message; a failure is a warning and never changes the rollout. */
class WebhookNotifier {
    o;
    name = 'webhook';
    constructor(o) {
        this.o = o;
        if (!/^https?:\/\//.test(o.url))
            throw new Error('The webhook URL must start with https:// (or http://).');
    }
    async notify(event) {
        if (event.type !== 'finished')
            return;
        if (this.o.results && !this.o.results.includes(event.report.result))
            return;
        try {
            // fetch refuses a URL with credentials: they go in a Basic header, as curl sends them.
            const target = new URL(this.o.url);
            const credentials = urlCredentials(target);
            target.username = '';
            target.password = '';
            const res = await fetch(target, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}) },
                body: JSON.stringify(webhookBody(event.report, event.logUrl)),
                signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
                redirect: 'error'
            });
            await res.arrayBuffer().catch(() => undefined);
            if (!res.ok)
                this.o.logger.warning(`The webhook answered ${res.status}; the notification was not delivered.`);
        }
        catch (err) {
            // The error text of fetch can contain the URL: say only what kind of failure it was.
            const kind = err.name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs ?? 10_000} ms` : 'the request failed';
            this.o.logger.warning(`The webhook notification was not delivered: ${kind}.`);
        }
    }
}


/***/ })

};
