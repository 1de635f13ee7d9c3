import type { StructuredToolInterface } from '@langchain/core/tools';
import { tool as langchainTool } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, createTool } from '../src/index.js';
import { createTempFolder, type TempFolder } from '../src/test-support/temp-folder.js';

let emulator: EmulatorHandle;
let temp: TempFolder;
let tools: StructuredToolInterface[];

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: ['test-key'] });
  temp = await createTempFolder();
  const options: Record<string, unknown> = {
    read_file: { root: '.' },
    list_files: { root: '.' },
    search_files: { root: '.' },
    write_file: { root: '.', allowWrite: true },
  };
  tools = builtinTools
    .names()
    .map((name) => createTool(builtinTools, name, options[name] ?? {}, { baseDir: temp.path }));
});

afterAll(async () => {
  await emulator.close();
  await temp.remove();
});

const model = () =>
  new ChatGoogleGenerativeAI({
    model: 'gemini-2.5-flash',
    apiKey: 'test-key',
    baseUrl: emulator.url,
    maxRetries: 0,
  });

describe('every built-in tool schema converts to a Gemini function declaration the API accepts', () => {
  it('is accepted as one declaration per tool (no 400)', async () => {
    for (const tool of tools) {
      const answer = await model().bindTools([tool]).invoke(`Say hello. (${tool.name})`);
      expect(answer.content, tool.name).toBeDefined();
    }
    const sent = emulator.requests.filter((request) => request.action === 'generateContent');
    expect(sent.map((request) => request.status)).toEqual(tools.map(() => 200));
  });

  it('is accepted with all tools declared together, each with its description and parameters', async () => {
    await model().bindTools(tools).invoke('Say hello.');
    const last = emulator.requests.at(-1) as { status?: number; body: unknown };
    expect(last.status).toBe(200);
    const declarations = (
      last.body as { tools: { functionDeclarations: { name: string; parameters?: unknown }[] }[] }
    ).tools[0]?.functionDeclarations;
    expect(declarations?.map((declaration) => declaration.name).sort()).toEqual(builtinTools.names());
    expect(declarations?.every((declaration) => declaration.parameters !== undefined)).toBe(true);
  });
});

describe('the check above can fail', () => {
  it('sees the emulator refuse a schema Gemini refuses (a `const` keyword)', async () => {
    const bad = langchainTool(() => 'x', {
      name: 'bad_tool',
      description: 'Has a literal.',
      schema: z.object({ kind: z.literal('only') }),
    });
    await expect(model().bindTools([bad]).invoke('Say hello.')).rejects.toThrow(/400|const/);
  });
});
