import { describe, expect, test } from '@jest/globals';
import { validateConfigText } from '../../../shared/inputs/config-validate.js';

/** "line:column path: message" per problem, for compact expectations. */
const at = (text: string) => validateConfigText(text).map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);

describe('validateConfigText', () => {
  test('a clean file, an empty file and a file of comments give no problem', () => {
    expect(
      validateConfigText(`# Shipgate settings
steps: [10, 50, pause, 100]
step-duration: 90s
probe-rate: 5
judge: thresholds
environments:
  staging:
    steps: "50,100"
    on-inconclusive: promote
waves:
  - name: eu
    max-parallel: 1
    targets:
      - name: eu-1
        deploy-command: ./deploy.sh eu-1
`)
    ).toEqual([]);
    expect(validateConfigText('')).toEqual([]);
    expect(validateConfigText('# nothing yet\n')).toEqual([]);
  });

  test('an unknown key is pointed at itself, at the top and nested', () => {
    expect(at('steps: 10,100\nstepz: 10\n')).toEqual(['2:1 stepz: the top level has an unknown key "stepz"']);
    expect(at('environments:\n  staging:\n    judge: sequential\n    jugde: thresholds\n')).toEqual([
      '4:5 environments.staging.jugde: "environments.staging" has an unknown key "jugde"'
    ]);
    expect(at('waves:\n  - name: a\n    targets: [{ name: web-1, shift-command: ./shift.sh }]\n')).toEqual([
      '3:30 waves.0.targets.0.shift-command: "waves.0.targets.0" has an unknown key "shift-command"'
    ]);
  });

  test('a secret is named as a secret', () => {
    expect(at('environments:\n  prod:\n    webhook: https://hooks.example/x\n')).toEqual([
      '3:5 environments.prod.webhook: "webhook" must not be kept in the config file (it is a secret: pass it as an input from secrets)'
    ]);
  });

  test('a wrong type or a value outside an enum is pointed at the value', () => {
    expect(at('probe-rate: [1, 2]\n')).toEqual(['1:13 probe-rate: "probe-rate" must be a string or a number']);
    expect(at('environments:\n  staging:\n    judge: vibes\n')).toEqual([
      '3:12 environments.staging.judge: "environments.staging.judge" must be one of sequential, thresholds'
    ]);
    expect(at('environments: [staging]\n')).toEqual(['1:15 environments: "environments" must be a map of keys and values']);
    // A key without a value: the place the value would go.
    expect(at('judge:\n')).toEqual(['1:7 judge: "judge" must be one of sequential, thresholds']);
  });

  test('list values: the item that is wrong, or what the whole value may be', () => {
    expect(at('steps:\n  - 10\n  - later\n  - 100\n')).toEqual(['3:5 steps.1: "steps.1" must be a whole number or "pause"']);
    expect(at('steps: [0, 100]\n')).toEqual(['1:9 steps.0: "steps.0" must be at least 1 or "pause"']);
    expect(at('steps: true\n')).toEqual(['1:8 steps: "steps" must be a string or a list']);
  });

  test('waves: a missing key points at the map that lacks it; bounds and patterns at the value', () => {
    expect(at('waves:\n  - targets:\n      - name: web-1\n')).toEqual(['2:5 waves.0: "waves.0" is missing the key "name"']);
    expect(at('waves:\n  - name: a\n    max-parallel: 0\n    targets: [{ name: web-1 }]\n')).toEqual([
      '3:19 waves.0.max-parallel: "waves.0.max-parallel" must be at least 1'
    ]);
    expect(at('waves:\n  - name: a\n    targets: []\n')).toEqual(['3:14 waves.0.targets: "waves.0.targets" must be a list that is not empty']);
    expect(at('waves:\n  - name: "has space"\n    targets: [{ name: web-1 }]\n')).toEqual([
      '2:11 waves.0.name: "waves.0.name" must be text matching ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'
    ]);
  });

  test('several problems at once, in the order of the file', () => {
    expect(at('judge: vibes\nprobe-rate: [1]\nfoo: 1\nenvironments:\n  staging:\n    alpha: {}\n')).toEqual([
      '3:1 foo: the top level has an unknown key "foo"',
      '2:13 probe-rate: "probe-rate" must be a string or a number',
      '1:8 judge: "judge" must be one of sequential, thresholds',
      '6:12 environments.staging.alpha: "environments.staging.alpha" must be a string or a number'
    ]);
  });

  test("YAML syntax errors, with yaml's positions, and nothing from the schema", () => {
    expect(at('judge: vibes\njudge: thresholds\n')).toEqual(['2:1 : Map keys must be unique']);
    expect(at('steps: [10, 50\n')).toEqual(['2:1 : Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(at('unknown: 1\nsteps: "10,100\n')).toEqual(['3:1 : Missing closing "quote']);
  });

  test('an alias without its anchor: the alias, quoted short', () => {
    const long = 'hunter2-private-content-that-goes-on-and-on';
    const problems = validateConfigText(`judge: sequential\nsteps: *${long}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column: 8, path: '' });
    expect(problems[0].message).toMatch(/^Unresolved alias \(the anchor must be set before the alias\): "hunter2-private-content-that-goes-on-an…"$/);
  });

  test('keys from the file are quoted short and escaped: one line, no workflow command', () => {
    const problems = validateConfigText('"a\\n::error::injected": 1\nenvironments:\n  "x\\u2028y":\n    steps: true\n');
    for (const p of problems) {
      expect(p.message).not.toMatch(/[\n\r\u2028]/);
      expect(p.message).not.toMatch(/(^|\n)::/);
    }
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(['1:1', '4:12']);
    expect(problems[0].message).toBe('the top level has an unknown key "a\\n::error::injected"');
    expect(problems[1].message).toBe('"environments.x\\u2028y.steps" must be a string or a list');
  });

  test('a value reached through an alias is pointed at where it is written', () => {
    expect(at('defaults: &d\n  judge: vibes\n')).toEqual(['1:1 defaults: the top level has an unknown key "defaults"']);
    expect(at('x-steps: &s [0, 100]\nsteps: *s\n').slice(-1)).toEqual(['1:14 steps.0: "steps.0" must be at least 1 or "pause"']);
  });
});
