export const id = 924;
export const ids = [924];
export const modules = {

/***/ 5924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rolloutAction: () => (/* binding */ rolloutAction)
});

// EXTERNAL MODULE: ./shared/inputs/build.ts
var inputs_build = __webpack_require__(782);
// EXTERNAL MODULE: ./shared/inputs/canary-deploy.ts + 2 modules
var canary_deploy = __webpack_require__(3063);
// EXTERNAL MODULE: ./shared/glue/canary-deploy.ts + 2 modules
var glue_canary_deploy = __webpack_require__(8806);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./shared/process/bash.ts
var bash = __webpack_require__(1132);
// EXTERNAL MODULE: ./shared/process/env.ts
var env = __webpack_require__(831);
;// CONCATENATED MODULE: ./shared/release/run-build.ts


/** Runs the build command; throws one sentence (without the command's output) when it fails. */
async function runBuildCommand(options) {
    const r = await (0,bash/* runBash */.i)({
        command: options.command,
        cwd: options.cwd,
        env: (0,env/* childEnv */.g)(options.env, { kind: 'step' }),
        logger: options.logger,
        signal: options.signal
    });
    if (r.aborted)
        throw new Error('The build command was cancelled.');
    if (r.exitCode === null)
        throw new Error(`The build command was killed by ${r.exitSignal ?? 'a signal'}.`);
    if (r.exitCode !== 0)
        throw new Error(`The build command exited with code ${r.exitCode}.`);
    return { exitCode: 0, durationMs: r.durationMs };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./shared/util/escape.ts
var util_escape = __webpack_require__(4896);
;// CONCATENATED MODULE: ./shared/release/glob.ts


/**
 * A small glob matcher over a directory walk (fs.promises.glob is Node 22+).
 *
 * Supported: `*` (any characters within one path segment, dotfiles included), `?` (one character
 * other than `/`), `**` (any number of segments, including none). Everything else is literal
 * (no `[...]`, `{a,b}` or `!`). A matched directory stands for every file below it, as with tar, so
 * `dist`, `dist/` and `dist/**` select the same files. Symbolic links are selected as links and
 * never followed (no cycles, nothing outside the tree). During a walk for a wildcard pattern,
 * `.git` directories are skipped; naming `.git` literally still selects it.
 */
function hasWildcard(pattern) {
    return /[*?]/.test(pattern);
}
function normalizePattern(pattern) {
    let p = pattern.trim().replace(/\\/g, '/');
    while (p.startsWith('./'))
        p = p.slice(2);
    p = p.replace(/\/+/g, '/').replace(/\/$/, '');
    return p === '' || p === '.' ? '**' : p;
}
/** The regular expression a (normalized) pattern stands for, over `/`-separated relative paths. */
function globToRegExp(pattern) {
    let re = '';
    for (let i = 0; i < pattern.length;) {
        if (pattern.startsWith('**/', i)) {
            re += '(?:[^/]+/)*';
            i += 3;
        }
        else if (pattern.startsWith('/**', i) && i + 3 === pattern.length) {
            re += '(?:/.*)?';
            i += 3;
        }
        else if (pattern.startsWith('**', i)) {
            re += '.*';
            i += 2;
        }
        else {
            const c = pattern[i];
            re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
            i += 1;
        }
    }
    return new RegExp(`^${re}$`);
}
/** Files (and symlinks) selected by one pattern: sorted relative POSIX paths; [] when none. */
async function matchPattern(cwd, rawPattern, options = {}) {
    const pattern = normalizePattern(rawPattern);
    const exclude = new Set((options.exclude ?? []).map((p) => external_node_path_default().resolve(p)));
    const out = [];
    if (!hasWildcard(pattern)) {
        await collect(cwd, pattern, exclude, out, false);
        return out.sort(byteOrder);
    }
    const segments = pattern.split('/');
    const firstWild = segments.findIndex(hasWildcard);
    const base = segments.slice(0, firstWild).join('/');
    const re = globToRegExp(pattern);
    const visit = async (rel) => {
        const abs = external_node_path_default().join(cwd, rel);
        if (exclude.has(abs))
            return;
        let entries;
        try {
            entries = await external_node_fs_.promises.readdir(abs, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of entries) {
            const childRel = rel ? `${rel}/${e.name}` : e.name;
            if (exclude.has(external_node_path_default().join(cwd, childRel)))
                continue;
            if (e.isDirectory() && e.name === '.git')
                continue;
            if (re.test(childRel)) {
                await collect(cwd, childRel, exclude, out, true);
            }
            else if (e.isDirectory()) {
                await visit(childRel);
            }
        }
    };
    await visit(base);
    return [...new Set(out)].sort(byteOrder);
}
/** Adds `rel` if it is a file or link, or every file below it if it is a directory. */
async function collect(cwd, rel, exclude, out, skipGit) {
    const abs = external_node_path_default().join(cwd, rel);
    if (exclude.has(abs))
        return;
    let st;
    try {
        st = await external_node_fs_.promises.lstat(abs);
    }
    catch {
        return;
    }
    if (!st.isDirectory()) {
        out.push(rel);
        return;
    }
    const entries = await external_node_fs_.promises.readdir(abs, { withFileTypes: true });
    for (const e of entries) {
        if (skipGit && e.isDirectory() && e.name === '.git')
            continue;
        await collect(cwd, `${rel}/${e.name}`, exclude, out, skipGit);
    }
}
/** tar and sha256 tools compare bytes; so do we, for a file list independent of locale. */
function byteOrder(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// EXTERNAL MODULE: ./shared/release/version.ts
var release_version = __webpack_require__(1952);
;// CONCATENATED MODULE: ./shared/release/package.ts








/**
 * Packages the matched files into a reproducible `.tar.gz`: the same file contents and modes give
 * the same bytes (sorted names, mtime 0, owner 0, normalized permission bits, gzip without a
 * name or timestamp).
 */
async function packageArtifact(options) {
    if (!(0,release_version/* isValidVersion */.ri)(options.version)) {
        throw new Error(`The version ${JSON.stringify(options.version)} cannot name an artifact: use 1 to 64 letters, digits, ".", "_", "+" or "-".`);
    }
    if (options.patterns.length === 0)
        throw new Error('No artifact paths were given: name the files or globs to package.');
    const cwd = external_node_path_default().resolve(options.cwd);
    const outDir = external_node_path_default().resolve(options.outDir);
    const selected = new Set();
    for (const pattern of options.patterns) {
        const matched = await matchPattern(cwd, pattern, { exclude: [outDir] });
        if (matched.length === 0) {
            throw new Error(`The artifact pattern ${JSON.stringify(pattern)} matched no files in ${cwd}.`);
        }
        for (const f of matched)
            selected.add(f);
    }
    const files = [...selected].sort(byteOrder);
    await external_node_fs_.promises.mkdir(outDir, { recursive: true });
    const target = external_node_path_default().join(outDir, `${options.version}.tar.gz`);
    const tmp = external_node_path_default().join(outDir, `.${options.version}.${process.pid}.${Date.now()}.tmp`);
    const list = `${tmp}.list`;
    await external_node_fs_.promises.writeFile(list, files.map((f) => `${f}\0`).join(''));
    try {
        await tar([
            '--sort=name',
            '--format=gnu',
            '--mtime=@0',
            '--owner=0',
            '--group=0',
            '--numeric-owner',
            // umask differences between machines must not change the digest.
            '--mode=a+rX,u+w,go-w',
            '--no-recursion',
            '--null',
            '--verbatim-files-from',
            '--use-compress-program=gzip -n',
            '-cf',
            tmp,
            '-C',
            cwd,
            '-T',
            list
        ], options.logger);
        await external_node_fs_.promises.rename(tmp, target);
    }
    catch (err) {
        await external_node_fs_.promises.rm(tmp, { force: true });
        throw err;
    }
    finally {
        await external_node_fs_.promises.rm(list, { force: true });
    }
    const { size } = await external_node_fs_.promises.stat(target);
    return { path: target, files, sizeBytes: size, digest: await sha256File(target) };
}
function tar(args, logger) {
    return new Promise((resolve, reject) => {
        // `gzip -n` above rather than GZIP=-n: gzip 1.12 warns that the GZIP variable is deprecated.
        (0,external_node_child_process_.execFile)('tar', args, { env: (0,env/* childEnv */.g)(process.env, { kind: 'tool', extra: { LC_ALL: 'C' } }), maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
            if (!err)
                return resolve();
            for (const line of String(stderr).split('\n').filter(Boolean).slice(0, 20))
                logger?.warning(`tar: ${(0,util_escape/* escapeLogText */.dD)(line)}`);
            const code = err.code;
            reject(new Error(code === 'ENOENT'
                ? 'Packaging the artifact needs GNU tar, and tar was not found on PATH.'
                : `Packaging the artifact failed: tar exited with code ${String(code ?? err.message)}.`));
        });
    });
}
/** `sha256:<hex>` of a file, streamed. */
async function sha256File(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file))
        hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
}

// EXTERNAL MODULE: ./shared/release/manifest.ts
var manifest = __webpack_require__(8331);
;// CONCATENATED MODULE: ./shared/glue/build.ts







/** Runs the build command, packages the artifact and writes the manifest. */
async function runBuild(rt, inputs) {
    const cwd = external_node_path_default().resolve(rt.workspace, inputs.workingDirectory);
    const sha = rt.env.GITHUB_SHA ?? '';
    const version = inputs.version || (0,release_version/* deriveVersion */.Ui)({ sha, ref: rt.env.GITHUB_REF ?? '' });
    rt.logger.info(`Building ${version} in ${external_node_path_default().relative(rt.workspace, cwd) || '.'}`);
    const { durationMs } = await runBuildCommand({
        command: inputs.command,
        cwd,
        env: { ...rt.env, SHIPGATE_VERSION: version },
        logger: rt.logger,
        signal: rt.signal
    });
    const outDir = external_node_path_default().join(rt.stateRoot(), 'releases');
    const pkg = await packageArtifact({ patterns: inputs.artifact, cwd, outDir, version });
    const createdAt = new Date().toISOString();
    const manifestPath = external_node_path_default().join(outDir, `${version}.manifest.json`);
    await (0,manifest/* writeManifest */.HN)(manifestPath, {
        schema: 'shipgate/release@1',
        version,
        digest: pkg.digest,
        commit: sha,
        createdAt,
        artifact: external_node_path_default().relative(external_node_path_default().dirname(manifestPath), pkg.path),
        files: pkg.files,
        sizeBytes: pkg.sizeBytes
    });
    return {
        release: { version, digest: pkg.digest, commit: sha, artifact: pkg.path, createdAt },
        manifestPath,
        durationMs,
        files: pkg.files,
        sizeBytes: pkg.sizeBytes
    };
}
async function buildAction(rt) {
    const inputs = parseBuildInputs(await rt.inputs());
    const out = await runBuild(rt, inputs);
    rt.setOutput('version', out.release.version);
    rt.setOutput('digest', out.release.digest ?? '');
    rt.setOutput('manifest', out.manifestPath);
    rt.setOutput('duration-ms', out.durationMs);
    rt.setOutput('artifact', out.release.artifact ?? '');
    await rt.summary(renderBuildSummary(out));
}

// EXTERNAL MODULE: ./shared/glue/release.ts
var glue_release = __webpack_require__(1335);
// EXTERNAL MODULE: ./shared/engine/errors.ts
var errors = __webpack_require__(6566);
// EXTERNAL MODULE: ./shared/glue/composition.ts + 3 modules
var composition = __webpack_require__(7611);
;// CONCATENATED MODULE: ./shared/glue/dora.ts



/** The window the root action's `dora: true` reports on. */
const DORA_WINDOW = '90d';
/**
 * dora: true on the root action: the environment's DORA metrics after the rollout, whatever its
 * result (a rollback is part of them). Metrics that cannot be computed are a warning, never a
 * failed step: the rollout already decided.
 */
async function publishDora(rt, c) {
    try {
        const gh = (0,composition/* gitHubAccess */.gz)(rt, c.githubToken);
        const ledger = await (0,composition/* buildLedger */.ES)(rt, c.ledger, c.ledgerFile, (0,composition/* resolveStateDir */.JT)(rt, c.stateDir), gh);
        const dora = await __webpack_require__.e(/* import() */ 377).then(__webpack_require__.bind(__webpack_require__, 3377));
        // With the GitHub ledger the API has every commit; elsewhere the checkout's history (fetch-depth: 0).
        const commits = gh
            ? new dora.GitHubCompareCommitTimes({ client: gh.client, owner: gh.ctx.owner, repo: gh.ctx.repo })
            : new dora.GitLogCommitTimes({ cwd: rt.workspace });
        const report = await dora.doraReport({ ledger, commits, environment: c.environment, since: DORA_WINDOW });
        rt.setOutput('dora', JSON.stringify(report));
        await rt.summary(dora.renderMarkdown(report));
    }
    catch (err) {
        rt.logger.warning(`DORA metrics of ${c.environment} were not computed: ${(0,util_escape/* escapeLogText */.dD)((0,errors/* errorMessage */.g)(err))}.`);
    }
}

// EXTERNAL MODULE: ./shared/glue/freeze.ts
var freeze = __webpack_require__(9083);
;// CONCATENATED MODULE: ./shared/glue/rollout.ts







/** The root action: optional build, then the canary rollout, in one step. */
async function rolloutAction(rt) {
    const inputs = await rt.inputs();
    // Validate everything before anything is built or deployed.
    const build = (0,inputs_build/* parseBuildInputs */.p)(inputs, 'build-command');
    const hasBuild = build.command !== '';
    const canary = (0,canary_deploy/* parseCanaryDeployInputs */.IQ)(inputs, { versionFromBuild: hasBuild });
    let release;
    // Inside a freeze nothing is built either (canaryDeploy checks again, and records an override).
    if (canary.action === 'deploy' && !canary.freeze.override) {
        try {
            (0,freeze/* checkFreeze */.E)(canary.freeze, canary.environment, new Date(), rt.logger);
        }
        catch (err) {
            rt.setOutput('result', 'failed');
            throw err;
        }
    }
    if (canary.action === 'deploy') {
        if (hasBuild) {
            const built = await runBuild(rt, { ...build, version: canary.version });
            release = built.release;
        }
        else {
            release = await (0,glue_release/* resolveRelease */.C)(rt.workspace, { version: canary.version, manifest: canary.manifest, commit: rt.env.GITHUB_SHA });
        }
        rt.setOutput('version', release.version);
        rt.setOutput('digest', release.digest ?? '');
    }
    try {
        await (0,glue_canary_deploy.canaryDeploy)(rt, canary, release);
    }
    finally {
        if (inputs.get('dora'))
            await publishDora(rt, canary);
    }
}


/***/ }),

