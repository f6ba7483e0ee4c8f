// The rig the fault tables share: the GitHub API stand-in as the ledger, and the user's
// infrastructure as the command target drives it (files in an "infra" folder per environment, read
// by one loopback service that plays both the canary and the stable slot). Every row gets its own
// environment and infra folder, so rows never see each other's state; each bundle call is a
// separate run on a fresh runner unless the row says otherwise.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tempDir, type BundleOptions } from '../helpers/run-bundle.js';
import { startGitHubStandin, type Fault, type GitHubStandin, type LoggedRequest } from '../helpers/github-standin/index.js';

export interface Rig {
  gh: GitHubStandin;
  /** A fresh environment (ledger: v1 promoted; infra: v1 stable, no canary). */
  environment(name: string, stable?: string): Env;
  close(): Promise<void>;
}

export type CommandName = 'deploy' | 'shift' | 'promote' | 'rollback';

export interface Env {
  name: string;
  infra: string;
  canaryUrl: string;
  stableUrl: string;
  /** canary-deploy inputs with fast settings; `commands` replaces some of the user's commands. */
  deployInputs(version: string, extra?: Record<string, string>, commands?: Partial<Record<CommandName, string>>): Record<string, string>;
  /** The four commands (with replacements) as inputs. */
  commandInputs(commands?: Partial<Record<CommandName, string>>): Record<string, string>;
  /** A fresh runner for this environment. */
  runner(extra?: Partial<BundleOptions>): BundleOptions;
  /** Where traffic is: the infra files as the user's commands left them. */
  traffic(): { stable: string; canary: string; weight: string };
  /** Every command run, oldest first: [command, version, previous version, weight]. */
  commands(): string[][];
  /** This environment's deployments in the ledger: version and every status state, oldest first. */
  ledger(): { id: number; version: string; states: string[]; descriptions: string[] }[];
  /** Process groups of the commands (and the pids of their hanging children) still alive. */
  leftProcesses(): number[];
}

/** A command that records its process group and what it was given, then does `body`. */
function command(name: CommandName, body: string): string {
  return `echo $$ >> "$INFRA/pids"; echo "${name}|$SHIPGATE_VERSION|$SHIPGATE_PREVIOUS_VERSION|$SHIPGATE_WEIGHT" >> "$INFRA/commands.log"; ${body}`;
}

/** The user's command body, without the bookkeeping. */
const BODIES: Record<CommandName, string> = {
  deploy: 'echo "$SHIPGATE_VERSION" > "$INFRA/canary"',
  shift: 'echo "$SHIPGATE_WEIGHT" > "$INFRA/weight"',
  promote: 'mv "$INFRA/canary" "$INFRA/stable"; echo 0 > "$INFRA/weight"',
  rollback:
    'rm -f "$INFRA/canary"; echo 0 > "$INFRA/weight"; if [ -n "$SHIPGATE_PREVIOUS_VERSION" ]; then echo "$SHIPGATE_PREVIOUS_VERSION" > "$INFRA/stable"; fi'
};

/** The user's working commands. */
export const WORKING = Object.fromEntries(Object.entries(BODIES).map(([name, body]) => [name, command(name as CommandName, body)])) as Record<
  CommandName,
  string
>;

/** A command that fails with exit code 3 (a deploy fails half-way: the canary was started). */
export function failing(name: CommandName): string {
  const before = name === 'deploy' ? 'echo "$SHIPGATE_VERSION" > "$INFRA/canary"; ' : '';
  return command(name, `${before}echo "${name} broke" >&2; exit 3`);
}

/** A command that never finishes on its own (its sleeping child's pid is kept in hang.pids). */
export function hanging(name: CommandName): string {
  return command(name, 'sleep 300 & echo $! >> "$INFRA/hang.pids"; wait');
}

/** A command that prints "<name> started", takes `seconds`, then does its job. */
export function slow(name: CommandName, seconds: number): string {
  return command(name, `echo "${name} started"; sleep ${seconds} & echo $! >> "$INFRA/hang.pids"; wait; ${BODIES[name]}`);
}

