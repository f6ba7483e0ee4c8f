import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 110:
/***/ ((module, exports, __nccwpck_require__) => {

/* eslint-env browser */

/**
 * This is the web browser implementation of `debug()`.
 */

exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.storage = localstorage();
exports.destroy = (() => {
	let warned = false;

	return () => {
		if (!warned) {
			warned = true;
			console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
		}
	};
})();

/**
 * Colors.
 */

exports.colors = [
	'#0000CC',
	'#0000FF',
	'#0033CC',
	'#0033FF',
	'#0066CC',
	'#0066FF',
	'#0099CC',
	'#0099FF',
	'#00CC00',
	'#00CC33',
	'#00CC66',
	'#00CC99',
	'#00CCCC',
	'#00CCFF',
	'#3300CC',
	'#3300FF',
	'#3333CC',
	'#3333FF',
	'#3366CC',
	'#3366FF',
	'#3399CC',
	'#3399FF',
	'#33CC00',
	'#33CC33',
	'#33CC66',
	'#33CC99',
	'#33CCCC',
	'#33CCFF',
	'#6600CC',
	'#6600FF',
	'#6633CC',
	'#6633FF',
	'#66CC00',
	'#66CC33',
	'#9900CC',
	'#9900FF',
	'#9933CC',
	'#9933FF',
	'#99CC00',
	'#99CC33',
	'#CC0000',
	'#CC0033',
	'#CC0066',
	'#CC0099',
	'#CC00CC',
	'#CC00FF',
	'#CC3300',
	'#CC3333',
	'#CC3366',
	'#CC3399',
	'#CC33CC',
	'#CC33FF',
	'#CC6600',
	'#CC6633',
	'#CC9900',
	'#CC9933',
	'#CCCC00',
	'#CCCC33',
	'#FF0000',
	'#FF0033',
	'#FF0066',
	'#FF0099',
	'#FF00CC',
	'#FF00FF',
	'#FF3300',
	'#FF3333',
	'#FF3366',
	'#FF3399',
	'#FF33CC',
	'#FF33FF',
	'#FF6600',
	'#FF6633',
	'#FF9900',
	'#FF9933',
	'#FFCC00',
	'#FFCC33'
];

/**
 * Currently only WebKit-based Web Inspectors, Firefox >= v31,
 * and the Firebug extension (any Firefox version) are known
 * to support "%c" CSS customizations.
 *
 * TODO: add a `localStorage` variable to explicitly enable/disable colors
 */

// eslint-disable-next-line complexity
function useColors() {
	// NB: In an Electron preload script, document will be defined but not fully
	// initialized. Since we know we're in Chrome, we'll just detect this case
	// explicitly
	if (typeof window !== 'undefined' && window.process && (window.process.type === 'renderer' || window.process.__nwjs)) {
		return true;
	}

	// Internet Explorer and Edge do not support colors.
	if (typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
		return false;
	}

	let m;

	// Is webkit? http://stackoverflow.com/a/16459606/376773
	// document is undefined in react-native: https://github.com/facebook/react-native/pull/1632
	// eslint-disable-next-line no-return-assign
	return (typeof document !== 'undefined' && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance) ||
		// Is firebug? http://stackoverflow.com/a/398120/376773
		(typeof window !== 'undefined' && window.console && (window.console.firebug || (window.console.exception && window.console.table))) ||
		// Is firefox >= v31?
		// https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
		(typeof navigator !== 'undefined' && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31) ||
		// Double check webkit in userAgent just in case we are in a worker
		(typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/));
}

/**
 * Colorize log arguments if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	args[0] = (this.useColors ? '%c' : '') +
		this.namespace +
		(this.useColors ? ' %c' : ' ') +
		args[0] +
		(this.useColors ? '%c ' : ' ') +
		'+' + module.exports.humanize(this.diff);

	if (!this.useColors) {
		return;
	}

	const c = 'color: ' + this.color;
	args.splice(1, 0, c, 'color: inherit');

	// The final "%c" is somewhat tricky, because there could be other
	// arguments passed either before or after the %c, so we need to
	// figure out the correct index to insert the CSS into
	let index = 0;
	let lastC = 0;
	args[0].replace(/%[a-zA-Z%]/g, match => {
		if (match === '%%') {
			return;
		}
		index++;
		if (match === '%c') {
			// We only are interested in the *last* %c
			// (the user may have provided their own)
			lastC = index;
		}
	});

	args.splice(lastC, 0, c);
}

/**
 * Invokes `console.debug()` when available.
 * No-op when `console.debug` is not a "function".
 * If `console.debug` is not available, falls back
 * to `console.log`.
 *
 * @api public
 */
exports.log = console.debug || console.log || (() => {});

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	try {
		if (namespaces) {
			exports.storage.setItem('debug', namespaces);
		} else {
			exports.storage.removeItem('debug');
		}
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */
function load() {
	let r;
	try {
		r = exports.storage.getItem('debug') || exports.storage.getItem('DEBUG') ;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}

	// If debug isn't set in LS, and we're in Electron, try to load $DEBUG
	if (!r && typeof process !== 'undefined' && 'env' in process) {
		r = process.env.DEBUG;
	}

	return r;
}

/**
 * Localstorage attempts to return the localstorage.
 *
 * This is necessary because safari throws
 * when a user disables cookies/localstorage
 * and you attempt to access it.
 *
 * @return {LocalStorage}
 * @api private
 */

function localstorage() {
	try {
		// TVMLKit (Apple TV JS Runtime) does not have a window object, just localStorage in the global context
		// The Browser also has localStorage in the global context.
		return localStorage;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

module.exports = __nccwpck_require__(897)(exports);

const {formatters} = module.exports;

/**
 * Map %j to `JSON.stringify()`, since no Web Inspectors do that by default.
 */

formatters.j = function (v) {
	try {
		return JSON.stringify(v);
	} catch (error) {
		return '[UnexpectedJSONParseError]: ' + error.message;
	}
};


/***/ }),

/***/ 897:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


/**
 * This is the common logic for both the Node.js and web browser
 * implementations of `debug()`.
 */

function setup(env) {
	createDebug.debug = createDebug;
	createDebug.default = createDebug;
	createDebug.coerce = coerce;
	createDebug.disable = disable;
	createDebug.enable = enable;
	createDebug.enabled = enabled;
	createDebug.humanize = __nccwpck_require__(744);
	createDebug.destroy = destroy;

	Object.keys(env).forEach(key => {
		createDebug[key] = env[key];
	});

	/**
	* The currently active debug mode names, and names to skip.
	*/

	createDebug.names = [];
	createDebug.skips = [];

	/**
	* Map of special "%n" handling functions, for the debug "format" argument.
	*
	* Valid key names are a single, lower or upper-case letter, i.e. "n" and "N".
	*/
	createDebug.formatters = {};

	/**
	* Selects a color for a debug namespace
	* @param {String} namespace The namespace string for the debug instance to be colored
	* @return {Number|String} An ANSI color code for the given namespace
	* @api private
	*/
	function selectColor(namespace) {
		let hash = 0;

		for (let i = 0; i < namespace.length; i++) {
			hash = ((hash << 5) - hash) + namespace.charCodeAt(i);
			hash |= 0; // Convert to 32bit integer
		}

		return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
	}
	createDebug.selectColor = selectColor;

	/**
	* Create a debugger with the given `namespace`.
	*
	* @param {String} namespace
	* @return {Function}
	* @api public
	*/
	function createDebug(namespace) {
		let prevTime;
		let enableOverride = null;
		let namespacesCache;
		let enabledCache;

		function debug(...args) {
			// Disabled?
			if (!debug.enabled) {
				return;
			}

			const self = debug;

			// Set `diff` timestamp
			const curr = Number(new Date());
			const ms = curr - (prevTime || curr);
			self.diff = ms;
			self.prev = prevTime;
			self.curr = curr;
			prevTime = curr;

			args[0] = createDebug.coerce(args[0]);

			if (typeof args[0] !== 'string') {
				// Anything else let's inspect with %O
				args.unshift('%O');
			}

			// Apply any `formatters` transformations
			let index = 0;
			args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
				// If we encounter an escaped % then don't increase the array index
				if (match === '%%') {
					return '%';
				}
				index++;
				const formatter = createDebug.formatters[format];
				if (typeof formatter === 'function') {
					const val = args[index];
					match = formatter.call(self, val);

					// Now we need to remove `args[index]` since it's inlined in the `format`
					args.splice(index, 1);
					index--;
				}
				return match;
			});

			// Apply env-specific formatting (colors, etc.)
			createDebug.formatArgs.call(self, args);

			const logFn = self.log || createDebug.log;
			logFn.apply(self, args);
		}

		debug.namespace = namespace;
		debug.useColors = createDebug.useColors();
		debug.color = createDebug.selectColor(namespace);
		debug.extend = extend;
		debug.destroy = createDebug.destroy; // XXX Temporary. Will be removed in the next major release.

		Object.defineProperty(debug, 'enabled', {
			enumerable: true,
			configurable: false,
			get: () => {
				if (enableOverride !== null) {
					return enableOverride;
				}
				if (namespacesCache !== createDebug.namespaces) {
					namespacesCache = createDebug.namespaces;
					enabledCache = createDebug.enabled(namespace);
				}

				return enabledCache;
			},
			set: v => {
				enableOverride = v;
			}
		});

		// Env-specific initialization logic for debug instances
		if (typeof createDebug.init === 'function') {
			createDebug.init(debug);
		}

		return debug;
	}

	function extend(namespace, delimiter) {
		const newDebug = createDebug(this.namespace + (typeof delimiter === 'undefined' ? ':' : delimiter) + namespace);
		newDebug.log = this.log;
		return newDebug;
	}

	/**
	* Enables a debug mode by namespaces. This can include modes
	* separated by a colon and wildcards.
	*
	* @param {String} namespaces
	* @api public
	*/
	function enable(namespaces) {
		createDebug.save(namespaces);
		createDebug.namespaces = namespaces;

		createDebug.names = [];
		createDebug.skips = [];

		const split = (typeof namespaces === 'string' ? namespaces : '')
			.trim()
			.replace(/\s+/g, ',')
			.split(',')
			.filter(Boolean);

		for (const ns of split) {
			if (ns[0] === '-') {
				createDebug.skips.push(ns.slice(1));
			} else {
				createDebug.names.push(ns);
			}
		}
	}

	/**
	 * Checks if the given string matches a namespace template, honoring
	 * asterisks as wildcards.
	 *
	 * @param {String} search
	 * @param {String} template
	 * @return {Boolean}
	 */
	function matchesTemplate(search, template) {
		let searchIndex = 0;
		let templateIndex = 0;
		let starIndex = -1;
		let matchIndex = 0;

		while (searchIndex < search.length) {
			if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === '*')) {
				// Match character or proceed with wildcard
				if (template[templateIndex] === '*') {
					starIndex = templateIndex;
					matchIndex = searchIndex;
					templateIndex++; // Skip the '*'
				} else {
					searchIndex++;
					templateIndex++;
				}
			} else if (starIndex !== -1) { // eslint-disable-line no-negated-condition
				// Backtrack to the last '*' and try to match more characters
				templateIndex = starIndex + 1;
				matchIndex++;
				searchIndex = matchIndex;
			} else {
				return false; // No match
			}
		}

		// Handle trailing '*' in template
		while (templateIndex < template.length && template[templateIndex] === '*') {
			templateIndex++;
		}

		return templateIndex === template.length;
	}

	/**
	* Disable debug output.
	*
	* @return {String} namespaces
	* @api public
	*/
	function disable() {
		const namespaces = [
			...createDebug.names,
			...createDebug.skips.map(namespace => '-' + namespace)
		].join(',');
		createDebug.enable('');
		return namespaces;
	}

	/**
	* Returns true if the given mode name is enabled, false otherwise.
	*
	* @param {String} name
	* @return {Boolean}
	* @api public
	*/
	function enabled(name) {
		for (const skip of createDebug.skips) {
			if (matchesTemplate(name, skip)) {
				return false;
			}
		}

		for (const ns of createDebug.names) {
			if (matchesTemplate(name, ns)) {
				return true;
			}
		}

		return false;
	}

	/**
	* Coerce `val`.
	*
	* @param {Mixed} val
	* @return {Mixed}
	* @api private
	*/
	function coerce(val) {
		if (val instanceof Error) {
			return val.stack || val.message;
		}
		return val;
	}

	/**
	* XXX DO NOT USE. This is a temporary stub function.
	* XXX It WILL be removed in the next major release.
	*/
	function destroy() {
		console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
	}

	createDebug.enable(createDebug.load());

	return createDebug;
}

module.exports = setup;


/***/ }),

/***/ 830:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/**
 * Detect Electron renderer / nwjs process, which is node, but we should
 * treat as a browser.
 */

if (typeof process === 'undefined' || process.type === 'renderer' || process.browser === true || process.__nwjs) {
	module.exports = __nccwpck_require__(110);
} else {
	module.exports = __nccwpck_require__(108);
}


/***/ }),

/***/ 108:
/***/ ((module, exports, __nccwpck_require__) => {

/**
 * Module dependencies.
 */

const tty = __nccwpck_require__(18);
const util = __nccwpck_require__(23);

/**
 * This is the Node.js implementation of `debug()`.
 */

exports.init = init;
exports.log = log;
exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.destroy = util.deprecate(
	() => {},
	'Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.'
);

/**
 * Colors.
 */

exports.colors = [6, 2, 3, 4, 5, 1];

try {
	// Optional dependency (as in, doesn't need to be installed, NOT like optionalDependencies in package.json)
	// eslint-disable-next-line import/no-extraneous-dependencies
	const supportsColor = __nccwpck_require__(450);

	if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
		exports.colors = [
			20,
			21,
			26,
			27,
			32,
			33,
			38,
			39,
			40,
			41,
			42,
			43,
			44,
			45,
			56,
			57,
			62,
			63,
			68,
			69,
			74,
			75,
			76,
			77,
			78,
			79,
			80,
			81,
			92,
			93,
			98,
			99,
			112,
			113,
			128,
			129,
			134,
			135,
			148,
			149,
			160,
			161,
			162,
			163,
			164,
			165,
			166,
			167,
			168,
			169,
			170,
			171,
			172,
			173,
			178,
			179,
			184,
			185,
			196,
			197,
			198,
			199,
			200,
			201,
			202,
			203,
			204,
			205,
			206,
			207,
			208,
			209,
			214,
			215,
			220,
			221
		];
	}
} catch (error) {
	// Swallow - we only care if `supports-color` is available; it doesn't have to be.
}

/**
 * Build up the default `inspectOpts` object from the environment variables.
 *
 *   $ DEBUG_COLORS=no DEBUG_DEPTH=10 DEBUG_SHOW_HIDDEN=enabled node script.js
 */

exports.inspectOpts = Object.keys(process.env).filter(key => {
	return /^debug_/i.test(key);
}).reduce((obj, key) => {
	// Camel-case
	const prop = key
		.substring(6)
		.toLowerCase()
		.replace(/_([a-z])/g, (_, k) => {
			return k.toUpperCase();
		});

	// Coerce string value into JS value
	let val = process.env[key];
	if (/^(yes|on|true|enabled)$/i.test(val)) {
		val = true;
	} else if (/^(no|off|false|disabled)$/i.test(val)) {
		val = false;
	} else if (val === 'null') {
		val = null;
	} else {
		val = Number(val);
	}

	obj[prop] = val;
	return obj;
}, {});

/**
 * Is stdout a TTY? Colored output is enabled when `true`.
 */

function useColors() {
	return 'colors' in exports.inspectOpts ?
		Boolean(exports.inspectOpts.colors) :
		tty.isatty(process.stderr.fd);
}

/**
 * Adds ANSI color escape codes if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	const {namespace: name, useColors} = this;

	if (useColors) {
		const c = this.color;
		const colorCode = '\u001B[3' + (c < 8 ? c : '8;5;' + c);
		const prefix = `  ${colorCode};1m${name} \u001B[0m`;

		args[0] = prefix + args[0].split('\n').join('\n' + prefix);
		args.push(colorCode + 'm+' + module.exports.humanize(this.diff) + '\u001B[0m');
	} else {
		args[0] = getDate() + name + ' ' + args[0];
	}
}

function getDate() {
	if (exports.inspectOpts.hideDate) {
		return '';
	}
	return new Date().toISOString() + ' ';
}

/**
 * Invokes `util.formatWithOptions()` with the specified arguments and writes to stderr.
 */

function log(...args) {
	return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + '\n');
}

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	if (namespaces) {
		process.env.DEBUG = namespaces;
	} else {
		// If you set a process.env field to null or undefined, it gets cast to the
		// string 'null' or 'undefined'. Just delete instead.
		delete process.env.DEBUG;
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */

function load() {
	return process.env.DEBUG;
}

/**
 * Init logic for `debug` instances.
 *
 * Create a new `inspectOpts` object in case `useColors` is set
 * differently for a particular `debug` instance.
 */

function init(debug) {
	debug.inspectOpts = {};

	const keys = Object.keys(exports.inspectOpts);
	for (let i = 0; i < keys.length; i++) {
		debug.inspectOpts[keys[i]] = exports.inspectOpts[keys[i]];
	}
}

module.exports = __nccwpck_require__(897)(exports);

const {formatters} = module.exports;

/**
 * Map %o to `util.inspect()`, all on a single line.
 */

formatters.o = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts)
		.split('\n')
		.map(str => str.trim())
		.join(' ');
};

