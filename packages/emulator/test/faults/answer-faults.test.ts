import { GoogleGenAI } from '@google/genai';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EmulatorHandle,
  type FaultName,
  type GenerateContentResponse,
  startEmulator,
} from '../../src/index.js';
import { helloBody, parseSse, postModel } from '../../src/test-support/call-emulator.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function withFault(fault: FaultName, model = 'gemini-2.5-flash'): Promise<EmulatorHandle> {
  emulator = await startEmulator({ faults: { [model]: { rates: { [fault]: 1 } } } });
  return emulator;
}

describe('faults that change the answer', () => {
  it('promptBlocked: 200 with promptFeedback and no candidates; LangChain raises, genai shows the reason', async () => {
    const server = await withFault('promptBlocked');
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: server.url } });
    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello' });
    expect(response.candidates).toBeUndefined();
    expect(response.promptFeedback?.blockReason).toBe('PROHIBITED_CONTENT');
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
    });
    await expect(model.invoke('Hello')).rejects.toThrow();
    const stream = await postModel(server.url, 'gemini-2.5-flash', 'streamGenerateContent', helloBody());
    const chunks = parseSse(await stream.text()) as GenerateContentResponse[];
    expect(chunks).toHaveLength(1);
    expect(Object.keys(chunks[0] ?? {})).toEqual([
      'promptFeedback',
      'usageMetadata',
      'modelVersion',
      'responseId',
    ]);
  });

  it('safety: finishReason SAFETY with content {} and a blocked rating; the SDK text() throws', async () => {
    const server = await withFault('safety');
    const model = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'gemini-2.5-flash' },
      { baseUrl: server.url },
    );
    const result = await model.generateContent('Hello');
    const candidate = result.response.candidates?.[0];
    expect(candidate?.finishReason).toBe('SAFETY');
    expect(candidate?.content).toEqual({});
    expect(candidate?.safetyRatings?.some((rating) => rating.blocked === true)).toBe(true);
    expect(() => result.response.text()).toThrow(/SAFETY/);
  });

  it('maxTokensEmpty: MAX_TOKENS with a role-only content; LangChain returns an empty message', async () => {
    const server = await withFault('maxTokensEmpty');
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
    });
    const answer = await model.invoke('Hello');
    expect(answer.response_metadata.finishReason).toBe('MAX_TOKENS');
    expect(answer.content).toEqual([]);
    const raw = (await (
      await postModel(server.url, 'gemini-2.5-flash', 'generateContent', helloBody())
    ).json()) as GenerateContentResponse;
    expect(raw.candidates?.[0]?.content).toEqual({ role: 'model' });
    expect(raw.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(raw.usageMetadata.candidatesTokenCount).toBeUndefined();
  });

  it('malformedFunctionCall: MALFORMED_FUNCTION_CALL with a finishMessage and no content', async () => {
    const server = await withFault('malformedFunctionCall', 'gemini-2.5-pro');
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: server.url } });
    const response = await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Call the tool' });
    expect(response.candidates?.[0]?.finishReason).toBe('MALFORMED_FUNCTION_CALL');
    expect(response.candidates?.[0]?.content).toBeUndefined();
    const raw = (await (
      await postModel(server.url, 'gemini-2.5-pro', 'generateContent', helloBody())
    ).json()) as GenerateContentResponse;
    expect(raw.candidates?.[0]?.finishMessage).toMatch(/^Malformed function call/);
  });

  it('unexpectedToolCall: a single stream chunk with UNEXPECTED_TOOL_CALL and no content, as recorded', async () => {
    const server = await withFault('unexpectedToolCall');
    const response = await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=sse',
      helloBody('2 + 2'),
    );
    const chunks = parseSse(await response.text()) as GenerateContentResponse[];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.candidates).toEqual([{ finishReason: 'UNEXPECTED_TOOL_CALL', index: 0 }]);
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
    });
    await expect(model.invoke('2 + 2')).rejects.toThrow();
  });
});
