import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RolloutReport } from '../../model/report.js';
import { REPLAY_OVERRIDES } from '../../inputs/replay-overrides.js';
import { UsageError, type ParsedArgs } from '../args.js';
import type { CliRuntime } from '../runtime.js';

/** Reports are a few MB at most (the evidence is capped); anything far larger is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** `replay <report.json>`: the recorded samples judged again with other analysis settings. */
export async function replayCommand(rt: CliRuntime, args: ParsedArgs): Promise<{ json: unknown; text: string }> {
  const file = args.command[1];
  if (!file) throw new UsageError('"shipgate replay" needs the report to replay: shipgate replay .shipgate/reports/<file>.json [--error-tolerance 2%] ...');
  const full = path.resolve(rt.workspace, file);
  let report: RolloutReport;
  try {
    if (statSync(full).size > MAX_REPORT_BYTES) throw new Error('it is larger than 64 MiB, which no rollout report is');
    report = JSON.parse(readFileSync(full, 'utf8')) as RolloutReport;
  } catch (err) {
    throw new Error(`Cannot read the report ${file}: ${(err as Error).message}.`, { cause: err });
  }
  if (report?.schema !== 'shipgate/rollout-report@1') throw new Error(`${file} is not a Shipgate rollout report (schema shipgate/rollout-report@1).`);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(args.inputs)) {
    if (value === undefined) continue;
    if (!(name in REPLAY_OVERRIDES))
      throw new UsageError(
        `--${name} does not change a replay: it can change ${Object.keys(REPLAY_OVERRIDES)
          .map((n) => `--${n}`)
          .join(', ')}.`
      );
    values[name] = value;
  }
  const [{ parseReplayOverrides }, { replayReport, renderReplay }] = await Promise.all([
    import('../../inputs/replay-overrides.js'),
    import('../../engine/replay.js')
  ]);
  const result = replayReport(report, parseReplayOverrides(values));
  return { json: result, text: renderReplay(result) };
}
