import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../util/atomic-write.js';
import { processAlive } from '../process/alive.js';
import { promises as fs, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Release } from '../model/release.js';
import type { BeginOptions, DeploymentRecord, DeploymentState, EnvironmentView, Ledger, OwnerState, RecordDetails, RunOwner } from '../ports/ledger.js';
import { activeRollouts } from './progress.js';
import { processOwnerState } from './owner.js';
import { formatDuration } from '../util/duration.js';

export const LEDGER_SCHEMA = 'shipgate/ledger@1' as const;

export interface FileLedgerOptions {
  /** The JSON file; created on the first write. */
  path: string;
  /** How long a writer waits for the lock before giving up (default 15 s). */
  lockWaitMs?: number;
  /** A lock older than this is taken over (default 30 s); so is one whose owner process is gone. */
  staleLockMs?: number;
}

/** What is kept on disk per deployment: the port's record plus what lastGood needs. */
interface StoredRecord extends DeploymentRecord {
  payload?: Record<string, unknown>;
  /**
   * Set when a newer success of the environment made this success `inactive` (like GitHub's
   * auto_inactive): the record still counts as a known good version for lastGood.
   */
  supersededBy?: string;
}

interface LedgerFile {
  schema: typeof LEDGER_SCHEMA;
  /** Next deployment id; ids increase per file, across environments. */
  nextId: number;
  /** Oldest first on disk. */
  environments: Record<string, StoredRecord[]>;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: string;
}

/**
 * A ledger in one JSON file, for local use and CI systems other than GitHub. Writers take an
 * O_EXCL lock file next to it and replace the file atomically (temp file, fsync, rename), so
 * concurrent writers lose nothing and readers never see a partial file.
 */
export class FileLedger implements Ledger {
  readonly name = 'file';
  get where(): string {
    return `the ledger file ${this.file}`;
  }
  private readonly file: string;
  private readonly lockFile: string;

  constructor(private readonly options: FileLedgerOptions) {
    this.file = path.resolve(options.path);
    this.lockFile = `${this.file}.lock`;
  }

  async begin(o: BeginOptions): Promise<DeploymentRecord> {
    return this.update((data) => {
      const now = new Date().toISOString();
      const record: StoredRecord = {
        id: String(data.nextId++),
        environment: o.environment,
        release: { ...o.release },
        state: 'in_progress',
        kind: o.kind,
        createdAt: now,
        updatedAt: now,
        description: o.description,
        ...(o.logUrl ? { logUrl: o.logUrl } : {}),
        ...(o.environmentUrl ? { environmentUrl: o.environmentUrl } : {}),
        ...(o.payload ? { payload: o.payload } : {}),
        ...(o.rollout ? { rollout: o.rollout } : {}),
        ...(o.progress ? { progress: o.progress } : {})
      };
      (data.environments[o.environment] ??= []).push(record);
      return toPublic(record);
    });
  }

  async record(id: string, state: DeploymentState, details: RecordDetails): Promise<void> {
    await this.update((data) => {
      const found = findRecord(data, id);
      if (!found) throw new Error(`Deployment ${id} is not in the ledger file ${this.file}.`);
      const now = new Date().toISOString();
      found.state = state;
      found.description = details.description;
      found.updatedAt = now;
      if (details.logUrl) found.logUrl = details.logUrl;
      if (details.environmentUrl) found.environmentUrl = details.environmentUrl;
      // Only an unfinished rollout has a progress.
      if ((state === 'in_progress' || state === 'pending') && details.progress) found.progress = details.progress;
      else delete found.progress;
      // Recorded explicitly (inactive, failure, ...): no longer an automatic supersession.
      delete found.supersededBy;
      if (state === 'success') {
        for (const other of data.environments[found.environment] ?? []) {
          if (other.id !== id && other.state === 'success') {
            other.state = 'inactive';
            other.supersededBy = id;
            other.updatedAt = now;
          }
        }
      }
    });
  }

