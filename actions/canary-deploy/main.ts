// The canary-deploy action. The same bundle is the post step (actions/checkout's isPost
// pattern), which restores stable when the main step was killed mid-rollout.
import { runAction } from '../../shared/glue/runtime.js';
import { canaryDeploy, canaryDeployPost } from '../../shared/glue/canary-deploy.js';

await runAction(async (rt) => {
  if (rt.isPost) await canaryDeployPost(rt);
  else await canaryDeploy(rt);
});
