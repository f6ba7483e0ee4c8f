import { parseStatusRanges } from '../smoke/status-range.js';
import type { SmokeTestOptions } from '../smoke/smoke-run.js';
import { InputError, MissingInputError } from './input-error.js';
import { Inputs } from './parse.js';
import { environmentName, parseHeaders } from './common.js';

/** The smoke run's own options, plus what the action needs around it. */
export interface SmokeTestInputs extends Omit<SmokeTestOptions, 'logger' | 'signal' | 'maxBodyBytes'> {
  environment: string;
  githubToken: string;
  expectStatusText: string;
  statusContext: string;
}

export function parseSmokeTestInputs(inputs: Inputs): SmokeTestInputs {
  const urls = inputs.urls('url');
  if (urls.length === 0) throw new MissingInputError('url', 'give one or more URLs to check, one per line');
  if (urls.length > 50) throw new InputError('url', `${urls.length} URLs`, 'give at most 50 URLs');
  const expectStatusText = inputs.string('expect-status', '200-399');
  const expectStatus = parseStatusRanges(expectStatusText);
  if (!expectStatus) throw new InputError('expect-status', expectStatusText, 'use status codes or ranges from 100 to 599, e.g. 200-399 or 200,204');
  return {
    environment: environmentName(inputs),
    githubToken: inputs.string('github-token'),
    urls,
    expectStatus,
    expectStatusText,
    expectBody: inputs.string('expect-body') || undefined,
    maxLatencyMs: inputs.raw('max-latency') ? inputs.integer('max-latency', 0, 1, 600_000) : undefined,
    requests: inputs.integer('requests', 1, 1, 10_000),
    concurrency: inputs.integer('concurrency', 4, 1, 256),
    timeoutMs: inputs.duration('timeout', 10_000, 100, 300_000),
    retries: inputs.integer('retries', 2, 0, 20),
    retryDelayMs: inputs.duration('retry-delay', 1000, 0, 300_000),
    headers: parseHeaders(inputs),
    statusContext: inputs.string('status-context')
  };
}
