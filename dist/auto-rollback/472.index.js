export const id = 472;
export const ids = [472];
export const modules = {

/***/ 8472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RevertPrNotifier: () => (/* binding */ RevertPrNotifier)
});

// UNUSED EXPORTS: plainText, refComponent

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
// EXTERNAL MODULE: ./shared/github/errors.ts
var errors = __webpack_require__(5585);
;// CONCATENATED MODULE: ./shared/github/revert-range.ts

/** GitHub's compare lists at most 300 files: a longer list may be cut short. */
const COMPARE_FILE_LIMIT = 300;
const revert_range_short = (sha) => sha.slice(0, 7);
const same = (a, b) => (a === null ? b === null : b !== null && a.sha === b.sha && a.mode === b.mode && a.type === b.type);
/** Which error a step of the revert failed with: the caller explains it. */
class RevertStepError extends Error {
    step;
    constructor(step, cause) {
        super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
        this.step = step;
    }
}
async function step(what, run) {
    try {
        return await run();
    }
    catch (err) {
        throw new RevertStepError(what, err);
    }
}
/**
 * Reads entries by path under root trees: one recursive listing per root, and when GitHub cuts
 * that listing short (over 100,000 entries or 7 MB), a walk through the path's directories.
 */
class TreeReader {
    client;
    owner;
    repo;
    listings = new Map();
    dirs = new Map();
    constructor(client, owner, repo) {
        this.client = client;
        this.owner = owner;
        this.repo = repo;
    }
    async list(treeSha, recursive) {
        const res = await this.client.rest.git.getTree({ owner: this.owner, repo: this.repo, tree_sha: treeSha, ...(recursive ? { recursive: 'true' } : {}) });
        const entries = new Map();
        for (const e of res.data.tree)
            if (e.path && e.sha && e.mode && e.type)
                entries.set(e.path, { mode: e.mode, type: e.type, sha: e.sha });
        return { entries, truncated: res.data.truncated };
    }
    async entry(root, path) {
        if (!this.listings.has(root)) {
            const { entries, truncated } = await this.list(root, true);
            this.listings.set(root, truncated ? null : entries);
        }
        const listing = this.listings.get(root);
        if (listing)
            return listing.get(path) ?? null;
        let tree = root;
        const parts = path.split('/');
        for (let i = 0; i < parts.length; i++) {
            if (!this.dirs.has(tree))
                this.dirs.set(tree, (await this.list(tree, false)).entries);
            const e = this.dirs.get(tree).get(parts[i]);
            if (!e || i === parts.length - 1)
                return e ?? null;
            if (e.type !== 'tree')
                return null;
            tree = e.sha;
        }
        return null;
    }
}
/**
 * Makes the revert commit, or says in one sentence why there is none. Errors of GitHub calls are
 * thrown as RevertStepError naming the step.
 */
