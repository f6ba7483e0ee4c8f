// The rollout story against the GitHub API stand-in, run as bundles: used by the GitHub bundle
// test (assertions) and by `npm run bench:github` (request counts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO, newJob, runBundle, tempDir, type BundleRun, type Job } from './run-bundle.js';
import { startGitHubStandin, type GitHubStandin, type LoggedRequest } from './github-standin/index.js';

export interface StoryStep {
  name: string;
  run: BundleRun;
  requests: LoggedRequest[];
}

export interface Story {
  standin: GitHubStandin;
  steps: StoryStep[];
  stop(): Promise<void>;
}

const service = path.join(REPO, 'examples', 'service', 'server.mjs');
const buildDemo = path.join(REPO, 'examples', 'build-demo.mjs');

/**
 * v1 (first release) → faulty v2 (rolled back, incident opened) → v3 (promoted, incident closed).
 * Each release is its own job (build, then canary-deploy) on one self-hosted machine: only the
 * machine's state folder (the local target) and the stand-in carry over between jobs.
 */
export async function runGitHubStory(options: { event?: { name: string; payload: unknown } } = {}): Promise<Story> {
  const standin = await startGitHubStandin();
  const machine = tempDir('shipgate-gh-machine-');
  const stateRoot = path.join(machine, 'shipgate');
  const env: Record<string, string> = {
    GITHUB_API_URL: standin.url,
    GITHUB_GRAPHQL_URL: standin.graphqlUrl,
    GITHUB_REPOSITORY: `${standin.owner}/${standin.repo}`,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    __EVENT: JSON.stringify(options.event?.payload ?? {})
  };
  const rollout = {
    environment: 'production',
    'github-token': standin.token,
    'start-command': `node ${service}`,
    steps: '20,50,100',
    'step-duration': '15s',
    'probe-rate': '50',
    'error-tolerance': '0.05',
    'min-samples': '50',
    mention: '@acme/oncall'
  };
  const steps: StoryStep[] = [];
  const step = async (name: string, bundle: string, inputs: Record<string, string>, job: Job, extra: Record<string, string> = {}, sha?: string) => {
    const before = standin.log.length;
    const run = await runBundle(bundle, inputs, {
      sameJob: job,
      stateHome: machine,
      env: { ...env, ...extra, ...(sha ? { GITHUB_SHA: sha } : {}) },
      timeoutMs: 120_000
    });
    steps.push({ name, run, requests: standin.log.slice(before) });
    return run;
  };
  for (const [version, errorRate] of [
    ['v1', 0],
    ['v2', 0.4],
    ['v3', 0]
  ] as const) {
    // A few commits per release, so the incident can show the range between good and bad.
    const sha = standin.state.seedCommits(3, `work towards ${version}`).at(-1) as string;
    const job = newJob('shipgate-gh-job-');
    const build = await step(
      `build ${version}`,
      'build',
      { command: `node ${buildDemo} out`, artifact: 'out/**', version },
      job,
      { DEMO_ERROR_RATE: String(errorRate) },
      sha
    );
    await step(`canary-deploy ${version}`, 'canary-deploy', { ...rollout, manifest: build.outputs.manifest }, job, {}, sha);
  }
  return {
    standin,
    steps,
    async stop() {
      spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli', 'index.js'), 'local', 'stop', '-e', 'production', '--state-root', stateRoot]);
      await standin.close();
    }
  };
}
