// The revert pull request against the GitHub stand-in (real HTTP on loopback): the revert commit
// is made with the Git Data API and read back from the stand-in.
import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { sampleReport, seedHistory, standinContext } from '../helpers/github-standin/fixtures.js';
import { createGitHubClient, type GitHubClient } from '../../shared/github/client.js';
import { RevertPrNotifier, plainText, refComponent, type RevertPrOptions } from '../../shared/notifiers/revert-pr.js';
import type { RolloutReport } from '../../shared/model/report.js';
import type { Logger } from '../../shared/util/log.js';

let gh: GitHubStandin;
let client: GitHubClient;
let lines: string[];
const logger: Logger = { info: (m) => lines.push(`info: ${m}`), warning: (m) => lines.push(`warning: ${m}`), debug: (m) => lines.push(`debug: ${m}`) };

beforeEach(async () => {
  gh = await startGitHubStandin();
  client = createGitHubClient(standinContext(gh), { logger, throttle: { enabled: false }, retryBaseMs: 10, retries: 0 });
  lines = [];
});
afterEach(async () => {
  try {
    gh.assertNoViolations();
    expect(JSON.stringify([gh.state.pulls, lines, [...gh.state.git.objects.values()].filter((o) => o.kind === 'commit')])).not.toContain(gh.token);
  } finally {
    await gh.close();
  }
});

const notifier = (over: Partial<RevertPrOptions> = {}): RevertPrNotifier =>
  new RevertPrNotifier({ client, ctx: standinContext(gh), environment: 'production', logger, ...over });

const report = (good: string, bad: string, over: Partial<RolloutReport> = {}): RolloutReport =>
  sampleReport({ previous: { version: 'v1', commit: good }, release: { version: 'v2', commit: bad }, ...over });

const finished = (r: RolloutReport) => ({
  type: 'finished' as const,
  report: r,
  logUrl: 'https://github.com/acme/shop/actions/runs/42',
  deploymentUrl: 'https://github.com/acme/shop/deployments/1001'
});

/** A base history: the initial tree, then the last good commit. */
function seedBase(): { initial: string; good: string } {
  const [initial, good] = seedHistory(gh, [
    {
      message: 'initial',
      files: {
        'README.md': '# shop\n',
        'src/app.ts': 'export const a = 1;\nexport const b = 2;\n',
        'src/util.ts': 'export const u = 1;\n',
        'docs/guide.md': 'line 1\nline 2\nline 3\nline 4\n',
        'scripts/run.sh': { content: '#!/bin/sh\necho run\n', mode: '100755' },
        'old.txt': 'to be deleted\n'
      }
    },
    { message: 'v1: tidy', files: { 'src/util.ts': 'export const u = 2;\n' } }
  ]);
  return { initial, good };
}

/** Path → "mode type sha" of every file in a commit's tree, read through the API. */
async function treeOf(commitSha: string): Promise<Map<string, string>> {
  const { owner, repo } = gh;
  const commit = await client.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
  const tree = await client.rest.git.getTree({ owner, repo, tree_sha: commit.data.tree.sha, recursive: 'true' });
  return new Map(tree.data.tree.filter((e) => e.type !== 'tree').map((e) => [e.path, `${e.mode} ${e.type} ${e.sha}`]));
}

/** The revert branch's tip, read through the API. */
async function branchTip(branch: string): Promise<string> {
  return (await client.rest.git.getRef({ owner: gh.owner, repo: gh.repo, ref: `heads/${branch}` })).data.object.sha;
}

const branchFor = (good: string, bad: string, env = 'production'): string => `shipgate/revert-${env}-${good.slice(0, 7)}-${bad.slice(0, 7)}`;

