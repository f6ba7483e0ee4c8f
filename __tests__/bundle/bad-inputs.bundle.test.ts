// Bad input fails the step with one sentence naming the input, the value and what is allowed,
// before anything is built, deployed or probed. Runs the bundles as the runner does.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ACTION_NAMES, INPUTS, inputsOf, type InputName } from '../../shared/inputs/catalogue.js';
import { newJob, runBundle, tempDir } from '../helpers/run-bundle.js';

let hits = 0;
let server: http.Server;
let url = '';
/** A private file next to (outside) every job's workspace: no config path may reach it. */
let outsideFile = '';

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const outside = tempDir('shipgate-outside-');
  mkdirSync(path.join(outside, 'private'));
  outsideFile = path.join(outside, 'private', 'private.yml');
  writeFileSync(outsideFile, 'deploy-password: hunter2-private-content\nsteps: hunter2-private-content\n');
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// Every deploy-like row would leave a marker or state if it ran anything.
const deploy = (over: Record<string, string>) => ({
  version: 'v2',
  'start-command': 'touch started && node -e "setInterval(()=>{},1000)"',
  'deploy-command': 'touch deployed',
  'rollback-command': 'touch rolled-back',
  ...over
});
const build = (over: Record<string, string>) => ({ command: 'touch built', artifact: 'built', ...over });
const smoke = (over: Record<string, string>) => ({ url: '__URL__', ...over });
const rollback = (over: Record<string, string>) => ({ 'start-command': 'touch started', 'rollback-command': 'touch rolled-back', ...over });

