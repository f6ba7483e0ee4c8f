import type { CanaryDeployInputs } from '../inputs/canary-deploy.js';

export interface Permission {
  scope: string;
  level: 'read' | 'write';
  why: string;
}

/**
 * The least `permissions:` a rollout with these inputs needs on GitHub (a workflow that names one
 * scope sets every other to none). Nothing when GitHub is not used at all.
 */
export function permissionsFor(inputs: CanaryDeployInputs, extra: { revertPr?: boolean; usesGitHub: boolean }): Permission[] {
  if (!extra.usesGitHub) return [];
  const out: Permission[] = [{ scope: 'contents', level: 'read', why: 'check out the code' }];
  if (inputs.ledger !== 'file') {
    out.push({ scope: 'deployments', level: 'write', why: 'the ledger: GitHub Deployments of the environment' });
    out.push({ scope: 'actions', level: 'read', why: "tell another run's live rollout from an orphan" });
  }
  if (inputs.notify.statusContext !== 'off')
    out.push({ scope: 'statuses', level: 'write', why: `the commit status ${inputs.notify.statusContext || `shipgate/${inputs.environment}`} (merge gate)` });
  if (inputs.notify.checkRun) out.push({ scope: 'checks', level: 'write', why: 'the check run with the evidence' });
  if (inputs.notify.incident) out.push({ scope: 'issues', level: 'write', why: 'the incident issue after a rollback' });
  if (extra.revertPr) {
    const contents = out.find((p) => p.scope === 'contents');
    if (contents) {
      contents.level = 'write';
      contents.why = 'check out the code; the revert commit and its branch';
    }
    out.push({ scope: 'pull-requests', level: 'write', why: 'the revert PR after an automatic rollback' });
  }
  return out;
}

/** The `permissions:` block to paste into a workflow. */
export function permissionsYaml(perms: readonly Permission[]): string {
  if (perms.length === 0) return 'permissions: {}';
  return ['permissions:', ...perms.map((p) => `  ${p.scope}: ${p.level}`.padEnd(28) + `# ${p.why}`)].join('\n');
}
