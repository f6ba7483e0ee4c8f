// The build action: run the build, package the artifact, write the release manifest.
import { runAction } from '../../shared/glue/runtime.js';
import { buildAction } from '../../shared/glue/build.js';

await runAction(buildAction);
