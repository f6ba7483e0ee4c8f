// Lead times through the git-log adapter over a real repository whose commits carry fixed dates.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { doraReport } from '../../shared/dora/index.js';
import { GitLogCommitTimes } from '../../shared/dora/git-log.js';
import type { DeploymentRecord } from '../../shared/ports/ledger.js';
import { FakeLedger } from '../unit/dora/fixture.js';

let dir: string;
const sha: Record<string, string> = {};

function git(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      ...env
    }
  }).trim();
}

/** A commit written on `authored` and committed (landed) on `committed`. */
function commit(name: string, authored: string, committed = authored): void {
  writeFileSync(path.join(dir, 'file.txt'), `${name}\n`);
  git(['add', 'file.txt']);
  git(['commit', '-q', '-m', name], { GIT_AUTHOR_DATE: authored, GIT_COMMITTER_DATE: committed });
  sha[name] = git(['rev-parse', 'HEAD']);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shipgate-dora-git-'));
  git(['init', '-q', '-b', 'main']);
  commit('a', '2026-08-01T08:00:00Z');
  commit('b', '2026-08-02T08:00:00Z');
  // Written a week earlier, rebased onto main on 3 August: the committer date is what landed.
  commit('c', '2026-07-27T08:00:00Z', '2026-08-03T08:00:00+02:00');
  commit('d', '2026-08-04T08:00:00Z');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rollout(id: string, version: string, commitName: string, createdAt: string): DeploymentRecord {
  return {
    id,
    environment: 'production',
    release: { version, commit: sha[commitName] },
    state: 'inactive',
    kind: 'rollout',
    createdAt,
    updatedAt: createdAt
  };
}

describe('git-log commit times', () => {
  test('a range and a single commit, with committer and author dates', async () => {
    const times = new GitLogCommitTimes({ cwd: dir });
    const range = await times.range(sha.d, sha.a);
    expect(range.map((c) => [c.sha, c.committedAt, c.authoredAt])).toEqual([
      [sha.d, '2026-08-04T08:00:00.000Z', '2026-08-04T08:00:00.000Z'],
      [sha.c, '2026-08-03T06:00:00.000Z', '2026-07-27T08:00:00.000Z'],
      [sha.b, '2026-08-02T08:00:00.000Z', '2026-08-02T08:00:00.000Z']
    ]);
    expect((await times.range(sha.a)).map((c) => c.sha)).toEqual([sha.a]);
  });

  test('lead times of a report through git log', async () => {
    // 1: a (first deployment) at 1 Aug 10:00 → 2 h.
    // 2: b, c at 4 Aug 10:00 → b 2 d 2 h = 50 h; c landed 3 Aug 06:00 UTC → 28 h.
    // 3: d at 4 Aug 12:00 → 4 h.
    // Sorted 2, 4, 28, 50 h: median #ceil(2) = #2 = 4 h; p90 #ceil(3.6) = #4 = 50 h.
    const H = 3_600_000;
    const ledger = new FakeLedger([
      rollout('1', 'v1', 'a', '2026-08-01T10:00:00Z'),
      rollout('2', 'v2', 'c', '2026-08-04T10:00:00Z'),
      { ...rollout('3', 'v3', 'd', '2026-08-04T12:00:00Z'), state: 'success' }
    ]);
    const r = await doraReport({
      ledger,
      commits: new GitLogCommitTimes({ cwd: dir }),
      environment: 'production',
      since: '2026-08-01',
      now: new Date('2026-08-08T00:00:00Z')
    });
    expect(r.leadTime).toMatchObject({ deployments: 3, commits: 4, medianMs: 4 * H, p90Ms: 50 * H, band: 'elite' });
    expect(r.deployments.map((d) => d.commits)).toEqual([1, 2, 1]);
  });

  test('clear sentences: unknown commit, not a repository, not a SHA', async () => {
    const times = new GitLogCommitTimes({ cwd: dir });
    await expect(times.range('0123456789abcdef0123456789abcdef01234567', sha.a)).rejects.toThrow(
      `The commit 0123456789abcdef0123456789abcdef01234567 is not in the git repository at ${dir}: check out the full history (actions/checkout with fetch-depth: 0), or the commit was removed by a force push.`
    );
    await expect(times.range('--output=/tmp/x')).rejects.toThrow('The commit "--output=/tmp/x" is not a commit SHA (hexadecimal), so git log cannot read it.');
    const empty = mkdtempSync(path.join(os.tmpdir(), 'shipgate-dora-nogit-'));
    try {
      await expect(new GitLogCommitTimes({ cwd: empty }).range(sha.a)).rejects.toThrow(`${empty} is not a git repository`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    await expect(new GitLogCommitTimes({ cwd: path.join(dir, 'missing') }).range(sha.a)).rejects.toThrow('the directory does not exist');
    await expect(new GitLogCommitTimes({ cwd: dir, git: 'no-such-git-binary' }).range(sha.a)).rejects.toThrow('no-such-git-binary was not found');
  });
});