function alive(pid: number, group: boolean): boolean {
  try {
    process.kill(group ? -pid : pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RigOptions {
  /** The stand-in's token (the secrets sweep gives a distinctive one). */
  token?: string;
  /** What a "-faulty" canary answers when it fails (default: a small JSON error). */
  faultyBody?: (req: http.IncomingMessage) => string;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const gh = await startGitHubStandin({ token: options.token });
  const root = tempDir('shipgate-fault-infra-');
  // /<environment>/<canary|stable>: serves the version the infra files say; a "-faulty" canary fails half its requests.
  const server = http.createServer((req, res) => {
    const [, env, slot] = (req.url ?? '/').split('/');
    const file = path.join(root, env ?? '', slot === 'canary' ? 'canary' : 'stable');
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'none';
    const faulty = slot === 'canary' && version.endsWith('-faulty') && Math.random() < 0.5;
    res.writeHead(faulty ? 500 : 200, { 'content-type': 'application/json' });
    res.end(faulty && options.faultyBody ? options.faultyBody(req) : JSON.stringify({ version, ok: !faulty }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const seedStable = (environment: string, version: string): void => {
    const t = gh.state.now();
    const status = {
      id: gh.state.id(),
      state: 'success',
      description: `${version} promoted`,
      environment,
      target_url: '',
      log_url: '',
      environment_url: '',
      created_at: t,
      updated_at: t,
      hiddenReads: 0
    };
    gh.state.deployments.push({
      id: gh.state.id(),
      sha: 'f'.repeat(40),
      ref: 'main',
      task: 'deploy:shipgate',
      payload: { version, kind: 'rollout' },
      environment,
      description: `Canary ${version}`,
      transient_environment: false,
      production_environment: false,
      created_at: t,
      updated_at: t,
      statuses: [status],
      hiddenReads: 0
    });
  };

  return {
    gh,
    environment(name, stable = 'v1') {
      const infra = path.join(root, name);
      mkdirSync(infra, { recursive: true });
      writeFileSync(path.join(infra, 'stable'), `${stable}\n`);
      writeFileSync(path.join(infra, 'weight'), '0\n');
      appendFileSync(path.join(infra, 'commands.log'), '');
      seedStable(name, stable);
      const read = (f: string): string => (existsSync(path.join(infra, f)) ? readFileSync(path.join(infra, f), 'utf8').trim() : '');
      const env: Env = {
        name,
        infra,
        canaryUrl: `${base}/${name}/canary`,
        stableUrl: `${base}/${name}/stable`,
        commandInputs(commands = {}) {
          const c = { ...WORKING, ...commands };
          return {
            target: 'command',
            'deploy-command': c.deploy,
            'shift-command': c.shift,
            'promote-command': c.promote,
            'rollback-command': c.rollback,
            'command-timeout': '2s'
          };
        },
        deployInputs(version, extra = {}, commands = {}) {
          return {
            environment: name,
            'github-token': gh.token,
            ...env.commandInputs(commands),
            version,
            'canary-url': env.canaryUrl,
            'stable-url': env.stableUrl,
            steps: '20,100',
            'step-duration': '20s',
            'probe-rate': '100',
            'error-tolerance': '0.05',
            'max-latency': '2000',
            'min-samples': '50',
            ...extra
          };
        },
        runner(extra = {}) {
          return {
            ...extra,
            env: {
              GITHUB_API_URL: gh.url,
              GITHUB_GRAPHQL_URL: gh.graphqlUrl,
              GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
              RUNNER_ENVIRONMENT: 'github-hosted',
              INFRA: infra,
              // A hung GitHub is given up on after 1 s per attempt, with short pauses between retries.
              SHIPGATE_GITHUB_TIMEOUT: '1000',
              SHIPGATE_GITHUB_RETRY_DELAY: '100',
              ...(extra.env ?? {})
            },
            timeoutMs: extra.timeoutMs ?? 120_000
          };
        },
        traffic: () => ({ stable: read('stable'), canary: read('canary'), weight: read('weight') }),
        commands: () =>
          read('commands.log')
            .split('\n')
            .filter(Boolean)
            .map((l) => l.split('|')),
        ledger: () =>
          gh.state.deployments
            .filter((d) => d.environment === name)
            .map((d) => ({
              id: d.id,
              version: String((d.payload as { version?: string }).version),
              states: d.statuses.map((s) => s.state),
              descriptions: d.statuses.map((s) => s.description)
            })),
        leftProcesses() {
          const ids = (f: string) => read(f).split('\n').filter(Boolean).map(Number);
          return [...ids('pids').filter((p) => alive(p, true)), ...ids('hang.pids').filter((p) => alive(p, false))];
        }
      };
      return env;
    },
    async close() {
      await gh.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  };
}

/**
 * Calls `action` when the stand-in receives the `nth` request (1-based) that `match` accepts, before
 * that request is answered: a fault injected there hits exactly that request (and its retries).
 * Requests are matched on their method and raw path (the route template is not known yet).
 */
export function onRequest(gh: GitHubStandin, match: (method: string, path: string) => boolean, nth: number, action: () => void): () => void {
  let seen = 0;
  // Only `push` is swapped (and put back as it was): a view of the log with it as a plain property.
  const log: { push: (...items: LoggedRequest[]) => number } = gh.log;
  const original = log.push;
  log.push = function (this: LoggedRequest[], ...items: LoggedRequest[]): number {
    for (const item of items) if (match(item.method, item.path) && ++seen === nth) action();
    return original.apply(this, items);
  };
  return () => {
    log.push = original;
  };
}

/** Injects `fault` for every route in `routes`. */
export function injectAll(gh: GitHubStandin, routes: string[], fault: Omit<Fault, 'route'> & { kind: Fault['kind'] }): void {
  for (const route of routes) gh.inject({ ...fault, route } as Fault);
}

/** Waits up to `ms` for `check` to hold (process groups take a moment to go after a kill). */
export async function eventually(check: () => boolean, ms = 8000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/**
 * At most `n` at once: rows that run concurrently still share the machine with other test files,
 * and a judge's latency checks must not be starved by the fault tables.
 */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    while (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
