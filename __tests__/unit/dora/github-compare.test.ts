// The adapter over a stand-in for the two Octokit calls it makes (no network at all).
import { describe, expect, test } from '@jest/globals';
import { GitHubCompareCommitTimes } from '../../../shared/dora/github-compare.js';
import type { GitHubClient } from '../../../shared/github/client.js';

type Params = Record<string, unknown>;
const commit = (i: number) => ({
  sha: `a${String(i).padStart(3, '0')}`,
  commit: { committer: { date: `2026-08-01T${String(i % 24).padStart(2, '0')}:00:00Z` }, author: { date: '2026-07-01T00:00:00Z' } }
});

function fakeClient(total: number, fail?: { status: number; message: string }): { client: GitHubClient; calls: [string, Params][] } {
  const calls: [string, Params][] = [];
  const client = {
    rest: {
      repos: {
        compareCommitsWithBasehead: (p: Params) => {
          calls.push(['compare', p]);
          if (fail) return Promise.reject(Object.assign(new Error(fail.message), { status: fail.status }));
          const page = Number(p.page);
          const per = Number(p.per_page);
          const all = Array.from({ length: total }, (_, i) => commit(i + 1));
          return Promise.resolve({ data: { total_commits: total, commits: all.slice((page - 1) * per, page * per) } });
        },
        getCommit: (p: Params) => {
          calls.push(['get', p]);
          if (fail) return Promise.reject(Object.assign(new Error(fail.message), { status: fail.status }));
          return Promise.resolve({
            data: { sha: 'abc1', commit: { committer: { date: '2026-08-02T10:00:00+02:00' }, author: { date: '2026-08-01T10:00:00Z' } } }
          });
        }
      }
    }
  };
  return { client: client as unknown as GitHubClient, calls };
}

describe('GitHubCompareCommitTimes', () => {
  test('pages through a compare (100 a page) and reads committer dates', async () => {
    const { client, calls } = fakeClient(230);
    const times = await new GitHubCompareCommitTimes({ client, owner: 'acme', repo: 'shop' }).range('beef02', 'beef01');
    expect(times).toHaveLength(230);
    expect(times[0]).toEqual({ sha: 'a001', committedAt: '2026-08-01T01:00:00.000Z', authoredAt: '2026-07-01T00:00:00.000Z' });
    expect(calls.map(([, p]) => [p.basehead, p.page, p.per_page])).toEqual([
      ['beef01...beef02', 1, 100],
      ['beef01...beef02', 2, 100],
      ['beef01...beef02', 3, 100]
    ]);
  });

  test('stops at maxCommits', async () => {
    const { client, calls } = fakeClient(500);
    const times = await new GitHubCompareCommitTimes({ client, owner: 'acme', repo: 'shop', maxCommits: 150 }).range('beef02', 'beef01');
    expect([times.length, calls.length]).toEqual([150, 2]);
  });

  test('a first deployment: the commit alone', async () => {
    const { client, calls } = fakeClient(0);
    expect(await new GitHubCompareCommitTimes({ client, owner: 'acme', repo: 'shop' }).range('abc1')).toEqual([
      { sha: 'abc1', committedAt: '2026-08-02T08:00:00.000Z', authoredAt: '2026-08-01T10:00:00.000Z' }
    ]);
    expect(calls).toEqual([['get', { owner: 'acme', repo: 'shop', ref: 'abc1', per_page: 1 }]]);
  });

  test('404 and 403 are explained, with the permission to grant', async () => {
    const notFound = new GitHubCompareCommitTimes({ client: fakeClient(0, { status: 404, message: 'Not Found' }).client, owner: 'acme', repo: 'shop' });
    await expect(notFound.range('beef02', 'beef01')).rejects.toThrow(
      'GitHub could not compare beef01...beef02 in acme/shop (404): the repository or resource was not found, or the token cannot see it (the workflow needs `permissions: contents: read`); a commit that was never pushed or was force-pushed away also answers so.'
    );
    const forbidden = new GitHubCompareCommitTimes({
      client: fakeClient(0, { status: 403, message: 'Resource not accessible' }).client,
      owner: 'acme',
      repo: 'shop'
    });
    await expect(forbidden.range('beef02')).rejects.toThrow(
      'GitHub refused to read the commit beef02 of acme/shop (403): the workflow needs `permissions: contents: read`.'
    );
  });

  test('a commit that is not a SHA is refused before any request', async () => {
    const { client, calls } = fakeClient(1);
    await expect(new GitHubCompareCommitTimes({ client, owner: 'acme', repo: 'shop' }).range('main', '--x')).rejects.toThrow(
      'The commit "main" is not a commit SHA (hexadecimal), so GitHub cannot look it up.'
    );
    expect(calls).toEqual([]);
  });
});
