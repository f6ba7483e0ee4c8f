export const id = 97;
export const ids = [97];
export const modules = {

/***/ 2097:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateConfig: () => (/* binding */ validateConfig)
});

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
;// CONCATENATED MODULE: ./schema/shipgate.schema.json
const shipgate_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/shipgate/shipgate/schema/shipgate.schema.json","title":"Shipgate configuration (.github/shipgate.yml)","description":"Keys are the actions\' input names; an input given in the workflow wins over the file. Secrets (github-token, webhook, headers) are not allowed here.","type":"object","additionalProperties":false,"properties":{"target":{"enum":["local","command","nginx","haproxy","kubernetes"]},"steps":{"anyOf":[{"type":"string"},{"type":"array","items":{"anyOf":[{"type":"integer","minimum":1,"maximum":100},{"const":"pause"}]},"minItems":1}]},"step-duration":{"type":["string","number"]},"probe-rate":{"type":["string","number"]},"probe-path":{"type":"string"},"error-tolerance":{"type":["string","number"]},"latency-tolerance":{"type":["string","number"]},"max-latency":{"type":["string","number"]},"judge":{"enum":["sequential","thresholds"]},"alpha":{"type":["string","number"]},"min-samples":{"type":["string","number"]},"on-inconclusive":{"enum":["rollback","promote","pause"]},"auto-rollback":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"canary-url":{"type":"string"},"stable-url":{"type":"string"},"start-command":{"type":"string"},"working-directory":{"type":"string"},"proxy-port":{"type":["string","number"]},"deploy-command":{"type":"string"},"shift-command":{"type":"string"},"promote-command":{"type":"string"},"rollback-command":{"type":"string"},"command-timeout":{"type":["string","number"]},"ledger":{"enum":["auto","github","file"]},"ledger-file":{"type":"string"},"status-context":{"type":"string"},"check-run":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"incident":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"mention":{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"environment-url":{"type":"string"},"production-environment":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"transient-environment":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"prometheus-url":{"type":"string"},"prometheus-requests-query":{"type":"string"},"prometheus-errors-query":{"type":"string"},"prometheus-latency-query":{"type":"string"},"expect-status":{"type":["string","number"]},"expect-body":{"type":"string"},"requests":{"type":["string","number"]},"concurrency":{"type":["string","number"]},"timeout":{"type":["string","number"]},"retries":{"type":["string","number"]},"retry-delay":{"type":["string","number"]},"artifact":{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"build-command":{"type":"string"},"environments":{"type":"object","description":"Per-environment overrides of the keys above.","additionalProperties":{"type":"object","additionalProperties":false,"properties":{"target":{"enum":["local","command","nginx","haproxy","kubernetes"]},"steps":{"anyOf":[{"type":"string"},{"type":"array","items":{"anyOf":[{"type":"integer","minimum":1,"maximum":100},{"const":"pause"}]},"minItems":1}]},"step-duration":{"type":["string","number"]},"probe-rate":{"type":["string","number"]},"probe-path":{"type":"string"},"error-tolerance":{"type":["string","number"]},"latency-tolerance":{"type":["string","number"]},"max-latency":{"type":["string","number"]},"judge":{"enum":["sequential","thresholds"]},"alpha":{"type":["string","number"]},"min-samples":{"type":["string","number"]},"on-inconclusive":{"enum":["rollback","promote","pause"]},"auto-rollback":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"canary-url":{"type":"string"},"stable-url":{"type":"string"},"start-command":{"type":"string"},"working-directory":{"type":"string"},"proxy-port":{"type":["string","number"]},"deploy-command":{"type":"string"},"shift-command":{"type":"string"},"promote-command":{"type":"string"},"rollback-command":{"type":"string"},"command-timeout":{"type":["string","number"]},"ledger":{"enum":["auto","github","file"]},"ledger-file":{"type":"string"},"status-context":{"type":"string"},"check-run":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"incident":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"mention":{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"environment-url":{"type":"string"},"production-environment":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"transient-environment":{"anyOf":[{"type":"boolean"},{"type":"string"}]},"prometheus-url":{"type":"string"},"prometheus-requests-query":{"type":"string"},"prometheus-errors-query":{"type":"string"},"prometheus-latency-query":{"type":"string"},"expect-status":{"type":["string","number"]},"expect-body":{"type":"string"},"requests":{"type":["string","number"]},"concurrency":{"type":["string","number"]},"timeout":{"type":["string","number"]},"retries":{"type":["string","number"]},"retry-delay":{"type":["string","number"]},"artifact":{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]},"build-command":{"type":"string"},"state-dir":{"type":"string"},"lock-timeout":{"type":["string","number"]}}}},"state-dir":{"type":"string"},"lock-timeout":{"type":["string","number"]}}}');
;// CONCATENATED MODULE: ./shared/inputs/config-schema.ts


/** Validates a parsed config file against schema/shipgate.schema.json; returns one sentence or null. */
function validateConfig(doc) {
    const ajv = new dist_ajv.Ajv({ allErrors: false, strict: false });
    const validate = ajv.compile(shipgate_schema_namespaceObject);
    if (validate(doc))
        return null;
    const e = validate.errors?.[0];
    if (!e)
        return 'it does not match the schema';
    const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'the top level';
    if (e.keyword === 'additionalProperties') {
        const key = e.params.additionalProperty;
        const secret = ['github-token', 'webhook', 'headers'].includes(key);
        return secret
            ? `"${key}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
            : `${where} has an unknown key "${key}"`;
    }
    if (e.keyword === 'enum')
        return `${where} must be one of ${e.params.allowedValues.join(', ')}`;
    return `${where} ${e.message}`;
}


/***/ })

};