test('clean revert when the branch tip is the failed commit: one PR whose tree is the good one', async () => {
  const { good } = seedBase();
  const [, bad] = seedHistory(gh, [
    { message: 'feat: faster app', files: { 'src/app.ts': 'export const a = 10;\nexport const b = 2;\n' } },
    { message: 'feat: new util', files: { 'src/util.ts': 'export const u = 3;\n' } }
  ]);
  const result = await notifier().notify(finished(report(good, bad, { incidentUrl: 'https://github.com/acme/shop/issues/7' })));

  expect(gh.state.pulls).toHaveLength(1);
  const pr = gh.state.pulls[0];
  expect(result).toEqual({ url: `https://github.com/acme/shop/pull/${pr.number}` });
  expect(pr).toMatchObject({ state: 'open', base: 'main', head: branchFor(good, bad), title: 'Revert v2 in production' });
  const tip = await branchTip(pr.head);
  const revert = gh.state.git.commit(tip)!;
  expect(revert.parents).toEqual([bad]);
  expect(revert.message.split('\n')[0]).toBe(`Revert v2 in production (${good.slice(0, 7)}..${bad.slice(0, 7)})`);
  expect(revert.message).toContain(`This reverts commits ${good}..${bad}:`);
  expect(revert.message).toContain('feat: faster app');
  expect(await treeOf(tip)).toEqual(await treeOf(good));
  expect(gh.state.git.readFile(tip, 'src/app.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
  // The body links the incident, the run log and the deployment, lists the commits and says how to proceed.
  expect(pr.body).toContain('- Incident: [incident issue](https://github.com/acme/shop/issues/7)');
  expect(pr.body).toContain('[run log](https://github.com/acme/shop/actions/runs/42)');
  expect(pr.body).toContain('[deployment 1001](https://github.com/acme/shop/deployments/1001)');
  expect(pr.body).toContain('- at 10 %, error-rate: canary error rate 30.0 % vs 0.9 % \\(tolerance 1 pt\\): log e-value 7.20 ≥ 4.60');
  expect(pr.body).toMatch(/`[0-9a-f]{7}` feat: faster app/);
  expect(pr.body).toContain('- src/app.ts: restored');
  expect(pr.body).toContain('#### How to proceed');
  expect(lines).toContain(`info: Revert pull request #${pr.number} opened: https://github.com/acme/shop/pull/${pr.number}`);
  // Labels: created with colours, put on the PR.
  expect(pr.labels).toEqual(['shipgate', 'revert']);
  expect(gh.state.labels.map((l) => [l.name, l.color])).toEqual([
    ['shipgate', '5319e7'],
    ['revert', 'b60205']
  ]);
});

test('the branch moved on with unrelated files: the revert applies on its tip and keeps them', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'export const a = 0;\nexport const b = 2;\n' } }]);
  const [later] = seedHistory(gh, [{ message: 'docs: readme', files: { 'README.md': '# shop\n\nmore\n', 'src/new-feature.ts': 'x\n' } }]);
  await notifier().notify(finished(report(good, bad)));

  expect(gh.state.pulls).toHaveLength(1);
  const tip = await branchTip(gh.state.pulls[0].head);
  expect(gh.state.git.commit(tip)!.parents).toEqual([later]);
  const tree = await treeOf(tip);
  const goodTree = await treeOf(good);
  const laterTree = await treeOf(later);
  expect(tree.get('src/app.ts')).toBe(goodTree.get('src/app.ts'));
  expect(tree.get('README.md')).toBe(laterTree.get('README.md'));
  expect(tree.get('src/new-feature.ts')).toBe(laterTree.get('src/new-feature.ts'));
  expect(gh.state.git.readFile(tip, 'README.md')).toBe('# shop\n\nmore\n');
  expect(gh.state.pulls[0].body).toContain('- Deployment: [deployment 1001]');
});

test('a reverted file changed again on the branch: no PR, one sentence naming it', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'export const a = 0;\nexport const b = 2;\n', 'src/util.ts': 'u\n' } }]);
  seedHistory(gh, [{ message: 'fix: app', files: { 'src/app.ts': 'export const a = 5;\nexport const b = 2;\n', 'README.md': 'r\n' } }]);
  const result = await notifier().notify(finished(report(good, bad)));

  expect(result).toBeUndefined();
  expect(gh.state.pulls).toHaveLength(0);
  expect(gh.count('POST /repos/{owner}/{repo}/git/refs')).toBe(0);
  expect(gh.count('POST /repos/{owner}/{repo}/git/commits')).toBe(0);
  expect(lines.filter((l) => l.startsWith('info:'))).toEqual([
    `info: No revert pull request for production: a file of ${good.slice(0, 7)}..${bad.slice(0, 7)} changed again on main since ${bad.slice(0, 7)} (src/app.ts), so the revert needs a merge by hand.`
  ]);
});

