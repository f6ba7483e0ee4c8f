// show stat CSV as HAProxy 2.6 writes it: the fixture is a capture from the real haproxy after
// 400 requests (stable healthy; canary at 30 % 5xx, then refusing connections, then dropping them).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRow, outOfRotation, parseShowStat, pickServer, serverNames, serverStats, splitCsvLine } from '../../../shared/routers/haproxy/stat-csv.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'haproxy-2.6-show-stat.csv');
const text = readFileSync(FIXTURE, 'utf8');

describe('parseShowStat on a real 2.6 capture', () => {
  const rows = parseShowStat(text);

  test('one row per proxy line, columns by header name', () => {
    expect(rows.map((r) => `${r.pxname}/${r.svname}`)).toEqual(['fe/FRONTEND', 'app/stable', 'app/canary', 'app/BACKEND']);
    // 2.6 puts hrsp_5xx 44th and req_tot 49th (1-based): the parser must not care.
    const header = text.split('\n')[0].slice(2).split(',');
    expect(header.indexOf('hrsp_5xx')).toBe(43);
    expect(header.indexOf('req_tot')).toBe(48);
    expect(Object.keys(rows[1])).not.toContain('');
  });

  test('the fields Shipgate reads', () => {
    expect(pickServer(rows, 'app', 'canary')).toEqual({
      pxname: 'app',
      svname: 'canary',
      requests: 49,
      requestsFromStot: false,
      sessions: 99,
      http5xx: 9,
      connectionErrors: 25,
      responseErrors: 25,
      rtimeMs: 5,
      ttimeMs: 5,
      status: 'no check',
      weight: 25,
      algo: ''
    });
    expect(pickServer(rows, 'app', 'stable')).toMatchObject({ requests: 301, http5xx: 0, connectionErrors: 0, responseErrors: 0, weight: 75 });
    expect(findRow(rows, 'app', 'BACKEND')?.algo).toBe('roundrobin');
    expect(pickServer(rows, 'app', 'nope')).toBeUndefined();
    expect(pickServer(rows, 'other', 'canary')).toBeUndefined();
  });

  test('server names leave out the summary rows', () => {
    expect(serverNames(rows, 'app')).toEqual(['stable', 'canary']);
    expect(serverNames(rows, 'fe')).toEqual([]);
  });
});

describe('parsing details', () => {
  test('an empty req_tot falls back to stot, empty averages are null, empty counters 0', () => {
    const rows = parseShowStat('# pxname,svname,stot,req_tot,hrsp_5xx,econ,eresp,rtime,ttime,status,weight,\nb,s,12,,,,,,,UP,7,\n');
    expect(serverStats(rows[0])).toMatchObject({
      requests: 12,
      requestsFromStot: true,
      http5xx: 0,
      connectionErrors: 0,
      rtimeMs: null,
      ttimeMs: null,
      weight: 7
    });
  });

  test('columns in another order are read by name', () => {
    const rows = parseShowStat('# svname,req_tot,pxname,hrsp_5xx,\ncanary,40,app,4,\n');
    expect(pickServer(rows, 'app', 'canary')).toMatchObject({ requests: 40, http5xx: 4 });
  });

  test('quoted fields may hold commas and doubled quotes', () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",,d,')).toEqual(['a', 'b,c', 'say "hi"', '', 'd', '']);
    expect(splitCsvLine('"x"')).toEqual(['x']);
    expect(splitCsvLine('"unterminated')).toEqual(['unterminated']);
    const rows = parseShowStat('# pxname,svname,check_desc,req_tot,\napp,canary,"Layer7, wrong status",5,\n');
    expect(pickServer(rows, 'app', 'canary')?.requests).toBe(5);
  });

  test('a reply without a header is one sentence', () => {
    expect(() => parseShowStat('No such proxy.\n\n')).toThrow('the reply to show stat has no "# pxname,svname,..." header line: "No such proxy.\\n\\n"');
  });

  test('statuses that take no traffic', () => {
    for (const s of ['MAINT', 'MAINT(via)', 'MAINT (resolution)', 'DRAIN', 'NOLB', 'DOWN', 'DOWN 1/2']) expect(outOfRotation(s)).toBe(true);
    for (const s of ['UP', 'no check', 'UP 1/3', '']) expect(outOfRotation(s)).toBe(false);
  });
});
