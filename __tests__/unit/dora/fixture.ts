// A hand-made production history: 30 records from Monday 2026-06-22 (ISO week 26) to Friday
// 2026-08-28 (week 35), plus one record before the window, and the commits they deployed.
// Every rollout starts at 10:00; every commit is made at 08:00 (so the deployed commit is 2 h old).
import type { CommitTime, CommitTimes } from '../../../shared/ports/commit-times.js';
import type { DeploymentRecord, DeploymentState, Ledger } from '../../../shared/ports/ledger.js';

export const SINCE = new Date('2026-06-22T00:00:00Z'); // a Monday
export const NOW = new Date('2026-08-31T00:00:00Z'); // the Monday 70 days later

const z = (t: string): string => `${t}:00Z`;

function rec(
  id: number,
  kind: 'rollout' | 'rollback',
  version: string,
  commit: string | undefined,
  state: DeploymentState,
  createdAt: string,
  updatedAt: string,
  extra: Partial<DeploymentRecord> = {}
): DeploymentRecord {
  return {
    id: String(id),
    environment: 'production',
    release: { version, ...(commit ? { commit } : {}) },
    state,
    kind,
    createdAt: z(createdAt),
    updatedAt: z(updatedAt),
    ...extra
  };
}

/** Oldest first. `outcome` comments say what the method must make of each record. */
export const RECORDS: DeploymentRecord[] = [
  // Before the window: what was live when it opened.
  rec(100, 'rollout', 'v1.0.0', 'c00', 'inactive', '2026-06-15T10:00', '2026-06-22T10:30'),
  // Week 26
  rec(101, 'rollout', 'v1.1.0', 'c02', 'inactive', '2026-06-22T10:00', '2026-06-24T10:30'), // promoted
  rec(102, 'rollout', 'v1.1.1', 'c04', 'inactive', '2026-06-24T10:00', '2026-06-29T10:30'), // promoted
  rec(103, 'rollout', 'v1.2.0', 'c06', 'failure', '2026-06-26T10:00', '2026-06-26T10:20'), // canary rolled back: 20 min
  rec(104, 'rollback', 'v1.1.1', 'c04', 'inactive', '2026-06-26T10:25', '2026-06-26T10:27'), // follow-up of 103
  // Week 27
  rec(105, 'rollout', 'v1.2.1', 'c07', 'inactive', '2026-06-29T10:00', '2026-07-01T10:30'), // promoted
  rec(106, 'rollout', 'v1.3.0', 'c09', 'inactive', '2026-07-01T10:00', '2026-07-03T10:30'), // promoted
  rec(107, 'rollout', 'v1.3.1', 'c10', 'inactive', '2026-07-03T10:00', '2026-07-06T10:30'), // promoted
  // Week 28
  rec(108, 'rollout', 'v1.4.0', 'c12', 'failure', '2026-07-06T10:00', '2026-07-07T09:05'), // promoted, restored by 109
  rec(109, 'rollback', 'v1.3.1', 'c10', 'inactive', '2026-07-07T09:00', '2026-07-07T09:04'), // restore
  rec(110, 'rollout', 'v1.4.1', 'c13', 'inactive', '2026-07-08T10:00', '2026-07-13T10:30'), // promoted
  rec(111, 'rollout', 'v1.5.0', 'c15', 'error', '2026-07-10T10:00', '2026-07-10T10:05'), // errored
  // Week 29
  rec(112, 'rollout', 'v1.5.1', 'c16', 'inactive', '2026-07-13T10:00', '2026-07-15T10:30'), // promoted
  rec(113, 'rollout', 'v1.6.0', undefined, 'inactive', '2026-07-15T10:00', '2026-07-17T10:30'), // promoted, no commit
  rec(114, 'rollout', 'v1.6.1', 'c19', 'inactive', '2026-07-17T10:00', '2026-07-24T10:30'), // promoted
  // Week 30
  rec(115, 'rollout', 'v1.7.0', 'c21', 'failure', '2026-07-20T10:00', '2026-07-20T10:45'), // canary rolled back: 45 min
  rec(116, 'rollout', 'v1.7.1', 'c22', 'failure', '2026-07-22T10:00', '2026-07-22T12:00'), // paused, aborted: 2 h
  rec(117, 'rollout', 'v1.7.2', 'c23', 'inactive', '2026-07-24T10:00', '2026-07-27T10:30'), // promoted
  // Week 31
  rec(118, 'rollout', 'v1.8.0', 'c25', 'inactive', '2026-07-27T10:00', '2026-07-29T10:30'), // promoted
  rec(119, 'rollout', 'v1.8.1', 'c26', 'inactive', '2026-07-29T10:00', '2026-07-31T10:30'), // promoted
  rec(120, 'rollout', 'v1.8.2', 'c27', 'inactive', '2026-07-31T10:00', '2026-08-03T10:30'), // promoted
  // Week 32
  rec(121, 'rollout', 'v1.9.0', 'c29', 'failure', '2026-08-03T10:00', '2026-08-03T16:10'), // promoted, restored by 122
  rec(122, 'rollback', 'v1.8.2', 'c27', 'inactive', '2026-08-03T16:00', '2026-08-03T16:05'), // restore
  rec(123, 'rollout', 'v1.9.1', 'c30', 'inactive', '2026-08-05T10:00', '2026-08-10T10:30'), // promoted
  // Week 33
  rec(124, 'rollout', 'v1.10.0', 'c32', 'inactive', '2026-08-10T10:00', '2026-08-12T10:30'), // promoted
  rec(125, 'rollout', 'v1.10.1', 'c33', 'inactive', '2026-08-12T10:00', '2026-08-17T10:30'), // promoted
  // Week 34
  rec(126, 'rollout', 'v1.11.0', 'c35', 'inactive', '2026-08-17T10:00', '2026-08-19T10:30'), // promoted
  rec(127, 'rollout', 'v1.11.1', 'c36', 'inactive', '2026-08-19T10:00', '2026-08-21T10:30'), // promoted
  rec(128, 'rollout', 'v1.12.0', 'c38', 'inactive', '2026-08-21T10:00', '2026-08-24T10:30'), // promoted
  // Week 35
  rec(129, 'rollout', 'v1.12.1', 'c39', 'success', '2026-08-24T10:00', '2026-08-24T10:30'), // promoted, live
  rec(130, 'rollout', 'v1.13.0', 'c40', 'in_progress', '2026-08-26T10:00', '2026-08-26T10:20', {
    progress: { weight: 10, step: 1, steps: 3, paused: true }
  }) // unfinished (paused)
];

