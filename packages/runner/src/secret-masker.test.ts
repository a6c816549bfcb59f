import { isRitmoError } from '@ritmo/shared';
import { describe, expect, it } from 'vitest';
import { createSecretMasker, type SecretMasker } from './secret-masker.js';

/** Feeds `text` to a masking stream cut at the given offsets. */
function streamed(masker: SecretMasker, text: string, cuts: number[]): string {
  const stream = masker.createStream();
  let out = '';
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    out += stream.write(text.slice(at, cut));
    at = cut;
  }
  return out + stream.flush();
}

/** Whether any base64 run in `text`, decoded at any alignment, still contains `secret`. */
function base64Leaks(text: string, secret: string): boolean {
  for (const run of text.split('***')) {
    for (const b64 of run.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
      for (let shift = 0; shift < 4; shift++) {
        const decoded = Buffer.from(b64.slice(shift).replaceAll('-', '+').replaceAll('_', '/'), 'base64');
        if (decoded.includes(secret)) return true;
      }
    }
  }
  return false;
}

const SECRETS = {
  TOKEN: 'tok_3xAmpl3-s3cr3t',
  PASSWORD: 'p@ss w/rd&"q"\\x',
  KEY: '-----BEGIN KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END KEY-----',
};

describe('createSecretMasker', () => {
  const masker = createSecretMasker(SECRETS);

  it('masks raw values wherever they appear', () => {
    expect(masker.mask(`token=${SECRETS.TOKEN}; again ${SECRETS.TOKEN}!`)).toBe('token=***; again ***!');
  });

  it('masks a multi-line value whole and each of its lines alone', () => {
    expect(masker.mask(`key:\n${SECRETS.KEY}\nend`)).toBe('key:\n***\nend');
    expect(masker.mask('line: hkiG9w0BAQEFAASC.')).toBe('line: ***.');
    expect(masker.mask('-----BEGIN KEY----- printed')).toBe('*** printed');
  });

  it('masks URL-encoded and form-encoded values', () => {
    expect(masker.mask(`?p=${encodeURIComponent(SECRETS.PASSWORD)}&x=1`)).toBe('?p=***&x=1');
    expect(masker.mask(`p=${encodeURIComponent(SECRETS.PASSWORD).replaceAll('%20', '+')}`)).toBe('p=***');
  });

  it('masks JSON-escaped values', () => {
    const json = JSON.stringify({ password: SECRETS.PASSWORD, key: SECRETS.KEY });
    const masked = masker.mask(json);
    expect(masked).toBe('{"password":"***","key":"***"}');
  });

  it('masks base64 of a value at every alignment inside a longer encoded text', () => {
    for (const secret of Object.values(SECRETS)) {
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 3; after++) {
          const encoded = Buffer.from(`${'x'.repeat(before)}${secret}${'y'.repeat(after)}`).toString('base64');
          const masked = masker.mask(`auth: ${encoded}`);
          expect(masked).toContain('***');
          expect(base64Leaks(masked, secret)).toBe(false);
          const url = masker.mask(encoded.replaceAll('+', '-').replaceAll('/', '_'));
          expect(base64Leaks(url, secret)).toBe(false);
        }
      }
    }
  });

  it('masks values split across writes at every offset, and at every pair of offsets', () => {
    const text = `a ${SECRETS.TOKEN} b ${SECRETS.PASSWORD}\n${SECRETS.KEY} c`;
    const expected = masker.mask(text);
    expect(expected).toBe('a *** b ***\n*** c');
    for (let i = 0; i <= text.length; i++) expect(streamed(masker, text, [i])).toBe(expected);
    const short = `x${SECRETS.TOKEN}y${SECRETS.TOKEN}z`;
    for (let i = 0; i <= short.length; i++) {
      for (let j = i; j <= short.length; j++) expect(streamed(masker, short, [i, j])).toBe('x***y***z');
    }
    const everyChar = [...text].map((_, i) => i);
    expect(streamed(masker, text, everyChar)).toBe(expected);
  });

  it('masks overlapping and nested secrets as one run, leaking neither', () => {
    const m = createSecretMasker({ A: 'abcdef12', B: 'ef12ghij', C: 'cdef' });
    const text = 'xxabcdef12ghijyy and cdef alone';
    expect(m.mask(text)).toBe('xx***yy and *** alone');
    for (let i = 0; i <= text.length; i++) expect(streamed(m, text, [i])).toBe('xx***yy and *** alone');
  });

  it('keeps a long run of repeated matches bounded and masked', () => {
    const m = createSecretMasker({ A: 'aaaa' });
    const stream = m.createStream();
    let out = '';
    for (let i = 0; i < 100; i++) out += stream.write('a'.repeat(1000));
    out += stream.write('\nok') + stream.flush();
    expect(out).toBe('***\nok');
  });

  it('passes text through untouched when there are no secrets', () => {
    const none = createSecretMasker({});
    expect(none.active).toBe(false);
    expect(streamed(none, 'plain text', [3])).toBe('plain text');
  });

  it('refuses values shorter than 4 characters, naming the secret but not its value', () => {
    let caught: unknown;
    try {
      createSecretMasker({ OK: 'long enough', PIN: 'x7q' });
    } catch (e: unknown) {
      caught = e;
    }
    expect(isRitmoError(caught, 'ERR_RUNNER_SECRET_TOO_SHORT')).toBe(true);
    expect((caught as Error).message).toContain('PIN');
    expect((caught as Error).message).not.toContain('x7q');
  });
});
