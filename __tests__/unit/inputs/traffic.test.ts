import { describe, expect, test } from '@jest/globals';
import { Inputs } from '../../../shared/inputs/parse.js';
import { mapSource } from '../../../shared/inputs/source.js';
import { parseTarget } from '../../../shared/inputs/common.js';
import { checkCommandTarget, parseCanaryDeployInputs, parseTargetSettings, parseTraffic } from '../../../shared/inputs/canary-deploy.js';
import { parseAutoRollbackInputs } from '../../../shared/inputs/auto-rollback.js';

type Values = Record<string, string>;

const inputs = (values: Values) => new Inputs(mapSource(values));

/** A command target whose commands are all given. */
const COMMANDS: Values = {
  version: 'v2',
  target: 'command',
  'deploy-command': './deploy.sh',
  'promote-command': './promote.sh',
  'rollback-command': './rollback.sh'
};
const NGINX: Values = {
  ...COMMANDS,
  traffic: 'nginx',
  'nginx-conf': 'deploy/shipgate-upstream.conf',
  'stable-server': '10.0.0.5:8080',
  'canary-server': '10.0.0.5:8081'
};
const HAPROXY: Values = { ...COMMANDS, traffic: 'haproxy', 'haproxy-socket': '/run/haproxy/admin.sock', 'haproxy-backend': 'web' };
const URLS: Values = { 'canary-url': 'http://10.0.0.5:8081', 'stable-url': 'http://10.0.0.5:8080' };

const deploy = (values: Values) => parseCanaryDeployInputs(inputs(values));

/** The message of what `fn` throws (the test fails when it does not throw). */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error, nothing was thrown');
}