/**
 * Map %O to `util.inspect()`, allowing multiple lines if needed.
 */

formatters.O = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts);
};


/***/ }),

/***/ 778:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var debug;

module.exports = function () {
  if (!debug) {
    try {
      /* eslint global-require: off */
      debug = __nccwpck_require__(830)("follow-redirects");
    }
    catch (error) { /* */ }
    if (typeof debug !== "function") {
      debug = function () { /* */ };
    }
  }
  debug.apply(null, arguments);
};


/***/ }),

/***/ 573:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var url = __nccwpck_require__(16);
var URL = url.URL;
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var Writable = (__nccwpck_require__(203).Writable);
var assert = __nccwpck_require__(613);
var debug = __nccwpck_require__(778);

// Preventive platform detection
// istanbul ignore next
(function detectUnsupportedEnvironment() {
  var looksLikeNode = typeof process !== "undefined";
  var looksLikeBrowser = typeof window !== "undefined" && typeof document !== "undefined";
  var looksLikeV8 = isFunction(Error.captureStackTrace);
  if (!looksLikeNode && (looksLikeBrowser || !looksLikeV8)) {
    console.warn("The follow-redirects package should be excluded from browser builds.");
  }
}());

// Whether to use the native URL object or the legacy url module
var useNativeURL = false;
try {
  assert(new URL(""));
}
catch (error) {
  useNativeURL = error.code === "ERR_INVALID_URL";
}

// HTTP headers to drop across HTTP/HTTPS and domain boundaries
var sensitiveHeaders = [
  "Authorization",
  "Proxy-Authorization",
  "Cookie",
];

// URL fields to preserve in copy operations
var preservedUrlFields = [
  "auth",
  "host",
  "hostname",
  "href",
  "path",
  "pathname",
  "port",
  "protocol",
  "query",
  "search",
  "hash",
];

// Create handlers that pass events from native requests
var events = ["abort", "aborted", "connect", "error", "socket", "timeout"];
var eventHandlers = Object.create(null);
events.forEach(function (event) {
  eventHandlers[event] = function (arg1, arg2, arg3) {
    this._redirectable.emit(event, arg1, arg2, arg3);
  };
});

// Error types with codes
var InvalidUrlError = createErrorType(
  "ERR_INVALID_URL",
  "Invalid URL",
  TypeError
);
var RedirectionError = createErrorType(
  "ERR_FR_REDIRECTION_FAILURE",
  "Redirected request failed"
);
var TooManyRedirectsError = createErrorType(
  "ERR_FR_TOO_MANY_REDIRECTS",
  "Maximum number of redirects exceeded",
  RedirectionError
);
var MaxBodyLengthExceededError = createErrorType(
  "ERR_FR_MAX_BODY_LENGTH_EXCEEDED",
  "Request body larger than maxBodyLength limit"
);
var WriteAfterEndError = createErrorType(
  "ERR_STREAM_WRITE_AFTER_END",
  "write after end"
);

// istanbul ignore next
var destroy = Writable.prototype.destroy || noop;

// An HTTP(S) request that can be redirected
function RedirectableRequest(options, responseCallback) {
  // Initialize the request
  Writable.call(this);
  this._sanitizeOptions(options);
  this._options = options;
  this._ended = false;
  this._ending = false;
  this._redirectCount = 0;
  this._redirects = [];
  this._requestBodyLength = 0;
  this._requestBodyBuffers = [];

  // Attach a callback if passed
  if (responseCallback) {
    this.on("response", responseCallback);
  }

  // React to responses of native requests
  var self = this;
  this._onNativeResponse = function (response) {
    try {
      self._processResponse(response);
    }
    catch (cause) {
      self.emit("error", cause instanceof RedirectionError ?
        cause : new RedirectionError({ cause: cause }));
    }
  };

  // Create filter for sensitive HTTP headers
  this._headerFilter = new RegExp("^(?:" +
      sensitiveHeaders.concat(options.sensitiveHeaders).map(escapeRegex).join("|") +
    ")$", "i");

  // Perform the first request
  this._performRequest();
}
RedirectableRequest.prototype = Object.create(Writable.prototype);

RedirectableRequest.prototype.abort = function () {
  destroyRequest(this._currentRequest);
  this._currentRequest.abort();
  this.emit("abort");
};

RedirectableRequest.prototype.destroy = function (error) {
  destroyRequest(this._currentRequest, error);
  destroy.call(this, error);
  return this;
};

// Writes buffered data to the current native request
RedirectableRequest.prototype.write = function (data, encoding, callback) {
  // Writing is not allowed if end has been called
  if (this._ending) {
    throw new WriteAfterEndError();
  }

  // Validate input and shift parameters if necessary
  if (!isString(data) && !isBuffer(data)) {
    throw new TypeError("data should be a string, Buffer or Uint8Array");
  }
  if (isFunction(encoding)) {
    callback = encoding;
    encoding = null;
  }

  // Ignore empty buffers, since writing them doesn't invoke the callback
  // https://github.com/nodejs/node/issues/22066
  if (data.length === 0) {
    if (callback) {
      callback();
    }
    return;
  }
  // Only write when we don't exceed the maximum body length
  if (this._requestBodyLength + data.length <= this._options.maxBodyLength) {
    this._requestBodyLength += data.length;
    this._requestBodyBuffers.push({ data: data, encoding: encoding });
    this._currentRequest.write(data, encoding, callback);
  }
  // Error when we exceed the maximum body length
  else {
    this.emit("error", new MaxBodyLengthExceededError());
    this.abort();
  }
};

// Ends the current native request
RedirectableRequest.prototype.end = function (data, encoding, callback) {
  // Shift parameters if necessary
  if (isFunction(data)) {
    callback = data;
    data = encoding = null;
  }
  else if (isFunction(encoding)) {
    callback = encoding;
    encoding = null;
  }

  // Write data if needed and end
  if (!data) {
    this._ended = this._ending = true;
    this._currentRequest.end(null, null, callback);
  }
  else {
    var self = this;
    var currentRequest = this._currentRequest;
    this.write(data, encoding, function () {
      self._ended = true;
      currentRequest.end(null, null, callback);
    });
    this._ending = true;
  }
};

// Sets a header value on the current native request
RedirectableRequest.prototype.setHeader = function (name, value) {
  this._options.headers[name] = value;
  this._currentRequest.setHeader(name, value);
};

// Clears a header value on the current native request
RedirectableRequest.prototype.removeHeader = function (name) {
  delete this._options.headers[name];
  this._currentRequest.removeHeader(name);
};

// Global timeout for all underlying requests
RedirectableRequest.prototype.setTimeout = function (msecs, callback) {
  var self = this;

  // Destroys the socket on timeout
  function destroyOnTimeout(socket) {
    socket.setTimeout(msecs);
    socket.removeListener("timeout", socket.destroy);
    socket.addListener("timeout", socket.destroy);
  }

  // Sets up a timer to trigger a timeout event
  function startTimer(socket) {
    if (self._timeout) {
      clearTimeout(self._timeout);
    }
    self._timeout = setTimeout(function () {
      self.emit("timeout");
      clearTimer();
    }, msecs);
    destroyOnTimeout(socket);
  }

  // Stops a timeout from triggering
  function clearTimer() {
    // Clear the timeout
    if (self._timeout) {
      clearTimeout(self._timeout);
      self._timeout = null;
    }

    // Clean up all attached listeners
    self.removeListener("abort", clearTimer);
    self.removeListener("error", clearTimer);
    self.removeListener("response", clearTimer);
    self.removeListener("close", clearTimer);
    if (callback) {
      self.removeListener("timeout", callback);
    }
    if (!self.socket) {
      self._currentRequest.removeListener("socket", startTimer);
    }
  }

  // Attach callback if passed
  if (callback) {
    this.on("timeout", callback);
  }

  // Start the timer if or when the socket is opened
  if (this.socket) {
    startTimer(this.socket);
  }
  else {
    this._currentRequest.once("socket", startTimer);
  }

  // Clean up on events
  this.on("socket", destroyOnTimeout);
  this.on("abort", clearTimer);
  this.on("error", clearTimer);
  this.on("response", clearTimer);
  this.on("close", clearTimer);

  return this;
};

// Proxy all other public ClientRequest methods
[
  "flushHeaders", "getHeader",
  "setNoDelay", "setSocketKeepAlive",
].forEach(function (method) {
  RedirectableRequest.prototype[method] = function (a, b) {
    return this._currentRequest[method](a, b);
  };
});

// Proxy all public ClientRequest properties
["aborted", "connection", "socket"].forEach(function (property) {
  Object.defineProperty(RedirectableRequest.prototype, property, {
    get: function () { return this._currentRequest[property]; },
  });
});

RedirectableRequest.prototype._sanitizeOptions = function (options) {
  // Ensure headers are always present
  if (!options.headers) {
    options.headers = {};
  }
  // Convert [header1, value1, header2, value2, …] to object
  else if (Array.isArray(options.headers)) {
    var headerList = options.headers;
    options.headers = {};
    for (var i = 0; i < headerList.length; i += 2) {
      options.headers[headerList[i]] = headerList[i + 1];
    }
  }
  // Ensure sensitive headers are always present
  if (!Array.isArray(options.sensitiveHeaders)) {
    options.sensitiveHeaders = [];
  }

  // Since http.request treats host as an alias of hostname,
  // but the url module interprets host as hostname plus port,
  // eliminate the host property to avoid confusion.
  if (options.host) {
    // Use hostname if set, because it has precedence
    if (!options.hostname) {
      options.hostname = options.host;
    }
    delete options.host;
  }

  // Complete the URL object when necessary
  if (!options.pathname && options.path) {
    var searchPos = options.path.indexOf("?");
    if (searchPos < 0) {
      options.pathname = options.path;
    }
    else {
      options.pathname = options.path.substring(0, searchPos);
      options.search = options.path.substring(searchPos);
    }
  }
};


// Executes the next native request (initial or redirect)
RedirectableRequest.prototype._performRequest = function () {
  // Load the native protocol
  var protocol = this._options.protocol;
  var nativeProtocol = this._options.nativeProtocols[protocol];
  if (!nativeProtocol) {
    throw new TypeError("Unsupported protocol " + protocol);
  }

  // If specified, use the agent corresponding to the protocol
  // (HTTP and HTTPS use different types of agents)
  if (this._options.agents) {
    var scheme = protocol.slice(0, -1);
    this._options.agent = this._options.agents[scheme];
  }

  // Create the native request and set up its event handlers
  var request = this._currentRequest =
        nativeProtocol.request(this._options, this._onNativeResponse);
  request._redirectable = this;
  for (var event of events) {
    request.on(event, eventHandlers[event]);
  }

  // RFC7230§5.3.1: When making a request directly to an origin server, […]
  // a client MUST send only the absolute path […] as the request-target.
  this._currentUrl = /^\//.test(this._options.path) ?
    url.format(this._options) :
    // When making a request to a proxy, […]
    // a client MUST send the target URI in absolute-form […].
    this._options.path;

  // End a redirected request
  // (The first request must be ended explicitly with RedirectableRequest#end)
  if (this._isRedirect) {
    // Write the request entity and end
    var i = 0;
    var self = this;
    var buffers = this._requestBodyBuffers;
    (function writeNext(error) {
      // Only write if this request has not been redirected yet
      // istanbul ignore else
      if (request === self._currentRequest) {
        // Report any write errors
        // istanbul ignore if
        if (error) {
          self.emit("error", error);
        }
        // Write the next buffer if there are still left
        else if (i < buffers.length) {
          var buffer = buffers[i++];
          // istanbul ignore else
          if (!request.finished) {
            request.write(buffer.data, buffer.encoding, writeNext);
          }
        }
        // End the request if `end` has been called on us
        else if (self._ended) {
          request.end();
        }
      }
    }());
  }
};

// Processes a response from the current native request
RedirectableRequest.prototype._processResponse = function (response) {
  // Store the redirected response
  var statusCode = response.statusCode;
  if (this._options.trackRedirects) {
    this._redirects.push({
      url: this._currentUrl,
      headers: response.headers,
      statusCode: statusCode,
    });
  }

  // RFC7231§6.4: The 3xx (Redirection) class of status code indicates
  // that further action needs to be taken by the user agent in order to
  // fulfill the request. If a Location header field is provided,
  // the user agent MAY automatically redirect its request to the URI
  // referenced by the Location field value,
  // even if the specific status code is not understood.

  // If the response is not a redirect; return it as-is
  var location = response.headers.location;
  if (!location || this._options.followRedirects === false ||
      statusCode < 300 || statusCode >= 400) {
    response.responseUrl = this._currentUrl;
    response.redirects = this._redirects;
    this.emit("response", response);

    // Clean up
    this._requestBodyBuffers = [];
    return;
  }

  // The response is a redirect, so abort the current request
  destroyRequest(this._currentRequest);
  // Discard the remainder of the response to avoid waiting for data
  response.destroy();

  // RFC7231§6.4: A client SHOULD detect and intervene
  // in cyclical redirections (i.e., "infinite" redirection loops).
  if (++this._redirectCount > this._options.maxRedirects) {
    throw new TooManyRedirectsError();
  }

  // Store the request headers if applicable
  var requestHeaders;
  var beforeRedirect = this._options.beforeRedirect;
  if (beforeRedirect) {
    requestHeaders = Object.assign({
      // The Host header was set by nativeProtocol.request
      Host: response.req.getHeader("host"),
    }, this._options.headers);
  }

  // RFC7231§6.4: Automatic redirection needs to done with
  // care for methods not known to be safe, […]
  // RFC7231§6.4.2–3: For historical reasons, a user agent MAY change
  // the request method from POST to GET for the subsequent request.
  var method = this._options.method;
  if ((statusCode === 301 || statusCode === 302) && this._options.method === "POST" ||
      // RFC7231§6.4.4: The 303 (See Other) status code indicates that
      // the server is redirecting the user agent to a different resource […]
      // A user agent can perform a retrieval request targeting that URI
      // (a GET or HEAD request if using HTTP) […]
      (statusCode === 303) && !/^(?:GET|HEAD)$/.test(this._options.method)) {
    this._options.method = "GET";
    // Drop a possible entity and headers related to it
    this._requestBodyBuffers = [];
    removeMatchingHeaders(/^content-/i, this._options.headers);
  }

  // Drop the Host header, as the redirect might lead to a different host
  var currentHostHeader = removeMatchingHeaders(/^host$/i, this._options.headers);

  // If the redirect is relative, carry over the host of the last request
  var currentUrlParts = parseUrl(this._currentUrl);
  var currentHost = currentHostHeader || currentUrlParts.host;
  var currentUrl = /^\w+:/.test(location) ? this._currentUrl :
    url.format(Object.assign(currentUrlParts, { host: currentHost }));

  // Create the redirected request
  var redirectUrl = resolveUrl(location, currentUrl);
  debug("redirecting to", redirectUrl.href);
  this._isRedirect = true;
  spreadUrlObject(redirectUrl, this._options);

  // Drop confidential headers when redirecting to a less secure protocol
  // or to a different domain that is not a superdomain
  if (redirectUrl.protocol !== currentUrlParts.protocol &&
     redirectUrl.protocol !== "https:" ||
     redirectUrl.host !== currentHost &&
     !isSubdomain(redirectUrl.host, currentHost)) {
    removeMatchingHeaders(this._headerFilter, this._options.headers);
  }

  // Evaluate the beforeRedirect callback
  if (isFunction(beforeRedirect)) {
    var responseDetails = {
      headers: response.headers,
      statusCode: statusCode,
    };
    var requestDetails = {
      url: currentUrl,
      method: method,
      headers: requestHeaders,
    };
    beforeRedirect(this._options, responseDetails, requestDetails);
    this._sanitizeOptions(this._options);
  }

  // Perform the redirected request
  this._performRequest();
};