/***/ 782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ parseBuildInputs)
/* harmony export */ });
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6033);

/** `commandInput` is `command` for the build action and `build-command` for the root action. */
function parseBuildInputs(inputs, commandInput = 'command') {
    const command = inputs.get(commandInput);
    const artifact = inputs
        .get('artifact')
        .flatMap((l) => l.split(/\s*,\s*/))
        .filter(Boolean);
    if (commandInput === 'command' && !command)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .MissingInputError */ .f1('command', 'it is the build command, run with bash (e.g. "npm ci && npm run build")');
    if (command && artifact.length === 0)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .MissingInputError */ .f1('artifact', 'name the files or globs to package, one per line (e.g. dist/**)');
    for (const a of artifact) {
        if (a.startsWith('/') || a.split('/').includes('..')) {
            throw inputs.error('artifact', a, 'use paths or globs inside the working directory (no absolute paths, no "..")');
        }
    }
    const version = inputs.get('version');
    return { command, workingDirectory: inputs.get('working-directory'), artifact, version };
}


/***/ }),

/***/ 1132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ runBash)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4896);
/* harmony import */ var _alive_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3413);
/* harmony import */ var _signal_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1098);




/** How long to wait for the pipes to drain after bash exits: background children may hold them open. */
const DRAIN_MS = 250;
/**
 * Runs `bash -e -o pipefail -c <command>` in its own process group, streaming each output line to
 * the logger (escaped: command output is untrusted). Never throws for a non-zero exit; callers
 * turn the result into their own sentence.
 */
