import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import type { GitHubContext } from './context.js';
import { isRateLimitError } from './errors.js';

const ShipgateOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ShipgateOctokit>;

export interface GitHubClientOptions {
  logger: Logger;
  /** Retries of 5xx and network errors (default 3). 4xx other than rate limits are never retried. */
  retries?: number;
  /** Base of plugin-retry's quadratic backoff: base × n² (default 1000 ms). */
  retryBaseMs?: number;
  /**
   * plugin-throttling spaces writes 1 s apart (good manners towards GitHub); tests turn it off.
   * Rate-limit retries are handled by this module either way.
   */
  throttle?: { enabled?: boolean };
  /** How many times a rate-limited request is retried (default 3). */
  rateLimitRetries?: number;
  /** Longest single wait for a rate limit to clear; a longer wait fails instead (default 5 min). */
  maxRateLimitWaitMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  userAgent?: string;
}

// 409 and 429 are absent from plugin-retry's defaults: a 409 will not heal by repeating the
// same request, and 429 is a rate limit handled below with its retry-after.
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

interface RateLimitedError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | undefined> };
}

/** How long GitHub asked us to wait, in ms. */
export function rateLimitWaitMs(err: RateLimitedError, now = Date.now()): number {
  const headers = err.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) return retryAfter * 1000;
  if (/secondary rate limit/i.test(err.message)) return 60_000;
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset - now) + 1000;
  }
  return 60_000;
}

function timeoutFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted && !init?.signal?.aborted) {
        // Not named AbortError, so @octokit/request wraps it as a retryable network failure.
        const e = new Error(`GitHub did not answer within ${timeoutMs} ms`);
        e.name = 'TimeoutError';
        throw e;
      }
      throw err;
    }
  };
}

/** The one Octokit every Shipgate module uses: retries, rate limits, timeouts, no token in logs. */
export function createGitHubClient(
  ctx: Pick<GitHubContext, 'apiUrl' | 'token'> & Partial<Pick<GitHubContext, 'requestTimeoutMs' | 'retryDelayMs'>>,
  options: GitHubClientOptions
): GitHubClient {
  const { logger } = options;
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const maxWait = options.maxRateLimitWaitMs ?? 5 * 60_000;
  const octokit = new ShipgateOctokit({
    auth: ctx.token,
    baseUrl: ctx.apiUrl,
    userAgent: options.userAgent ?? 'shipgate',
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => logger.debug(escapeLogText(m)),
      error: (m: string) => logger.debug(escapeLogText(m))
    },
    request: { fetch: timeoutFetch(options.timeoutMs ?? ctx.requestTimeoutMs ?? 10_000) },
    retry: { doNotRetry: DO_NOT_RETRY, retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? ctx.retryDelayMs ?? 1000 },
    throttle: {
      enabled: options.throttle?.enabled ?? true,
      // Declining here hands the error to the wrap below, so rate limits behave the same with
      // throttling on or off.
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false
    }
  });

  // Registered last, so it runs first. plugin-retry keeps its retry count on options.request,
  // which endpoint merging shares between calls; without a fresh object per call, a second
  // failing request waits as if it were on its fifth retry. before-after-hook hands every hook
  // the same options object (whatever a hook passes on is ignored), so the property is replaced
  // in place rather than passed down.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      requestOptions.request = { ...requestOptions.request, retryCount: 0 };
      try {
        return await request(requestOptions);
      } catch (err) {
        if (!isRateLimitError(err) || attempt >= rateLimitRetries) throw err;
        const wait = rateLimitWaitMs(err as RateLimitedError);
        if (wait > maxWait) throw err;
        logger.warning(
          `GitHub rate limit on ${requestOptions.method} ${new URL(requestOptions.url, 'http://x').pathname}: waiting ${Math.ceil(wait / 1000)} s before retrying.`
        );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  });
  return octokit;
}
