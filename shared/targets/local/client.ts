import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Release } from '../../model/release.js';
import { statePaths } from './paths.js';
import type { DaemonInfo, DaemonStatus, DeployRequest, RollbackRequest, SamplesResponse } from './protocol.js';

/** The control socket did not answer: no daemon runs for this state dir. */
export class DaemonNotRunning extends Error {}

/** Talks to a local target daemon over its Unix socket (HTTP/JSON). */
export class DaemonClient {
  readonly stateDir: string;

  constructor(stateDir: string) {
    this.stateDir = statePaths(stateDir).root;
  }

  /** The recorded socket wins (the daemon may have had another temp dir); else the computed one. */
  get socketPath(): string {
    const paths = statePaths(this.stateDir);
    try {
      const info = JSON.parse(readFileSync(paths.daemonInfo, 'utf8')) as Partial<DaemonInfo>;
      const recorded = info.socket || info.socketPath;
      if (typeof recorded === 'string' && recorded) return recorded;
    } catch {
      // not started yet
    }
    return paths.socket;
  }

  request<T>(method: 'GET' | 'POST', urlPath: string, body?: unknown, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.socketPath,
          method,
          path: urlPath,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
          timeout: options.timeoutMs ?? 30_000,
          signal: options.signal,
          agent: false
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              reject(new Error(`The local target daemon answered ${method} ${urlPath} with something that is not JSON (HTTP ${res.statusCode}).`));
              return;
            }
            if ((res.statusCode ?? 500) >= 400) {
              const message = (parsed as { error?: string }).error ?? `HTTP ${res.statusCode}`;
              reject(new Error(message));
            } else resolve(parsed as T);
          });
          res.on('error', reject);
        }
      );
      req.on('timeout', () =>
        req.destroy(new Error(`The local target daemon did not answer ${method} ${urlPath} within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s.`))
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.name === 'AbortError') reject(new Error(`The request ${method} ${urlPath} to the local target was cancelled.`));
        else if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') reject(new DaemonNotRunning(`No local target daemon runs for ${this.stateDir}.`));
        else reject(err);
      });
      req.end(text);
    });
  }

  async ping(timeoutMs = 2000): Promise<DaemonStatus | null> {
    try {
      return await this.request<DaemonStatus>('GET', '/status', undefined, { timeoutMs });
    } catch {
      return null;
    }
  }

  status(): Promise<DaemonStatus> {
    return this.request('GET', '/status', undefined, { timeoutMs: 10_000 });
  }

  deploy(body: DeployRequest, signal?: AbortSignal): Promise<DaemonStatus> {
    // Covers the readiness wait plus unpacking a large artifact.
    return this.request('POST', '/deploy', body, { timeoutMs: body.readyTimeoutMs + 150_000, signal });
  }

  setWeight(percent: number): Promise<DaemonStatus> {
    return this.request('POST', '/weight', { percent });
  }

  promote(): Promise<DaemonStatus> {
    return this.request('POST', '/promote', {}, { timeoutMs: 60_000 });
  }

  /** No AbortSignal on purpose: a rollback runs to the end even when the job is cancelled. */
  rollback(body: RollbackRequest): Promise<DaemonStatus> {
    return this.request('POST', '/rollback', body, { timeoutMs: body.readyTimeoutMs + 150_000 });
  }

  samples(after: number, limit?: number, timeoutMs = 10_000): Promise<SamplesResponse> {
    const q = `after=${Math.max(0, Math.floor(after))}${limit ? `&limit=${limit}` : ''}`;
    return this.request('GET', `/samples?${q}`, undefined, { timeoutMs });
  }

  shutdown(): Promise<{ stopping: boolean }> {
    return this.request('POST', '/shutdown', {}, { timeoutMs: 5000 });
  }
}

export type { Release };
