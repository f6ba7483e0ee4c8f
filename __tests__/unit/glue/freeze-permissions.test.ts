import { describe, expect, test } from '@jest/globals';
import { checkFreeze, FrozenError } from '../../../shared/glue/freeze.js';
import { permissionsFor, permissionsYaml } from '../../../shared/glue/permissions.js';
import { parseFreezeWindows } from '../../../shared/inputs/freeze-windows.js';
import type { CanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { silentLogger } from '../../../shared/util/log.js';

const windows = parseFreezeWindows(
  [{ name: 'year-end', from: '2026-12-20', to: '2027-01-04', reason: 'Year-end freeze' }],
  'the config file .github/shipgate.yml'
);

describe('checkFreeze', () => {
  test('refuses inside a window in one sentence, lets an override through and returns what to record', () => {
    const inside = new Date('2026-12-24T12:00:00Z');
    expect(() => checkFreeze({ windows, override: false, reason: '' }, 'production', inside, silentLogger)).toThrow(FrozenError);
    expect(() => checkFreeze({ windows, override: false, reason: '' }, 'production', inside, silentLogger)).toThrow(
      /^production is frozen by "year-end".*Nothing was deployed/
    );
    expect(checkFreeze({ windows, override: true, reason: 'hotfix' }, 'production', inside, silentLogger)).toEqual({
      window: 'year-end',
      start: '2026-12-20T00:00:00.000Z',
      end: '2027-01-05T00:00:00.000Z',
      reason: 'hotfix'
    });
    expect(checkFreeze({ windows, override: false, reason: '' }, 'production', new Date('2027-01-05T00:00:00Z'), silentLogger)).toBeUndefined();
  });
});

describe('permissionsFor', () => {
  const base = {
    ledger: 'auto',
    environment: 'production',
    notify: { statusContext: '', checkRun: true, incident: true, mention: [], webhook: '', revertPr: false }
  } as unknown as CanaryDeployInputs;
  test('names each scope a feature needs, and nothing without GitHub', () => {
    expect(permissionsFor(base, { usesGitHub: false })).toEqual([]);
    const scopes = permissionsFor(base, { usesGitHub: true, revertPr: true }).map((p) => `${p.scope}: ${p.level}`);
    expect(scopes).toEqual([
      'contents: write',
      'deployments: write',
      'actions: read',
      'statuses: write',
      'checks: write',
      'issues: write',
      'pull-requests: write'
    ]);
    expect(permissionsYaml(permissionsFor(base, { usesGitHub: true }))).toMatch(/^permissions:\n {2}contents: read +# check out the code\n/);
    expect(permissionsYaml([])).toBe('permissions: {}');
  });
});
