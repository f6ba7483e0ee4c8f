import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * A small glob matcher over a directory walk (fs.promises.glob is Node 22+).
 *
 * Supported: `*` (any characters within one path segment, dotfiles included), `?` (one character
 * other than `/`), `**` (any number of segments, including none). Everything else is literal
 * (no `[...]`, `{a,b}` or `!`). A matched directory stands for every file below it, as with tar, so
 * `dist`, `dist/` and `dist/**` select the same files. Symbolic links are selected as links and
 * never followed (no cycles, nothing outside the tree). During a walk for a wildcard pattern,
 * `.git` directories are skipped; naming `.git` literally still selects it.
 */
export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function normalizePattern(pattern: string): string {
  let p = pattern.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' || p === '.' ? '**' : p;
}

/** The regular expression a (normalized) pattern stands for, over `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length;) {
    if (pattern.startsWith('**/', i)) {
      re += '(?:[^/]+/)*';
      i += 3;
    } else if (pattern.startsWith('/**', i) && i + 3 === pattern.length) {
      re += '(?:/.*)?';
      i += 3;
    } else if (pattern.startsWith('**', i)) {
      re += '.*';
      i += 2;
    } else {
      const c = pattern[i];
      re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`^${re}$`);
}

export interface MatchOptions {
  /** Absolute paths never selected (e.g. the output directory when it lies inside cwd). */
  exclude?: string[];
}

/** Files (and symlinks) selected by one pattern: sorted relative POSIX paths; [] when none. */
export async function matchPattern(cwd: string, rawPattern: string, options: MatchOptions = {}): Promise<string[]> {
  const pattern = normalizePattern(rawPattern);
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const out: string[] = [];
  if (!hasWildcard(pattern)) {
    await collect(cwd, pattern, exclude, out, false);
    return out.sort(byteOrder);
  }
  const segments = pattern.split('/');
  const firstWild = segments.findIndex(hasWildcard);
  const base = segments.slice(0, firstWild).join('/');
  const re = globToRegExp(pattern);
  const visit = async (rel: string): Promise<void> => {
    const abs = path.join(cwd, rel);
    if (exclude.has(abs)) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (exclude.has(path.join(cwd, childRel))) continue;
      if (e.isDirectory() && e.name === '.git') continue;
      if (re.test(childRel)) {
        await collect(cwd, childRel, exclude, out, true);
      } else if (e.isDirectory()) {
        await visit(childRel);
      }
    }
  };
  await visit(base);
  return [...new Set(out)].sort(byteOrder);
}

/** Adds `rel` if it is a file or link, or every file below it if it is a directory. */
async function collect(cwd: string, rel: string, exclude: Set<string>, out: string[], skipGit: boolean): Promise<void> {
  const abs = path.join(cwd, rel);
  if (exclude.has(abs)) return;
  let st: Stats;
  try {
    st = await fs.lstat(abs);
  } catch {
    return;
  }
  if (!st.isDirectory()) {
    out.push(rel);
    return;
  }
  const entries = await fs.readdir(abs, { withFileTypes: true });
  for (const e of entries) {
    if (skipGit && e.isDirectory() && e.name === '.git') continue;
    await collect(cwd, `${rel}/${e.name}`, exclude, out, skipGit);
  }
}

/** tar and sha256 tools compare bytes; so do we, for a file list independent of locale. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
