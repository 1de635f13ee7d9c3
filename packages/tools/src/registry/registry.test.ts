import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '@langchain/core/tools';
import type { ToolFactory } from '@tokenflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinToolFactories, builtinTools } from './builtin-tools.js';
import { createTool } from './create-tool.js';
import { createToolRegistry } from './create-tool-registry.js';

let pipelineDir: string;

beforeAll(async () => {
  pipelineDir = await mkdtemp(join(tmpdir(), 'tokenflow-registry-'));
  await mkdir(join(pipelineDir, 'docs'));
  await writeFile(join(pipelineDir, 'docs/a.txt'), 'from the pipeline folder');
});

afterAll(() => rm(pipelineDir, { recursive: true, force: true }));

describe('builtinTools', () => {
  it('names every built-in tool', () => {
    expect(builtinTools.names()).toEqual([
      'calculator',
      'chunk_text',
      'current_time',
      'http_fetch',
      'json_query',
      'list_files',
      'read_file',
      'regex_extract',
      'search_files',
      'text_stats',
      'write_file',
    ]);
  });

  it('builds each tool under its own name from minimal options', () => {
    const minimal: Record<string, unknown> = {
      read_file: { root: '.' },
      list_files: { root: '.' },
      search_files: { root: '.' },
      write_file: { root: '.', allowWrite: true },
    };
    for (const name of builtinTools.names()) {
      expect(createTool(builtinTools, name, minimal[name] ?? {}, { baseDir: pipelineDir }).name).toBe(name);
    }
  });

  it('resolves a relative root against the pipeline folder', async () => {
    const readTool = createTool(builtinTools, 'read_file', { root: './docs' }, { baseDir: pipelineDir });
    expect(await readTool.invoke({ path: 'a.txt' })).toBe('from the pipeline folder');
  });

  it('refuses bad options before anything runs, naming each option', () => {
    expect(() => createTool(builtinTools, 'write_file', { root: '.' }, { baseDir: pipelineDir })).toThrow(
      'Options for tool "write_file" are invalid: options.allowWrite: write_file writes files, so it must be enabled explicitly: add `allowWrite: true` to its options.',
    );
    expect(() =>
      createTool(
        builtinTools,
        'read_file',
        { root: '.', maxReadBytes: -1, colour: 1 },
        { baseDir: pipelineDir },
      ),
    ).toThrow(
      'Options for tool "read_file" are invalid: options.maxReadBytes: maxReadBytes must be at least 1; options: Unrecognized key: "colour".',
    );
    expect(() =>
      createTool(builtinTools, 'current_time', { defaultTimeZone: 'Nowhere/Land' }, { baseDir: pipelineDir }),
    ).toThrow(
      'options.defaultTimeZone: defaultTimeZone must be an IANA time zone name such as "Europe/Paris" or "UTC"',
    );
    expect(() => createTool(builtinTools, 'read_fil', {}, { baseDir: pipelineDir })).toThrow(
      'There is no tool named "read_fil"; the tools available are calculator, chunk_text,',
    );
  });
});

describe('createToolRegistry', () => {
  const weather: ToolFactory<{ unit: 'C' | 'F' }> = {
    name: 'weather',
    summary: 'Weather for a city.',
    options: z.object({ unit: z.enum(['C', 'F']) }).strict(),
    create: ({ unit }) =>
      tool(({ city }) => `Sunny in ${city}, 21°${unit}`, {
        name: 'weather',
        description: 'Weather for a city.',
        schema: z.object({ city: z.string() }),
      }),
  };

  it('adds user tools beside the built-ins', async () => {
    const registry = createToolRegistry([...builtinToolFactories, weather]);
    expect(registry.names()).toContain('weather');
    expect(registry.names()).toContain('read_file');
    const built = createTool(registry, 'weather', { unit: 'C' }, { baseDir: pipelineDir });
    expect(await built.invoke({ city: 'Paris' })).toBe('Sunny in Paris, 21°C');
  });

  it('refuses duplicate names and names Gemini would reject', () => {
    expect(() => createToolRegistry([weather, weather])).toThrow(
      'Two tool factories are named "weather"; rename one (names must be unique).',
    );
    expect(() => createToolRegistry([{ ...weather, name: 'my tool' }])).toThrow(
      'Tool name "my tool" is not a valid function name',
    );
  });
});
