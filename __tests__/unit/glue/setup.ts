// Shared pieces of the glue tests: a healthy loopback service, command-target inputs whose
// commands append one line per call to a log file, and fast rollout settings.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fakeTempDir, type InputMap } from '../../helpers/fake-runtime.js';

/** A loopback service answering every request with 200 JSON. */
export async function startHealthyService(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** A fresh log file path (not created: a test can check that no command ran). */
export function newLogFile(): string {
  return path.join(fakeTempDir('shipgate-glue-log-'), 'commands.log');
}

/** The lines the commands appended, oldest first ([] when no command ran). */
export function readLog(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/**
 * The command target's four commands. The commands get the process environment (not rt.env),
 * so the log path is written into the command text as a literal; test code, trusted.
 */
export function commandInputs(log: string): InputMap {
  const to = `>> '${log.replace(/'/g, `'\\''`)}'`;
  return {
    target: 'command',
    'deploy-command': `echo "deploy $SHIPGATE_VERSION prev=$SHIPGATE_PREVIOUS_VERSION" ${to}`,
    'shift-command': `echo "shift $SHIPGATE_VERSION $SHIPGATE_WEIGHT" ${to}`,
    'promote-command': `echo "promote $SHIPGATE_VERSION" ${to}`,
    'rollback-command': `echo "rollback $SHIPGATE_VERSION prev=$SHIPGATE_PREVIOUS_VERSION" ${to}`
  };
}

/** Settings that let a healthy canary pass two steps in a few seconds. */
export const FAST: InputMap = {
  steps: '50,100',
  'step-duration': '5s',
  'probe-rate': 100,
  'error-tolerance': 0.05,
  'max-latency': 2000,
  'min-samples': 20
};

/** One sentence: no line break, one final full stop. */
export const ONE_SENTENCE = /^[^\n]+\.$/;
