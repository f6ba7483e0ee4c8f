import type { BaselineKind, StepEvidence } from '../model/report.js';
import type { Sample } from '../model/sample.js';

/**
 * The record of what a step's judge was fed, look by look (StepEvidence in shared/model/report.ts),
 * so `shipgate replay` can judge the step again with other settings. Pure data: no I/O.
 *
 * The engine feeds its judge `normaliseSamples(fresh)`: latencies to 0.1 ms, finish times to
 * 1 ms. Those are exactly the values the record keeps, so a replay with the same settings sees
 * the same numbers and decides the same way at every look.
 */

/** Samples a report keeps at most over all its steps (about 2 MB of JSON). */
export const MAX_EVIDENCE_SAMPLES = 200_000;

/** What is left of a report's sample budget; shared by the recorders of one rollout. */
export class SampleBudget {
  constructor(public left: number = MAX_EVIDENCE_SAMPLES) {}
}

/** A sample as the judge is given it: latency to 0.1 ms, finish time to 1 ms (the same object when nothing changes). */
export function normaliseSample(s: Sample): Sample {
  // `+ 0` turns -0 into 0, as the record reads it back.
  const latencyMs = typeof s.latencyMs === 'number' && Number.isFinite(s.latencyMs) ? Math.round(s.latencyMs * 10) / 10 + 0 : s.latencyMs;
  const at = Number.isFinite(s.at) ? Math.round(s.at) + 0 : s.at;
  return Object.is(latencyMs, s.latencyMs) && Object.is(at, s.at) ? s : { ...s, latencyMs, at };
}

export function normaliseSamples(samples: readonly Sample[]): Sample[] {
  return samples.map(normaliseSample);
}

/** One look as recorded: when it was taken, what the judge was fed, and the routers' counts so far. */
export interface RecordedLook {
  /** ms since the step began. */
  atMs: number;
  samples: Sample[];
  /** Requests the routers counted this step so far (only when the step had routers). */
  share?: { canary: number; total: number };
}

/** Records one step's looks into a StepEvidence, within the rollout's sample budget. */
export class EvidenceRecorder {
  private readonly looks: string[] = [];
  private readonly sides: string[] = [];
  private readonly latency: string[] = [];
  private readonly at: string[] = [];
  private readonly status: string[] = [];
  private lastAt: number;
  private runStatus: number | null = null;
  private runLength = 0;
  private truncated = false;

  constructor(
    private readonly baseline: BaselineKind,
    private readonly t0: number,
    private readonly budget: SampleBudget = new SampleBudget(),
    private readonly routers?: string
  ) {
    this.lastAt = t0;
  }

  /** Records a look: `samples` as the judge was fed them (normalised), `share` the routers' counts so far. */
  look(atMs: number, samples: readonly Sample[], share?: { canary: number; total: number }): void {
    if (this.truncated) return;
    if (samples.length > this.budget.left) {
      // A look is recorded whole or not at all; nothing after it is recorded either.
      this.truncated = true;
      this.budget.left = 0;
      return;
    }
    this.budget.left -= samples.length;
    this.looks.push(`${atMs}:${samples.length}${this.routers !== undefined ? `:${share?.canary ?? 0}:${share?.total ?? 0}` : ''}`);
    for (const raw of samples) {
      const s = normaliseSample(raw);
      const letter = s.side === 'canary' ? 'c' : 's';
      this.sides.push(s.ok ? letter : letter.toUpperCase());
      this.latency.push(latencyToken(s.latencyMs));
      if (Number.isFinite(s.at)) {
        this.at.push(String(s.at - this.lastAt));
        this.lastAt = s.at;
      } else {
        this.at.push(`=${s.at}`);
      }
      this.addStatus(s.status);
    }
  }

  evidence(): StepEvidence {
    const status = [...this.status];
    if (this.runLength > 0) status.push(runToken(this.runStatus as number, this.runLength));
    return {
      format: 1,
      baseline: this.baseline,
      t0: this.t0,
      looks: this.looks.join(','),
      ...(this.routers !== undefined ? { routers: this.routers } : {}),
      sides: this.sides.join(''),
      latency: this.latency.join(','),
      at: this.at.join(','),
      status: status.join(','),
      ...(this.truncated ? { truncated: true as const } : {})
    };
  }

