/**
 * Runs the real kubectl against a stand-in: an args array (no shell), the stand-in's kubeconfig,
 * a private HOME and discovery cache, and nothing inherited from the parent's environment.
 */
import { spawn } from 'node:child_process';

export interface KubectlOptions {
  /** Written to kubectl's stdin (for `-f -`). */
  input?: string;
  /** Kill kubectl after this long (default 20 s); the result then has `timedOut: true`. */
  timeoutMs?: number;
  /** Extra environment variables (e.g. KUBECTL_COMMAND_HEADERS=false). */
  env?: Record<string, string>;
  /** The kubectl binary (default 'kubectl' on PATH). */
  bin?: string;
}

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

interface HasEnv {
  kubectlEnv(): Record<string, string>;
}

/** Environment for kubectl against `standin` (KUBECONFIG, HOME, KUBECACHEDIR, PATH). */
export const kubectlEnv = (standin: HasEnv, extra: Record<string, string> = {}): Record<string, string> => ({ ...standin.kubectlEnv(), ...extra });

export function runKubectl(standin: HasEnv, args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.bin ?? 'kubectl', args, { env: kubectlEnv(standin, options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - startedAt });
    });
    child.stdin.end(options.input ?? '');
  });
}
