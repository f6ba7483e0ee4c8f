import type { StandinState } from './state.js';

/** An opaque cursor as GitHub's look (base64 of "cursor:v2:" and a position), naming a deployment. */
export const cursorOf = (id: number): string => Buffer.from(`cursor:v2:${id}`).toString('base64');
const idOfCursor = (cursor: string): number | undefined => {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
};

/**
 * Answers the one GraphQL query Shipgate sends: repository(owner,name){ deployments(environments,
 * first, after, orderBy) { nodes { ... latestStatus { ... } } pageInfo { hasNextPage endCursor } } },
 * from the same state as REST. Pages as GitHub's connections do: `first` (1..100) after the
 * cursor `after` (an endCursor of an earlier page; null or absent: from the start).
 * Returns [status, body, problems]; problems are recorded as violations.
 */
export function answerGraphql(state: StandinState, repo: { owner: string; repo: string }, body: unknown): [number, unknown, string[]] {
  const b = body as { query?: unknown; variables?: Record<string, unknown> } | undefined;
  if (!b || typeof b.query !== 'string') return [400, { message: 'Problems parsing JSON' }, ['GraphQL body without a query string']];
  const q = b.query;
  const vars = b.variables ?? {};
  const arg = (name: string): unknown => {
    const m = new RegExp(`${name}\\s*:\\s*(\\$\\w+|"[^"]*"|\\[[^\\]]*\\]|\\d+)`).exec(q);
    if (!m) return undefined;
    const v = m[1];
    if (v.startsWith('$')) return vars[v.slice(1)];
    return JSON.parse(v.replace(/\$(\w+)/g, (_x, n: string) => JSON.stringify(vars[n])));
  };
  if (!/repository\s*\(/.test(q) || !/deployments\s*\(/.test(q)) {
    return [200, { errors: [{ message: 'The stand-in only answers repository.deployments' }] }, ['unsupported GraphQL query']];
  }
  const owner = arg('owner');
  const name = arg('name');
  if (owner !== repo.owner || name !== repo.repo) {
    return [
      200,
      {
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.` }]
      },
      []
    ];
  }
  const envs = arg('environments');
  const envList = Array.isArray(envs) ? envs.map(String) : typeof envs === 'string' ? [envs] : null;
  const first = Number(arg('first') ?? 10);
  if (!Number.isInteger(first) || first < 1 || first > 100)
    return [200, { errors: [{ message: '`first` must be between 1 and 100' }] }, ['GraphQL first out of range']];
  const after = arg('after');
  if (after !== undefined && after !== null && typeof after !== 'string')
    return [200, { errors: [{ message: '`after` must be a String' }] }, ['GraphQL after is not a string']];
  const afterId = typeof after === 'string' ? idOfCursor(after) : undefined;
  if (typeof after === 'string' && afterId === undefined)
    return [200, { errors: [{ type: 'INVALID_CURSOR_ARGUMENTS', message: `\`${after}\` does not appear to be a valid cursor.` }] }, []];
  const desc = !/direction\s*:\s*ASC/.test(q);
  const list = state.deployments.filter((d) => !envList || envList.includes(d.environment)).filter((d) => d.hiddenReads-- <= 0);
  const ordered = desc ? [...list].reverse() : list;
  // Positions in creation order: a cursor stays valid while newer deployments arrive.
  const position = (id: number): number => state.deployments.findIndex((d) => d.id === id);
  const from = afterId === undefined ? 0 : ordered.findIndex((d) => (desc ? position(d.id) < position(afterId) : position(d.id) > position(afterId)));
  const rest = from < 0 ? [] : ordered.slice(from);
  const page = rest.slice(0, first);
  const pageInfo = {
    hasNextPage: rest.length > first,
    hasPreviousPage: from > 0,
    startCursor: page.length ? cursorOf(page[0].id) : null,
    endCursor: page.length ? cursorOf(page[page.length - 1].id) : null
  };
  const nodes = page.map((d) => {
    const s = state.latestVisibleStatus(d);
    for (const st of d.statuses) if (st.hiddenReads > 0) st.hiddenReads--;
    return {
      databaseId: d.id,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
      environment: d.environment,
      task: d.task,
      commitOid: d.sha,
      // GraphQL's Deployment.payload is a String holding the JSON.
      payload: typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload),
      description: d.description,
      state: (s?.state ?? 'pending').toUpperCase(),
      latestStatus: s
        ? {
            state: s.state.toUpperCase(),
            createdAt: s.created_at,
            description: s.description,
            logUrl: s.log_url || null,
            environmentUrl: s.environment_url || null
          }
        : null
    };
  });
  return [200, { data: { repository: { deployments: { nodes, pageInfo } } } }, []];
}