async function revertRange(r) {
    const { client, owner, repo, base, good, bad } = r;
    const range = `${revert_range_short(good)}..${revert_range_short(bad)}`;
    const head = await step(`read the branch ${base}`, async () => (await client.rest.git.getRef({ owner, repo, ref: `heads/${base}` })).data.object.sha);
    const compare = async (from, to) => {
        try {
            return (await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${from}...${to}` })).data;
        }
        catch (err) {
            if ((0,errors/* errorStatus */.PO)(err) === 404)
                return null;
            throw new RevertStepError(`compare ${revert_range_short(from)}...${revert_range_short(to)}`, err);
        }
    };
    const range1 = await compare(good, bad);
    if (!range1)
        return { made: false, why: `GitHub knows no common history of ${revert_range_short(good)} and ${revert_range_short(bad)} in ${owner}/${repo} (compare answered 404).` };
    if (range1.status === 'identical')
        return { made: false, why: `${revert_range_short(good)} and ${revert_range_short(bad)} are the same commit.` };
    if (range1.status !== 'ahead')
        return {
            made: false,
            why: `${revert_range_short(good)} is not an ancestor of ${revert_range_short(bad)} (the history between them is ${range1.status}), so there is no range of commits to revert.`
        };
    const listed = range1.files ?? [];
    if (listed.length >= COMPARE_FILE_LIMIT)
        return {
            made: false,
            why: `${range} changes ${COMPARE_FILE_LIMIT} files or more, more than GitHub's compare can list, so Shipgate cannot be sure to revert all of them.`
        };
    const commits = range1.commits.map((c) => ({ sha: c.sha, subject: c.commit.message.split('\n')[0] ?? '' }));
    if (head !== bad) {
        const since = await compare(bad, head);
        if (!since || (since.status !== 'ahead' && since.status !== 'identical'))
            return {
                made: false,
                why: `the failed commit ${revert_range_short(bad)} is not in the history of ${base} (${since ? `compare says ${since.status}` : 'compare answered 404'}), so reverting it there would revert something else.`
            };
    }
    const trees = await step('read the commits of the range', async () => {
        const tree = async (sha) => (await client.rest.git.getCommit({ owner, repo, commit_sha: sha })).data.tree.sha;
        return { good: await tree(good), bad: await tree(bad), head: head === bad ? '' : await tree(head) };
    });
    const headTree = trees.head || trees.bad;
    // Every path the range touched (for renames, both names), compared entry by entry: a listed
    // path whose entry did not really change (a copy's source) is left alone.
    const renamedTo = new Map();
    const paths = new Set();
    for (const f of listed) {
        paths.add(f.filename);
        if (f.previous_filename) {
            paths.add(f.previous_filename);
            if (f.status === 'renamed')
                renamedTo.set(f.previous_filename, f.filename);
        }
    }
    const reader = new TreeReader(client, owner, repo);
    const toRevert = [];
    await step('read the trees of the range', async () => {
        for (const path of [...paths].sort()) {
            // A directory in the good commit is restored file by file (its files are listed too).
            const g = await reader.entry(trees.good, path);
            const goodEntry = g?.type === 'tree' ? null : g;
            const badEntry = await reader.entry(trees.bad, path);
            if (same(goodEntry, badEntry))
                continue;
            const headEntry = headTree === trees.bad ? badEntry : await reader.entry(headTree, path);
            toRevert.push({ path, good: goodEntry, bad: badEntry, head: headEntry });
        }
    });
    if (!toRevert.length)
        return { made: false, why: `no file differs between ${revert_range_short(good)} and ${revert_range_short(bad)}, so there is nothing to revert.` };
    if (toRevert.every((f) => same(f.head, f.good)))
        return { made: false, why: `${base} already has every file of ${range} as it was at ${revert_range_short(good)} (already reverted).` };
    const conflicts = toRevert.filter((f) => !same(f.head, f.bad)).map((f) => f.path);
    if (conflicts.length) {
        const named = conflicts.slice(0, 5).join(', ') + (conflicts.length > 5 ? ` and ${conflicts.length - 5} more` : '');
        return {
            made: false,
            why: `${conflicts.length === 1 ? 'a file' : `${conflicts.length} files`} of ${range} changed again on ${base} since ${revert_range_short(bad)} (${named}), so the revert needs a merge by hand.`
        };
    }
    // Deletions first, so a path that was a directory in one commit and a file in the other ends right.
    const edits = toRevert
        .map((f) => f.good ? { path: f.path, mode: f.good.mode, type: f.good.type, sha: f.good.sha } : { path: f.path, mode: f.bad.mode, type: f.bad.type, sha: null })
        .sort((a, b) => (a.sha === null ? 0 : 1) - (b.sha === null ? 0 : 1));
    const tree = await step('write the reverted tree', async () => (await client.rest.git.createTree({ owner, repo, base_tree: headTree, tree: edits })).data.sha);
    const commit = await step('write the revert commit', async () => (await client.rest.git.createCommit({ owner, repo, message: r.message(commits, range1.total_commits), tree, parents: [head] })).data.sha);
    return {
        made: true,
        commit,
        tree,
        head,
        commits,
        totalCommits: range1.total_commits,
        files: toRevert.map((f) => ({
            path: f.path,
            action: f.good ? 'restored' : 'deleted',
            ...(renamedTo.has(f.path) ? { renamedTo: renamedTo.get(f.path) } : {})
        }))
    };
}

;// CONCATENATED MODULE: ./shared/notifiers/revert-pr.ts




const MAX_BODY = 60_000;
const SHA = /^[0-9a-f]{7,64}$/i;
const PERMISSIONS = '`permissions: contents: write` and `pull-requests: write`';
/** Plain text (a commit message, a title): one line, no control characters, no mentions or issue references that notify or close. */
function plainText(text, max = 200) {
    const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
    return (clipped
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f\u0080-\u009f]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .replace(/@/g, '@\u200b')
        .replace(/#(?=\d)/g, '#\u200b')
        .replace(/\bGH-(?=\d)/gi, (m) => `${m.slice(0, 2)}\u200b-`)
        .trim());
}
/** escapeMarkdown, and issue references that would link, or close an issue on merge ("fixes #12"), made inert. */
function md(text, max = 100) {
    return (0,util_escape/* escapeMarkdown */.FV)(text, max)
        .replace(/#(?=\d)/g, '#\u200b')
        .replace(/\bGH-(?=\d)/gi, (m) => `${m.slice(0, 2)}\u200b-`);
}
/**
 * An environment name as one component of a branch name: characters Git refuses become `-`;
 * when anything had to change, a short hash of the original keeps two environments apart.
 */
function refComponent(environment) {
    const cleaned = environment
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[.-]+|[.-]+$/g, '')
        .replace(/\.lock$/i, '')
        .slice(0, 40);
    if (cleaned === environment && cleaned)
        return cleaned;
    return `${cleaned || 'env'}-${(0,external_node_crypto_.createHash)('sha256').update(environment).digest('hex').slice(0, 6)}`;
}
/** A Markdown link only to an http(s) URL, with nothing in it that could end the link. */
function revert_pr_link(text, url) {
    if (!url)
        return undefined;
    let u;
    try {
        u = new URL(url);
    }
    catch {
        return undefined;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:')
        return undefined;
    return `[${text}](${u.href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}
/** True when the canary analysis (a failing verdict, or the plan's policy at a step's end) rolled the release back. */
function rolledBackByAnalysis(r) {
    return r.steps.some((s) => s.verdict.decision === 'fail' || s.decidedByPolicy);
}
/**
 * After an automatic rollback, opens a pull request that reverts the commits between the last
 * good version and the failed one (branch `shipgate/revert-<env>-<good7>-<bad7>`), made with the
 * Git Data API. A second rollback of the same range updates that pull request. Needs
 * `contents: write` and `pull-requests: write`.
 */
class RevertPrNotifier {
    o;
    name = 'revert-pr';
    labels;
    /** Pull requests this notifier opened, by branch: the list can lag behind their creation. */
    opened = new Map();
    labelsReady = false;
    constructor(o) {
        this.o = o;
        this.labels = o.labels?.length ? o.labels : ['shipgate', 'revert'];
    }
    async notify(event) {
        if (event.type !== 'finished' || event.report.environment !== this.o.environment)
            return;
        const r = event.report;
        const why = this.whyNot(r);
        if (why) {
            this.o.logger.info(`No revert pull request for ${this.o.environment}: ${why}.`);
            return;
        }
        let what = `open the revert pull request for ${this.o.environment}`;
        try {
            return await this.revert(r, event.logUrl, event.deploymentUrl, (w) => (what = w));
        }
        catch (err) {
            const step = err instanceof RevertStepError;
            const cause = step ? err.cause : err;
            if (step)
                what = `${err.step} for the revert pull request`;
            throw new Error(explainRevertError(cause, (0,util_escape/* escapeLogText */.dD)(what, 200)), { cause: err });
        }
    }
    whyNot(r) {
        const version = (0,util_escape/* escapeLogText */.dD)(r.release.version, 100);
        if (r.result !== 'rolled-back')
            return `${version} ended ${r.result}, not rolled back`;
        if (!rolledBackByAnalysis(r))
            return `the rollback of ${version} was not decided by the canary analysis (no failing verdict)`;
        const good = r.previous?.commit;
        const bad = r.release.commit;
        if (!r.previous || !good)
            return 'no commit recorded for the last good version';
        if (!bad)
            return `no commit recorded for ${version}`;
        if (!SHA.test(good) || !SHA.test(bad))
            return 'the recorded commits are not commit SHAs';
        if (good.toLowerCase() === bad.toLowerCase())
            return `${version} was built from the same commit as the last good version`;
        return undefined;
    }
    async revert(r, logUrl, deploymentUrl, doing) {
        const { client, ctx, environment, logger } = this.o;
        const { owner, repo } = ctx;
        const good = r.previous.commit.toLowerCase();
        const bad = r.release.commit.toLowerCase();
        doing(`read the default branch of ${owner}/${repo}`);
        const base = this.o.base ?? (await client.rest.repos.get({ owner, repo })).data.default_branch;
        const subject = `Revert ${plainText(r.release.version, 100)} in ${plainText(environment, 100)} (${good.slice(0, 7)}..${bad.slice(0, 7)})`;
        const outcome = await revertRange({
            client,
            owner,
            repo,
            base,
            good,
            bad,
            message: (commits, total) => commitMessage(subject, r, good, bad, commits, total)
        });
        if (!outcome.made) {
            logger.info(`No revert pull request for ${environment}: ${(0,util_escape/* escapeLogText */.dD)(outcome.why, 600)}`);
            return;
        }
        const branch = `shipgate/revert-${refComponent(environment)}-${good.slice(0, 7)}-${bad.slice(0, 7)}`;
        doing(`push the branch ${branch}`);
        try {
            await client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: outcome.commit });
        }
        catch (err) {
            if ((0,errors/* errorStatus */.PO)(err) !== 422)
                throw err; // 422: the branch exists (an earlier rollback of the range)
            await client.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: outcome.commit, force: true });
        }
        const title = `Revert ${plainText(r.release.version, 100)} in ${plainText(environment, 100)}`.slice(0, 250);
        const body = clip(this.body(r, {
            base,
            branch,
            good,
            bad,
            commits: outcome.commits,
            total: outcome.totalCommits,
            files: outcome.files,
            incident: await this.incidentUrl(r),
            logUrl: logUrl ?? ctx.runUrl,
            deploymentUrl
        }));
        doing(`find the revert pull request for ${branch}`);
        let pr = (await this.openPull(branch)) ?? null;
        let verb = 'updated';
        if (pr) {
            doing(`update the revert pull request #${pr.number}`);
            await client.rest.pulls.update({ owner, repo, pull_number: pr.number, title, body });
        }
        else {
            doing(`open the revert pull request for ${branch}`);
            try {
                const created = await client.rest.pulls.create({ owner, repo, head: branch, base, title, body, maintainer_can_modify: true });
                pr = { number: created.data.number, html_url: created.data.html_url };
                verb = 'opened';
            }
            catch (err) {
                // 422 "A pull request already exists": the list had not caught up yet.
                pr = (0,errors/* errorStatus */.PO)(err) === 422 ? ((await this.openPull(branch, true)) ?? null) : null;
                if (!pr)
                    throw err;
                await client.rest.pulls.update({ owner, repo, pull_number: pr.number, title, body });
            }
            this.opened.set(branch, pr);
        }
        doing(`label the revert pull request #${pr.number}`);
        await this.ensureLabels();
        await client.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: this.labels });
        logger.info(`Revert pull request #${pr.number} ${verb}: ${pr.html_url}`);
        if (verb === 'opened') {
            doing(`close the revert pull requests that #${pr.number} supersedes`);
            await this.closeSuperseded(branch, good, bad, pr);
        }
        return { url: pr.html_url };
    }
    /**
     * A later rollback from the same good version (a fix-forward that failed too) reverts a longer
     * range: an open revert PR of a range that ends in an ancestor of the new failed commit is
     * contained in the new one, so it is closed with a comment pointing at the new one. Two open
     * reverts of overlapping ranges would conflict with each other.
     */
    async closeSuperseded(branch, good, bad, by) {
        const { client, ctx, logger, environment } = this.o;
        const { owner, repo } = ctx;
        const prefix = `shipgate/revert-${refComponent(environment)}-${good.slice(0, 7)}-`;
        const open = await client.rest.pulls.list({ owner, repo, state: 'open', per_page: 100 });
        for (const p of open.data) {
            if (p.head.ref === branch || !p.head.ref.startsWith(prefix))
                continue;
            // The branch names only 7 characters of its failed commit; its revert commit's message has it whole.
            const message = (await client.rest.git.getCommit({ owner, repo, commit_sha: p.head.sha })).data.message;
            const range = /This reverts commits ([0-9a-f]{40,64})\.\.([0-9a-f]{40,64}):/.exec(message);
            if (!range || range[1] !== good)
                continue;
            const oldBad = range[2];
            const status = (await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${oldBad}...${bad}`, per_page: 1 })).data.status;
            if (status !== 'ahead' && status !== 'identical')
                continue;
            await client.rest.issues.createComment({
                owner,
                repo,
                issue_number: p.number,
                body: `Superseded by #${by.number}, which reverts ${good.slice(0, 7)}..${bad.slice(0, 7)}: this range and the commits after it, up to the version rolled back now.`
            });
            await client.rest.pulls.update({ owner, repo, pull_number: p.number, state: 'closed' });
            logger.info(`Revert pull request #${p.number} (${oldBad.slice(0, 7)}) closed: superseded by #${by.number}.`);
        }
    }
    async openPull(branch, listOnly = false) {
        const { owner, repo } = this.o.ctx;
        const res = await this.o.client.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'open', per_page: 10 });
        const found = res.data.find((p) => p.head.ref === branch);
        if (found)
            return { number: found.number, html_url: found.html_url };
        return listOnly ? undefined : this.opened.get(branch);
    }
    async ensureLabels() {
        if (this.labelsReady)
            return;
        const { owner, repo } = this.o.ctx;
        const colors = { revert: 'b60205', shipgate: '5319e7' };
        for (const name of this.labels) {
            try {
                await this.o.client.rest.issues.createLabel({ owner, repo, name, color: colors[name] ?? '5319e7' });
            }
            catch (err) {
                if ((0,errors/* errorStatus */.PO)(err) !== 422)
                    throw err; // 422 already_exists is the normal case
            }
        }
        this.labelsReady = true;
    }
    /** The report's incident issue, else the open one the incident notifier keeps for this environment (when the token may read issues). */
    async incidentUrl(r) {
        if (r.incidentUrl)
            return r.incidentUrl;
        const { owner, repo } = this.o.ctx;
        try {
            const res = await this.o.client.rest.issues.listForRepo({ owner, repo, labels: `incident,env:${this.o.environment}`, state: 'open', per_page: 5 });
            return res.data.find((i) => !('pull_request' in i && i.pull_request))?.html_url;
        }
        catch (err) {
            this.o.logger.debug(`No incident issue found for the revert pull request (${(0,errors/* errorStatus */.PO)(err) ?? 'error'}).`);
            return undefined;
        }
    }
    body(r, x) {
        const version = md(r.release.version);
        const env = md(r.environment);
        const base = md(x.base);
        const lines = [];
        lines.push(`### Revert ${version} in ${env}`, '');
        lines.push(`Shipgate rolled ${version} back in ${env} automatically. This pull request takes the changes of ${version} out of ${base} too, by setting the files they touched back to the last good version (${md(r.previous?.version ?? '')}).`, '');
        lines.push(`**Why:** ${md(r.reason, 500)}`, '');
        lines.push(`- Failed version: ${version} (\`${x.bad.slice(0, 7)}\`)`);
        lines.push(`- Last good version: ${md(r.previous?.version ?? '')} (\`${x.good.slice(0, 7)}\`)`);
        const incident = revert_pr_link('incident issue', x.incident);
        if (incident)
            lines.push(`- Incident: ${incident}`);
        const run = revert_pr_link('run log', x.logUrl);
        if (run)
            lines.push(`- Evidence: ${run}`);
        const deployment = revert_pr_link(`deployment ${md(r.deploymentId, 40)}`, x.deploymentUrl);
        lines.push(`- Deployment: ${deployment ?? md(r.deploymentId, 40)}`);
        const failing = r.steps.flatMap((s) => s.verdict.checks.filter((c) => c.decision === 'fail').map((c) => ({ s, c }))).slice(0, 5);
        if (failing.length) {
            lines.push('', '#### Evidence', '');
            for (const { s, c } of failing)
                lines.push(`- at ${s.weight} %, ${md(c.signal, 40)}: ${md(c.explanation, 400)}`);
        }
        lines.push('', `#### Reverted commits (\`${x.good.slice(0, 7)}..${x.bad.slice(0, 7)}\`)`, '');
        for (const c of x.commits.slice(0, 20))
            lines.push(`- \`${c.sha.slice(0, 7)}\` ${md(c.subject, 120)}`);
        if (x.total > Math.min(20, x.commits.length))
            lines.push(`- … and ${x.total - Math.min(20, x.commits.length)} more`);
        lines.push('', `#### Files (${x.files.length})`, '');
        for (const f of x.files.slice(0, 50)) {
            const what = f.action === 'deleted' ? `deleted (added by ${version})` : f.renamedTo ? `restored (${version} renamed it to ${md(f.renamedTo, 200)})` : 'restored';
            lines.push(`- ${md(f.path, 200)}: ${what}`);
        }
        if (x.files.length > 50)
            lines.push(`- … and ${x.files.length - 50} more`);
        lines.push('', '#### How to proceed', '', `1. Review the diff: only the files above change; whatever ${base} gained since \`${x.bad.slice(0, 7)}\` in other files is kept.`, `2. Merge it to take ${version} out of ${base}, or close it and fix forward; either way the next release goes through the canary again.`, `3. Workflows do not start for pull requests opened with a workflow's \`GITHUB_TOKEN\`: close and reopen this pull request to run the checks.`, `4. Shipgate owns the branch \`${x.branch}\`: it rewrites it if the same range is rolled back again, so push fixes elsewhere.`);
        return lines.join('\n');
    }
}
function commitMessage(subject, r, good, bad, commits, total) {
    const lines = [subject, '', `This reverts commits ${good}..${bad}:`, ''];
    for (const c of commits.slice(0, 20))
        lines.push(`- ${c.sha.slice(0, 7)} ${plainText(c.subject, 120)}`);
    if (total > Math.min(20, commits.length))
        lines.push(`- ... and ${total - Math.min(20, commits.length)} more`);
    lines.push('', `Shipgate rolled ${plainText(r.release.version, 100)} back in ${plainText(r.environment, 100)}: ${plainText(r.reason, 300)}`);
    return lines.join('\n');
}
/** One sentence naming both permissions the revert needs (errors.ts knows one scope per sentence). */
function explainRevertError(err, what) {
    const status = (0,errors/* errorStatus */.PO)(err);
    const message = err instanceof Error ? err.message : String(err);
    if (status === 403 && !(0,errors/* isRateLimitError */.kt)(err)) {
        if (/not permitted to create or approve pull requests/i.test(message))
            return `GitHub refused to ${what} (403): GitHub Actions may not create pull requests in this repository; turn on "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General) or pass a \`github-token\` that may.`;
        return `GitHub refused to ${what} (403): the workflow needs ${PERMISSIONS}.`;
    }
    if (status === 404)
        return `GitHub could not ${what} (404): the repository, branch or commit was not found, or the token cannot see it (the workflow needs ${PERMISSIONS}).`;
    return (0,errors/* explainGitHubError */.Pm)(err, what, 'contents');
}
function clip(text) {
    return text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY)}\n\n… (truncated)`;
}


/***/ })

};
