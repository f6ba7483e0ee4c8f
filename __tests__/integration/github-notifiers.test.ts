import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubStandin, type GitHubStandin } from '../helpers/github-standin/index.js';
import { sampleReport, standinContext } from '../helpers/github-standin/fixtures.js';
import { createGitHubClient } from '../../shared/github/client.js';
import { readGitHubContext } from '../../shared/github/context.js';
import { CommitStatusNotifier } from '../../shared/notifiers/commit-status.js';
import { CheckRunNotifier } from '../../shared/notifiers/check-run.js';
import { IncidentIssueNotifier } from '../../shared/notifiers/incident-issue.js';
import { WebhookNotifier } from '../../shared/notifiers/webhook.js';
import type { Logger } from '../../shared/util/log.js';

let gh: GitHubStandin;
const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(m), debug: (m) => lines.push(m) };
beforeAll(async () => {
  gh = await startGitHubStandin();
});
afterEach(() => {
  gh.clearFaults();
  gh.assertNoViolations();
});
afterAll(async () => {
  await gh.close();
});
const clientFor = (ctx: ReturnType<typeof standinContext>) => createGitHubClient(ctx, { logger, throttle: { enabled: false }, retryBaseMs: 10 });

test('commit status goes on the PR head sha for a pull_request event', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-event-'));
  try {
    const head = '1234567890abcdef1234567890abcdef12345678';
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { head: { sha: head } } }));
    const ctx = readGitHubContext(
      {
        GITHUB_API_URL: gh.url,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '7',
        GITHUB_RUN_ATTEMPT: '2'
      },
      gh.token
    )!;
    expect(ctx.statusSha).toBe(head);
    expect(ctx.runUrl).toBe('https://github.com/acme/shop/actions/runs/7/attempts/2');
    const n = new CommitStatusNotifier({ client: clientFor(ctx), ctx, logger });
    await n.notify({ type: 'started', environment: 'production', version: 'v2', deploymentId: '1' });
    await n.notify({ type: 'finished', report: sampleReport() });
    const mine = gh.state.commitStatuses.filter((s) => s.sha === head);
    expect(mine.map((s) => [s.context, s.state])).toEqual([
      ['shipgate/production', 'pending'],
      ['shipgate/production', 'failure']
    ]);
    expect(mine[1].description).toBe('v2 rolled back at 10 %: canary error rate 30.0 % vs 0.9 % (tolerance 1 pt)');
    expect(mine[1].target_url).toBe(ctx.runUrl);
    expect(gh.state.commitStatuses.some((s) => s.sha === 'f'.repeat(40))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check run goes in progress, then completes with the rendered Markdown clipped to 65,535', async () => {
  const ctx = standinContext(gh);
  const n = new CheckRunNotifier({ client: clientFor(ctx), ctx, name: 'shipgate/production', logger, renderMarkdown: () => `# Report\n${'x'.repeat(70_000)}` });
  await n.notify({ type: 'started', environment: 'production', version: 'v2', deploymentId: '1' });
  await n.notify({ type: 'finished', report: sampleReport() });
  const run = gh.state.checkRuns.at(-1)!;
  expect(run).toMatchObject({ name: 'shipgate/production', head_sha: ctx.statusSha, status: 'completed', conclusion: 'failure' });
  expect(run.output.text!.length).toBeLessThanOrEqual(65_535);
  expect(run.output.text!.startsWith('# Report')).toBe(true);
});

test('incident: opened once, updated on the second rollback, closed on promotion', async () => {
  const [c1, , , c4] = gh.state.seedCommits(4, 'feat: `evil` @team <b>');
  const ctx = standinContext(gh);
  const n = new IncidentIssueNotifier({ client: clientFor(ctx), ctx, environment: 'production', mention: ['@octocat', '@acme/oncall'], logger });
  const report = sampleReport({ previous: { version: 'v1', commit: c1 }, release: { version: 'v2', commit: c4 } });
  const first = await n.notify({ type: 'finished', report, logUrl: ctx.runUrl, deploymentUrl: 'https://github.com/acme/shop/deployments' });
  expect(first?.url).toMatch(/\/issues\/1$/);
  const second = await n.notify({ type: 'finished', report: { ...report, release: { version: 'v3', commit: c4 } } });
  expect(second?.url).toBe(first?.url);
  const open = gh.state.openIssues(['incident', 'env:production']);
  expect(open).toHaveLength(1);
  const issue = open[0];
  expect(issue.comments).toHaveLength(1);
  expect(gh.state.labels.map((l) => l.name).sort()).toEqual(['env:production', 'incident']);
  // Evidence, escaped samples, commit range, mentions.
  expect(issue.body).toContain('| 10 % | error-rate | fail | 30.00 % | 0.90 % | 1.00 pt | 7.200 | 4.600 |');
  expect(issue.body).toContain('500 <script>alert(1)</script> @\u200beveryone : :error: :boom ˋxˋ');
  expect(issue.body).not.toContain('::error::');
  expect(issue.body).toContain(`\`${c4.slice(0, 7)}\` feat: \\\`evil\\\` @\u200bteam \\<b\\> 4`);
  expect(issue.body).toContain('cc @octocat @acme/oncall');
  expect(issue.body).toContain(ctx.runUrl!);

  await n.notify({ type: 'finished', report: sampleReport({ result: 'promoted', deploymentId: '2002', release: { version: 'v4', commit: c4 } }) });
  expect(gh.state.openIssues(['incident', 'env:production'])).toHaveLength(0);
  expect(issue.state).toBe('closed');
  expect(issue.comments.at(-1)!.body).toMatch(/^Resolved by v4, deployment 2002/);
});

