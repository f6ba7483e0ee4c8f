import { promises as fs } from 'node:fs';
import type { ReleaseManifest } from '../model/release.js';
import { isValidVersion } from './version.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export const MANIFEST_SCHEMA = 'shipgate/release@1' as const;

/** Writes the manifest atomically (temp file + rename), so a reader never sees half of it. */
export async function writeManifest(file: string, manifest: ReleaseManifest): Promise<void> {
  const checked = validateManifest(manifest, file);
  await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
}

export async function readManifest(file: string): Promise<ReleaseManifest> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `The release manifest ${file} does not exist.` : `The release manifest ${file} could not be read (${code ?? 'error'}).`,
      { cause: err }
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`The release manifest ${file} is not valid JSON.`);
  }
  return validateManifest(data, file);
}

/** Checks every field; throws one sentence naming the first bad field. Returns a clean copy. */
export function validateManifest(data: unknown, file = 'given'): ReleaseManifest {
  const bad = (field: string, what: string): never => {
    throw new Error(`The release manifest ${file} is malformed: "${field}" ${what}.`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('(root)', 'must be a JSON object');
  const m = data as Record<string, unknown>;
  if (m.schema !== MANIFEST_SCHEMA) bad('schema', `must be "${MANIFEST_SCHEMA}"`);
  if (typeof m.version !== 'string' || !isValidVersion(m.version))
    bad('version', 'must be 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
  if (typeof m.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(m.digest)) bad('digest', 'must be "sha256:" followed by 64 lowercase hex digits');
  if (typeof m.commit !== 'string') bad('commit', 'must be a string (empty when unknown)');
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) bad('createdAt', 'must be an ISO 8601 date');
  if (typeof m.artifact !== 'string' || m.artifact === '') bad('artifact', 'must be a non-empty path');
  if (!Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) bad('files', 'must be an array of paths');
  if (typeof m.sizeBytes !== 'number' || !Number.isInteger(m.sizeBytes) || m.sizeBytes < 0) bad('sizeBytes', 'must be a non-negative integer');
  return {
    schema: MANIFEST_SCHEMA,
    version: m.version as string,
    digest: m.digest as string,
    commit: m.commit as string,
    createdAt: m.createdAt as string,
    artifact: m.artifact as string,
    files: [...(m.files as string[])],
    sizeBytes: m.sizeBytes as number
  };
}
