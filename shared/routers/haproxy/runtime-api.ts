import net from 'node:net';

/** Longest reply kept: a `show stat` of a very large configuration, not an unbounded stream. */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** The socket could not be reached or did not answer in time (as opposed to answering with an error text). */
export class HaproxySocketError extends Error {
  override readonly name = 'HaproxySocketError';
}

/**
 * HAProxy's runtime API over its Unix `stats socket`. Non-interactive use: one command per
 * connection, HAProxy answers and closes, so the reply is everything read until the close.
 * Success is usually an empty reply; failures are text ("No such server."), which the caller
 * judges, since some commands answer with data.
 */
export class HaproxyRuntimeApi {
  constructor(
    readonly socket: string,
    private readonly timeoutMs = 5000
  ) {}

  /** Sends one command, resolves with HAProxy's whole reply (trailing blank line included). */
  send(command: string): Promise<string> {
    // A line break would smuggle in a second command; callers validate names, this is the backstop.
    if (/[\r\n]/.test(command)) {
      return Promise.reject(new Error(`refusing to send ${JSON.stringify(command)} to haproxy-socket ${this.socket}: a command is one line`));
    }
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const conn = net.createConnection({ path: this.socket });
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        conn.destroy();
        if (err) reject(err);
        else resolve(Buffer.concat(chunks).toString('utf8'));
      };
      const timer = setTimeout(
        () => finish(new HaproxySocketError(`haproxy-socket ${this.socket} did not answer "${command}" within ${this.timeoutMs} ms.`)),
        this.timeoutMs
      );
      conn.on('connect', () => conn.write(`${command}\n`));
      conn.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REPLY_BYTES) {
          finish(new HaproxySocketError(`haproxy-socket ${this.socket} answered "${command}" with more than ${MAX_REPLY_BYTES} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      conn.on('end', () => finish(null));
      conn.on('error', (err: Error) => finish(new HaproxySocketError(`haproxy-socket ${this.socket} could not be asked "${command}": ${err.message}.`)));
      // A close without an end (a reset): whatever arrived is not a whole reply.
      conn.on('close', () => finish(new HaproxySocketError(`haproxy-socket ${this.socket} closed the connection before answering "${command}".`)));
    });
  }
}

/** A reply as one trimmed line of text, for messages and comparisons. */
export function replyText(reply: string): string {
  return reply.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * HAProxy allows only letters, digits, `-`, `_`, `.` and `:` in proxy and server names; anything
 * else (a space, `;`, `/`) would change the meaning of a runtime API command, so it is refused
 * before a command is built.
 */
export function checkHaproxyName(input: string, value: string): void {
  if (!/^[A-Za-z0-9_.:-]+$/.test(value)) {
    throw new Error(`${input} ${JSON.stringify(value)} is not a HAProxy name: use letters, digits, '-', '_', '.' and ':' only.`);
  }
}
