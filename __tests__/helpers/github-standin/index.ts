/**
 * A GitHub API stand-in for tests: a real HTTP server on 127.0.0.1 with in-memory state. Every
 * REST request is checked against GitHub's OpenAPI description (see openapi-validator.ts); an
 * unknown endpoint or an invalid request is recorded as a violation. Faults can be injected per
 * route ("POST /repos/{owner}/{repo}/deployments", "POST /graphql", ...).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator, type MatchedOperation } from './openapi-validator.js';
import { StandinState, type StandinCheckRun, type StandinDeployment, type StandinIssue, type StandinPull, type StandinWorkflowRun } from './state.js';
import { answerGraphql } from './graphql.js';
import { GitError, type GitCommit, type GitEntryType, type GitMode, type GitPathEntry, type GitPerson } from './git.js';

export { StandinState } from './state.js';
export { StandinGit, type FileChange } from './git.js';

/**
 * One request as the stand-in saw it. `route` is "METHOD /template" (e.g.
 * "POST /repos/{owner}/{repo}/deployments", "POST /graphql"); `status` is what was answered, or 0
 * when the client went away first (a timeout); `at` is Date.now() on arrival.
 */
export interface LoggedRequest {
  method: string;
  path: string;
  route: string;
  operationId: string;
  status: number;
  at: number;
  body?: unknown;
}
export interface Violation {
  method: string;
  path: string;
  problems: string[];
}

export type Fault =
  | { kind: 'status'; route: string; status: number; times?: number; message?: string }
  | { kind: 'secondary-rate-limit'; route: string; times?: number; retryAfter?: number }
  | { kind: 'primary-rate-limit'; route: string; times?: number; resetInSeconds?: number }
  | { kind: 'delay'; route: string; ms: number; times?: number }
  | { kind: 'forbidden'; route: string; times?: number }
  /** The next `times` writes (deployments, deployment statuses, new issues, new pull requests) stay invisible for `reads` reads. */
  | { kind: 'lag'; reads: number; times?: number };

export interface StandinOptions {
  owner?: string;
  repo?: string;
  token?: string;
}