// Wraps the key/value object of protocols with redirect functionality
function wrap(protocols) {
  // Default settings
  var exports = {
    maxRedirects: 21,
    maxBodyLength: 10 * 1024 * 1024,
  };

  // Wrap each protocol
  var nativeProtocols = {};
  Object.keys(protocols).forEach(function (scheme) {
    var protocol = scheme + ":";
    var nativeProtocol = nativeProtocols[protocol] = protocols[scheme];
    var wrappedProtocol = exports[scheme] = Object.create(nativeProtocol);

    // Executes a request, following redirects
    function request(input, options, callback) {
      // Parse parameters, ensuring that input is an object
      if (isURL(input)) {
        input = spreadUrlObject(input);
      }
      else if (isString(input)) {
        input = spreadUrlObject(parseUrl(input));
      }
      else {
        callback = options;
        options = validateUrl(input);
        input = { protocol: protocol };
      }
      if (isFunction(options)) {
        callback = options;
        options = null;
      }

      // Set defaults
      options = Object.assign({
        maxRedirects: exports.maxRedirects,
        maxBodyLength: exports.maxBodyLength,
      }, input, options);
      options.nativeProtocols = nativeProtocols;
      if (!isString(options.host) && !isString(options.hostname)) {
        options.hostname = "::1";
      }

      assert.equal(options.protocol, protocol, "protocol mismatch");
      debug("options", options);
      return new RedirectableRequest(options, callback);
    }

    // Executes a GET request, following redirects
    function get(input, options, callback) {
      var wrappedRequest = wrappedProtocol.request(input, options, callback);
      wrappedRequest.end();
      return wrappedRequest;
    }

    // Expose the properties on the wrapped protocol
    Object.defineProperties(wrappedProtocol, {
      request: { value: request, configurable: true, enumerable: true, writable: true },
      get: { value: get, configurable: true, enumerable: true, writable: true },
    });
  });
  return exports;
}

function noop() { /* empty */ }

function parseUrl(input) {
  var parsed;
  // istanbul ignore else
  if (useNativeURL) {
    parsed = new URL(input);
  }
  else {
    // Ensure the URL is valid and absolute
    parsed = validateUrl(url.parse(input));
    if (!isString(parsed.protocol)) {
      throw new InvalidUrlError({ input });
    }
  }
  return parsed;
}

function resolveUrl(relative, base) {
  // istanbul ignore next
  return useNativeURL ? new URL(relative, base) : parseUrl(url.resolve(base, relative));
}

function validateUrl(input) {
  if (/^\[/.test(input.hostname) && !/^\[[:0-9a-f]+\]$/i.test(input.hostname)) {
    throw new InvalidUrlError({ input: input.href || input });
  }
  if (/^\[/.test(input.host) && !/^\[[:0-9a-f]+\](:\d+)?$/i.test(input.host)) {
    throw new InvalidUrlError({ input: input.href || input });
  }
  return input;
}

function spreadUrlObject(urlObject, target) {
  var spread = target || {};
  for (var key of preservedUrlFields) {
    spread[key] = urlObject[key];
  }

  // Fix IPv6 hostname
  if (spread.hostname.startsWith("[")) {
    spread.hostname = spread.hostname.slice(1, -1);
  }
  // Ensure port is a number
  if (spread.port !== "") {
    spread.port = Number(spread.port);
  }
  // Concatenate path
  spread.path = spread.search ? spread.pathname + spread.search : spread.pathname;

  return spread;
}

function removeMatchingHeaders(regex, headers) {
  var lastValue;
  for (var header in headers) {
    if (regex.test(header)) {
      lastValue = headers[header];
      delete headers[header];
    }
  }
  return (lastValue === null || typeof lastValue === "undefined") ?
    undefined : String(lastValue).trim();
}

function createErrorType(code, message, baseClass) {
  // Create constructor
  function CustomError(properties) {
    // istanbul ignore else
    if (isFunction(Error.captureStackTrace)) {
      Error.captureStackTrace(this, this.constructor);
    }
    Object.assign(this, properties || {});
    this.code = code;
    this.message = this.cause ? message + ": " + this.cause.message : message;
  }

  // Attach constructor and set default properties
  CustomError.prototype = new (baseClass || Error)();
  Object.defineProperties(CustomError.prototype, {
    constructor: {
      value: CustomError,
      enumerable: false,
    },
    name: {
      value: "Error [" + code + "]",
      enumerable: false,
    },
  });
  return CustomError;
}

function destroyRequest(request, error) {
  for (var event of events) {
    request.removeListener(event, eventHandlers[event]);
  }
  request.on("error", noop);
  request.destroy(error);
}

function isSubdomain(subdomain, domain) {
  assert(isString(subdomain) && isString(domain));
  var dot = subdomain.length - domain.length - 1;
  return dot > 0 && subdomain[dot] === "." && subdomain.endsWith(domain);
}

function isString(value) {
  return typeof value === "string" || value instanceof String;
}

function isFunction(value) {
  return typeof value === "function";
}

function isBuffer(value) {
  return typeof value === "object" && ("length" in value);
}

function isURL(value) {
  return URL && value instanceof URL;
}

function escapeRegex(regex) {
  // As per https://tc39.es/proposal-regexp-modifiers/#prod-SyntaxCharacter
  return regex.replace(/[\^$\\.*+?()[\]{}|]/g, "\\$&");
}

// Exports
module.exports = wrap({ http: http, https: https });
module.exports.wrap = wrap;


/***/ }),

/***/ 813:
/***/ ((module) => {



module.exports = (flag, argv = process.argv) => {
	const prefix = flag.startsWith('-') ? '' : (flag.length === 1 ? '-' : '--');
	const position = argv.indexOf(prefix + flag);
	const terminatorPosition = argv.indexOf('--');
	return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
};


/***/ }),

/***/ 505:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.isSSL = void 0;
exports.setupOutgoing = setupOutgoing;
exports.setupSocket = setupSocket;
exports.getPort = getPort;
exports.hasEncryptedConnection = hasEncryptedConnection;
exports.urlJoin = urlJoin;
exports.rewriteCookieProperty = rewriteCookieProperty;
exports.toURL = toURL;
const node_tls_1 = __nccwpck_require__(311);
const upgradeHeader = /(^|,)\s*upgrade\s*($|,)/i;
// Simple Regex for testing if protocol is https
exports.isSSL = /^https|wss/;
// If we allow this header and a user sends it with a request,
// then serving this request goes into a weird broken state, which
// wastes resources.  This could be a DOS security vulnerability.
// We strip this header if it appears in any request, and then things
// work fine.
// See https://github.com/http-party/node-http-proxy/issues/1647
const HEADER_BLACKLIST = "trailer";
const HTTP2_HEADER_BLACKLIST = [
    ":method",
    ":path",
    ":scheme",
    ":authority",
    "connection",
    "keep-alive",
];
// setupOutgoing -- Copies the right headers from `options` and `req` to
// `outgoing` which is then used to fire the proxied request by calling
// http.request or https.request with outgoing as input.
// Returns Object with all required properties outgoing options.
function setupOutgoing(
// Base object to be filled with required properties
outgoing, 
// Config object passed to the proxy
options, 
// Request Object
req, 
// String to select forward or target
forward) {
    // the final path is target path + relative path requested by user:
    const target = options[forward || "target"];
    outgoing.port = +(target.port ??
        (target.protocol !== undefined && exports.isSSL.test(target.protocol) ? 443 : 80));
    for (const e of [
        "host",
        "hostname",
        "socketPath",
        "pfx",
        "key",
        "passphrase",
        "cert",
        "ca",
        "ciphers",
        "secureProtocol",
    ]) {
        // @ts-expect-error -- this mapping is valid
        outgoing[e] = target[e];
    }
    // Fix for IPv6: the WHATWG URL spec serialises IPv6 hostnames with square
    // brackets (e.g. new URL("http://[::1]/").hostname === "[::1]"), but
    // Node.js dns.lookup / getaddrinfo require a bare address without brackets.
    // Passing the bracketed form causes an ENOTFOUND error even for valid
    // addresses.  outgoing.host is already in the correct "[addr]:port" format
    // for HTTP Host headers and is left unchanged.
    if (outgoing.hostname?.startsWith("[") && outgoing.hostname.endsWith("]")) {
        outgoing.hostname = outgoing.hostname.slice(1, -1);
    }
    outgoing.method = options.method || req.method;
    outgoing.headers = { ...req.headers };
    if (req.headers?.[":authority"]) {
        outgoing.headers.host = req.headers[":authority"];
    }
    if (options.headers) {
        outgoing.headers = { ...outgoing.headers, ...options.headers };
    }
    // note -- we do the scan in this order since
    // the header could be any case, i.e., doing
    // outgoing.headers['Trailer'] won't work, because
    // it might be {'TrAiLeR':...}
    for (const header in outgoing.headers) {
        if (HEADER_BLACKLIST == header.toLowerCase()) {
            delete outgoing.headers[header];
            break;
        }
    }
    if (req.httpVersionMajor > 1) {
        for (const header of HTTP2_HEADER_BLACKLIST) {
            delete outgoing.headers[header];
        }
    }
    if (options.auth) {
        delete outgoing.headers.authorization;
        outgoing.auth = options.auth;
    }
    if (options.ca) {
        outgoing.ca = options.ca;
    }
    if (target.protocol !== undefined && exports.isSSL.test(target.protocol)) {
        outgoing.rejectUnauthorized =
            typeof options.secure === "undefined" ? true : options.secure;
    }
    outgoing.agent = options.agent || false;
    outgoing.localAddress = options.localAddress;
    // Remark: If we are false and not upgrading, set the connection: close. This is the right thing to do
    // as node core doesn't handle this COMPLETELY properly yet.
    if (!outgoing.agent) {
        outgoing.headers = outgoing.headers || {};
        if (typeof outgoing.headers.connection !== "string" ||
            !upgradeHeader.test(outgoing.headers.connection)) {
            outgoing.headers.connection = "close";
        }
    }
    // target if defined is a URL object so has attribute "pathname", not "path".
    const targetPath = target && options.prependPath !== false && "pathname" in target
        ? getPath(`${target.pathname}${target.search ?? ""}`)
        : "/";
    let outgoingPath = options.toProxy ? req.url : getPath(req.url);
    // Remark: ignorePath will just straight up ignore whatever the request's
    // path is. This can be labeled as FOOT-GUN material if you do not know what
    // you are doing and are using conflicting options.
    outgoingPath = !options.ignorePath ? outgoingPath : "";
    outgoing.path = urlJoin(targetPath, outgoingPath ?? "");
    if (options.changeOrigin) {
        outgoing.headers.host =
            target.protocol !== undefined &&
                required(outgoing.port, target.protocol) &&
                !hasPort(outgoing.host)
                ? outgoing.host + ":" + outgoing.port
                : outgoing.host;
    }
    outgoing.url = ("href" in target &&
        target.href) ||
        (target.protocol === "https" ? "https" : "http") +
            "://" +
            outgoing.host +
            (outgoing.port ? ":" + outgoing.port : "");
    if (req.httpVersionMajor > 1) {
        for (const header of HTTP2_HEADER_BLACKLIST) {
            delete outgoing.headers[header];
        }
    }
    return outgoing;
}
// Set the proper configuration for sockets,
// set no delay and set keep alive, also set
// the timeout to 0.
// Return the configured socket.
function setupSocket(socket) {
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 0);
    return socket;
}
// Get the port number from the host. Or guess it based on the connection type.
function getPort(
// Incoming HTTP request.
req) {
    const hostHeader = req.headers[":authority"] || req.headers.host;
    const res = hostHeader ? hostHeader.match(/:(\d+)/) : "";
    return res ? res[1] : hasEncryptedConnection(req) ? "443" : "80";
}
// Check if the request has an encrypted connection.
function hasEncryptedConnection(
// Incoming HTTP request.
req) {
    const conn = req.connection;
    return ((conn instanceof node_tls_1.TLSSocket && conn.encrypted) || Boolean(conn.pair));
}
// OS-agnostic join (doesn't break on URLs like path.join does on Windows)>
function urlJoin(...args) {
    // join url and merge all query string.
    const queryParams = [];
    let queryParamRaw = "";
    args.forEach((url, index) => {
        const qpStart = url.indexOf("?");
        if (qpStart !== -1) {
            queryParams.push(url.substring(qpStart + 1));
            args[index] = url.substring(0, qpStart);
        }
    });
    queryParamRaw = queryParams.filter(Boolean).join("&");
    // Join all strings, but remove empty strings so we don't get extra slashes from
    // joining e.g. ['', 'am'].
    // Also we respect strings that start and end in multiple slashes, e.g., so
    //  ['/', '//test', '///foo'] --> '//test'
    // since e.g., http://localhost//test///foo is a valid URL. See
    // lib/test/http/double-slashes.test.ts
    // The algorithm for joining is just straightforward and simple, instead
    // of the complicated "too clever" code from http-proxy. This just concats
    // the strings together, not adding any slashes, and also combining adjacent
    // slashes in two segments, e.g., ['/foo/','/bar'] --> '/foo/bar'
    let retSegs = "";
    for (const seg of args) {
        if (!seg) {
            continue;
        }
        if (retSegs.endsWith("/")) {
            if (seg.startsWith("/")) {
                retSegs += seg.slice(1);
            }
            else {
                retSegs += seg;
            }
        }
        else {
            if (seg.startsWith("/")) {
                retSegs += seg;
            }
            else {
                retSegs += "/" + seg;
            }
        }
    }
    // Only join the query string if it exists so we don't have trailing a '?'
    // on every request
    return queryParamRaw ? retSegs + "?" + queryParamRaw : retSegs;
}
function rewriteCookieProperty(header, 
// config = mapping of domain to rewritten domain.
//         '*' key to match any domain, null value to remove the domain.
config, property) {
    if (Array.isArray(header)) {
        return header.map((headerElement) => {
            return rewriteCookieProperty(headerElement, config, property);
        });
    }
    return header.replace(new RegExp("(;\\s*" + property + "=)([^;]+)", "i"), (match, prefix, previousValue) => {
        let newValue;
        if (previousValue in config) {
            newValue = config[previousValue];
        }
        else if ("*" in config) {
            newValue = config["*"];
        }
        else {
            //no match, return previous value
            return match;
        }
        if (newValue) {
            //replace value
            return prefix + newValue;
        }
        else {
            //remove value
            return "";
        }
    });
}
// Check the host and see if it potentially has a port in it (keep it simple)
function hasPort(host) {
    // IPv6 addresses in bracket notation: a port is present only after ']',
    // e.g. "[::1]:8080" has a port but "[::1]" does not.
    // A plain indexOf(":") would incorrectly match colons inside the IPv6 address.
    if (host.startsWith("[")) {
        const closingBracket = host.indexOf("]");
        return closingBracket !== -1 && host.length > closingBracket + 1;
    }
    return host.includes(":");
}
function getPath(url) {
    if (url === "" || url?.startsWith("?")) {
        return url;
    }
    const u = toURL(url);
    return `${u.pathname ?? ""}${u.search ?? ""}`;
}
function toURL(url) {
    if (url instanceof URL) {
        return url;
    }
    else if (typeof url === "object" &&
        "href" in url &&
        typeof url.href === "string") {
        url = url.href;
    }
    if (!url) {
        url = "";
    }
    if (typeof url != "string") {
        // it has to be a string at this point, but to keep typescript happy:
        url = `${url}`;
    }
    if (url.startsWith("//")) {
        // special case -- this would be viewed as a this is a "network-path reference",
        // so we explicitly prefix with our http schema.  See
        url = `http://base.invalid${url}`;
    }
    // urllib.Url is deprecated but we support it by converting to URL
    return new URL(url, "http://base.invalid");
}
// vendor simplified version of https://www.npmjs.com/package/requires-port to
// reduce dep and add typescript.
function required(port, protocol) {
    protocol = protocol.split(":")[0];
    port = +port;
    if (!port)
        return false;
    switch (protocol) {
        case "http":
        case "ws":
            return port !== 80;
        case "https":
        case "wss":
            return port !== 443;
    }
    return port !== 0;
}


/***/ }),

