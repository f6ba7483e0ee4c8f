// The actions as bundles against the GitHub API stand-in (a real loopback server that checks
// every request against GitHub's OpenAPI description): deployments, merge-gating statuses on the
// PR head commit, an incident opened by a rollback and closed by the next promotion, and (with
// `revert-pr: true`) a pull request reverting the faulty release, made with the Git Data API.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runGitHubStory, type Story } from '../helpers/github-story.js';
import { describeHits, secretsOf, standinPlaces, sweep } from '../helpers/secrets-sweep.js';

const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface';
let story: Story;

beforeAll(async () => {
  story = await runGitHubStory({ event: { name: 'pull_request', payload: { pull_request: { number: 7, head: { sha: HEAD } } } }, revertPr: true });
}, 300_000);
afterAll(async () => {
  await story?.stop();
});

const release = (version: string) => {
  const r = story.releases.find((x) => x.version === version);
  if (!r) throw new Error(`no release ${version}`);
  return r;
};
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
    // The commit range comes from compare on the Git model: v2's three commits, none of v1's.
    for (const sha of release('v2').commits) expect(incident.body).toContain(`\`${sha.slice(0, 7)}\``);
    for (const sha of release('v1').commits) expect(incident.body).not.toContain(`\`${sha.slice(0, 7)}\``);
    expect(incident.body).toContain('feat: checkout retries payments');
  });

  test('the token never appears in outputs, summaries, the issue, the pull request, commits or branches', () => {
    const token = story.standin.token;
    for (const s of story.steps) {
      expect(JSON.stringify(s.run.outputs) + s.run.summary).not.toContain(token);
    }
    expect(JSON.stringify(story.standin.state.issues)).not.toContain(token);
    const git = story.standin.state.git;
    const commits = [...git.objects.values()].filter((o) => o.kind === 'commit');
    expect(story.standin.state.pulls.length).toBeGreaterThan(0);
    expect(JSON.stringify([story.standin.state.pulls, commits, [...git.refs.keys()]])).not.toContain(token);
    // The sweep (every form the token may take) over what the stand-in kept, pull requests, commit messages and refs included.
    const places = standinPlaces(story.standin);
    expect(places.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stand-in: pull request #\d+ body$/),
        expect.stringMatching(/^stand-in: pull request #\d+ title$/),
        expect.stringMatching(/^stand-in: git commit [0-9a-f]{7} message$/),
        expect.stringMatching(/^stand-in: git ref \d+$/)
      ])
    );
    expect(places.filter((p) => p.where.startsWith('stand-in: git ref ')).map((p) => p.text.split(' ')[0])).toContain(
      `refs/heads/${story.standin.state.pulls[0].head}`
    );
    const hits = sweep(places, secretsOf({ token }));
    expect(describeHits(hits)).toBe('');
  });

  test('a promoted three-step rollout, last-good lookup included, takes at most 15 API requests', () => {
    expect(step('canary-deploy v1').requests.length).toBeLessThanOrEqual(15);
    const promoted = step('canary-deploy v3').requests.filter((r) => !r.route.includes('/issues'));
    expect(promoted.length).toBeLessThanOrEqual(15);
  });

  test('the rollback of v2 opened one revert pull request, linked to the incident and the run log', () => {
    const good = release('v1').sha;
    const bad = release('v2').sha;
    const pulls = story.standin.state.pulls;
    expect(pulls).toHaveLength(1);
    const [pr] = pulls;
    expect(pr).toMatchObject({
      state: 'open',
      base: 'main',
      head: `shipgate/revert-production-${good.slice(0, 7)}-${bad.slice(0, 7)}`,
      title: 'Revert v2 in production'
    });
    expect(pr.labels).toEqual(expect.arrayContaining(['shipgate', 'revert']));
    const v2 = step('canary-deploy v2').run;
    expect(v2.outputs.result).toBe('rolled-back');
    // The incident was opened first (same run), so the pull request links that very issue.
    const incidentUrl = v2.outputs['incident-url'];
    expect(incidentUrl).toBe(`https://github.com/acme/shop/issues/${story.standin.state.issues[0].number}`);
    expect(pr.body).toContain(`- Incident: [incident issue](${incidentUrl})`);
    const runLog = story.standin.state.deployments[1].statuses[0].log_url;
    expect(runLog).toMatch(/^https:\/\/github\.com\/acme\/shop\/actions\/runs\/\d+$/);
    expect(pr.body).toContain(`[run log](${runLog})`);
    expect(v2.outputs['revert-pr-url']).toBe(`https://github.com/acme/shop/pull/${pr.number}`);
    // The body lists v2's commits and the files it restores or deletes.
    for (const sha of release('v2').commits) expect(pr.body).toContain(`\`${sha.slice(0, 7)}\``);
    expect(pr.body).toContain('- src/checkout.js: restored');
    expect(pr.body).toContain('- src/retry.js: deleted (added by v2)');
  });

  test("the revert pull request's head commit restores v1's files on top of v2", () => {
    const git = story.standin.state.git;
    const good = release('v1').sha;
    const bad = release('v2').sha;
    // What v2 did to v1's tree, as the fixture means it to.
    expect(git.diff(git.commit(good)!.tree, git.commit(bad)!.tree).map((f) => [f.filename, f.status])).toEqual([
      ['README.md', 'modified'],
      ['docs/retries.md', 'added'],
      ['src/checkout.js', 'modified'],
      ['src/retry.js', 'added']
    ]);
    const pr = story.standin.state.pulls[0];
    const tip = git.refs.get(`refs/heads/${pr.head}`)!;
    const revert = git.commit(tip)!;
    // On top of the branch as it was when v2 was rolled back (its tip was v2 then).
    expect(revert.parents).toEqual([bad]);
    expect(revert.message.split('\n')[0]).toBe(`Revert v2 in production (${good.slice(0, 7)}..${bad.slice(0, 7)})`);
    expect(revert.message).toContain(`This reverts commits ${good}..${bad}:`);
    for (const file of ['README.md', 'src/checkout.js']) {
      expect([file, git.readFile(tip, file)]).toEqual([file, git.readFile(good, file)]);
      expect(git.readFile(tip, file)).not.toBe(git.readFile(bad, file));
    }
    for (const file of ['docs/retries.md', 'src/retry.js']) {
      expect(git.readFile(bad, file)).toBeDefined();
      expect([file, git.readFile(tip, file)]).toEqual([file, undefined]);
    }
    // Nothing else changed: the reverted tree is v1's tree.
    expect(revert.tree).toBe(git.commit(good)!.tree);
    // The default branch itself is untouched: only the PR's branch carries the revert.
    expect(git.refs.get('refs/heads/main')).toBe(release('v3').sha);
  });

  test('the promotion of v3 opens no pull request', () => {
    const v3 = step('canary-deploy v3');
    expect(v3.run.outputs.result).toBe('promoted');
    expect(v3.run.outputs['revert-pr-url'] ?? '').toBe('');
    expect(v3.requests.filter((r) => /\/pulls|\/git\//.test(r.path))).toEqual([]);
    expect(story.standin.state.pulls).toHaveLength(1);
    expect(step('canary-deploy v1').requests.filter((r) => /\/pulls|\/git\//.test(r.path))).toEqual([]);
  });
});
