// A real HAProxy (Debian's 2.6) on loopback for router tests: one frontend, one backend with two
// servers, `stable` (weight 100) and `canary` (weight 0), and an admin runtime API socket.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HaproxyRuntimeApi } from '../../shared/routers/haproxy/runtime-api.js';
import { freePort, stopProcess } from './prometheus.js';

export const HAPROXY_BIN = process.env.HAPROXY_BIN || '/usr/sbin/haproxy';

export interface HaproxyOptions {
  /** `127.0.0.1:<port>` of the stable server. */
  stable: string;
  /** `127.0.0.1:<port>` of the canary server. */
  canary: string;
  /** Declare `server-state-file` + `load-server-state-from-file global`, so a reload keeps runtime weights. */
  stateFile?: boolean;
}

export interface RunningHaproxy {
  dir: string;
  config: string;
  /** The admin runtime API socket. */
  socket: string;
  /** Where HAProxy loads server state from on start (set only with `stateFile: true`). */
  stateFile: string | undefined;
  backend: 'app';
  /** `http://127.0.0.1:<port>/`, the frontend. */
  url: string;
  /** The OS pid of the process serving now. */
  pid(): number;
  /** One runtime API command, HAProxy's reply as is. */
  send(command: string): Promise<string>;
  /**
   * A reload as HAProxy does it: a new process with the same config and `-sf <old pid>`; it takes
   * over the listening port (SO_REUSEPORT) and the socket, then tells the old one to finish its
   * requests and exit. Resolves once the new process answers on the socket and the old one is gone.
   */
  reload(): Promise<void>;
  /** Stops HAProxy and removes its folder. */
  stop(): Promise<void>;
}

export const BACKEND = 'app';

function renderConfig(o: { socket: string; stateFile?: string; port: number; stable: string; canary: string }): string {
  return [
    'global',
    `  stats socket ${o.socket} mode 600 level admin`,
    ...(o.stateFile ? [`  server-state-file ${o.stateFile}`] : []),
    'defaults',
    '  mode http',
    ...(o.stateFile ? ['  load-server-state-from-file global'] : []),
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    // A failed canary request must show as a failure, not be retried on stable.
    '  retries 0',
    'frontend fe',
    `  bind 127.0.0.1:${o.port}`,
    `  default_backend ${BACKEND}`,
    `backend ${BACKEND}`,
    '  balance roundrobin',
    '  no option redispatch',
    '  retries 0',
    `  server stable ${o.stable} weight 100`,
    `  server canary ${o.canary} weight 0`,
    ''
  ].join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startHaproxy(options: HaproxyOptions): Promise<RunningHaproxy> {
  try {
    accessSync(HAPROXY_BIN, constants.X_OK);
  } catch {
    // Throw, never skip: a missing binary must turn the integration test red.
    throw new Error(`haproxy is not installed at ${HAPROXY_BIN}: apt-get install haproxy (.ci/run does this)`);
  }
  for (const addr of [options.stable, options.canary]) {
    if (!/^127\.\d+\.\d+\.\d+:\d+$/.test(addr)) throw new Error(`test HAProxy: server address ${addr} is not a 127.0.0.0/8 host:port`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-hap-'));
  const socket = path.join(dir, 'admin.sock');
  const stateFile = options.stateFile ? path.join(dir, 'state') : undefined;
  const config = path.join(dir, 'haproxy.cfg');
  const port = await freePort();
  writeFileSync(config, renderConfig({ socket, stateFile, port, stable: options.stable, canary: options.canary }));
  const api = new HaproxyRuntimeApi(socket, 2000);
  let stderr = '';

  const launch = (previous?: ChildProcess): ChildProcess => {
    const args = ['-db', '-f', config, ...(previous?.pid ? ['-sf', String(previous.pid)] : [])];
    const child = spawn(HAPROXY_BIN, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
    });
    return child;
  };

  /** Until `show info` names this child's pid: the socket is its, and its config is loaded. */
  const ready = async (child: ChildProcess): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`haproxy exited with ${child.exitCode ?? child.signalCode}. stderr: ${stderr.slice(-1500)}`);
      try {
        const info = await api.send('show info');
        if (new RegExp(`^Pid: ${child.pid}$`, 'm').test(info)) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`haproxy did not answer on ${socket} within 10 s. stderr: ${stderr.slice(-1500)}`);
      await sleep(20);
    }
  };

  let child = launch();
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready(child);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    dir,
    config,
    socket,
    stateFile,
    backend: BACKEND,
    url: `http://127.0.0.1:${port}/`,
    pid: () => child.pid ?? 0,
    send: (command) => api.send(command),
    async reload() {
      const old = child;
      child = launch(old);
      await ready(child);
      // The old process finishes its requests and exits on its own (-sf sends it SIGUSR1); a
      // keep-alive client can hold it briefly, so give it a few seconds before forcing it.
      if (old.exitCode === null && old.signalCode === null) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          old.once('exit', () => resolve());
          timer = setTimeout(resolve, 5000);
        });
        clearTimeout(timer);
      }
      await stopProcess(old, 1000);
    },
    stop
  };
}

