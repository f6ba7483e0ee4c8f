// The secrets sweep over a representative story (issue 9), every step a bundle as the runner runs
// it, with the GitHub API stand-in as the ledger and a loopback webhook:
//   1. build v2-faulty, then canary-deploy it (command target, webhook): the faulty canary answers
//      500 with a body that echoes the request's headers and the GitHub token; it is rolled back,
//      an incident is opened and the webhook is told;
//   2. build v3 and canary-deploy it: promoted, the incident closed;
//   3. smoke-test with secret `headers` against a service that echoes them in its 401 body: fails;
//   4. auto-rollback with a webhook URL that carries credentials: back to v1, the incident reopened;
//   5. a smoke-test url with credentials: refused.
// Then everything every run left (see helpers/secrets-sweep.ts) is searched for every secret it was
// given, in every form: zero hits.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newJob, runBundle, type BundleRun, type Job } from '../helpers/run-bundle.js';
import { describeHits, runPlaces, secretsOf, standinPlaces, startWebhookSink, sweep, type Place, type WebhookSink } from '../helpers/secrets-sweep.js';
import { startRig, type Env, type Rig } from '../faults/rig.js';

// Every row is one or more bundle runs of several seconds each.
jest.setTimeout(120_000);

const TOKEN = 'ghs_SweepT0ken4f9c2b7e1d8a';
const HEADERS = ['Authorization: Bearer sk_sweep_live_7Q2w9E4r', 'X-Api-Key: key-sweep-51c0ffee', 'Cookie: session=sess-sweep-9d8c7b6a; theme=dark'];
const CREDENTIAL_URL_PASSWORD = 'url-pass-3c4d5e6f';
const urlWithCredentials = `http://sweep-user:${CREDENTIAL_URL_PASSWORD}@127.0.0.1:9/`;
const hookWithCredentials = () => hook.replace('http://', `http://hook-user:${CREDENTIAL_URL_PASSWORD}@`);

let rig: Rig;
let env: Env;
let sink: WebhookSink;
let hook = '';
let echo: http.Server;
let echoBase = '';
const runs: { name: string; run: BundleRun & { job: Job } }[] = [];

/** A service that answers 401 and echoes every request header it was sent. */
async function startEcho(): Promise<void> {
  echo = http.createServer((req, res) => {
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    }
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: 'invalid credentials',
        headers: req.headers,
        hint: `token ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')} was refused`
      })
    );
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoBase = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The faulty canary echoes what it was sent, and the token as a debug page might show it.
  rig = await startRig({
    token: TOKEN,
    faultyBody: (req) => JSON.stringify({ debug: `GITHUB_TOKEN=${TOKEN} hook=${hook}`, error: 'boom', requestHeaders: req.headers })
  });
  env = rig.environment('sweep');
  sink = await startWebhookSink();
  hook = `${sink.base}/services/T0SWEEP00/B0SWEEP00/hookKey9f3a7c21e5b4`;
  await startEcho();
});

afterAll(async () => {
  await rig?.close();
  await sink?.close();
  await new Promise<void>((r) => (echo ? echo.close(() => r()) : r()));
});

async function step(name: string, bundle: string, inputs: Record<string, string>, job: Job, expectCode: number): Promise<BundleRun & { job: Job }> {
  const run = await runBundle(bundle, inputs, env.runner({ sameJob: job }));
  runs.push({ name, run });
  if (run.code !== expectCode) console.log(`${name} exited ${run.code}:\n${run.stdout}`);
  expect(run.code).toBe(expectCode);
  return run;
}

async function release(version: string, expectCode: number): Promise<BundleRun & { job: Job }> {
  const job = newJob('shipgate-sweep-job-');
  const build = await step(
    `build ${version}`,
    'build',
    { command: 'mkdir -p out && echo "$SHIPGATE_VERSION" > out/VERSION', artifact: 'out/**', version },
    job,
    0
  );
  const inputs = env.deployInputs('', { manifest: build.outputs.manifest, webhook: hook, mention: '@acme/oncall' });
  delete inputs.version;
  return step(`canary-deploy ${version}`, 'canary-deploy', inputs, job, expectCode);
}

