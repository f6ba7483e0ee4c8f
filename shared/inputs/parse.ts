import { statSync } from 'node:fs';
import type { FreezeWindow } from '../freeze/windows.js';
import path from 'node:path';
import { formatDuration, parseDuration } from '../util/duration.js';
import { INPUTS, defaultOf, type InputName, type InputType } from './catalogue.js';
import { InputError, MissingInputError } from './input-error.js';
import { redactUserinfo } from './secrets.js';
import { layered, type InputSource } from './source.js';
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
type Missing<S> = S extends { default: '' }
  ? S extends { type: { kind: 'boolean' | 'integer' | 'number' | 'fraction' | 'percent' | 'duration' } }
    ? undefined
    : never
  : never;
/** What `Inputs.get(name)` returns, from the catalogue's type and default of the input. */
export type InputValue<N extends InputName> = Base<Spec<N>['type']> | Missing<Spec<N>>;

/** The source, then the catalogue's default (shared/inputs/catalogue.ts). */
function withDefaults(source: InputSource): InputSource {
  return {
    get(name) {
      return source.get(name) || defaultOf(name);
    },
    origin(name) {
      return source.get(name) ? source.origin?.(name) : undefined;
    }
  };
}

export interface InputsOptions {
  /**
   * The workspace (GITHUB_WORKSPACE) that relative paths start from. When given, inputs the
   * catalogue says must name an existing folder (`working-directory`) are checked while parsing,
   * before anything is started; pure parsing (tests, the post step) leaves it out.
   */
  workspace?: string;
  /** The fleet's waves from the config file (`waves:`), already checked against the schema. */
  waves?: readonly WaveConfig[];
  /** Freeze windows from the config file (`freeze:`), already parsed. */
  freeze?: readonly FreezeWindow[];
}

/** One wave of a fleet as the config file writes it. */
export interface WaveConfig {
  name: string;
  'max-parallel'?: number;
  /** Each target: its `name` and its own values of WAVE_TARGET_INPUTS. */
  targets: readonly (Record<string, unknown> & { name: string })[];
}

/**
 * Typed readers over an InputSource, whose empty values fall back to the catalogue's defaults.
 * Each throws InputError with one sentence on a bad value.
 */
export class Inputs {
  private readonly source: InputSource;

  constructor(
    private readonly given: InputSource,
    private readonly options: InputsOptions = {}
  ) {
    this.source = withDefaults(given);
  }

  /** The same inputs with `over`'s values winning (a wave target's own keys). */
  withOverrides(over: InputSource): Inputs {
    return new Inputs(layered(over, this.given), this.options);
  }

  /** The fleet's waves from the config file, or null when it has none. */
  waves(): readonly WaveConfig[] | null {
    return this.options.waves?.length ? this.options.waves : null;
  }

  /** Freeze windows of the config file for this environment (none when it has none). */
  freezeWindows(): readonly FreezeWindow[] {
    return this.options.freeze ?? [];
  }

  /** The given value, else the catalogue's default, else ''. */
  raw(name: string): string {
    return this.source.get(name);
  }

