/**
 * HAProxy's `show stat` CSV, read by header names: the column order changes between versions
 * (2.6 has about 100 columns; `hrsp_5xx` is the 44th there), the names do not.
 */

/** One row of `show stat`: every column by its header name, values as HAProxy wrote them. */
export type StatRow = Readonly<Record<string, string>>;

/** What the router and the stats source need of one server (or backend) row. */
export interface ServerStats {
  pxname: string;
  svname: string;
  /** Responses received from the server (`req_tot`; `stot` when HAProxy left it empty). */
  requests: number;
  /** Whether `requests` came from `stot` (which already counts connection and response errors). */
  requestsFromStot: boolean;
  /** Sessions sent to the server (each HTTP request is one); null when empty. */
  sessions: number | null;
  /** Responses with a 5xx status the server itself sent (`hrsp_5xx`). */
  http5xx: number;
  /** Connections to the server that failed (`econ`): the client got a 503 from HAProxy. */
  connectionErrors: number;
  /** Responses that broke off or timed out (`eresp`): the client got a 502/504 from HAProxy. */
  responseErrors: number;
  /** Average response time in ms over the last 1,024 requests (`rtime`); null when empty. */
  rtimeMs: number | null;
  /** Average total time in ms over the last 1,024 requests (`ttime`); null when empty. */
  ttimeMs: number | null;
  /** `UP`, `DOWN`, `MAINT`, `DRAIN`, `no check`, ... */
  status: string;
  /** Effective weight; null when empty. */
  weight: number | null;
  /** The balancing algorithm (filled on BACKEND rows only). */
  algo: string;
}

/**
 * Splits one CSV line. HAProxy quotes a field that holds a comma or a quote (a check
 * description, say) with double quotes, doubling quotes inside. A line break inside a field
 * would split its row; no field Shipgate reads can hold one.
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      i = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        value = line.slice(i);
        i = line.length + 1;
      } else {
        value = line.slice(i, comma);
        i = comma + 1;
      }
    }
    out.push(value);
    if (i > line.length) return out;
  }
}

/**
 * Parses the whole reply of `show stat`. The header line starts with `# `; every line ends with a
 * comma (so the last, empty column is dropped). Throws one sentence when there is no header.
 */
export function parseShowStat(text: string): StatRow[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.startsWith('# '));
  if (headerAt === -1) throw new Error(`the reply to show stat has no "# pxname,svname,..." header line: ${JSON.stringify(text.slice(0, 200))}`);
  const names = splitCsvLine(lines[headerAt].slice(2));
  const rows: StatRow[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') continue;
    const values = splitCsvLine(line);
    const row: Record<string, string> = {};
    names.forEach((name, k) => {
      if (name !== '') row[name] = values[k] ?? '';
    });
    rows.push(row);
  }
  return rows;
}

/** The row of `svname` (a server name, or `BACKEND`/`FRONTEND`) in proxy `pxname`, if any. */
export function findRow(rows: readonly StatRow[], pxname: string, svname: string): StatRow | undefined {
  return rows.find((r) => r.pxname === pxname && r.svname === svname);
}

/** Server names of backend `pxname` (its BACKEND/FRONTEND summary rows left out). */
export function serverNames(rows: readonly StatRow[], pxname: string): string[] {
  return rows.filter((r) => r.pxname === pxname && r.svname !== 'BACKEND' && r.svname !== 'FRONTEND').map((r) => r.svname);
}

function num(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The fields Shipgate uses from one row; empty counters read as 0, empty averages as null. */
export function serverStats(row: StatRow): ServerStats {
  const reqTot = num(row.req_tot);
  const stot = num(row.stot);
  return {
    pxname: row.pxname ?? '',
    svname: row.svname ?? '',
    requests: reqTot ?? stot ?? 0,
    requestsFromStot: reqTot === null && stot !== null,
    sessions: stot,
    http5xx: num(row.hrsp_5xx) ?? 0,
    connectionErrors: num(row.econ) ?? 0,
    responseErrors: num(row.eresp) ?? 0,
    rtimeMs: num(row.rtime),
    ttimeMs: num(row.ttime),
    status: row.status ?? '',
    weight: num(row.weight),
    algo: row.algo ?? ''
  };
}

/** Picks one server's stats out of a `show stat` reply; undefined when the row is absent. */
export function pickServer(rows: readonly StatRow[], backend: string, server: string): ServerStats | undefined {
  const row = findRow(rows, backend, server);
  return row ? serverStats(row) : undefined;
}

/**
 * Whether a server with this status takes no new traffic whatever its weight: forced or inherited
 * maintenance (`MAINT`, `MAINT(via)`, `MAINT (resolution)`), `DRAIN`, `NOLB`, or down by checks.
 */
export function outOfRotation(status: string): boolean {
  return /^(MAINT|DRAIN|NOLB|DOWN)/.test(status);
}
