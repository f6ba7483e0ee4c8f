import os from 'node:os';
import path from 'node:path';

/**
 * Where Shipgate keeps what must outlive a run on this machine (the local target's daemon and
 * state, the default file ledger): a per-user state folder, never RUNNER_TEMP (emptied after
 * every job) nor the checkout (fresh every job). $XDG_STATE_HOME/shipgate, else
 * ~/.local/state/shipgate.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'shipgate');
  const home = env.HOME || os.homedir();
  return path.join(home, '.local', 'state', 'shipgate');
}
