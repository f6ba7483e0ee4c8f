// The smoke-test action: concurrent HTTP checks, summary table, optional merge-gating status.
import { runAction } from '../../shared/glue/runtime.js';
import { smokeTestAction } from '../../shared/glue/smoke-test.js';

await runAction(smokeTestAction);