test('added, deleted, renamed and re-moded files are all restored to the good tree', async () => {
  const { good } = seedBase();
  const [, bad] = seedHistory(gh, [
    {
      message: 'feat: reshuffle',
      files: {
        'src/added.ts': 'export const added = true;\n',
        'old.txt': null,
        'docs/manual.md': { from: 'docs/guide.md', content: 'line 1\nline 2\nline 3\nline 4 changed\n' },
        'scripts/run.sh': { mode: '100644' }
      }
    },
    { message: 'feat: dir for util', files: { 'src/util.ts': null, 'src/util/index.ts': 'export const u = 9;\n' } }
  ]);
  const compare = await client.rest.repos.compareCommitsWithBasehead({ owner: gh.owner, repo: gh.repo, basehead: `${good}...${bad}` });
  expect(compare.data.files!.map((f) => [f.filename, f.status, f.previous_filename])).toEqual([
    ['docs/manual.md', 'renamed', 'docs/guide.md'],
    ['old.txt', 'removed', undefined],
    ['scripts/run.sh', 'changed', undefined],
    ['src/added.ts', 'added', undefined],
    ['src/util.ts', 'removed', undefined],
    ['src/util/index.ts', 'added', undefined]
  ]);
  await notifier().notify(finished(report(good, bad)));

  expect(gh.state.pulls).toHaveLength(1);
  const tip = await branchTip(gh.state.pulls[0].head);
  expect(await treeOf(tip)).toEqual(await treeOf(good));
  const body = gh.state.pulls[0].body;
  expect(body).toContain('- src/added.ts: deleted (added by v2)');
  expect(body).toContain('- old.txt: restored');
  expect(body).toContain('- docs/guide.md: restored (v2 renamed it to docs/manual.md)');
  expect(body).toContain('- docs/manual.md: deleted (added by v2)');
  expect(body).toContain('- scripts/run.sh: restored');
  expect(body).toContain('#### Files (7)');
});

test('a second rollback of the same range updates the PR (force-pushing the branch) instead of opening another', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const first = await notifier().notify(finished(report(good, bad)));
  const firstTip = await branchTip(branchFor(good, bad));
  // The branch moves on; a new run (a new notifier) rolls the same range back again.
  const [later] = seedHistory(gh, [{ message: 'chore: unrelated', files: { 'README.md': 'changed\n' } }]);
  const second = await notifier().notify(finished(report(good, bad, { deploymentId: '2002', reason: 'second time' })));

  expect(second).toEqual(first);
  expect(gh.state.pulls).toHaveLength(1);
  expect(gh.count('POST /repos/{owner}/{repo}/pulls')).toBe(1);
  expect(gh.count('PATCH /repos/{owner}/{repo}/pulls/{pull_number}')).toBe(1);
  expect(gh.count('PATCH /repos/{owner}/{repo}/git/refs/{ref}')).toBe(1);
  expect((gh.log.find((l) => l.route === 'PATCH /repos/{owner}/{repo}/git/refs/{ref}')!.body as { force: boolean }).force).toBe(true);
  const tip = await branchTip(branchFor(good, bad));
  expect(tip).not.toBe(firstTip);
  expect(gh.state.git.commit(tip)!.parents).toEqual([later]);
  expect(gh.state.pulls[0].body).toContain('second time');
  expect(gh.state.pulls[0].labels).toEqual(['shipgate', 'revert']);
  expect(lines.at(-1)).toBe(`info: Revert pull request #${gh.state.pulls[0].number} updated: ${first!.url}`);
});

