import type { GitHubContext } from '../../../shared/github/context.js';
import type { RolloutReport } from '../../../shared/model/report.js';
import type { FileChange, GitHubStandin } from './index.js';

/** A GitHubContext pointing at the stand-in. */
export function standinContext(gh: GitHubStandin, over: Partial<GitHubContext> = {}): GitHubContext {
  const sha = gh.state.commits.at(-1)?.sha ?? 'c'.repeat(40);
  return {
    apiUrl: gh.url,
    serverUrl: 'https://github.com',
    graphqlUrl: gh.graphqlUrl,
    owner: gh.owner,
    repo: gh.repo,
    token: gh.token,
    sha,
    statusSha: sha,
    ref: 'refs/heads/main',
    runId: '42',
    runUrl: `https://github.com/${gh.owner}/${gh.repo}/actions/runs/42`,
    eventName: 'push',
    actor: 'octocat',
    ...over
  };
}

/** A rolled-back report with one failing error-rate check; override what a test needs. */
export function sampleReport(over: Partial<RolloutReport> = {}): RolloutReport {
  const stats = { requests: 100, errors: 30, errorRate: 0.3, p50Ms: 10, p95Ms: 20, p99Ms: 30 };
  return {
    schema: 'shipgate/rollout-report@1',
    environment: 'production',
    deploymentId: '1001',
    result: 'rolled-back',
    reason: 'canary error rate 30.0 % vs 0.9 % exceeds the 1 pt tolerance',
    release: { version: 'v2', commit: 'b'.repeat(40) },
    previous: { version: 'v1', commit: 'a'.repeat(40) },
    plan: {
      environment: 'production',
      steps: [10, 50, 100],
      stepDurationMs: 30000,
      probeRate: 10,
      lookIntervalMs: 1000,
      analysis: { judge: 'sequential', errorTolerance: 0.01, latencyTolerance: 0.2, alpha: 0.01, beta: 0.05, minSamples: 20, onInconclusive: 'rollback' },
      autoRollback: true
    },
    steps: [
      {
        index: 0,
        weight: 10,
        startedAt: '2026-01-01T00:00:00Z',
        durationMs: 12000,
        canary: stats,
        stable: { ...stats, errors: 1, errorRate: 0.009 },
        verdict: {
          decision: 'fail',
          reason: 'error rate',
          samples: { canary: 100, stable: 110 },
          checks: [
            {
              signal: 'error-rate',
              decision: 'fail',
              canary: 0.3,
              stable: 0.009,
              tolerance: 0.01,
              statistic: 7.2,
              boundary: 4.6,
              explanation: 'canary error rate 30.0 % vs 0.9 % (tolerance 1 pt): log e-value 7.20 ≥ 4.60'
            },
            { signal: 'latency', decision: 'continue', canary: 0.05, stable: 0.04, tolerance: 0.2, statistic: 0.1, boundary: 4.6, explanation: 'latency fine' }
          ]
        },
        looks: [],
        decidedByPolicy: false,
        failingSamples: [{ status: 500, detail: '<script>alert(1)</script> @everyone ::error::boom `x`' }]
      }
    ],
    timeline: [
      { at: '2026-01-01T00:00:00Z', event: 'canary deployed' },
      { at: '2026-01-01T00:00:12Z', event: 'rolled back', detail: 'error rate' }
    ],
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:13Z',
    weight: 10,
    rollbackMs: 800,
    ...over
  };
}

/**
 * Seeds the stand-in's Git history: one commit per entry on `branch` (default: the default
 * branch), oldest first; returns the new commits' shas.
 */
export function seedHistory(
  gh: GitHubStandin,
  commits: { message: string; files: Record<string, FileChange> }[],
  branch = gh.state.git.defaultBranch
): string[] {
  return commits.map((c) => gh.state.git.commitFiles(branch, c.message, c.files));
}
