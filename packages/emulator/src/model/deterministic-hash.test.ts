import { describe, expect, it } from 'vitest';
import { createRandom, deriveBase64, hashString } from './deterministic-hash.js';

describe('deriveBase64 makes the same signature from the same key, on every machine and version', () => {
  it('writes the bytes its seeded generator draws, padded like base64 (values from before the rewrite)', () => {
    expect(['a', 'a', 'a', 'a'].map((key, index) => deriveBase64(`signature:${key}`, index + 1))).toEqual([
      'yQ==',
      'yaU=',
      'yaVL',
      'yaVLMA==',
    ]);
    expect(deriveBase64('signature:b', 5)).toBe('YUz6Wl8=');
    expect(deriveBase64('signature:gemini-3-flash-preview:4:123', 96)).toBe(
      'w8vJ96t17jO/DCRmWa/1bKSFfMsVUfNgprzK6qjIgWuU+e6rPLuD5T9unXAKIPy4Y4iDAVm5yeT59LqLOADqnt4Hqy+YSMdF1hBS0JhvXgxFdShV2txKqSJS92LtFwWT',
    );
  });

  it('encodes exactly the bytes createRandom draws for the key', () => {
    for (const length of [1, 2, 3, 17, 96]) {
      const random = createRandom(hashString('some key'));
      const bytes = Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      expect(deriveBase64('some key', length)).toBe(bytes.toString('base64'));
    }
  });
});