/***/ 358:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ProxyServer = void 0;
const http = __importStar(__nccwpck_require__(67));
const http2 = __importStar(__nccwpck_require__(467));
const web_incoming_1 = __nccwpck_require__(713);
const ws_incoming_1 = __nccwpck_require__(655);
const node_events_1 = __nccwpck_require__(474);
const debug_1 = __importDefault(__nccwpck_require__(830));
const common_1 = __nccwpck_require__(505);
const log = (0, debug_1.default)("http-proxy-3");
class ProxyServer extends node_events_1.EventEmitter {
    /**
     * Creates the proxy server with specified options.
     * @param options - Config object passed to the proxy
     */
    constructor(options = {}) {
        super();
        // createRightProxy - Returns a function that when called creates the loader for
        // either `ws` or `web`'s passes.
        this.createRightProxy = (type) => {
            log("createRightProxy", { type });
            return (options) => {
                return (...args /* req, res, [head], [opts] */) => {
                    const req = args[0];
                    log("proxy: ", { type, path: req.url });
                    const res = args[1];
                    const passes = type === "ws" ? this.wsPasses : this.webPasses;
                    if (type == "ws") {
                        // socket -- proxy websocket errors to our error handler;
                        // see https://github.com/sagemathinc/http-proxy-3/issues/5
                        // NOTE: as mentioned below, res is the socket in this case.
                        // One of the passes does add an error handler, but there's no
                        // guarantee we even get to that pass before something bad happens,
                        // and there's no way for a user of http-proxy-3 to get ahold
                        // of this res object and attach their own error handler until
                        // after the passes. So we better attach one ASAP right here:
                        res.on("error", (err) => {
                            this.emit("error", err, req, res);
                        });
                    }
                    let counter = args.length - 1;
                    let head;
                    let cb;
                    // optional args parse begin
                    if (typeof args[counter] === "function") {
                        cb = args[counter];
                        counter--;
                    }
                    let requestOptions;
                    if (!(args[counter] instanceof Buffer) && args[counter] !== res) {
                        // Copy global options, and overwrite with request options
                        requestOptions = { ...options, ...args[counter] };
                        counter--;
                    }
                    else {
                        requestOptions = { ...options };
                    }
                    if (args[counter] instanceof Buffer) {
                        head = args[counter];
                    }
                    for (const e of ["target", "forward"]) {
                        if (typeof requestOptions[e] === "string") {
                            requestOptions[e] = (0, common_1.toURL)(requestOptions[e]);
                        }
                    }
                    if (!requestOptions.target && !requestOptions.forward) {
                        this.emit("error", new Error("Must set target or forward"), req, res);
                        return;
                    }
                    for (const pass of passes) {
                        /**
                         * Call of passes functions
                         *     pass(req, res, options, head)
                         *
                         * In WebSockets case, the `res` variable
                         * refer to the connection socket
                         *    pass(req, socket, options, head)
                         */
                        if (pass(req, res, requestOptions, head, this, cb)) {
                            // passes can return a truthy value to halt the loop
                            break;
                        }
                    }
                };
            };
        };
        this.onError = (err) => {
            // Force people to handle their own errors
            if (this.listeners("error").length === 1) {
                throw err;
            }
        };
        /**
         * A function that wraps the object in a webserver, for your convenience
         * @param port - Port to listen on
         * @param hostname - The hostname to listen on
         */
        this.listen = (port, hostname) => {
            log("listen", { port, hostname });
            const requestListener = (req, res) => {
                this.web(req, res);
            };
            this._server = this.options.ssl
                ? http2.createSecureServer({ ...this.options.ssl, allowHTTP1: true }, requestListener)
                : http.createServer(requestListener);
            if (this.options.ws) {
                this._server.on("upgrade", (req, socket, head) => {
                    this.ws(req, socket, head);
                });
            }
            this._server.listen(port, hostname);
            return this;
        };
        // if the proxy started its own http server, this is the address of that server.
        this.address = () => {
            return this._server?.address();
        };
        /**
         * A function that closes the inner webserver and stops listening on given port
         */
        this.close = (cb) => {
            if (this._server == null) {
                cb?.();
                return;
            }
            // Wrap cb anb nullify server after all open connections are closed.
            this._server.close((err) => {
                this._server = null;
                cb?.(err);
            });
        };
        this.before = (type, passName, cb) => {
            if (type !== "ws" && type !== "web") {
                throw new Error("type must be `web` or `ws`");
            }
            const passes = (type === "ws" ? this.wsPasses : this.webPasses);
            let i = false;
            passes.forEach((v, idx) => {
                if (v.name === passName) {
                    i = idx;
                }
            });
            if (i === false) {
                throw new Error("No such pass");
            }
            passes.splice(i, 0, cb);
        };
        this.after = (type, passName, cb) => {
            if (type !== "ws" && type !== "web") {
                throw new Error("type must be `web` or `ws`");
            }
            const passes = (type === "ws" ? this.wsPasses : this.webPasses);
            let i = false;
            passes.forEach((v, idx) => {
                if (v.name === passName) {
                    i = idx;
                }
            });
            if (i === false) {
                throw new Error("No such pass");
            }
            passes.splice(i++, 0, cb);
        };
        log("creating a ProxyServer", options);
        options.prependPath = options.prependPath !== false;
        this.options = options;
        this.web = this.createRightProxy("web")(options);
        this.ws = this.createRightProxy("ws")(options);
        this.webPasses = Object.values(web_incoming_1.WEB_PASSES);
        this.wsPasses = Object.values(ws_incoming_1.WS_PASSES);
        this.on("error", this.onError);
    }
    /**
     * Creates the proxy server with specified options.
     * @param options Config object passed to the proxy
     * @returns Proxy object with handlers for `ws` and `web` requests
     */
    static createProxyServer(options) {
        return new ProxyServer(options);
    }
    /**
     * Creates the proxy server with specified options.
     * @param options Config object passed to the proxy
     * @returns Proxy object with handlers for `ws` and `web` requests
     */
    static createServer(options) {
        return new ProxyServer(options);
    }
    /**
     * Creates the proxy server with specified options.
     * @param options Config object passed to the proxy
     * @returns Proxy object with handlers for `ws` and `web` requests
     */
    static createProxy(options) {
        return new ProxyServer(options);
    }
}
exports.ProxyServer = ProxyServer;


/***/ }),

/***/ 713:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/*
A `pass` is just a function that is executed on `req, res, options`
so that you can easily add new checks while still keeping the base
flexible.

The names of passes are exported as WEB_PASSES from this module.

*/
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.WEB_PASSES = void 0;
exports.deleteLength = deleteLength;
exports.timeout = timeout;
exports.XHeaders = XHeaders;
exports.stream = stream;
const http = __importStar(__nccwpck_require__(67));
const https = __importStar(__nccwpck_require__(708));
const followRedirects = __importStar(__nccwpck_require__(573));
const common = __importStar(__nccwpck_require__(505));
const web_outgoing_1 = __nccwpck_require__(559);
const node_stream_1 = __nccwpck_require__(75);
const web_o = Object.values(web_outgoing_1.OUTGOING_PASSES);
const nativeAgents = { http, https };
//  Sets `content-length` to '0' if request is of DELETE type.
function deleteLength(req) {
    if ((req.method === "DELETE" || req.method === "OPTIONS") && !req.headers["content-length"]) {
        req.headers["content-length"] = "0";
        delete req.headers["transfer-encoding"];
    }
}
// Sets timeout in request socket if it was specified in options.
function timeout(req, _res, options) {
    if (options.timeout) {
        req.socket.setTimeout(options.timeout);
    }
}
// Sets `x-forwarded-*` headers if specified in config.
function XHeaders(req, _res, options) {
    if (!options.xfwd) {
        return;
    }
    const encrypted = common.hasEncryptedConnection(req);
    const values = {
        for: req.connection.remoteAddress || req.socket.remoteAddress,
        port: common.getPort(req),
        proto: encrypted ? "https" : "http",
    };
    for (const header of ["for", "port", "proto"]) {
        req.headers["x-forwarded-" + header] =
            (req.headers["x-forwarded-" + header] || "") + (req.headers["x-forwarded-" + header] ? "," : "") + values[header];
    }
    req.headers["x-forwarded-host"] = req.headers["x-forwarded-host"] || req.headers[":authority"] || req.headers["host"] || "";
}
// Does the actual proxying. If `forward` is enabled fires up
// a ForwardStream (there is NO RESPONSE), same happens for ProxyStream. The request
// just dies otherwise.
function stream(req, res, options, _, server, cb) {
    // And we begin!
    server.emit("start", req, res, options.target || options.forward);
    if (options.fetch || options.fetchOptions || process.env.FORCE_FETCH_PATH === "true") {
        return stream2(req, res, options, _, server, cb);
    }
    const agents = options.followRedirects ? followRedirects : nativeAgents;
    const http = agents.http;
    const https = agents.https;
    if (options.forward) {
        // forward enabled, so just pipe the request
        const proto = options.forward.protocol === "https:" ? https : http;
        const outgoingOptions = common.setupOutgoing(options.ssl || {}, options, req, "forward");
        const forwardReq = proto.request(outgoingOptions);
        // error handler (e.g. ECONNRESET, ECONNREFUSED)
        // Handle errors on incoming request as well as it makes sense to
        const forwardError = createErrorHandler(forwardReq, options.forward);
        req.on("error", forwardError);
        forwardReq.on("error", forwardError);
        (options.buffer || req).pipe(forwardReq);
        if (!options.target) {
            // no target, so we do not send anything back to the client.
            // If target is set, we do a separate proxy below, which might be to a
            // completely different server.
            return res.end();
        }
    }
    // Request initalization
    const proto = options.target.protocol === "https:" ? https : http;
    const outgoingOptions = common.setupOutgoing(options.ssl || {}, options, req);
    const proxyReq = proto.request(outgoingOptions);
    // Enable developers to modify the proxyReq before headers are sent
    proxyReq.on("socket", (socket) => {
        if (server && !proxyReq.getHeader("expect")) {
            server.emit("proxyReq", proxyReq, req, res, options, socket);
        }
    });
    // allow outgoing socket to timeout so that we could
    // show an error page at the initial request
    if (options.proxyTimeout) {
        proxyReq.setTimeout(options.proxyTimeout, () => {
            proxyReq.destroy();
        });
    }
    // Ensure we abort proxy if request is aborted
    res.on("close", () => {
        const aborted = !res.writableFinished;
        if (aborted) {
            proxyReq.destroy();
        }
    });
    // handle errors in proxy and incoming request, just like for forward proxy
    const proxyError = createErrorHandler(proxyReq, options.target);
    req.on("error", proxyError);
    proxyReq.on("error", proxyError);
    function createErrorHandler(proxyReq, url) {
        return (err) => {
            if (req.socket.destroyed && err.code === "ECONNRESET") {
                server.emit("econnreset", err, req, res, url);
                proxyReq.destroy();
                return;
            }
            if (cb) {
                cb(err, req, res, url);
            }
            else {
                server.emit("error", err, req, res, url);
            }
        };
    }
    (options.buffer || req).pipe(proxyReq);
    proxyReq.on("response", (proxyRes) => {
        server?.emit("proxyRes", proxyRes, req, res);
        if (!res.headersSent && !options.selfHandleResponse) {
            for (const pass of web_o) {
                // note: none of these return anything
                pass(req, res, proxyRes, options);
            }
        }
        if (!res.finished) {
            // Allow us to listen for when the proxy has completed
            proxyRes.on("end", () => {
                server?.emit("end", req, res, proxyRes);
            });
            // We pipe to the response unless its expected to be handled by the user
            if (!options.selfHandleResponse) {
                proxyRes.pipe(res);
            }
        }
        else {
            server?.emit("end", req, res, proxyRes);
        }
    });
}
async function stream2(req, res, options, _, server, cb) {
    // Helper function to handle errors consistently throughout the fetch path
    const handleError = (err, target) => {
        const e = err;
        // Copy code from cause if available and missing on err
        if (e.code === undefined && e.cause?.code) {
            e.code = e.cause.code;
        }
        if (cb) {
            cb(err, req, res, target);
        }
        else {
            server.emit("error", err, req, res, target);
        }
    };
    req.on("error", (err) => {
        if (req.socket.destroyed && err.code === "ECONNRESET") {
            const target = options.target || options.forward;
            if (target) {
                server.emit("econnreset", err, req, res, target);
            }
            return;
        }
        handleError(err);
    });
    const customFetch = options.fetch || fetch;
    const fetchOptions = options.fetchOptions ?? {};
    const prepareRequest = (outgoing) => {
        const requestOptions = {
            method: outgoing.method,
            ...fetchOptions.requestOptions,
        };
        const headers = new Headers(fetchOptions.requestOptions?.headers);
        if (!fetchOptions.requestOptions?.headers && outgoing.headers) {
            for (const [key, value] of Object.entries(outgoing.headers)) {
                if (typeof key === "string") {
                    if (Array.isArray(value)) {
                        for (const v of value) {
                            headers.append(key, v);
                        }
                    }
                    else if (value != null) {
                        headers.append(key, value);
                    }
                }
            }
        }
        if (options.auth) {
            headers.set("authorization", `Basic ${Buffer.from(options.auth).toString("base64")}`);
        }
        if (options.proxyTimeout) {
            requestOptions.signal = AbortSignal.timeout(options.proxyTimeout);
        }
        requestOptions.headers = headers;
        if (options.buffer) {
            requestOptions.body = options.buffer;
        }
        else if (req.method !== "GET" && req.method !== "HEAD") {
            requestOptions.body = req;
            requestOptions.duplex = "half";
        }
        return requestOptions;
    };
    if (options.forward) {
        const outgoingOptions = common.setupOutgoing(options.ssl || {}, options, req, "forward");
        const requestOptions = prepareRequest(outgoingOptions);
        let targetUrl = new URL(outgoingOptions.url).origin + outgoingOptions.path;
        if (targetUrl.startsWith("ws")) {
            targetUrl = targetUrl.replace("ws", "http");
        }
        // Call onBeforeRequest callback before making the forward request
        if (fetchOptions.onBeforeRequest) {
            try {
                await fetchOptions.onBeforeRequest(requestOptions, req, res, options);
            }
            catch (err) {
                handleError(err, options.forward);
                return;
            }
        }
        try {
            const result = await customFetch(targetUrl, requestOptions);
            // Call onAfterResponse callback for forward requests (though they typically don't expect responses)
            if (fetchOptions.onAfterResponse) {
                try {
                    await fetchOptions.onAfterResponse(result, req, res, options);
                }
                catch (err) {
                    handleError(err, options.forward);
                    return;
                }
            }
        }
        catch (err) {
            handleError(err, options.forward);
        }
        if (!options.target) {
            return res.end();
        }
    }
    const outgoingOptions = common.setupOutgoing(options.ssl || {}, options, req);
    const requestOptions = prepareRequest(outgoingOptions);
    let targetUrl = new URL(outgoingOptions.url).origin + outgoingOptions.path;
    if (targetUrl.startsWith("ws")) {
        targetUrl = targetUrl.replace("ws", "http");
    }
    // Call onBeforeRequest callback before making the request
    if (fetchOptions.onBeforeRequest) {
        try {
            await fetchOptions.onBeforeRequest(requestOptions, req, res, options);
        }
        catch (err) {
            handleError(err, options.target);
            return;
        }
    }
    try {
        const response = await customFetch(targetUrl, requestOptions);
        // Call onAfterResponse callback after receiving the response
        if (fetchOptions.onAfterResponse) {
            try {
                await fetchOptions.onAfterResponse(response, req, res, options);
            }
            catch (err) {
                handleError(err, options.target);
                return;
            }
        }
        // ProxyRes is used in the outgoing passes
        // But since only certain properties are used, we can fake it here
        // to avoid having to refactor everything.
        const fakeProxyRes = {
            statusCode: response.status,
            statusMessage: response.statusText,
            headers: Object.fromEntries(response.headers.entries()),
            rawHeaders: Object.entries(response.headers).flatMap(([key, value]) => {
                if (Array.isArray(value)) {
                    return value.flatMap((v) => (v != null ? [key, v] : []));
                }
                return value != null ? [key, value] : [];
            }),
        };
        server?.emit("proxyRes", fakeProxyRes, req, res);
        if (!res.headersSent && !options.selfHandleResponse) {
            for (const pass of web_o) {
                // note: none of these return anything
                pass(req, res, fakeProxyRes, options);
            }
        }
        if (!res.writableEnded) {
            // Allow us to listen for when the proxy has completed
            const nodeStream = response.body ? node_stream_1.Readable.from(response.body) : null;
            if (nodeStream) {
                nodeStream.on("error", (err) => {
                    handleError(err, options.target);
                });
                nodeStream.on("end", () => {
                    server?.emit("end", req, res, fakeProxyRes);
                });
                // We pipe to the response unless its expected to be handled by the user
                if (!options.selfHandleResponse) {
                    nodeStream.pipe(res, { end: true });
                }
                else {
                    nodeStream.resume();
                }
            }
            else {
                server?.emit("end", req, res, fakeProxyRes);
            }
        }
        else {
            server?.emit("end", req, res, fakeProxyRes);
        }
    }
    catch (err) {
        handleError(err, options.target);
    }
}
exports.WEB_PASSES = { deleteLength, timeout, XHeaders, stream };


/***/ }),

