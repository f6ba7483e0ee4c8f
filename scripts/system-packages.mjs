#!/usr/bin/env node
// The Debian packages the tests need, installed when missing: run by `npm test` and by .ci/run, so
// a bare machine needs no step a reader must discover. As root it installs them with apt-get;
// otherwise it names the command to run and fails (tests never skip silently).
import { spawnSync } from 'node:child_process';

/** command on PATH → Debian package that provides it. */
export const SYSTEM_PACKAGES = {
  prometheus: 'prometheus',
  nginx: 'nginx',
  haproxy: 'haproxy',
  // Debian's own kubectl (bookworm: 1.20); a newer one from Kubernetes' apt source is used when present.
  kubectl: 'kubernetes-client'
};

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = Object.entries(SYSTEM_PACKAGES).filter(([cmd]) => !has(cmd));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map(([, pkg]) => pkg))];
const install = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `The tests need ${packages.join(', ')} (Debian package${packages.length > 1 ? 's' : ''}): run \`sudo sh -c '${install}'\`, then run the tests again.`
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} for the tests: ${install}`);
const run = spawnSync('sh', ['-c', install], { stdio: 'inherit' });
if (run.status !== 0) {
  console.error(`Installing ${packages.join(', ')} failed (exit ${run.status}); run \`${install}\` by hand and look at its output.`);
  process.exit(1);
}
// Debian's package may start its daemon through the init system; the tests start their own on loopback.
for (const [cmd] of missing) spawnSync('pkill', ['-x', cmd], { stdio: 'ignore' });
const still = missing.filter(([cmd]) => !has(cmd));
if (still.length) {
  console.error(`After installing, ${still.map(([c]) => c).join(', ')} is still not on PATH.`);
  process.exit(1);
}
