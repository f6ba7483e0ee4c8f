// Shared bits for tests that run the demo service behind the local target.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVICE = path.join(REPO, 'examples', 'service', 'server.mjs');
/** The demo service, started by bash from the repo (a trusted, fixed path). */
export const START = `node ${JSON.stringify(SERVICE)}`;

export function tempStateRoot(prefix = 'sg-local-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Tests ask the same question the target does.
export { processAlive as pidAlive } from '../../shared/process/alive.js';

export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 10_000, every = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

/** Sends n GETs one after another; tallies the answering version ("5xx" for server errors). */
export async function versionsAt(url: string, n: number, urlPath = '/'): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await fetch(new URL(urlPath, url));
    const body = await res.text();
    let key: string;
    if (res.status >= 500) key = '5xx';
    else {
      try {
        key = (JSON.parse(body) as { version: string }).version;
      } catch {
        key = `status ${res.status}`;
      }
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function readJsonFile<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
