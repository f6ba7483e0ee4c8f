// The auto-rollback action: restore the last known good version and run the incident playbook.
import { runAction } from '../../shared/glue/runtime.js';
import { autoRollbackAction } from '../../shared/glue/auto-rollback.js';

await runAction(autoRollbackAction);
