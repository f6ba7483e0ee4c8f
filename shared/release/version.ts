import { VERSION_PATTERN } from '../inputs/version.js';

// One regex for inputs and derived versions, so a derived version always passes input validation.
export { VERSION_PATTERN };

export function isValidVersion(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

export interface VersionSource {
  /** The commit (GITHUB_SHA). */
  sha: string;
  /** The ref (GITHUB_REF); not used for the version today, kept so callers need not change. */
  ref?: string;
  runNumber?: number | string;
}

/**
 * `sha-<7 hex>` from the commit, with `.<run>` appended when a run number is given (so rebuilding a
 * commit yields distinct versions only when asked). Without a usable sha: `build-<run>` or
 * `build-<UTC timestamp>`.
 */
export function deriveVersion(source: VersionSource): string {
  const sha = source.sha.trim().toLowerCase();
  const run = source.runNumber === undefined || source.runNumber === '' ? '' : String(source.runNumber).replace(/[^0-9]/g, '');
  if (/^[0-9a-f]{7,64}$/.test(sha)) return `sha-${sha.slice(0, 7)}${run ? `.${run}` : ''}`;
  if (run) return `build-${run}`;
  return `build-${new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}
