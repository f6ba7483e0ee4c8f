import type { Ledger } from '../../ports/ledger.js';
import { parseCommon, type CommonInputs } from '../../inputs/common.js';
import { buildLedger, gitHubAccess, resolveStateDir, type GitHubAccess } from '../../glue/composition.js';
import type { CliRuntime } from '../runtime.js';

export interface LedgerAccess {
  common: CommonInputs;
  ledger: Ledger;
  gh: GitHubAccess | null;
}

/** The ledger the actions would use with these flags and config: GitHub Deployments with GITHUB_TOKEN and --repo, else the file. */
export async function openLedger(rt: CliRuntime): Promise<LedgerAccess> {
  const common = parseCommon(await rt.inputs());
  const gh = gitHubAccess(rt, common.githubToken);
  const ledger = await buildLedger(rt, common.ledger, common.ledgerFile, resolveStateDir(rt, common.stateDir), gh);
  return { common, ledger, gh };
}

/** `--environment a,b` or the configured one. */
export function environments(common: CommonInputs, flag: string | undefined): string[] {
  const list = (flag ?? common.environment)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return [...new Set(list)];
}
