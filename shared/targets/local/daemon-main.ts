// Entry of the detached local target daemon (bundled as dist/local-daemon/index.js):
//   node daemon-main.js --state-dir <dir> [--proxy-port <n>]
// Its stdout/stderr go to <stateDir>/daemon.log; it lives until a shutdown request, SIGTERM or
// SIGINT, or until its state dir is removed.
import { parseArgs } from 'node:util';
import type { Logger } from '../../util/log.js';
import { DaemonAlreadyRunning, startDaemon, type DaemonHandle } from './daemon.js';
import { PortInUseError } from './protocol.js';

const line = (level: string, message: string) => process.stdout.write(`${new Date().toISOString()} ${level} ${message}\n`);
const logger: Logger = {
  info: (m) => line('info', m),
  warning: (m) => line('warn', m),
  debug: (m) => {
    if (process.env.SHIPGATE_DEBUG) line('debug', m);
  }
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'state-dir': { type: 'string' }, 'proxy-port': { type: 'string', default: '0' } }
  });
  const stateDir = values['state-dir'];
  const proxyPort = Number(values['proxy-port']);
  if (!stateDir || !Number.isInteger(proxyPort) || proxyPort < 0 || proxyPort > 65535) {
    line('error', 'usage: daemon-main --state-dir <dir> [--proxy-port <0-65535>]');
    return 2;
  }
  let handle: DaemonHandle;
  try {
    handle = await startDaemon({ stateDir, proxyPort, logger, watchStateDir: true });
  } catch (err) {
    if (err instanceof DaemonAlreadyRunning) {
      line('info', `${err.message} Leaving it be.`);
      return 0;
    }
    throw err;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      line('info', `${signal}: stopping every version`);
      void handle.close();
    });
  }
  // A bug must not orphan the versions: stop them, then exit with the error in the log.
  process.on('uncaughtException', (err) => {
    line('error', `uncaught: ${err.stack ?? err.message}`);
    void handle.close().finally(() => process.exit(1));
  });
  // Detached from the action's terminal: a hang-up must not kill the versions' supervisor.
  process.on('SIGHUP', () => {});
  await handle.closed;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    // The starter quotes the last line of the log: the sentence goes last, the stack (when the
    // error is not an expected one, such as a taken port) before it.
    if (!(err instanceof PortInUseError) && err.stack) line('debug', err.stack.split('\n').join(' | '));
    line('error', `local target daemon failed: ${err.message.split('\n').join(' ')}`);
    process.exit(1);
  }
);