test('a later rollback from the same good version (a failed fix-forward) closes the revert PR it contains', async () => {
  const { good } = seedBase();
  const [bad1] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const first = await notifier().notify(finished(report(good, bad1)));
  // An open revert PR of another environment is left alone.
  const other = await notifier({ environment: 'staging' }).notify(finished(report(good, bad1, { environment: 'staging' })));
  const [bad2] = seedHistory(gh, [{ message: 'fix: try again', files: { 'src/app.ts': 'still broken\n', 'src/new.ts': 'x\n' } }]);
  const second = await notifier().notify(finished(report(good, bad2, { release: { version: 'v3', commit: bad2 } })));

  expect(second!.url).not.toBe(first!.url);
  const byUrl = (url: string) => gh.state.pulls.find((p) => url.endsWith(`/pull/${p.number}`))!;
  expect(byUrl(first!.url!).state).toBe('closed');
  expect(byUrl(first!.url!).comments.at(-1)?.body).toBe(
    `Superseded by #${byUrl(second!.url!).number}, which reverts ${good.slice(0, 7)}..${bad2.slice(0, 7)}: this range and the commits after it, up to the version rolled back now.`
  );
  expect(byUrl(second!.url!).state).toBe('open');
  expect(byUrl(other!.url!).state).toBe('open');
  // The new revert undoes both failed commits: its tree is the good one.
  expect(await treeOf(await branchTip(branchFor(good, bad2)))).toEqual(await treeOf(good));
});

test('a later rollback from another good version leaves the earlier revert PR open', async () => {
  const { good } = seedBase();
  const [bad1] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const first = await notifier().notify(finished(report(good, bad1)));
  const [good2, bad2] = seedHistory(gh, [
    { message: 'revert by hand', files: { 'src/app.ts': 'export const a = 1;\nexport const b = 2;\n' } },
    { message: 'feat: other', files: { 'docs/guide.md': 'new\n' } }
  ]);
  await notifier().notify(finished(report(good2, bad2)));
  expect(gh.state.pulls.find((p) => first!.url!.endsWith(`/pull/${p.number}`))!.state).toBe('open');
  expect(gh.state.pulls.filter((p) => p.state === 'open')).toHaveLength(2);
});

test('custom labels; the incident issue is found when the report has no URL', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const incident = await client.rest.issues.create({ owner: gh.owner, repo: gh.repo, title: 'Incident', labels: ['incident', 'env:production'] });
  await notifier({ labels: ['rollback', 'needs-review'] }).notify(finished(report(good, bad)));
  const pr = gh.state.pulls[0];
  expect(pr.labels).toEqual(['rollback', 'needs-review']);
  expect(pr.body).toContain(`- Incident: [incident issue](${incident.data.html_url})`);
  // Issues and pull requests share numbers; the issue list shows the PR as one, the incident lookup skips it.
  expect(pr.number).toBe(incident.data.number + 1);
  const listed = await client.rest.issues.listForRepo({ owner: gh.owner, repo: gh.repo, state: 'open' });
  expect(listed.data.map((i) => [i.number, Boolean(i.pull_request)])).toEqual([
    [pr.number, true],
    [incident.data.number, false]
  ]);
});

test('a pull request list that lags behind never leads to a second PR', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  // The same notifier remembers the PR it opened while the list does not show it yet.
  gh.inject({ kind: 'lag', reads: 1 });
  const n = notifier();
  await n.notify(finished(report(good, bad)));
  await n.notify(finished(report(good, bad, { reason: 'again' })));
  expect(gh.state.pulls).toHaveLength(1);
  expect(gh.state.pulls[0].body).toContain('again');
  // Another run's notifier: its first list misses the PR, GitHub refuses a second one (422), the next list finds it.
  gh.state.pulls[0].hiddenReads = 1;
  await notifier().notify(finished(report(good, bad, { reason: 'third' })));
  expect(gh.state.pulls).toHaveLength(1);
  expect(gh.count('POST /repos/{owner}/{repo}/pulls')).toBe(2);
  expect(gh.log.filter((l) => l.route === 'POST /repos/{owner}/{repo}/pulls').map((l) => l.status)).toEqual([201, 422]);
  expect(gh.state.pulls[0].body).toContain('third');
});