  private addStatus(status: number): void {
    if (this.runLength > 0 && Object.is(status, this.runStatus)) {
      this.runLength++;
      return;
    }
    if (this.runLength > 0) this.status.push(runToken(this.runStatus as number, this.runLength));
    this.runStatus = status;
    this.runLength = 1;
  }
}

function latencyToken(latencyMs: number | null | undefined): string {
  if (typeof latencyMs !== 'number') return '';
  // Finite values are whole tenths after normalising; NaN and ±Infinity are written as such.
  return Number.isFinite(latencyMs) ? String(Math.round(latencyMs * 10)) : String(latencyMs);
}

function runToken(status: number, n: number): string {
  return n === 1 ? String(status) : `${status}*${n}`;
}

/** A record that cannot be read back (a hand-edited or damaged report). */
export class EvidenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceError';
  }
}

/** The looks of a step's record, each with the samples as the judge was fed them. Throws EvidenceError on a damaged record. */
export function decodeEvidence(e: StepEvidence): RecordedLook[] {
  const damaged = (what: string) => new EvidenceError(`its ${what} does not read back`);
  if (e.format !== 1) throw new EvidenceError(`its format ${JSON.stringify(e.format)} is not one this version reads (1)`);
  if (typeof e.sides !== 'string' || typeof e.looks !== 'string' || !Number.isFinite(e.t0)) throw damaged('record');
  const n = e.sides.length;
  const tokens = (text: unknown, what: string): string[] => {
    if (typeof text !== 'string') throw damaged(what);
    const list = n === 0 ? (text === '' ? [] : [text]) : text.split(',');
    if (list.length !== n) throw damaged(what);
    return list;
  };
  const latency = tokens(e.latency, 'latency column');
  const at = tokens(e.at, 'finish-time column');
  const status = statusColumn(e.status, n);
  const samples: Sample[] = [];
  let lastAt = e.t0;
  for (let i = 0; i < n; i++) {
    const letter = e.sides[i];
    const side = letter === 'c' || letter === 'C' ? 'canary' : letter === 's' || letter === 'S' ? 'stable' : null;
    if (side === null) throw damaged('sides column');
    const l = latency[i];
    const latencyMs = l === '' ? null : Number(l) / 10;
    const a = at[i];
    let finish: number;
    if (a.startsWith('=')) finish = Number(a.slice(1));
    else {
      finish = lastAt + Number(a);
      lastAt = finish;
    }
    if (Number.isNaN(latencyMs) && l !== 'NaN') throw damaged('latency column');
    if (Number.isNaN(finish) && a !== '=NaN') throw damaged('finish-time column');
    samples.push({ side, ok: letter === 'c' || letter === 's', status: status[i], latencyMs, at: finish });
  }
  const looks: RecordedLook[] = [];
  let next = 0;
  for (const entry of e.looks === '' ? [] : e.looks.split(',')) {
    const parts = entry.split(':').map(Number);
    const expected = e.routers !== undefined ? 4 : 2;
    if (parts.length !== expected || parts.some((p) => !Number.isFinite(p)) || parts[1] < 0 || !Number.isInteger(parts[1])) throw damaged('looks column');
    const count = parts[1];
    if (next + count > n) throw damaged('looks column');
    looks.push({
      atMs: parts[0],
      samples: samples.slice(next, next + count),
      ...(e.routers !== undefined ? { share: { canary: parts[2], total: parts[3] } } : {})
    });
    next += count;
  }
  if (next !== n) throw damaged('looks column');
  return looks;
}

function statusColumn(text: unknown, n: number): number[] {
  if (typeof text !== 'string') throw new EvidenceError('its status column does not read back');
  const out: number[] = [];
  for (const token of text === '' ? [] : text.split(',')) {
    const star = token.indexOf('*');
    const value = Number(star < 0 ? token : token.slice(0, star));
    const times = star < 0 ? 1 : Number(token.slice(star + 1));
    if (!Number.isInteger(times) || times < 1 || out.length + times > n) throw new EvidenceError('its status column does not read back');
    for (let i = 0; i < times; i++) out.push(value);
  }
  if (out.length !== n) throw new EvidenceError('its status column does not read back');
  return out;
}