  /**
   * The newest deployment that succeeded and was not marked otherwise since: `success`, or made
   * `inactive` only because a newer success replaced it. Needed for "the last good version other
   * than the failing one", which is usually an older, superseded success.
   */
  async lastGood(environment: string, options: { excludeVersion?: string } = {}): Promise<DeploymentRecord | null> {
    const list = (await this.read()).environments[environment] ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i];
      if (options.excludeVersion !== undefined && r.release.version === options.excludeVersion) continue;
      if (r.state === 'success' || (r.state === 'inactive' && r.supersededBy !== undefined)) return toPublic(r);
    }
    return null;
  }

  async view(environment: string, options: { excludeVersion?: string } = {}): Promise<EnvironmentView> {
    const [lastGood, history] = await Promise.all([this.lastGood(environment, options), this.history(environment, 30)]);
    return { lastGood, active: activeRollouts(history), history };
  }

  /** The file has no run registry: the owner's process tells (on this machine). */
  ownerState(owner: RunOwner): Promise<OwnerState> {
    return Promise.resolve(processOwnerState(owner));
  }

  async history(environment: string, limit = 10): Promise<DeploymentRecord[]> {
    const list = (await this.read()).environments[environment] ?? [];
    return list
      .slice(Math.max(0, list.length - Math.max(0, limit)))
      .reverse()
      .map(toPublic);
  }

  /** Every environment the file knows. */
  async environments(): Promise<string[]> {
    return Object.keys((await this.read()).environments).sort();
  }

  private async read(): Promise<LedgerFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { schema: LEDGER_SCHEMA, nextId: 1, environments: {} };
      throw new Error(`The ledger file ${this.file} could not be read (${code ?? 'error'}).`, { cause: err });
    }
    return parseLedger(text, this.file);
  }

  private async update<T>(change: (data: LedgerFile) => T): Promise<T> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const release = await this.lock();
    try {
      const data = await this.read();
      const result = change(data);
      await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`);
      return result;
    } finally {
      await release();
    }
  }

  private async lock(): Promise<() => Promise<void>> {
    const waitMs = this.options.lockWaitMs ?? 15_000;
    const staleMs = this.options.staleLockMs ?? 30_000;
    const info: LockInfo = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const h = await fs.open(this.lockFile, 'wx');
        try {
          await h.writeFile(JSON.stringify(info));
        } finally {
          await h.close();
        }
        return async () => {
          // Only remove the lock if it is still ours (it may have been taken over as stale).
          const now = await readLock(this.lockFile);
          if (now?.token === info.token) await fs.rm(this.lockFile, { force: true });
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new Error(`Could not lock the ledger file ${this.file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: err });
        }
      }
      if (await this.breakStaleLock(staleMs)) continue;
      if (Date.now() > deadline) {
        throw new Error(
          `Could not lock the ledger file ${this.file} within ${formatDuration(waitMs)}: ${this.lockFile} is held by another process (delete it if no Shipgate run is active).`
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 2) + Math.random() * 10));
    }
  }

  /** Takes over a lock whose owner is gone or that is older than `staleMs`; true if it did. */
  private async breakStaleLock(staleMs: number): Promise<boolean> {
    let st: Stats;
    try {
      st = await fs.stat(this.lockFile);
    } catch {
      return true; // released meanwhile: try again at once
    }
    const held = await readLock(this.lockFile);
    // A lock file without content may be one being written right now: only age can make it stale.
    const ownerGone = held !== null && held.host === os.hostname() && !processAlive(held.pid);
    if (!ownerGone && Date.now() - st.mtimeMs <= staleMs) return false;
    // Rename first: of several processes that saw the same stale lock, only one wins.
    const aside = `${this.lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fs.rename(this.lockFile, aside);
    } catch {
      return true;
    }
    const moved = await readLock(aside);
    if (held && moved && moved.token !== held.token) {
      // We moved a fresh lock that replaced the stale one: put it back if nobody took the place.
      await fs.link(aside, this.lockFile).catch(() => {});
    }
    await fs.rm(aside, { force: true });
    return true;
  }
}

function toPublic(r: StoredRecord): DeploymentRecord {
  const { payload: _p, supersededBy: _s, ...rest } = r;
  return { ...rest, release: { ...r.release } };
}

function findRecord(data: LedgerFile, id: string): StoredRecord | undefined {
  for (const list of Object.values(data.environments)) {
    const r = list.find((x) => x.id === id);
    if (r) return r;
  }
  return undefined;
}

const STATES: ReadonlySet<string> = new Set(['pending', 'in_progress', 'success', 'failure', 'error', 'inactive']);

export function parseLedger(text: string, file: string): LedgerFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`The ledger file ${file} is not valid JSON (it may be corrupted): fix or delete it.`);
  }
  const bad = (what: string): never => {
    throw new Error(`The ledger file ${file} is not a valid Shipgate ledger: ${what}.`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('it is not a JSON object');
  const d = data as Partial<LedgerFile>;
  if (d.schema !== LEDGER_SCHEMA) bad(`"schema" must be "${LEDGER_SCHEMA}"`);
  if (typeof d.environments !== 'object' || d.environments === null || Array.isArray(d.environments)) bad('"environments" must be an object');
  let maxId = 0;
  for (const [env, list] of Object.entries(d.environments!)) {
    if (!Array.isArray(list)) bad(`"environments.${env}" must be an array`);
    for (const r of list) {
      if (
        typeof r !== 'object' ||
        r === null ||
        typeof r.id !== 'string' ||
        !STATES.has(r.state) ||
        typeof (r.release as Release | undefined)?.version !== 'string'
      ) {
        bad(`a record of "${env}" lacks an id, a valid state or a release version`);
      }
      maxId = Math.max(maxId, Number(r.id) || 0);
    }
  }
  const nextId = typeof d.nextId === 'number' && d.nextId > maxId ? d.nextId : maxId + 1;
  return { schema: LEDGER_SCHEMA, nextId, environments: d.environments! };
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
    return typeof info?.pid === 'number' && typeof info.token === 'string' ? info : null;
  } catch {
    return null;
  }
}