/***/ 559:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/*
The passes.

A `pass` is just a function that is executed on `req, res, options`
so that you can easily add new checks while still keeping the base
flexible.

NOTE: The function in OUTGOING_PASSES are called. They are assumed
to not return anything.
*/
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.OUTGOING_PASSES = void 0;
exports.removeChunked = removeChunked;
exports.setConnection = setConnection;
exports.setRedirectHostRewrite = setRedirectHostRewrite;
exports.writeHeaders = writeHeaders;
exports.writeStatusCode = writeStatusCode;
const common = __importStar(__nccwpck_require__(505));
const redirectRegex = /^201|30(1|2|7|8)$/;
// <--
// If is a HTTP 1.0 request, remove chunk headers
function removeChunked(_req, _res, 
// Response object from the proxy request
proxyRes) {
    // transfer-encoding is hop-by-hop, don't preserve it across proxy hops
    delete proxyRes.headers["transfer-encoding"];
}
// If is a HTTP 1.0 request, set the correct connection header
// or if connection header not present, then use `keep-alive`
function setConnection(req, _res, 
// Response object from the proxy request
proxyRes) {
    if (req.httpVersion === "1.0") {
        proxyRes.headers["connection"] = req.headers["connection"] || "close";
    }
    else if (req.httpVersion !== "2.0" && !proxyRes.headers["connection"]) {
        proxyRes.headers["connection"] = req.headers["connection"] || "keep-alive";
    }
}
function setRedirectHostRewrite(req, _res, proxyRes, options) {
    if ((options.hostRewrite || options.autoRewrite || options.protocolRewrite) &&
        proxyRes.headers["location"] &&
        redirectRegex.test(`${proxyRes.statusCode}`)) {
        const target = common.toURL(options.target);
        const location = proxyRes.headers["location"];
        if (typeof location != "string") {
            return;
        }
        const u = common.toURL(location);
        // make sure the redirected host matches the target host before rewriting
        if (target.host != u.host) {
            return;
        }
        if (options.hostRewrite) {
            u.host = options.hostRewrite;
        }
        else if (options.autoRewrite) {
            u.host = req.headers[":authority"] ?? req.headers["host"] ?? "";
        }
        if (options.protocolRewrite) {
            u.protocol = options.protocolRewrite;
        }
        proxyRes.headers["location"] = u.toString();
    }
}
// Copy headers from proxyRes to res.
function writeHeaders(_req, 
// Response to set headers in
res, 
// Response object from the proxy request
proxyRes, 
// options.cookieDomainRewrite: Config to rewrite cookie domain
options) {
    const rewriteCookieDomainConfig = typeof options.cookieDomainRewrite === "string"
        ? // also test for ''
            { "*": options.cookieDomainRewrite }
        : options.cookieDomainRewrite;
    const rewriteCookiePathConfig = typeof options.cookiePathRewrite === "string"
        ? // also test for ''
            { "*": options.cookiePathRewrite }
        : options.cookiePathRewrite;
    const preserveHeaderKeyCase = options.preserveHeaderKeyCase;
    const setHeader = (key, header) => {
        if (header == undefined) {
            return;
        }
        if (rewriteCookieDomainConfig && key.toLowerCase() === "set-cookie") {
            header = common.rewriteCookieProperty(header, rewriteCookieDomainConfig, "domain");
        }
        if (rewriteCookiePathConfig && key.toLowerCase() === "set-cookie") {
            header = common.rewriteCookieProperty(header, rewriteCookiePathConfig, "path");
        }
        res.setHeader(String(key).trim(), header);
    };
    // message.rawHeaders is added in: v0.11.6
    // https://nodejs.org/api/http.html#http_message_rawheaders
    let rawHeaderKeyMap;
    if (preserveHeaderKeyCase && proxyRes.rawHeaders != undefined) {
        rawHeaderKeyMap = {};
        for (let i = 0; i < proxyRes.rawHeaders.length; i += 2) {
            const key = proxyRes.rawHeaders[i];
            rawHeaderKeyMap[key.toLowerCase()] = key;
        }
    }
    for (const key0 in proxyRes.headers) {
        let key = key0;
        if (_req.httpVersionMajor > 1 && (key === "connection" || key === "keep-alive")) {
            // don't send connection header to http2 client
            continue;
        }
        const header = proxyRes.headers[key];
        if (preserveHeaderKeyCase && rawHeaderKeyMap) {
            key = rawHeaderKeyMap[key] ?? key;
        }
        setHeader(key, header);
    }
}
// Set the statusCode from the proxyResponse
function writeStatusCode(_req, res, proxyRes) {
    // From Node.js docs: response.writeHead(statusCode[, statusMessage][, headers])
    res.statusCode = proxyRes.statusCode;
    if (proxyRes.statusMessage && _req.httpVersionMajor === 1) {
        res.statusMessage = proxyRes.statusMessage;
    }
}
exports.OUTGOING_PASSES = {
    removeChunked,
    setConnection,
    setRedirectHostRewrite,
    writeHeaders,
    writeStatusCode,
};


/***/ }),

/***/ 655:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/*
Websockets Passes: Array of passes.

A `pass` is just a function that is executed on `req, socket, options`
so that you can easily add new checks while still keeping the base
flexible.

The names of passes are exported as WS_PASSES from this module.
*/
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.WS_PASSES = void 0;
exports.numOpenSockets = numOpenSockets;
exports.checkMethodAndHeader = checkMethodAndHeader;
exports.XHeaders = XHeaders;
exports.stream = stream;
const http = __importStar(__nccwpck_require__(67));
const https = __importStar(__nccwpck_require__(708));
const common = __importStar(__nccwpck_require__(505));
const web_outgoing_1 = __nccwpck_require__(559);
const debug_1 = __importDefault(__nccwpck_require__(830));
const log = (0, debug_1.default)("http-proxy-3:ws-incoming");
const web_o = Object.values(web_outgoing_1.OUTGOING_PASSES);
function createSocketCounter(name) {
    let sockets = new Set();
    return ({ add, rm, } = {}) => {
        if (add) {
            if (!add.id) {
                add.id = Math.random();
            }
            if (!sockets.has(add.id)) {
                sockets.add(add.id);
            }
        }
        if (rm) {
            if (!rm.id) {
                rm.id = Math.random();
            }
            if (sockets.has(rm.id)) {
                sockets.delete(rm.id);
            }
        }
        log("socket counter:", { [name]: sockets.size }, add ? "add" : rm ? "rm" : "");
        return sockets.size;
    };
}
const socketCounter = createSocketCounter("socket");
const proxySocketCounter = createSocketCounter("proxySocket");
/* MockResponse
   when a websocket gets a regular HTTP Response,
   apply proxied headers
*/
class MockResponse {
    constructor() {
        this.headers = {};
        this.statusCode = 200;
        this.statusMessage = "";
    }
    setHeader(key, value) {
        this.headers[key] = value;
        return this;
    }
    ;
}
function numOpenSockets() {
    return socketCounter() + proxySocketCounter();
}
// WebSocket requests must have the `GET` method and
// the `upgrade:websocket` header
function checkMethodAndHeader(req, socket) {
    log("websocket: checkMethodAndHeader");
    if (req.method !== "GET" || !req.headers.upgrade) {
        socket.destroy();
        return true;
    }
    if (req.headers.upgrade.toLowerCase() !== "websocket") {
        socket.destroy();
        return true;
    }
}
// Sets `x-forwarded-*` headers if specified in config.
function XHeaders(req, _socket, options) {
    if (!options.xfwd)
        return;
    log("websocket: XHeaders");
    const values = {
        for: req.connection.remoteAddress || req.socket.remoteAddress,
        port: common.getPort(req),
        proto: common.hasEncryptedConnection(req) ? "wss" : "ws",
    };
    for (const header of ["for", "port", "proto"]) {
        req.headers["x-forwarded-" + header] =
            (req.headers["x-forwarded-" + header] || "") +
                (req.headers["x-forwarded-" + header] ? "," : "") +
                values[header];
    }
}
// Do the actual proxying. Make the request and upgrade it.
// Send the Switching Protocols request and pipe the sockets.
function stream(req, socket, options, head, server, cb) {
    log("websocket: new stream");
    const proxySockets = [];
    socketCounter({ add: socket });
    const cleanUpProxySockets = () => {
        for (const p of proxySockets) {
            p.end();
        }
    };
    socket.on("close", () => {
        socketCounter({ rm: socket });
        cleanUpProxySockets();
    });
    // The pipe below will end proxySocket if socket closes cleanly, but not
    // if it errors (eg, vanishes from the net and starts returning
    // EHOSTUNREACH). We need to do that explicitly.
    socket.on("error", cleanUpProxySockets);
    const createHttpHeader = (line, headers) => {
        return (Object.keys(headers)
            .reduce((head, key) => {
            const value = headers[key];
            if (!Array.isArray(value)) {
                head.push(key + ": " + value);
                return head;
            }
            for (let i = 0; i < value.length; i++) {
                head.push(key + ": " + value[i]);
            }
            return head;
        }, [line])
            .join("\r\n") + "\r\n\r\n");
    };
    common.setupSocket(socket);
    if (head && head.length) {
        socket.unshift(head);
    }
    // @ts-expect-error FIXME: options.target may be undefined
    const proto = common.isSSL.test(options.target.protocol) ? https : http;
    const outgoingOptions = common.setupOutgoing(options.ssl || {}, options, req);
    const proxyReq = proto.request(outgoingOptions);
    // Enable developers to modify the proxyReq before headers are sent
    if (server) {
        server.emit("proxyReqWs", proxyReq, req, socket, options, head);
    }
    // Error Handler
    proxyReq.on("error", onOutgoingError);
    proxyReq.on("upgrade", (proxyRes, proxySocket, proxyHead) => {
        log("upgrade");
        proxySocketCounter({ add: proxySocket });
        proxySockets.push(proxySocket);
        proxySocket.on("close", () => {
            proxySocketCounter({ rm: proxySocket });
        });
        proxySocket.on("error", onOutgoingError);
        // Allow us to listen for when the websocket has completed.
        proxySocket.on("end", () => {
            server.emit("close", proxyRes, proxySocket, proxyHead);
        });
        proxySocket.on("close", () => {
            socket.end();
        });
        common.setupSocket(proxySocket);
        if (proxyHead && proxyHead.length) {
            proxySocket.unshift(proxyHead);
        }
        // Remark: Handle writing the headers to the socket when switching protocols
        // Also handles when a header is an array.
        socket.write(createHttpHeader("HTTP/1.1 101 Switching Protocols", proxyRes.headers));
        proxySocket.pipe(socket).pipe(proxySocket);
        server.emit("open", proxySocket);
    });
    function onOutgoingError(err) {
        if (cb) {
            cb(err, req, socket);
        }
        else {
            server.emit("error", err, req, socket);
        }
        // I changed this from "socket.end()" which is what node-http-proxy does to destroySoon() due to getting
        // the unit test "should close client socket if upstream is closed before upgrade" from lib/http-proxy.test.ts
        // to work.  Just doing socket.end() leaves things half open for a while if proxySocket errors out,
        // which may be another leak type situation and definitely doesn't work for unit testing.
        socket.destroySoon();
    }
    // if we get a response, backend is not a websocket endpoint,
    // relay HTTP response and close the socket
    proxyReq.on("response", (proxyRes) => {
        log("got non-ws HTTP response", {
            statusCode: proxyRes.statusCode,
            statusMessage: proxyRes.statusMessage,
        });
        const res = new MockResponse();
        for (const pass of web_o) {
            // note: none of these return anything
            pass(req, res, proxyRes, options);
        }
        // implement HTTP/1.1 chunked transfer unless content-length is defined
        // matches proxyRes.pipe(res) behavior,
        // but we are piping directly to the socket instead, so it's our job.
        let writeChunk = (chunk) => {
            socket.write(chunk);
        };
        if (req.httpVersion === "1.1" && proxyRes.headers["content-length"] === undefined) {
            res.headers["transfer-encoding"] = "chunked";
            writeChunk = (chunk) => {
                socket.write(chunk.length.toString(16));
                socket.write("\r\n");
                socket.write(chunk);
                socket.write("\r\n");
            };
        }
        const proxyHead = createHttpHeader(`HTTP/${req.httpVersion} ${proxyRes.statusCode} ${proxyRes.statusMessage}`, res.headers);
        if (!socket.destroyed) {
            socket.write(proxyHead);
            proxyRes.on("data", (chunk) => {
                writeChunk(chunk);
            });
            proxyRes.on("end", () => {
                writeChunk("");
                socket.destroySoon();
            });
        }
        else {
            // make sure response is consumed
            proxyRes.resume();
        }
    });
    proxyReq.end();
}
exports.WS_PASSES = { checkMethodAndHeader, XHeaders, stream };


/***/ }),

/***/ 774:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
__webpack_unused_export__ = __webpack_unused_export__ = void 0;
exports.eQ = createProxyServer;
__webpack_unused_export__ = createProxyServer;
__webpack_unused_export__ = createProxyServer;
const index_1 = __nccwpck_require__(358);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return index_1.ProxyServer; } });
var ws_incoming_1 = __nccwpck_require__(655);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return ws_incoming_1.numOpenSockets; } });
/**
 * Creates the proxy server.
 *
 * Examples:
 *
 *    httpProxy.createProxyServer({ .. }, 8000)
 *    // => '{ web: [Function], ws: [Function] ... }'
 *
 * @param {Object} Options Config object passed to the proxy
 *
 * @return {Object} Proxy Proxy object with handlers for `ws` and `web` requests
 *
 * @api public
 */
function createProxyServer(options = {}) {
    return new index_1.ProxyServer(options);
}
/**
 * Export the proxy "Server" as the main export.
 */
__webpack_unused_export__ = index_1.ProxyServer;


/***/ }),

/***/ 744:
/***/ ((module) => {

/**
 * Helpers.
 */

var s = 1000;
var m = s * 60;
var h = m * 60;
var d = h * 24;
var w = d * 7;
var y = d * 365.25;

/**
 * Parse or format the given `val`.
 *
 * Options:
 *
 *  - `long` verbose formatting [false]
 *
 * @param {String|Number} val
 * @param {Object} [options]
 * @throws {Error} throw an error if val is not a non-empty string or a number
 * @return {String|Number}
 * @api public
 */

module.exports = function (val, options) {
  options = options || {};
  var type = typeof val;
  if (type === 'string' && val.length > 0) {
    return parse(val);
  } else if (type === 'number' && isFinite(val)) {
    return options.long ? fmtLong(val) : fmtShort(val);
  }
  throw new Error(
    'val is not a non-empty string or a valid number. val=' +
      JSON.stringify(val)
  );
};

/**
 * Parse the given `str` and return milliseconds.
 *
 * @param {String} str
 * @return {Number}
 * @api private
 */

function parse(str) {
  str = String(str);
  if (str.length > 100) {
    return;
  }
  var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
    str
  );
  if (!match) {
    return;
  }
  var n = parseFloat(match[1]);
  var type = (match[2] || 'ms').toLowerCase();
  switch (type) {
    case 'years':
    case 'year':
    case 'yrs':
    case 'yr':
    case 'y':
      return n * y;
    case 'weeks':
    case 'week':
    case 'w':
      return n * w;
    case 'days':
    case 'day':
    case 'd':
      return n * d;
    case 'hours':
    case 'hour':
    case 'hrs':
    case 'hr':
    case 'h':
      return n * h;
    case 'minutes':
    case 'minute':
    case 'mins':
    case 'min':
    case 'm':
      return n * m;
    case 'seconds':
    case 'second':
    case 'secs':
    case 'sec':
    case 's':
      return n * s;
    case 'milliseconds':
    case 'millisecond':
    case 'msecs':
    case 'msec':
    case 'ms':
      return n;
    default:
      return undefined;
  }
}

/**
 * Short format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtShort(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return Math.round(ms / d) + 'd';
  }
  if (msAbs >= h) {
    return Math.round(ms / h) + 'h';
  }
  if (msAbs >= m) {
    return Math.round(ms / m) + 'm';
  }
  if (msAbs >= s) {
    return Math.round(ms / s) + 's';
  }
  return ms + 'ms';
}

/**
 * Long format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtLong(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return plural(ms, msAbs, d, 'day');
  }
  if (msAbs >= h) {
    return plural(ms, msAbs, h, 'hour');
  }
  if (msAbs >= m) {
    return plural(ms, msAbs, m, 'minute');
  }
  if (msAbs >= s) {
    return plural(ms, msAbs, s, 'second');
  }
  return ms + ' ms';
}

/**
 * Pluralization helper.
 */

function plural(ms, msAbs, n, name) {
  var isPlural = msAbs >= n * 1.5;
  return Math.round(ms / n) + ' ' + name + (isPlural ? 's' : '');
}


/***/ }),

/***/ 450:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const os = __nccwpck_require__(857);
const tty = __nccwpck_require__(18);
const hasFlag = __nccwpck_require__(813);

const {env} = process;

