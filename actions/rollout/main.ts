// The root action (action.yml at the repository root): optional build, then the whole rollout.
import { runAction } from '../../shared/glue/runtime.js';
import { canaryDeployPost } from '../../shared/glue/canary-deploy.js';
import { rolloutAction } from '../../shared/glue/rollout.js';

await runAction(async (rt) => {
  if (rt.isPost) await canaryDeployPost(rt);
  else await rolloutAction(rt);
});
