#!/usr/bin/env node
// Coverage of shared/ per folder, one line each, from coverage/coverage-summary.json (jest's
// `json-summary` reporter). jest runs it as its globalTeardown, after the coverage reporters wrote
// the summary, whenever coverage was collected (`npm test`); `node scripts/coverage-by-folder.mjs`
// prints the table of the last run. A folder counts the files of its subfolders, like jest's
// per-directory `coverageThreshold` keys in jest.config.js, which are what fails the run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pct = (covered, total) => (total === 0 ? 100 : (100 * covered) / total);
const fmt = (covered, total) => `${pct(covered, total).toFixed(1).padStart(5)} %`;

/** Lines, branches and functions per folder of shared/ (with its subfolders), from a json-summary. */
export function foldersOf(summary, rootDir = root) {
  const folders = new Map();
  for (const [file, s] of Object.entries(summary)) {
    if (file === 'total') continue;
    const rel = path.relative(rootDir, file).split(path.sep);
    if (rel[0] !== 'shared' || rel.length < 3) continue;
    // Every ancestor folder below shared/ gets the file: shared/targets counts shared/targets/local.
    for (let depth = 2; depth < rel.length; depth++) {
      const name = `${rel.slice(0, depth).join('/')}/`;
      const f = folders.get(name) ?? { files: 0, lines: [0, 0], branches: [0, 0], functions: [0, 0] };
      f.files++;
      for (const k of ['lines', 'branches', 'functions']) {
        f[k][0] += s[k].covered;
        f[k][1] += s[k].total;
      }
      folders.set(name, f);
    }
  }
  return [...folders.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The table as text; `minLines` marks the folders below it. */
export function renderTable(summary, minLines, rootDir = root) {
  const rows = foldersOf(summary, rootDir);
  const width = Math.max(...rows.map(([name]) => name.length), 'folder'.length);
  const out = [`${'folder'.padEnd(width)}  files      lines  (covered/total)   branches  functions`];
  for (const [name, f] of rows) {
    const low = minLines !== undefined && pct(...f.lines) < minLines;
    out.push(
      `${name.padEnd(width)}  ${String(f.files).padStart(5)}  ${fmt(...f.lines)}  ${`(${f.lines[0]}/${f.lines[1]})`.padEnd(15)}  ${fmt(...f.branches)}  ${fmt(...f.functions)}${low ? `  below ${minLines} %` : ''}`
    );
  }
  const t = summary.total;
  if (t)
    out.push(
      `${'all of shared/'.padEnd(width)}  ${''.padStart(5)}  ${fmt(t.lines.covered, t.lines.total)}  ${`(${t.lines.covered}/${t.lines.total})`.padEnd(15)}  ${fmt(t.branches.covered, t.branches.total)}  ${fmt(t.functions.covered, t.functions.total)}`
    );
  return out.join('\n');
}

/** The least `lines` threshold of the per-folder keys of a jest coverageThreshold. */
function minLinesOf(coverageThreshold) {
  const values = Object.entries(coverageThreshold ?? {})
    .filter(([key, v]) => key !== 'global' && typeof v?.lines === 'number')
    .map(([, v]) => v.lines);
  return values.length ? Math.min(...values) : undefined;
}

function print(summaryFile, minLines) {
  if (!existsSync(summaryFile)) {
    console.log(`No coverage summary at ${path.relative(process.cwd(), summaryFile)}: run npm test (jest --coverage) first.`);
    return;
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  console.log(`\nCoverage of shared/ by folder (lines must be at least ${minLines ?? '?'} % in every folder):\n${renderTable(summary, minLines)}\n`);
}

/** jest's globalTeardown: prints the table when this run collected coverage. */
export default async function coverageByFolder(globalConfig, projectConfig) {
  if (!globalConfig.collectCoverage) return;
  const dir = globalConfig.coverageDirectory ?? projectConfig?.coverageDirectory ?? path.join(root, 'coverage');
  print(path.join(dir, 'coverage-summary.json'), minLinesOf(globalConfig.coverageThreshold));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = (await import(path.join(root, 'jest.config.js'))).default;
  print(path.join(root, 'coverage', 'coverage-summary.json'), minLinesOf(config.coverageThreshold));
}
