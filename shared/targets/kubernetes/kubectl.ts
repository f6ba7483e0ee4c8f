import { spawn } from 'node:child_process';
import { childEnv } from '../../process/env.js';
import { formatDuration } from '../../util/duration.js';
import { escapeLogText } from '../../util/escape.js';
import type { Logger } from '../../util/log.js';

export interface KubectlOptions {
  /** Path or name of the kubectl binary; default `kubectl` (found on PATH). */
  kubectl?: string;
  /** kube-context: `--context <name>` on every command when set; else the kubeconfig's current context. */
  context?: string;
  /** namespace: `-n <namespace>` on every command when set; else the context's namespace. */
  namespace?: string;
  /**
   * The job's environment. kubectl gets what a `run: kubectl …` step would get (childEnv kind
   * `step`): KUBECONFIG, the cloud credentials a login action exported, PATH for exec plugins
   * (aws, gke-gcloud-auth-plugin, kubelogin); the action's INPUT_* values are withheld.
   */
  env: NodeJS.ProcessEnv;
  /** Per command (not `rollout status`, which has its own limit); default 60 s. The process is stopped after it. */
  timeoutMs?: number;
  logger: Logger;
}

/** What a command acts on, as kubectl names it: `deployment/web`, `httproute/web`, `ingress/web-canary`. */
export type ObjectRef = `${string}/${string}`;

/** Why a kubectl command failed, with kubectl's first error line kept apart for callers that decide on it. */
export class KubectlError extends Error {
  constructor(
    message: string,
    /** The verb as in the message: `get`, `apply`, `patch`, `scale`, `delete`, `roll out`. */
    readonly verb: string,
    readonly ref: string,
    /** kubectl's first error line, escaped ('' when it printed none). */
    readonly reason: string,
    readonly exitCode: number | null,
    readonly timedOut: boolean
  ) {
    super(message);
    this.name = 'KubectlError';
  }

  /**
   * The API server refused a write because the object changed: a 409, or a JSON patch whose `test`
   * failed. The API server answers a failed test with a 422 that kubectl prints as "The request is
   * invalid: the server rejected our request due to an error in our request" (the detail is in the
   * status causes); kubectl's own patch code says "testing value … failed: test failed".
   */
  get conflict(): boolean {
    return /\(Conflict\)|\b409\b|the object has been modified|test failed|testing value|unable to test|missing path|the server rejected our request due to an error in our request|Expected replicas to be/i.test(
      this.reason
    );
  }

  get notFound(): boolean {
    return /\(NotFound\)|not found/i.test(this.reason);
  }
}

export interface RunOptions {
  /** For the message: `get`, `apply`, `patch`, … */
  verb: string;
  /** For the message: the object acted on. */
  ref: string;
  stdin?: string;
  timeoutMs?: number;
  /** Aborting stops kubectl (SIGTERM, then SIGKILL); rollbacks pass none. */
  signal?: AbortSignal;
}

/** Most that is kept of kubectl's output (a `get -o json` of one object is far below). */
const MAX_STDOUT = 32 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
/** rollout status is given its own `--timeout`; the process gets this much longer before it is stopped. */
const ROLLOUT_GRACE_MS = 30_000;
const KILL_GRACE_MS = 2000;

/**
 * kubectl, always with an argument array (never a shell): `kubectl [--context C] [-n NS] <args>`.
 * JSON in (`apply -f -` on stdin, `-p` patches) and out (`-o json`). Every failure is one sentence
 * naming the object, e.g. `kubectl could not patch httproute/web in namespace prod: <first error line>`.
 */
export class Kubectl {
  constructor(readonly options: KubectlOptions) {}

  get binary(): string {
    return this.options.kubectl || 'kubectl';
  }

  /** ` in namespace prod` or ` in the context's default namespace`, for sentences. */
  get where(): string {
    return this.options.namespace ? ` in namespace ${this.options.namespace}` : " in the kube-context's default namespace";
  }

