/*
 * LangChain's standard chat-model contract through a gateway's chat model (gateway.chatModel()), where it
 * applies: the same checks as ../models/chat-tokenoff-contract*.test.ts (mapping table at the top of
 * chat-tokenoff-contract.test.ts) for what a caller sees of one call: LangSmith parameters, the answer's
 * usage and model, callbacks, structured-output tracing, and typed failures for requests that cannot be
 * built. Against the emulator.
 */

import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { describe, expect, it } from 'vitest';
import {
  adderSchema,
  failure,
  LlmRunRecorder,
  mathAdditionPrompt,
  RunRecorder,
  streamAll,
} from '../models/test-support/standard-contract.js';
import { useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();

const settings = { temperature: 0, maxOutputTokens: 100, thinkingConfig: { thinkingBudget: 0 } };

function chatModel(extra: Record<string, unknown> = {}) {
  return context.gateway().chatModel('gemini-2.5-flash', { settings: { ...settings, ...extra } });
}

function generations(requests = context.emulator.requests) {
  return requests.filter(
    (request) => request.action === 'generateContent' || request.action === 'streamGenerateContent',
  ).length;
}

describe("a gateway's chat model keeps LangChain's chat-model contract", () => {
  it('reports exactly the standard LangSmith parameters, the served model and its settings', () => {
    const model = chatModel();
    expect(Object.keys(model.getLsParams({} as never)).sort()).toEqual([
      'ls_max_tokens',
      'ls_model_name',
      'ls_model_type',
      'ls_provider',
      'ls_stop',
      'ls_temperature',
    ]);
    expect(model.getLsParams({ stop: ['END'] } as never)).toEqual({
      ls_provider: 'tokenoff',
      ls_model_name: 'gemini-2.5-flash',
      ls_model_type: 'chat',
      ls_temperature: 0,
      ls_max_tokens: 100,
      ls_stop: ['END'],
    });
  });

  it('answers invoke and stream with text, usage_metadata and response_metadata.model', async () => {
    const model = chatModel();
    const invoked = await model.invoke('Hello');
    const streamed = await streamAll(await model.stream('Hello'));
    for (const answer of [invoked, streamed]) {
      expect(answer.text).not.toBe('');
      expect(answer.usage_metadata).toMatchObject({
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      });
      expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
      expect(answer.response_metadata.model).toBe('gemini-2.5-flash');
    }
    expect(invoked).toBeInstanceOf(AIMessage);
  });

  it('fires chat-model start and end for one run, the one the caller named, on invoke and stream', async () => {
    const model = chatModel();
    for (const call of ['invoke', 'stream'] as const) {
      const recorder = new RunRecorder();
      const runId =
        call === 'invoke' ? '3f1c2b9a-7d4e-4c8b-a1f2-0e9d8c7b6a51' : '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c21';
      const options = { callbacks: [recorder], runId };
      if (call === 'invoke') await model.invoke('Hello', options);
      else await streamAll(await model.stream('Hello', options));
      expect(recorder.runs.map((run) => [run.event, run.runId])).toEqual([
        ['start', runId],
        ['end', runId],
      ]);
      const generation = recorder.runs[1]?.output?.generations[0]?.[0] as { message?: AIMessage } | undefined;
      expect(generation?.message?.response_metadata.model).toBe('gemini-2.5-flash');
      expect(generation?.message?.usage_metadata?.total_tokens).toBeGreaterThan(0);
    }
  });

  it('tells handlers through handleLLMStart and handleLLMEnd, for one run, when they have no chat-model start', async () => {
    const recorder = new LlmRunRecorder();
    const runId = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';
    await chatModel().invoke('Hello', { callbacks: [recorder], runId });
    expect(recorder.runs).toEqual([
      ['start', runId],
      ['end', runId],
    ]);
  });

  it('fires start and end for callbacks given to the model itself rather than the call', async () => {
    const recorder = new RunRecorder();
    const model = context.gateway().chatModel('gemini-2.5-flash', { langchain: { callbacks: [recorder] } });
    await model.invoke('Hello');
    await streamAll(await model.stream('Hello'));
    expect(recorder.runs.map((run) => run.event)).toEqual(['start', 'end', 'start', 'end']);
    expect(recorder.runs[1]?.runId).toBe(recorder.runs[0]?.runId);
    expect(recorder.runs[3]?.runId).toBe(recorder.runs[2]?.runId);
  });

  it('records the structured-output method and schema for tracing, in a run whose parent is the structured call', async () => {
    for (const method of ['jsonSchema', 'functionCalling'] as const) {
      const recorder = new RunRecorder();
      const runId =
        method === 'jsonSchema'
          ? '8c7d6e5f-4a3b-4c2d-9e1f-0a9b8c7d6e5f'
          : '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
      const structured = chatModel().withStructuredOutput(adderSchema, { name: 'math_addition', method });
      const result = await mathAdditionPrompt
        .pipe(structured)
        .invoke({ toolName: 'math_addition' }, { callbacks: [recorder], runId });
      expect(result).toEqual({ a: expect.any(Number), b: expect.any(Number) });
      expect(recorder.startOptions?.ls_structured_output_format).toEqual({
        kwargs: { method },
        schema: toJsonSchema(adderSchema),
      });
      const [start, end] = recorder.runs;
      expect(end?.runId).toBe(start?.runId);
      expect(start?.parentRunId).toBeDefined();
      expect(start?.parentRunId).not.toBe(start?.runId);
    }
  });

  it('answers a conversation with two system messages, joined into the system instruction', async () => {
    const answer = await chatModel().invoke([
      new SystemMessage('Be brief.'),
      new SystemMessage('Be kind.'),
      new HumanMessage('hello'),
    ]);
    expect(answer.text).not.toBe('');
    const body = context.emulator.requests.at(-1)?.body as { systemInstruction: { parts: unknown[] } };
    expect(body.systemInstruction.parts).toEqual([{ text: 'Be brief.' }, { text: 'Be kind.' }]);
  });

  it.each([
    ['a message LangChain cannot coerce', [['wizard', 'hi']]],
    ['an unknown content block', [new HumanMessage({ content: [{ type: 'hologram', data: 'x' }] as never })]],
    [
      'a tool result naming no call',
      [new HumanMessage('hi'), new ToolMessage({ tool_call_id: 'nobody', content: 'x' })],
    ],
  ])(
    'fails %s as invalid_request on invoke, streaming invoke and stream, sending nothing',
    async (_what, input) => {
      const before = generations();
      const errors = [
        await failure(chatModel().invoke(input as never)),
        await failure(chatModel({ streaming: true }).invoke(input as never)),
        await failure((async () => streamAll(await chatModel().stream(input as never)))()),
      ];
      for (const error of errors) expect(error).toMatchObject({ kind: 'invalid_request', retryable: false });
      expect(generations()).toBe(before);
    },
  );

  it('fires start and error for the same run when the call fails', async () => {
    const recorder = new RunRecorder();
    const orphan = new ToolMessage({ tool_call_id: 'nobody', content: 'x' });
    await failure(chatModel().invoke([new HumanMessage('hi'), orphan], { callbacks: [recorder] }));
    expect(recorder.runs.map((run) => run.event)).toEqual(['start', 'error']);
    expect(recorder.runs[1]?.runId).toBe(recorder.runs[0]?.runId);
    expect(recorder.runs[1]?.error).toMatchObject({ kind: 'invalid_request' });
  });

  it('fails invoke and stream with an already-aborted signal as aborted, sending nothing', async () => {
    const before = generations();
    const signal = AbortSignal.abort();
    const invoked = await failure(chatModel().invoke('hello', { signal }));
    const streamed = await failure((async () => streamAll(await chatModel().stream('hello', { signal })))());
    expect([invoked.kind, streamed.kind]).toEqual(['aborted', 'aborted']);
    expect(generations()).toBe(before);
  });
});
