import { describe, expect, test } from '@jest/globals';
import { doraReport, renderJson, renderMarkdown, renderMermaid, type DoraReport } from '../../../shared/dora/index.js';
import { formatSpan } from '../../../shared/dora/render.js';
import type { DeploymentRecord } from '../../../shared/ports/ledger.js';
import { FakeCommitTimes, FakeLedger, NOW, RECORDS } from './fixture.js';

const report = (records: DeploymentRecord[] = RECORDS, environment = 'production'): Promise<DoraReport> =>
  doraReport({ ledger: new FakeLedger(records), commits: new FakeCommitTimes(), environment, since: '2026-06-22', now: NOW });

describe('render', () => {
  test('the Markdown table of the 30-deployment history', async () => {
    const md = renderMarkdown(await report());
    expect(md.split('\n').slice(0, 8)).toEqual([
      '### DORA metrics: production, 2026-06-22 to 2026-08-31 (70 days)',
      '',
      '| Metric | Value | Counted | Level |',
      '| --- | --- | --- | --- |',
      '| Deployment frequency | 2.2 per week (0.314 per day) | 22 deployments, 27 rollouts begun | high |',
      '| Lead time for changes | median 1 d 2 h, p90 3 d 2 h | 39 commits in 19 deployments | high |',
      '| Change failure rate | 20 % | 5 of 25 changes: 3 rolled back by analysis, 2 restored after promotion | low |',
      '| Time to restore | median 2 h, p90 23 h 4 min | 5 restores: 3 canary (median 45 min), 2 after promotion (median 6 h 5 min) | high |'
    ]);
    expect(md).toContain('- 1 rollout is not finished \\(v1.13.0, paused\\): counted as attempts only, until they end.');
  });

  test('the Mermaid chart: one bar per ISO week, changes behind, failures in front', async () => {
    expect(renderMermaid(await report())).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Changes and failures per week in production"',
        '  x-axis ["2026-W26", "2026-W27", "2026-W28", "2026-W29", "2026-W30", "2026-W31", "2026-W32", "2026-W33", "2026-W34", "2026-W35"]',
        '  y-axis "Rollouts" 0 --> 3',
        '  bar [3, 3, 2, 3, 3, 3, 2, 2, 3, 1]',
        '  bar [1, 0, 1, 0, 2, 0, 1, 0, 0, 0]',
        '```'
      ].join('\n')
    );
  });

  test('record text is inert in Markdown and Mermaid', async () => {
    const evil = '`x` | <img src=x onerror=alert(1)> @team [a](http://e) ::error::y';
    const records = RECORDS.map((r) => (r.id === '130' ? { ...r, release: { ...r.release, version: evil } } : r));
    const env = 'prod" ]\n```\n<b>x</b> `y`';
    const md = renderMarkdown(await report(records, env));
    // One fenced block, opened and closed by us; nothing from a record starts a line or a tag.
    expect(md.match(/```/g)).toHaveLength(2);
    // Angle brackets only escaped (\\<): no tag reaches the summary.
    expect(md).not.toMatch(/(^|[^\\])<(img|b)/);
    expect(md).not.toContain('@team');
    expect(md).not.toContain('::error');
    expect(md).toContain('\\`x\\` \\| \\<img src=x onerror=alert\\(1\\)\\> @\u200bteam');
    // The Mermaid title: one line, its only quotes the two that delimit it, no backtick.
    const title = md.split('\n').find((l) => l.startsWith('  title ')) ?? '';
    expect(title).toBe(`  title "Changes and failures per week in prod'   ⏎ ''' ⏎  b x /b  'y'"`);
  });

  test('an empty history renders without numbers', async () => {
    const r = await report([]);
    const md = renderMarkdown(r);
    expect(md).toContain('| Deployment frequency | none | 0 deployments, 0 rollouts begun | low |');
    expect(md).toContain('| Lead time for changes | no data | 0 commits in 0 deployments | no data |');
    expect(md).toContain('| Change failure rate | no data |');
    expect(md).toContain('| Time to restore | no data | 0 restores: 0 canary, 0 after promotion | no data |');
    expect(renderMermaid(r)).toContain('y-axis "Rollouts" 0 --> 1');
  });

  test('formatSpan', () => {
    expect([45_000, 20 * 60_000, 2 * 3_600_000, 6 * 3_600_000 + 5 * 60_000, 26 * 3_600_000, 48 * 3_600_000].map(formatSpan)).toEqual([
      '45 s',
      '20 min',
      '2 h',
      '6 h 5 min',
      '1 d 2 h',
      '2 d'
    ]);
  });

  test('the JSON shape is stable (schema shipgate/dora@1)', async () => {
    const r = JSON.parse(renderJson(await report())) as Record<string, unknown>;
    const shape = (v: unknown): unknown =>
      Array.isArray(v) ? [shape(v[0])] : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    expect(shape(r)).toEqual({
      schema: 'string',
      environment: 'string',
      window: { since: 'string', until: 'string', days: 'number', historyReachesSince: 'boolean' },
      bandsSource: 'string',
      records: { rollouts: 'number', rollbacks: 'number' },
      outcomes: { promoted: 'number', restored: 'number', rolledBack: 'number', errored: 'number', unfinished: 'number', paused: 'number' },
      deploymentFrequency: { deployments: 'number', attempts: 'number', perDay: 'number', perWeek: 'number', band: 'string' },
      leadTime: {
        deployments: 'number',
        commits: 'number',
        medianMs: 'number',
        p90Ms: 'number',
        band: 'string',
        deploymentsWithoutCommit: 'number',
        rangesUnread: 'number'
      },
      changeFailureRate: {
        rate: 'number',
        failures: 'number',
        changes: 'number',
        rolledBackByAnalysis: 'number',
        restoredAfterPromotion: 'number',
        band: 'string'
      },
      timeToRestore: {
        restores: 'number',
        medianMs: 'number',
        p90Ms: 'number',
        band: 'string',
        canary: { restores: 'number', medianMs: 'number' },
        afterPromotion: { restores: 'number', medianMs: 'number' }
      },
      weeks: [{ week: 'string', start: 'string', deployments: 'number', changes: 'number', failures: 'number' }],
      deployments: [
        {
          id: 'string',
          version: 'string',
          commit: 'string',
          createdAt: 'string',
          outcome: 'string',
          paused: 'boolean',
          commits: 'number',
          restoredBy: 'object', // null for the first one
          restoreMs: 'object'
        }
      ],
      notes: ['string']
    });
    expect(r.schema).toBe('shipgate/dora@1');
    expect(r.bandsSource).toBe('Accelerate State of DevOps Report 2023 (DORA), software delivery performance levels');
  });
});
