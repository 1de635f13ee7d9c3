import { GoogleGenAI } from '@google/genai';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, type GenerateContentResponse, startEmulator } from '../../src/index.js';
import { helloBody, parseSse, postModel } from '../../src/test-support/call-emulator.js';

const longPrompt = 'Explain at length, over several paragraphs, how bees find their way back to the hive.';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ separateFinishChunk: true, streamChunkChars: 40 });
});
afterAll(async () => {
  await emulator.close();
});

describe("streams ending as TokenOff's documentation shows (separateFinishChunk)", () => {
  it('ends on a parts-less chunk with finishReason and the final usage; no earlier chunk finishes', async () => {
    const response = await postModel(
      emulator.url,
      'gemini-2.5-pro',
      'streamGenerateContent',
      helloBody(longPrompt),
    );
    const chunks = parseSse(await response.text()) as GenerateContentResponse[];
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]).toEqual({ content: { role: 'model' }, finishReason: 'STOP', index: 0 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(
      true,
    );
    expect(last?.usageMetadata).toEqual(chunks.at(-2)?.usageMetadata);
  });

  it('@google/genai streams all the text and sees STOP on the last chunk', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: emulator.url } });
    let text = '';
    let finishReason: string | undefined;
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: longPrompt,
    })) {
      text += chunk.text ?? '';
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finishReason).toBe('STOP');
  });

  it('LangChain streams the same text as without the separate chunk', async () => {
    const collect = async (url: string) => {
      const model = new ChatGoogleGenerativeAI({
        model: 'gemini-2.5-flash',
        apiKey: 'k',
        baseUrl: url,
        maxRetries: 0,
      });
      let text = '';
      for await (const chunk of await model.stream(longPrompt))
        text += typeof chunk.content === 'string' ? chunk.content : '';
      return text;
    };
    const plain = await startEmulator({ streamChunkChars: 40 });
    try {
      expect(await collect(emulator.url)).toBe(await collect(plain.url));
    } finally {
      await plain.close();
    }
  });
});
