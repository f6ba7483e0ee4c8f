// The secrets sweep (issue 9): everything a bundle run left where people or other programs can read
// it — stdout and stderr (except the ::add-mask:: commands, which is how the runner is told what to
// hide), outputs, the job summary, every file under the run's RUNNER_TEMP (reports, manifests,
// state), what the GitHub API stand-in stored (issues, comments, commit statuses, deployments and
// their statuses, check runs, pull requests, Git commit messages and ref names) and what a loopback webhook received — is searched for every secret
// the run was given, in the forms it may take on the way (URL-encoded, JSON- or Markdown-escaped,
// base64 as in a Basic header, split into the parts of a header value).
//
// The secrets are derived here, independently of the product's own masking code, so a gap in that
// code cannot hide itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BundleRun, Job } from './run-bundle.js';
import type { GitHubStandin } from './github-standin/index.js';

export interface Secret {
  /** Where it came from, e.g. `header X-Api-Key (part after Bearer)`. */
  label: string;
  value: string;
}

export interface Place {
  /** e.g. `canary-deploy v2: summary`, `stand-in: issue #1 body`. */
  where: string;
  text: string;
}

export interface Hit {
  where: string;
  secret: string;
  /** The form it was found in (`as is`, `URL-encoded`, …). */
  form: string;
  /** A few characters around it, with the secret itself replaced by «…». */
  around: string;
}

/** What a story gave its runs. */
export interface GivenSecrets {
  token?: string;
  /** `Name: value` lines, as given to `headers`. */
  headers?: string[];
  /** Webhook URLs (the whole URL is the secret; its path usually is too). */
  webhooks?: string[];
  /** Any other URL given to a run (its user name and password are secrets). */
  urls?: string[];
}

/** Words that introduce a credential in a header value; not secrets themselves. */
const SCHEME_WORDS = new Set(['bearer', 'basic', 'token', 'digest', 'apikey', 'api-key', 'key', 'negotiate', 'ntlm', 'oauth', 'dpop']);
const MIN_PART = 4;

/** Every secret, and every part of one that is a secret on its own, with where it came from. */
export function secretsOf(given: GivenSecrets): Secret[] {
  const out = new Map<string, string>();
  const add = (value: string | undefined, label: string) => {
    const v = value?.trim();
    if (v && v.length >= MIN_PART && !SCHEME_WORDS.has(v.toLowerCase()) && !out.has(v)) out.set(v, label);
  };
  add(given.token, 'github-token');
  for (const line of given.headers ?? []) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    add(value, `header ${name}`);
    const parts = value.split(/[\s,;]+/).filter(Boolean);
    const scheme = parts.length > 1 && SCHEME_WORDS.has(parts[0].toLowerCase()) ? parts[0] : '';
    for (const part of scheme ? parts.slice(1) : parts) {
      add(part, `header ${name} (${scheme ? `part after ${scheme}` : 'part'})`);
      const kv = /^[^=]+=(.+)$/.exec(part);
      if (kv) add(kv[1].replace(/^"|"$/g, ''), `header ${name} (value of ${part.split('=')[0]})`);
    }
    if (scheme.toLowerCase() === 'basic' && parts.length === 2) {
      const decoded = Buffer.from(parts[1], 'base64').toString('utf8');
      if (decoded.includes(':')) {
        add(decoded, `header ${name} (decoded Basic credentials)`);
        add(decoded.slice(decoded.indexOf(':') + 1), `header ${name} (Basic password)`);
      }
    }
  }
  const credentials = (raw: string, label: string) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return;
    }
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    if (pass) {
      add(pass, `${label} (password)`);
      add(`${user}:${pass}`, `${label} (user:password)`);
      add(Buffer.from(`${user}:${pass}`).toString('base64'), `${label} (as a Basic header)`);
    } else if (user) add(user, `${label} (user name as credentials)`);
    return u;
  };
  for (const hook of given.webhooks ?? []) {
    add(hook, 'webhook URL');
    const u = credentials(hook, 'webhook URL');
    if (u) {
      // A Slack-style hook's secret is its path; the last segment alone is the key.
      const secretPath = `${u.pathname}${u.search}`;
      if (secretPath.length > 8) add(secretPath, 'webhook URL (path)');
      const last = u.pathname.split('/').filter(Boolean).at(-1);
      if (last && last.length >= 8) add(last, 'webhook URL (last path segment)');
      add(`${u.host}${u.pathname}`, 'webhook URL (without the scheme)');
    }
  }
  for (const url of given.urls ?? []) credentials(url, `URL ${url.replace(/\/\/[^@/]*@/, '//…@')}`);
  return [...out].map(([value, label]) => ({ value, label }));
}

