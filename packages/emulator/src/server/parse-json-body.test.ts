import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './parse-json-body.js';

describe('parseJsonBody reads each body on its own, though one decoder serves them all', () => {
  it('refuses invalid UTF-8 between valid bodies, and the next body still parses', () => {
    expect(parseJsonBody(Buffer.from('{"a": "é"}'), 100)).toEqual({ ok: true, value: { a: 'é' } });
    expect(parseJsonBody(Buffer.from([0x7b, 0x22, 0xc3, 0x22, 0x7d]), 100)).toEqual({
      ok: false,
      reason: 'Invalid UTF-8 in the request body.',
    });
    // a body cut inside a character must not leave half of it for the next one
    expect(parseJsonBody(Buffer.from([0x7b, 0x7d, 0xe2, 0x82]), 100).ok).toBe(false);
    expect(parseJsonBody(Buffer.from([0xac, 0x7b, 0x7d]), 100).ok).toBe(false);
    expect(parseJsonBody(Buffer.from('{"b": 2}'), 100)).toEqual({ ok: true, value: { b: 2 } });
  });

  it('drops a leading byte order mark, every time', () => {
    for (let index = 0; index < 2; index++) {
      expect(parseJsonBody(Buffer.from('\uFEFF{"c": 3}'), 100)).toEqual({ ok: true, value: { c: 3 } });
    }
  });

  it('refuses nesting deeper than the limit, and reads an empty body as {}', () => {
    expect(parseJsonBody(Buffer.from('[[[]]]'), 2)).toEqual({
      ok: false,
      reason: 'Nesting depth 3 exceeds the limit of 2.',
    });
    expect(parseJsonBody(Buffer.alloc(0), 2)).toEqual({ ok: true, value: {} });
  });
});