test('a 403 gives one sentence naming contents: write and pull-requests: write', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  gh.inject({ kind: 'forbidden', route: 'POST /repos/{owner}/{repo}/git/refs' });
  const err = await notifier()
    .notify(finished(report(good, bad)))
    .then(
      () => null,
      (e: Error) => e
    );
  expect(err?.message).toBe(
    `GitHub refused to push the branch ${branchFor(good, bad)} (403): the workflow needs \`permissions: contents: write\` and \`pull-requests: write\`.`
  );
  gh.inject({ kind: 'forbidden', route: 'POST /repos/{owner}/{repo}/git/trees' });
  await expect(notifier().notify(finished(report(good, bad)))).rejects.toThrow(
    'GitHub refused to write the reverted tree for the revert pull request (403): the workflow needs `permissions: contents: write` and `pull-requests: write`.'
  );
  // The repository setting that stops GITHUB_TOKEN from opening pull requests.
  gh.inject({
    kind: 'status',
    route: 'POST /repos/{owner}/{repo}/pulls',
    status: 403,
    message: 'GitHub Actions is not permitted to create or approve pull requests.'
  });
  await expect(notifier().notify(finished(report(good, bad)))).rejects.toThrow(/Allow GitHub Actions to create and approve pull requests/);
  expect(gh.state.pulls).toHaveLength(0);
});

test('Markdown in the reason, the version and commit subjects is escaped; mentions and issue references are inert', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: [click](javascript:alert(1)) @team fixes #12 <img src=x>', files: { 'src/app.ts': 'broken\n' } }]);
  const evil = sampleReport({
    previous: { version: 'v1', commit: good },
    release: { version: 'v2](https://evil.test) @everyone', commit: bad },
    reason: '<script>alert(1)</script> [x](https://evil.test) @org/team ::error::boom\n# heading',
    incidentUrl: 'javascript:alert(1)'
  });
  await notifier().notify({ type: 'finished', report: evil, logUrl: 'https://github.com/acme/shop/actions/runs/42 "x")', deploymentUrl: 'nope' });
  const pr = gh.state.pulls[0];
  expect(pr.body).not.toMatch(/\]\(https:\/\/evil/);
  // Every < [ ] ( ) from the report or a commit subject is escaped; the only raw ones are Shipgate's own links.
  expect(pr.body).not.toMatch(/(?<!\\)</);
  expect(pr.body.match(/(?<!\\)\[/g)).toEqual(['[']);
  expect(pr.body.match(/(?<!\\)\]\(/g)).toEqual(['](']);
  expect(pr.body).toContain('fixes \\#\u200b12 \\<img src=x\\>');
  expect(pr.body).not.toMatch(/@(everyone|team|org)/);
  expect(pr.body).not.toMatch(/\]\(javascript:/);
  expect(pr.body).not.toMatch(/^# heading/m);
  expect(pr.body).toContain('**Why:** \\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(https://evil.test\\) @\u200borg/team : :error: :boom ⏎ \\# heading');
  expect(pr.body).toContain('[run log](https://github.com/acme/shop/actions/runs/42%20%22x%22%29)');
  expect(pr.body).not.toContain('- Incident:');
  expect(pr.body).toContain('- Deployment: 1001');
  expect(pr.title).toBe('Revert v2](https://evil.test) @\u200beveryone in production');
  const message = gh.state.git.commit(await branchTip(pr.head))!.message;
  expect(message).toContain('@\u200bteam fixes #\u200b12');
  expect(message).not.toContain('::error::boom\n');
});

test('no PR without both commits, without an automatic rollback, or for the same commit: one info sentence each', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const n = notifier();
  await n.notify(finished(report(good, bad, { previous: { version: 'v1' } })));
  await n.notify(finished(report(good, bad, { previous: null })));
  await n.notify(finished(report(good, bad, { release: { version: 'v2' } })));
  await n.notify(finished(report(good, bad, { result: 'promoted' })));
  await n.notify(finished(report(good, bad, { steps: [] })));
  await n.notify(finished(report(good, good)));
  await n.notify(finished(report('not a sha', bad)));
  await n.notify(finished(report(good, bad, { environment: 'staging' })));
  await n.notify({ type: 'started', environment: 'production', version: 'v2', deploymentId: '1' });
  expect(lines).toEqual([
    'info: No revert pull request for production: no commit recorded for the last good version.',
    'info: No revert pull request for production: no commit recorded for the last good version.',
    'info: No revert pull request for production: no commit recorded for v2.',
    'info: No revert pull request for production: v2 ended promoted, not rolled back.',
    'info: No revert pull request for production: the rollback of v2 was not decided by the canary analysis (no failing verdict).',
    'info: No revert pull request for production: v2 was built from the same commit as the last good version.',
    'info: No revert pull request for production: the recorded commits are not commit SHAs.'
  ]);
  expect(gh.log).toHaveLength(0);
});

