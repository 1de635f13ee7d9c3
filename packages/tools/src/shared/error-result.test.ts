import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeThrown, errorResult } from './error-result.js';

describe('describeThrown', () => {
  it('tells a Node system error by its call and code, never by the paths in its message', async () => {
    const missing = join(tmpdir(), 'tokenflow-no-such-folder', 'file.txt');
    const thrown = await open(missing, 'r').catch((error: unknown) => error);
    expect(String((thrown as Error).message)).toContain(missing);
    expect(describeThrown(thrown)).toBe('the system call open failed with ENOENT');
    expect(errorResult(describeThrown(thrown))).not.toContain(tmpdir());
  });

  it('keeps the message of any other error, and shows anything else as text', () => {
    expect(describeThrown(new Error('the expression is empty'))).toBe('the expression is empty');
    expect(describeThrown('plain text')).toBe('plain text');
  });
});
