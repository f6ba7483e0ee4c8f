#!/usr/bin/env node
// Runs `npm run demo` N times and records its wall time, how long each release's analysis took,
// the time from the faulty canary's failing verdict to stable at 100 % (the report's rollbackMs),
// and the paused v4 being promoted by a separate job. Reads the demo's demo-result.json (every
// job's steps, outputs and kept rollout reports). Writes docs/demo.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);
const rows = [];
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const s1 = (ms) => (ms === undefined || ms === null ? '—' : (ms / 1000).toFixed(1));

for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-demo-'));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['examples/demo.mjs'], { env: { ...process.env, SHIPGATE_DEMO_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = (Date.now() - t0) / 1000;
  const result = existsSync(path.join(dir, 'demo-result.json')) ? readJson(path.join(dir, 'demo-result.json')) : null;
  // The main canary-deploy step of each job (post steps have no result).
  const deployOf = (title) => result?.jobs.find((j) => j.title.startsWith(title))?.steps.find((s) => s.name === 'canary-deploy' && !s.post) ?? null;
  const reportOf = (step) => (step?.report ? readJson(step.report) : null);
  const v1 = reportOf(deployOf('release v1'));
  const v2 = reportOf(deployOf('release v2'));
  const v3 = reportOf(deployOf('release v3'));
  const v4Step = deployOf('release v4');
  const promoteStep = deployOf('release manager promotes v4');
  const analysis = (rep) => (rep?.steps?.length ? s1(rep.steps.reduce((n, s) => n + s.durationMs, 0)) : '—');
  rows.push(
    [
      i + 1,
      r.status,
      wall.toFixed(1),
      v1 ? `${v1.result}${v1.firstRelease ? ` (${v1.steps?.[0]?.canary?.requests ?? '?'} req)` : ''}` : '—',
      analysis(v1),
      v2?.result ?? '—',
      v2?.steps?.[0] ? s1(v2.steps[0].durationMs) : '—',
      v2?.rollbackMs ?? '—',
      v3?.result ?? '—',
      analysis(v3),
      v4Step ? `${v4Step.outputs.result} at ${v4Step.outputs.weight} %` : '—',
      promoteStep
        ? `${promoteStep.outputs.result} (deployment ${promoteStep.outputs['deployment-id']}${promoteStep.outputs['deployment-id'] === v4Step?.outputs['deployment-id'] ? ", v4's" : ''})`
        : '—',
      promoteStep ? s1(promoteStep.ms) : '—'
    ]
      .join(' | ')
      .replace(/^/, '| ')
      .replace(/$/, ' |')
  );
  console.log(rows.at(-1));
}
const md = `# Demo timing

Measured with \`npm run bench:demo\` (${RUNS} runs, Node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}).
Every job of the demo is its own workflow run on a fresh runner (own RUNNER_TEMP, workspace and run id; wiped when
the job ends); only the \`state-dir\` (local target and file ledger) carries over. "Analysis" is the sum of a
release's step durations. v1 is a first release: nothing to compare with, so it is held to absolute bounds at its
first step ("req" = canary requests that took). "Detected after" is the faulty v2's first step duration (deploy to
failing verdict); "verdict → stable" is the report's \`rollbackMs\`: from the failing verdict until the canary's
weight is 0 and its process is stopped. v4 runs with steps \`20,pause,100\`; a separate job (the release manager's
\`action: promote\`) finds it through the ledger and promotes it. The demo waits 3 s between the two on purpose.

| Run | Exit | Wall time (s) | v1 result | v1 analysis (s) | v2 result | v2 detected after (s) | Verdict → stable at 100 % (ms) | v3 result | v3 analysis (s) | v4 result | Promote job result | Promote job (s) |
|---:|---:|---:|---|---:|---|---:|---:|---|---:|---|---|---:|
${rows.join('\n')}
`;
writeFileSync('docs/demo.md', md);
console.log('wrote docs/demo.md');
