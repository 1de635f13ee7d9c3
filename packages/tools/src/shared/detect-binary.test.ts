import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksBinary, utf8Boundary } from './detect-binary.js';

describe('utf8Boundary', () => {
  it('never splits a character and gives up at most 3 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), (text, cutSeed) => {
        const bytes = Buffer.from(text, 'utf8');
        const cut = bytes.length === 0 ? 0 : cutSeed % (bytes.length + 1);
        const boundary = utf8Boundary(bytes, cut);
        expect(boundary).toBeLessThanOrEqual(cut);
        expect(cut - boundary).toBeLessThan(4);
        expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, boundary))).toBe(
          bytes.subarray(0, boundary).toString('utf8'),
        );
      }),
    );
  });
});

describe('looksBinary', () => {
  it('tells UTF-8 text, even cut mid-character, from bytes with NULs or invalid UTF-8', () => {
    expect(looksBinary(Buffer.from('héllo €'))).toBe(false);
    expect(looksBinary(Buffer.from('€€').subarray(0, 4))).toBe(false);
    expect(looksBinary(Buffer.from([0x68, 0x00, 0x69]))).toBe(true);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x41]))).toBe(true);
  });
});