let forceColor;
if (hasFlag('no-color') ||
	hasFlag('no-colors') ||
	hasFlag('color=false') ||
	hasFlag('color=never')) {
	forceColor = 0;
} else if (hasFlag('color') ||
	hasFlag('colors') ||
	hasFlag('color=true') ||
	hasFlag('color=always')) {
	forceColor = 1;
}

if ('FORCE_COLOR' in env) {
	if (env.FORCE_COLOR === 'true') {
		forceColor = 1;
	} else if (env.FORCE_COLOR === 'false') {
		forceColor = 0;
	} else {
		forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
	}
}

function translateLevel(level) {
	if (level === 0) {
		return false;
	}

	return {
		level,
		hasBasic: true,
		has256: level >= 2,
		has16m: level >= 3
	};
}

function supportsColor(haveStream, streamIsTTY) {
	if (forceColor === 0) {
		return 0;
	}

	if (hasFlag('color=16m') ||
		hasFlag('color=full') ||
		hasFlag('color=truecolor')) {
		return 3;
	}

	if (hasFlag('color=256')) {
		return 2;
	}

	if (haveStream && !streamIsTTY && forceColor === undefined) {
		return 0;
	}

	const min = forceColor || 0;

	if (env.TERM === 'dumb') {
		return min;
	}

	if (process.platform === 'win32') {
		// Windows 10 build 10586 is the first Windows release that supports 256 colors.
		// Windows 10 build 14931 is the first release that supports 16m/TrueColor.
		const osRelease = os.release().split('.');
		if (
			Number(osRelease[0]) >= 10 &&
			Number(osRelease[2]) >= 10586
		) {
			return Number(osRelease[2]) >= 14931 ? 3 : 2;
		}

		return 1;
	}

	if ('CI' in env) {
		if (['TRAVIS', 'CIRCLECI', 'APPVEYOR', 'GITLAB_CI', 'GITHUB_ACTIONS', 'BUILDKITE'].some(sign => sign in env) || env.CI_NAME === 'codeship') {
			return 1;
		}

		return min;
	}

	if ('TEAMCITY_VERSION' in env) {
		return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
	}

	if (env.COLORTERM === 'truecolor') {
		return 3;
	}

	if ('TERM_PROGRAM' in env) {
		const version = parseInt((env.TERM_PROGRAM_VERSION || '').split('.')[0], 10);

		switch (env.TERM_PROGRAM) {
			case 'iTerm.app':
				return version >= 3 ? 3 : 2;
			case 'Apple_Terminal':
				return 2;
			// No default
		}
	}

	if (/-256(color)?$/i.test(env.TERM)) {
		return 2;
	}

	if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
		return 1;
	}

	if ('COLORTERM' in env) {
		return 1;
	}

	return min;
}

function getSupportLevel(stream) {
	const level = supportsColor(stream, stream && stream.isTTY);
	return translateLevel(level);
}

module.exports = {
	supportsColor: getSupportLevel,
	stdout: translateLevel(supportsColor(true, tty.isatty(1))),
	stderr: translateLevel(supportsColor(true, tty.isatty(2)))
};


/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 67:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 75:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 311:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 18:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 16:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

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
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
var external_node_net_default = /*#__PURE__*/__nccwpck_require__.n(external_node_net_namespaceObject);
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./shared/util/log.ts

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

;// CONCATENATED MODULE: ./shared/process/alive.ts
/** Signal 0 probes without signalling; EPERM still means the target exists (someone else's). */
function exists(target) {
    try {
        process.kill(target, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
function alive_processAlive(pid) {
    return pid > 0 && exists(pid);
}
/** Whether any process of the group is left. */
function groupAlive(pgid) {
    return pgid > 0 && exists(-pgid);
}

;// CONCATENATED MODULE: ./shared/util/sleep.ts
/** Waits `ms`, or less when the signal aborts (resolves either way: callers check the signal). */
function sleep_sleep(ms, signal) {
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

;// CONCATENATED MODULE: ./shared/process/signal.ts


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
    if (!groupAlive(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!groupAlive(pgid))
            return;
        await sleep_sleep(50);
    }
    signalGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 40 && groupAlive(pgid); i++)
        await sleep_sleep(25);
}
/** Waits up to `ms` for a process to exit; true when it is gone. */
async function waitGone(pid, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (!processAlive(pid))
            return true;
        await sleep(50);
    }
    return !processAlive(pid);
}

;// CONCATENATED MODULE: ./shared/targets/local/liveness.ts




/**
 * Liveness that does not mistake a zombie for a running process. A daemon killed outright leaves
 * its pid, and its versions' pids once they are stopped, as zombies until the machine's init
 * reaps them (a second or two under some container inits): signal 0 still succeeds on those, so
 * a restarted daemon would wait for a lock holder or a process group that runs nothing.
 * Linux tells through /proc; elsewhere signal 0 decides alone.
 */
/** "R", "S", "Z", ... from /proc/<pid>/stat; null when /proc cannot tell. */
function procState(pid) {
    try {
        const stat = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
    }
    catch {
        return null;
    }
}
const dead = (state) => state === 'Z' || state === 'X' || state === 'x';
/** The process exists and is not a zombie. */
function processRunning(pid) {
    if (!alive_processAlive(pid))
        return false;
    const st = procState(pid);
    return st === null || !dead(st.state);
}
/** Some process of the group exists and is not a zombie. */
function groupRunning(pgid) {
    if (!groupAlive(pgid))
        return false;
    let entries;
    try {
        entries = (0,external_node_fs_namespaceObject.readdirSync)('/proc');
    }
    catch {
        return true;
    }
    let seen = false;
    for (const name of entries) {
        if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57)
            continue;
        const st = procState(Number(name));
        if (!st || st.pgrp !== pgid)
            continue;
        seen = true;
        if (!dead(st.state))
            return true;
    }
    // Signal 0 saw the group but /proc shows none of it: trust /proc only when it showed members.
    return !seen && entries.length === 0;
}
/** SIGTERM to a group, SIGKILL after the grace period; resolves once nothing of it runs. */
async function stopRunningGroup(pgid, graceMs = 3000) {
    if (!groupRunning(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!groupRunning(pgid))
            return;
        await sleep_sleep(50);
    }
    signalGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 40 && groupRunning(pgid); i++)
        await sleep_sleep(25);
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(67);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./shared/targets/local/protocol.ts
/** The control API's messages (HTTP/JSON over the daemon's Unix socket). */
/** An error the control API answers with a 4xx or 503 (the caller's mistake, or a daemon going away), not a 500. */
class RequestError extends Error {
    status;
    constructor(message, status = 409) {
        super(message);
        this.status = status;
    }
}
/** The entry port is taken by another process. */
class PortInUseError extends Error {
    port;
    code = 'EADDRINUSE';
    constructor(port) {
        super(`proxy-port ${port} is already in use on 127.0.0.1 (another process listens there): stop that process, choose another proxy-port, or 0 for a free one.`);
        this.port = port;
    }
}

;// CONCATENATED MODULE: ./shared/targets/local/control-server.ts



/**
 * The daemon's control API: HTTP/JSON over its Unix socket (see protocol.ts and client.ts), the
 * way each short-lived action process talks to the daemon. Reads answer at once; mutations go
 * through the DaemonState, one at a time.
 */
class ControlServer {
    options;
    server = external_node_http_default().createServer((req, res) => {
        void this.route(req).then((body) => reply(res, 200, body), (err) => reply(res, err instanceof RequestError ? err.status : 500, { error: err.message }));
    });
    constructor(options) {
        this.options = options;
    }
    /** Listens on the socket, owner-only. */
    async listen(socketPath) {
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(socketPath, () => resolve());
        });
        await external_node_fs_namespaceObject.promises.chmod(socketPath, 0o600);
    }
    /** Stops listening and drops every open connection. */
    close() {
        return new Promise((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }
    status(view = this.options.state.view()) {
        const { ports, ring, startedAt } = this.options;
        return { pid: process.pid, startedAt, stable: view.stable, canary: view.canary, weight: view.weight, ports, lastSeq: ring.lastSeq, known: view.known };
    }
    async route(req) {
        const { state, ring } = this.options;
        const url = new URL(req.url ?? '/', 'http://daemon');
        const key = `${req.method} ${url.pathname}`;
        switch (key) {
            case 'GET /status':
                return this.status();
            case 'GET /samples': {
                const after = Number(url.searchParams.get('after') ?? '0');
                const limit = Number(url.searchParams.get('limit') ?? '20000');
                return { ...ring.after(Number.isFinite(after) ? after : 0, Number.isFinite(limit) && limit > 0 ? Math.min(limit, 50_000) : 20_000), pid: process.pid };
            }
            case 'POST /deploy':
                return this.status(await state.deploy((await readJson(req))));
            case 'POST /weight':
                return this.status(await state.setWeight(Number((await readJson(req)).percent)));
            case 'POST /promote':
                return this.status(await state.promote());
            case 'POST /rollback':
                return this.status(await state.rollback((await readJson(req))));
            case 'POST /shutdown':
                setImmediate(() => this.options.onShutdown());
                return { stopping: true };
            default:
                throw new RequestError(`Unknown control request ${key}.`, 404);
        }
    }
}
function readJson(req) {
    return new Promise((resolve, reject) => {
        let size = 0;
        const chunks = [];
        req.on('data', (c) => {
            size += c.length;
            if (size > 1_000_000) {
                reject(new RequestError('Control request too large.', 413));
                req.destroy();
            }
            else
                chunks.push(c);
        });
        req.on('end', () => {
            try {
                resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
            }
            catch {
                reject(new RequestError('Control request is not JSON.', 400));
            }
        });
        req.on('error', reject);
    });
}
function reply(res, code, body) {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./shared/util/atomic-write.ts



/**
 * Writes a file so that readers see the old or the new content, never half of it: a temp file
 * in the same directory and a rename. With `durable` (the default) the data and the rename are
 * also fsynced, so a machine crash cannot lose a record; state rewritten on every traffic shift
 * can skip that cost.
 */
async function writeFileAtomic(file, text, options = {}) {
    const durable = options.durable ?? true;
    await external_node_fs_namespaceObject.promises.mkdir(external_node_path_default().dirname(file), { recursive: true });
    const tmp = external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}.tmp`);
    const h = await external_node_fs_namespaceObject.promises.open(tmp, 'wx', options.mode ?? 0o644);
    try {
        await h.writeFile(text);
        if (durable)
            await h.sync();
    }
    finally {
        await h.close();
    }
    try {
        await external_node_fs_namespaceObject.promises.rename(tmp, file);
    }
    catch (err) {
        await external_node_fs_namespaceObject.promises.rm(tmp, { force: true });
        throw err;
    }
    if (!durable)
        return;
    // Make the rename itself durable; not every platform can open a directory.
    try {
        const dir = await external_node_fs_namespaceObject.promises.open(external_node_path_default().dirname(file), 'r');
        await dir.sync().finally(() => dir.close());
    }
    catch {
        // best effort
    }
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./shared/util/escape.ts
/**
 * Text from probed services, commands and users is untrusted. These make it inert before it
 * reaches a log line (where `::` starts a workflow command), a Markdown summary or an issue.
 */
/** For log lines: no line may start a workflow command, and no control characters survive. */
function escape_escapeLogText(text, max = 500) {
    const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
    return (clipped
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '\uFFFD')
        .replace(/\r?\n/g, ' ⏎ ')
        .replace(/::/g, ': :'));
}
/** For Markdown (summaries, issues, check runs): inline, single line, no markup, no mentions. */
function escapeMarkdown(text, max = 300) {
    return escape_escapeLogText(text, max)
        .replace(/[\\`*_{}[\]()<>#+!|~^$]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/@/g, '@\u200b');
}
/** For a fenced code block in Markdown: the fence itself cannot be closed from inside. */
function escapeCodeBlock(text, max = 2000) {
    const clipped = text.length > max ? `${text.slice(0, max)}…` : text;
    return clipped.replace(/`/g, 'ˋ').replace(/::/g, ': :').replace(/@/g, '@\u200b');
}

;// CONCATENATED MODULE: ./shared/process/env.ts
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

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./shared/targets/local/paths.ts



/**
 * The local target's state dir for one environment, under the actions' state-dir
 * (`<stateRoot>/local/<environment>`): the one place that says where it is.
 */
function localStateDir(stateRoot, environment) {
    return path.join(stateRoot, 'local', environment);
}
/** Unix socket paths are limited to about 107 bytes; leave room. */
const MAX_SOCKET_PATH = 100;
function statePaths(stateDir) {
    const root = external_node_path_default().resolve(stateDir);
    return {
        root,
        socket: socketPathFor(root),
        daemonInfo: external_node_path_default().join(root, 'daemon.json'),
        lock: external_node_path_default().join(root, 'daemon.lock'),
        daemonLog: external_node_path_default().join(root, 'daemon.log'),
        registry: external_node_path_default().join(root, 'versions.json'),
        roles: external_node_path_default().join(root, 'roles.json'),
        entry: external_node_path_default().join(root, 'entry.json'),
        logs: external_node_path_default().join(root, 'logs'),
        releases: external_node_path_default().join(root, 'releases')
    };
}
/**
 * `<stateDir>/control.sock` when it fits; else a short dir under the temp dir derived from the
 * state dir, so every process computes the same path without reading anything first.
 */
function socketPathFor(stateDir) {
    const root = external_node_path_default().resolve(stateDir);
    const direct = external_node_path_default().join(root, 'control.sock');
    if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH)
        return direct;
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(root).digest('hex').slice(0, 16);
    let base = external_node_os_default().tmpdir();
    if (Buffer.byteLength(external_node_path_default().join(base, `sg-${hash}`, 'control.sock')) > MAX_SOCKET_PATH)
        base = '/tmp';
    return external_node_path_default().join(base, `sg-${hash}`, 'control.sock');
}
/** A version name as a single, harmless path segment (logs/<v>.log, releases/<v>/). */
function fileSafeName(version) {
    const cleaned = version.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 100);
    return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}

;// CONCATENATED MODULE: ./shared/targets/local/processes.ts










let nextId = 1;
/**
 * Where the service finds its files: a .tar.gz/.tgz is unpacked into releases/<version>/ (reused
 * when the recorded digest matches), a directory is used as is, a plain file gives its folder.
 */
async function prepareArtifact(release, paths, reuseDigest) {
    const artifact = release.artifact;
    if (!artifact)
        return undefined;
    const abs = external_node_path_default().resolve(artifact);
    const dir = external_node_path_default().join(paths.releases, fileSafeName(release.version));
    let stat;
    try {
        stat = await external_node_fs_namespaceObject.promises.stat(abs);
    }
    catch {
        // The build's archive lived in its job's RUNNER_TEMP, gone once that job ended; the copy
        // unpacked here when the version first ran (its digest checked then) is the target's own.
        if (/\.(tar\.gz|tgz)$/i.test(abs) && (await processes_exists(dir)))
            return dir;
        throw new Error(`The artifact of ${release.version} does not exist: ${abs} (it lived in the build job's RUNNER_TEMP, and this machine never unpacked it).`);
    }
    if (stat.isDirectory())
        return abs;
    if (!/\.(tar\.gz|tgz)$/i.test(abs))
        return external_node_path_default().dirname(abs);
    if (reuseDigest && release.digest && reuseDigest === release.digest && (await processes_exists(dir)))
        return dir;
    await external_node_fs_namespaceObject.promises.rm(dir, { recursive: true, force: true });
    await external_node_fs_namespaceObject.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    await new Promise((resolve, reject) => {
        // GNU tar drops leading "/" and "../" from member names, so nothing lands outside `dir`.
        (0,external_node_child_process_namespaceObject.execFile)('tar', ['-xzf', abs, '-C', dir, '--no-same-owner'], { env: childEnv(process.env, { kind: 'tool' }), timeout: 120_000 }, (err, _out, stderr) => {
            if (err)
                reject(new Error(`Could not unpack the artifact of ${release.version} (${abs}): ${escape_escapeLogText(String(stderr || err.message), 300)}`));
            else
                resolve();
        });
    });
    return dir;
}
async function processes_exists(p) {
    try {
        await external_node_fs_namespaceObject.promises.access(p);
        return true;
    }
    catch {
        return false;
    }
}
/** A free loopback port (never 8080, which is reserved on these runners). */
async function freePort() {
    for (let i = 0; i < 20; i++) {
        const port = await new Promise((resolve, reject) => {
            const srv = external_node_net_default().createServer();
            srv.once('error', reject);
            srv.listen(0, '127.0.0.1', () => {
                const addr = srv.address();
                const p = typeof addr === 'object' && addr ? addr.port : 0;
                srv.close(() => resolve(p));
            });
        });
        if (port !== 8080 && port > 0)
            return port;
    }
    throw new Error('Could not find a free loopback port.');
}
/** A service's own values; the rest of its environment is the `service` allow-list (see childEnv). */
function serviceVariables(spec, port) {
    return {
        PORT: String(port),
        SHIPGATE_VERSION: spec.release.version,
        SERVICE_VERSION: spec.release.version,
        SHIPGATE_ENVIRONMENT: spec.environment,
        SHIPGATE_ARTIFACT: spec.release.artifact ? external_node_path_default().resolve(spec.release.artifact) : '',
        SHIPGATE_ARTIFACT_DIR: spec.artifactDir ?? '',
        SHIPGATE_DIGEST: spec.release.digest ?? ''
    };
}
/**
 * Starts one version in its own process group and waits until it answers HTTP. On any failure
 * the group is killed before the error is thrown, so a failed start leaves nothing running.
 */
async function startVersion(spec, options) {
    if (!spec.startCommand.trim()) {
        throw new Error(`No start command for ${spec.release.version}: set the input start-command (e.g. "node server.js"); the service gets its port in $PORT.`);
    }
    const port = await freePort();
    await external_node_fs_namespaceObject.promises.mkdir(options.paths.logs, { recursive: true, mode: 0o700 });
    const logFile = external_node_path_default().join(options.paths.logs, `${fileSafeName(spec.release.version)}.log`);
    const fd = (0,external_node_fs_namespaceObject.openSync)(logFile, 'a', 0o600);
    let child;
    try {
        child = (0,external_node_child_process_namespaceObject.spawn)('bash', ['-c', spec.startCommand], {
            detached: true,
            cwd: spec.workingDirectory,
            env: childEnv(process.env, { kind: 'service', extra: serviceVariables(spec, port) }),
            stdio: ['ignore', fd, fd]
        });
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
    const running = {
        id: nextId++,
        spec,
        pid: child.pid ?? 0,
        port,
        url: `http://127.0.0.1:${port}`,
        logFile,
        startedAt: new Date().toISOString(),
        alive: true,
        exit: null,
        child,
        exited: Promise.resolve()
    };
    running.exited = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
            running.alive = false;
            running.exit = { code, signal };
            resolve();
        });
        child.once('error', (err) => {
            running.alive = false;
            running.exit = { code: null, signal: null };
            running.spawnError = err.message;
            resolve();
        });
    });
    try {
        await waitReady(running, options);
        return running;
    }
    catch (err) {
        await stopVersion(running);
        throw err;
    }
}
async function waitReady(rv, options) {
    const version = rv.spec.release.version;
    const deadline = Date.now() + options.readyTimeoutMs;
    while (Date.now() < deadline) {
        if (options.signal?.aborted)
            throw new Error(`The start of ${version} was cancelled.`);
        if (!rv.alive) {
            const how = rv.spawnError ? `could not be started (${escape_escapeLogText(rv.spawnError, 200)})` : `exited ${describeExit(rv.exit)} before it became ready`;
            throw new Error(`Version ${version} ${how}.${await logTail(rv.logFile)}`);
        }
        const health = await probe(rv.port, '/healthz');
        // Any answer below 500 counts (a service without /healthz says 404): it listens and serves.
        if (health !== null && health < 500)
            return;
        // A /healthz that fails may be a catch-all route in trouble; an answer on `/` still shows life.
        if (health !== null) {
            const root = await probe(rv.port, '/');
            if (root !== null && root < 500)
                return;
        }
        await sleep_sleep(100, options.signal);
    }
    throw new Error(`The start command of ${version} did not answer on port ${rv.port} within ${formatSeconds(options.readyTimeoutMs)}; see ${rv.logFile}. (It must listen on 127.0.0.1:$PORT and answer GET /healthz or / below 500.)${await logTail(rv.logFile)}`);
}
function describeExit(exit) {
    if (!exit)
        return 'for an unknown reason';
    return exit.signal ? `on signal ${exit.signal}` : `with code ${exit.code}`;
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
/** The last lines of a version's log, escaped (the service's output is untrusted). */
async function logTail(file) {
    try {
        const text = await external_node_fs_namespaceObject.promises.readFile(file, 'utf8');
        const lines = text.trimEnd().split('\n').slice(-5).join('\n');
        return lines ? ` Last lines of ${file}: ${escape_escapeLogText(lines, 600)}` : ` Its log (${file}) is empty.`;
    }
    catch {
        return '';
    }
}
function probe(port, urlPath) {
    return new Promise((resolve) => {
        const req = external_node_http_default().get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? null));
            res.on('error', () => resolve(res.statusCode ?? null));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(null));
    });
}
/**
 * Guards against a recycled pid before signalling a group this process did not start: the
 * process must carry the version in its environment. True when /proc cannot tell.
 */