/** The forms a secret can take in text on its way out. */
function formsOf(value: string): [string, string][] {
  const forms: [string, string][] = [['as is', value]];
  const push = (form: string, v: string) => {
    if (v !== value && !forms.some(([, f]) => f === v)) forms.push([form, v]);
  };
  push('URL-encoded', encodeURIComponent(value));
  push('form-encoded', encodeURIComponent(value).replace(/%20/g, '+'));
  push('JSON-escaped', JSON.stringify(value).slice(1, -1));
  push('JSON-escaped with \\/', JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'));
  if (value.length >= 8) push('base64', Buffer.from(value).toString('base64').replace(/=+$/, ''));
  return forms;
}

/** Views of a text with the escapes of logs, Markdown and HTML undone, so an escaped secret is still found. */
function viewsOf(text: string): [string, string][] {
  const views: [string, string][] = [['', text]];
  const unescaped = text
    .replace(/\u200b/g, '')
    .replace(/\\([\\`*_{}[\]()<>#+!|~^$.\-/])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
  if (unescaped !== text) views.push([' (after unescaping)', unescaped]);
  return views;
}

/** Every place where any form of any secret occurs. */
export function sweep(places: Place[], secrets: Secret[]): Hit[] {
  const hits: Hit[] = [];
  for (const place of places) {
    for (const [view, text] of viewsOf(place.text)) {
      for (const secret of secrets) {
        for (const [form, value] of formsOf(secret.value)) {
          const at = text.indexOf(value);
          if (at < 0) continue;
          if (hits.some((h) => h.where === place.where && h.secret === secret.label)) continue;
          const around = `${text.slice(Math.max(0, at - 40), at)}«…»${text.slice(at + value.length, at + value.length + 40)}`.replace(/\s+/g, ' ');
          hits.push({ where: place.where, secret: secret.label, form: `${form}${view}`, around });
        }
      }
    }
  }
  return hits;
}

/** One line per hit, for a failure message. */
export function describeHits(hits: Hit[]): string {
  return hits.map((h) => `${h.secret} in ${h.where} (${h.form}): ${h.around}`).join('\n');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/**
 * What one bundle run left: its stdout and stderr (the ::add-mask:: commands left out), each output,
 * the summary, and every file under its RUNNER_TEMP and every file an output names (steps of one
 * job share RUNNER_TEMP: pass the same `seenFiles` to list each file once).
 */
export function runPlaces(name: string, run: BundleRun & { job: Job }, seenFiles: Set<string> = new Set()): Place[] {
  const places: Place[] = [
    {
      where: `${name}: stdout`,
      text: run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
    },
    { where: `${name}: stderr`, text: run.stderr },
    { where: `${name}: summary`, text: run.summary },
    ...Object.entries(run.outputs).map(([k, v]) => ({ where: `${name}: output ${k}`, text: v })),
    // The state handed to the post step is a file of the runner's too.
    ...Object.entries(run.state).map(([k, v]) => ({ where: `${name}: state ${k}`, text: v }))
  ];
  const files = new Set(filesUnder(run.job.runnerTemp));
  for (const v of Object.values(run.outputs)) if (path.isAbsolute(v) && existsSync(v) && statSync(v).isFile()) files.add(v);
  for (const f of files)
    if (!seenFiles.has(f) && seenFiles.add(f))
      places.push({
        where: `${name}: file ${path.relative(run.job.runnerTemp, f).startsWith('..') ? f : `$RUNNER_TEMP/${path.relative(run.job.runnerTemp, f)}`}`,
        text: readFileSync(f).toString('latin1')
      });
  return places;
}

/**
 * What the GitHub API stand-in stored: issues and comments, commit statuses, deployments and their
 * statuses, check runs, labels, pull requests (title, body, branches, comments), and its Git model's
 * commit messages (and authors) and ref names.
 */
export function standinPlaces(gh: GitHubStandin): Place[] {
  const s = gh.state;
  const places: Place[] = [];
  for (const i of s.issues) {
    places.push({ where: `stand-in: issue #${i.number} title`, text: i.title }, { where: `stand-in: issue #${i.number} body`, text: i.body });
    for (const c of i.comments) places.push({ where: `stand-in: issue #${i.number} comment ${c.id}`, text: c.body });
  }
  for (const c of s.commitStatuses) places.push({ where: `stand-in: commit status ${c.context} ${c.id}`, text: JSON.stringify(c) });
  for (const d of s.deployments) {
    places.push({ where: `stand-in: deployment ${d.id}`, text: JSON.stringify({ ...d, statuses: undefined }) });
    for (const st of d.statuses) places.push({ where: `stand-in: deployment ${d.id} status ${st.id}`, text: JSON.stringify(st) });
  }
  for (const c of s.checkRuns) places.push({ where: `stand-in: check run ${c.id}`, text: JSON.stringify(c) });
  for (const l of s.labels) places.push({ where: `stand-in: label ${l.id}`, text: JSON.stringify(l) });
  for (const p of s.pulls) {
    places.push(
      { where: `stand-in: pull request #${p.number} title`, text: p.title },
      { where: `stand-in: pull request #${p.number} body`, text: p.body },
      { where: `stand-in: pull request #${p.number} branches`, text: `${p.head}\n${p.base}` }
    );
    for (const c of p.comments) places.push({ where: `stand-in: pull request #${p.number} comment ${c.id}`, text: c.body });
  }
  for (const o of s.git.objects.values())
    if (o.kind === 'commit')
      places.push(
        { where: `stand-in: git commit ${o.sha.slice(0, 7)} message`, text: o.message },
        { where: `stand-in: git commit ${o.sha.slice(0, 7)} author`, text: JSON.stringify([o.author, o.committer]) }
      );
  // Numbered, not named: a ref name with a secret in it must not show up in a failure's `where`.
  for (const [n, [name, sha]] of [...s.git.refs].entries()) places.push({ where: `stand-in: git ref ${n + 1}`, text: `${name} ${sha}` });
  // Request bodies too: whatever was sent, even when the stand-in did not keep it.
  for (const [n, r] of gh.log.entries())
    if (r.body !== undefined) places.push({ where: `stand-in: request ${n + 1} ${r.route} body`, text: JSON.stringify(r.body) });
  return places;
}

export interface WebhookSink {
  /** The base URL; a hook is `${base}/services/…`. */
  base: string;
  received: { path: string; headers: http.IncomingHttpHeaders; body: string }[];
  places(): Place[];
  close(): Promise<void>;
}

/** A loopback server that accepts webhook posts and keeps what it received. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const received: WebhookSink['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    // The path a hook was posted to is the secret itself: only the body is what the hook's reader sees.
    places: () => received.map((r, i) => ({ where: `webhook payload ${i + 1}`, text: r.body })),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      })
  };
}