test('ranges that cannot be reverted: not an ancestor, unrelated, not on the branch, already reverted, nothing differs', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  const git = gh.state.git;
  const n = notifier();
  const s7 = (sha: string): string => sha.slice(0, 7);
  const no = (why: string): string => `info: No revert pull request for production: ${why}`;

  await n.notify(finished(report(bad, good)));
  expect(lines.at(-1)).toBe(
    no(`${s7(bad)} is not an ancestor of ${s7(good)} (the history between them is behind), so there is no range of commits to revert.`)
  );

  const [unrelated] = seedHistory(gh, [{ message: 'orphan', files: { 'README.md': 'orphan\n' } }], 'orphan');
  await n.notify(finished(report(good, unrelated)));
  expect(lines.at(-1)).toBe(no(`GitHub knows no common history of ${s7(good)} and ${s7(unrelated)} in acme/shop (compare answered 404).`));

  // Deployed from a hotfix branch that main never got.
  git.refs.set('refs/heads/hotfix', good);
  const [hotfix] = seedHistory(gh, [{ message: 'hotfix', files: { 'src/app.ts': 'hotfix\n' } }], 'hotfix');
  await n.notify(finished(report(good, hotfix)));
  expect(lines.at(-1)).toBe(
    no(`the failed commit ${s7(hotfix)} is not in the history of main (compare says diverged), so reverting it there would revert something else.`)
  );

  // Reverted by hand on main already.
  seedHistory(gh, [{ message: 'Revert by hand', files: { 'src/app.ts': 'export const a = 1;\nexport const b = 2;\n' } }]);
  await n.notify(finished(report(good, bad)));
  expect(lines.at(-1)).toBe(no(`main already has every file of ${s7(good)}..${s7(bad)} as it was at ${s7(good)} (already reverted).`));

  // A change and its undo: the range changes no file.
  const [tip, , undone] = [
    git.refs.get('refs/heads/main')!,
    ...seedHistory(gh, [
      { message: 'try', files: { 'README.md': 'try\n' } },
      { message: 'undo', files: { 'README.md': '# shop\n' } }
    ])
  ];
  await n.notify(finished(report(tip, undone)));
  expect(lines.at(-1)).toBe(no(`no file differs between ${s7(tip)} and ${s7(undone)}, so there is nothing to revert.`));
  expect(gh.state.pulls).toHaveLength(0);
  expect(gh.count('POST /repos/{owner}/{repo}/git/commits')).toBe(0);
});

test('300 files or more in the range: no PR; a truncated recursive tree is walked instead; odd environment names make valid branches', async () => {
  const { good } = seedBase();
  const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`gen/f${i}.txt`, `${i}\n`]));
  const [big] = seedHistory(gh, [{ message: 'generate', files: many }]);
  await notifier().notify(finished(report(good, big)));
  expect(lines.at(-1)).toBe(
    `info: No revert pull request for production: ${good.slice(0, 7)}..${big.slice(0, 7)} changes 300 files or more, more than GitHub's compare can list, so Shipgate cannot be sure to revert all of them.`
  );

  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n', 'docs/guide.md': 'gone\n' } }]);
  gh.state.git.recursiveTreeLimit = 3;
  const env = 'prod eu/1..x';
  await notifier({ environment: env }).notify(finished(report(big, bad, { environment: env })));
  const pr = gh.state.pulls[0];
  expect(refComponent(env)).toMatch(/^prod-eu-1.x-[0-9a-f]{6}$/);
  expect(refComponent('production')).toBe('production');
  expect(pr.head).toBe(`shipgate/revert-${refComponent(env)}-${big.slice(0, 7)}-${bad.slice(0, 7)}`);
  expect(pr.title).toBe('Revert v2 in prod eu/1..x');
  // Three recursive listings (good, bad, tip), all cut short, then one listing per directory walked.
  expect(gh.count('GET /repos/{owner}/{repo}/git/trees/{tree_sha}')).toBeGreaterThan(3);
  gh.state.git.recursiveTreeLimit = 100_000;
  expect(await treeOf(await branchTip(pr.head))).toEqual(await treeOf(big));
});

