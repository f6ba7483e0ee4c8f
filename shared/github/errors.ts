import { escapeLogText } from '../util/escape.js';

export type PermissionScope = 'deployments' | 'statuses' | 'checks' | 'issues' | 'contents' | 'actions';

/** Scopes Shipgate only reads. */
const READ_ONLY: ReadonlySet<PermissionScope> = new Set(['contents', 'actions']);

interface HttpishError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

export function errorStatus(err: unknown): number | undefined {
  const s = (err as HttpishError | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** True for primary (remaining 0) and secondary ("secondary rate limit") limits, on 403 or 429. */
export function isRateLimitError(err: unknown): boolean {
  const e = err as HttpishError | null;
  if (!e || (e.status !== 403 && e.status !== 429)) return false;
  if (e.response?.headers?.['x-ratelimit-remaining'] === '0') return true;
  return /rate limit/i.test(e.message ?? '') || e.status === 429;
}

/** One sentence a workflow author can act on; never includes the token or request headers. */
export function explainGitHubError(err: unknown, what: string, scope: PermissionScope): string {
  const status = errorStatus(err);
  const raw = err instanceof Error ? err.message : String(err);
  const detail = escapeLogText(raw, 200);
  if (status === 401) {
    return `GitHub refused to ${what} (401): the token is invalid or expired; pass a valid \`github-token\`.`;
  }
  if (status !== undefined && isRateLimitError(err)) {
    return `GitHub refused to ${what} (${status}): the API rate limit was exceeded and did not clear in time (${detail}).`;
  }
  if (status === 403) {
    return `GitHub refused to ${what} (403): the workflow needs \`permissions: ${scope}: ${READ_ONLY.has(scope) ? 'read' : 'write'}\`.`;
  }
  if (status === 404) {
    return `GitHub could not ${what} (404): the repository or resource was not found, or the token cannot see it (the workflow needs \`permissions: ${scope}: ${READ_ONLY.has(scope) ? 'read' : 'write'}\`).`;
  }
  if (status === 409 || status === 422) {
    return `GitHub rejected the request to ${what} (${status}): ${detail}.`;
  }
  if (status !== undefined && status >= 500) {
    return `GitHub is unavailable: could not ${what} after retries (${status}: ${detail}).`;
  }
  return `Could not ${what}: ${detail}.`;
}
