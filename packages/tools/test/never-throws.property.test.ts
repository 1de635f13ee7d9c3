import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinTools, createTool } from '../src/index.js';
import { createTempFolder, type TempFolder } from '../src/test-support/temp-folder.js';

let temp: TempFolder;

beforeAll(async () => {
  temp = await createTempFolder();
  await temp.file('notes/a.txt', 'hello');
});

afterAll(() => temp.remove());

const fileOptions: Record<string, unknown> = {
  read_file: { root: '.' },
  list_files: { root: '.' },
  search_files: { root: '.' },
  write_file: { root: '.', allowWrite: true },
};

/** Arguments a confused model might send: wrong types, missing fields, extra fields, odd strings. */
const argumentsLike = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'path',
      'url',
      'query',
      'expression',
      'json',
      'text',
      'pattern',
      'timeZone',
      'content',
      'maxTokens',
      'extra',
    ),
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    ),
  ),
  fc.anything({ maxDepth: 2 }),
);

describe('no built-in tool throws, whatever the model sends', () => {
  for (const name of builtinTools.names()) {
    it(`${name} answers every argument object with text or a tool message`, async () => {
      const tool = createTool(builtinTools, name, fileOptions[name] ?? {}, { baseDir: temp.path });
      await fc.assert(
        fc.asyncProperty(argumentsLike, async (args) => {
          const answer = await tool.invoke({
            type: 'tool_call',
            id: 'call',
            name,
            args: args as Record<string, unknown>,
          });
          expect(typeof answer.content).toBe('string');
        }),
        { numRuns: 150 },
      );
    });
  }
});
