import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { DaemonState, RolesView } from './daemon-state.js';
import { RequestError, type DaemonStatus, type DeployRequest, type RollbackRequest } from './protocol.js';
import type { OutcomeRing, ProxyPorts } from './proxy.js';

export interface ControlServerOptions {
  state: DaemonState;
  /** Outcomes the proxy recorded (GET /samples). */
  ring: OutcomeRing;
  ports: ProxyPorts;
  startedAt: string;
  /** POST /shutdown: called once the answer is on its way. */
  onShutdown(): void;
}

/**
 * The daemon's control API: HTTP/JSON over its Unix socket (see protocol.ts and client.ts), the
 * way each short-lived action process talks to the daemon. Reads answer at once; mutations go
 * through the DaemonState, one at a time.
 */
export class ControlServer {
  private readonly server = http.createServer((req, res) => {
    void this.route(req).then(
      (body) => reply(res, 200, body),
      (err: Error) => reply(res, err instanceof RequestError ? err.status : 500, { error: err.message })
    );
  });

  constructor(private readonly options: ControlServerOptions) {}

  /** Listens on the socket, owner-only. */
  async listen(socketPath: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => resolve());
    });
    await fs.chmod(socketPath, 0o600);
  }

  /** Stops listening and drops every open connection. */
  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  status(view: RolesView = this.options.state.view()): DaemonStatus {
    const { ports, ring, startedAt } = this.options;
    return { pid: process.pid, startedAt, stable: view.stable, canary: view.canary, weight: view.weight, ports, lastSeq: ring.lastSeq, known: view.known };
  }

  private async route(req: http.IncomingMessage): Promise<unknown> {
    const { state, ring } = this.options;
    const url = new URL(req.url ?? '/', 'http://daemon');
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case 'GET /status':
        return this.status();
      case 'GET /samples': {
        const after = Number(url.searchParams.get('after') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '20000');
        return { ...ring.after(Number.isFinite(after) ? after : 0, Number.isFinite(limit) && limit > 0 ? Math.min(limit, 50_000) : 20_000), pid: process.pid };
      }
      case 'POST /deploy':
        return this.status(await state.deploy((await readJson(req)) as DeployRequest));
      case 'POST /weight':
        return this.status(await state.setWeight(Number(((await readJson(req)) as { percent: unknown }).percent)));
      case 'POST /promote':
        return this.status(await state.promote());
      case 'POST /rollback':
        return this.status(await state.rollback((await readJson(req)) as RollbackRequest));
      case 'POST /shutdown':
        setImmediate(() => this.options.onShutdown());
        return { stopping: true };
      default:
        throw new RequestError(`Unknown control request ${key}.`, 404);
    }
  }
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) {
        reject(new RequestError('Control request too large.', 413));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new RequestError('Control request is not JSON.', 400));
      }
    });
    req.on('error', reject);
  });
}

function reply(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