type Row = [bundle: string, inputs: Record<string, string>, message: RegExp];
const rows: Row[] = [
  ['canary-deploy', deploy({ steps: '10,5,100' }), /Input "steps" has value "10,5,100": use strictly increasing/],
  ['canary-deploy', deploy({ steps: '150' }), /Input "steps" has value "150"/],
  ['canary-deploy', deploy({ steps: '10,50' }), /Input "steps" has value "10,50".*end at 100/],
  ['canary-deploy', deploy({ steps: 'ten' }), /Input "steps" has value "ten"/],
  ['canary-deploy', deploy({ 'step-duration': 'soon' }), /Input "step-duration" has value "soon": use a duration such as/],
  ['canary-deploy', deploy({ 'step-duration': '0s' }), /Input "step-duration" has value "0s"/],
  ['canary-deploy', deploy({ target: 'nonsense' }), /Input "target" has value "nonsense": allowed values are local, command, nginx, haproxy, kubernetes/],
  ['canary-deploy', deploy({ target: 'kubernetes' }), /Input "deployment" is missing: target: kubernetes needs the stable Deployment/],
  [
    'canary-deploy',
    deploy({ target: 'kubernetes', deployment: 'web', traffic: 'nginx' }),
    /Input "traffic" has value "nginx": with target: kubernetes use replicas/
  ],
  ['canary-deploy', deploy({ target: 'kubernetes', deployment: 'Web_App' }), /Input "deployment" has value "Web_App": use an object name/],
  ['canary-deploy', deploy({ target: 'kubernetes', deployment: 'web', image: 'x;rm -rf /' }), /Input "image" has value "x;rm -rf \/": use an image reference/],
  ['canary-deploy', deploy({ target: 'kubernetes', deployment: 'web', traffic: 'gateway-api' }), /Input "httproute" is missing/],
  ['canary-deploy', deploy({ target: 'nginx' }), /Input "target" has value "nginx": .*use target: command with traffic: nginx/],
  ['canary-deploy', deploy({ traffic: 'envoy' }), /Input "traffic" has value "envoy": allowed values are local, command, nginx, haproxy/],
  ['canary-deploy', deploy({ traffic: 'nginx' }), /Input "traffic" has value "nginx": the local target splits traffic with its own proxy/],
  ['canary-deploy', deploy({ target: 'command', traffic: 'nginx' }), /Input "nginx-conf" is missing/],
  [
    'canary-deploy',
    deploy({ target: 'command', traffic: 'haproxy', 'haproxy-socket': '/run/h.sock', 'haproxy-backend': 'app;disable frontend fe' }),
    /Input "haproxy-backend" has value "app;disable frontend fe": use up to 64 letters/
  ],
  [
    'canary-deploy',
    deploy({ target: 'command', traffic: 'nginx', 'nginx-conf': 'up.conf', 'stable-server': '127.0.0.1:1', 'canary-server': '127.0.0.1:2', 'probe-rate': '0' }),
    /Input "promote-command" is missing: with traffic: nginx a promotion redeploys the stable server/
  ],
  ['canary-deploy', deploy({ 'probe-rate': '-1' }), /Input "probe-rate" has value "-1": use a number from 0 to 1000/],
  ['canary-deploy', deploy({ 'error-tolerance': 'lots' }), /Input "error-tolerance" has value "lots"/],
  ['canary-deploy', deploy({ 'latency-tolerance': 'fast' }), /Input "latency-tolerance" has value "fast"/],
  ['canary-deploy', deploy({ 'canary-url': 'not a url' }), /Input "canary-url" has value "not a url": use an absolute http/],
  ['canary-deploy', deploy({ action: 'explode' }), /Input "action" has value "explode": allowed values are deploy, promote, abort/],
  ['canary-deploy', deploy({ 'auto-rollback': 'maybe' }), /Input "auto-rollback" has value "maybe": use true or false/],
  ['canary-deploy', deploy({ judge: 'vibes' }), /Input "judge" has value "vibes": allowed values are sequential, thresholds/],
  ['canary-deploy', deploy({ 'on-inconclusive': 'shrug' }), /Input "on-inconclusive" has value "shrug"/],
  ['canary-deploy', deploy({ version: '' }), /Input "version" is missing/],
  ['canary-deploy', deploy({ version: '$(touch pwned)' }), /Input "version" has value "\$\(touch pwned\)"/],
  ['canary-deploy', deploy({ 'start-command': '' }), /Input "start-command" is missing/],
  ['canary-deploy', deploy({ target: 'command', 'deploy-command': '' }), /Input "deploy-command" is missing/],
  ['canary-deploy', deploy({ target: 'command', 'canary-url': '', 'stable-url': '' }), /Input "canary-url" is missing/],
  ['canary-deploy', deploy({ 'proxy-port': '8080' }), /Input "proxy-port" has value "8080"/],
  ['canary-deploy', deploy({ 'proxy-port': '70000' }), /Input "proxy-port" has value "70000": use a whole number from 0 to 65535/],
  ['canary-deploy', deploy({ environment: 'prod uction' }), /Input "environment" has value "prod uction"/],
  ['canary-deploy', deploy({ mention: 'not a handle!' }), /Input "mention" has value "not a handle!"/],
  ['canary-deploy', deploy({ webhook: 'hooks.example/secret-token' }), /Input "webhook" has value "\*\*\*"/],
  ['canary-deploy', deploy({ ledger: 'paper' }), /Input "ledger" has value "paper"/],
  ['canary-deploy', deploy({ alpha: '0.9' }), /Input "alpha" has value "0.9"/],
  [
    'canary-deploy',
    deploy({ 'prometheus-url': 'http://127.0.0.1:1', 'prometheus-errors-query': 'sum(errors)' }),
    /Input "prometheus-errors-query" has value "sum\(errors\)": the query must contain \{\{version\}\}/
  ],
  ['canary-deploy', deploy({ config: 'missing.yml' }), /Input "config" has value "missing.yml": no such file/],
  ['smoke-test', smoke({ url: 'not a url' }), /Input "url" has value "not a url": use an absolute http/],
  ['smoke-test', smoke({ url: '' }), /Input "url" is missing/],
  ['smoke-test', smoke({ 'expect-status': '7xx' }), /Input "expect-status" has value "7xx": use status codes or ranges from 100 to 599/],
  ['smoke-test', smoke({ requests: '0' }), /Input "requests" has value "0"/],
  ['smoke-test', smoke({ concurrency: 'many' }), /Input "concurrency" has value "many"/],
  ['smoke-test', smoke({ timeout: 'forever' }), /Input "timeout" has value "forever"/],
  ['smoke-test', smoke({ retries: '-2' }), /Input "retries" has value "-2"/],
  ['smoke-test', smoke({ headers: 'Authorization Bearer sekret' }), /Input "headers" has value "line 1: \*\*\*": write one "Name: value" header per line/],
  ['build', build({ command: '' }), /Input "command" is missing/],
  ['build', build({ artifact: '' }), /Input "artifact" is missing/],
  ['build', build({ artifact: '../etc/passwd' }), /Input "artifact" has value "..\/etc\/passwd"/],
  ['build', build({ version: 'has space' }), /Input "version" has value "has space"/],
  ['auto-rollback', rollback({ 'to-version': 'bad version' }), /Input "to-version" has value "bad version"/],
  ['auto-rollback', rollback({ target: 'nonsense' }), /Input "target" has value "nonsense"/],
  ['rollout', deploy({ steps: '10,5,100', 'build-command': 'touch built', artifact: 'built' }), /Input "steps" has value "10,5,100"/],
  ['rollout', deploy({ version: '', 'build-command': '' }), /Input "version" is missing/],
  ['rollout', deploy({ 'build-command': 'touch built', artifact: '' }), /Input "artifact" is missing/],
  // Issue 9: credentials in URLs (shown with the user name and password replaced by ***).
  ['canary-deploy', deploy({ 'canary-url': '__CRED_URL__' }), /Input "canary-url" has value "http:\/\/\*\*\*@127\.0\.0\.1:\d+\/": .*headers/],
  [
    'canary-deploy',
    deploy({ target: 'command', 'canary-url': '__URL__', 'stable-url': '__CRED_URL__' }),
    /Input "stable-url" has value "http:\/\/\*\*\*@127\.0\.0\.1:\d+\/": .*headers/
  ],
  [
    'canary-deploy',
    deploy({ 'prometheus-url': 'http://admin:hunter2pw@127.0.0.1:1/' }),
    /Input "prometheus-url" has value "http:\/\/\*\*\*@127\.0\.0\.1:1\/": .*headers/
  ],
  [
    'rollout',
    deploy({ 'environment-url': 'https://deployer:hunter2pw@shop.example/' }),
    /Input "environment-url" has value "https:\/\/\*\*\*@shop\.example\/": .*headers/
  ],
  ['smoke-test', smoke({ url: '__CRED_URL__' }), /Input "url" has value "http:\/\/\*\*\*@127\.0\.0\.1:\d+\/": .*headers/],
  // Issue 9: a config file outside the workspace (relative, absolute).
  ['canary-deploy', deploy({ config: '__OUTSIDE_RELATIVE__' }), /Input "config" has value "(\.\.\/)+[^"]*private\.yml": use a path inside the workspace/],
  ['smoke-test', smoke({ config: '__OUTSIDE_ABSOLUTE__' }), /Input "config" has value "\/[^"]*private\.yml": use a path inside the workspace/],
  // Issue 9: caught too late before (a spawn error after the target, ledger or local daemon started).
  ['canary-deploy', deploy({ 'working-directory': 'no/such/dir' }), /Input "working-directory" has value "no\/such\/dir": no such folder in the workspace/],
  [
    'canary-deploy',
    deploy({ target: 'command', 'canary-url': '__URL__', 'stable-url': '__URL__', 'working-directory': 'no/such/dir' }),
    /Input "working-directory" has value "no\/such\/dir"/
  ],
  ['build', build({ 'working-directory': 'no/such/dir' }), /Input "working-directory" has value "no\/such\/dir": no such folder in the workspace/],
  ['auto-rollback', rollback({ 'working-directory': 'no/such/dir' }), /Input "working-directory" has value "no\/such\/dir"/],
  [
    'rollout',
    deploy({ 'build-command': 'touch built', artifact: 'built', 'working-directory': 'no/such/dir' }),
    /Input "working-directory" has value "no\/such\/dir"/
  ],
  ['smoke-test', smoke({ headers: 'X-Token: Tökén-Ā-sekret' }), /Input "headers" has value "line 1: \*\*\*": .*Latin-1/],
  ['smoke-test', smoke({ 'expect-body': '/(unclosed/' }), /Input "expect-body" has value "\/\(unclosed\/": .*RE2/],
  // Issue 9: non-canonical numbers where the catalogue says non-negative.
  ['canary-deploy', deploy({ 'probe-rate': '-0' }), /Input "probe-rate" has value "-0": use a number from 0 to 1000/],
  ['canary-deploy', deploy({ 'proxy-port': '-0' }), /Input "proxy-port" has value "-0": use a whole number from 0 to 65535/],
  ['smoke-test', smoke({ retries: '-0' }), /Input "retries" has value "-0": use a whole number from 0 to 20/],
  ['smoke-test', smoke({ requests: '+1' }), /Input "requests" has value "\+1": use a whole number from 1 to 10000/]
];

