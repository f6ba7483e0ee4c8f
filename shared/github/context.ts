import { readFileSync } from 'node:fs';

/** Where the run is and what it may touch, read once from the runner's environment. */
export interface GitHubContext {
  apiUrl: string;
  serverUrl: string;
  graphqlUrl: string;
  owner: string;
  repo: string;
  token: string;
  /** The commit the workflow runs on (for pull_request events: the merge commit). */
  sha: string;
  /** The commit a gating status belongs on: the PR's head for pull_request(_target), else `sha`. */
  statusSha: string;
  ref: string;
  runId?: string;
  runUrl?: string;
  eventName: string;
  actor?: string;
  /**
   * How long one request may wait for GitHub before it is abandoned (and retried), and the base
   * of the pause between retries (base × n²): SHIPGATE_GITHUB_TIMEOUT and
   * SHIPGATE_GITHUB_RETRY_DELAY in ms, for a slow GitHub Enterprise Server or for tests. Unset:
   * the client's defaults (10 s, 1 s).
   */
  requestTimeoutMs?: number;
  retryDelayMs?: number;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

function readEvent(path: string | undefined): Record<string, unknown> | null {
  if (!path) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function prHeadSha(event: Record<string, unknown> | null): string | undefined {
  const pr = event?.pull_request as { head?: { sha?: unknown } } | undefined;
  const sha = pr?.head?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
}

/** A whole number of ms within [min, max] from the environment, else undefined (ignored). */
function msFromEnv(value: string | undefined, min: number, max: number): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : undefined;
}

/** null when there is no token or the runner did not say which API and repository to talk to. */
export function readGitHubContext(env: NodeJS.ProcessEnv, token: string): GitHubContext | null {
  const apiUrl = env.GITHUB_API_URL?.replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY;
  if (!token || !apiUrl || !repository) return null;
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length) return null;
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const graphqlUrl = (env.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`).replace(/\/+$/, '');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const sha = env.GITHUB_SHA ?? '';
  const statusSha = (PR_EVENTS.has(eventName) ? prHeadSha(readEvent(env.GITHUB_EVENT_PATH)) : undefined) ?? sha;
  const runId = env.GITHUB_RUN_ID || undefined;
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
  const runUrl = runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${attempt > 1 ? `/attempts/${attempt}` : ''}` : undefined;
  return {
    apiUrl,
    serverUrl,
    graphqlUrl,
    owner,
    repo,
    token,
    sha,
    statusSha,
    ref: env.GITHUB_REF ?? '',
    runId,
    runUrl,
    eventName,
    actor: env.GITHUB_ACTOR || undefined,
    requestTimeoutMs: msFromEnv(env.SHIPGATE_GITHUB_TIMEOUT, 100, 10 * 60_000),
    retryDelayMs: msFromEnv(env.SHIPGATE_GITHUB_RETRY_DELAY, 0, 60_000)
  };
}
