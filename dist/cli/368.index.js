export const id = 368;
export const ids = [368];
export const modules = {

/***/ 1368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IncidentIssueNotifier: () => (/* binding */ IncidentIssueNotifier)
/* harmony export */ });
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4896);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5585);


const MENTION = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;
const MAX_BODY = 60_000;
const pct = (x) => `${(x * 100).toFixed(2)} %`;
const cell = (t) => (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(t, 200);
/**
 * Opens one incident issue per environment (labels `incident` + `env:<name>`), comments on it
 * for every further failure instead of opening a duplicate, and closes it on the next promotion.
 */
class IncidentIssueNotifier {
    o;
    name = 'incident-issue';
    labels;
    mentions;
    /** The issue this notifier opened: the issue list can lag behind its creation (no duplicate then). */
    opened = null;
    constructor(o) {
        this.o = o;
        this.labels = ['incident', `env:${o.environment}`];
        for (const m of o.mention ?? [])
            if (!MENTION.test(m))
                throw new Error(`mention "${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(m, 60)}" is not a GitHub handle such as @octocat or @my-org/oncall.`);
        this.mentions = o.mention ?? [];
    }
    async notify(event) {
        if (event.type !== 'finished' || event.report.environment !== this.o.environment)
            return;
        const r = event.report;
        try {
            if (r.result === 'rolled-back' || r.result === 'failed')
                return await this.open(r, event.logUrl, event.deploymentUrl);
            if (r.result === 'promoted')
                return await this.resolve(r, event.deploymentUrl);
        }
        catch (err) {
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainGitHubError */ .Pm)(err, `update the incident issue for ${this.o.environment}`, 'issues'), { cause: err });
        }
    }
    async openIssues() {
        const { owner, repo } = this.o.ctx;
        const res = await this.o.client.rest.issues.listForRepo({ owner, repo, labels: this.labels.join(','), state: 'open', per_page: 30 });
        // The issues endpoint also lists pull requests.
        return res.data.filter((i) => !('pull_request' in i && i.pull_request));
    }
    async ensureLabels() {
        const { owner, repo } = this.o.ctx;
        const colors = { incident: 'b60205' };
        for (const name of this.labels) {
            try {
                await this.o.client.rest.issues.createLabel({ owner, repo, name, color: colors[name] ?? '5319e7' });
            }
            catch (err) {
                if ((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorStatus */ .PO)(err) !== 422)
                    throw err; // 422 already_exists is the normal case
            }
        }
    }
    async open(r, logUrl, deploymentUrl) {
        const { owner, repo } = this.o.ctx;
        const body = clipBody(await this.body(r, logUrl, deploymentUrl));
        const existing = (await this.openIssues())[0] ?? this.opened;
        if (existing) {
            await this.o.client.rest.issues.createComment({ owner, repo, issue_number: existing.number, body });
            this.o.logger.info(`Incident issue #${existing.number} updated.`);
            return { url: existing.html_url };
        }
        await this.ensureLabels();
        const verb = r.result === 'rolled-back' ? 'rolled back' : 'failed';
        const created = await this.o.client.rest.issues.create({
            owner,
            repo,
            labels: this.labels,
            title: `Incident: ${r.release.version} ${verb} in ${this.o.environment}`.slice(0, 250),
            body
        });
        this.opened = { number: created.data.number, html_url: created.data.html_url };
        this.o.logger.info(`Incident issue #${created.data.number} opened.`);
        return { url: created.data.html_url };
    }
    async resolve(r, deploymentUrl) {
        const { owner, repo } = this.o.ctx;
        const open = await this.openIssues();
        if (this.opened && !open.some((i) => i.number === this.opened?.number))
            open.push(this.opened);
        this.opened = null;
        for (const issue of open) {
            const link = deploymentUrl ? `[deployment ${r.deploymentId}](${deploymentUrl})` : `deployment ${r.deploymentId}`;
            await this.o.client.rest.issues.createComment({
                owner,
                repo,
                issue_number: issue.number,
                body: `Resolved by ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.release.version, 100)}, ${link}, promoted to 100 % in ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(this.o.environment, 100)}.`
            });
            await this.o.client.rest.issues.update({ owner, repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
            this.o.logger.info(`Incident issue #${issue.number} closed.`);
        }
        return open[0] ? { url: open[0].html_url } : undefined;
    }
    async commitRange(r) {
        const base = r.previous?.commit;
        const head = r.release.commit;
        if (!base || !head || base === head)
            return [];
        try {
            const res = await this.o.client.rest.repos.compareCommitsWithBasehead({
                owner: this.o.ctx.owner,
                repo: this.o.ctx.repo,
                basehead: `${base}...${head}`,
                per_page: 50
            });
            const lines = res.data.commits.map((c) => `- \`${c.sha.slice(0, 7)}\` ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(c.commit.message.split('\n')[0] ?? '', 120)}`);
            const more = res.data.total_commits - res.data.commits.length;
            if (more > 0)
                lines.push(`- … and ${more} more`);
            return lines;
        }
        catch (err) {
            this.o.logger.debug(`Could not compare ${base.slice(0, 7)}...${head.slice(0, 7)} (${(0,_github_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorStatus */ .PO)(err) ?? 'error'}); the issue lists no commit range.`);
            return [];
        }
    }
    async body(r, logUrl, deploymentUrl) {
        const lines = [];
        const verb = r.result === 'rolled-back' ? 'was rolled back' : 'failed';
        lines.push(`### ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.release.version, 100)} ${verb} in ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.environment, 100)}`, '');
        lines.push(`**Why:** ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.reason, 500)}`, '');
        lines.push(`- Previous version: ${r.previous ? (0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.previous.version, 100) : 'none'}`);
        lines.push(`- Canary weight when it ended: ${r.weight} %`);
        if (r.rollbackMs !== null)
            lines.push(`- Back on stable at 100 % after ${r.rollbackMs} ms`);
        const runUrl = logUrl ?? this.o.ctx.runUrl;
        if (runUrl)
            lines.push(`- Run: ${runUrl}`);
        lines.push(`- Deployment: ${deploymentUrl ?? r.deploymentId}`);
        const evidence = r.steps.flatMap((s) => s.verdict.checks.map((c) => ({ s, c })));
        if (evidence.length) {
            lines.push('', '#### Evidence', '', '| step | signal | decision | canary | stable | tolerance | statistic | boundary |', '|---|---|---|---|---|---|---|---|');
            for (const { s, c } of evidence) {
                const fmt = (x) => (c.signal === 'error-rate' ? pct(x) : Number.isFinite(x) ? x.toFixed(3) : String(x));
                lines.push(`| ${s.weight} % | ${cell(c.signal)} | ${c.decision} | ${fmt(c.canary)} | ${fmt(c.stable)} | ${c.signal === 'error-rate' ? `${(c.tolerance * 100).toFixed(2)} pt` : c.tolerance} | ${c.statistic.toFixed(3)} | ${c.boundary.toFixed(3)} |`);
            }
            const explained = evidence.filter(({ c }) => c.decision === 'fail').map(({ c }) => `- ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(c.explanation, 400)}`);
            if (explained.length)
                lines.push('', ...explained);
        }
        const samples = r.steps.flatMap((s) => s.failingSamples ?? []).slice(0, 5);
        if (samples.length) {
            lines.push('', '#### Sample failing responses (untrusted text)', '', '```text');
            for (const s of samples)
                lines.push(`${s.status} ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCodeBlock */ .Og)(s.detail, 300).replace(/\n/g, ' ')}`);
            lines.push('```');
        }
        if (r.timeline.length) {
            lines.push('', '#### Timeline', '');
            for (const t of r.timeline.slice(-40))
                lines.push(`- ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(t.at, 40)} ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(t.event, 100)}${t.detail ? `: ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(t.detail, 200)}` : ''}`);
        }
        const range = await this.commitRange(r);
        if (range.length)
            lines.push('', `#### Commits between ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.previous?.version ?? '', 60)} and ${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(r.release.version, 60)}`, '', ...range);
        if (this.mentions.length)
            lines.push('', `cc ${this.mentions.join(' ')}`);
        return lines.join('\n');
    }
}
function clipBody(text) {
    return text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY)}\n\n… (truncated)`;
}


/***/ })

};
