export const id = 860;
export const ids = [860];
export const modules = {

/***/ 6860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  firstConfigProblem: () => (/* binding */ firstConfigProblem),
  validateConfigText: () => (/* binding */ validateConfigText),
  yamlMessage: () => (/* binding */ yamlMessage)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./shared/inputs/input-error.ts
var input_error = __webpack_require__(6033);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
;// CONCATENATED MODULE: ./schema/shipgate.schema.json
const shipgate_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/shipgate/shipgate/schema/shipgate.schema.json","$comment":"Generated from shared/inputs/catalogue.ts by scripts/generate.mjs (npm run build): edit the catalogue, not this file.","title":"Shipgate configuration (.github/shipgate.yml)","description":"Keys are the actions\' input names; an input given in the workflow wins over the file. Secrets (headers, webhook, github-token) are not allowed here.","type":"object","additionalProperties":false,"properties":{"build-command":{"$ref":"#/definitions/build-command"},"artifact":{"$ref":"#/definitions/artifact"},"expect-status":{"$ref":"#/definitions/expect-status"},"expect-body":{"$ref":"#/definitions/expect-body"},"target":{"$ref":"#/definitions/target"},"traffic":{"$ref":"#/definitions/traffic"},"working-directory":{"$ref":"#/definitions/working-directory"},"start-command":{"$ref":"#/definitions/start-command"},"proxy-port":{"$ref":"#/definitions/proxy-port"},"deploy-command":{"$ref":"#/definitions/deploy-command"},"shift-command":{"$ref":"#/definitions/shift-command"},"promote-command":{"$ref":"#/definitions/promote-command"},"rollback-command":{"$ref":"#/definitions/rollback-command"},"command-timeout":{"$ref":"#/definitions/command-timeout"},"nginx-conf":{"$ref":"#/definitions/nginx-conf"},"nginx-upstream":{"$ref":"#/definitions/nginx-upstream"},"stable-server":{"$ref":"#/definitions/stable-server"},"canary-server":{"$ref":"#/definitions/canary-server"},"nginx-test-command":{"$ref":"#/definitions/nginx-test-command"},"nginx-reload-command":{"$ref":"#/definitions/nginx-reload-command"},"nginx-access-log":{"$ref":"#/definitions/nginx-access-log"},"haproxy-socket":{"$ref":"#/definitions/haproxy-socket"},"haproxy-backend":{"$ref":"#/definitions/haproxy-backend"},"haproxy-stable-server":{"$ref":"#/definitions/haproxy-stable-server"},"haproxy-canary-server":{"$ref":"#/definitions/haproxy-canary-server"},"haproxy-state-file":{"$ref":"#/definitions/haproxy-state-file"},"namespace":{"$ref":"#/definitions/namespace"},"kube-context":{"$ref":"#/definitions/kube-context"},"deployment":{"$ref":"#/definitions/deployment"},"container":{"$ref":"#/definitions/container"},"image":{"$ref":"#/definitions/image"},"service":{"$ref":"#/definitions/service"},"canary-service":{"$ref":"#/definitions/canary-service"},"httproute":{"$ref":"#/definitions/httproute"},"ingress":{"$ref":"#/definitions/ingress"},"rollout-timeout":{"$ref":"#/definitions/rollout-timeout"},"steps":{"$ref":"#/definitions/steps"},"step-duration":{"$ref":"#/definitions/step-duration"},"auto-rollback":{"$ref":"#/definitions/auto-rollback"},"lock-timeout":{"$ref":"#/definitions/lock-timeout"},"canary-url":{"$ref":"#/definitions/canary-url"},"stable-url":{"$ref":"#/definitions/stable-url"},"probe-path":{"$ref":"#/definitions/probe-path"},"probe-rate":{"$ref":"#/definitions/probe-rate"},"error-tolerance":{"$ref":"#/definitions/error-tolerance"},"latency-tolerance":{"$ref":"#/definitions/latency-tolerance"},"max-latency":{"$ref":"#/definitions/max-latency"},"judge":{"$ref":"#/definitions/judge"},"alpha":{"$ref":"#/definitions/alpha"},"beta":{"$ref":"#/definitions/beta"},"min-samples":{"$ref":"#/definitions/min-samples"},"on-inconclusive":{"$ref":"#/definitions/on-inconclusive"},"prometheus-url":{"$ref":"#/definitions/prometheus-url"},"prometheus-requests-query":{"$ref":"#/definitions/prometheus-requests-query"},"prometheus-errors-query":{"$ref":"#/definitions/prometheus-errors-query"},"prometheus-latency-query":{"$ref":"#/definitions/prometheus-latency-query"},"requests":{"$ref":"#/definitions/requests"},"concurrency":{"$ref":"#/definitions/concurrency"},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"retry-delay":{"$ref":"#/definitions/retry-delay"},"status-context":{"$ref":"#/definitions/status-context"},"check-run":{"$ref":"#/definitions/check-run"},"incident":{"$ref":"#/definitions/incident"},"mention":{"$ref":"#/definitions/mention"},"revert-pr":{"$ref":"#/definitions/revert-pr"},"dora":{"$ref":"#/definitions/dora"},"environment-url":{"$ref":"#/definitions/environment-url"},"production-environment":{"$ref":"#/definitions/production-environment"},"transient-environment":{"$ref":"#/definitions/transient-environment"},"ledger":{"$ref":"#/definitions/ledger"},"ledger-file":{"$ref":"#/definitions/ledger-file"},"state-dir":{"$ref":"#/definitions/state-dir"},"waves":{"type":"array","minItems":1,"description":"A fleet in waves (target: command): each wave runs the canary steps with analysis on its targets, the next starts only after it is promoted, and a failure rolls back the current wave and every earlier one, newest first.","items":{"type":"object","additionalProperties":false,"required":["name","targets"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The wave, as the summary and the ledger name it."},"max-parallel":{"type":"integer","minimum":1,"maximum":64,"description":"Targets of the wave changed at the same time. Default: all of them."},"targets":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The target (e.g. the host or region)."},"traffic":{"$ref":"#/definitions/traffic"},"working-directory":{"$ref":"#/definitions/working-directory"},"deploy-command":{"$ref":"#/definitions/deploy-command"},"promote-command":{"$ref":"#/definitions/promote-command"},"rollback-command":{"$ref":"#/definitions/rollback-command"},"command-timeout":{"$ref":"#/definitions/command-timeout"},"nginx-conf":{"$ref":"#/definitions/nginx-conf"},"nginx-upstream":{"$ref":"#/definitions/nginx-upstream"},"stable-server":{"$ref":"#/definitions/stable-server"},"canary-server":{"$ref":"#/definitions/canary-server"},"nginx-test-command":{"$ref":"#/definitions/nginx-test-command"},"nginx-reload-command":{"$ref":"#/definitions/nginx-reload-command"},"nginx-access-log":{"$ref":"#/definitions/nginx-access-log"},"haproxy-socket":{"$ref":"#/definitions/haproxy-socket"},"haproxy-backend":{"$ref":"#/definitions/haproxy-backend"},"haproxy-stable-server":{"$ref":"#/definitions/haproxy-stable-server"},"haproxy-canary-server":{"$ref":"#/definitions/haproxy-canary-server"},"haproxy-state-file":{"$ref":"#/definitions/haproxy-state-file"}}}}}}},"freeze":{"type":"array","description":"Freeze windows: a rollout that starts inside one fails before deploying (override-freeze: true with a reason deploys anyway, and the ledger and summary record it). Rollbacks are never blocked. Each window is either cron with duration (repeating) or from with to (one period).","items":{"type":"object","additionalProperties":false,"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The window, as sentences and the summary name it. Default: derived from cron and duration, or from and to."},"cron":{"type":"string","maxLength":100,"description":"When the window opens: a cron pattern of five fields (minute hour day-of-month month day-of-week), read in timezone, e.g. \\"0 17 * * FRI\\"; or @daily, @weekly, @monthly, @yearly, @hourly. Needs duration.","examples":["0 17 * * FRI","0 0 24 12 *"]},"duration":{"type":"string","maxLength":40,"description":"How long each opening lasts: weeks, days, hours, minutes in that order (30m, 12h, 2d, 2d12h), at most 366 days. Days are calendar days in timezone (across a DST change too); hours and minutes are elapsed time.","examples":["64h","2d16h","30m"]},"from":{"type":"string","maxLength":40,"description":"Start of a one-off window: a date (the whole day, in timezone), a date-time in timezone (2026-12-20T18:00) or with an offset (2026-12-20T18:00Z). Needs to.","examples":["2026-12-20","2026-12-20T18:00"]},"to":{"type":"string","maxLength":40,"description":"End of a one-off window: a date is included as a whole day; a date-time is the first moment after the window.","examples":["2027-01-04","2027-01-04T06:00"]},"timezone":{"type":"string","maxLength":64,"description":"IANA time zone the window is read in, e.g. Europe/Berlin. Default: UTC.","examples":["Europe/Berlin","America/New_York","UTC"]},"reason":{"type":"string","minLength":1,"maxLength":300,"description":"Why deploys stop: shown in the sentence that fails a rollout and in the summary."}}}},"environments":{"type":"object","description":"Per-environment overrides of the keys above (freeze windows add to the top-level ones; one with the same name replaces it).","additionalProperties":{"type":"object","additionalProperties":false,"properties":{"build-command":{"$ref":"#/definitions/build-command"},"artifact":{"$ref":"#/definitions/artifact"},"expect-status":{"$ref":"#/definitions/expect-status"},"expect-body":{"$ref":"#/definitions/expect-body"},"target":{"$ref":"#/definitions/target"},"traffic":{"$ref":"#/definitions/traffic"},"working-directory":{"$ref":"#/definitions/working-directory"},"start-command":{"$ref":"#/definitions/start-command"},"proxy-port":{"$ref":"#/definitions/proxy-port"},"deploy-command":{"$ref":"#/definitions/deploy-command"},"shift-command":{"$ref":"#/definitions/shift-command"},"promote-command":{"$ref":"#/definitions/promote-command"},"rollback-command":{"$ref":"#/definitions/rollback-command"},"command-timeout":{"$ref":"#/definitions/command-timeout"},"nginx-conf":{"$ref":"#/definitions/nginx-conf"},"nginx-upstream":{"$ref":"#/definitions/nginx-upstream"},"stable-server":{"$ref":"#/definitions/stable-server"},"canary-server":{"$ref":"#/definitions/canary-server"},"nginx-test-command":{"$ref":"#/definitions/nginx-test-command"},"nginx-reload-command":{"$ref":"#/definitions/nginx-reload-command"},"nginx-access-log":{"$ref":"#/definitions/nginx-access-log"},"haproxy-socket":{"$ref":"#/definitions/haproxy-socket"},"haproxy-backend":{"$ref":"#/definitions/haproxy-backend"},"haproxy-stable-server":{"$ref":"#/definitions/haproxy-stable-server"},"haproxy-canary-server":{"$ref":"#/definitions/haproxy-canary-server"},"haproxy-state-file":{"$ref":"#/definitions/haproxy-state-file"},"namespace":{"$ref":"#/definitions/namespace"},"kube-context":{"$ref":"#/definitions/kube-context"},"deployment":{"$ref":"#/definitions/deployment"},"container":{"$ref":"#/definitions/container"},"image":{"$ref":"#/definitions/image"},"service":{"$ref":"#/definitions/service"},"canary-service":{"$ref":"#/definitions/canary-service"},"httproute":{"$ref":"#/definitions/httproute"},"ingress":{"$ref":"#/definitions/ingress"},"rollout-timeout":{"$ref":"#/definitions/rollout-timeout"},"steps":{"$ref":"#/definitions/steps"},"step-duration":{"$ref":"#/definitions/step-duration"},"auto-rollback":{"$ref":"#/definitions/auto-rollback"},"lock-timeout":{"$ref":"#/definitions/lock-timeout"},"canary-url":{"$ref":"#/definitions/canary-url"},"stable-url":{"$ref":"#/definitions/stable-url"},"probe-path":{"$ref":"#/definitions/probe-path"},"probe-rate":{"$ref":"#/definitions/probe-rate"},"error-tolerance":{"$ref":"#/definitions/error-tolerance"},"latency-tolerance":{"$ref":"#/definitions/latency-tolerance"},"max-latency":{"$ref":"#/definitions/max-latency"},"judge":{"$ref":"#/definitions/judge"},"alpha":{"$ref":"#/definitions/alpha"},"beta":{"$ref":"#/definitions/beta"},"min-samples":{"$ref":"#/definitions/min-samples"},"on-inconclusive":{"$ref":"#/definitions/on-inconclusive"},"prometheus-url":{"$ref":"#/definitions/prometheus-url"},"prometheus-requests-query":{"$ref":"#/definitions/prometheus-requests-query"},"prometheus-errors-query":{"$ref":"#/definitions/prometheus-errors-query"},"prometheus-latency-query":{"$ref":"#/definitions/prometheus-latency-query"},"requests":{"$ref":"#/definitions/requests"},"concurrency":{"$ref":"#/definitions/concurrency"},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"retry-delay":{"$ref":"#/definitions/retry-delay"},"status-context":{"$ref":"#/definitions/status-context"},"check-run":{"$ref":"#/definitions/check-run"},"incident":{"$ref":"#/definitions/incident"},"mention":{"$ref":"#/definitions/mention"},"revert-pr":{"$ref":"#/definitions/revert-pr"},"dora":{"$ref":"#/definitions/dora"},"environment-url":{"$ref":"#/definitions/environment-url"},"production-environment":{"$ref":"#/definitions/production-environment"},"transient-environment":{"$ref":"#/definitions/transient-environment"},"ledger":{"$ref":"#/definitions/ledger"},"ledger-file":{"$ref":"#/definitions/ledger-file"},"state-dir":{"$ref":"#/definitions/state-dir"},"waves":{"type":"array","minItems":1,"description":"A fleet in waves (target: command): each wave runs the canary steps with analysis on its targets, the next starts only after it is promoted, and a failure rolls back the current wave and every earlier one, newest first.","items":{"type":"object","additionalProperties":false,"required":["name","targets"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The wave, as the summary and the ledger name it."},"max-parallel":{"type":"integer","minimum":1,"maximum":64,"description":"Targets of the wave changed at the same time. Default: all of them."},"targets":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The target (e.g. the host or region)."},"traffic":{"$ref":"#/definitions/traffic"},"working-directory":{"$ref":"#/definitions/working-directory"},"deploy-command":{"$ref":"#/definitions/deploy-command"},"promote-command":{"$ref":"#/definitions/promote-command"},"rollback-command":{"$ref":"#/definitions/rollback-command"},"command-timeout":{"$ref":"#/definitions/command-timeout"},"nginx-conf":{"$ref":"#/definitions/nginx-conf"},"nginx-upstream":{"$ref":"#/definitions/nginx-upstream"},"stable-server":{"$ref":"#/definitions/stable-server"},"canary-server":{"$ref":"#/definitions/canary-server"},"nginx-test-command":{"$ref":"#/definitions/nginx-test-command"},"nginx-reload-command":{"$ref":"#/definitions/nginx-reload-command"},"nginx-access-log":{"$ref":"#/definitions/nginx-access-log"},"haproxy-socket":{"$ref":"#/definitions/haproxy-socket"},"haproxy-backend":{"$ref":"#/definitions/haproxy-backend"},"haproxy-stable-server":{"$ref":"#/definitions/haproxy-stable-server"},"haproxy-canary-server":{"$ref":"#/definitions/haproxy-canary-server"},"haproxy-state-file":{"$ref":"#/definitions/haproxy-state-file"}}}}}}},"freeze":{"type":"array","description":"Freeze windows: a rollout that starts inside one fails before deploying (override-freeze: true with a reason deploys anyway, and the ledger and summary record it). Rollbacks are never blocked. Each window is either cron with duration (repeating) or from with to (one period).","items":{"type":"object","additionalProperties":false,"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$","description":"The window, as sentences and the summary name it. Default: derived from cron and duration, or from and to."},"cron":{"type":"string","maxLength":100,"description":"When the window opens: a cron pattern of five fields (minute hour day-of-month month day-of-week), read in timezone, e.g. \\"0 17 * * FRI\\"; or @daily, @weekly, @monthly, @yearly, @hourly. Needs duration.","examples":["0 17 * * FRI","0 0 24 12 *"]},"duration":{"type":"string","maxLength":40,"description":"How long each opening lasts: weeks, days, hours, minutes in that order (30m, 12h, 2d, 2d12h), at most 366 days. Days are calendar days in timezone (across a DST change too); hours and minutes are elapsed time.","examples":["64h","2d16h","30m"]},"from":{"type":"string","maxLength":40,"description":"Start of a one-off window: a date (the whole day, in timezone), a date-time in timezone (2026-12-20T18:00) or with an offset (2026-12-20T18:00Z). Needs to.","examples":["2026-12-20","2026-12-20T18:00"]},"to":{"type":"string","maxLength":40,"description":"End of a one-off window: a date is included as a whole day; a date-time is the first moment after the window.","examples":["2027-01-04","2027-01-04T06:00"]},"timezone":{"type":"string","maxLength":64,"description":"IANA time zone the window is read in, e.g. Europe/Berlin. Default: UTC.","examples":["Europe/Berlin","America/New_York","UTC"]},"reason":{"type":"string","minLength":1,"maxLength":300,"description":"Why deploys stop: shown in the sentence that fails a rollout and in the summary."}}}}}}}},"definitions":{"build-command":{"description":"Optional build command (bash); when set, the build runs first and its manifest is deployed.","type":"string"},"artifact":{"description":"Files or globs (one per line) packaged into the release archive.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"expect-status":{"description":"Accepted status codes or ranges, e.g. 200-399 or 200,204. Default: `200-399`.","type":["string","number"]},"expect-body":{"description":"Text the body must contain, or /regex/flags (RE2 syntax, flags i, m, s): matched in linear time, so no pattern can stall on a hostile body; backreferences and lookarounds are not supported.","type":"string"},"target":{"description":"What starts and retires versions: `local` (embedded proxy and processes), `command` (your commands) or `kubernetes` (a canary copy of your Deployment, through kubectl). Pick who splits traffic with `traffic`. Default: `local`.","enum":["local","command","nginx","haproxy","kubernetes"]},"traffic":{"description":"Who splits traffic between stable and canary: `local` (the local target\'s proxy), `command` (your shift-command), `nginx` (Shipgate rewrites nginx-conf and reloads nginx) or `haproxy` (the runtime API on haproxy-socket). nginx and HAProxy also count customer requests as evidence. Default: `local` for the local target, `command` (the shift-command) for the command target, `replicas` for the kubernetes target.","enum":["local","command","nginx","haproxy","replicas","gateway-api","ingress-nginx"]},"working-directory":{"description":"Directory the start command or target commands run in; it must exist when the step starts. Default: `.`.","type":"string"},"start-command":{"description":"Local target: command that starts one version; it gets $PORT, $SHIPGATE_VERSION and $SHIPGATE_ARTIFACT_DIR.","type":"string"},"proxy-port":{"description":"Local target: loopback port of the weighted proxy (0 picks a free port; 8080 is refused). Default: `0`.","type":["string","number"]},"deploy-command":{"description":"Command target: starts the canary. Values arrive only as SHIPGATE_* environment variables.","type":"string"},"shift-command":{"description":"Command target: sets the canary weight ($SHIPGATE_WEIGHT).","type":"string"},"promote-command":{"description":"Command target: makes the canary the stable version.","type":"string"},"rollback-command":{"description":"Command target: puts all traffic back on $SHIPGATE_PREVIOUS_VERSION and removes the canary.","type":"string"},"command-timeout":{"description":"Command target: the longest one command may run (e.g. 10m). Default: `10m`.","type":["string","number"]},"nginx-conf":{"description":"traffic: nginx — the file Shipgate owns and rewrites at every step: one `upstream` block, `include`d by your nginx config (which Shipgate never touches).","type":"string"},"nginx-upstream":{"description":"traffic: nginx — the name of the upstream block in nginx-conf (your `proxy_pass http://<name>;`). Default: `shipgate`.","type":"string"},"stable-server":{"description":"traffic: nginx — `host:port` of the server running the stable version.","type":"string"},"canary-server":{"description":"traffic: nginx — `host:port` of the server the deploy-command starts the canary on.","type":"string"},"nginx-test-command":{"description":"traffic: nginx — checks the configuration after nginx-conf is rewritten; when it fails the previous file is put back and the step fails. Default: `nginx -t`.","type":"string"},"nginx-reload-command":{"description":"traffic: nginx — reloads nginx once per weight change (e.g. `ssh web1 sudo nginx -s reload` for a remote host). Default: `nginx -s reload`.","type":"string"},"nginx-access-log":{"description":"traffic: nginx — the JSON access log (log_format shipgate_json, see the README) whose lines are judged as customer requests, mapped to versions by upstream_addr.","type":"string"},"haproxy-socket":{"description":"traffic: haproxy — the runtime API socket (`stats socket … level admin`).","type":"string"},"haproxy-backend":{"description":"traffic: haproxy — the backend holding the stable and canary servers (its `balance` must be dynamic, e.g. roundrobin).","type":"string"},"haproxy-stable-server":{"description":"traffic: haproxy — the name of the stable server in haproxy-backend. Default: `stable`.","type":"string"},"haproxy-canary-server":{"description":"traffic: haproxy — the name of the canary server in haproxy-backend. Default: `canary`.","type":"string"},"haproxy-state-file":{"description":"traffic: haproxy — where `show servers state` is saved after every change, so a reload with `load-server-state-from-file` keeps the weights (optional).","type":"string"},"namespace":{"description":"target: kubernetes — the namespace of the Deployment, Services, HTTPRoute and Ingress. Default: the kubeconfig context\'s namespace.","type":"string"},"kube-context":{"description":"target: kubernetes — the kubeconfig context kubectl uses (the job\'s KUBECONFIG, set up by your login step: EKS, GKE, AKS, exec plugins). Default: the kubeconfig\'s current context.","type":"string"},"deployment":{"description":"target: kubernetes — the stable Deployment; the canary is `<deployment>-canary`, a copy with the new image.","type":"string"},"container":{"description":"target: kubernetes — the container whose image is set (required when the pod has several). Default: the Deployment\'s only container.","type":"string"},"image":{"description":"target: kubernetes — the image of the release; `{{version}}` is replaced by the version (e.g. ghcr.io/acme/web:{{version}}). Default: the stable container\'s image with the release version as its tag.","type":"string"},"service":{"description":"target: kubernetes — the stable Service (traffic: gateway-api and ingress-nginx).","type":"string"},"canary-service":{"description":"target: kubernetes — the Service selecting the canary pods (label shipgate.dev/track: canary).","type":"string"},"httproute":{"description":"traffic: gateway-api — the HTTPRoute whose backendRef weights Shipgate sets.","type":"string"},"ingress":{"description":"traffic: ingress-nginx — the stable Ingress; Shipgate creates `<ingress>-canary` with canary-weight annotations.","type":"string"},"rollout-timeout":{"description":"target: kubernetes — how long a Deployment may take to become ready (kubectl rollout status) before the target fails. Default: `5m`.","type":["string","number"]},"steps":{"description":"Canary weights in percent, strictly increasing, ending at 100; `pause` just before the final 100 (10,50,pause,100) ends the run paused until action: promote or abort. Default: `10,50,100`.","anyOf":[{"type":"string"},{"type":"array","items":{"anyOf":[{"type":"integer","minimum":1,"maximum":100},{"const":"pause"}]},"minItems":1}]},"step-duration":{"description":"The longest one step may take (e.g. 60s); the judge may decide sooner. Default: `60s`.","type":["string","number"]},"auto-rollback":{"description":"Roll back automatically when a step fails (when false the canary is moved to 0 % and left running). Default: `true`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"lock-timeout":{"description":"How long a deploy waits for another run\'s unfinished rollout of the environment before refusing (e.g. 10m; 0 refuses at once). A rollout whose run is over is retired instead. Default: `10m`.","type":["string","number"]},"canary-url":{"description":"Where probes reach the canary, directly rather than through the router (with the command target required unless prometheus-url, an nginx-access-log or HAProxy counts requests, or probe-rate is 0; the local target knows its own).","type":"string"},"stable-url":{"description":"Where probes reach the stable version.","type":"string"},"probe-path":{"description":"Path probed on canary-url and stable-url. Default: `/`.","type":"string"},"probe-rate":{"description":"Requests per second sent to each of the canary and the stable version during a step (the step ends as soon as the judge decides); 0 turns probes off, to judge only what the router or metrics see. Default: `50`.","type":["string","number"]},"error-tolerance":{"description":"How much worse than stable the canary\'s error rate may be, absolute (0.01 or 1%). Default: `0.01`.","type":["string","number"]},"latency-tolerance":{"description":"How much slower than stable the canary may be (e.g. 20%). Default: `20%`.","type":["string","number"]},"max-latency":{"description":"Optional latency bound in ms: requests slower than this count as slow.","type":["string","number"]},"judge":{"description":"`sequential` (anytime-valid test against the live stable version) or `thresholds` (fixed comparison). Default: `sequential`.","enum":["sequential","thresholds"]},"alpha":{"description":"False-rollback budget of the sequential judge (0.0001 to 0.2). Default: `0.01`.","type":["string","number"]},"beta":{"description":"False-pass budget of the sequential judge: the chance that a canary worse than a tolerance passes (0.0001 to 0.2). Default: `0.05`.","type":["string","number"]},"min-samples":{"description":"Samples per version needed before a step can pass. Default: `50`.","type":["string","number"]},"on-inconclusive":{"description":"What a step that runs out of time without a decision does: `rollback`, `promote` or `pause`. Default: `rollback`.","enum":["rollback","promote","pause"]},"prometheus-url":{"description":"Prometheus base URL; when set, the judge reads its evidence from PromQL.","type":"string"},"prometheus-requests-query":{"description":"PromQL for a version\'s request counter; {{version}} is replaced by the version (with target: kubernetes, {{service}} by the stable or canary Service, for metrics labelled by Service such as ingress-nginx\'s). Default: `sum(http_requests_total{version=\\"{{version}}\\"})`.","type":"string"},"prometheus-errors-query":{"description":"PromQL for a version\'s error counter. Default: `sum(http_requests_total{version=\\"{{version}}\\",code=~\\"5..\\"})`.","type":"string"},"prometheus-latency-query":{"description":"PromQL for a version\'s latency histogram buckets. Default: `sum by (le) (http_request_duration_seconds_bucket{version=\\"{{version}}\\"})`.","type":"string"},"requests":{"description":"Requests per URL. Default: `1`.","type":["string","number"]},"concurrency":{"description":"Requests in flight at once. Default: `4`.","type":["string","number"]},"timeout":{"description":"Per-request timeout (e.g. 10s). Default: `10s`.","type":["string","number"]},"retries":{"description":"Retries per request before it counts as failed. Default: `2`.","type":["string","number"]},"retry-delay":{"description":"Wait between retries (e.g. 1s). Default: `1s`.","type":["string","number"]},"status-context":{"description":"Commit status context for merge gating (on the PR head commit for pull_request events); `off` disables it. Default: `shipgate/<environment>`.","type":"string"},"check-run":{"description":"Also publish a check run with the summary. Default: `false`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"incident":{"description":"Open (or update) an incident issue when a rollout rolls back, and close it on the next promotion. Default: `true`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"mention":{"description":"Users or teams to mention in the incident, e.g. @octocat @my-org/oncall.","anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"revert-pr":{"description":"After an automatic rollback, open (or update) a pull request that reverts the commits between the last good version and the failed one, through the Git Data API; needs `contents: write` and `pull-requests: write`. Default: `false`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"dora":{"description":"After the rollout, compute the environment\'s DORA metrics over the last 90 days from the ledger (docs/dora.md): a table and a chart in the summary, JSON in the `dora` output. Default: `false`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"environment-url":{"description":"URL of the deployed environment, shown on the deployment.","type":"string"},"production-environment":{"description":"Mark the GitHub environment as production. Default: GitHub\'s rule (true for production).","anyOf":[{"type":"boolean"},{"type":"string"}]},"transient-environment":{"description":"Mark the GitHub environment as transient. Default: `false`.","anyOf":[{"type":"boolean"},{"type":"string"}]},"ledger":{"description":"Where deployments are recorded: `auto` (GitHub Deployments when a token and API are available, else a file), `github` or `file`. Default: `auto`.","enum":["auto","github","file"]},"ledger-file":{"description":"JSON file of the file ledger (on self-hosted runners or other CI: a path that outlives the job). Default: `ledger.json` in state-dir.","type":"string"},"state-dir":{"description":"Folder for what outlives runs on this machine: the local target\'s daemon and state, and the default file ledger. Default: `$XDG_STATE_HOME/shipgate` or `~/.local/state/shipgate` (never RUNNER_TEMP or the checkout).","type":"string"}}}');
// EXTERNAL MODULE: ./shared/inputs/catalogue.ts
var catalogue = __webpack_require__(2539);
;// CONCATENATED MODULE: ./shared/inputs/config-schema.ts




