// A real nginx (Debian's) on loopback for router tests: its own prefix dir in a temp folder, a
// server that includes the Shipgate-owned upstream file, and the JSON access log DESIGN.md gives.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from './prometheus.js';

export const NGINX_BIN = process.env.NGINX_BIN || '/usr/sbin/nginx';

/** The access-log format Shipgate reads, exactly as DESIGN.md gives it. */
export const SHIPGATE_LOG_FORMAT =
  `log_format shipgate_json escape=json '{"time_iso8601":"$time_iso8601","msec":"$msec",` +
  `"status":"$status","upstream_addr":"$upstream_addr","upstream_status":"$upstream_status",` +
  `"request_time":"$request_time","upstream_response_time":"$upstream_response_time"}';`;

export interface RunningNginx {
  /** The prefix dir (temp). */
  dir: string;
  port: number;
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The Shipgate-owned upstream file, alone in its own directory. */
  confPath: string;
  /** The main config (the user's, never written by the router). */
  mainConf: string;
  accessLog: string;
  upstream: string;
  /** Command text for the router: `nginx -e stderr -p <dir>/ -c nginx.conf -t`. */
  testCommand: string;
  /** Command text for the router: `... -s reload`. */
  reloadCommand: string;
  /** What nginx printed to stderr so far (its error log). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  stableServer: string;
  canaryServer: string;
  upstream?: string;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function assertInstalled(): void {
  try {
    accessSync(NGINX_BIN, constants.X_OK);
  } catch {
    // Throw, never skip: a missing binary must turn the integration test red.
    throw new Error(`nginx is not installed at ${NGINX_BIN}: apt-get install nginx (.ci/run does this)`);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 204;
  } catch {
    return false;
  }
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  assertInstalled();
  const upstream = options.upstream ?? 'shipgate';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-nginx-'));
  // Workers drop to `nobody` when the tests run as root; they must reach the temp paths.
  chmodSync(dir, 0o755);
  const confDir = path.join(dir, 'shipgate');
  mkdirSync(confDir);
  const confPath = path.join(confDir, 'upstream.conf');
  const accessLog = path.join(dir, 'access.log');
  const mainConf = path.join(dir, 'nginx.conf');
  const port = await freePort();
  // Before the router's first write nginx needs an upstream to start with: all on stable.
  writeFileSync(confPath, `upstream ${upstream} {\n    server ${options.stableServer};\n    server ${options.canaryServer} down;\n}\n`);
  writeFileSync(
    mainConf,
    [
      'daemon off;',
      'pid nginx.pid;',
      'error_log stderr;',
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      `  client_body_temp_path ${path.join(dir, 'client_body')};`,
      `  proxy_temp_path ${path.join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${path.join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${path.join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${path.join(dir, 'scgi')};`,
      `  ${SHIPGATE_LOG_FORMAT}`,
      `  access_log ${accessLog} shipgate_json;`,
      `  include ${confPath};`,
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    location = /nginx-ready { access_log off; return 204; }',
      '    location / {',
      `      proxy_pass http://${upstream};`,
      '      proxy_next_upstream off;',
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '    }',
      '  }',
      '}',
      ''
    ].join('\n')
  );
  const base = `${quote(NGINX_BIN)} -e stderr -p ${quote(`${dir}/`)} -c nginx.conf`;
  const child = spawn(NGINX_BIN, ['-e', 'stderr', '-p', `${dir}/`, '-c', 'nginx.conf'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  let spawnError: Error | null = null;
  child.once('error', (err) => (spawnError = err));

  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await answers(`${url}nginx-ready`))) {
    const failed = spawnError ?? (child.exitCode !== null || child.signalCode !== null ? `exited with ${child.exitCode ?? child.signalCode}` : null);
    if (failed || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start: ${String(failed ?? 'not ready within 10 s')}. stderr: ${stderr.slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    dir,
    port,
    url,
    confPath,
    mainConf,
    accessLog,
    upstream,
    testCommand: `${base} -t`,
    reloadCommand: `${base} -s reload`,
    stderr: () => stderr,
    stop
  };
}
