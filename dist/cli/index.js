import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 291:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ok: () => (/* binding */ localStateDir),
/* harmony export */   mt: () => (/* binding */ statePaths),
/* harmony export */   t_: () => (/* binding */ fileSafeName)
/* harmony export */ });
/* unused harmony export socketPathFor */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * The local target's state dir for one environment, under the actions' state-dir
 * (`<stateRoot>/local/<environment>`): the one place that says where it is.
 */
function localStateDir(stateRoot, environment) {
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(stateRoot, 'local', environment);
}
/** Unix socket paths are limited to about 107 bytes; leave room. */
const MAX_SOCKET_PATH = 100;
function statePaths(stateDir) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(stateDir);
    return {
        root,
        socket: socketPathFor(root),
        daemonInfo: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.json'),
        lock: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.lock'),
        daemonLog: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'daemon.log'),
        registry: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'versions.json'),
        roles: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'roles.json'),
        entry: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'entry.json'),
        logs: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'logs'),
        releases: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'releases')
    };
}
/**
 * `<stateDir>/control.sock` when it fits; else a short dir under the temp dir derived from the
 * state dir, so every process computes the same path without reading anything first.
 */
function socketPathFor(stateDir) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(stateDir);
    const direct = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'control.sock');
    if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH)
        return direct;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(root).digest('hex').slice(0, 16);
    let base = node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir();
    if (Buffer.byteLength(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(base, `sg-${hash}`, 'control.sock')) > MAX_SOCKET_PATH)
        base = '/tmp';
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(base, `sg-${hash}`, 'control.sock');
}
/** A version name as a single, harmless path segment (logs/<v>.log, releases/<v>/). */
function fileSafeName(version) {
    const cleaned = version.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 100);
    return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}


/***/ }),

/***/ 109:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   kS: () => (/* binding */ consoleLogger),
/* harmony export */   qq: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export escapingLogger */

const consoleLogger = {
    info: (m) => console.log(m),
    warning: (m) => console.warn(`warning: ${m}`),
    debug: (m) => {
        if (process.env.SHIPGATE_DEBUG)
            console.log(`debug: ${m}`);
    }
};
const silentLogger = { info() { }, warning() { }, debug() { } };
/** Longest log message kept whole; longer ones are clipped (a log line is not a report). */
const LOG_MAX = 8000;
/**
 * Every message passes through escapeLogText on its way out: a value from an input, a probed
 * service or a command can never start a workflow command (`::error::`, `::set-output::`,
 * `::stop-commands::`), span lines, or carry control characters. Escaping is idempotent, so
 * callers that already escaped lose nothing.
 */
function escapingLogger(base) {
    return {
        info: (m) => base.info(escapeLogText(m, LOG_MAX)),
        warning: (m) => base.warning(escapeLogText(m, LOG_MAX)),
        debug: (m) => base.debug(escapeLogText(m, LOG_MAX))
    };
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 67:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 30:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./shared/util/log.ts
var log = __nccwpck_require__(109);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./shared/util/state-dir.ts


/**
 * Where Shipgate keeps what must outlive a run on this machine (the local target's daemon and
 * state, the default file ledger): a per-user state folder, never RUNNER_TEMP (emptied after
 * every job) nor the checkout (fresh every job). $XDG_STATE_HOME/shipgate, else
 * ~/.local/state/shipgate.
 */
function defaultStateDir(env) {
    const xdg = env.XDG_STATE_HOME;
    if (xdg && external_node_path_default().isAbsolute(xdg))
        return external_node_path_default().join(xdg, 'shipgate');
    const home = env.HOME || external_node_os_default().homedir();
    return external_node_path_default().join(home, '.local', 'state', 'shipgate');
}

// EXTERNAL MODULE: ./shared/targets/local/paths.ts
var paths = __nccwpck_require__(291);
;// CONCATENATED MODULE: ./bin/shipgate.ts
// The shipgate CLI: look at and clean up what the actions leave on a machine (local target,
// file ledger). Bundled to dist/cli/index.js; `npx shipgate …` or `node dist/cli/index.js …`.





const USAGE = `Usage: shipgate <command> [options]

Commands:
  local status    Versions, weight and URLs of the local target of an environment
  local stop      Stop the local target's proxy and every version it runs
  history         Deployments recorded in the file ledger, newest first

Options:
  --environment, -e <name>   Environment (default: production)
  --state-root <dir>         The actions' state-dir (default: $XDG_STATE_HOME/shipgate or ~/.local/state/shipgate)
  --ledger-file <file>       File ledger (default: ledger.json in the state root)
  --json                     Print JSON
  --help, -h                 This text`;
async function main(argv) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            environment: { type: 'string', short: 'e', default: 'production' },
            'state-root': { type: 'string' },
            'ledger-file': { type: 'string' },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help || positionals.length === 0) {
        console.log(USAGE);
        return values.help ? 0 : 2;
    }
    const env = values.environment ?? 'production';
    const root = external_node_path_default().resolve(values['state-root'] ?? defaultStateDir(process.env));
    const stateDir = (0,paths/* localStateDir */.Ok)(root, env);
    const [cmd, sub] = positionals;
    if (cmd === 'local' && sub === 'status') {
        const { LocalTarget } = await __nccwpck_require__.e(/* import() */ 132).then(__nccwpck_require__.bind(__nccwpck_require__, 132));
        const target = new LocalTarget({ stateDir, environment: env, startCommand: '', logger: log/* consoleLogger */.kS });
        const s = await target.status();
        if (values.json)
            console.log(JSON.stringify(s, null, 2));
        else
            console.log(`${env}: stable ${s.stable?.version ?? '—'}, canary ${s.canary?.version ?? '—'} at ${s.weight} %${s.urls?.entry ? `, entry ${s.urls.entry}` : ''}`);
        return 0;
    }
    if (cmd === 'local' && sub === 'stop') {
        const { stopLocal } = await __nccwpck_require__.e(/* import() */ 132).then(__nccwpck_require__.bind(__nccwpck_require__, 132));
        await stopLocal(stateDir);
        console.log(`Stopped the local target of ${env}.`);
        return 0;
    }
    if (cmd === 'history') {
        const { FileLedger } = await __nccwpck_require__.e(/* import() */ 834).then(__nccwpck_require__.bind(__nccwpck_require__, 834));
        const ledger = new FileLedger({ path: external_node_path_default().resolve(values['ledger-file'] ?? external_node_path_default().join(root, 'ledger.json')) });
        const list = await ledger.history(env, 50);
        if (values.json)
            console.log(JSON.stringify(list, null, 2));
        else
            for (const r of list)
                console.log(`${r.id.padStart(4)}  ${r.createdAt}  ${r.kind.padEnd(8)}  ${r.release.version.padEnd(16)}  ${r.state.padEnd(11)}  ${r.description ?? ''}`);
        return 0;
    }
    console.error(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
    return 2;
}
main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(`shipgate: ${err.message}`);
    process.exit(1);
});

