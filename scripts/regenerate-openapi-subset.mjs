#!/usr/bin/env node
/**
 * Writes __tests__/fixtures/openapi-subset.json: the operations of GitHub's published OpenAPI
 * description that Shipgate calls, trimmed to what request validation needs (parameters and
 * request bodies; no responses, descriptions or examples) so the fixture stays small.
 *
 * @octokit/openapi is ~385 MB unpacked, so it is installed into a temporary folder outside the
 * repository and deleted afterwards; it is never a dependency in package.json.
 *
 * Usage: node scripts/regenerate-openapi-subset.mjs [--from <dir containing generated/>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '__tests__', 'fixtures', 'openapi-subset.json');

/** Every REST operation Shipgate (or its test stand-in's clients) sends. Keep in sync with shared/github. */
export const OPERATIONS = [
  ['post', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}'],
  ['post', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['post', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/statuses'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/status'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/issues'],
  ['post', '/repos/{owner}/{repo}/issues'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['patch', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/labels'],
  ['get', '/repos/{owner}/{repo}/labels/{name}'],
  ['get', '/repos/{owner}/{repo}/compare/{basehead}'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}'],
  // The revert pull request (shared/notifiers/revert-pr.ts): Git Data API, commits, pulls, labels.
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/git/ref/{ref}'],
  ['post', '/repos/{owner}/{repo}/git/refs'],
  ['patch', '/repos/{owner}/{repo}/git/refs/{ref}'],
  ['get', '/repos/{owner}/{repo}/git/commits/{commit_sha}'],
  ['post', '/repos/{owner}/{repo}/git/commits'],
  ['get', '/repos/{owner}/{repo}/git/trees/{tree_sha}'],
  ['post', '/repos/{owner}/{repo}/git/trees'],
  ['get', '/repos/{owner}/{repo}/git/blobs/{file_sha}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['post', '/repos/{owner}/{repo}/pulls'],
  ['patch', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/labels']
];

/** Keys that only document: dropping them keeps the fixture small and validation unchanged. */
const DROP = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'x-github',
  'x-githubEnterpriseOnly',
  'x-octokit',
  'title',
  'responses',
  'tags',
  'deprecated',
  'x-deprecation-details'
]);

/** Drops documentation keys, but `properties` keep every name (a body field may be called description). */
function stripSchemaAware(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => stripSchemaAware(n));
  if (node && typeof node === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(node)) {
      if (!inProperties && DROP.has(k)) continue;
      o[k] = stripSchemaAware(v, !inProperties && k === 'properties');
    }
    return o;
  }
  return node;
}

function collectRefs(node, acc) {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, acc);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') acc.add(v);
      else collectRefs(v, acc);
    }
  }
}

function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((n, key) => (n == null ? undefined : n[key]), doc);
}

function setPointer(target, ref, value) {
  const parts = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let n = target;
  for (const p of parts.slice(0, -1)) n = n[p] ??= {};
  n[parts.at(-1)] = value;
}

export function buildSubset(api) {
  const paths = {};
  for (const [method, path] of OPERATIONS) {
    const item = api.paths[path];
    const op = item?.[method];
    if (!op) throw new Error(`operation not in the description: ${method.toUpperCase()} ${path}`);
    const kept = stripSchemaAware({
      operationId: op.operationId,
      parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
      requestBody: op.requestBody
    });
    kept.operationId = op.operationId;
    if (!kept.requestBody) delete kept.requestBody;
    (paths[path] ??= {})[method] = kept;
  }
  const components = {};
  const seen = new Set();
  const queue = new Set();
  collectRefs(paths, queue);
  while (queue.size) {
    const [ref] = queue;
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const target = resolvePointer(api, ref);
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    const kept = stripSchemaAware(target);
    setPointer({ components }, ref, kept);
    const more = new Set();
    collectRefs(kept, more);
    for (const r of more) if (!seen.has(r)) queue.add(r);
  }
  return { openapi: api.openapi, info: { title: 'GitHub REST API (Shipgate subset)', version: api.info?.version }, paths, components };
}

function main() {
  const fromIdx = process.argv.indexOf('--from');
  let dir = fromIdx > 0 ? process.argv[fromIdx + 1] : null;
  let temp = null;
  try {
    if (!dir) {
      temp = mkdtempSync(join(tmpdir(), 'shipgate-openapi-'));
      process.stderr.write(`installing @octokit/openapi into ${temp} (large; deleted afterwards)\n`);
      execFileSync('npm', ['install', '--prefix', temp, '--no-audit', '--no-fund', '--no-save', '@octokit/openapi'], {
        stdio: ['ignore', 'ignore', 'inherit']
      });
      dir = join(temp, 'node_modules', '@octokit', 'openapi');
    }
    const file = join(dir, 'generated', 'api.github.com.json');
    if (!existsSync(file)) throw new Error(`not found: ${file}`);
    const api = JSON.parse(readFileSync(file, 'utf8'));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const subset = buildSubset(api);
    subset.info['x-source'] = `@octokit/openapi@${pkg.version} generated/api.github.com.json`;
    const text = `${JSON.stringify(subset)}\n`;
    writeFileSync(out, text);
    process.stderr.write(
      `wrote ${out}: ${OPERATIONS.length} operations, ${Object.values(subset.components).reduce((n, c) => n + Object.keys(c).length, 0)} components, ${text.length} bytes\n`
    );
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
