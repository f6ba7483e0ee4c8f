import { parseDuration } from '../util/duration.js';
import { InputError, MissingInputError } from './input-error.js';
import type { InputSource } from './source.js';
import { VERSION_PATTERN } from './version.js';

/** Typed readers over an InputSource. Each throws InputError with one sentence on a bad value. */
export class Inputs {
  constructor(private readonly source: InputSource) {}

  raw(name: string): string {
    return this.source.get(name);
  }

  string(name: string, fallback = ''): string {
    return this.source.get(name) || fallback;
  }

  required(name: string, why?: string): string {
    const v = this.source.get(name);
    if (!v) throw new MissingInputError(name, why);
    return v;
  }

  /** A release version ('' when not given). */
  version(name: string): string {
    const v = this.source.get(name);
    if (v && !VERSION_PATTERN.test(v)) {
      throw new InputError(name, v, 'use 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
    }
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.source.get(name) || fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      throw new InputError(name, v, `allowed values are ${allowed.join(', ')}`);
    }
    return v as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.source.get(name);
    if (v === '') return fallback;
    if (/^(true|yes|on|1)$/i.test(v)) return true;
    if (/^(false|no|off|0)$/i.test(v)) return false;
    throw new InputError(name, v, 'use true or false');
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const v = this.source.get(name);
    if (v === '') return fallback;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      throw new InputError(name, v, `use a whole number from ${min} to ${max}`);
    }
    return Number(v);
  }

  number(name: string, fallback: number, min: number, max: number, unit = ''): number {
    const v = this.source.get(name);
    if (v === '') return fallback;
    const n = Number(v);
    if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || n < min || n > max) {
      throw new InputError(name, v, `use a number from ${min} to ${max}${unit}`);
    }
    return n;
  }

  /** `0.01`, `1%` or `1 %` → 0.01. */
  fraction(name: string, fallback: number, max = 1): number {
    const v = this.source.get(name);
    if (v === '') return fallback;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    const n = m ? (m[2] ? Number(m[1]) / 100 : Number(m[1])) : NaN;
    if (!m || !(n >= 0) || n > max) {
      throw new InputError(name, v, `use a fraction from 0 to ${max} (e.g. 0.01) or a percentage (e.g. 1%)`);
    }
    return n;
  }

  /** `20%` or `0.2` → 0.2 (relative margins may exceed 100 %). */
  relative(name: string, fallback: number): number {
    const v = this.source.get(name);
    if (v === '') return fallback;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    if (!m) throw new InputError(name, v, 'use a percentage such as 20% (or a fraction such as 0.2)');
    const n = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (n > 10) throw new InputError(name, v, 'use a percentage from 0% to 1000%');
    return n;
  }

  duration(name: string, fallbackMs: number, minMs: number, maxMs: number): number {
    const v = this.source.get(name);
    if (v === '') return fallbackMs;
    const ms = parseDuration(v);
    if (ms === null || ms < minMs || ms > maxMs) {
      throw new InputError(name, v, `use a duration such as 500ms, 30s, 2m or 1h, from ${fmt(minMs)} to ${fmt(maxMs)}`);
    }
    return ms;
  }

  /** Canary weights: strictly increasing whole percentages from 1 to 100, ending at 100. */
  /** Canary weights, with at most one `pause` just before the final 100 (`10,50,pause,100`). */
  steps(name: string, fallback: number[]): { steps: number[]; pauseBeforeLast: boolean } {
    const v = this.source.get(name);
    if (v === '') return { steps: fallback, pauseBeforeLast: false };
    const parts = v.split(/[\s,]+/).filter(Boolean);
    const allowed = 'use strictly increasing whole percentages from 1 to 100 that end at 100, e.g. 10,50,100, optionally with pause before the final 100 (10,50,pause,100)';
    const pauses = parts.filter((p) => p.toLowerCase() === 'pause').length;
    if (pauses > 0) {
      const i = parts.findIndex((p) => p.toLowerCase() === 'pause');
      if (pauses > 1 || i !== parts.length - 2 || i === 0) {
        throw new InputError(name, v, 'put one pause just before the final 100, after at least one step (e.g. 10,50,pause,100): a person\'s action: promote then takes the canary to 100 %');
      }
    }
    const numbers = parts.filter((p) => p.toLowerCase() !== 'pause');
    if (numbers.length === 0 || numbers.length > 20 || numbers.some((p) => !/^\d+$/.test(p))) throw new InputError(name, v, allowed);
    const steps = numbers.map(Number);
    for (let i = 0; i < steps.length; i++) {
      if (steps[i] < 1 || steps[i] > 100 || (i > 0 && steps[i] <= steps[i - 1])) throw new InputError(name, v, allowed);
    }
    if (steps[steps.length - 1] !== 100) throw new InputError(name, v, allowed);
    return { steps, pauseBeforeLast: pauses === 1 };
  }

  url(name: string, fallback?: string): string | undefined {
    const v = this.source.get(name);
    if (v === '') return fallback;
    checkUrl(name, v, v);
    return v;
  }

  /** One URL per line (commas also separate). */
  urls(name: string): string[] {
    const v = this.source.get(name);
    const list = lines(v).flatMap((l) => l.split(/\s*,\s*/)).filter(Boolean);
    for (const u of list) checkUrl(name, v, u);
    return list;
  }

  lines(name: string): string[] {
    return lines(this.source.get(name));
  }
}

export function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

function checkUrl(name: string, whole: string, one: string): void {
  let ok = false;
  try {
    const u = new URL(one);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) throw new InputError(name, whole.includes('\n') ? one : whole, 'use an absolute http:// or https:// URL');
}

function fmt(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
