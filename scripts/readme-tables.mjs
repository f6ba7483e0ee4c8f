#!/usr/bin/env node
// Writes the inputs/outputs tables of README.md from the action.yml files (between
// <!-- tables:NAME --> markers). `--check` exits 1 when the README has drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

export const ACTIONS = { rollout: 'action.yml', build: 'actions/build/action.yml', 'canary-deploy': 'actions/canary-deploy/action.yml', 'smoke-test': 'actions/smoke-test/action.yml', 'auto-rollback': 'actions/auto-rollback/action.yml' };

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function tables(file) {
  const meta = parse(readFileSync(file, 'utf8'));
  const rows = ['| Input | Required | Default | Description |', '|---|---|---|---|'];
  for (const [name, i] of Object.entries(meta.inputs ?? {})) {
    const def = i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``;
    rows.push(`| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${def} | ${cell(i.description)} |`);
  }
  rows.push('', '| Output | Description |', '|---|---|');
  for (const [name, o] of Object.entries(meta.outputs ?? {})) rows.push(`| \`${name}\` | ${cell(o.description)} |`);
  return rows.join('\n');
}

export function render(readme) {
  let out = readme;
  for (const [name, file] of Object.entries(ACTIONS)) {
    const re = new RegExp(`(<!-- tables:${name} -->)[\\s\\S]*?(<!-- /tables:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- tables:${name} --> section`);
    out = out.replace(re, (_m, a, b) => `${a}\n${tables(file)}\n${b}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8');
  const next = render(readme);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md tables differ from the action.yml files: run node scripts/readme-tables.mjs');
      process.exit(1);
    }
  } else writeFileSync('README.md', next);
}
