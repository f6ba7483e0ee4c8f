export const id = 132;
export const ids = [132];
export const modules = {

/***/ 4132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  autoRollbackAction: () => (/* binding */ autoRollbackAction)
});

// EXTERNAL MODULE: ./shared/inputs/input-error.ts
var input_error = __webpack_require__(6033);
// EXTERNAL MODULE: ./shared/inputs/waves.ts
var inputs_waves = __webpack_require__(1472);
// EXTERNAL MODULE: ./shared/inputs/common.ts
var inputs_common = __webpack_require__(1297);
// EXTERNAL MODULE: ./shared/inputs/canary-deploy.ts + 2 modules
var canary_deploy = __webpack_require__(3063);
;// CONCATENATED MODULE: ./shared/inputs/auto-rollback.ts




function parseAutoRollbackInputs(inputs) {
    const common = (0,inputs_common/* parseCommon */.dw)(inputs);
    const target = (0,inputs_common/* parseTarget */.hu)(inputs);
    const toVersion = inputs.get('to-version');
    const { local, command } = (0,canary_deploy/* parseTargetSettings */.ae)(inputs);
    const waves = (0,inputs_waves/* parseWaves */.a)(inputs, target, 'restore');
    const traffic = (0,canary_deploy/* parseTraffic */.D7)(inputs, target, { settings: !waves });
    if (target === 'command' && !waves && !command.rollbackCommand) {
        throw new input_error/* InputError */.dz('rollback-command', '', 'the command target needs a rollback command to restore a version');
    }
    const reason = inputs.get('reason') || 'manual rollback';
    if (reason.length > 1000)
        throw inputs.error('reason', `${reason.slice(0, 20)}…`, 'keep the reason under 1,000 characters');
    return {
        ...common,
        toVersion,
        reason,
        target,
        local,
        command,
        traffic,
        waves,
        notify: (0,canary_deploy/* parseNotify */.VW)(inputs)
    };
}

// EXTERNAL MODULE: ./shared/engine/operations.ts
var operations = __webpack_require__(8231);
// EXTERNAL MODULE: ./shared/ledgers/owner.ts
var owner = __webpack_require__(7476);
// EXTERNAL MODULE: ./shared/summary/rollout-summary.ts + 1 modules
var rollout_summary = __webpack_require__(7584);
// EXTERNAL MODULE: ./shared/notifiers/webhook.ts
var webhook = __webpack_require__(2515);
// EXTERNAL MODULE: ./shared/glue/composition.ts + 3 modules
var composition = __webpack_require__(7611);
;// CONCATENATED MODULE: ./shared/glue/auto-rollback.ts






async function autoRollbackAction(rt) {
    const inputs = parseAutoRollbackInputs(await rt.inputs());
    // The runner hides only the exact strings it is told: the webhook's key on its own too.
    for (const secret of (0,webhook/* webhookSecrets */.d)(inputs.notify.webhook))
        rt.mask(secret);
    const gh = (0,composition/* gitHubAccess */.gz)(rt, inputs.githubToken);
    const stateDir = (0,composition/* resolveStateDir */.JT)(rt, inputs.stateDir);
    const ledger = await (0,composition/* buildLedger */.ES)(rt, inputs.ledger, inputs.ledgerFile, stateDir, gh);
    const target = await (0,composition/* buildTarget */.k0)(rt, inputs.target, inputs.environment, stateDir, inputs.local, inputs.command, inputs.traffic, inputs.waves);
    const notifiers = await (0,composition/* buildNotifiers */.UA)(rt, inputs.environment, inputs.notify, gh, (r) => (0,rollout_summary/* renderRolloutSummary */.Q)(r));
    rt.logger.info(`Shipgate auto-rollback of ${inputs.environment}: ${inputs.toVersion ? `to ${inputs.toVersion}` : 'to the last known good version'} — reason: ${inputs.reason}`);
    const { report, restored } = await (0,operations/* restoreVersion */.Hy)({ environment: inputs.environment, target, ledger, notifiers, logger: rt.logger, owner: (0,owner/* currentOwner */.Hf)(rt.env, gh?.ctx.runUrl), logUrl: gh?.ctx.runUrl }, { toVersion: inputs.toVersion || undefined, reason: inputs.reason });
    const file = rt.writeReport(`rollback-${inputs.environment}-${report.deploymentId}-${Date.now()}.json`, report);
    rt.setOutput('rolled-back-to', restored.version);
    rt.setOutput('deployment-id', report.deploymentId);
    rt.setOutput('incident-url', report.incidentUrl ?? '');
    await rt.summary((0,rollout_summary/* renderRolloutSummary */.Q)(report, { title: `Shipgate rollback of ${inputs.environment} to ${restored.version}`, reportPath: file }));
    rt.logger.info(report.reason);
}


/***/ })

};
