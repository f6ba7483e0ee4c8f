// `npm run bench:github`: counts the GitHub API requests of each action run in the rollout
// story (bundles run as the runner runs them, against the stand-in), written to docs/github-requests.md.
import { writeFileSync } from 'node:fs';
import { runGitHubStory } from '../__tests__/helpers/github-story.js';

const story = await runGitHubStory();
try {
  const rows = story.steps
    .filter((s) => s.name.startsWith('canary-deploy'))
    .map((s) => {
      const byRoute = new Map<string, number>();
      for (const r of s.requests) byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + 1);
      const detail = [...byRoute.entries()].map(([k, n]) => `${n} × \`${k}\``).join('<br>');
      return `| ${s.name} | ${s.run.outputs.result ?? '—'} | ${s.requests.length} | ${detail} |`;
    });
  const md = `# GitHub API requests per rollout

Measured with \`npm run bench:github\` on ${new Date().toISOString().slice(0, 10)}: the bundles run as the runner runs
them against the GitHub API stand-in (\`__tests__/helpers/github-standin\`), with the default notifiers
(commit status \`shipgate/production\`, incident issue) and the GitHub Deployments ledger; three steps
(20, 50, 100 %). Each release is its own job on the same machine (fresh workspace, RUNNER_TEMP and run
id), so everything a run knows about the environment comes from these requests. The counts come from
the stand-in's request log. Goal: ≤ 15 requests for a promoted three-step rollout including the
ledger read (last good version and unfinished rollouts), the deployment, one status per weight
change, the race-guard read after the deployment is created, and the commit status.

| Run | Result | Requests | By endpoint |
|---|---|---:|---|
${rows.join('\n')}

Violations of GitHub's OpenAPI description during the run: ${story.standin.violations().length}.
`;
  writeFileSync('docs/github-requests.md', md);
  console.log(md);
} finally {
  await story.stop();
}
