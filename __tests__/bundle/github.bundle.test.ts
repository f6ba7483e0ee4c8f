// The actions as bundles against the GitHub API stand-in (a real loopback server that checks
// every request against GitHub's OpenAPI description): deployments, merge-gating statuses on the
// PR head commit, an incident opened by a rollback and closed by the next promotion.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runGitHubStory, type Story } from '../helpers/github-story.js';

const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface';
let story: Story;

beforeAll(async () => {
  story = await runGitHubStory({ event: { name: 'pull_request', payload: { pull_request: { number: 7, head: { sha: HEAD } } } } });
}, 300_000);
afterAll(async () => {
  await story?.stop();
});

const step = (name: string) => {
  const s = story.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step ${name}`);
  return s;
};

describe('against the GitHub API stand-in', () => {
  test("every request Shipgate sent matches GitHub's published API description", () => {
    expect(story.standin.violations()).toEqual([]);
  });

  test('each rollout is one deployment whose final status tells the truth', () => {
    const deployments = story.standin.state.deployments;
    expect(deployments.map((d) => [(d.payload as { version?: string }).version, d.environment])).toEqual([
      ['v1', 'production'],
      ['v2', 'production'],
      ['v3', 'production']
    ]);
    const last = (i: number) => deployments[i].statuses.at(-1)?.state;
    expect([last(0), last(1), last(2)]).toEqual(['inactive', 'failure', 'success']);
    // Begun, then one in_progress status per weight change, then the outcome.
    expect(deployments[1].statuses.map((s) => s.state)).toEqual(['in_progress', 'in_progress', 'failure']);
    expect(deployments[1].statuses[1].description).toMatch(/^20 % · step 1\/3 — Canary v2 at 20 %/);
    expect(
      deployments[2].statuses
        .map((s) => s.description ?? '')
        .filter((d) => /^\d+ % · step/.test(d))
        .map((d) => d.split(' ')[0])
    ).toEqual(['0', '20', '50', '100']);
    // Each release ran in its own workflow run, and each deployment links to the run that made it.
    const runs = deployments.map((d) => d.statuses[0].log_url);
    for (const [i, d] of deployments.entries()) expect(d.statuses.every((s) => s.log_url === runs[i])).toBe(true);
    expect(new Set(runs).size).toBe(3);
    for (const r of runs) expect(r).toMatch(/^https:\/\/github\.com\/acme\/shop\/actions\/runs\/\d+$/);
  });

  test('the merge-gating status goes on the pull request head commit: pending, then the outcome', () => {
    const statuses = story.standin.state.commitStatuses.filter((s) => s.context === 'shipgate/production');
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    expect(statuses.every((s) => s.sha === HEAD)).toBe(true);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'success', 'pending', 'failure', 'pending', 'success']);
    for (const s of statuses) expect((s.description ?? '').length).toBeLessThanOrEqual(140);
  });

  test('the rollback opened one incident with evidence and mentions; the promotion closed it', () => {
    const issues = story.standin.state.issues;
    expect(issues).toHaveLength(1);
    const [incident] = issues;
    expect(incident.labels).toEqual(expect.arrayContaining(['incident', 'env:production']));
    expect(incident.body).toMatch(/v2/);
    expect(incident.body).toMatch(/error/i);
    expect(incident.body).toContain('@acme/oncall');
    expect(incident.state).toBe('closed');
    expect(incident.comments.at(-1)?.body).toMatch(/v3/);
    expect(step('canary-deploy v2').run.outputs['incident-url']).toMatch(/\/issues\/1$/);
  });

  test('the token never appears in outputs, summaries or the issue', () => {
    const token = story.standin.token;
    for (const s of story.steps) {
      expect(JSON.stringify(s.run.outputs) + s.run.summary).not.toContain(token);
    }
    expect(JSON.stringify(story.standin.state.issues)).not.toContain(token);
  });

  test('a promoted three-step rollout, last-good lookup included, takes at most 15 API requests', () => {
    expect(step('canary-deploy v1').requests.length).toBeLessThanOrEqual(15);
    const promoted = step('canary-deploy v3').requests.filter((r) => !r.route.includes('/issues'));
    expect(promoted.length).toBeLessThanOrEqual(15);
  });
});
