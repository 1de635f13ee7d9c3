import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, type GenerateContentResponse, startEmulator } from '../../src/index.js';
import { helloBody, parseSse, postModel } from '../../src/test-support/call-emulator.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const cannedAnswer = (text: string) => ({
  candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'scripted-1',
});

async function textOf(response: Response): Promise<string | undefined> {
  return ((await response.json()) as GenerateContentResponse).candidates?.[0]?.content?.parts?.[0]?.text;
}

describe('scripted responses', () => {
  it('answers a matching prompt with the scripted body and falls through to the model otherwise', async () => {
    emulator = await startEmulator({
      script: [{ prompt: 'capital of France', response: cannedAnswer('Paris') }],
    });
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: emulator.url,
      maxRetries: 0,
    });
    expect((await model.invoke('What is the capital of France?')).content).toBe('Paris');
    expect((await model.invoke('Something else entirely')).content).not.toBe('Paris');
  });

  it('matches by model and by RegExp on the last user text, and uses an entry only `times` times', async () => {
    emulator = await startEmulator();
    emulator.script([
      { model: 'gemini-2.5-pro', prompt: /^summari[sz]e/i, times: 2, response: cannedAnswer('Short.') },
    ]);
    const url = emulator.url;
    expect(
      await textOf(await postModel(url, 'gemini-2.5-flash', 'generateContent', helloBody('Summarise this'))),
    ).not.toBe('Short.');
    expect(
      await textOf(await postModel(url, 'gemini-2.5-pro', 'generateContent', helloBody('Summarize this'))),
    ).toBe('Short.');
    expect(
      await textOf(await postModel(url, 'gemini-2.5-pro', 'generateContent', helloBody('summarise that'))),
    ).toBe('Short.');
    expect(
      await textOf(await postModel(url, 'gemini-2.5-pro', 'generateContent', helloBody('Summarise again'))),
    ).not.toBe('Short.');
  });

  it('streams scripted chunks as SSE events, in order', async () => {
    emulator = await startEmulator({
      script: [{ chunks: [cannedAnswer('Hel'), cannedAnswer('lo'), cannedAnswer('!')] }],
    });
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'streamGenerateContent', helloBody());
    const chunks = parseSse(await response.text()) as GenerateContentResponse[];
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.text)).toEqual([
      'Hel',
      'lo',
      '!',
    ]);
  });

  it('answers a scripted error with its status, body and headers; LangChain sees the status', async () => {
    emulator = await startEmulator({
      script: [
        {
          prompt: 'fail',
          times: 1,
          error: {
            status: 429,
            body: { error: { code: 429, message: 'Please retry after 3s', status: 'RESOURCE_EXHAUSTED' } },
            headers: { 'retry-after': '3' },
          },
        },
      ],
    });
    const raw = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody('fail now'));
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('3');
    emulator.script([
      {
        prompt: 'fail',
        error: { status: 500, body: { error: { code: 500, message: 'boom', status: 'INTERNAL' } } },
      },
    ]);
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: emulator.url,
      maxRetries: 0,
    });
    await expect(model.invoke('fail again')).rejects.toMatchObject({ status: 500 });
  });

  it('applies a scripted fault to the model answer', async () => {
    emulator = await startEmulator({ script: [{ prompt: 'dangerous', fault: 'safety' }] });
    const response = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'generateContent',
      helloBody('something dangerous'),
    );
    expect(((await response.json()) as GenerateContentResponse).candidates?.[0]?.finishReason).toBe('SAFETY');
  });

  it('clears the script', async () => {
    emulator = await startEmulator({ script: [{ response: cannedAnswer('always') }] });
    expect(
      await textOf(await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody())),
    ).toBe('always');
    emulator.clearScript();
    expect(
      await textOf(await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody())),
    ).not.toBe('always');
  });

  it('refuses an entry with no answer or two answers, naming it', async () => {
    emulator = await startEmulator();
    expect(() => emulator?.script([{ prompt: 'x' }])).toThrow(/script\[0\]: expected exactly one of/);
    expect(() => emulator?.script([{ response: {}, fault: 'stall' }])).toThrow(/got response and fault/);
  });
});
