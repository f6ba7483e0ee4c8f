import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { consoleLogger, escapingLogger, silentLogger } from '../../../shared/util/log.js';

afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.SHIPGATE_DEBUG;
});

describe('loggers', () => {
  test('escapingLogger makes every message inert: no workflow command, no second line', () => {
    const out: string[] = [];
    const log = escapingLogger({ info: (m) => out.push(`i ${m}`), warning: (m) => out.push(`w ${m}`), debug: (m) => out.push(`d ${m}`) });
    log.info('::error::x');
    log.warning('line one\n::set-output name=a::b');
    log.debug('x'.repeat(20_000));
    expect(out).toHaveLength(3);
    for (const m of out) {
      expect(m.slice(2)).not.toMatch(/^::/);
      expect(m).not.toContain('\n');
    }
    expect(out[2].length).toBeLessThan(9000);
  });

  test('consoleLogger: info and warnings always, debug only with SHIPGATE_DEBUG', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    consoleLogger.info('hello');
    consoleLogger.warning('careful');
    consoleLogger.debug('hidden');
    process.env.SHIPGATE_DEBUG = '1';
    consoleLogger.debug('shown');
    expect(log.mock.calls).toEqual([['hello'], ['debug: shown']]);
    expect(warn.mock.calls).toEqual([['warning: careful']]);
  });

  test('silentLogger says nothing', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    silentLogger.info('a');
    silentLogger.warning('b');
    silentLogger.debug('c');
    expect(log).not.toHaveBeenCalled();
  });
});