// ---------------------------------------------------------------------------------------------
// A stand-in for HAProxy's runtime API for unit tests: a real Unix-socket server that answers the
// commands the router and the stats source send, the way 2.6 does (replies and error texts copied
// from the real one), over a small model of one backend. Tests can override any reply.

export interface FakeServer {
  weight: number;
  initial: number;
  status: string;
  req_tot: number;
  stot: number;
  hrsp_5xx: number;
  econ: number;
  eresp: number;
  ttime: number;
  rtime: number;
}

export interface FakeHaproxy {
  socket: string;
  /** Every command received, in order. */
  commands: string[];
  backend: string;
  algo: string;
  level: string;
  pid: number;
  servers: Map<string, FakeServer>;
  /** Return a string to answer a command instead of the model (or undefined to let the model answer). */
  override: (command: string) => string | undefined;
  /** Accept connections but never answer (a stuck HAProxy): the client's timeout must fire. */
  hangUp: boolean;
  close(): Promise<void>;
}

const SHOW_STAT_HEADER = '# pxname,svname,stot,econ,eresp,status,weight,hrsp_5xx,req_tot,rtime,ttime,algo,';

function fakeServer(weight: number): FakeServer {
  return { weight, initial: weight, status: 'no check', req_tot: 0, stot: 0, hrsp_5xx: 0, econ: 0, eresp: 0, ttime: 0, rtime: 0 };
}

function answer(fake: FakeHaproxy, command: string): string {
  const own = fake.override(command);
  if (own !== undefined) return own;
  const server = (ref: string): FakeServer | string => {
    const [b, s] = ref.split('/');
    if (b !== fake.backend) return 'No such backend.\n\n';
    return fake.servers.get(s) ?? 'No such server.\n\n';
  };
  let m: RegExpExecArray | null;
  if (command === 'show cli level') return `${fake.level}\n\n`;
  if (command === 'show info') return `Name: HAProxy\nVersion: 2.6.12\nPid: ${fake.pid}\n\n`;
  if (command === 'show backend') return `# name\n${fake.backend}\n\n`;
  if ((m = /^get weight (\S+)$/.exec(command))) {
    const s = server(m[1]);
    return typeof s === 'string' ? s : `${s.weight} (initial ${s.initial})\n\n`;
  }
  if ((m = /^set weight (\S+) (\S+)$/.exec(command))) {
    const s = server(m[1]);
    if (typeof s === 'string') return s;
    const n = Number(m[2]);
    if (!/^\d+$/.test(m[2])) return 'Empty weight string empty or preceded by garbage\n';
    if (n > 256) return 'Absolute weight can only be between 0 and 256 inclusive.\n\n';
    s.weight = n;
    return '\n';
  }
  if ((m = /^set server (\S+) state (ready|maint|drain)$/.exec(command))) {
    const s = server(m[1]);
    if (typeof s === 'string') return s;
    s.status = m[2] === 'ready' ? 'no check' : m[2].toUpperCase();
    return '\n';
  }
  if ((m = /^show stat (\S+) (\d+) -1$/.exec(command))) {
    if (m[1] !== fake.backend) return 'No such proxy.\n\n';
    const rows = [...fake.servers].map(
      ([name, s]) => `${fake.backend},${name},${s.stot},${s.econ},${s.eresp},${s.status},${s.weight},${s.hrsp_5xx},${s.req_tot},${s.rtime},${s.ttime},,`
    );
    if (Number(m[2]) & 2) rows.push(`${fake.backend},BACKEND,0,0,0,UP,100,0,0,0,0,${fake.algo},`);
    return `${SHOW_STAT_HEADER}\n${rows.join('\n')}\n\n`;
  }
  if (command === 'show servers state') {
    const rows = [...fake.servers].map(
      ([name, s], i) => `3 ${fake.backend} ${i + 1} ${name} 127.0.0.1 2 ${s.status === 'MAINT' ? 1 : 0} ${s.weight} ${s.initial}`
    );
    return `1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight\n${rows.join('\n')}\n\n`;
  }
  return 'Unknown command, but maybe one of the following ones is a better match:\n  help\n\n';
}

export async function startFakeHaproxy(options: { backend?: string; servers?: Record<string, number> } = {}): Promise<FakeHaproxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-fakehap-'));
  const socket = path.join(dir, 'admin.sock');
  const fake: FakeHaproxy = {
    socket,
    commands: [],
    backend: options.backend ?? BACKEND,
    algo: 'roundrobin',
    level: 'admin',
    pid: 100,
    servers: new Map(Object.entries(options.servers ?? { stable: 100, canary: 0 }).map(([k, w]) => [k, fakeServer(w)])),
    override: () => undefined,
    hangUp: false,
    close: async () => {
      for (const c of open) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const open = new Set<net.Socket>();
  const server = net.createServer((conn) => {
    open.add(conn);
    conn.on('close', () => open.delete(conn));
    // A stuck HAProxy: the connection is accepted and nothing ever comes back.
    if (fake.hangUp) return;
    let buf = '';
    conn.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl === -1) return;
      const command = buf.slice(0, nl);
      fake.commands.push(command);
      conn.end(answer(fake, command));
    });
    conn.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return fake;
}