function runBash(options) {
    const started = Date.now();
    const grace = options.killGraceMs ?? 2000;
    return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
            resolve({ exitCode: null, exitSignal: null, timedOut: false, aborted: true, durationMs: 0 });
            return;
        }
        // detached: the command gets its own process group, so a timeout can stop its children too.
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('bash', ['-e', '-o', 'pipefail', '-c', options.command], {
            cwd: options.cwd,
            env: options.env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        if (child.pid !== undefined)
            options.onStart?.(child.pid);
        let timedOut = false;
        let aborted = false;
        let killTimer;
        const stopChild = () => {
            if (killTimer || child.pid === undefined)
                return;
            (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGKILL'), grace);
        };
        const timer = options.timeoutMs && options.timeoutMs > 0
            ? setTimeout(() => {
                timedOut = true;
                stopChild();
            }, options.timeoutMs)
            : undefined;
        const onAbort = () => {
            aborted = true;
            stopChild();
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const prefix = options.linePrefix ?? '';
        const streams = [child.stdout, child.stderr].map((s) => lineStream(s, (line) => options.logger.info(`${prefix}${(0,_util_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeLogText */ .dD)(line)}`)));
        child.once('error', (err) => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            reject(new Error(`Could not start bash: ${err.message}.`));
        });
        child.once('exit', (code, sig) => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            const finish = async () => {
                // A stopped group is waited for: bash may be gone while a child that ignores SIGTERM lives
                // on until the SIGKILL lands. Nothing that follows (a rollback) may race what was stopped.
                if (killTimer && child.pid !== undefined) {
                    const deadline = Date.now() + grace + 2000;
                    while ((0,_alive_js__WEBPACK_IMPORTED_MODULE_3__/* .groupAlive */ .x)(child.pid) && Date.now() < deadline)
                        await new Promise((r) => setTimeout(r, 50));
                    clearTimeout(killTimer);
                    if ((0,_alive_js__WEBPACK_IMPORTED_MODULE_3__/* .groupAlive */ .x)(child.pid))
                        (0,_signal_js__WEBPACK_IMPORTED_MODULE_1__/* .signalGroup */ .i8)(child.pid, 'SIGKILL');
                }
                for (const s of streams)
                    s.flush();
                resolve({ exitCode: code, exitSignal: sig, timedOut, aborted, durationMs: Date.now() - started });
            };
            // Wait briefly for the output to drain; a background child holding the pipe must not block us.
            let pending = 2;
            const drained = () => {
                if (--pending === 0) {
                    clearTimeout(drainTimer);
                    void finish();
                }
            };
            const drainTimer = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                pending = -1;
                void finish();
            }, DRAIN_MS);
            for (const s of [child.stdout, child.stderr]) {
                if (!s || s.readableEnded || s.destroyed)
                    drained();
                else
                    s.once('close', drained);
            }
        });
    });
}
function lineStream(stream, onLine) {
    let buf = '';
    let flushed = false;
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
            onLine(buf.slice(0, i).replace(/\r$/, ''));
            buf = buf.slice(i + 1);
        }
        // A command printing without newlines must not grow memory without bound.
        if (buf.length > 64 * 1024) {
            onLine(buf);
            buf = '';
        }
    });
    return {
        flush() {
            if (flushed)
                return;
            flushed = true;
            if (buf)
                onLine(buf);
            buf = '';
        }
    };
}


