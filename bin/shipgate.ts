#!/usr/bin/env node
// The shipgate CLI: rollouts, status, history, plan, validate, replay, DORA and the local target
// from any CI or a laptop (shared/cli). Bundled to dist/cli/index.js; `npx shipgate …`.
import { main } from '../shared/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain (a pipe may still hold the JSON) before the adapters' timers are cut off.
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`shipgate: ${(err as Error).message}\n`);
    process.exit(1);
  }
);
