/** Signal 0 probes without signalling; EPERM still means the target exists (someone else's). */
function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processAlive(pid: number): boolean {
  return pid > 0 && exists(pid);
}

/** Whether any process of the group is left. */
export function groupAlive(pgid: number): boolean {
  return pgid > 0 && exists(-pgid);
}
