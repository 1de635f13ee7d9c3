import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minRedactedSecretLength, quoteRaw, redactDeep, redactSecrets } from './redact-secrets.js';

const key = 'canary-KEY-0123456789abcdef';

/** Whether `text` still holds a slice of `secret` at least the minimum long. */
function leaks(text: string, secret: string): boolean {
  for (let start = 0; start + minRedactedSecretLength <= secret.length; start++) {
    if (text.includes(secret.slice(start, start + minRedactedSecretLength))) return true;
  }
  return false;
}

describe('redactSecrets', () => {
  it('redacts the whole key, a prefix of it and a slice from its middle', () => {
    const text = `a ${key} b "canary-KEY"... c KEY-0123 d`;
    const redacted = redactSecrets(text, [key]);
    expect(redacted).toBe('a [redacted] b "[redacted]"... c [redacted] d');
  });

  it('leaves pieces shorter than the minimum alone, and short secrets only whole', () => {
    expect(redactSecrets('canar and can', [key])).toBe('canar and can');
    expect(redactSecrets('abc abcd ab', ['abc'])).toBe('[redacted] [redacted]d ab');
  });

  it('leaves no slice of the minimum length for any key and any surrounding text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: minRedactedSecretLength, maxLength: 40 }),
        fc.string({ maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (secret, noise, from, length) => {
          const start = from % secret.length;
          const slice = secret.slice(start, start + minRedactedSecretLength + (length % secret.length));
          const text = `${noise}${slice}${noise}${secret}`;
          expect(leaks(redactSecrets(text, [secret]), secret)).toBe(false);
        },
      ),
    );
  });
});

describe('quoteRaw', () => {
  it('cuts long text after redacting, so a cut through the key cannot hide a prefix', () => {
    const text = `${'x'.repeat(495)}${key}`;
    const quoted = quoteRaw(text, [key], 500);
    expect(quoted).toBe(`${'x'.repeat(495)}[reda…`);
  });
});

describe('redactDeep', () => {
  it('redacts every string of a JSON value, keys included, and keeps its shape', () => {
    const value = [{ reason: 'API_KEY_INVALID', metadata: { key, [key]: 1, nested: [`k=${key}`] } }];
    expect(redactDeep(value, [key])).toEqual([
      {
        reason: 'API_KEY_INVALID',
        metadata: { key: '[redacted]', '[redacted]': 1, nested: ['k=[redacted]'] },
      },
    ]);
  });
});
