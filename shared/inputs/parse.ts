import { formatDuration, parseDuration } from '../util/duration.js';
import { INPUTS, defaultOf, type InputName, type InputType } from './catalogue.js';
import { InputError, MissingInputError } from './input-error.js';
import type { InputSource } from './source.js';
import { VERSION_PATTERN } from './version.js';

/** A step list as the plan takes it. */
export interface StepsValue {
  steps: number[];
  pauseBeforeLast: boolean;
}

type Spec<N extends InputName> = (typeof INPUTS)[N];
type Base<T> = T extends { kind: 'boolean' }
  ? boolean
  : T extends { kind: 'integer' | 'number' | 'fraction' | 'percent' | 'duration' }
    ? number
    : T extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : T extends { kind: 'steps' }
        ? StepsValue
        : T extends { kind: 'urls' | 'lines' }
          ? string[]
          : T extends { kind: 'url' }
            ? string | undefined
            : string;
/** Typed kinds have no value when neither the user nor the catalogue gives one. */
type Missing<S> = S extends { default: '' } ? (S extends { type: { kind: 'boolean' | 'integer' | 'number' | 'fraction' | 'percent' | 'duration' } } ? undefined : never) : never;
/** What `Inputs.get(name)` returns, from the catalogue's type and default of the input. */
export type InputValue<N extends InputName> = Base<Spec<N>['type']> | Missing<Spec<N>>;

/** The source, then the catalogue's default (shared/inputs/catalogue.ts). */
function withDefaults(source: InputSource): InputSource {
  return {
    get(name) {
      return source.get(name) || defaultOf(name);
    }
  };
}

/**
 * Typed readers over an InputSource, whose empty values fall back to the catalogue's defaults.
 * Each throws InputError with one sentence on a bad value.
 */
export class Inputs {
  private readonly source: InputSource;

  constructor(source: InputSource) {
    this.source = withDefaults(source);
  }

  /** The given value, else the catalogue's default, else ''. */
  raw(name: string): string {
    return this.source.get(name);
  }

  /** The input read as the catalogue types it: its default, range and allowed values. */
  get<N extends InputName>(name: N): InputValue<N> {
    const t: InputType = INPUTS[name].type;
    switch (t.kind) {
      case 'boolean':
        return this.boolean(name) as InputValue<N>;
      case 'integer':
        return this.integer(name, t.min, t.max) as InputValue<N>;
      case 'number':
        return this.number(name, t.min, t.max, t.unit ? ` ${t.unit}` : '') as InputValue<N>;
      case 'fraction':
        return this.fraction(name, t.max) as InputValue<N>;
      case 'percent':
        return this.relative(name) as InputValue<N>;
      case 'duration':
        return this.duration(name, t.minMs, t.maxMs) as InputValue<N>;
      case 'enum':
        return this.oneOf(name, t.values) as InputValue<N>;
      case 'steps':
        return this.steps(name) as InputValue<N>;
      case 'url':
        return this.url(name) as InputValue<N>;
      case 'urls':
        return this.urls(name) as InputValue<N>;
      case 'lines':
        return this.lines(name) as InputValue<N>;
      case 'version':
        return this.version(name) as InputValue<N>;
      default:
        return this.string(name) as InputValue<N>;
    }
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
  private version(name: string): string {
    const v = this.source.get(name);
    if (v && !VERSION_PATTERN.test(v)) {
      throw new InputError(name, v, 'use 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
    }
    return v;
  }

  private oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.source.get(name);
    if (!(allowed as readonly string[]).includes(v)) {
      throw new InputError(name, v, `allowed values are ${allowed.join(', ')}`);
    }
    return v as T;
  }

  private boolean(name: string): boolean | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    if (/^(true|yes|on|1)$/i.test(v)) return true;
    if (/^(false|no|off|0)$/i.test(v)) return false;
    throw new InputError(name, v, 'use true or false');
  }

  private integer(name: string, min: number, max: number): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      throw new InputError(name, v, `use a whole number from ${min} to ${max}`);
    }
    return Number(v);
  }

  private number(name: string, min: number, max: number, unit = ''): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const n = Number(v);
    if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || n < min || n > max) {
      throw new InputError(name, v, `use a number from ${min} to ${max}${unit}`);
    }
    return n;
  }

  /** `0.01`, `1%` or `1 %` → 0.01. */
  private fraction(name: string, max = 1): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    const n = m ? (m[2] ? Number(m[1]) / 100 : Number(m[1])) : NaN;
    if (!m || !(n >= 0) || n > max) {
      throw new InputError(name, v, `use a fraction from 0 to ${max} (e.g. 0.01) or a percentage (e.g. 1%)`);
    }
    return n;
  }

  /** `20%` or `0.2` → 0.2 (relative margins may exceed 100 %). */
  private relative(name: string): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    if (!m) throw new InputError(name, v, 'use a percentage such as 20% (or a fraction such as 0.2)');
    const n = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (n > 10) throw new InputError(name, v, 'use a percentage from 0% to 1000%');
    return n;
  }

  private duration(name: string, minMs: number, maxMs: number): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const ms = parseDuration(v);
    if (ms === null || ms < minMs || ms > maxMs) {
      throw new InputError(name, v, `use a duration such as 500ms, 30s, 2m or 1h, from ${formatDuration(minMs, 'input')} to ${formatDuration(maxMs, 'input')}`);
    }
    return ms;
  }

  /**
   * Canary weights: strictly increasing whole percentages from 1 to 100, ending at 100, with at
   * most one `pause` just before the final 100 (`10,50,pause,100`).
   */
  private steps(name: string): StepsValue | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
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

  private url(name: string): string | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    checkUrl(name, v, v);
    return v;
  }

  /** One URL per line (commas also separate). */
  private urls(name: string): string[] {
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
