/**
 * A benchmark worker process (forked by bench/judge.ts): runs the chunks of runs it is sent and
 * answers with their records. Seeds depend only on the case and the run, so the split over workers
 * does not change a number.
 */
import { cases, runCase, type RunRecord } from './cases.js';

export interface Task {
  scale: number;
  id: string;
  from: number;
  to: number;
}

export interface Answer {
  id: string;
  from: number;
  records: RunRecord[];
}

const byId = new Map<number, Map<string, ReturnType<typeof cases>[number]>>();

export function runTask(t: Task): Answer {
  let all = byId.get(t.scale);
  if (!all) byId.set(t.scale, (all = new Map(cases(t.scale).map((c) => [c.id, c]))));
  const c = all.get(t.id);
  if (!c) throw new Error(`unknown case ${t.id}`);
  const records: RunRecord[] = [];
  for (let r = t.from; r < t.to; r++) records.push(runCase(c, r));
  return { id: t.id, from: t.from, records };
}

if (process.send) {
  process.on('message', (t: Task | 'exit') => {
    if (t === 'exit') process.exit(0);
    process.send?.(runTask(t));
  });
}
