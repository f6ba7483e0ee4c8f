import { describe, expect, test } from '@jest/globals';
import { loadHistory } from '../../../shared/dora/history.js';
import { doraReport } from '../../../shared/dora/index.js';
import { FakeCommitTimes, FakeLedger, NOW, RECORDS, SINCE } from './fixture.js';

describe('loadHistory', () => {
  test('grows the limit until a record is older than since, then keeps the window', async () => {
    const ledger = new FakeLedger();
    const h = await loadHistory(ledger, 'production', SINCE, { initialLimit: 8 });
    // 8, 16 and 32 records: only the read of 32 reaches record 100 (before the window).
    expect(ledger.limits).toEqual([8, 16, 32]);
    expect(h.records.map((r) => r.id)).toEqual(RECORDS.slice(1).map((r) => r.id));
    expect(h.earlier.map((r) => r.id)).toEqual(['100']);
    expect([h.reachedSince, h.exhausted]).toEqual([true, true]);
  });

  test('stops as soon as the window is covered', async () => {
    const ledger = new FakeLedger();
    const h = await loadHistory(ledger, 'production', new Date('2026-08-20T00:00:00Z'), { initialLimit: 4 });
    // Newest first: 130, 129, 128, 127 (19 August, before the window).
    expect(ledger.limits).toEqual([4]);
    expect(h.records.map((r) => r.id)).toEqual(['128', '129', '130']);
    expect(h.reachedSince).toBe(true);
  });

  test('fewer records than asked: the ledger holds no more, so the window is covered (both ledgers page to the limit)', async () => {
    const ledger = new FakeLedger(RECORDS, 10);
    const h = await loadHistory(ledger, 'production', SINCE, { initialLimit: 5 });
    expect(ledger.limits).toEqual([5, 10, 20]);
    expect(h.records).toHaveLength(10);
    expect([h.reachedSince, h.exhausted]).toEqual([true, true]);
    const r = await doraReport({ ledger: new FakeLedger(RECORDS, 10), commits: new FakeCommitTimes(), environment: 'production', since: SINCE, now: NOW });
    expect(r.window.historyReachesSince).toBe(true);
    expect(r.notes.some((n) => n.includes('returned nothing older'))).toBe(false);
  });

  test('a read that stops at maxLimit before the window is covered is reported, not looped on', async () => {
    const h = await loadHistory(new FakeLedger(), 'production', SINCE, { initialLimit: 5, maxLimit: 10 });
    expect([h.reachedSince, h.exhausted]).toEqual([false, false]);
    const r = await doraReport({
      ledger: new FakeLedger(),
      commits: new FakeCommitTimes(),
      environment: 'production',
      since: SINCE,
      now: NOW,
      history: { initialLimit: 5, maxLimit: 10 }
    });
    expect(r.notes[0]).toMatch(/^The test ledger returned nothing older than .* \(10 records\): deployments before that, if any, are not counted\.$/);
  });

  test('maxLimit bounds the reads', async () => {
    const ledger = new FakeLedger();
    const h = await loadHistory(ledger, 'production', SINCE, { initialLimit: 4, maxLimit: 12 });
    expect(ledger.limits).toEqual([4, 8, 12]);
    expect([h.records.length, h.reachedSince, h.exhausted]).toEqual([12, false, false]);
  });

  test('an empty environment', async () => {
    const h = await loadHistory(new FakeLedger([]), 'production', SINCE);
    expect(h).toEqual({ records: [], earlier: [], reachedSince: true, exhausted: true });
  });
});