test('plainText keeps commit messages and titles to one inert line', () => {
  expect(plainText('a\nb\u0007 @x #3 GH-4', 100)).toBe('a b @\u200bx #\u200b3 GH\u200b-4');
});

test('the base option picks the branch; a missing branch is a sentence', async () => {
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat: break app', files: { 'src/app.ts': 'broken\n' } }]);
  await expect(notifier({ base: 'no-such-branch' }).notify(finished(report(good, bad)))).rejects.toThrow(
    'GitHub could not read the branch no-such-branch for the revert pull request (404): the repository, branch or commit was not found, or the token cannot see it (the workflow needs `permissions: contents: write` and `pull-requests: write`).'
  );
  gh.state.git.refs.set('refs/heads/release', bad);
  await notifier({ base: 'release' }).notify(finished(report(good, bad)));
  expect(gh.state.pulls[0].base).toBe('release');
  expect(gh.count('GET /repos/{owner}/{repo}')).toBe(0);
});

test('stand-in Git model: Git hashes, refs, trees, compare and routing behave as on GitHub', async () => {
  const { owner, repo } = gh;
  const git = gh.state.git;
  expect(git.writeBlob('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  expect(git.writeTree([])).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
  const { good } = seedBase();
  const [bad] = seedHistory(gh, [{ message: 'feat', files: { 'src/app.ts': 'x\n' } }]);
  const goodTree = git.commit(good)!.tree;
  // Deleting a path the base tree lacks, and a ref that exists, are refused; a non-fast-forward needs force.
  await expect(
    client.rest.git.createTree({ owner, repo, base_tree: goodTree, tree: [{ path: 'nope.txt', mode: '100644', type: 'blob', sha: null }] })
  ).rejects.toMatchObject({
    status: 422
  });
  await expect(client.rest.git.createRef({ owner, repo, ref: 'refs/heads/main', sha: good })).rejects.toMatchObject({ status: 422 });
  await expect(client.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: good })).rejects.toMatchObject({ status: 422 });
  expect((await client.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: good, force: true })).data.object.sha).toBe(good);
  // Diverged history: main moves on from good while "side" keeps bad.
  git.refs.set('refs/heads/side', bad);
  const [onMain] = seedHistory(gh, [{ message: 'main work', files: { 'README.md': 'main\n' } }]);
  const cmp = await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: 'side...main' });
  expect(cmp.data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1 });
  expect(cmp.data.commits.map((c) => c.sha)).toEqual([onMain]);
  // /commits/{ref} (multi-segment ref) does not swallow /commits/{ref}/status.
  const commit = await client.rest.repos.getCommit({ owner, repo, ref: onMain });
  expect(commit.data.files!.map((f) => [f.filename, f.status])).toEqual([['README.md', 'modified']]);
  await client.rest.repos.getCombinedStatusForRef({ owner, repo, ref: onMain });
  expect(gh.count('GET /repos/{owner}/{repo}/commits/{ref}/status')).toBe(1);
  // A head filter without "owner:" is ignored by GitHub's pull list.
  await client.rest.pulls.create({ owner, repo, head: 'side', base: 'main', title: 'side' });
  expect((await client.rest.pulls.list({ owner, repo, head: 'nope' })).data).toHaveLength(1);
  expect((await client.rest.pulls.list({ owner, repo, head: `${owner}:nope` })).data).toHaveLength(0);
  await expect(client.rest.pulls.create({ owner, repo, head: 'side', base: 'main', title: 'again' })).rejects.toMatchObject({ status: 422 });
  const blob = await client.rest.git.getBlob({ owner, repo, file_sha: git.writeBlob('hello\n') });
  expect(Buffer.from(blob.data.content, 'base64').toString()).toBe('hello\n');
});