/** The branch, oldest first: c00 … c40, one commit a line, committer = author time. */
export const COMMITS: CommitTime[] = [
  ['c00', '2026-06-14T08:00'],
  ['c01', '2026-06-21T08:00'],
  ['c02', '2026-06-22T08:00'],
  ['c03', '2026-06-23T08:00'],
  ['c04', '2026-06-24T08:00'],
  ['c05', '2026-06-25T08:00'],
  ['c06', '2026-06-26T08:00'],
  ['c07', '2026-06-29T08:00'],
  ['c08', '2026-06-30T08:00'],
  ['c09', '2026-07-01T08:00'],
  ['c10', '2026-07-03T08:00'],
  ['c11', '2026-07-05T08:00'],
  ['c12', '2026-07-06T08:00'],
  ['c13', '2026-07-08T08:00'],
  ['c14', '2026-07-11T08:00'],
  ['c15', '2026-07-12T08:00'],
  ['c16', '2026-07-13T08:00'],
  ['c17', '2026-07-14T08:00'],
  ['c18', '2026-07-15T08:00'],
  ['c19', '2026-07-17T08:00'],
  ['c20', '2026-07-19T08:00'],
  ['c21', '2026-07-20T08:00'],
  ['c22', '2026-07-22T08:00'],
  ['c23', '2026-07-24T08:00'],
  ['c24', '2026-07-26T08:00'],
  ['c25', '2026-07-27T08:00'],
  ['c26', '2026-07-29T08:00'],
  ['c27', '2026-07-31T08:00'],
  ['c28', '2026-08-02T08:00'],
  ['c29', '2026-08-03T08:00'],
  ['c30', '2026-08-05T08:00'],
  ['c31', '2026-08-09T08:00'],
  ['c32', '2026-08-10T08:00'],
  ['c33', '2026-08-12T08:00'],
  ['c34', '2026-08-16T08:00'],
  ['c35', '2026-08-17T08:00'],
  ['c36', '2026-08-19T08:00'],
  ['c37', '2026-08-20T08:00'],
  ['c38', '2026-08-21T08:00'],
  ['c39', '2026-08-24T08:00'],
  ['c40', '2026-08-26T08:00']
].map(([sha, t]) => ({ sha, committedAt: z(t), authoredAt: z(t) }));

/** A linear branch: `previous..commit` is every commit after `previous`, up to `commit`. */
export class FakeCommitTimes implements CommitTimes {
  readonly where = 'the test branch';
  readonly calls: [string, string | undefined][] = [];
  constructor(private readonly commits: CommitTime[] = COMMITS) {}
  range(commit: string, previous?: string): Promise<CommitTime[]> {
    this.calls.push([commit, previous]);
    const end = this.commits.findIndex((c) => c.sha === commit);
    if (end < 0) return Promise.reject(new Error(`The commit ${commit} is not on the test branch.`));
    if (previous === undefined) return Promise.resolve([this.commits[end]]);
    const start = this.commits.findIndex((c) => c.sha === previous);
    if (start < 0) return Promise.reject(new Error(`The commit ${previous} is not on the test branch.`));
    return Promise.resolve(this.commits.slice(start + 1, end + 1));
  }
}

/** Only history is read; it answers like both ledgers (newest first, at most `limit`, maybe capped). */
export class FakeLedger implements Ledger {
  readonly name = 'fake';
  readonly where = 'the test ledger';
  readonly limits: number[] = [];
  constructor(
    private readonly records: DeploymentRecord[] = RECORDS,
    private readonly cap = Infinity
  ) {}
  history(_environment: string, limit = 10): Promise<DeploymentRecord[]> {
    this.limits.push(limit);
    const n = Math.min(limit, this.cap);
    return Promise.resolve([...this.records].reverse().slice(0, n));
  }
  begin(): never {
    throw new Error('read only');
  }
  record(): never {
    throw new Error('read only');
  }
  lastGood(): never {
    throw new Error('read only');
  }
  view(): never {
    throw new Error('read only');
  }
  ownerState(): never {
    throw new Error('read only');
  }
}
