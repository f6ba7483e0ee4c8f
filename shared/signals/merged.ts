import type { Sample, Side } from '../model/sample.js';
import type { SignalSource } from '../ports/signal-source.js';

/** Several sources read as one: a fleet wave's routers, each counting its own host's requests. */
export class MergedSource implements SignalSource {
  readonly name: string;
  readonly seesProbes: boolean;

  constructor(private readonly sources: readonly SignalSource[]) {
    if (sources.length === 0) throw new Error('MergedSource needs at least one source.');
    this.name = sources[0].name;
    // Probes must count themselves unless every router also counts them.
    this.seesProbes = sources.every((s) => s.seesProbes !== false);
  }

  async start(step: { weight: number; startedAt: number }): Promise<void> {
    await Promise.all(this.sources.map((s) => s.start(step)));
  }

  async read(): Promise<Sample[]> {
    return (await Promise.all(this.sources.map((s) => s.read()))).flat();
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.stop()));
  }

  covers(weight: number): readonly Side[] {
    const sides = new Set<Side>();
    for (const s of this.sources) for (const side of s.covers?.(weight) ?? (['canary', 'stable'] as const)) sides.add(side);
    return [...sides];
  }
}
