// A fake Runtime for the glue (shared/glue/*): the runner is replaced by plain maps and temp
// folders, the way actions/cache injects its state provider. Nothing here touches the real
// runner files, the real home folder or the GitHub API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs } from '../../shared/inputs/parse.js';
import { layered, mapSource } from '../../shared/inputs/source.js';
import { loadConfigSource } from '../../shared/inputs/config-file.js';
import type { Runtime } from '../../shared/glue/runtime.js';

export type InputMap = Record<string, string | number | boolean | undefined>;

export interface FakeRuntimeOptions {
  /** The action's inputs by name (`deploy-command`, `steps`, ...). */
  inputs?: InputMap;
  /** Extra variables, merged over the defaults below (undefined removes a default). */
  env?: NodeJS.ProcessEnv;
  /** State saved by an earlier (main) step, as the post step would read it. */
  state?: Record<string, string>;
  isPost?: boolean;
  /** Defaults to a fresh temp folder (so no `.github/shipgate.yml` is found unless a test writes one). */
  workspace?: string;
  /** Defaults to a fresh temp folder: the job's RUNNER_TEMP. */
  runnerTemp?: string;
  /** Defaults to a fresh temp folder: XDG_STATE_HOME, where the default file ledger lives. */
  stateHome?: string;
}

export interface FakeRuntime extends Runtime {
  readonly outputs: Record<string, string>;
  /** Every saveState, plus the `state` the fake started with. */
  readonly state: Record<string, string>;
  readonly summaries: string[];
  readonly masks: string[];
  readonly infos: string[];
  readonly warnings: string[];
  readonly debugs: string[];
  /** Files written by writeReport. */
  readonly reports: string[];
  /** Abort it to act as the runner cancelling the job. */
  readonly controller: AbortController;
  readonly runnerTemp: string;
  readonly stateHome: string;
}

const made: string[] = [];

/** A temp folder removed by removeFakeDirs(). */
export function fakeTempDir(prefix = 'shipgate-rt-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes every folder the fakes created (call from afterAll). */
export function removeFakeDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function fakeRuntime(options: FakeRuntimeOptions = {}): FakeRuntime {
  const workspace = options.workspace ?? fakeTempDir('shipgate-fake-ws-');
  const runnerTemp = options.runnerTemp ?? fakeTempDir('shipgate-fake-runner-temp-');
  const stateHome = options.stateHome ?? fakeTempDir('shipgate-fake-state-home-');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: stateHome,
    XDG_STATE_HOME: stateHome,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace
  };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const fromMap = mapSource(options.inputs ?? {});
  const outputs: Record<string, string> = {};
  const state: Record<string, string> = { ...(options.state ?? {}) };
  const summaries: string[] = [];
  const masks: string[] = [];
  const infos: string[] = [];
  const warnings: string[] = [];
  const debugs: string[] = [];
  const reports: string[] = [];
  const controller = new AbortController();

  const rt: FakeRuntime = {
    outputs,
    state,
    summaries,
    masks,
    infos,
    warnings,
    debugs,
    reports,
    controller,
    runnerTemp,
    stateHome,
    logger: {
      info: (m) => infos.push(m),
      warning: (m) => warnings.push(m),
      debug: (m) => debugs.push(m)
    },
    env,
    workspace,
    signal: controller.signal,
    isPost: options.isPost ?? false,
    // Like the real runtime: the map first, then the config file when one is named or exists.
    async inputs(o = {}) {
      if (o.withConfig === false) return new Inputs(fromMap);
      const bootstrap = new Inputs(fromMap);
      const { source } = await loadConfigSource(bootstrap.string('config'), bootstrap.string('environment', 'production'), workspace);
      return new Inputs(layered(fromMap, source));
    },
    setOutput: (name, value) => {
      outputs[name] = String(value);
    },
    saveState: (name, value) => {
      state[name] = value;
    },
    getState: (name) => state[name] ?? '',
    mask: (secret) => {
      if (secret) masks.push(secret);
    },
    summary(markdown) {
      summaries.push(markdown);
      return Promise.resolve();
    },
    stateRoot() {
      const root = path.join(runnerTemp, 'shipgate');
      mkdirSync(root, { recursive: true, mode: 0o700 });
      return root;
    },
    writeReport(name, data) {
      const dir = path.join(rt.stateRoot(), 'reports');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
      reports.push(file);
      return file;
    }
  };
  return rt;
}
