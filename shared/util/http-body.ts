/** What is read of an untrusted response body: enough to judge and show it, never all of it. */
export const BODY_READ_CAP = 64 * 1024;

/**
 * Reads at most `cap` bytes of the body as text, then cancels the stream so the rest is never
 * downloaded (a 100 MB error page costs 64 KiB, not 100 MB).
 */
export async function readCapped(res: Response, cap = BODY_READ_CAP): Promise<string> {
  if (!res.body) return '';
  // fetch's Response types its body loosely (ReadableStream<any>); it yields bytes.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < cap) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= cap) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, cap));
}

/** Drops a body without reading it (frees the connection; nothing is buffered). */
export async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}
