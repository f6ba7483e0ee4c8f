import type { StandinState } from './state.js';

/**
 * Answers the one GraphQL query Shipgate sends: repository(owner,name){ deployments(environments,
 * first, orderBy) { nodes { ... latestStatus { ... } } } }, from the same state as REST.
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
  const desc = !/direction\s*:\s*ASC/.test(q);
  const list = state.deployments.filter((d) => !envList || envList.includes(d.environment)).filter((d) => d.hiddenReads-- <= 0);
  const ordered = desc ? [...list].reverse() : list;
  const nodes = ordered.slice(0, first).map((d) => {
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
  return [200, { data: { repository: { deployments: { nodes } } } }, []];
}
