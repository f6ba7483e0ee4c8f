/** The job was cancelled (SIGINT/SIGTERM from the runner, or an AbortSignal). */
export class CancelledError extends Error {
  constructor(message = 'the job was cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function errorMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/\.\s*$/, '');
}