  /** The global flags every command starts with. */
  globalArgs(): string[] {
    const args: string[] = [];
    if (this.options.context) args.push('--context', this.options.context);
    if (this.options.namespace) args.push('-n', this.options.namespace);
    return args;
  }

  /** The object as JSON; throws (NotFound included) when kubectl cannot read it. */
  async get<T extends object>(ref: ObjectRef, signal?: AbortSignal): Promise<T> {
    const out = await this.run(['get', ref, '-o', 'json'], { verb: 'get', ref, signal });
    const obj = parseSingle<T>(out);
    if (!obj) throw new KubectlError(`kubectl could not get ${ref}${this.where}: it printed no object.`, 'get', ref, '', 0, false);
    return obj;
  }

  /** The object as JSON, or null when it does not exist (`--ignore-not-found`). */
  async find<T extends object>(ref: ObjectRef, signal?: AbortSignal): Promise<T | null> {
    const out = await this.run(['get', ref, '--ignore-not-found', '-o', 'json'], { verb: 'get', ref, signal });
    return parseSingle<T>(out);
  }

  /**
   * Creates or updates the object (`apply -f -`, the JSON on stdin). `--validate=false`: kubectl
   * would otherwise download the server's OpenAPI document to check the object on the client; the
   * API server checks it anyway (a 422 on a schema violation), and every object Shipgate builds is
   * validated against the Kubernetes schemas in its tests.
   */
  async apply(obj: { kind?: string; metadata?: { name?: string } }, signal?: AbortSignal): Promise<void> {
    const ref = `${String(obj.kind ?? 'object').toLowerCase()}/${obj.metadata?.name ?? ''}`;
    await this.run(['apply', '--validate=false', '-f', '-'], { verb: 'apply', ref, stdin: JSON.stringify(obj), signal });
  }

  /** Patches the object and returns it as the API server stored it (`-o json`). */
  async patch<T extends object>(ref: ObjectRef, type: 'json' | 'merge' | 'strategic', patch: unknown, signal?: AbortSignal): Promise<T | null> {
    const out = await this.run(['patch', ref, `--type=${type}`, '-p', JSON.stringify(patch), '-o', 'json'], { verb: 'patch', ref, signal });
    return parseSingle<T>(out);
  }

  /** `scale --replicas=N`, with `--current-replicas` as a precondition when given (a concurrent change fails it). */
  async scale(ref: ObjectRef, replicas: number, currentReplicas?: number, signal?: AbortSignal): Promise<void> {
    const args = ['scale', ref];
    if (currentReplicas !== undefined) args.push(`--current-replicas=${currentReplicas}`);
    args.push(`--replicas=${replicas}`);
    await this.run(args, { verb: 'scale', ref, signal });
  }

  /** Deletes the object; one that is already gone is not an error (`--ignore-not-found`). */
  async delete(ref: ObjectRef, signal?: AbortSignal): Promise<void> {
    await this.run(['delete', ref, '--ignore-not-found'], { verb: 'delete', ref, signal });
  }

  /**
   * Waits until the Deployment's rollout is complete (`rollout status --timeout`); a rollout that
   * does not finish in time is one sentence: "deployment/web-canary in namespace prod did not
   * become ready within 5m: …".
   */
  async rolloutStatus(ref: ObjectRef, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    try {
      await this.run(['rollout', 'status', ref, `--timeout=${seconds}s`], { verb: 'roll out', ref, timeoutMs: timeoutMs + ROLLOUT_GRACE_MS, signal });
    } catch (err) {
      if (!(err instanceof KubectlError)) throw err;
      if (err.timedOut || /timed out|exceeded its progress deadline/i.test(err.reason)) {
        throw new KubectlError(
          `${ref}${this.where} did not become ready within ${formatDuration(seconds * 1000, 'input')} (kubectl rollout status): ${err.reason || 'kubectl was stopped'}.`,
          err.verb,
          err.ref,
          err.reason,
          err.exitCode,
          true
        );
      }
      throw err;
    }
  }