/***/ }),

/***/ 831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ childEnv)
/* harmony export */ });
/** Variables a `run:` step does not get: action inputs (tokens) and the runner's own credentials. */
const WITHHELD_FROM_STEPS = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/;
/** All that a service of the local target gets from its daemon. */
const SERVICE_KEYS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'USER', 'TZ'];
/** All that the daemon gets from the action (SHIPGATE_DEBUG turns on its debug log). */
const DAEMON_KEYS = [...SERVICE_KEYS, 'SHIPGATE_DEBUG'];
/** Used when the base has no PATH, for the kinds that run commands through bash. */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';
const RULES = {
    step: { keep: (key) => !WITHHELD_FROM_STEPS.test(key), defaultPath: true },
    daemon: { keep: (key) => DAEMON_KEYS.includes(key), defaultPath: false },
    service: { keep: (key) => SERVICE_KEYS.includes(key), defaultPath: true },
    tool: { keep: () => true, defaultPath: false }
};
function childEnv(base, options) {
    const rule = RULES[options.kind];
    const env = {};
    for (const [key, value] of Object.entries(base))
        if (value !== undefined && rule.keep(key))
            env[key] = value;
    if (rule.defaultPath)
        env.PATH ??= DEFAULT_PATH;
    return { ...env, ...options.extra };
}