function isOurService(pid, version) {
    let environ;
    try {
        environ = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/environ`, 'utf8');
    }
    catch {
        return true;
    }
    return environ.split('\0').includes(`SHIPGATE_VERSION=${version}`);
}
/**
 * Stops a version's whole process group (SIGTERM, then SIGKILL after the grace period), then
 * waits up to a second for its exit to be seen.
 */
async function stopVersion(rv, graceMs) {
    await stopGroup(rv.pid, graceMs);
    let timer;
    await Promise.race([rv.exited, new Promise((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
}

;// CONCATENATED MODULE: ./shared/targets/local/daemon-state.ts





const DEFAULT_READY_MS = 15_000;
/** How long a shutdown waits for the mutation in progress before it stops what that started. */
const SHUTDOWN_WAIT_MS = 20_000;
/**
 * What the local target's daemon holds: which running version has which role, the canary
 * weight, the registry of every version it ever ran, and their files (roles.json,
 * versions.json). The proxy reads the roles and the weight (Routing); the control server calls
 * the mutations, which run one at a time: two action processes must not interleave a deploy and
 * a promote. Each mutation answers with the view taken when it finished.
 */
class DaemonState {
    paths;
    registry;
    log;
    roles = { stable: null, canary: null };
    canaryWeight = 0;
    /** The start in progress, aborted by a rollback or a shutdown. */
    pendingStart = null;
    queue = Promise.resolve();
    stopping = false;
    constructor(paths, registry, log) {
        this.paths = paths;
        this.registry = registry;
        this.log = log;
    }
    static async load(paths, log) {
        return new DaemonState(paths, await readRegistry(paths), log);
    }
    holder(side) {
        return this.roles[side];
    }
    weight() {
        return this.canaryWeight;
    }
    view() {
        return {
            stable: viewOf(this.roles.stable),
            canary: viewOf(this.roles.canary),
            weight: this.roles.canary ? this.canaryWeight : 0,
            known: [...this.registry.keys()]
        };
    }
    deploy(req) {
        return this.serial(async () => {
            const version = req.release?.version;
            if (!version)
                throw new RequestError('A deploy needs a release with a version.', 400);
            const old = this.roles.canary;
            if (old) {
                // A new canary replaces an unfinished one; traffic goes back to stable first.
                this.roles.canary = null;
                this.canaryWeight = 0;
                await this.persist();
                await this.retire(old);
            }
            const rv = await this.launch({ release: req.release, startCommand: req.startCommand, workingDirectory: req.workingDirectory, environment: req.environment }, req.readyTimeoutMs);
            if (this.stopping) {
                await this.retire(rv);
                throw shuttingDown();
            }
            this.roles.canary = rv;
            this.canaryWeight = 0;
            await this.persist();
            return this.view();
        });
    }
    setWeight(percent) {
        return this.serial(async () => {
            if (!Number.isFinite(percent) || percent < 0 || percent > 100)
                throw new RequestError(`The weight must be a number from 0 to 100, not ${JSON.stringify(percent)}.`, 400);
            if (!this.roles.canary)
                throw new RequestError('There is no canary to shift traffic to: deploy one first.');
            this.canaryWeight = percent;
            await this.persist();
            this.log.info(`canary ${this.roles.canary.spec.release.version} at ${percent} %`);
            return this.view();
        });
    }
    promote() {
        return this.serial(async () => {
            const canary = this.roles.canary;
            if (!canary) {
                if (this.roles.stable)
                    return this.view();
                throw new RequestError('There is no canary to promote: deploy one first.');
            }
            if (!canary.alive) {
                throw new RequestError(`The canary ${canary.spec.release.version} cannot be promoted: it is not running (it exited ${describeExit(canary.exit)}).`);
            }
            const old = this.roles.stable;
            this.roles.stable = canary;
            this.roles.canary = null;
            this.canaryWeight = 0;
            await this.persist();
            this.log.info(`promoted ${canary.spec.release.version}${old ? `, retiring ${old.spec.release.version}` : ''}`);
            await this.retire(old);
            return this.view();
        });
    }
    rollback(req) {
        // A deploy still waiting for readiness must not hold the rollback up for its whole timeout.
        this.pendingStart?.abort();
        return this.serial(async () => {
            const target = req.release?.version ?? null;
            const { stable, canary } = this.roles;
            if (target === null || (stable && stable.spec.release.version === target && stable.alive)) {
                this.roles.canary = null;
                this.canaryWeight = 0;
                await this.persist();
                if (canary)
                    this.log.info(`rolled back: canary ${canary.spec.release.version} retired${stable ? `, ${stable.spec.release.version} at 100 %` : ''}`);
                await this.retire(canary);
                return this.view();
            }
            if (canary && canary.spec.release.version === target && canary.alive) {
                this.roles.stable = canary;
                this.roles.canary = null;
                this.canaryWeight = 0;
                await this.persist();
                await this.retire(stable);
                return this.view();
            }
            const known = this.registry.get(target);
            const startCommand = known?.startCommand || req.startCommand || '';
            if (!startCommand) {
                throw new RequestError(`Cannot roll back to ${target}: this local target never ran it and no start command was given.`);
            }
            const release = { ...known?.release, ...definedOnly(req.release), version: target };
            const rv = await this.launch({
                release,
                startCommand,
                workingDirectory: known?.workingDirectory || req.workingDirectory || this.paths.root,
                environment: req.environment || known?.environment || ''
            }, req.readyTimeoutMs);
            this.roles.stable = rv;
            this.roles.canary = null;
            this.canaryWeight = 0;
            await this.persist();
            this.log.info(`rolled back to ${target} (started again, pid ${rv.pid})`);
            await this.retire(stable, canary);
            return this.view();
        });
    }
    /**
     * After a crash (SIGKILL, OOM) the old daemon's versions may still run, unsupervised: stop
     * them, then start again whatever held a role (stable, and an unfinished canary at its weight),
     * so the entry serves what it served and a rollout in progress or paused finds its canary.
     */
    restore() {
        return this.serial(async () => {
            const last = await readRoles(this.paths);
            if (!last || (!last.stable && !last.canary))
                return;
            for (const role of [last.stable, last.canary]) {
                if (role && groupRunning(role.pid) && isOurService(role.pid, role.version)) {
                    this.log.warning(`stopping ${role.version} (pid ${role.pid}), left running by an earlier daemon`);
                    await stopRunningGroup(role.pid);
                }
            }
            this.roles.stable = await this.relaunch('stable', last.stable);
            this.roles.canary = await this.relaunch('canary', last.canary);
            this.canaryWeight = this.roles.canary ? Math.max(0, Math.min(100, Number(last.weight) || 0)) : 0;
            if (this.roles.canary)
                this.log.info(`restored canary ${this.roles.canary.spec.release.version} at ${this.canaryWeight} %`);
            await this.persist();
        });
    }
    /** Starts a version that held `role` before a restart again; null (logged) when it cannot. */
    async relaunch(role, held) {
        if (!held)
            return null;
        const known = this.registry.get(held.version);
        if (!known) {
            this.log.warning(`cannot restore ${role} ${held.version}: it is not in the registry`);
            return null;
        }
        try {
            const rv = await this.launch(known, DEFAULT_READY_MS);
            this.log.info(`restored ${role} ${known.release.version} after a restart`);
            return rv;
        }
        catch (err) {
            this.log.warning(`could not restore ${role} ${known.release.version}: ${err.message}`);
            return null;
        }
    }
    /**
     * Stops every version. It does not wait behind a queued mutation: it stops what runs now,
     * waits (up to 20 s) for the mutation in progress, then stops whatever that started. Mutations
     * after it start nothing.
     */
    async shutdown() {
        this.stopping = true;
        this.pendingStart?.abort();
        const running = [this.roles.stable, this.roles.canary];
        this.roles.stable = null;
        this.roles.canary = null;
        await this.retire(...running);
        let timer;
        await Promise.race([this.queue, new Promise((r) => (timer = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
        clearTimeout(timer);
        await this.retire(this.roles.stable, this.roles.canary);
        this.roles.stable = null;
        this.roles.canary = null;
    }
    /** Writes roles.json (who holds which role, and the weight). */
    async persist() {
        const view = (rv) => (rv ? { version: rv.spec.release.version, pid: rv.pid, port: rv.port } : null);
        const file = { stable: view(this.roles.stable), canary: view(this.roles.canary), weight: this.canaryWeight };
        await writePrivateJson(this.paths.roles, file);
    }
    serial(fn) {
        const run = this.queue.then(fn, fn);
        this.queue = run.catch(() => { });
        return run;
    }
    async launch(spec, readyTimeoutMs) {
        if (this.stopping)
            throw shuttingDown();
        const controller = new AbortController();
        this.pendingStart = controller;
        try {
            const known = this.registry.get(spec.release.version);
            const artifactDir = await prepareArtifact(spec.release, this.paths, known?.release.digest);
            const rv = await startVersion({ ...spec, artifactDir }, { paths: this.paths, readyTimeoutMs, signal: controller.signal });
            this.watch(rv);
            await this.remember(rv);
            this.log.info(`started ${spec.release.version} (pid ${rv.pid}) on ${rv.url}`);
            return rv;
        }
        finally {
            if (this.pendingStart === controller)
                this.pendingStart = null;
        }
    }
    async retire(...list) {
        await Promise.all(list
            .filter((rv) => rv !== null)
            .map(async (rv) => {
            await stopVersion(rv);
            this.log.info(`stopped ${rv.spec.release.version} (pid ${rv.pid})`);
        }));
    }
    watch(rv) {
        void rv.exited.then(() => {
            const role = Object.keys(this.roles).find((s) => this.roles[s] === rv);
            if (role && !this.stopping)
                this.log.warning(`${role} ${rv.spec.release.version} (pid ${rv.pid}) exited ${describeExit(rv.exit)}; its traffic now gets 502.`);
        });
    }
    /** Records how to start the version again (versions.json). */
    async remember(rv) {
        const entry = {
            release: rv.spec.release,
            startCommand: rv.spec.startCommand,
            workingDirectory: rv.spec.workingDirectory,
            environment: rv.spec.environment,
            artifactDir: rv.spec.artifactDir,
            lastStartedAt: rv.startedAt
        };
        this.registry.delete(rv.spec.release.version);
        this.registry.set(rv.spec.release.version, entry);
        await writePrivateJson(this.paths.registry, { versions: [...this.registry.values()] });
    }
}
/**
 * Daemon state files hold ports and pids: owner-only and never half-written. Not fsynced: they
 * are rewritten on every traffic shift and only guide recovery after the daemon dies.
 */
function writePrivateJson(file, value) {
    return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600, durable: false });
}
function shuttingDown() {
    return new RequestError('The local target is shutting down.', 503);
}
function viewOf(rv) {
    if (!rv)
        return null;
    return { release: rv.spec.release, pid: rv.pid, port: rv.port, url: rv.url, alive: rv.alive, exit: rv.exit, startedAt: rv.startedAt, logFile: rv.logFile };
}
function definedOnly(value) {
    if (!value)
        return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
}
async function readRoles(paths) {
    try {
        return JSON.parse(await external_node_fs_namespaceObject.promises.readFile(paths.roles, 'utf8'));
    }
    catch {
        return null;
    }
}
async function readRegistry(paths) {
    const map = new Map();
    try {
        const parsed = JSON.parse(await external_node_fs_namespaceObject.promises.readFile(paths.registry, 'utf8'));
        for (const e of parsed.versions ?? [])
            if (e?.release?.version)
                map.set(e.release.version, e);
    }
    catch {
        // no registry yet
    }
    return map;
}

// EXTERNAL MODULE: ./node_modules/http-proxy-3/dist/lib/index.js
var lib = __nccwpck_require__(774);
;// CONCATENATED MODULE: ./shared/targets/local/proxy.ts




/** Bounded history of outcomes, read with a cursor (the seq of the last record seen). */
class OutcomeRing {
    capacity;
    items;
    last = 0;
    constructor(capacity = 200_000) {
        this.capacity = capacity;
        this.items = new Array(capacity);
    }
    get lastSeq() {
        return this.last;
    }
    push(record) {
        const full = { seq: ++this.last, ...record };
        this.items[full.seq % this.capacity] = full;
        return full;
    }
    /** Records with seq > after, oldest first; `more` when the limit cut the answer short. */
    after(after, limit = 20_000) {
        const oldest = Math.max(1, this.last - this.capacity + 1);
        // A cursor ahead of the ring comes from an earlier daemon: start over rather than go deaf.
        const cursor = after > this.last ? 0 : Math.floor(after);
        const from = Math.max(oldest, cursor + 1);
        const to = Math.min(this.last, from + limit - 1);
        const records = [];
        for (let seq = from; seq <= to; seq++) {
            const r = this.items[seq % this.capacity];
            if (r && r.seq === seq)
                records.push(r);
        }
        return { records, last: to >= from ? to : Math.max(cursor, 0), more: to < this.last };
    }
}
/**
 * Smooth weighted round-robin (as nginx does it): deterministic, and interleaves instead of
 * bursting, so 10 % means exactly one request in ten, spread out.
 */
class SmoothWeightedRoundRobin {
    current = { canary: 0, stable: 0 };
    weights = { canary: 0, stable: 100 };
    setCanaryWeight(percent) {
        const w = Math.max(0, Math.min(100, percent));
        if (w === this.weights.canary)
            return;
        this.weights = { canary: w, stable: 100 - w };
        this.current = { canary: 0, stable: 0 };
    }
    pick() {
        const total = this.weights.canary + this.weights.stable;
        this.current.canary += this.weights.canary;
        this.current.stable += this.weights.stable;
        // Ties go to stable: the first request at any weight below 100 is served by stable.
        const side = this.current.canary > this.current.stable ? 'canary' : 'stable';
        this.current[side] -= total;
        return side;
    }
}
const DETAIL_CHARS = 200;
const UNCOUNTED_PATHS = new Set(['/metrics', '/healthz']);
function isCounted(url) {
    const raw = url ?? '/';
    const q = raw.indexOf('?');
    const pathname = q === -1 ? raw : raw.slice(0, q);
    return !UNCOUNTED_PATHS.has(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
}
/**
 * The entry port splits traffic by the canary weight; the two side ports always reach whoever
 * holds that role (probes target them). Every answered request is recorded in the ring.
 */
class TrafficProxy {
    routing;
    ring;
    wrr = new SmoothWeightedRoundRobin();
    agent = new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000 });
    proxy = (0,lib/* createProxyServer */.eQ)({ agent: this.agent, proxyTimeout: 30_000, xfwd: true });
    contexts = new WeakMap();
    servers = [];
    ports = { entry: 0, stable: 0, canary: 0 };
    constructor(routing, ring) {
        this.routing = routing;
        this.ring = ring;
        this.proxy.on('proxyRes', (proxyRes, req) => {
            const ctx = this.contexts.get(req);
            if (!ctx)
                return;
            ctx.status = proxyRes.statusCode ?? 0;
            proxyRes.headers['x-shipgate-version'] = ctx.version;
            proxyRes.headers['x-shipgate-side'] = ctx.side;
            if (ctx.status >= 500) {
                ctx.body = '';
                proxyRes.on('data', (chunk) => {
                    if (ctx.body !== undefined && ctx.body.length < DETAIL_CHARS)
                        ctx.body += chunk.toString('utf8');
                });
            }
        });
        // The callback form of web() handles errors; this keeps a stray one from crashing the daemon.
        this.proxy.on('error', () => { });
    }
    /** Listens on the entry port and two free side ports; on failure nothing is left listening. */
    async listen(entryPort = 0) {
        try {
            const entry = await this.serve(entryPort, (req, res) => this.handle(req, res, null));
            const stable = await this.serve(0, (req, res) => this.handle(req, res, 'stable'));
            const canary = await this.serve(0, (req, res) => this.handle(req, res, 'canary'));
            this.ports = { entry, stable, canary };
            return this.ports;
        }
        catch (err) {
            await this.closeServers();
            throw err;
        }
    }
    serve(port, handler) {
        return new Promise((resolve, reject) => {
            const server = external_node_http_default().createServer(handler);
            server.keepAliveTimeout = 5000;
            server.once('error', (err) => {
                reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
            });
            server.listen(port, '127.0.0.1', () => {
                this.servers.push(server);
                resolve(server.address().port);
            });
        });
    }
    choose(fixed, counted) {
        if (fixed)
            return { side: fixed, holder: this.routing.holder(fixed) };
        this.wrr.setCanaryWeight(this.routing.holder('canary') ? this.routing.weight() : 0);
        // Health checks and scrapes through the entry must not shift the customer split.
        const side = counted ? this.wrr.pick() : 'stable';
        const holder = this.routing.holder(side);
        if (holder)
            return { side, holder };
        // A role nobody holds (first release: no stable yet) must not black-hole customer traffic.
        const other = side === 'canary' ? 'stable' : 'canary';
        return { side: other, holder: this.routing.holder(other) };
    }
    handle(req, res, fixed) {
        const started = process.hrtime.bigint();
        const counted = isCounted(req.url);
        const { side, holder } = this.choose(fixed, counted);
        if (!holder) {
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end(fixed ? `No version holds the ${fixed} role.\n` : 'No version is running.\n');
            return;
        }
        const ctx = { counted, side, version: holder.spec.release.version, via: fixed ? 'side' : 'entry', started };
        res.once('close', () => this.record(ctx));
        if (!holder.alive) {
            ctx.status = 0;
            ctx.detail = `${side} ${ctx.version} is not running (it exited ${describeExit(holder.exit)})`;
            res.writeHead(502, { 'content-type': 'text/plain', 'x-shipgate-version': ctx.version, 'x-shipgate-side': side });
            res.end(`${ctx.detail}\n`);
            return;
        }
        this.contexts.set(req, ctx);
        this.proxy.web(req, res, { target: holder.url }, (err) => {
            ctx.status = 0;
            ctx.detail = `proxy error: ${err.message}`;
            if (!res.headersSent) {
                res.writeHead(502, { 'content-type': 'text/plain', 'x-shipgate-version': ctx.version, 'x-shipgate-side': side });
                res.end(`Bad gateway: ${ctx.version} did not answer.\n`);
            }
            else {
                res.destroy();
            }
        });
    }
    record(ctx) {
        // A client that hung up before any answer tells nothing about the version.
        if (ctx.status === undefined || !ctx.counted)
            return;
        const latencyMs = Math.round(Number(process.hrtime.bigint() - ctx.started) / 1e4) / 100;
        const detail = ctx.detail ?? (ctx.body !== undefined ? ctx.body.slice(0, DETAIL_CHARS) : undefined);
        this.ring.push({
            side: ctx.side,
            version: ctx.version,
            status: ctx.status,
            latencyMs,
            at: Date.now(),
            via: ctx.via,
            ...(detail !== undefined ? { detail } : {})
        });
    }
    async close() {
        await this.closeServers();
        this.agent.destroy();
        this.proxy.close?.();
    }
    async closeServers() {
        await Promise.all(this.servers.map((s) => new Promise((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
        })));
        this.servers = [];
    }
}

;// CONCATENATED MODULE: ./shared/targets/local/daemon.ts










/** Thrown when another daemon already answers on the socket. */
class DaemonAlreadyRunning extends Error {
}
/**
 * The local target's long-lived half: runs the versions (DaemonState), the weighted proxy, and a
 * control API (ControlServer) that each short-lived action process talks to. Everything close()
 * touches exists before the socket listens, so a shutdown request may arrive at any moment, even
 * while a restarted daemon is still restoring its stable version.
 */
async function startDaemon(options) {
    const log = options.logger ?? silentLogger;
    const paths = statePaths(options.stateDir);
    await external_node_fs_namespaceObject.promises.mkdir(paths.root, { recursive: true, mode: 0o700 });
    await external_node_fs_namespaceObject.promises.chmod(paths.root, 0o700);
    await takeLock(paths.lock, paths.socket);
    try {
        await claimSocket(paths.socket);
    }
    catch (err) {
        await external_node_fs_namespaceObject.promises.rm(paths.lock, { force: true });
        throw err;
    }
    const startedAt = new Date().toISOString();
    const ring = new OutcomeRing(options.ringCapacity);
    let state;
    let proxy;
    let ports;
    try {
        state = await DaemonState.load(paths, log);
        proxy = new TrafficProxy(state, ring);
        ports = await listenOnEntry(proxy, paths, options.proxyPort ?? 0, log);
    }
    catch (err) {
        await external_node_fs_namespaceObject.promises.rm(paths.lock, { force: true });
        throw err;
    }
    const control = new ControlServer({ state, ring, ports, startedAt, onShutdown: () => stopOnItsOwn() });
    let watcher;
    /** daemon.json being written; close() removes it only after the write has landed. */
    let announced = Promise.resolve();
    let closing = null;
    let resolveClosed;
    const closed = new Promise((r) => (resolveClosed = r));
    const stop = async () => {
        clearInterval(watcher);
        await state.shutdown();
        await proxy.close();
        await control.close();
        await announced.catch(() => { });
        await external_node_fs_namespaceObject.promises.rm(paths.socket, { force: true });
        if (external_node_path_default().dirname(paths.socket) !== paths.root)
            await external_node_fs_namespaceObject.promises.rm(external_node_path_default().dirname(paths.socket), { recursive: true, force: true });
        await external_node_fs_namespaceObject.promises.rm(paths.daemonInfo, { force: true });
        await external_node_fs_namespaceObject.promises.rm(paths.lock, { force: true });
        await state.persist().catch(() => { });
        log.info('local target stopped');
    };
    const close = () => (closing ??= stop().finally(resolveClosed));
    /** A shutdown request or a lost state dir: nobody awaits it, so a failure is logged here. */
    const stopOnItsOwn = () => void close().catch((err) => log.warning(`stopping failed: ${err.message}`));
    try {
        await control.listen(paths.socket);
    }
    catch (err) {
        await proxy.close();
        await external_node_fs_namespaceObject.promises.rm(paths.lock, { force: true });
        throw err;
    }
    await state.restore();
    // A shutdown during the restore has already cleaned up: nothing to announce or watch.
    if (!closing) {
        const url = (port) => `http://127.0.0.1:${port}/`;
        const info = {
            pid: process.pid,
            socket: paths.socket,
            socketPath: paths.socket,
            proxyPort: ports.entry,
            ports,
            urls: { entry: url(ports.entry), stable: url(ports.stable), canary: url(ports.canary) },
            startedAt
        };
        announced = writePrivateJson(paths.daemonInfo, info);
        if (options.watchStateDir) {
            watcher = setInterval(() => {
                if (closing)
                    return;
                external_node_fs_namespaceObject.promises.stat(paths.root).catch(() => {
                    log.warning(`state dir ${paths.root} is gone: stopping`);
                    stopOnItsOwn();
                });
            }, 2000);
            watcher.unref();
        }
        await announced;
        log.info(`local target daemon ${process.pid}: entry 127.0.0.1:${ports.entry}, stable side ${ports.stable}, canary side ${ports.canary}`);
    }
    return { socketPath: paths.socket, ports, close, closed };
}
/**
 * The entry port: proxy-port when given (taken or not at all); else the port this state dir's
 * proxy last listened on, so a daemon restarted after a crash keeps customers' address; else a
 * free one. The port used is recorded (entry.json) before anything else happens.
 */
