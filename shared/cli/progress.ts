import { escapeLogText } from '../util/escape.js';
import type { Logger } from '../util/log.js';
import type { LookProgress } from '../engine/rollout.js';

export type { LookProgress };

/** "step 2/3 · 50 % · 0:12/1:00 · 812/790 requests · e error-rate 0.4 latency 1.2" */
export function progressText(p: LookProgress): string {
  const e = Object.entries(p.statistics)
    .filter(([k]) => !k.endsWith('.pass'))
    .map(([k, v]) => `${k} ${fmtE(v)}`)
    .join(' ');
  const wave = p.wave !== undefined ? `wave ${p.wave} · ` : '';
  return `${wave}step ${p.step}/${p.steps} · ${p.weight} % · ${clock(p.atMs)}/${clock(p.stepDurationMs)} · ${p.canary}/${p.stable} requests (canary/stable)${e ? ` · e-values ${e}` : ''}${p.decision === 'continue' ? '' : ` · ${p.decision}`}`;
}

/** e-values are kept as logarithms; shown as e-values, short. */
function fmtE(logE: number): string {
  if (!Number.isFinite(logE)) return logE > 0 ? '∞' : '0';
  const e = Math.exp(logE);
  return e >= 1000 ? e.toExponential(1) : e >= 10 ? e.toFixed(0) : e.toFixed(2);
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Where the CLI writes what happens. On a terminal, looks redraw one status line and log lines
 * print above it; elsewhere (CI logs, pipes) every line is plain, and looks are printed at most
 * every `plainEveryMs` so a log does not fill with progress.
 */
export class Console {
  private line = '';
  private lastPlain = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty: boolean,
    private readonly redact: (text: string) => string,
    private readonly plainEveryMs = 10_000
  ) {}

  readonly logger: Logger = {
    info: (m) => this.print(m),
    warning: (m) => this.print(`warning: ${m}`),
    debug: (m) => {
      if (process.env.SHIPGATE_DEBUG) this.print(`debug: ${m}`);
    }
  };

  progress(p: LookProgress): void {
    const text = progressText(p);
    if (this.tty) {
      // A terminal that reports no size (0 columns, as under script(1)) gets the whole line.
      this.line = text.slice(0, Math.max(20, (this.out.columns || 1000) - 1));
      this.out.write(`\r\x1b[2K${this.line}`);
      return;
    }
    const now = Date.now();
    if (p.decision !== 'continue' || now - this.lastPlain >= this.plainEveryMs) {
      this.lastPlain = now;
      this.print(text);
    }
  }

  /** Ends the status line, so what follows starts on a line of its own. */
  close(): void {
    if (this.tty && this.line) this.out.write('\r\x1b[2K');
    this.line = '';
  }

  private print(message: string): void {
    const text = escapeLogText(this.redact(message), 8000);
    if (this.tty && this.line) this.out.write(`\r\x1b[2K${text}\n${this.line}`);
    else this.out.write(`${text}\n`);
  }
}
