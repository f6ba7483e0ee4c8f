export const id = 648;
export const ids = [648];
export const modules = {

/***/ 3648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubLedger: () => (/* binding */ GitHubLedger)
/* harmony export */ });
/* unused harmony exports clip140, pickLastGood */
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6407);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7476);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4896);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5585);




const TASK = 'deploy:shipgate';
const WINDOW = 30;
/** GitHub's largest page, for GraphQL `first` and REST `per_page`. */
const PAGE = 100;
/**
 * GitHub's limit on deployment and status descriptions. A sentence's last clause says how it
 * ended ("…; traffic is back on v1.", "…; restoring v1 also failed (…) — check the target by
 * hand."), so a long one is shortened in the middle, keeping that clause, when it fits.
 */
function clip140(text) {
    if (text.length <= 140)
        return text;
    const cut = text.lastIndexOf('; ');
    const tail = cut > 0 ? text.slice(cut) : '';
    if (tail && tail.length <= 120 && cut >= 20)
        return `${text.slice(0, 140 - tail.length - 1).trimEnd()}…${tail}`;
    return `${text.slice(0, 139)}…`;
}
/** REST gives the payload as an object, GraphQL as a JSON string (seen double-encoded too). */
function parsePayload(payload) {
    let v = payload;
    for (let i = 0; i < 2 && typeof v === 'string'; i++) {
        try {
            v = JSON.parse(v);
        }
        catch {
            return {};
        }
    }
    return v && typeof v === 'object' ? v : {};
}
const STATES = new Set(['pending', 'in_progress', 'success', 'failure', 'error', 'inactive']);
/** GitHub also knows queued and waiting (and GraphQL spells states in capitals); both are pending here. */
function stateFrom(raw) {
    const s = (raw ?? 'pending').toLowerCase();
    return STATES.has(s) ? s : 'pending';
}
function releaseFrom(payload, fallbackCommit) {
    const p = parsePayload(payload);
    const str = (v) => (typeof v === 'string' && v ? v : undefined);
    return {
        version: str(p.version) ?? fallbackCommit.slice(0, 7),
        digest: str(p.digest),
        commit: str(p.commit) ?? fallbackCommit,
        artifact: str(p.artifact),
        createdAt: str(p.createdAt)
    };
}
function kindFrom(payload) {
    return parsePayload(payload).kind === 'rollback' ? 'rollback' : 'rollout';
}
/** The rollout data and the progress the latest status describes (rollouts only). */
function rolloutFields(payload, statusDescription) {
    const rollout = (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .rolloutFromPayload */ .WU)(parsePayload(payload));
    const progress = (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProgress */ .TS)(statusDescription);
    return { ...(rollout ? { rollout } : {}), ...(progress ? { progress } : {}) };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Ledger over GitHub Deployments. The deployment payload carries the release, so the history
 * alone says which version is live and which was last good.
 */
class GitHubLedger {
    options;
    name = 'github';
    get where() {
        return `GitHub Deployments of ${this.ctx.owner}/${this.ctx.repo}`;
    }
    /** What this process wrote, so a read that lags behind our own writes can be recognised. */
    written = new Map();
    graphqlWorks;
    client;
    ctx;
    constructor(options) {
        this.options = options;
        this.client = options.client;
        this.ctx = options.ctx;
        this.graphqlWorks = options.graphql !== false;
    }
    async begin(o) {
        const { owner, repo } = this.ctx;
        const release = o.release;
        let id;
        let createdAt;
        try {
            const res = await this.client.rest.repos.createDeployment({
                owner,
                repo,
                ref: this.ctx.sha || release.commit || this.ctx.ref,
                task: TASK,
                environment: o.environment,
                // Default true merges the default branch into the ref and answers 202 without a deployment.
                auto_merge: false,
                // Default: every status context must be green, else 409; the rollout is the check.
                required_contexts: [],
                payload: {
                    ...(o.payload ?? {}),
                    version: release.version,
                    digest: release.digest,
                    commit: release.commit,
                    artifact: release.artifact,
                    createdAt: release.createdAt,
                    kind: o.kind,
                    ...(o.rollout ? { rollout: o.rollout } : {})
                },
                description: clip140(o.description),
                ...(this.options.productionEnvironment !== undefined ? { production_environment: this.options.productionEnvironment } : {}),
                ...(this.options.transientEnvironment !== undefined ? { transient_environment: this.options.transientEnvironment } : {})
            });
            if (res.status !== 201 || !('id' in res.data))
                throw new Error(`GitHub answered ${res.status} without a deployment`);
            id = res.data.id;
            createdAt = res.data.created_at;
        }
        catch (err) {
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainGitHubError */ .Pm)(err, `create a deployment for ${o.environment}`, 'deployments'), { cause: err });
        }
        const record = {
            id: String(id),
            environment: o.environment,
            release,
            state: 'in_progress',
            kind: o.kind,
            createdAt,
            updatedAt: createdAt,
            description: clip140(o.description),
            logUrl: o.logUrl ?? this.ctx.runUrl,
            environmentUrl: o.environmentUrl,
            ...(o.rollout ? { rollout: o.rollout } : {}),
            ...(o.progress ? { progress: o.progress } : {})
        };
        this.written.set(record.id, record);
        await this.record(record.id, 'in_progress', { description: o.description, logUrl: record.logUrl, environmentUrl: o.environmentUrl, progress: o.progress });
        return { ...record };
    }
    async record(id, state, details) {
        const { owner, repo } = this.ctx;
        const logUrl = details.logUrl ?? this.written.get(id)?.logUrl ?? this.ctx.runUrl;
        // Only an unfinished rollout has a progress; the description carries it (statuses have no payload).
        const progress = state === 'in_progress' || state === 'pending' ? details.progress : undefined;
        const description = clip140(progress ? (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .describeProgress */ .vk)(progress, details.description) : details.description);
        try {
            const res = await this.client.rest.repos.createDeploymentStatus({
                owner,
                repo,
                deployment_id: Number(id),
                state,
                description,
                ...(logUrl ? { log_url: logUrl } : {}),
                ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {})
            });
            const known = this.written.get(id);
            if (known) {
                const { progress: _old, ...rest } = known;
                this.written.set(id, {
                    ...rest,
                    state,
                    updatedAt: res.data.created_at,
                    description,
                    logUrl,
                    environmentUrl: details.environmentUrl ?? known.environmentUrl,
                    ...(progress ? { progress } : {})
                });
            }
            // auto_inactive (left at its default) makes GitHub mark older successes inactive.
            if (state === 'success' && known) {
                for (const [otherId, r] of this.written)
                    if (otherId !== id && r.environment === known.environment && r.state === 'success')
                        this.written.set(otherId, { ...r, state: 'inactive' });
            }
        }
        catch (err) {
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainGitHubError */ .Pm)(err, `record deployment ${id} as ${state}`, 'deployments'), { cause: err });
        }
    }
    async lastGood(environment, options = {}) {
        const stop = (list) => pickLastGood(list, options.excludeVersion) !== null;
        const list = await this.read(environment, WINDOW, 'find the last good deployment', stop);
        return pickLastGood(list, options.excludeVersion);
    }
    async view(environment, options = {}) {
        const list = await this.read(environment, WINDOW, 'read the deployments of the environment');
        return { lastGood: pickLastGood(list, options.excludeVersion), active: (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .activeRollouts */ .NC)(list), history: list };
    }
    /** A run on GitHub Actions is asked about (needs actions: read); a run elsewhere by its process. */
    async ownerState(o) {
        if (!o.runId)
            return (0,_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .processOwnerState */ .yx)(o);
        const mine = process.env.GITHUB_RUN_ID === o.runId && (process.env.GITHUB_RUN_ATTEMPT || '1') === (o.runAttempt || '1');
        // Another job or step of this very run attempt: only its process can tell.
        if (mine)
            return (0,_owner_js__WEBPACK_IMPORTED_MODULE_0__/* .processOwnerState */ .yx)(o);
        const { owner, repo } = this.ctx;
        try {
            const res = await this.client.rest.actions.getWorkflowRun({ owner, repo, run_id: Number(o.runId) });
            const attempt = Number(res.data.run_attempt ?? 1);
            if (res.data.status === 'completed')
                return { state: 'over', detail: `run ${o.runId} has completed (${res.data.conclusion ?? 'no conclusion'})` };
            // A re-run is a newer attempt: the attempt that owned the rollout has ended.
            if (o.runAttempt && attempt > Number(o.runAttempt))
                return { state: 'over', detail: `run ${o.runId} was re-run (attempt ${attempt})` };
            return { state: 'running', detail: `run ${o.runId} is ${res.data.status ?? 'running'}` };
        }
        catch (err) {
            // 404 is also how GitHub answers a token that may not read runs: only when this run can be
            // read does a 404 mean the other run is gone (else a live rollout would be retired under it).
            if (err.status === 404 && (await this.canReadRuns()))
                return { state: 'over', detail: `run ${o.runId} no longer exists` };
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainGitHubError */ .Pm)(err, `check workflow run ${o.runId}, which owns an unfinished rollout`, 'actions'), { cause: err });
        }
    }
    /** Whether the token can read this repository's workflow runs (asked about this very run). */
    async canReadRuns() {
        if (!this.ctx.runId)
            return false;
        try {
            await this.client.rest.actions.getWorkflowRun({ owner: this.ctx.owner, repo: this.ctx.repo, run_id: Number(this.ctx.runId) });
            return true;
        }
        catch {
            return false;
        }
    }
    /**
     * Newest first, up to `limit` (pages of 100: one request for up to 100 over GraphQL, ⌈limit/100⌉
     * beyond; over REST the same list pages plus one status call per deployment).
     */
    async history(environment, limit = 10) {
        const n = Math.max(1, Math.floor(limit));
        const list = await this.read(environment, n, 'read the deployment history');
        return list.slice(0, n);
    }
    /** Newest first; polls briefly while GitHub has not caught up with this process's writes. */
    async read(environment, limit, what, stop) {
        const tries = this.options.pollTries ?? 4;
        for (let i = 0;; i++) {
            const list = await this.readOnce(environment, limit, what, stop);
            const missing = this.unreflected(environment, list);
            if (missing.length === 0)
                return list;
            if (i >= tries) {
                this.options.logger.debug(`GitHub has not yet shown our writes to deployments ${missing.join(', ')}; using what this run recorded.`);
                return this.overlay(environment, list);
            }
            await sleep(this.options.pollDelayMs ?? 300);
        }
    }
    unreflected(environment, list) {
        const oldest = list.at(-1)?.createdAt;
        const out = [];
        for (const w of this.written.values()) {
            if (w.environment !== environment)
                continue;
            const seen = list.find((r) => r.id === w.id);
            // Older than anything listed: outside the window or past where the walk stopped.
            if (!seen && oldest && w.createdAt < oldest)
                continue;
            // A newer status than ours (another run's, or GitHub's auto-inactive) counts as caught up.
            if (!seen || (seen.state !== w.state && !(seen.updatedAt > w.updatedAt)))
                out.push(w.id);
        }
        return out;
    }
    overlay(environment, list) {
        const byId = new Map(list.map((r) => [r.id, r]));
        for (const w of this.written.values()) {
            if (w.environment !== environment)
                continue;
            const seen = byId.get(w.id);
            if (!seen || !(seen.updatedAt > w.updatedAt))
                byId.set(w.id, { ...seen, ...w });
        }
        return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? Number(b.id) - Number(a.id) : a.createdAt < b.createdAt ? 1 : -1));
    }
    async readOnce(environment, limit, what, stop) {
        if (this.graphqlWorks) {
            try {
                return await this.readGraphql(environment, limit);
            }
            catch (err) {
                // Some GHES versions and fine-grained tokens refuse GraphQL; REST answers the same question.
                this.graphqlWorks = false;
                this.options.logger.debug(`GraphQL deployment query failed (${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeLogText */ .dD)(err instanceof Error ? err.message : String(err), 200)}); using REST.`);
            }
        }
        try {
            return await this.readRest(environment, limit, stop);
        }
        catch (err) {
            throw new Error((0,_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainGitHubError */ .Pm)(err, what, 'deployments'), { cause: err });
        }
    }
    async readGraphql(environment, limit) {
        const query = `query($owner: String!, $name: String!, $env: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    deployments(environments: [$env], first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { databaseId createdAt updatedAt payload description commitOid latestStatus { state createdAt description logUrl environmentUrl } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
        const out = [];
        const seen = new Set();
        let after = null;
        // One page per 100 asked for: a small limit (view, lastGood, a short history) costs one request.
        while (out.length < limit) {
            const first = Math.min(PAGE, Math.max(limit - out.length, 1));
            const res = await this.client.request('POST {url}', {
                url: this.ctx.graphqlUrl,
                query,
                variables: { owner: this.ctx.owner, name: this.ctx.repo, env: environment, first, after }
            });
            const data = res.data;
            if (data.errors?.length)
                throw new Error(data.errors.map((e) => e.message).join('; '));
            const connection = data.data?.repository?.deployments;
            const nodes = connection?.nodes;
            if (!Array.isArray(nodes))
                throw new Error('GraphQL answer without repository.deployments.nodes');
            for (const n of nodes) {
                const id = String(n.databaseId);
                if (seen.has(id))
                    continue;
                seen.add(id);
                out.push(recordFromGraphql(n, environment));
            }
            const next = connection?.pageInfo;
            if (!next?.hasNextPage || !next.endCursor || nodes.length === 0)
                break;
            after = next.endCursor;
        }
        return out.slice(0, limit);
    }
    /** REST needs one status call per deployment; callers stop early where they can. */
    async readRest(environment, limit, stop) {
        const { owner, repo } = this.ctx;
        // Pages keep one size (REST pages are offsets): ⌈limit/100⌉ list requests at most.
        const perPage = Math.min(PAGE, Math.max(limit, 1));
        const out = [];
        const seen = new Set();
        for (let page = 1; out.length < limit; page++) {
            const res = await this.client.rest.repos.listDeployments({ owner, repo, environment, per_page: perPage, ...(page > 1 ? { page } : {}) });
            for (const d of res.data) {
                // A deployment created between two page reads shifts the offsets: skip what was read already.
                if (seen.has(d.id) || out.length >= limit)
                    continue;
                seen.add(d.id);
                out.push(await this.restRecord(d, environment));
                if (stop?.(out))
                    return out;
            }
            if (res.data.length < perPage || !hasNextLink(res.headers.link))
                break;
        }
        return out;
    }
    async restRecord(d, environment) {
        const { owner, repo } = this.ctx;
        const statuses = await this.client.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: d.id, per_page: 1 });
        const s = statuses.data[0];
        return {
            id: String(d.id),
            environment,
            release: releaseFrom(d.payload, d.sha),
            state: stateFrom(s?.state),
            kind: kindFrom(d.payload),
            createdAt: d.created_at,
            updatedAt: s?.created_at ?? d.updated_at,
            description: d.description ?? undefined,
            logUrl: s?.log_url ?? undefined,
            environmentUrl: s?.environment_url ?? undefined,
            ...rolloutFields(d.payload, s?.description)
        };
    }
}
/** GitHub sends a Link header only when there are more pages; a server that sends none is judged by page length. */
function hasNextLink(link) {
    return link === undefined || /rel="next"/.test(link);
}
function recordFromGraphql(n, environment) {
    return {
        id: String(n.databaseId),
        environment,
        release: releaseFrom(n.payload, n.commitOid ?? ''),
        state: stateFrom(n.latestStatus?.state),
        kind: kindFrom(n.payload),
        createdAt: n.createdAt,
        updatedAt: n.latestStatus?.createdAt ?? n.updatedAt,
        description: n.description ?? undefined,
        logUrl: n.latestStatus?.logUrl ?? undefined,
        environmentUrl: n.latestStatus?.environmentUrl ?? undefined,
        ...rolloutFields(n.payload, n.latestStatus?.description)
    };
}
/**
 * The newest deployment whose latest status is success. With excludeVersion (backing out of a
 * version that was promoted), an older deployment made inactive by that version's success
 * counts again: it was live until the excluded version replaced it.
 */
function pickLastGood(newestFirst, excludeVersion) {
    let passedExcluded = false;
    for (const r of newestFirst) {
        if (excludeVersion !== undefined && r.release.version === excludeVersion) {
            if (r.state === 'success' || r.state === 'inactive')
                passedExcluded = true;
            continue;
        }
        if (r.state === 'success')
            return r;
        if (r.state === 'inactive' && passedExcluded)
            return r;
    }
    return null;
}


/***/ })

};