  /**
   * The one sentence about a bad value of an input; a value read from the config file is quoted
   * shorter and the sentence says where it came from.
   */
  error(name: string, value: string, allowed: string): InputError {
    return new InputError(name, value, allowed, { origin: this.source.origin?.(name) });
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
      case 'path':
        return this.path(name, 'mustBe' in t ? t.mustBe : undefined) as InputValue<N>;
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
      throw this.error(name, v, 'use 1 to 64 letters, digits, ".", "_", "+" or "-", starting with a letter or digit');
    }
    return v;
  }

  private oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.source.get(name);
    // An enum without a default (traffic: its default depends on target) may be left empty.
    if (v === '' && defaultOf(name) === '') return v as T;
    if (!(allowed as readonly string[]).includes(v)) {
      throw this.error(name, v, `allowed values are ${allowed.join(', ')}`);
    }
    return v as T;
  }

  private boolean(name: string): boolean | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    if (/^(true|yes|on|1)$/i.test(v)) return true;
    if (/^(false|no|off|0)$/i.test(v)) return false;
    throw this.error(name, v, 'use true or false');
  }

  private integer(name: string, min: number, max: number): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const n = canonicalNumber(v, min, false);
    if (n === null || n < min || n > max) {
      throw this.error(name, v, `use a whole number from ${min} to ${max}`);
    }
    return n;
  }

  private number(name: string, min: number, max: number, unit = ''): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const n = canonicalNumber(v, min, true);
    if (n === null || n < min || n > max) {
      throw this.error(name, v, `use a number from ${min} to ${max}${unit}`);
    }
    return n;
  }

  /** A path; one the catalogue says must be a folder is checked against the workspace when one is known. */
  private path(name: string, mustBe: 'directory' | undefined): string {
    const v = this.source.get(name);
    const workspace = this.options.workspace;
    if (!v || mustBe !== 'directory' || workspace === undefined) return v;
    let isDirectory: boolean | undefined;
    try {
      isDirectory = statSync(path.resolve(workspace, v), { throwIfNoEntry: false })?.isDirectory();
    } catch {
      isDirectory = undefined;
    }
    if (isDirectory === undefined)
      throw this.error(name, v, 'no such folder in the workspace (GITHUB_WORKSPACE): create it in an earlier step, or fix the path');
    if (!isDirectory) throw this.error(name, v, 'it is a file, not a folder');
    return v;
  }

  /** `0.01`, `1%` or `1 %` → 0.01. */
  private fraction(name: string, max = 1): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    const n = m ? (m[2] ? Number(m[1]) / 100 : Number(m[1])) : NaN;
    if (!m || !(n >= 0) || n > max) {
      throw this.error(name, v, `use a fraction from 0 to ${max} (e.g. 0.01) or a percentage (e.g. 1%)`);
    }
    return n;
  }

  /** `20%` or `0.2` → 0.2 (relative margins may exceed 100 %). */
  private relative(name: string): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(v);
    if (!m) throw this.error(name, v, 'use a percentage such as 20% (or a fraction such as 0.2)');
    const n = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (n > 10) throw this.error(name, v, 'use a percentage from 0% to 1000%');
    return n;
  }

  private duration(name: string, minMs: number, maxMs: number): number | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    const ms = parseDuration(v);
    if (ms === null || ms < minMs || ms > maxMs) {
      throw this.error(name, v, `use a duration such as 500ms, 30s, 2m or 1h, from ${formatDuration(minMs, 'input')} to ${formatDuration(maxMs, 'input')}`);
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
    const allowed =
      'use strictly increasing whole percentages from 1 to 100 that end at 100, e.g. 10,50,100, optionally with pause before the final 100 (10,50,pause,100)';
    const pauses = parts.filter((p) => p.toLowerCase() === 'pause').length;
    if (pauses > 0) {
      const i = parts.findIndex((p) => p.toLowerCase() === 'pause');
      if (pauses > 1 || i !== parts.length - 2 || i === 0) {
        throw this.error(
          name,
          v,
          "put one pause just before the final 100, after at least one step (e.g. 10,50,pause,100): a person's action: promote then takes the canary to 100 %"
        );
      }
    }
    const numbers = parts.filter((p) => p.toLowerCase() !== 'pause');
    if (numbers.length === 0 || numbers.length > 20 || numbers.some((p) => !/^\d+$/.test(p))) throw this.error(name, v, allowed);
    const steps = numbers.map(Number);
    for (let i = 0; i < steps.length; i++) {
      if (steps[i] < 1 || steps[i] > 100 || (i > 0 && steps[i] <= steps[i - 1])) throw this.error(name, v, allowed);
    }
    if (steps[steps.length - 1] !== 100) throw this.error(name, v, allowed);
    return { steps, pauseBeforeLast: pauses === 1 };
  }

  private url(name: string): string | undefined {
    const v = this.source.get(name);
    if (v === '') return undefined;
    this.checkUrl(name, v, v);
    return v;
  }

  /** One URL per line (commas also separate). */
  private urls(name: string): string[] {
    const v = this.source.get(name);
    const list = lines(v)
      .flatMap((l) => l.split(/\s*,\s*/))
      .filter(Boolean);
    for (const u of list) this.checkUrl(name, v, u);
    return list;
  }

  /**
   * An absolute http(s) URL without credentials: a URL is shown in logs, summaries, reports and
   * deployments, and fetch refuses one with a user name anyway. Never echoes the credentials.
   */
  private checkUrl(name: string, whole: string, one: string): void {
    const u = URL.canParse(one) ? new URL(one) : null;
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') {
      throw this.error(name, redactUserinfo(/[\r\n]/.test(whole) ? one : whole), 'use an absolute http:// or https:// URL');
    }
    if (u.username || u.password) {
      throw this.error(
        name,
        `${u.protocol}//***@${u.host}${u.pathname}${u.search}${u.hash}`,
        "remove the user name and password (a URL is shown in logs, summaries and reports) and send credentials as a header instead, as the smoke-test action's headers input does"
      );
    }
  }

  lines(name: string): string[] {
    return lines(this.source.get(name));
  }
}

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * A number written the one plain way: digits (and a decimal part when `decimals`), a minus sign
 * only where the range allows negative values, and never `-0`. `+1`, `1e3`, `0x10`, `.5`, `1.`,
 * `Infinity` are refused, so that what the summary shows is what was written. null when not.
 */
function canonicalNumber(text: string, min: number, decimals: boolean): number | null {
  const digits = decimals ? '\\d+(?:\\.\\d+)?' : '\\d+';
  if (!new RegExp(`^${min < 0 ? '-?' : ''}${digits}$`).test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || Object.is(n, -0)) return null;
  return n;
}
