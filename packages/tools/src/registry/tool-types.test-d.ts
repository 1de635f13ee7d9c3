import type { ToolFactory } from '@tokenflow/core';
import { describe, expectTypeOf, it } from 'vitest';
import { readFile } from '../files/read-file.js';
import { type WriteFileOptions, writeFile } from '../files/write-file.js';
import type { HttpFetchOptions, httpFetch } from '../http/http-fetch.js';
import { builtinToolFactories } from './builtin-tools.js';

describe('tool types', () => {
  it('gives every built-in factory the registry contract', () => {
    expectTypeOf(builtinToolFactories).toEqualTypeOf<readonly ToolFactory[]>();
  });

  it('requires allowWrite: true in TypeScript, not only at run time', () => {
    // @ts-expect-error allowWrite is required and must be true
    writeFile({ root: '.' });
    // @ts-expect-error false is not an opt-in
    writeFile({ root: '.', allowWrite: false });
    expectTypeOf<WriteFileOptions['allowWrite']>().toEqualTypeOf<true>();
  });

  it('types the arguments a tool takes from its schema', () => {
    const tool = readFile({ root: '.' });
    expectTypeOf(tool.schema.shape.path).not.toBeAny();
    expectTypeOf<Parameters<typeof httpFetch>[0]>().toEqualTypeOf<HttpFetchOptions | undefined>();
  });
});