export interface GitHubStandin {
  url: string;
  graphqlUrl: string;
  owner: string;
  repo: string;
  token: string;
  state: StandinState;
  log: LoggedRequest[];
  inject(fault: Fault): void;
  /** Drops faults not yet used up. */
  clearFaults(): void;
  violations(): Violation[];
  clearViolations(): void;
  /** Throws with the list when any request broke the OpenAPI description. */
  assertNoViolations(): void;
  /** Requests whose route ("METHOD /template") matches. */
  count(route: string): number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

/** Answers one REST operation: [HTTP status, JSON body]. */
type Handler = (p: Record<string, string>, q: URLSearchParams, b: unknown) => [number, unknown];

/**
 * A handler for an operation that takes a request body. The body reaches it only after the
 * OpenAPI validator accepted it for that operation, so it has the operation's shape.
 */
const withBody =
  <B>(handler: (p: Record<string, string>, q: URLSearchParams, b: B) => [number, unknown]): Handler =>
  (p, q, b) =>
    handler(p, q, b as B);

// Request bodies, as GitHub's OpenAPI description has them: the fields the stand-in reads.
type LabelParam = string | { name: string };
interface CreateDeploymentBody {
  ref: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
  auto_merge?: boolean;
  required_contexts?: string[];
}
interface CreateDeploymentStatusBody {
  state: string;
  description?: string;
  environment?: string;
  target_url?: string;
  log_url?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}
interface CreateCommitStatusBody {
  state: string;
  context?: string;
  description?: string | null;
  target_url?: string | null;
}
interface CreateCheckRunBody {
  name: string;
  head_sha: string;
  status?: string;
  conclusion?: string;
  details_url?: string;
  external_id?: string;
  output?: StandinCheckRun['output'];
  started_at?: string;
  completed_at?: string;
}
type UpdateCheckRunBody = Partial<CreateCheckRunBody>;
interface CreateIssueBody {
  title: string;
  body?: string;
  labels?: LabelParam[];
}
interface UpdateIssueBody {
  title?: string;
  body?: string;
  labels?: LabelParam[];
  state?: 'open' | 'closed';
  state_reason?: string | null;
}
interface CreateCommentBody {
  body: string;
}
interface CreateLabelBody {
  name: string;
  color?: string;
  description?: string;
}
type AddLabelsBody = { labels?: LabelParam[] } | LabelParam[];
interface CreateRefBody {
  ref: string;
  sha: string;
}
interface UpdateRefBody {
  sha: string;
  force?: boolean;
}
interface CreateGitCommitBody {
  message: string;
  tree: string;
  parents?: string[];
  author?: Partial<GitPerson>;
  committer?: Partial<GitPerson>;
}
interface CreateTreeBody {
  tree: { path?: string; mode?: GitMode; type?: GitEntryType; sha?: string | null; content?: string }[];
  base_tree?: string;
}
interface CreatePullBody {
  title?: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
  maintainer_can_modify?: boolean;
}
interface UpdatePullBody {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  base?: string;
  maintainer_can_modify?: boolean;
}

/** What `git check-ref-format` refuses (the rules GitHub applies to new refs). */
function validRefName(ref: string): boolean {
  return (
    /^refs\/[^/]+\/./.test(ref) &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\/\/|\/$|\.$|\.lock(\/|$)|\/\./.test(ref)
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startGitHubStandin(options: StandinOptions = {}): Promise<GitHubStandin> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'shop';
  const token = options.token ?? 'ghs_standin_token';
  const validator = new OpenApiValidator();
  const state = new StandinState();
  const log: LoggedRequest[] = [];
  const violations: Violation[] = [];
  const faults: (Fault & { left: number })[] = [];
  let base = '';
  /** Delays in progress; close() ends them. */
  const pending = new Set<() => void>();

  const repoUrl = (): string => `${base}/repos/${owner}/${repo}`;
  const user = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

  const takeFault = (route: string): Fault | undefined => {
    const i = faults.findIndex((f) => f.kind !== 'lag' && (f.route === route || f.route === route.split(' ')[1]));
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.left <= 0) faults.splice(i, 1);
    return f;
  };
  const lagReads = (): number => {
    const i = faults.findIndex((f) => f.kind === 'lag');
    if (i < 0) return 0;
    const f = faults[i] as Extract<Fault, { kind: 'lag' }> & { left: number };
    if (--f.left <= 0) faults.splice(i, 1);
    return f.reads;
  };

  const deploymentJson = (d: StandinDeployment): Record<string, unknown> => ({
    url: `${repoUrl()}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user,
    created_at: d.created_at,
    updated_at: d.updated_at,
    statuses_url: `${repoUrl()}/deployments/${d.id}/statuses`,
    repository_url: repoUrl(),
    transient_environment: d.transient_environment,
    production_environment: d.production_environment
  });
  const statusJson = (d: StandinDeployment, s: StandinDeployment['statuses'][number]): Record<string, unknown> => ({
    url: `${repoUrl()}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: user,
    description: s.description,
    environment: s.environment,
    target_url: s.target_url,
    log_url: s.log_url,
    environment_url: s.environment_url,
    created_at: s.created_at,
    updated_at: s.updated_at,
    deployment_url: `${repoUrl()}/deployments/${d.id}`,
    repository_url: repoUrl()
  });
  const issueJson = (i: StandinIssue): Record<string, unknown> => ({
    url: `${repoUrl()}/issues/${i.number}`,
    html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    id: i.id,
    node_id: `I_${i.id}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    user,
    labels: i.labels.map((name) => ({ id: state.labels.find((l) => l.name === name)?.id ?? 0, name, color: 'ededed' })),
    assignees: [],
    comments: i.comments.length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    locked: false,
    ...('head' in i
      ? {
          pull_request: {
            url: `${repoUrl()}/pulls/${i.number}`,
            html_url: `https://github.com/${owner}/${repo}/pull/${i.number}`,
            diff_url: `https://github.com/${owner}/${repo}/pull/${i.number}.diff`,
            patch_url: `https://github.com/${owner}/${repo}/pull/${i.number}.patch`,
            merged_at: null
          }
        }
      : {})
  });
  const runJson = (r: StandinWorkflowRun): Record<string, unknown> => ({
    id: r.id,
    name: r.name,
    node_id: `WFR_${r.id}`,
    head_branch: 'main',
    head_sha: r.head_sha,
    path: '.github/workflows/ci.yml',
    display_title: r.name,
    run_number: r.id,
    event: 'push',
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: 1,
    url: `${repoUrl()}/actions/runs/${r.id}`,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.created_at,
    updated_at: r.updated_at,
    run_attempt: r.run_attempt,
    run_started_at: r.created_at,
    actor: user,
    triggering_actor: user,
    jobs_url: `${repoUrl()}/actions/runs/${r.id}/jobs`,
    logs_url: `${repoUrl()}/actions/runs/${r.id}/logs`,
    workflow_url: `${repoUrl()}/actions/workflows/1`,
    repository: { full_name: `${owner}/${repo}` }
  });
  const findDeployment = (id: string): StandinDeployment => {
    const d = state.deployments.find((x) => String(x.id) === id);
    if (!d) throw new HttpError(404, 'Not Found');
    return d;
  };
  const findIssue = (n: string): StandinIssue => {
    const i = state.issueOrPull(Number(n));
    if (!i) throw new HttpError(404, 'Not Found');
    return i;
  };
  const ensureLabel = (name: string): void => {
    if (!state.labels.some((l) => l.name === name)) state.labels.push({ id: state.id(), name, color: 'ededed', description: null });
  };
  const checkDescription = (text: unknown): void => {
    if (typeof text === 'string' && text.length > 140) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'Status', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }]
      });
    }
  };
  // ---------------------------------------------------------------- Git data, commits, pulls
  const git = state.git;
  const repoJson = (): Record<string, unknown> => ({
    id: 4242,
    node_id: 'R_standin',
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { login: owner, id: 4241, type: 'Organization' },
    private: false,
    html_url: `https://github.com/${owner}/${repo}`,
    url: repoUrl(),
    default_branch: git.defaultBranch,
    visibility: 'public',
    archived: false,
    disabled: false,
    fork: false,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true }
  });
  const refJson = (name: string): Record<string, unknown> => {
    const sha = git.refs.get(name)!;
    return {
      ref: name,
      node_id: `REF_${Buffer.from(name).toString('base64')}`,
      url: `${repoUrl()}/git/${name}`,
      object: { type: 'commit', sha, url: `${repoUrl()}/git/commits/${sha}` }
    };
  };
  const gitCommitJson = (c: GitCommit): Record<string, unknown> => ({
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${repoUrl()}/git/commits/${c.sha}`,
    html_url: `https://github.com/${owner}/${repo}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${repoUrl()}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${repoUrl()}/git/commits/${p}`, html_url: `https://github.com/${owner}/${repo}/commit/${p}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
  });
  /** A commit as repos/get-commit and compare list it. */
  const restCommitJson = (c: GitCommit): Record<string, unknown> => ({
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${repoUrl()}/commits/${c.sha}`,
    html_url: `https://github.com/${owner}/${repo}/commit/${c.sha}`,
    comments_url: `${repoUrl()}/commits/${c.sha}/comments`,
    commit: {
      url: `${repoUrl()}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${repoUrl()}/git/trees/${c.tree}` },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    },
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${repoUrl()}/commits/${p}`, html_url: `https://github.com/${owner}/${repo}/commit/${p}` }))
  });
  const fileJson = (f: ReturnType<typeof git.diff>[number], at: string): Record<string, unknown> => ({
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `https://github.com/${owner}/${repo}/blob/${at}/${f.filename}`,
    raw_url: `https://github.com/${owner}/${repo}/raw/${at}/${f.filename}`,
    contents_url: `${repoUrl()}/contents/${f.filename}?ref=${at}`,
    ...(f.previous_filename ? { previous_filename: f.previous_filename } : {})
  });
  const treeEntryJson = (path: string, e: GitPathEntry): Record<string, unknown> => ({
    path,
    mode: e.mode,
    type: e.type,
    sha: e.sha,
    ...(e.type === 'blob' ? { size: git.blob(e.sha)?.content.length ?? 0 } : {}),
    ...(e.type === 'commit' ? {} : { url: `${repoUrl()}/git/${e.type}s/${e.sha}` })
  });
  const treeJson = (sha: string, recursive: boolean): Record<string, unknown> => {
    const entries = recursive ? [...git.flatten(sha, true)] : git.tree(sha)!.entries.map((e) => [e.name, e] as const);
    const truncated = entries.length > git.recursiveTreeLimit;
    return {
      sha,
      url: `${repoUrl()}/git/trees/${sha}`,
      tree: entries.slice(0, recursive ? git.recursiveTreeLimit : undefined).map(([path, e]) => treeEntryJson(path, e)),
      truncated: recursive && truncated
    };
  };
  const pullJson = (pr: StandinPull): Record<string, unknown> => {
    const side = (branch: string): Record<string, unknown> => ({
      label: `${owner}:${branch}`,
      ref: branch,
      sha: git.refs.get(`refs/heads/${branch}`) ?? '0'.repeat(40),
      user: { login: owner, id: 4241, type: 'Organization' },
      repo: repoJson()
    });
    return {
      url: `${repoUrl()}/pulls/${pr.number}`,
      id: pr.id,
      node_id: `PR_${pr.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${pr.number}`,
      diff_url: `https://github.com/${owner}/${repo}/pull/${pr.number}.diff`,
      patch_url: `https://github.com/${owner}/${repo}/pull/${pr.number}.patch`,
      issue_url: `${repoUrl()}/issues/${pr.number}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user,
      body: pr.body,
      labels: pr.labels.map((name) => ({ id: state.labels.find((l) => l.name === name)?.id ?? 0, name, color: 'ededed' })),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(pr.head),
      base: side(pr.base),
      author_association: 'NONE',
      auto_merge: null,
      draft: pr.draft,
      maintainer_can_modify: pr.maintainer_can_modify
    };
  };
  /** "owner:branch" or "branch" → the branch, when it names this repository. */
  const branchOf = (head: string): string | undefined => {
    const i = head.indexOf(':');
    if (i < 0) return head;
    return head.slice(0, i) === owner ? head.slice(i + 1) : undefined;
  };
  const validationFailed = (resource: string, field: string, code = 'invalid', message?: string): HttpError =>
    new HttpError(422, 'Validation Failed', { errors: [{ resource, field, code, ...(message ? { message } : {}) }] });

  const page = <T>(items: T[], q: URLSearchParams): T[] => {
    const per = Math.min(100, Number(q.get('per_page') ?? 30));
    const p = Number(q.get('page') ?? 1);
    return items.slice((p - 1) * per, p * per);
  };

  const handlers: Record<string, Handler> = {
    'repos/create-deployment': withBody<CreateDeploymentBody>((_p, _q, b) => {
      const t = state.now();
      const d: StandinDeployment = {
        id: state.id(),
        sha: /^[0-9a-f]{40}$/.test(b.ref) ? b.ref : (state.commits.at(-1)?.sha ?? 'f'.repeat(40)),
        ref: b.ref,
        task: b.task ?? 'deploy',
        payload: b.payload ?? {},
        environment: b.environment ?? 'production',
        description: b.description ?? '',
        transient_environment: b.transient_environment ?? false,
        production_environment: b.production_environment ?? (b.environment ?? 'production') === 'production',
        created_at: t,
        updated_at: t,
        statuses: [],
        hiddenReads: lagReads()
      };
      checkDescription(b.description);
      if (b.auto_merge !== false) return [202, { message: 'Auto-merged main into topic branch.' }];
      const required: string[] | undefined = b.required_contexts;
      if (required === undefined || required.length > 0) {
        throw new HttpError(409, 'Conflict: Commit status checks failed for main.', {
          errors: [{ contexts: [], resource: 'Deployment', field: 'required_contexts' }]
        });
      }
      state.deployments.push(d);
      return [201, deploymentJson(d)];
    }),
    'repos/list-deployments': (_p, q) => {
      const env = q.get('environment');
      const list = state.deployments
        .filter((d) => (!env || d.environment === env) && (!q.get('task') || d.task === q.get('task')) && (!q.get('sha') || d.sha === q.get('sha')))
        .filter((d) => d.hiddenReads-- <= 0)
        .reverse();
      return [200, page(list, q).map(deploymentJson)];
    },
    'repos/get-deployment': (p) => [200, deploymentJson(findDeployment(p.deployment_id))],
    'repos/create-deployment-status': withBody<CreateDeploymentStatusBody>((p, _q, b) => {
      const d = findDeployment(p.deployment_id);
      checkDescription(b.description);
      const t = state.now();
      const s = {
        id: state.id(),
        state: b.state,
        description: b.description ?? '',
        environment: b.environment ?? d.environment,
        target_url: b.target_url ?? b.log_url ?? '',
        log_url: b.log_url ?? b.target_url ?? '',
        environment_url: b.environment_url ?? '',
        created_at: t,
        updated_at: t,
        hiddenReads: lagReads()
      };
      d.statuses.push(s);
      d.updated_at = t;
      if (b.state === 'success' && b.auto_inactive !== false) {
        // GitHub marks earlier successful deployments of the environment inactive.
        for (const other of state.deployments) {
          if (other !== d && other.environment === d.environment && !other.transient_environment && other.statuses.at(-1)?.state === 'success') {
            other.statuses.push({
              ...other.statuses.at(-1)!,
              id: state.id(),
              state: 'inactive',
              description: '',
              created_at: t,
              updated_at: t,
              hiddenReads: 0
            });
          }
        }
      }
      return [201, statusJson(d, s)];
    }),
    'repos/list-deployment-statuses': (p, q) => {
      const d = findDeployment(p.deployment_id);
      const visible = d.statuses.filter((s) => s.hiddenReads-- <= 0).reverse();
      return [200, page(visible, q).map((s) => statusJson(d, s))];
    },
    'repos/create-commit-status': withBody<CreateCommitStatusBody>((p, _q, b) => {
      checkDescription(b.description);
      const s = {
        id: state.id(),
        sha: p.sha,
        state: b.state,
        context: b.context ?? 'default',
        description: b.description ?? null,
        target_url: b.target_url ?? null,
        created_at: state.now()
      };
      state.commitStatuses.push(s);
      return [
        201,
        {
          url: `${repoUrl()}/statuses/${p.sha}`,
          id: s.id,
          node_id: `SC_${s.id}`,
          state: s.state,
          description: s.description,
          target_url: s.target_url,
          context: s.context,
          created_at: s.created_at,
          updated_at: s.created_at,
          creator: user
        }
      ];
    }),
    'repos/list-commit-statuses-for-ref': (p, q) => [
      200,
      page(state.commitStatuses.filter((s) => s.sha === p.ref).reverse(), q).map((s) => ({
        ...s,
        url: `${repoUrl()}/statuses/${s.sha}`,
        updated_at: s.created_at
      }))
    ],
    'repos/get-combined-status-for-ref': (p) => {
      const latest = new Map<string, (typeof state.commitStatuses)[number]>();
      for (const s of state.commitStatuses.filter((x) => x.sha === p.ref)) latest.set(s.context, s);
      const statuses = [...latest.values()];
      const overall = statuses.some((s) => s.state === 'failure' || s.state === 'error')
        ? 'failure'
        : statuses.every((s) => s.state === 'success') && statuses.length
          ? 'success'
          : 'pending';
      return [
        200,
        {
          state: overall,
          sha: p.ref,
          total_count: statuses.length,
          statuses,
          repository: { full_name: `${owner}/${repo}` },
          commit_url: `${repoUrl()}/commits/${p.ref}`,
          url: `${repoUrl()}/commits/${p.ref}/status`
        }
      ];
    },
    'checks/create': withBody<CreateCheckRunBody>((_p, _q, b) => {
      const t = state.now();
      const c = {
        id: state.id(),
        name: b.name,
        head_sha: b.head_sha,
        status: b.status ?? 'queued',
        conclusion: b.conclusion ?? null,
        details_url: b.details_url,
        external_id: b.external_id,
        output: b.output ?? {},
        started_at: b.started_at ?? t,
        completed_at: b.completed_at ?? null
      };
      if (b.conclusion && !b.status) c.status = 'completed';
      state.checkRuns.push(c);
      return [201, { ...c, url: `${repoUrl()}/check-runs/${c.id}`, html_url: `https://github.com/${owner}/${repo}/runs/${c.id}`, node_id: `CR_${c.id}` }];
    }),
    'checks/update': withBody<UpdateCheckRunBody>((p, _q, b) => {
      const c = state.checkRuns.find((x) => String(x.id) === p.check_run_id);
      if (!c) throw new HttpError(404, 'Not Found');
      Object.assign(c, { ...b, output: { ...c.output, ...(b.output ?? {}) } });
      if (b.conclusion) {
        c.status = 'completed';
        c.completed_at ??= state.now();
      }
      return [200, { ...c, url: `${repoUrl()}/check-runs/${c.id}`, html_url: `https://github.com/${owner}/${repo}/runs/${c.id}` }];
    }),
    'checks/get': (p) => {
      const c = state.checkRuns.find((x) => String(x.id) === p.check_run_id);
      if (!c) throw new HttpError(404, 'Not Found');
      return [200, c];
    },
    'issues/list-for-repo': (_p, q) => {
      const labels = (q.get('labels') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const st = q.get('state') ?? 'open';
      const list = [...state.issues, ...state.pulls]
        .sort((a, b) => a.number - b.number)
        .filter((i) => (st === 'all' || i.state === st) && labels.every((l) => i.labels.includes(l)))
        .filter((i) => {
          if ((i.hiddenReads ?? 0) <= 0) return true;
          i.hiddenReads! -= 1;
          return false;
        })
        .reverse();
      return [200, page(list, q).map(issueJson)];
    },
    'issues/create': withBody<CreateIssueBody>((_p, _q, b) => {
      const labels: string[] = (b.labels ?? []).map((l: string | { name: string }) => (typeof l === 'string' ? l : l.name));
      labels.forEach(ensureLabel);
      const t = state.now();
      const i: StandinIssue = {
        number: state.nextNumber(),
        id: state.id(),
        title: b.title,
        body: b.body ?? '',
        state: 'open',
        state_reason: null,
        labels,
        assignees: [],
        comments: [],
        created_at: t,
        updated_at: t,
        closed_at: null,
        hiddenReads: lagReads()
      };
      state.issues.push(i);
      return [201, issueJson(i)];
    }),
    'issues/get': (p) => [200, issueJson(findIssue(p.issue_number))],
    'issues/update': withBody<UpdateIssueBody>((p, _q, b) => {
      const i = findIssue(p.issue_number);
      if (b.title !== undefined) i.title = b.title;
      if (b.body !== undefined) i.body = b.body;
      if (b.labels !== undefined) {
        i.labels = b.labels.map((l: string | { name: string }) => (typeof l === 'string' ? l : l.name));
        i.labels.forEach(ensureLabel);
      }
      if (b.state === 'closed' && i.state === 'open') {
        i.state = 'closed';
        i.closed_at = state.now();
        i.state_reason = b.state_reason ?? 'completed';
      }
      if (b.state === 'open') {
        i.state = 'open';
        i.closed_at = null;
        i.state_reason = 'reopened';
      }
      i.updated_at = state.now();
      return [200, issueJson(i)];
    }),
    'issues/list-comments': (p, q) => {
      const i = findIssue(p.issue_number);
      return [
        200,
        page(i.comments, q).map((c) => ({
          ...c,
          url: `${repoUrl()}/issues/comments/${c.id}`,
          html_url: `https://github.com/${owner}/${repo}/issues/${i.number}#issuecomment-${c.id}`,
          user,
          updated_at: c.created_at
        }))
      ];
    },
    'issues/create-comment': withBody<CreateCommentBody>((p, _q, b) => {
      const i = findIssue(p.issue_number);
      const c = { id: state.id(), body: b.body, created_at: state.now() };
      i.comments.push(c);
      i.updated_at = c.created_at;
      return [
        201,
        {
          ...c,
          url: `${repoUrl()}/issues/comments/${c.id}`,
          html_url: `https://github.com/${owner}/${repo}/issues/${i.number}#issuecomment-${c.id}`,
          issue_url: `${repoUrl()}/issues/${i.number}`,
          user,
          updated_at: c.created_at
        }
      ];
    }),
    'issues/create-label': withBody<CreateLabelBody>((_p, _q, b) => {
      if (state.labels.some((l) => l.name.toLowerCase() === String(b.name).toLowerCase())) {
        throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
      }
      const l = { id: state.id(), name: b.name, color: b.color ?? 'ededed', description: b.description ?? null };
      state.labels.push(l);
      return [201, { ...l, url: `${repoUrl()}/labels/${encodeURIComponent(l.name)}`, node_id: `LA_${l.id}`, default: false }];
    }),
    'issues/get-label': (p) => {
      const l = state.labels.find((x) => x.name === p.name);
      if (!l) throw new HttpError(404, 'Not Found');
      return [200, l];
    },
    'actions/get-workflow-run': (p) => {
      const r = state.runs.get(Number(p.run_id));
      if (!r) throw new HttpError(404, 'Not Found');
      return [200, runJson(r)];
    },
    'repos/get': () => [200, repoJson()],
    'git/get-ref': (p) => {
      const name = `refs/${p.ref}`;
      if (!git.refs.has(name)) throw new HttpError(404, 'Not Found');
      return [200, refJson(name)];
    },
    'git/create-ref': withBody<CreateRefBody>((_p, _q, b) => {
      if (!validRefName(b.ref))
        throw new HttpError(422, `Reference name must start with 'refs' and have at least two slashes, and be a valid ref name: ${b.ref}`);
      if (git.refs.has(b.ref)) throw new HttpError(422, 'Reference already exists');
      if (!git.commit(b.sha)) throw new HttpError(422, 'Object does not exist');
      git.refs.set(b.ref, b.sha);
      return [201, refJson(b.ref)];
    }),
    'git/update-ref': withBody<UpdateRefBody>((p, _q, b) => {
      const name = `refs/${p.ref}`;
      const old = git.refs.get(name);
      if (!old) throw new HttpError(422, 'Reference does not exist');
      if (!git.commit(b.sha)) throw new HttpError(422, 'Object does not exist');
      if (!b.force && !git.isAncestor(old, b.sha)) throw new HttpError(422, 'Update is not a fast forward');
      git.refs.set(name, b.sha);
      return [200, refJson(name)];
    }),
    'git/get-commit': (p) => {
      const c = git.commit(p.commit_sha);
      if (!c) throw new HttpError(404, 'Not Found');
      return [200, gitCommitJson(c)];
    },
    'git/create-commit': withBody<CreateGitCommitBody>((_p, _q, b) => {
      const sha = git.writeCommit({ tree: b.tree, parents: b.parents ?? [], message: b.message, author: b.author, committer: b.committer });
      return [201, gitCommitJson(git.commit(sha)!)];
    }),
    'git/get-tree': (p, q) => {
      // GitHub takes a tree sha or a ref (branch, tag, commit) naming one.
      const sha = git.tree(p.tree_sha) ? p.tree_sha : git.commit(git.resolve(p.tree_sha) ?? '')?.tree;
      if (!sha) throw new HttpError(404, 'Not Found');
      return [200, treeJson(sha, q.has('recursive'))];
    },
    'git/create-tree': withBody<CreateTreeBody>((_p, _q, b) => {
      if (b.base_tree !== undefined && !git.tree(b.base_tree)) throw new HttpError(422, 'Invalid tree info: base_tree does not exist');
      const edits = b.tree.map((e) => {
        if (!e.path || !e.mode || !e.type) throw validationFailed('Tree', 'tree', 'missing_field', 'Must supply tree.path, tree.mode and tree.type');
        if (e.sha !== undefined && e.content !== undefined) throw new HttpError(422, 'Must supply either tree.sha or tree.content, not both');
        if (e.sha === undefined && e.content === undefined) throw new HttpError(422, 'Must supply either tree.sha or tree.content');
        if (e.content !== undefined && e.type !== 'blob') throw new HttpError(422, 'tree.content is only for blobs');
        const sha = e.content !== undefined ? git.writeBlob(e.content) : e.sha;
        return { path: e.path, entry: sha === null || sha === undefined ? null : { mode: e.mode, type: e.type, sha } };
      });
      const sha = git.editTree(b.base_tree ?? null, edits);
      return [201, treeJson(sha, false)];
    }),
    'git/get-blob': (p) => {
      const blob = git.blob(p.file_sha);
      if (!blob) throw new HttpError(404, 'Not Found');
      return [
        200,
        {
          sha: blob.sha,
          node_id: `B_${blob.sha}`,
          size: blob.content.length,
          url: `${repoUrl()}/git/blobs/${blob.sha}`,
          content: blob.content.toString('base64'),
          encoding: 'base64'
        }
      ];
    },
    'repos/get-commit': (p) => {
      const sha = git.resolve(p.ref);
      if (!sha) throw new HttpError(422, `No commit found for SHA: ${p.ref}`);
      const c = git.commit(sha)!;
      const files = git.diff(c.parents[0] ? git.commit(c.parents[0])!.tree : null, c.tree);
      const additions = files.reduce((n, f) => n + f.additions, 0);
      const deletions = files.reduce((n, f) => n + f.deletions, 0);
      return [
        200,
        { ...restCommitJson(c), stats: { total: additions + deletions, additions, deletions }, files: files.slice(0, 300).map((f) => fileJson(f, sha)) }
      ];
    },
    'pulls/list': (_p, q) => {
      const st = q.get('state') ?? 'open';
      // Like GitHub: a head filter without "owner:" is ignored.
      const head = q.get('head');
      const headBranch = head?.includes(':') ? branchOf(head) : undefined;
      const list = state.pulls
        .filter((pr) => (st === 'all' || pr.state === st) && (!head?.includes(':') || pr.head === headBranch) && (!q.get('base') || pr.base === q.get('base')))
        .filter((pr) => {
          if ((pr.hiddenReads ?? 0) <= 0) return true;
          pr.hiddenReads! -= 1;
          return false;
        })
        .sort((a, b) => (q.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
      return [200, page(list, q).map(pullJson)];
    },
    'pulls/create': withBody<CreatePullBody>((_p, _q, b) => {
      const head = branchOf(b.head);
      if (!head || !git.refs.has(`refs/heads/${head}`)) throw validationFailed('PullRequest', 'head');
      if (!git.refs.has(`refs/heads/${b.base}`)) throw validationFailed('PullRequest', 'base');
      if (state.pulls.some((pr) => pr.state === 'open' && pr.head === head && pr.base === b.base))
        throw new HttpError(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }]
        });
      const headSha = git.refs.get(`refs/heads/${head}`)!;
      const baseSha = git.refs.get(`refs/heads/${b.base}`)!;
      if (git.isAncestor(headSha, baseSha))
        throw new HttpError(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${b.base} and ${head}` }]
        });
      if (!b.title) throw validationFailed('PullRequest', 'title', 'missing_field');
      const t = state.now();
      const pr: StandinPull = {
        number: state.nextNumber(),
        id: state.id(),
        title: b.title,
        body: b.body ?? '',
        state: 'open',
        state_reason: null,
        labels: [],
        assignees: [],
        comments: [],
        created_at: t,
        updated_at: t,
        closed_at: null,
        head,
        base: b.base,
        draft: b.draft ?? false,
        maintainer_can_modify: b.maintainer_can_modify ?? false,
        hiddenReads: lagReads()
      };
      state.pulls.push(pr);
      return [201, pullJson(pr)];
    }),
    'pulls/update': withBody<UpdatePullBody>((p, _q, b) => {
      const pr = state.pulls.find((x) => String(x.number) === p.pull_number);
      if (!pr) throw new HttpError(404, 'Not Found');
      if (b.base !== undefined && !git.refs.has(`refs/heads/${b.base}`)) throw validationFailed('PullRequest', 'base');
      if (b.title !== undefined) pr.title = b.title;
      if (b.body !== undefined) pr.body = b.body;
      if (b.base !== undefined) pr.base = b.base;
      if (b.maintainer_can_modify !== undefined) pr.maintainer_can_modify = b.maintainer_can_modify;
      if (b.state === 'closed' && pr.state === 'open') Object.assign(pr, { state: 'closed', closed_at: state.now() });
      if (b.state === 'open') Object.assign(pr, { state: 'open', closed_at: null });
      pr.updated_at = state.now();
      return [200, pullJson(pr)];
    }),
    'issues/add-labels': withBody<AddLabelsBody>((p, _q, b) => {
      const i = findIssue(p.issue_number);
      const given = Array.isArray(b) ? b : (b.labels ?? []);
      // GitHub creates labels that do not exist yet.
      for (const name of given.map((l) => (typeof l === 'string' ? l : l.name))) {
        ensureLabel(name);
        if (!i.labels.includes(name)) i.labels.push(name);
      }
      i.updated_at = state.now();
      return [200, i.labels.map((name) => ({ id: state.labels.find((l) => l.name === name)?.id ?? 0, name, color: 'ededed', default: false }))];
    }),
    'repos/compare-commits-with-basehead': (p, q) => {
      const m = /^(.+?)\.\.\.(.+)$/.exec(p.basehead);
      if (!m) throw new HttpError(404, 'Not Found');
      const gitBase = git.resolve(m[1]);
      const gitHead = git.resolve(m[2]);
      if (gitBase && gitHead) {
        // Three dots, as GitHub: commits and files from the merge base to head.
        const mb = git.mergeBase(gitBase, gitHead);
        if (!mb) throw new HttpError(404, `No common ancestor between ${m[1]} and ${m[2]}.`);
        const fromBase = git.ancestors(gitBase);
        const fromHead = git.ancestors(gitHead);
        const ahead = [...fromHead].filter((s) => !fromBase.has(s)).map((s) => git.commit(s)!);
        const behind = [...fromBase].filter((s) => !fromHead.has(s));
        ahead.sort((x, y) => x.seq - y.seq);
        const status = gitBase === gitHead ? 'identical' : mb === gitBase ? 'ahead' : mb === gitHead ? 'behind' : 'diverged';
        const files = git.diff(git.commit(mb)!.tree, git.commit(gitHead)!.tree);
        const paged = q.has('per_page') || q.has('page');
        return [
          200,
          {
            url: `${repoUrl()}/compare/${p.basehead}`,
            html_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}`,
            permalink_url: `https://github.com/${owner}/${repo}/compare/${owner}:${gitBase.slice(0, 7)}...${owner}:${gitHead.slice(0, 7)}`,
            diff_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}.diff`,
            patch_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}.patch`,
            base_commit: restCommitJson(git.commit(gitBase)!),
            merge_base_commit: restCommitJson(git.commit(mb)!),
            status,
            ahead_by: ahead.length,
            behind_by: behind.length,
            total_commits: ahead.length,
            // Without pagination GitHub lists up to 250 commits; files stop at 300.
            commits: (paged ? page(ahead, q) : ahead.slice(0, 250)).map(restCommitJson),
            files: files.slice(0, 300).map((f) => fileJson(f, gitHead))
          }
        ];
      }
      const idx = (ref: string): number => state.commits.findIndex((c) => c.sha === ref || (ref.length >= 7 && c.sha.startsWith(ref)));
      const bi = idx(m[1]);
      const hi = idx(m[2]);
      if (bi < 0 || hi < 0) throw new HttpError(404, `No commit found for SHA: ${bi < 0 ? m[1] : m[2]}`);
      const commits = state.commits.slice(bi + 1, hi + 1).map((c) => ({
        sha: c.sha,
        node_id: `C_${c.sha}`,
        url: `${repoUrl()}/commits/${c.sha}`,
        html_url: `https://github.com/${owner}/${repo}/commit/${c.sha}`,
        commit: { message: c.message, author: { name: 'Dev', email: 'dev@example.test', date: state.now() } },
        author: null,
        committer: null,
        parents: []
      }));
      const status = hi > bi ? 'ahead' : hi === bi ? 'identical' : 'behind';
      return [
        200,
        {
          url: `${repoUrl()}/compare/${p.basehead}`,
          html_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}`,
          status,
          ahead_by: Math.max(0, hi - bi),
          behind_by: Math.max(0, bi - hi),
          total_commits: commits.length,
          commits: page(commits, q),
          files: []
        }
      ];
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: unknown;
    const entry: LoggedRequest = { method, path: url.pathname, route: `${method} ${url.pathname}`, operationId: '', status: 0, at: Date.now() };
    log.push(entry);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      json(res, status, data, {
        'x-github-request-id': `STANDIN:${log.length}`,
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers
      });
    };
    try {
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          violations.push({ method, path: url.pathname, problems: ['body is not JSON'] });
          return send(400, { message: 'Problems parsing JSON' });
        }
      }
      entry.body = body;
      const auth = req.headers.authorization ?? '';
      if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
        return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });

      let op: MatchedOperation | null = null;
      if (method === 'POST' && url.pathname === '/graphql') {
        entry.route = 'POST /graphql';
        entry.operationId = 'graphql';
      } else {
        op = validator.match(method, url.pathname);
        if (!op) {
          violations.push({ method, path: url.pathname, problems: ['no such operation in the OpenAPI description'] });
          return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        }
        entry.route = `${method} ${op.template}`;
        entry.operationId = op.operationId;
        if (op.pathParams.owner !== owner || op.pathParams.repo !== repo) return send(404, { message: 'Not Found' });
        const problems = op.validate(url.searchParams, body);
        if (problems.length) {
          violations.push({ method, path: url.pathname, problems });
          return send(422, { message: 'Invalid request.', errors: problems });
        }
      }

      const fault = takeFault(entry.route);
      if (fault?.kind === 'delay') {
        // Ends early when the client gives up or the stand-in closes, so no timer outlives a test.
        await new Promise<void>((r) => {
          const t = setTimeout(done, fault.ms);
          function done(): void {
            clearTimeout(t);
            pending.delete(done);
            res.off('close', done);
            r();
          }
          pending.add(done);
          res.once('close', done);
        });
        if (res.destroyed) return; // status stays 0: the client went away before an answer
      } else if (fault?.kind === 'status') return send(fault.status, { message: fault.message ?? (fault.status >= 500 ? 'Server Error' : 'Conflict') });
      else if (fault?.kind === 'secondary-rate-limit')
        return send(
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
          },
          { 'retry-after': String(fault.retryAfter ?? 1) }
        );
      else if (fault?.kind === 'primary-rate-limit')
        return send(
          403,
          { message: 'API rate limit exceeded for installation.' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + (fault.resetInSeconds ?? 1)) }
        );
      else if (fault?.kind === 'forbidden')
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });

      if (!op) {
        const [status, data, problems] = answerGraphql(state, { owner, repo }, body);
        if (problems.length) violations.push({ method, path: url.pathname, problems });
        return send(status, data);
      }
      const handler = handlers[op.operationId];
      const [status, data] = handler(op.pathParams, url.searchParams, body ?? {});
      return send(status, data);
    } catch (err) {
      if (err instanceof HttpError) return send(err.status, { message: err.message, ...err.extra, documentation_url: 'https://docs.github.com/rest' });
      if (err instanceof GitError) return send(err.status, { message: err.message, documentation_url: 'https://docs.github.com/rest' });
      violations.push({ method, path: url.pathname, problems: [`stand-in crashed: ${(err as Error).stack ?? String(err)}`] });
      return send(500, { message: 'stand-in error' });
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    owner,
    repo,
    token,
    state,
    log,
    inject: (fault) => {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    violations: () => [...violations],
    clearViolations: () => {
      violations.length = 0;
    },
    assertNoViolations: () => {
      if (violations.length)
        throw new Error(
          `GitHub stand-in saw ${violations.length} request(s) that break GitHub's OpenAPI description:\n${violations.map((v) => `${v.method} ${v.path}: ${v.problems.join('; ')}`).join('\n')}`
        );
    },
    count: (route) => log.filter((l) => l.route === route).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of [...pending]) end();
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
