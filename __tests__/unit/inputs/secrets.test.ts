// Which parts of a header value are secret, and how text is cleaned of them (shared/inputs/secrets.ts).
import { describe, expect, test } from '@jest/globals';
import { headerSecrets, headerValueSecrets, redactUserinfo, redactor } from '../../../shared/inputs/secrets.js';

describe('header secrets', () => {
  test('the whole value and the token after a scheme word, never the scheme word', () => {
    expect(headerValueSecrets('Bearer s3cr3t-XYZ')).toEqual(['Bearer s3cr3t-XYZ', 's3cr3t-XYZ']);
    expect(headerValueSecrets('token ghp_abcdef123456')).toEqual(['token ghp_abcdef123456', 'ghp_abcdef123456']);
    expect(headerValueSecrets('  k3y-0f-th3-ap1  ')).toEqual(['k3y-0f-th3-ap1']);
  });

  test('Basic: the encoded pair, the decoded user:password and the password', () => {
    const encoded = Buffer.from('deployer:pa55w0rd-xyz').toString('base64');
    expect(headerValueSecrets(`Basic ${encoded}`)).toEqual([`Basic ${encoded}`, encoded, 'deployer:pa55w0rd-xyz', 'pa55w0rd-xyz']);
    // Not base64 of a pair: only the token itself.
    expect(headerValueSecrets('Basic not-base64!')).toEqual(['Basic not-base64!', 'not-base64!']);
  });

  test('Digest-style lists: each key=value and its value, unquoted', () => {
    const parts = headerValueSecrets('Digest username="Mufasa", response="6629fae49393a05397450978507c4ef1"');
    expect(parts).toEqual(expect.arrayContaining(['username="Mufasa"', 'Mufasa', '6629fae49393a05397450978507c4ef1']));
  });

  test('parts shorter than 4 characters are left out (they would mask ordinary words); whole values are kept', () => {
    expect(headerValueSecrets('Bearer abc')).toEqual(['Bearer abc']);
    expect(headerValueSecrets('x1')).toEqual(['x1']);
    expect(headerValueSecrets('   ')).toEqual([]);
  });

  test('every header, longest first', () => {
    expect(headerSecrets({ Authorization: 'Bearer s3cr3t-XYZ', 'X-Key': 'abcd' })).toEqual(['Bearer s3cr3t-XYZ', 's3cr3t-XYZ', 'abcd']);
  });
});

describe('redactor', () => {
  const redact = redactor(headerSecrets({ Authorization: 'Bearer s3cr3t/XYZ+1' }));

  test('replaces a secret part wherever it appears, also URL-encoded or JSON-escaped', () => {
    expect(redact('invalid token: s3cr3t/XYZ+1')).toBe('invalid token: ***');
    expect(redact('GET /?token=s3cr3t%2FXYZ%2B1 refused')).toBe('GET /?token=*** refused');
    expect(redact('{"token":"s3cr3t\\/XYZ+1"}')).toBe('{"token":"s3cr3t\\/XYZ+1"}'.replace('s3cr3t\\/XYZ+1', '***'));
    expect(redact('{"auth":"Bearer s3cr3t/XYZ+1"}')).toBe('{"auth":"***"}');
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });

  test('no secrets, no change', () => {
    expect(redactor([])('a text')).toBe('a text');
    expect(redactor(['  '])('a text')).toBe('a text');
  });
});

describe('redactUserinfo', () => {
  test.each([
    ['http://admin:hunter2@127.0.0.1:9/', 'http://***@127.0.0.1:9/'],
    ['http://admin:hunter2@', 'http://***@'],
    ['admin:hunter2@127.0.0.1:9', '***@127.0.0.1:9'],
    ['http:admin:hunter2@host/', '***@host/'],
    ['http://a@b@host/', 'http://***@host/'],
    ['http://ok/, http://u:p@h/', 'http://ok/, http://***@h/'],
    ['http://host/path/@user', 'http://host/path/@user'],
    ['http://host/?q=a@b', 'http://host/?q=a@b']
  ])('%s → %s', (text, shown) => {
    expect(redactUserinfo(text)).toBe(shown);
  });
});
