#!/usr/bin/env node
// Runs `npm run demo` N times and records its wall time and the time from the faulty canary's
// failing verdict to stable at 100 % (the report's rollbackMs). Writes docs/demo.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);
const rows = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-demo-'));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['examples/demo.mjs'], { env: { ...process.env, SHIPGATE_DEMO_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = (Date.now() - t0) / 1000;
  const reportsDir = path.join(dir, 'runner-temp', 'shipgate', 'reports');
  const reports = readdirSync(reportsDir).map((f) => JSON.parse(readFileSync(path.join(reportsDir, f), 'utf8')));
  const v2 = reports.find((x) => x.release?.version === 'v2');
  const v3 = reports.find((x) => x.release?.version === 'v3');
  const detectS = v2?.steps?.[0] ? (v2.steps[0].durationMs / 1000).toFixed(1) : '—';
  rows.push(`| ${i + 1} | ${r.status} | ${wall.toFixed(1)} | ${v2?.result ?? '—'} | ${detectS} | ${v2?.rollbackMs ?? '—'} | ${v3?.result ?? '—'} | ${v3 ? (v3.steps.reduce((n, s) => n + s.durationMs, 0) / 1000).toFixed(1) : '—'} |`);
  console.log(rows.at(-1));
}
const md = `# Demo timing

Measured with \`npm run bench:demo\` (${RUNS} runs, Node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}).
"Detected after" is the faulty v2's first step duration (deploy to failing verdict); "verdict → stable" is
the report's \`rollbackMs\`: from the failing verdict until the canary's weight is 0 and its process is stopped.

| Run | Exit | Wall time (s) | v2 result | v2 detected after (s) | Verdict → stable at 100 % (ms) | v3 result | v3 analysis time (s) |
|---:|---:|---:|---|---:|---:|---|---:|
${rows.join('\n')}
`;
writeFileSync('docs/demo.md', md);
console.log('wrote docs/demo.md');
