/**
 * Which parts of an input are secret, and how text is cleaned of them before anyone sees it.
 *
 * A header value is a secret in every part: `Authorization: Bearer s3cr3t` must hide `s3cr3t` on
 * its own too, because a service that refuses it often answers `invalid token: s3cr3t`, and the
 * runner only masks the exact strings it was told.
 */

/** Shorter parts would mask ordinary words all over the log; whole values are masked whatever their length. */
export const SECRET_PART_MIN = 4;

/** Authentication scheme words (IANA registry, plus common `token` and `ApiKey`): not secrets themselves. */
const SCHEMES = new Set([
  'basic',
  'bearer',
  'digest',
  'dpop',
  'gnap',
  'hoba',
  'mutual',
  'negotiate',
  'ntlm',
  'oauth',
  'privatetoken',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
  'aws4-hmac-sha256',
  'token',
  'apikey',
  'api-key',
  'key',
  'ssws',
  'splunk'
]);

/**
 * The secrets in one header value: the whole value, each token of it (the part after a scheme word
 * such as Bearer, Basic or token, each `key=value` value of a Digest-style list) and, for Basic,
 * the decoded `user:password` and password. Parts shorter than SECRET_PART_MIN are left out.
 */
export function headerValueSecrets(value: string): string[] {
  const whole = value.trim();
  if (!whole) return [];
  const out = new Set<string>([whole]);
  const tokens = whole.split(/[\s,;]+/).filter(Boolean);
  const scheme = tokens.length > 1 && SCHEMES.has(tokens[0].toLowerCase()) ? tokens[0].toLowerCase() : '';
  const add = (part: string) => {
    if (part.length >= SECRET_PART_MIN && !SCHEMES.has(part.toLowerCase())) out.add(part);
  };
  for (const token of scheme ? tokens.slice(1) : tokens) {
    add(token);
    const pair = /^[A-Za-z0-9_.-]+=(.*)$/.exec(token);
    if (pair) add(pair[1].replace(/^"(.*)"$/, '$1'));
  }
  if (scheme === 'basic' && tokens.length === 2) {
    const decoded = Buffer.from(tokens[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Only a real `user:password`: printable, and what it encodes back to.
    if (
      colon > 0 &&
      /^[\x20-\x7e\u00a0-\uffff]+$/.test(decoded) &&
      Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') === tokens[1].replace(/=+$/, '')
    ) {
      add(decoded);
      add(decoded.slice(colon + 1));
    }
  }
  return [...out];
}

/** Every secret of a set of headers, longest first (so a longer secret is replaced before a part of it). */
export function headerSecrets(headers: Record<string, string>): string[] {
  const all = new Set(Object.values(headers).flatMap(headerValueSecrets));
  return [...all].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every secret in a text with `***`, also as it appears URL-encoded or JSON-escaped
 * (a service may echo a token in a query string or a JSON string).
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    const v = s.trim();
    if (!v) continue;
    forms.add(v);
    forms.add(encodeURIComponent(v));
    const json = JSON.stringify(v).slice(1, -1);
    forms.add(json);
    // Some servers (PHP's json_encode) escape "/" too.
    forms.add(json.replace(/\//g, '\\/'));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const f of ordered) if (out.includes(f)) out = out.split(f).join('***');
    return out;
  };
}

/**
 * A URL-ish text with any user name and password replaced by `***` (`http://***@host/`), also when
 * it does not parse as a URL; each comma- or whitespace-separated item is treated on its own.
 */
export function redactUserinfo(text: string): string {
  return text.replace(
    /(^|[\s,])([A-Za-z][A-Za-z0-9+.-]*:[/\\]{2})?[^\s,/\\?#]*@/g,
    (_m, before: string, scheme: string | undefined) => `${before}${scheme ?? ''}***@`
  );
}
