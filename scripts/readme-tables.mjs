#!/usr/bin/env node
// The README's input/output tables are generated from shared/inputs/catalogue.ts by
// scripts/generate.mjs (with every action.yml, the config schema and docs/inputs.md).
// Kept for `render` (README.md with its <!-- tables:NAME --> sections regenerated) and as a CLI:
// `node scripts/readme-tables.mjs [--check]` runs the generator.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { renderReadme as render, readmeTables as tables } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'generate.mjs'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: path.join(here, '..')
  });
  process.exit(r.status ?? 1);
}