/** The input a row is about: the one its expected sentence names. */
const inputOf = (row: Row): string => /Input "([a-z-]+)"/.exec(row[2].source.replace(/\\/g, ''))?.[1] ?? '';

describe('bad inputs fail fast with one sentence and change nothing', () => {
  test.each(rows)('%s %j', async (bundle, inputs, message) => {
    // One job (its workspace and RUNNER_TEMP are inspected afterwards) on a machine of its own.
    const job = newJob();
    const { workspace, runnerTemp } = job;
    const stateHome = tempDir('shipgate-machine-');
    const before = hits;
    const credUrl = url.replace('http://', 'http://admin:hunter2pw@');
    const fill: Record<string, string> = {
      __URL__: url,
      __CRED_URL__: credUrl,
      __OUTSIDE_RELATIVE__: path.relative(workspace, outsideFile),
      __OUTSIDE_ABSOLUTE__: outsideFile
    };
    const withUrl = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, fill[v] ?? v]));
    const run = await runBundle(bundle, withUrl, { sameJob: job, stateHome, timeoutMs: 30_000 });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(message);
    // One sentence: a single line ending in a full stop.
    expect(run.error.split('\n')).toHaveLength(1);
    expect(run.error.trim()).toMatch(/\.$/);
    // Nothing built, deployed or probed.
    for (const marker of ['built', 'started', 'deployed', 'rolled-back', 'pwned']) expect(existsSync(path.join(workspace, marker))).toBe(false);
    expect(existsSync(path.join(workspace, '.shipgate'))).toBe(false);
    expect(readdirSync(runnerTemp)).toEqual([]);
    // Nothing recorded or started on the machine either (ledger, local target).
    expect(readdirSync(stateHome)).toEqual([]);
    expect(hits).toBe(before);
    expect(run.outputs).toEqual({});
    expect(run.stdout + run.stderr).not.toMatch(/sekret|secret-token|hunter2/);
  });

  // Derived from the catalogue: a new required or enum input without a row fails here.
  test.each(ACTION_NAMES.map((a) => [a]))('%s: every required input has a row of its own, and every row names an input of the action', (action) => {
    const named = rows.filter((r) => r[0] === action).map(inputOf);
    expect(named.length).toBeGreaterThan(0);
    const required = inputsOf(action)
      .filter((i) => i.required)
      .map((i) => i.name);
    expect(required.filter((n) => !named.includes(n))).toEqual([]);
    const declared = inputsOf(action).map((i) => i.name);
    expect(named.filter((n) => !declared.includes(n))).toEqual([]);
  });

  test('every enum input and every URL input shown anywhere has a row (of some action that takes it)', () => {
    const names = Object.keys(INPUTS) as InputName[];
    const enums = names.filter((n) => INPUTS[n].type.kind === 'enum');
    const urls = names.filter((n) => ['url', 'urls'].includes(INPUTS[n].type.kind) && !('secret' in INPUTS[n] && INPUTS[n].secret));
    const named = new Set(rows.map(inputOf));
    expect(enums.length).toBeGreaterThanOrEqual(5);
    expect([...enums, ...urls].filter((n) => !named.has(n))).toEqual([]);
    // Each URL input is refused with credentials in it, not only when it is malformed.
    const credentialRows = new Set(rows.filter((r) => /\*\*\*@/.test(r[2].source.replace(/\\/g, ''))).map(inputOf));
    expect(urls.filter((n) => !credentialRows.has(n))).toEqual([]);
  });
});
