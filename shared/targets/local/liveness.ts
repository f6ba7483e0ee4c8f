import { readdirSync, readFileSync } from 'node:fs';
import { groupAlive, processAlive } from '../../process/alive.js';
import { signalGroup } from '../../process/signal.js';
import { sleep } from '../../util/sleep.js';

/**
 * Liveness that does not mistake a zombie for a running process. A daemon killed outright leaves
 * its pid, and its versions' pids once they are stopped, as zombies until the machine's init
 * reaps them (a second or two under some container inits): signal 0 still succeeds on those, so
 * a restarted daemon would wait for a lock holder or a process group that runs nothing.
 * Linux tells through /proc; elsewhere signal 0 decides alone.
 */

/** "R", "S", "Z", ... from /proc/<pid>/stat; null when /proc cannot tell. */
function procState(pid: number): { state: string; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

const dead = (state: string) => state === 'Z' || state === 'X' || state === 'x';

/** The process exists and is not a zombie. */
export function processRunning(pid: number): boolean {
  if (!processAlive(pid)) return false;
  const st = procState(pid);
  return st === null || !dead(st.state);
}

/** Some process of the group exists and is not a zombie. */
export function groupRunning(pgid: number): boolean {
  if (!groupAlive(pgid)) return false;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  let seen = false;
  for (const name of entries) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const st = procState(Number(name));
    if (!st || st.pgrp !== pgid) continue;
    seen = true;
    if (!dead(st.state)) return true;
  }
  // Signal 0 saw the group but /proc shows none of it: trust /proc only when it showed members.
  return !seen && entries.length === 0;
}

/** SIGTERM to a group, SIGKILL after the grace period; resolves once nothing of it runs. */
export async function stopRunningGroup(pgid: number, graceMs = 3000): Promise<void> {
  if (!groupRunning(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupRunning(pgid)) return;
    await sleep(50);
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 40 && groupRunning(pgid); i++) await sleep(25);
}
