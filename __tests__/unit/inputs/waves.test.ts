import { describe, expect, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadInputs } from '../../../shared/inputs/load.js';
import { mapSource } from '../../../shared/inputs/source.js';
import { parseCanaryDeployInputs, type CanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { parseAutoRollbackInputs } from '../../../shared/inputs/auto-rollback.js';
import { tempDir } from '../../helpers/run-bundle.js';

type Values = Record<string, string>;

/** The workflow's inputs of a fleet deploy: the command target, probes given URLs. */
const WORKFLOW: Values = {
  version: 'v2',
  target: 'command',
  'rollback-command': './workflow-rollback.sh',
  'canary-url': 'http://canary.internal',
  'stable-url': 'http://stable.internal'
};

/** A workspace whose .github/shipgate.yml is `yaml` (plus any folders named). */
function workspace(yaml: string, folders: string[] = []): string {
  const ws = tempDir();
  mkdirSync(path.join(ws, '.github'));
  writeFileSync(path.join(ws, '.github', 'shipgate.yml'), yaml);
  for (const f of folders) mkdirSync(path.join(ws, f), { recursive: true });
  return ws;
}

async function deployInputs(yaml: string, runner: Values = WORKFLOW, folders: string[] = []): Promise<CanaryDeployInputs> {
  const { inputs } = await loadInputs(mapSource(runner), workspace(yaml, folders));
  return parseCanaryDeployInputs(inputs);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the inputs to be refused, they were taken');
}

const TWO_WAVES = `
deploy-command: ./file-deploy.sh
promote-command: ./file-promote.sh
waves:
  - name: canary-region
    targets:
      - name: eu-1
        deploy-command: ./deploy-eu-1.sh
  - name: rest
    max-parallel: 2
    targets:
      - name: us-1
      - name: us-2
        rollback-command: ./rollback-us-2.sh
      - name: ap-1
        command-timeout: 90s
`;

describe('waves from the config file', () => {
  test('are read in order, with max-parallel defaulting to the whole wave', async () => {
    const i = await deployInputs(TWO_WAVES);
    expect(i.waves?.map((w) => ({ name: w.name, maxParallel: w.maxParallel, targets: w.targets.map((t) => t.name) }))).toEqual([
      { name: 'canary-region', maxParallel: 1, targets: ['eu-1'] },
      { name: 'rest', maxParallel: 2, targets: ['us-1', 'us-2', 'ap-1'] }
    ]);
  });

  test("each target's own keys win over the workflow and the rest of the file; the others are shared", async () => {
    const i = await deployInputs(TWO_WAVES, { ...WORKFLOW, 'deploy-command': './workflow-deploy.sh' });
    const byName = Object.fromEntries((i.waves ?? []).flatMap((w) => w.targets.map((t) => [t.name, t.command])));
    // Own key over the workflow's input.
    expect(byName['eu-1'].deployCommand).toBe('./deploy-eu-1.sh');
    // No own key: the workflow's input over the file's.
    expect(byName['us-1'].deployCommand).toBe('./workflow-deploy.sh');
    expect(byName['us-1'].promoteCommand).toBe('./file-promote.sh');
    expect(byName['us-1'].rollbackCommand).toBe('./workflow-rollback.sh');
    expect(byName['us-2'].rollbackCommand).toBe('./rollback-us-2.sh');
    expect(byName['ap-1'].commandTimeoutMs).toBe(90_000);
    expect(byName['us-1'].commandTimeoutMs).toBe(600_000);
    // The single-target settings stay as the workflow and file give them.
    expect(i.command.deployCommand).toBe('./workflow-deploy.sh');
  });

  test('each target can pick its own router and servers', async () => {
    const i = await deployInputs(
      `
deploy-command: ./deploy.sh
promote-command: ./promote.sh
traffic: haproxy
haproxy-socket: /run/haproxy/admin.sock
haproxy-backend: web
waves:
  - name: first
    targets:
      - name: lb-1
      - name: lb-2
        haproxy-socket: /run/haproxy/lb2.sock
        haproxy-canary-server: green
  - name: second
    targets:
      - name: web-1
        traffic: nginx
        nginx-conf: /etc/nginx/shipgate.conf
        stable-server: 10.0.1.5:8080
        canary-server: "[::1]:8081"
        nginx-access-log: /var/log/nginx/shipgate.json
`,
      { ...WORKFLOW, 'canary-url': '', 'stable-url': '' }
    );
    const [first, second] = i.waves ?? [];
    expect(first.targets[0].traffic).toMatchObject({ kind: 'haproxy', haproxy: { socket: '/run/haproxy/admin.sock', canaryServer: 'canary' } });
    expect(first.targets[1].traffic).toMatchObject({ kind: 'haproxy', haproxy: { socket: '/run/haproxy/lb2.sock', backend: 'web', canaryServer: 'green' } });
    expect(second.targets[0].traffic).toMatchObject({
      kind: 'nginx',
      nginx: { conf: '/etc/nginx/shipgate.conf', stableServer: '10.0.1.5:8080', canaryServer: '[::1]:8081', accessLog: '/var/log/nginx/shipgate.json' }
    });
    // Every target's router counts requests, so no URL is needed.
    expect(i.canaryUrl).toBeUndefined();
  });

  test('the URLs are needed as soon as one target of the fleet has a router that counts nothing', async () => {
    const yaml = `
deploy-command: ./deploy.sh
promote-command: ./promote.sh
waves:
  - name: first
    targets:
      - name: lb-1
        traffic: haproxy
        haproxy-socket: /run/haproxy/admin.sock
        haproxy-backend: web
      - name: web-1
        traffic: nginx
        nginx-conf: /etc/nginx/shipgate.conf
        stable-server: 10.0.1.5:8080
        canary-server: 10.0.1.5:8081
`;
    const message = await refusal(deployInputs(yaml, { ...WORKFLOW, 'canary-url': '', 'stable-url': '' }));
    expect(message).toMatch(/^Input "canary-url" is missing: /);
    expect((await deployInputs(yaml)).waves).toHaveLength(1);
    expect(await refusal(deployInputs(yaml, { ...WORKFLOW, 'probe-rate': '0' }))).toMatch(
      /^Input "probe-rate" has value "0": with probes off nothing would count/
    );
  });

  test('environments.<name>.waves replaces the top-level waves for that environment', async () => {
    const yaml = `
deploy-command: ./deploy.sh
waves:
  - name: everywhere
    targets: [{ name: prod-1 }, { name: prod-2 }]
environments:
  staging:
    waves:
      - name: staging-only
        max-parallel: 1
        targets: [{ name: stg-1, deploy-command: ./stg.sh }]
  qa:
    steps: [50, 100]
`;
    const production = await deployInputs(yaml);
    expect(production.waves?.map((w) => w.name)).toEqual(['everywhere']);
    const staging = await deployInputs(yaml, { ...WORKFLOW, environment: 'staging' });
    expect(staging.waves?.map((w) => [w.name, w.maxParallel, w.targets.map((t) => [t.name, t.command.deployCommand])])).toEqual([
      ['staging-only', 1, [['stg-1', './stg.sh']]]
    ]);
    // An environment without its own waves keeps the top-level ones.
    const qa = await deployInputs(yaml, { ...WORKFLOW, environment: 'qa' });
    expect(qa.waves?.map((w) => w.name)).toEqual(['everywhere']);
    expect(qa.plan.steps).toEqual([50, 100]);
  });

  test('waves only under an environment apply only there', async () => {
    const yaml = `
deploy-command: ./deploy.sh
environments:
  staging:
    waves:
      - name: stg
        targets: [{ name: stg-1 }]
`;
    expect((await deployInputs(yaml)).waves).toBeNull();
    expect((await deployInputs(yaml, { ...WORKFLOW, environment: 'staging' })).waves?.[0].name).toBe('stg');
  });

  test('a config file without waves gives a single target', async () => {
    expect((await deployInputs('deploy-command: ./deploy.sh\n')).waves).toBeNull();
  });
});

describe('waves refused', () => {
  test('with the local target', async () => {
    const message = await refusal(deployInputs(TWO_WAVES, { version: 'v2', target: 'local', 'start-command': 'node server.js' }));
    expect(message).toBe(
      'The config file sets waves, but target is local: a fleet runs the command target on each of its targets (target: command), with traffic: nginx, haproxy or command.'
    );
  });

  test('with pause in steps (a fleet runs every wave in one run)', async () => {
    const message = await refusal(deployInputs(`${TWO_WAVES}steps: [10, 50, pause, 100]\n`));
    expect(message).toMatch(/^The config file sets waves and steps hold pause: .*remove pause from steps/);
    // From the workflow too.
    expect(await refusal(deployInputs(TWO_WAVES, { ...WORKFLOW, steps: '10,pause,100' }))).toBe(message);
  });

  test('with on-inconclusive: pause', async () => {
    const message = await refusal(deployInputs(TWO_WAVES, { ...WORKFLOW, 'on-inconclusive': 'pause' }));
    expect(message).toBe(
      'The config file sets waves and on-inconclusive is pause: a fleet runs every wave in one run, so use on-inconclusive: rollback or promote.'
    );
    expect((await deployInputs(TWO_WAVES, { ...WORKFLOW, 'on-inconclusive': 'promote' })).plan.analysis.onInconclusive).toBe('promote');
  });

  test('pause rules are for deploys: an abort of a paused single rollout still parses', async () => {
    const i = await deployInputs(`${TWO_WAVES}steps: [10, pause, 100]\n`, { ...WORKFLOW, action: 'abort', 'on-inconclusive': 'pause' });
    expect(i.action).toBe('abort');
    expect(i.waves).toHaveLength(2);
  });

  test('when two targets share a name, in one wave or across waves, whatever the case', async () => {
    const across = await refusal(
      deployInputs(`
deploy-command: ./deploy.sh
waves:
  - name: a
    targets: [{ name: web-1 }]
  - name: b
    targets: [{ name: Web-1 }]
`)
    );
    expect(across).toBe('The config file names the wave target Web-1 twice: give every target of the fleet its own name.');
    const within = await refusal(
      deployInputs(`
deploy-command: ./deploy.sh
waves:
  - name: a
    targets: [{ name: web-1 }, { name: web-1 }]
`)
    );
    expect(within).toMatch(/names the wave target web-1 twice/);
  });

  test("a target's bad value is one sentence naming the input, the value, the wave and the target", async () => {
    const message = await refusal(
      deployInputs(`
deploy-command: ./deploy.sh
promote-command: ./promote.sh
waves:
  - name: first
    targets: [{ name: web-1 }]
  - name: second
    targets:
      - name: lb-7
        traffic: haproxy
        haproxy-socket: /run/h.sock
        haproxy-backend: "web; disable server web/stable"
`)
    );
    expect(message).toMatch(
      /^Input "haproxy-backend" has value "web; disable server web\/stable" \(from the config file .github\/shipgate.yml \(waves\[1\] second, target lb-7\)\): /
    );
    expect(message).not.toMatch(/\n/);
  });

  test("a target's working-directory is checked against the workspace", async () => {
    const yaml = `
deploy-command: ./deploy.sh
waves:
  - name: first
    targets: [{ name: web-1, working-directory: services/web }]
`;
    const message = await refusal(deployInputs(yaml));
    expect(message).toMatch(/^Input "working-directory" has value "services\/web" \(from the config file .*target web-1\)\): no such folder in the workspace/);
    const i = await deployInputs(yaml, WORKFLOW, ['services/web']);
    expect(i.waves?.[0].targets[0].command.workingDirectory).toBe('services/web');
  });

  test('a target without the commands its router needs is refused', async () => {
    const noRollback = await refusal(
      deployInputs(
        `
deploy-command: ./deploy.sh
waves:
  - name: first
    targets: [{ name: web-1 }]
`,
        { ...WORKFLOW, 'rollback-command': '' }
      )
    );
    expect(noRollback).toMatch(/^Input "rollback-command" is missing: /);
    const noPromote = await refusal(
      deployInputs(`
deploy-command: ./deploy.sh
waves:
  - name: first
    targets:
      - name: lb-1
        traffic: haproxy
        haproxy-socket: /run/h.sock
        haproxy-backend: web
`)
    );
    expect(noPromote).toMatch(/^Input "promote-command" is missing: with traffic: haproxy/);
  });

  test('the schema refuses keys a target may not set, a bad max-parallel and an empty wave', async () => {
    const bad = (waves: string) => refusal(deployInputs(`deploy-command: ./deploy.sh\nwaves:\n${waves}`));
    expect(await bad('  - name: a\n    targets: [{ name: web-1, shift-command: ./shift.sh }]\n')).toMatch(
      /^The config file .github\/shipgate.yml is invalid: "waves.0.targets.0" has an unknown key "shift-command" \(line 4, column 30\)\.$/
    );
    expect(await bad('  - name: a\n    max-parallel: 0\n    targets: [{ name: web-1 }]\n')).toMatch(/is invalid: "waves.0.max-parallel"/);
    expect(await bad('  - name: a\n    targets: []\n')).toMatch(/is invalid: "waves.0.targets"/);
    expect(await bad('  - targets: [{ name: web-1 }]\n')).toMatch(/is invalid: "waves.0"/);
    expect(await bad('  - name: "has space"\n    targets: [{ name: web-1 }]\n')).toMatch(/is invalid: "waves.0.name"/);
  });
});

describe('waves and auto-rollback', () => {
  const yaml = `
waves:
  - name: first
    targets: [{ name: web-1, rollback-command: ./rollback-1.sh }]
  - name: second
    targets: [{ name: web-2, rollback-command: ./rollback-2.sh }]
`;

  test("a restore needs each target's rollback-command, not a shared one", async () => {
    const { inputs } = await loadInputs(mapSource({ target: 'command', 'to-version': 'v1' }), workspace(yaml));
    const r = parseAutoRollbackInputs(inputs);
    expect(r.waves?.flatMap((w) => w.targets.map((t) => t.command.rollbackCommand))).toEqual(['./rollback-1.sh', './rollback-2.sh']);
  });

  test('a target left without one is refused', async () => {
    const { inputs } = await loadInputs(
      mapSource({ target: 'command', 'to-version': 'v1' }),
      workspace(`${yaml}  - name: third\n    targets: [{ name: web-3 }]\n`)
    );
    expect(() => parseAutoRollbackInputs(inputs)).toThrow(/^Input "rollback-command" is missing: /);
  });
});