describe('secrets sweep over a representative story', () => {
  test('1. a faulty canary that echoes headers and the token is rolled back; incident and webhook', async () => {
    const run = await release('v2-faulty', 1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(rig.gh.state.issues).toHaveLength(1);
    // The echoed body did reach the evidence (redacted), so the sweep looks at a real leak path.
    expect(rig.gh.state.issues[0].body).toMatch(/Sample failing responses/);
    expect(sink.received.length).toBeGreaterThanOrEqual(1);
  });

  test('2. a healthy v3 is promoted and the incident closed', async () => {
    const run = await release('v3', 0);
    expect(run.outputs.result).toBe('promoted');
  });

  test('3. smoke-test with secret headers against a service that echoes them fails', async () => {
    const run = await step(
      'smoke-test',
      'smoke-test',
      {
        url: `${echoBase}/ok\n${echoBase}/api`,
        headers: HEADERS.join('\n'),
        retries: '0',
        'github-token': TOKEN,
        'status-context': 'shipgate/smoke'
      },
      newJob('shipgate-sweep-job-'),
      1
    );
    expect(run.outputs.passed).toBe('false');
  });

  test('4. auto-rollback with a webhook that carries credentials restores v1', async () => {
    const run = await step(
      'auto-rollback',
      'auto-rollback',
      {
        environment: env.name,
        'github-token': TOKEN,
        target: 'command',
        'rollback-command': env.commandInputs()['rollback-command'],
        reason: 'the smoke test failed after the rollout',
        webhook: hookWithCredentials(),
        mention: '@acme/oncall'
      },
      newJob('shipgate-sweep-job-'),
      0
    );
    expect(run.outputs['rolled-back-to']).toBe('v1');
    expect(env.traffic().stable).toBe('v1');
    // The credentials went where they belong: a Basic header to the hook, not its URL or body.
    const last = sink.received.at(-1)!;
    expect([last.path, last.headers.authorization]).toEqual([
      new URL(hook).pathname,
      `Basic ${Buffer.from(`hook-user:${CREDENTIAL_URL_PASSWORD}`).toString('base64')}`
    ]);
  });

  test('5. a smoke-test URL with credentials is refused without showing them', async () => {
    const smoke = await step('smoke-test with a URL with credentials', 'smoke-test', { url: urlWithCredentials }, newJob('shipgate-sweep-job-'), 1);
    expect(smoke.error).toMatch(/^Input "url" has value/);
  });

  test('the sweep: no secret in any form anywhere a run left something', () => {
    const secrets = secretsOf({
      token: TOKEN,
      headers: HEADERS,
      webhooks: [hook, hookWithCredentials()],
      urls: [urlWithCredentials]
    });
    // The derivation covers the parts a runner would not hide on its own.
    expect(secrets.map((s) => s.value)).toEqual(
      expect.arrayContaining(['sk_sweep_live_7Q2w9E4r', 'sess-sweep-9d8c7b6a', 'hookKey9f3a7c21e5b4', CREDENTIAL_URL_PASSWORD])
    );
    const seenFiles = new Set<string>();
    const places: Place[] = [...runs.flatMap(({ name, run }) => runPlaces(name, run, seenFiles)), ...standinPlaces(rig.gh), ...sink.places()];
    expect(places.length).toBeGreaterThan(50);
    const hits = sweep(places, secrets);
    if (hits.length) console.log(describeHits(hits));
    expect(hits).toEqual([]);
  });

  test('every secret a run was given was registered for masking before anything else was logged', () => {
    for (const { name, run } of runs) {
      const lines = run.stdout.split('\n');
      const masks = new Set(lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length)));
      if (/^(canary-deploy|auto-rollback|smoke-test)$/.test(name.split(' ')[0]) && !/credentials/.test(name))
        expect([name, masks.has(TOKEN)]).toEqual([name, true]);
      if (/^canary-deploy v/.test(name)) expect([name, masks.has(hook), masks.has('hookKey9f3a7c21e5b4')]).toEqual([name, true, true]);
      if (name === 'auto-rollback')
        expect([name, masks.has(hookWithCredentials()), masks.has(CREDENTIAL_URL_PASSWORD), masks.has('hookKey9f3a7c21e5b4')]).toEqual([
          name,
          true,
          true,
          true
        ]);
      if (name === 'smoke-test') {
        for (const secret of ['Bearer sk_sweep_live_7Q2w9E4r', 'sk_sweep_live_7Q2w9E4r', 'key-sweep-51c0ffee'])
          expect([name, secret, masks.has(secret)]).toEqual([name, secret, true]);
      }
    }
  });
});
