import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';

const apiKey = 'langchain-test-key';
let emulator: EmulatorHandle;

function chatModel(
  model: string,
  extra: Partial<ConstructorParameters<typeof ChatGoogleGenerativeAI>[0]> = {},
) {
  return new ChatGoogleGenerativeAI({ model, apiKey, baseUrl: emulator.url, maxRetries: 0, ...extra });
}

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [apiKey] });
});
afterAll(async () => {
  await emulator.close();
});

describe("LangChain's stock ChatGoogleGenerativeAI with baseUrl", () => {
  it('invokes with a system message and reads usage', async () => {
    const answer = await chatModel('gemini-2.5-flash').invoke([
      new SystemMessage('You are terse.'),
      new HumanMessage('Name three colours of the rainbow.'),
    ]);
    expect(typeof answer.content === 'string' ? answer.content : '').not.toBe('');
    expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(answer.response_metadata.finishReason).toBe('STOP');
    const sent = emulator.requests.at(-1)?.body as { systemInstruction?: { role?: string } };
    expect(sent.systemInstruction?.role).toBe('system');
  });

  it('streams several chunks whose usage adds up to the final totals', async () => {
    const stream = await chatModel('gemini-2.5-pro').stream(
      'Describe, in several long paragraphs, how a glacier carves a valley over thousands of years.',
    );
    let text = '';
    let chunks = 0;
    let inputTokens = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += typeof chunk.content === 'string' ? chunk.content : '';
      inputTokens += chunk.usage_metadata?.input_tokens ?? 0;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(text.length).toBeGreaterThan(0);
    // cumulative usage on every chunk means LangChain's delta arithmetic counts the prompt exactly once
    const counted = await fetch(`${emulator.url}/v1beta/models/gemini-2.5-pro:countTokens`, {
      method: 'POST',
      headers: { 'x-goog-api-key': apiKey },
      body: JSON.stringify({
        contents: (emulator.requests.at(-1)?.body as { contents?: unknown } | undefined)?.contents,
      }),
    });
    expect(inputTokens).toBe(((await counted.json()) as { totalTokens: number }).totalTokens);
  });

  it('passes thinkingConfig through and returns thought parts as thinking blocks', async () => {
    const answer = await chatModel('gemini-2.5-flash', {
      thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 },
    } as Partial<ConstructorParameters<typeof ChatGoogleGenerativeAI>[0]>).invoke('Why is the sea salty?');
    expect(Array.isArray(answer.content)).toBe(true);
    const blocks = answer.content as { type: string }[];
    expect(blocks[0]?.type).toBe('thinking');
    expect(blocks.some((block) => block.type === 'text')).toBe(true);
  });
});
