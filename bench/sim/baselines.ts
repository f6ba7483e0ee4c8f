import type { Judge } from '../../shared/ports/judge.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Verdict } from '../../shared/model/verdict.js';

/**
 * The oracle the judge is measured against: benchmark-only, through the same Judge port, with
 * minimal evidence (only the decision is used). Flagger is simulated in flagger.ts.
 */

function bare(decision: Verdict['decision'], canary: number, stable: number, reason = ''): Verdict {
  return { decision, reason, checks: [], samples: { canary, stable } };
}

/**
 * Wald's SPRT on the canary alone with the stable rate known: H0 canary bad-rate = p0 (stable's
 * rate + tolerance, the edge of acceptable) against H1 = p1 (the canary's true rate), for one
 * notion of bad (an error, or a request slower than a known threshold). The optimum a test can
 * reach when it knows both the baseline and what it is looking for.
 */
export class KnownBaselineSprt implements Judge {
  readonly name = 'sprt';
  private llr = 0;
  private cn = 0;
  private sn = 0;
  private readonly upper: number;
  private readonly lower: number;

  constructor(private readonly o: { p0: number; p1: number; alpha: number; beta: number; bad: (s: Sample) => boolean }) {
    this.upper = Math.log((1 - o.beta) / o.alpha);
    this.lower = Math.log(o.beta / (1 - o.alpha));
  }

  observe(samples: readonly Sample[]): void {
    const { p0, p1 } = this.o;
    const up = Math.log(p1 / p0);
    const down = Math.log((1 - p1) / (1 - p0));
    for (const s of samples) {
      if (s.side !== 'canary') {
        this.sn++;
        continue;
      }
      this.cn++;
      this.llr += this.o.bad(s) ? up : down;
    }
  }

  verdict(): Verdict {
    // p1 > p0: crossing the upper line says "worse than the edge"; the lower line "not worse".
    if (this.llr >= this.upper) return bare('fail', this.cn, this.sn);
    if (this.llr <= this.lower) return bare('pass', this.cn, this.sn);
    return bare('continue', this.cn, this.sn);
  }

  statistics(): Record<string, number> {
    return { llr: this.llr };
  }
}
