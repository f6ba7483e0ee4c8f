import { bodyExpectationProblem } from '../smoke/body-match.js';
import { parseStatusRanges } from '../smoke/status-range.js';
import type { SmokeTestOptions } from '../smoke/smoke-run.js';
import { InputError, MissingInputError } from './input-error.js';
import type { Inputs } from './parse.js';
import { environmentName, parseHeaders } from './common.js';

/** The smoke run's own options, plus what the action needs around it. */
export interface SmokeTestInputs extends Omit<SmokeTestOptions, 'logger' | 'signal' | 'maxBodyBytes'> {
  environment: string;
  githubToken: string;
  expectStatusText: string;
  statusContext: string;
}

export function parseSmokeTestInputs(inputs: Inputs): SmokeTestInputs {
  const urls = inputs.get('url');
  if (urls.length === 0) throw new MissingInputError('url', 'give one or more URLs to check, one per line');
  if (urls.length > 50) throw new InputError('url', `${urls.length} URLs`, 'give at most 50 URLs');
  const expectStatusText = inputs.get('expect-status');
  const expectStatus = parseStatusRanges(expectStatusText);
  if (!expectStatus) throw inputs.error('expect-status', expectStatusText, 'use status codes or ranges from 100 to 599, e.g. 200-399 or 200,204');
  const expectBody = inputs.get('expect-body');
  const problem = expectBody ? bodyExpectationProblem(expectBody) : null;
  if (problem) {
    throw inputs.error(
      'expect-body',
      expectBody,
      `RE2 cannot compile this /regex/flags (${problem}); write RE2 syntax, without backreferences or lookarounds, or text without the slashes to look for as it is`
    );
  }
  return {
    environment: environmentName(inputs),
    githubToken: inputs.get('github-token'),
    urls,
    expectStatus,
    expectStatusText,
    expectBody: expectBody || undefined,
    maxLatencyMs: inputs.get('max-latency'),
    requests: inputs.get('requests'),
    concurrency: inputs.get('concurrency'),
    timeoutMs: inputs.get('timeout'),
    retries: inputs.get('retries'),
    retryDelayMs: inputs.get('retry-delay'),
    headers: parseHeaders(inputs),
    statusContext: inputs.get('status-context')
  };
}
