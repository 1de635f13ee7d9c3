import { resolve } from 'node:path';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { ToolFactory, ToolRegistry } from '../../registry/index.js';

const chunkTextOptions = z.strictObject({
  /** Characters per chunk. */
  size: z.int().positive().default(1000),
});

const chunkText: ToolFactory<z.infer<typeof chunkTextOptions>> = {
  name: 'chunk_text',
  summary: 'Splits a text into chunks of a fixed size',
  options: chunkTextOptions,
  create: (options) =>
    tool(
      async ({ text }: { text: string }) => {
        const chunks: string[] = [];
        for (let start = 0; start < text.length; start += options.size)
          chunks.push(text.slice(start, start + options.size));
        return JSON.stringify({ chunks });
      },
      { name: 'chunk_text', description: 'Split a text into chunks', schema: z.object({ text: z.string() }) },
    ),
};

const readFileOptions = z.strictObject({
  /** Folder the tool may read, relative to the pipeline file. */
  root: z.string(),
  maxBytes: z.int().positive().optional(),
});

const readFile: ToolFactory<z.infer<typeof readFileOptions>> = {
  name: 'read_file',
  summary: 'Reads a text file under a root folder',
  options: readFileOptions,
  create: (options, context) =>
    tool(async ({ path }: { path: string }) => `${resolve(context.baseDir, options.root)}:${path}`, {
      name: 'read_file',
      description: 'Read a file',
      schema: z.object({ path: z.string() }),
    }),
};

/** A small registry for spec tests: `chunk_text` (options `{ size }`) and `read_file` (`{ root, maxBytes? }`). */
export function createTestToolRegistry(): ToolRegistry {
  const factories = new Map<string, ToolFactory>([
    [chunkText.name, chunkText as ToolFactory],
    [readFile.name, readFile as ToolFactory],
  ]);
  return { get: (name) => factories.get(name), names: () => [...factories.keys()] };
}