/***/ }),

/***/ 1098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ waitGone),
/* harmony export */   a7: () => (/* binding */ signalProcess),
/* harmony export */   gv: () => (/* binding */ stopGroup),
/* harmony export */   i8: () => (/* binding */ signalGroup)
/* harmony export */ });
/* harmony import */ var _util_sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8464);
/* harmony import */ var _alive_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3413);


/** How long a stopped group gets between SIGTERM and SIGKILL, unless the caller says otherwise. */
const GRACE_MS = 3000;
/** Signals one process; a process that is already gone is not an error. */
function signalProcess(pid, signal) {
    if (pid <= 0)
        return;
    try {
        process.kill(pid, signal);
    }
    catch {
        // already gone
    }
}
/** Signals every process of a group (a child spawned `detached` leads its own); a gone group is not an error. */
function signalGroup(pgid, signal) {
    if (pgid <= 0)
        return;
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // already gone
    }
}
/**
 * Stops a whole process group: SIGTERM, then SIGKILL after the grace period. Resolves once no
 * process of the group is left (or after the SIGKILL had a moment to land).
 */
async function stopGroup(pgid, graceMs = GRACE_MS) {
    if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid))
            return;
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(50);
    }
    signalGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 40 && (0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .groupAlive */ .x)(pgid); i++)
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(25);
}
/** Waits up to `ms` for a process to exit; true when it is gone. */
async function waitGone(pid, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (!(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .processAlive */ .F)(pid))
            return true;
        await (0,_util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(50);
    }
    return !(0,_alive_js__WEBPACK_IMPORTED_MODULE_0__/* .processAlive */ .F)(pid);
}


/***/ }),

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** Waits `ms`, or less when the signal aborts (resolves either way: callers check the signal). */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ })

};