let compiled;
/**
 * Validates a parsed config file against schema/shipgate.schema.json; returns one sentence or null.
 * Keys and environment names come from the file: they are quoted short and escaped.
 */
function validateConfig(doc) {
    return schemaProblems(doc)[0]?.message ?? null;
}
/**
 * Every way a parsed config file breaks the schema, in the order of the file's checks. The
 * alternatives of one value (`steps` is a string or a list) give one problem: the alternative the
 * value went deepest into (the list, when `steps` is a list), or "must be a string or a list".
 */
function schemaProblems(doc) {
    compiled ??= new ajv.Ajv({ allErrors: true, strict: false }).compile(shipgate_schema_namespaceObject);
    const validate = compiled;
    if (validate(doc))
        return [];
    const errors = validate.errors ?? [];
    if (errors.length === 0)
        return [{ path: [], at: 'value', message: 'the top level does not match the schema' }];
    return collapse(errors).map(problemOf);
}
/** Errors in order with each failed anyOf replaced by the errors of the branch that explains it best. */
function collapse(errors) {
    const out = [];
    const used = new Set();
    // An anyOf error comes after its branches' errors: handle outer ones first (shortest schema path).
    const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
    const replaced = new Map();
    for (const group of anyOfs) {
        if (used.has(group))
            continue;
        used.add(group);
        const inside = errors.filter((e) => e !== group && !used.has(e) && e.schemaPath.startsWith(`${group.schemaPath}/`) && within(e, group));
        for (const e of inside)
            used.add(e);
        replaced.set(group, explain(group, inside));
    }
    for (const e of errors) {
        if (replaced.has(e))
            out.push(...replaced.get(e));
        else if (!used.has(e))
            out.push(e);
    }
    return out;
}
function within(e, group) {
    return e.instancePath === group.instancePath || e.instancePath.startsWith(`${group.instancePath}/`);
}
/** The branch errors of a failed anyOf: the branch that got deepest into the value, or all branches as alternatives. */
function explain(group, inside) {
    const branches = new Map();
    for (const e of inside) {
        const branch = e.schemaPath.slice(group.schemaPath.length + 1).split('/')[0];
        branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const depth = (list) => Math.max(...list.map((e) => e.instancePath.split('/').length));
    const here = group.instancePath.split('/').length;
    const deeper = [...branches.values()].filter((list) => depth(list) > here);
    if (deeper.length > 0) {
        const best = deeper.reduce((a, b) => (depth(b) > depth(a) ? b : a));
        return collapse(best);
    }
    const options = [...branches.values()].map((list) => list.find((e) => e.instancePath === group.instancePath) ?? list[0]);
    return options.length ? [{ keyword: '$alternatives', instancePath: group.instancePath, options }] : [group];
}
function problemOf(e) {
    const path = e.instancePath ? e.instancePath.slice(1).split('/').map(unescapePointer) : [];
    const where = path.length ? (0,input_error/* quote */.hD)(path.join('.'), input_error/* FILE_QUOTE_MAX */.rl) : 'the top level';
    if (e.keyword === '$alternatives') {
        const options = e.options.map((o) => describe(o) ?? (o.message ?? 'what the schema allows').replace(/^must (be )?/, ''));
        return { path, at: 'value', message: `${where} must be ${options.join(' or ')}` };
    }
    const err = e;
    if (err.keyword === 'additionalProperties') {
        const key = err.params.additionalProperty;
        const secret = (0,catalogue/* inputSpec */.mm)(key)?.secret === true;
        return {
            path: [...path, key],
            at: 'key',
            message: secret
                ? `"${key}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
                : `${where} has an unknown key ${(0,input_error/* quote */.hD)(key, input_error/* FILE_QUOTE_MAX */.rl)}`
        };
    }
    if (err.keyword === 'required') {
        return { path, at: 'map', message: `${where} is missing the key ${(0,input_error/* quote */.hD)(err.params.missingProperty, input_error/* FILE_QUOTE_MAX */.rl)}` };
    }
    const what = describe(err);
    return { path, at: 'value', message: what ? `${where} must be ${what}` : `${where} ${err.message ?? 'does not match the schema'}` };
}
const TYPE_WORDS = {
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a map of keys and values',
    null: 'empty'
};
/** What the value must be, as the end of "… must be ___"; null for a rule said otherwise. */
function describe(e) {
    const p = e.params;
    switch (e.keyword) {
        case 'type': {
            const types = Array.isArray(p.type) ? p.type : [String(p.type)];
            return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
        }
        case 'enum':
            return `one of ${p.allowedValues.map(String).join(', ')}`;
        case 'const':
            return JSON.stringify(p.allowedValue);
        case 'minimum':
            return `at least ${String(p.limit)}`;
        case 'maximum':
            return `at most ${String(p.limit)}`;
        case 'minItems':
            return p.limit === 1 ? 'a list that is not empty' : `a list of at least ${String(p.limit)} items`;
        case 'maxItems':
            return `a list of at most ${String(p.limit)} items`;
        case 'pattern':
            return `text matching ${String(p.pattern)}`;
        default:
            return null;
    }
}
/** A JSON Pointer segment as written in the file (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment) {
    return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

;// CONCATENATED MODULE: ./shared/inputs/config-validate.ts



/**
 * `shipgate validate`: every problem of a config file's text, YAML syntax first (then nothing
 * else, as the schema cannot be checked on a file that does not parse), else every way it breaks
 * schema/shipgate.schema.json, each at the line and column of the node it is about: the unknown
 * key itself, the map that lacks a required key, the value otherwise. A clean file gives [].
 */
function validateConfigText(text) {
    const lines = new dist.LineCounter();
    const doc = (0,dist.parseDocument)(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
    const at = (offset) => {
        const p = lines.linePos(offset);
        return { line: p.line, column: p.col };
    };
    if (doc.errors.length > 0) {
        return doc.errors.map((e) => ({ ...at(e.pos[0]), path: '', message: yamlMessage(e.message) }));
    }
    let value;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    }
    catch (err) {
        // An alias whose anchor is missing (or aliases that would blow up): yaml says so only when converting.
        const alias = unresolvedAlias(doc);
        return [{ ...(alias ? at(alias) : { line: 1, column: 1 }), path: '', message: yamlMessage(err instanceof Error ? err.message : String(err)) }];
    }
    return schemaProblems(value ?? {}).map((p) => ({ ...at(locate(doc, p)), path: p.path.join('.'), message: p.message }));
}
/** The first problem of a parsed file's text with its place, or null: what the action's sentence names. */
function firstConfigProblem(text) {
    return validateConfigText(text)[0] ?? null;
}
/** The offset in the text of the node a problem is about (the nearest one that exists). */
function locate(doc, problem) {
    let node = doc.contents;
    let offset = rangeStart(node) ?? 0;
    const path = problem.path;
    for (let i = 0; i < path.length; i++) {
        node = resolve(doc, node);
        const last = i === path.length - 1;
        if ((0,dist.isMap)(node)) {
            const pair = node.items.find((p) => (0,dist.isPair)(p) && keyText(p.key) === path[i]);
            if (!pair)
                break;
            if (last && problem.at === 'key')
                return rangeStart(pair.key) ?? offset;
            node = pair.value;
            // A key with no value (`judge:`) points at its key.
            offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
        }
        else if ((0,dist.isSeq)(node)) {
            const item = node.items[Number(path[i])];
            if (item === undefined)
                break;
            node = item;
            offset = rangeStart(node) ?? offset;
        }
        else
            break;
    }
    return offset;
}
function resolve(doc, node) {
    return (0,dist.isAlias)(node) ? node.resolve(doc) : node;
}
function rangeStart(node) {
    const range = node?.range;
    return Array.isArray(range) ? range[0] : undefined;
}
function keyText(key) {
    if ((0,dist.isScalar)(key))
        return String(key.value);
    return typeof key === 'string' ? key : undefined;
}
/** The offset of the first alias whose anchor does not exist. */
function unresolvedAlias(doc) {
    let found;
    (0,dist.visit)(doc, {
        Alias(_, alias) {
            if (alias.resolve(doc) === undefined) {
                found = alias.range?.[0];
                return dist.visit.BREAK;
            }
            return undefined;
        }
    });
    return found;
}
/**
 * yaml's message in one line without the file's text: what it quotes from the file (an alias
 * name, a token: after the last ": ") cut to a short escaped prefix.
 */
function yamlMessage(message) {
    let text = message.split(/\r?\n/)[0].replace(/\s+at line \d+, column \d+:?$/, '');
    const colon = text.lastIndexOf(': ');
    if (colon >= 0)
        text = `${text.slice(0, colon)}: ${(0,input_error/* quote */.hD)(text.slice(colon + 2), input_error/* FILE_QUOTE_MAX */.rl)}`;
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
}


/***/ })

};
