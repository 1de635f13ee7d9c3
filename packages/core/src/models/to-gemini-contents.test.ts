import { AIMessage, ChatMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { thoughtSignaturesKey } from './gemini-parts.js';
import { placeholderThoughtSignature, toGeminiContents } from './to-gemini-contents.js';

const flash = { model: 'gemini-2.5-flash' };

describe('toGeminiContents', () => {
  it('puts leading system messages in systemInstruction and later ones in the user turn where they stand', () => {
    const { systemInstruction, contents } = toGeminiContents(
      [
        new SystemMessage('Be brief.'),
        new HumanMessage('Hi'),
        new AIMessage('Hello'),
        new SystemMessage('Now in French.'),
        new HumanMessage('Again'),
      ],
      flash,
    );
    expect(systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello' }] },
      { role: 'user', parts: [{ text: 'Now in French.' }, { text: 'Again' }] },
    ]);
  });

  it('sends system messages as user text when asked to', () => {
    const { systemInstruction, contents } = toGeminiContents(
      [new SystemMessage('Be brief.'), new HumanMessage('Hi')],
      {
        ...flash,
        systemAsUser: true,
      },
    );
    expect(systemInstruction).toBeUndefined();
    expect(contents).toEqual([{ role: 'user', parts: [{ text: 'Be brief.' }, { text: 'Hi' }] }]);
  });

  it('maps ChatMessage roles and refuses an unknown one, naming the message', () => {
    const { contents } = toGeminiContents(
      [new ChatMessage('Hi', 'user'), new ChatMessage('Hello', 'assistant')],
      flash,
    );
    expect(contents.map((content) => content.role)).toEqual(['user', 'model']);
    expect(() => toGeminiContents([new HumanMessage('Hi'), new ChatMessage('x', 'wizard')], flash)).toThrow(
      /message 2 is a ChatMessage with role "wizard"/,
    );
  });

  it('sends tool calls with their signatures, a placeholder only on Gemini 3, and tool results in one user turn', () => {
    const calls = new AIMessage({
      content: '',
      tool_calls: [
        { id: 'a', name: 'get_weather', args: { city: 'Paris' } },
        { id: 'b', name: 'get_weather', args: { city: 'Rome' } },
      ],
      additional_kwargs: { [thoughtSignaturesKey]: { b: 'sig-b' } },
    });
    const history = [
      new HumanMessage('Weather?'),
      calls,
      new ToolMessage({ tool_call_id: 'a', content: 'sunny' }),
      new ToolMessage({ tool_call_id: 'b', name: 'get_weather', content: 'rain', status: 'error' }),
    ];
    const on25 = toGeminiContents(history, flash).contents;
    expect(on25[1]?.parts).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
      { functionCall: { name: 'get_weather', args: { city: 'Rome' } }, thoughtSignature: 'sig-b' },
    ]);
    expect(on25[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { result: 'sunny' } } },
        { functionResponse: { name: 'get_weather', response: { error: { details: 'rain' } } } },
      ],
    });
    const on3 = toGeminiContents(history, { model: 'gemini-3-flash-preview' }).contents;
    expect(on3[1]?.parts[0]).toMatchObject({ thoughtSignature: placeholderThoughtSignature });
  });

  it('reads thinking, image and media blocks of both LangChain generations', () => {
    const { contents } = toGeminiContents(
      [
        new HumanMessage({
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } },
            { type: 'image', source_type: 'base64', data: 'BBBB', mime_type: 'image/png' },
            { type: 'image', url: 'https://example.com/cat.png', mimeType: 'image/png' },
            { type: 'file', data: 'CCCC', mimeType: 'application/pdf' },
          ] as never,
        }),
        new AIMessage({
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'text', text: 'A cat.' },
          ],
        }),
        new HumanMessage('Thanks'),
      ],
      flash,
    );
    expect(contents[0]?.parts).toEqual([
      { text: 'Look:' },
      { inlineData: { mimeType: 'image/jpeg', data: 'AAAA' } },
      { inlineData: { mimeType: 'image/png', data: 'BBBB' } },
      { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } },
      { inlineData: { mimeType: 'application/pdf', data: 'CCCC' } },
    ]);
    expect(contents[1]?.parts).toEqual([
      { text: 'hmm', thought: true, thoughtSignature: 'sig' },
      { text: 'A cat.' },
    ]);
  });

  it('refuses messages with nothing after the system instructions', () => {
    expect(() => toGeminiContents([new SystemMessage('Be brief.')], flash)).toThrow(/add a human message/);
  });
});
