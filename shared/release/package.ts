import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { childEnv } from '../process/env.js';
import { byteOrder, matchPattern } from './glob.js';
import { isValidVersion } from './version.js';

export interface PackageOptions {
  /** Paths or globs relative to `cwd` (see glob.ts for the syntax). */
  patterns: string[];
  cwd: string;
  /** Where `<version>.tar.gz` is written (created if missing; never packaged itself). */
  outDir: string;
  version: string;
  logger?: Logger;
}

export interface PackageResult {
  /** Absolute path of the `.tar.gz`. */
  path: string;
  /** Packaged files, relative POSIX paths in byte order (the order inside the archive). */
  files: string[];
  sizeBytes: number;
  /** `sha256:<hex>` of the archive. */
  digest: string;
}

/**
 * Packages the matched files into a reproducible `.tar.gz`: the same file contents and modes give
 * the same bytes (sorted names, mtime 0, owner 0, normalized permission bits, gzip without a
 * name or timestamp).
 */
export async function packageArtifact(options: PackageOptions): Promise<PackageResult> {
  if (!isValidVersion(options.version)) {
    throw new Error(`The version ${JSON.stringify(options.version)} cannot name an artifact: use 1 to 64 letters, digits, ".", "_", "+" or "-".`);
  }
  if (options.patterns.length === 0) throw new Error('No artifact paths were given: name the files or globs to package.');
  const cwd = path.resolve(options.cwd);
  const outDir = path.resolve(options.outDir);
  const selected = new Set<string>();
  for (const pattern of options.patterns) {
    const matched = await matchPattern(cwd, pattern, { exclude: [outDir] });
    if (matched.length === 0) {
      throw new Error(`The artifact pattern ${JSON.stringify(pattern)} matched no files in ${cwd}.`);
    }
    for (const f of matched) selected.add(f);
  }
  const files = [...selected].sort(byteOrder);
  await fs.mkdir(outDir, { recursive: true });
  const target = path.join(outDir, `${options.version}.tar.gz`);
  const tmp = path.join(outDir, `.${options.version}.${process.pid}.${Date.now()}.tmp`);
  const list = `${tmp}.list`;
  await fs.writeFile(list, files.map((f) => `${f}\0`).join(''));
  try {
    await tar(
      [
        '--sort=name',
        '--format=gnu',
        '--mtime=@0',
        '--owner=0',
        '--group=0',
        '--numeric-owner',
        // umask differences between machines must not change the digest.
        '--mode=a+rX,u+w,go-w',
        '--no-recursion',
        '--null',
        '--verbatim-files-from',
        '--use-compress-program=gzip -n',
        '-cf',
        tmp,
        '-C',
        cwd,
        '-T',
        list
      ],
      options.logger
    );
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  } finally {
    await fs.rm(list, { force: true });
  }
  const { size } = await fs.stat(target);
  return { path: target, files, sizeBytes: size, digest: await sha256File(target) };
}

function tar(args: string[], logger?: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    // `gzip -n` above rather than GZIP=-n: gzip 1.12 warns that the GZIP variable is deprecated.
    execFile('tar', args, { env: childEnv(process.env, { kind: 'tool', extra: { LC_ALL: 'C' } }), maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      for (const line of String(stderr).split('\n').filter(Boolean).slice(0, 20)) logger?.warning(`tar: ${escapeLogText(line)}`);
      const code = (err as NodeJS.ErrnoException).code;
      reject(
        new Error(
          code === 'ENOENT'
            ? 'Packaging the artifact needs GNU tar, and tar was not found on PATH.'
            : `Packaging the artifact failed: tar exited with code ${String(code ?? err.message)}.`
        )
      );
    });
  });
}

/** `sha256:<hex>` of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
