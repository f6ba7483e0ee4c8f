import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Writes a file so that readers see the old or the new content, never half of it: a temp file
 * in the same directory and a rename. With `durable` (the default) the data and the rename are
 * also fsynced, so a machine crash cannot lose a record; state rewritten on every traffic shift
 * can skip that cost.
 */
export async function writeFileAtomic(file: string, text: string, options: { mode?: number; durable?: boolean } = {}): Promise<void> {
  const durable = options.durable ?? true;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const h = await fs.open(tmp, 'wx', options.mode ?? 0o644);
  try {
    await h.writeFile(text);
    if (durable) await h.sync();
  } finally {
    await h.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  if (!durable) return;
  // Make the rename itself durable; not every platform can open a directory.
  try {
    const dir = await fs.open(path.dirname(file), 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    // best effort
  }
}