test('incident: a 403 on issues names the issues permission', async () => {
  const ctx = standinContext(gh);
  const n = new IncidentIssueNotifier({ client: clientFor(ctx), ctx, environment: 'staging', logger });
  gh.inject({ kind: 'forbidden', route: 'GET /repos/{owner}/{repo}/issues' });
  await expect(n.notify({ type: 'finished', report: sampleReport({ environment: 'staging' }) })).rejects.toThrow('`permissions: issues: write`');
});

test('incident: malformed mentions are refused', () => {
  const ctx = standinContext(gh);
  expect(() => new IncidentIssueNotifier({ client: clientFor(ctx), ctx, environment: 'x', mention: ['octocat; rm -rf'], logger })).toThrow(/GitHub handle/);
});

test('webhook posts a Slack-compatible body and never logs its URL', async () => {
  const got: { body: string; type?: string }[] = [];
  let status = 200;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString(), type: req.headers['content-type'] });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const secret = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/s3cr3t-token`;
    const logs: string[] = [];
    const wl: Logger = { info: (m) => logs.push(m), warning: (m) => logs.push(m), debug: (m) => logs.push(m) };
    const n = new WebhookNotifier({ url: secret, logger: wl });
    await n.notify({ type: 'started', environment: 'production', version: 'v2', deploymentId: '1' });
    await n.notify({ type: 'finished', report: sampleReport(), logUrl: 'https://github.com/acme/shop/actions/runs/42' });
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body) as { text: string; blocks: unknown[] };
    expect(got[0].type).toBe('application/json');
    expect(body.text).toContain('v2 rolled back at 10 %');
    expect(Array.isArray(body.blocks)).toBe(true);
    status = 500;
    await n.notify({ type: 'finished', report: sampleReport() });
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await n.notify({ type: 'finished', report: sampleReport() }); // nothing listens now
    expect(logs.length).toBeGreaterThanOrEqual(2);
    expect(logs.join('\n')).not.toContain('s3cr3t');
    expect(logs.join('\n')).not.toContain('/services/');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('incident: a lagging issue list does not open a duplicate; an unknown previous commit skips the commit range', async () => {
  const ctx = standinContext(gh);
  const n = new IncidentIssueNotifier({ client: clientFor(ctx), ctx, environment: 'lagged', logger });
  const report = sampleReport({ environment: 'lagged', previous: { version: 'v1', commit: '0'.repeat(40) } });
  gh.inject({ kind: 'lag', reads: 5 });
  const first = await n.notify({ type: 'finished', report });
  const second = await n.notify({ type: 'finished', report: { ...report, release: { version: 'v3', commit: 'b'.repeat(40) } } });
  expect(second?.url).toBe(first?.url);
  const mine = gh.state.issues.filter((i) => i.labels.includes('env:lagged'));
  expect(mine).toHaveLength(1);
  expect(mine[0].comments).toHaveLength(1);
  expect(mine[0].body).not.toContain('#### Commits');
  expect(gh.log.some((e) => e.route === 'GET /repos/{owner}/{repo}/compare/{basehead}' && e.status === 404)).toBe(true);
  // Promotion closes it even while the list still hides it.
  await n.notify({ type: 'finished', report: sampleReport({ environment: 'lagged', result: 'promoted', release: { version: 'v4', commit: 'b'.repeat(40) } }) });
  expect(mine[0].state).toBe('closed');
});

test('webhook: a server that never answers times out as a warning, URL not logged', async () => {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const logs: string[] = [];
    const wl: Logger = { info: (m) => logs.push(m), warning: (m) => logs.push(`warning: ${m}`), debug: (m) => logs.push(m) };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/s3cr3t`;
    await new WebhookNotifier({ url, logger: wl, timeoutMs: 200 }).notify({ type: 'finished', report: sampleReport() });
    expect(held).toHaveLength(1);
    expect(logs).toEqual(['warning: The webhook notification was not delivered: no answer within 200 ms.']);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('incident: a long commit range lists the first page and says how many more', async () => {
  const [base] = gh.state.seedCommits(1, 'base');
  const shas = gh.state.seedCommits(60, 'change');
  const ctx = standinContext(gh);
  const n = new IncidentIssueNotifier({ client: clientFor(ctx), ctx, environment: 'long-range', logger });
  await n.notify({
    type: 'finished',
    report: sampleReport({ environment: 'long-range', previous: { version: 'v1', commit: base }, release: { version: 'v2', commit: shas.at(-1)! } })
  });
  const issue = gh.state.openIssues(['incident', 'env:long-range'])[0];
  expect(issue.body.match(/^- `[0-9a-f]{7}` /gm)).toHaveLength(50);
  expect(issue.body).toContain('- … and 10 more');
});