  /** Runs `kubectl <global flags> <args>` and returns its stdout; throws a KubectlError on any failure. */
  run(args: string[], options: RunOptions): Promise<string> {
    const argv = [...this.globalArgs(), ...args];
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const what = `${options.ref}${this.where}`;
    const fail = (reason: string, exitCode: number | null, timedOut: boolean, detail?: string) =>
      new KubectlError(
        `kubectl could not ${options.verb} ${what}: ${detail ?? (reason || `it exited with code ${exitCode}`)}.`,
        options.verb,
        options.ref,
        reason,
        exitCode,
        timedOut
      );
    this.options.logger.debug(escapeLogText(`kubectl ${argv.map(quoteForLog).join(' ')}`, 1000));
    return new Promise<string>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(fail('', null, false, 'the job was cancelled'));
        return;
      }
      const child = spawn(this.binary, argv, {
        env: childEnv(this.options.env, { kind: 'step' }),
        stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true
      });
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let timedOut = false;
      let aborted = false;
      let tooLong = false;
      let killTimer: NodeJS.Timeout | undefined;
      const stop = () => {
        if (killTimer) return;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, timeoutMs);
      const onAbort = () => {
        aborted = true;
        stop();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > MAX_STDOUT) {
          tooLong = true;
          stop();
        } else out.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (err.length < MAX_STDERR) err += chunk.toString('utf8');
      });
      if (options.stdin !== undefined && child.stdin) {
        // kubectl may exit before reading stdin (a bad flag): that EPIPE is not the error to report.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.stdin);
      }
      const finish = () => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish();
        const detail =
          e.code === 'ENOENT'
            ? `${JSON.stringify(this.binary)} was not found (install kubectl on the runner or put it on PATH)`
            : `${JSON.stringify(this.binary)} could not be started (${e.code ?? e.message})`;
        reject(fail('', null, false, detail));
      });
      child.on('close', (code, signal) => {
        finish();
        const reason = firstErrorLine(err);
        if (timedOut)
          reject(fail(reason, code, true, `no answer within ${formatDuration(timeoutMs, 'input')}, kubectl was stopped${reason ? ` (${reason})` : ''}`));
        else if (aborted) reject(fail(reason, code, false, 'the job was cancelled'));
        else if (tooLong) reject(fail(reason, code, false, `its output passed ${MAX_STDOUT} bytes`));
        else if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(fail(reason, code, false, code === null ? `kubectl was killed by ${signal ?? 'a signal'}${reason ? ` (${reason})` : ''}` : undefined));
      });
    });
  }
}

/** `get -o json` of one name: the object; nothing (with --ignore-not-found) or an empty List: null. */
export function parseSingle<T extends object>(stdout: string): T | null {
  const text = stdout.trim();
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`kubectl printed something other than JSON: ${escapeLogText(text, 200)}`);
  }
  if (typeof data !== 'object' || data === null) throw new Error(`kubectl printed JSON that is not an object: ${escapeLogText(text, 200)}`);
  const list = data as { kind?: unknown; items?: unknown };
  if (typeof list.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items)) {
    if (list.items.length === 0) return null;
    return list.items[0] as T;
  }
  return data as T;
}

/**
 * The line of kubectl's stderr that says what went wrong: `error: …`, `Error from server (…): …`,
 * `The connection to the server … was refused`; client-go's log lines (`E0102 03:04:05.678 …`)
 * come before it and are skipped. Escaped: it may quote values from the cluster.
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const klog = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}/;
  const line =
    lines.find((l) =>
      /^(error|Error from server|The connection to the server|Unable to connect|the server |The request is invalid|The \w+ ".*" is invalid)/i.test(l)
    ) ??
    lines.find((l) => !klog.test(l)) ??
    lines[0] ??
    '';
  return escapeLogText(line.replace(/\.$/, ''), 300);
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.length > 200 ? `${arg.slice(0, 200)}…` : arg}'`;
}
