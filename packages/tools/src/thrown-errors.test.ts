import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TokenflowError } from '@tokenflow/core';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup } from './http/guarded-lookup.js';
import { CalculationError } from './math/calculation-error.js';
import { createLimitedMath } from './math/limited-math.js';

const sourceFolder = import.meta.dirname;

async function sourceFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'test-support') files.push(...(await sourceFiles(path)));
    else if (entry.isFile() && /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name))
      files.push(path);
  }
  return files;
}

describe('errors thrown by the tools', () => {
  it('come from no plain Error class anywhere in the library source', async () => {
    const plain = /new (Error|TypeError|RangeError|SyntaxError)\(|extends (Error|TypeError|RangeError)\b/;
    const offenders: string[] = [];
    for (const file of await sourceFiles(sourceFolder)) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        // Lines in comments may show what callers do with results; only code counts.
        if (plain.test(line) && !/^\s*(\*|\/\/)/.test(line)) {
          offenders.push(`${relative(sourceFolder, file)}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  it('are CalculationErrors with a code when the calculator refuses or fails', () => {
    const evaluate = createLimitedMath({ maxExpressionLength: 100, timeoutMs: 60_000 });
    for (const [expression, code] of [
      ['', 'expression_invalid'],
      ['1:10', 'expression_refused'],
      ['evaluate("1")', 'expression_refused'],
      ['unknownSymbol + 1', 'calculation_failed'],
    ] as const) {
      expect(() => evaluate(expression), expression).toThrow(
        expect.objectContaining({ name: 'CalculationError', code }),
      );
    }
    expect(() => evaluate('unknownSymbol + 1')).toThrow(CalculationError);
    expect(() => evaluate('unknownSymbol + 1')).toThrow(TokenflowError);
  });

  it('tell a connection that DNS gave no address of the family it asked for, with Node’s ENOTFOUND code', async () => {
    const lookup = createGuardedLookup(
      async () => [{ address: '2001:db8::1', family: 6 }],
      () => undefined,
    );
    const failure = await new Promise<unknown>((resolve) => {
      lookup('example.test', { family: 4 }, (error) => resolve(error));
    });
    expect(failure).toBeInstanceOf(TokenflowError);
    expect(failure).toMatchObject({
      name: 'HostNotFoundError',
      code: 'ENOTFOUND',
      hostname: 'example.test',
      message: 'example.test has no IPv4 address',
    });
  });
});
