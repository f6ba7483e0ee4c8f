import { describe, expect, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inputs } from '../../../shared/inputs/parse.js';
import { layered, mapSource } from '../../../shared/inputs/source.js';
import { parseCanaryDeployInputs } from '../../../shared/inputs/canary-deploy.js';
import { loadConfigSource } from '../../../shared/inputs/config-file.js';
import { tempDir } from '../../helpers/run-bundle.js';

const base = { version: 'v2', 'start-command': 'node server.js' };

describe('config file', () => {
  test('config file values apply unless the workflow gives the input; environments override', async () => {
    const ws = tempDir();
    mkdirSync(path.join(ws, '.github'));
    writeFileSync(
      path.join(ws, '.github', 'shipgate.yml'),
      'steps: [20, 100]\nstep-duration: 30s\nprobe-rate: 5\nenvironments:\n  staging:\n    steps: [50, 100]\n'
    );
    const { source } = await loadConfigSource('', 'production', ws);
    const i = parseCanaryDeployInputs(new Inputs(layered(mapSource({ ...base, 'probe-rate': '7' }), source)));
    expect(i.plan.steps).toEqual([20, 100]);
    expect(i.plan.stepDurationMs).toBe(30_000);
    expect(i.plan.probeRate).toBe(7);
    const staging = await loadConfigSource('', 'staging', ws);
    expect(staging.source.get('steps')).toBe('50,100');
  });

  test('a config file with an unknown key or a secret is refused with one sentence', async () => {
    const ws = tempDir();
    writeFileSync(path.join(ws, 'a.yml'), 'stepz: 10\n');
    await expect(loadConfigSource('a.yml', 'production', ws)).rejects.toThrow(
      'The config file a.yml is invalid: the top level has an unknown key "stepz" (line 1, column 1).'
    );
    writeFileSync(path.join(ws, 'b.yml'), 'webhook: https://hooks.example/x\n');
    await expect(loadConfigSource('b.yml', 'production', ws)).rejects.toThrow(/"webhook" must not be kept in the config file/);
    writeFileSync(path.join(ws, 'c.yml'), 'judge: vibes\n');
    await expect(loadConfigSource('c.yml', 'production', ws)).rejects.toThrow(/"judge" must be one of sequential, thresholds/);
  });
});
