#!/usr/bin/env node
// Regenerates what the input catalogue describes, then bundles every action (and the local target's
// daemon and the CLI) into dist/<name>/ with ncc.
// No source maps: they are single-line blobs that rewrite whole files on every rebuild.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';

export const BUNDLES = {
  build: 'actions/build/main.ts',
  'canary-deploy': 'actions/canary-deploy/main.ts',
  'smoke-test': 'actions/smoke-test/main.ts',
  'auto-rollback': 'actions/auto-rollback/main.ts',
  rollout: 'actions/rollout/main.ts',
  'local-daemon': 'shared/targets/local/daemon-main.ts',
  cli: 'bin/shipgate.ts'
};

// Every action.yml, the config schema, the README's tables and docs/inputs.md come from the input
// catalogue: regenerate them first (the schema is bundled).
const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.mjs'], { stdio: 'inherit' });
if (generated.status !== 0) {
  console.error(`scripts/generate.mjs failed (exit ${generated.status}).`);
  process.exit(1);
}

const only = process.argv.slice(2);
const names = Object.keys(BUNDLES).filter((n) => only.length === 0 || only.includes(n));
const parallel = Math.max(1, Math.min(cpus().length, 3));

function build(name) {
  rmSync(`dist/${name}`, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      // Transpile only: npm test type-checks the whole project once (tsconfig.all.json). Type-checking
      // it again in every bundle (tests included) took ~60 s, and one type error anywhere left
      // bundles deleted and unbuilt.
      ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', BUNDLES[name], '-o', `dist/${name}`, '--license', 'licenses.txt', '-q', '--transpile-only'],
      {
        stdio: ['ignore', 'inherit', 'inherit']
      }
    );
    child.on('exit', (code) => {
      if (code === 0) {
        console.log(`dist/${name}/index.js built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        resolve();
      } else reject(new Error(`ncc failed for ${name} (exit ${code})`));
    });
  });
}

const queue = [...names];
await Promise.all(
  Array.from({ length: parallel }, async () => {
    while (queue.length) await build(queue.shift());
  })
).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
