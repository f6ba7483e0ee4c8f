import { describe, expect, test } from '@jest/globals';
import { describeSplit, parseHostPort, parseWeight, renderUpstream, splitWeights } from '../../../shared/routers/nginx/render.js';

const spec = { upstream: 'shipgate', stableServer: '127.0.0.1:5001', canaryServer: '127.0.0.1:5002' };

function serverLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim().startsWith('server '));
}

describe('splitWeights', () => {
  test.each([
    [10, { stable: 9, canary: 1 }],
    [25, { stable: 3, canary: 1 }],
    [33, { stable: 67, canary: 33 }],
    [50, { stable: 1, canary: 1 }],
    [75, { stable: 1, canary: 3 }],
    [1, { stable: 99, canary: 1 }],
    [12.5, { stable: 7, canary: 1 }],
    [0, { stable: 1, canary: 'down' }],
    [100, { stable: 'down', canary: 1 }]
  ])('%s %% → %j', (percent, expected) => {
    expect(splitWeights(percent)).toEqual(expected);
  });

  test.each([-1, 101, Number.NaN, Infinity])('rejects %s', (percent) => {
    expect(() => splitWeights(percent)).toThrow(/is not a percentage between 0 and 100/);
  });
});

describe('renderUpstream', () => {
  test('one upstream block, the header, the weight mark and integer weights', () => {
    const text = renderUpstream({ ...spec, weight: 10 });
    expect(text).toMatch(/^# Written by Shipgate .*Do not edit/);
    expect(text).toContain('# shipgate-weight: 10\n');
    expect(text.match(/^upstream \S+ \{$/gm)).toHaveLength(1);
    expect(text).toContain('upstream shipgate {');
    expect(serverLines(text)).toEqual([
      '    server 127.0.0.1:5001 weight=9 max_fails=0; # stable, 90 %',
      '    server 127.0.0.1:5002 weight=1 max_fails=0; # canary, 10 %'
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('never writes weight=0: the idle side is down', () => {
    const zero = renderUpstream({ ...spec, weight: 0 });
    expect(serverLines(zero)).toEqual(['    server 127.0.0.1:5001 weight=1 max_fails=0; # stable, 100 %', '    server 127.0.0.1:5002 down; # canary, 0 %']);
    const full = renderUpstream({ ...spec, weight: 100 });
    expect(serverLines(full)).toEqual(['    server 127.0.0.1:5001 down; # stable, 0 %', '    server 127.0.0.1:5002 weight=1 max_fails=0; # canary, 100 %']);
    for (const p of [0, 1, 10, 33, 50, 99, 100]) expect(renderUpstream({ ...spec, weight: p })).not.toContain('weight=0');
  });

  test('is deterministic, so an identical rewrite can be recognised', () => {
    expect(renderUpstream({ ...spec, weight: 50 })).toBe(renderUpstream({ ...spec, weight: 50 }));
  });

  test.each([
    [{ upstream: 'ship gate' }, /Input "nginx-upstream" has value "ship gate"/],
    [{ upstream: 'x;}' }, /Input "nginx-upstream"/],
    [{ stableServer: '127.0.0.1' }, /Input "stable-server" has value "127.0.0.1": expected host:port/],
    [{ canaryServer: '127.0.0.1:5002; server evil:1' }, /Input "canary-server"/],
    [{ canaryServer: 'host:70000' }, /Input "canary-server"/],
    [{ canaryServer: '::1:80' }, /Input "canary-server"/]
  ])('refuses %j: nothing but a name and a port reaches the file', (override, message) => {
    expect(() => renderUpstream({ ...spec, weight: 10, ...override })).toThrow(message);
  });

  test('accepts names and bracketed IPv6', () => {
    const text = renderUpstream({ ...spec, stableServer: 'stable.internal:80', canaryServer: '[::1]:5002', weight: 50 });
    expect(serverLines(text)).toEqual([
      '    server stable.internal:80 weight=1 max_fails=0; # stable, 50 %',
      '    server [::1]:5002 weight=1 max_fails=0; # canary, 50 %'
    ]);
  });
});

describe('parseWeight', () => {
  test.each([0, 1, 10, 12.5, 33, 50, 100])('reads back %s', (p) => {
    expect(parseWeight(renderUpstream({ ...spec, weight: p }))).toBe(p);
  });

  test.each([
    ['no mark', 'upstream x { server a:1; }'],
    ['garbage', '# shipgate-weight: ten\n'],
    ['out of range', '# shipgate-weight: 150\n'],
    ['empty', '']
  ])('null for %s', (_name, text) => {
    expect(parseWeight(text)).toBeNull();
  });
});

describe('parseHostPort', () => {
  test.each([
    ['127.0.0.1:5001', { host: '127.0.0.1', port: 5001 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
    ['[::1]:5001', { host: '::1', port: 5001 }],
    ['svc.ns.svc.cluster.local:8443', { host: 'svc.ns.svc.cluster.local', port: 8443 }]
  ])('%s', (value, expected) => {
    expect(parseHostPort(value)).toEqual(expected);
  });

  test.each(['', 'host', 'host:0', 'host:65536', ':80', 'a b:80', '[nothex]:80', 'http://x:80'])('null for %j', (value) => {
    expect(parseHostPort(value)).toBeNull();
  });
});

test('describeSplit reads like the log line', () => {
  expect(describeSplit(10)).toBe('canary 10 % (weight 1 of 10), stable 90 %');
  expect(describeSplit(0)).toBe('canary 0 % (down), stable 100 %');
  expect(describeSplit(100)).toBe('canary 100 % (all requests), stable 0 % (down)');
});