async function listenOnEntry(proxy, paths, wanted, log) {
    let ports;
    const recorded = wanted ? 0 : await recordedEntryPort(paths);
    if (wanted || !recorded) {
        ports = await proxy.listen(wanted);
    }
    else {
        try {
            ports = await proxy.listen(recorded);
        }
        catch (err) {
            if (!(err instanceof PortInUseError))
                throw err;
            ports = await proxy.listen(0);
            log.warning(`the entry port ${recorded} this state dir used before is taken by another process: the proxy listens on ${ports.entry} instead`);
        }
    }
    await writePrivateJson(paths.entry, { port: ports.entry, recordedAt: new Date().toISOString() });
    return ports;
}
/** The entry port recorded by an earlier daemon of this state dir; 0 when none is. */
async function recordedEntryPort(paths) {
    try {
        const port = JSON.parse(await external_node_fs_namespaceObject.promises.readFile(paths.entry, 'utf8')).port;
        return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 && port !== 8080 ? port : 0;
    }
    catch {
        return 0;
    }
}
/**
 * One daemon per state dir, even when two action processes start one at the same moment: the
 * loser sees the winner's pid in the lock file and leaves.
 */
async function takeLock(lock, socketPath) {
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            const handle = await external_node_fs_namespaceObject.promises.open(lock, 'wx', 0o600);
            await handle.writeFile(String(process.pid));
            await handle.close();
            return;
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
        }
        const owner = Number((await external_node_fs_namespaceObject.promises.readFile(lock, 'utf8').catch(() => '')).trim());
        const age = Date.now() - ((await external_node_fs_namespaceObject.promises.stat(lock).catch(() => null))?.mtimeMs ?? 0);
        // A live owner counts while it is starting or once its socket answers; an old lock whose
        // socket is silent belongs to a recycled pid.
        if (owner > 0 && processRunning(owner) && (age < 30_000 || (await socketAnswers(socketPath)))) {
            throw new DaemonAlreadyRunning(`A local target daemon (pid ${owner}) already runs for this state dir.`);
        }
        await external_node_fs_namespaceObject.promises.rm(lock, { force: true });
    }
    throw new DaemonAlreadyRunning('Another local target daemon is starting for this state dir.');
}
function socketAnswers(socketPath) {
    return new Promise((resolve) => {
        const sock = external_node_net_default().connect(socketPath);
        sock.setTimeout(1000, () => {
            sock.destroy();
            resolve(false);
        });
        sock.once('connect', () => {
            sock.destroy();
            resolve(true);
        });
        sock.once('error', () => resolve(false));
    });
}
/** Takes the socket path, unless a live daemon answers there (then it is that daemon's). */
async function claimSocket(socketPath) {
    const dir = external_node_path_default().dirname(socketPath);
    await external_node_fs_namespaceObject.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    // The short socket dir may sit in a shared temp dir: it must be ours and private.
    const st = await external_node_fs_namespaceObject.promises.lstat(dir);
    if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
        throw new Error(`The control socket's folder ${dir} is not a private folder of this user; remove it and try again.`);
    }
    if (await socketAnswers(socketPath))
        throw new DaemonAlreadyRunning(`A local target daemon already listens on ${socketPath}.`);
    await external_node_fs_namespaceObject.promises.rm(socketPath, { force: true });
}

;// CONCATENATED MODULE: ./shared/targets/local/daemon-main.ts
// Entry of the detached local target daemon (bundled as dist/local-daemon/index.js):
//   node daemon-main.js --state-dir <dir> [--proxy-port <n>]
// Its stdout/stderr go to <stateDir>/daemon.log; it lives until a shutdown request, SIGTERM or
// SIGINT, or until its state dir is removed.



const line = (level, message) => process.stdout.write(`${new Date().toISOString()} ${level} ${message}\n`);
const logger = {
    info: (m) => line('info', m),
    warning: (m) => line('warn', m),
    debug: (m) => {
        if (process.env.SHIPGATE_DEBUG)
            line('debug', m);
    }
};
async function main() {
    const { values } = (0,external_node_util_namespaceObject.parseArgs)({
        options: { 'state-dir': { type: 'string' }, 'proxy-port': { type: 'string', default: '0' } }
    });
    const stateDir = values['state-dir'];
    const proxyPort = Number(values['proxy-port']);
    if (!stateDir || !Number.isInteger(proxyPort) || proxyPort < 0 || proxyPort > 65535) {
        line('error', 'usage: daemon-main --state-dir <dir> [--proxy-port <0-65535>]');
        return 2;
    }
    let handle;
    try {
        handle = await startDaemon({ stateDir, proxyPort, logger, watchStateDir: true });
    }
    catch (err) {
        if (err instanceof DaemonAlreadyRunning) {
            line('info', `${err.message} Leaving it be.`);
            return 0;
        }
        throw err;
    }
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.on(signal, () => {
            line('info', `${signal}: stopping every version`);
            void handle.close();
        });
    }
    // A bug must not orphan the versions: stop them, then exit with the error in the log.
    process.on('uncaughtException', (err) => {
        line('error', `uncaught: ${err.stack ?? err.message}`);
        void handle.close().finally(() => process.exit(1));
    });
    // Detached from the action's terminal: a hang-up must not kill the versions' supervisor.
    process.on('SIGHUP', () => { });
    await handle.closed;
    return 0;
}
main().then((code) => process.exit(code), (err) => {
    // The starter quotes the last line of the log: the sentence goes last, the stack (when the
    // error is not an expected one, such as a taken port) before it.
    if (!(err instanceof PortInUseError) && err.stack)
        line('debug', err.stack.split('\n').join(' | '));
    line('error', `local target daemon failed: ${err.message.split('\n').join(' ')}`);
    process.exit(1);
});