/** One line, one sentence: it ends with a full stop and no sentence starts inside it. */
function expectOneSentence(message: string): void {
  expect(message).not.toMatch(/\n/);
  expect(message).toMatch(/\.$/);
  expect(message.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
}

/** The sentence about a bad value: names the input and quotes the value. */
function expectBadValue(fn: () => unknown, input: string, value: string, why?: RegExp): string {
  const message = thrown(fn);
  expect(message.startsWith(`Input "${input}" has value ${JSON.stringify(value)}`)).toBe(true);
  if (why) expect(message).toMatch(why);
  expectOneSentence(message);
  return message;
}

function expectMissing(fn: () => unknown, input: string, why?: RegExp): string {
  const message = thrown(fn);
  expect(message.startsWith(`Input "${input}" is missing: `)).toBe(true);
  if (why) expect(message).toMatch(why);
  expectOneSentence(message);
  return message;
}

describe('traffic: which router splits traffic', () => {
  test("left empty, it is the target's own router: local for the local target, the shift-command for the command target", () => {
    expect(parseTraffic(inputs({}), 'local').kind).toBe('local');
    expect(parseTraffic(inputs({}), 'command').kind).toBe('command');
    expect(deploy({ version: 'v2', 'start-command': 'node server.js' }).traffic.kind).toBe('local');
    expect(deploy({ ...COMMANDS, ...URLS }).traffic.kind).toBe('command');
  });

  test('given explicitly, the matching router is accepted', () => {
    expect(parseTraffic(inputs({ traffic: 'local' }), 'local').kind).toBe('local');
    expect(parseTraffic(inputs({ traffic: 'command' }), 'command').kind).toBe('command');
    expect(deploy({ ...COMMANDS, ...URLS, traffic: 'command', 'shift-command': './shift.sh' })).toMatchObject({
      traffic: { kind: 'command' },
      command: { shiftCommand: './shift.sh' }
    });
  });

  test('an unknown router is refused, naming the input and the value', () => {
    expectBadValue(() => parseTraffic(inputs({ traffic: 'envoy' }), 'command'), 'traffic', 'envoy', /allowed values are local, command, nginx, haproxy/);
  });

  test('the local target refuses any router but its own proxy', () => {
    for (const kind of ['command', 'nginx', 'haproxy']) {
      expectBadValue(
        () => parseTraffic(inputs({ ...NGINX, ...HAPROXY, traffic: kind, target: 'local' }), 'local'),
        'traffic',
        kind,
        /local target splits traffic with its own proxy/
      );
    }
    expectBadValue(() => deploy({ version: 'v2', 'start-command': 'node server.js', traffic: 'nginx' }), 'traffic', 'nginx');
  });

  test('the command target refuses the local proxy', () => {
    expectBadValue(() => parseTraffic(inputs({ traffic: 'local' }), 'command'), 'traffic', 'local', /use command \(your shift-command\), nginx or haproxy/);
  });
});

describe('target: nginx / haproxy', () => {
  test.each(['nginx', 'haproxy'])('target: %s is refused with a pointer to traffic: %s', (kind) => {
    const message = expectBadValue(() => parseTarget(inputs({ target: kind })), 'target', kind);
    expect(message).toContain(`use target: command with traffic: ${kind}`);
    // The same sentence from the actions' parsers, before anything else is looked at.
    expect(thrown(() => deploy({ ...COMMANDS, target: kind }))).toBe(message);
    expect(thrown(() => parseAutoRollbackInputs(inputs({ target: kind, 'to-version': 'v1', 'rollback-command': 'r' })))).toBe(message);
  });

  test('local, command and kubernetes are taken', () => {
    expect(parseTarget(inputs({ target: 'kubernetes' }))).toBe('kubernetes');
    expect(parseTarget(inputs({ target: 'local' }))).toBe('local');
    expect(parseTarget(inputs({ target: 'command' }))).toBe('command');
  });
});

describe('traffic: nginx', () => {
  test('a complete setting is read with the catalogue defaults', () => {
    const t = parseTraffic(inputs(NGINX), 'command');
    expect(t.kind).toBe('nginx');
    expect(t.nginx).toEqual({
      conf: 'deploy/shipgate-upstream.conf',
      upstream: 'shipgate',
      stableServer: '10.0.0.5:8080',
      canaryServer: '10.0.0.5:8081',
      testCommand: 'nginx -t',
      reloadCommand: 'nginx -s reload',
      accessLog: ''
    });
  });

  test('nginx-conf and both servers are required', () => {
    expectMissing(() => parseTraffic(inputs({ ...NGINX, 'nginx-conf': '' }), 'command'), 'nginx-conf');
    expectMissing(() => parseTraffic(inputs({ ...NGINX, 'stable-server': '' }), 'command'), 'stable-server', /host:port/);
    expectMissing(() => parseTraffic(inputs({ ...NGINX, 'canary-server': '' }), 'command'), 'canary-server', /host:port/);
  });

  test.each(['10.0.0.5:8081', 'web-1.internal:80', 'localhost:65535', '[::1]:8081', '[2001:db8::17]:443', '[::ffff:10.0.0.1]:80', 'unix:/run/app/canary.sock'])(
    'server %s is taken as nginx writes it',
    (server) => {
      expect(parseTraffic(inputs({ ...NGINX, 'canary-server': server }), 'command').nginx.canaryServer).toBe(server);
      expect(parseTraffic(inputs({ ...NGINX, 'stable-server': server, 'canary-server': 'other:1' }), 'command').nginx.stableServer).toBe(server);
    }
  );

  test.each([
    '10.0.0.5',
    'http://10.0.0.5:8081',
    '10.0.0.5:8081 weight=5',
    '10.0.0.5:8081;',
    '10.0.0.5:8081; server evil:80',
    '10.0.0.5:8081}',
    '::1:8081',
    '[::1]',
    '[::1]:',
    '[zz::1]:80',
    'host:port',
    'unix:relative.sock',
    'unix:/run/a b.sock',
    'unix:/run/a;b.sock',
    'unix:/run/{a}.sock'
  ])('server %j is refused, naming the input and the value', (server) => {
    expectBadValue(() => parseTraffic(inputs({ ...NGINX, 'canary-server': server }), 'command'), 'canary-server', server, /host:port .* or unix:\/path/);
    expectBadValue(() => parseTraffic(inputs({ ...NGINX, 'stable-server': server }), 'command'), 'stable-server', server, /host:port/);
  });

  test('the two servers must differ', () => {
    expectBadValue(
      () => parseTraffic(inputs({ ...NGINX, 'canary-server': NGINX['stable-server'] }), 'command'),
      'canary-server',
      NGINX['stable-server'],
      /must differ from stable-server/
    );
  });

  test.each(['my upstream', 'up;stream', 'a{b}', 'x'.repeat(65), 'up$name'])('nginx-upstream %j is refused', (upstream) => {
    expectBadValue(() => parseTraffic(inputs({ ...NGINX, 'nginx-upstream': upstream }), 'command'), 'nginx-upstream', upstream, /up to 64 letters/);
  });

  test('nginx-upstream, the test and reload commands and the access log can be set', () => {
    const t = parseTraffic(
      inputs({
        ...NGINX,
        'nginx-upstream': 'app_v2.backend-1',
        'nginx-test-command': 'ssh web1 sudo nginx -t',
        'nginx-reload-command': 'ssh web1 sudo nginx -s reload',
        'nginx-access-log': '/var/log/nginx/shipgate.json'
      }),
      'command'
    );
    expect(t.nginx).toMatchObject({
      upstream: 'app_v2.backend-1',
      testCommand: 'ssh web1 sudo nginx -t',
      reloadCommand: 'ssh web1 sudo nginx -s reload',
      accessLog: '/var/log/nginx/shipgate.json'
    });
  });

  test('the nginx settings are not checked when another router is picked', () => {
    expect(parseTraffic(inputs({ traffic: 'command', 'canary-server': 'not a server', 'nginx-upstream': 'a b' }), 'command').kind).toBe('command');
  });
});

describe('traffic: haproxy', () => {
  test('a complete setting is read with the catalogue defaults', () => {
    expect(parseTraffic(inputs(HAPROXY), 'command')).toMatchObject({
      kind: 'haproxy',
      haproxy: { socket: '/run/haproxy/admin.sock', backend: 'web', stableServer: 'stable', canaryServer: 'canary', stateFile: '' }
    });
  });

  test('haproxy-socket and haproxy-backend are required', () => {
    expectMissing(() => parseTraffic(inputs({ ...HAPROXY, 'haproxy-socket': '' }), 'command'), 'haproxy-socket', /runtime API/);
    expectMissing(() => parseTraffic(inputs({ ...HAPROXY, 'haproxy-backend': '' }), 'command'), 'haproxy-backend');
  });

  test.each([
    ['haproxy-backend', 'web app'],
    ['haproxy-backend', 'web;shutdown sessions server web/stable'],
    ['haproxy-stable-server', 'stable; disable server web/canary'],
    ['haproxy-stable-server', 'st able'],
    ['haproxy-canary-server', 'canary\tx'],
    ['haproxy-canary-server', 'can;ary'],
    ['haproxy-canary-server', 'web/canary'],
    ['haproxy-canary-server', 'c'.repeat(65)]
  ])('%s %j is refused: it would start another runtime API command', (input, value) => {
    expectBadValue(() => parseTraffic(inputs({ ...HAPROXY, [input]: value }), 'command'), input, value, /up to 64 letters, digits, "\.", "_", ":" or "-"/);
  });

  test('names with dots, colons, dashes and underscores are taken', () => {
    const t = parseTraffic(
      inputs({ ...HAPROXY, 'haproxy-backend': 'be_web.v2', 'haproxy-stable-server': 'srv:blue-1', 'haproxy-canary-server': 'srv:green-1' }),
      'command'
    );
    expect(t.haproxy).toMatchObject({ backend: 'be_web.v2', stableServer: 'srv:blue-1', canaryServer: 'srv:green-1' });
  });

  test('the two servers must differ', () => {
    expectBadValue(
      () => parseTraffic(inputs({ ...HAPROXY, 'haproxy-stable-server': 'app', 'haproxy-canary-server': 'app' }), 'command'),
      'haproxy-canary-server',
      'app',
      /must differ from haproxy-stable-server/
    );
  });
});

describe('the command target with a router', () => {
  const check = (values: Values, action: 'deploy' | 'promote' | 'abort' | 'restore') => {
    const i = inputs(values);
    checkCommandTarget(i, parseTargetSettings(i).command, parseTraffic(i, 'command'), action);
  };

  test.each([NGINX, HAPROXY])('shift-command is refused with traffic: $traffic (Shipgate moves the weights)', (router) => {
    expectBadValue(
      () => check({ ...router, 'shift-command': './shift.sh' }, 'deploy'),
      'shift-command',
      './shift.sh',
      new RegExp(`with traffic: ${router.traffic}.*remove shift-command`)
    );
  });

  test.each([NGINX, HAPROXY])('promote-command is required to deploy or promote with traffic: $traffic, not to abort or restore', (router) => {
    const without = { ...router, 'promote-command': '' };
    for (const action of ['deploy', 'promote'] as const) {
      expectMissing(() => check(without, action), 'promote-command', new RegExp(`with traffic: ${router.traffic} a promotion redeploys the stable server`));
    }
    expect(() => check(without, 'abort')).not.toThrow();
    expect(() => check(without, 'restore')).not.toThrow();
  });

  test('the shift-command router needs no promote-command', () => {
    expect(() => check({ ...COMMANDS, 'promote-command': '', traffic: 'command' }, 'deploy')).not.toThrow();
  });

  test('deploy-command and rollback-command stay required', () => {
    expectMissing(() => check({ ...NGINX, 'deploy-command': '' }, 'deploy'), 'deploy-command');
    expect(() => check({ ...NGINX, 'deploy-command': '' }, 'abort')).not.toThrow();
    expectMissing(() => check({ ...HAPROXY, 'rollback-command': '' }, 'abort'), 'rollback-command');
  });

  test('a full deploy with traffic: nginx returns the router settings', () => {
    const i = deploy({ ...NGINX, ...URLS });
    expect(i.target).toBe('command');
    expect(i.waves).toBeNull();
    expect(i.traffic).toMatchObject({ kind: 'nginx', nginx: { conf: 'deploy/shipgate-upstream.conf', stableServer: '10.0.0.5:8080' } });
    expect(i.command.promoteCommand).toBe('./promote.sh');
  });

  test('auto-rollback reads the router too and needs only the rollback-command', () => {
    const r = parseAutoRollbackInputs(
      inputs({
        target: 'command',
        'to-version': 'v1',
        'rollback-command': './rollback.sh',
        traffic: 'haproxy',
        'haproxy-socket': '/run/h.sock',
        'haproxy-backend': 'web'
      })
    );
    expect(r.traffic.kind).toBe('haproxy');
    expect(r.waves).toBeNull();
    expectBadValue(
      () =>
        parseAutoRollbackInputs(
          inputs({ target: 'command', 'to-version': 'v1', 'rollback-command': 'r', traffic: 'haproxy', 'haproxy-socket': '/s', 'haproxy-backend': 'a;b' })
        ),
      'haproxy-backend',
      'a;b'
    );
  });
});

describe('where the command target finds evidence: canary-url, stable-url, probe-rate 0', () => {
  test('probes need both URLs unless something else counts requests', () => {
    expectMissing(() => deploy({ ...COMMANDS, traffic: 'command' }), 'canary-url', /give canary-url and stable-url, or prometheus-url/);
    expectMissing(() => deploy({ ...COMMANDS, traffic: 'command', 'canary-url': URLS['canary-url'] }), 'stable-url');
    expectMissing(() => deploy({ ...NGINX }), 'canary-url', /nginx-access-log/);
    expect(deploy({ ...COMMANDS, ...URLS, traffic: 'command' }).canaryUrl).toBe(URLS['canary-url']);
  });

  test('a router that counts requests (nginx with its access log, HAProxy) or Prometheus replaces the URLs', () => {
    expect(deploy({ ...NGINX, 'nginx-access-log': '/var/log/nginx/shipgate.json' }).canaryUrl).toBeUndefined();
    expect(deploy({ ...HAPROXY }).traffic.kind).toBe('haproxy');
    expect(deploy({ ...COMMANDS, traffic: 'command', 'prometheus-url': 'http://prometheus:9090' }).prometheus?.url).toBe('http://prometheus:9090');
  });

  test('probe-rate 0 is refused when nothing would count requests, naming the input and the value', () => {
    for (const values of [
      { ...COMMANDS, traffic: 'command', ...URLS },
      { ...NGINX, ...URLS },
      { ...COMMANDS, traffic: 'command' }
    ]) {
      expectBadValue(() => deploy({ ...values, 'probe-rate': '0' }), 'probe-rate', '0', /with probes off nothing would count requests/);
    }
  });

  test('probe-rate 0 is taken when the router or Prometheus counts requests, with or without URLs', () => {
    expect(deploy({ ...NGINX, 'nginx-access-log': '/var/log/nginx/shipgate.json', 'probe-rate': '0' }).plan.probeRate).toBe(0);
    expect(deploy({ ...HAPROXY, 'probe-rate': '0' }).plan.probeRate).toBe(0);
    expect(deploy({ ...HAPROXY, ...URLS, 'probe-rate': '0' }).plan.probeRate).toBe(0);
    expect(deploy({ ...COMMANDS, traffic: 'command', 'prometheus-url': 'http://prometheus:9090', 'probe-rate': '0' }).plan.probeRate).toBe(0);
  });

  test('the rules are for deploys: promote and abort need no evidence', () => {
    expect(deploy({ ...COMMANDS, traffic: 'command', action: 'abort', 'probe-rate': '0' }).action).toBe('abort');
    expect(deploy({ ...NGINX, action: 'promote' }).action).toBe('promote');
  });

  test('the local target knows its own URLs, with probes on or off', () => {
    expect(deploy({ version: 'v2', 'start-command': 'node server.js', traffic: 'local', 'probe-rate': '0' }).plan.probeRate).toBe(0);
  });
});
